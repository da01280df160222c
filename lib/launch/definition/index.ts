import { googleApiSubworkflows } from './google-apis';
import { jobsetSubworkflows } from './jobset-launch';
import { kubernetesApiSubworkflows } from './kubernetes-api';
import { kueueWatchSubworkflows } from './kueue-watch';
import { launchRecordSubworkflows } from './launch-records';
import { launchSubworkflows } from './launch';
import { mainSubworkflows } from './main';
import { manifestSubworkflows } from './manifests';
import { modelVersionSubworkflows } from './model-version';
import { LaunchRoute, requestSubworkflows } from './requests';
import { SCHEDULE_SLOT, scheduleSlotSubworkflow } from './schedule-slot';
import { Subworkflow } from './syntax';

/**
 * The launcher workflow (Cloud Workflows) as a JSON definition: pure data, no cdktf import. See
 * `main.ts` for the entry point, `requests.ts` for what starts a launch and how it is keyed,
 * `launch-records.ts` for how one key starts one run, `launch.ts` for the launch itself
 * (`jobset-launch.ts` on GKE),
 * `model-version.ts` for model versions, `google-apis.ts` for retries, `kubernetes-api.ts` for
 * calls to a GKE cluster (the Kubernetes API connector), `kueue-watch.ts` for runs Kueue deactivates.
 */

export { LOCK_PREFIX, LEASE_SECONDS } from './launch-records';
export { FAILURES_LOGGED } from './main';
export { JOBSET_NAME_DIGITS, LAUNCH_KEY_LABEL } from './jobset-launch';
export { MANIFEST_PATTERN } from './requests';
export type { LaunchRoute } from './requests';
export { scheduleMessage, scheduleMessageData } from './schedule-slot';
export type { ScheduleMessage } from './schedule-slot';

/** What the definition is built from. */
export interface LauncherDefinitionOptions {
  /** The on-new-data routes, in declaration order. */
  readonly routes: readonly LaunchRoute[];
}

/** The workflow definition; serialize with JSON.stringify. */
export function launcherWorkflowDefinition(options: LauncherDefinitionOptions): { [name: string]: Subworkflow } {
  return {
    ...mainSubworkflows(options.routes),
    ...requestSubworkflows(),
    [SCHEDULE_SLOT]: scheduleSlotSubworkflow(),
    ...launchSubworkflows(),
    ...jobsetSubworkflows(),
    ...modelVersionSubworkflows(),
    ...manifestSubworkflows(),
    ...launchRecordSubworkflows(),
    ...googleApiSubworkflows(),
    ...kubernetesApiSubworkflows(),
    ...kueueWatchSubworkflows(),
  };
}
