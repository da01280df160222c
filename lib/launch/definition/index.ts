import { concurrencySubworkflows } from './concurrency';
import { dataBatchSubworkflows } from './data-batch';
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
import { triggerEnvSubworkflows } from './trigger-env';

/**
 * The launcher workflow (Cloud Workflows) as a JSON definition: pure data, no cdktf import. See
 * `main.ts` for the entry point, `requests.ts` for what starts a launch and how it is keyed,
 * `launch-records.ts` for how one key starts one run, `launch.ts` for the launch itself
 * (`jobset-launch.ts` on GKE),
 * `concurrency.ts` for a job's concurrency policy (the per-job gate and counting active runs),
 * `model-version.ts` for model versions, `google-apis.ts` for retries, `kubernetes-api.ts` for
 * calls to a GKE cluster (the Kubernetes API connector), `kueue-watch.ts` for runs Kueue deactivates,
 * `data-batch.ts` for the objects of a coalesced data route's window, `trigger-env.ts` for
 * `VT_TRIGGER_OBJECTS`, what a data launch tells its run.
 */

export { LOCK_PREFIX, LEASE_SECONDS } from './launch-records';
export { FAILURES_LOGGED } from './main';
export { JOBSET_NAME_DIGITS, LAUNCH_KEY_LABEL } from './jobset-launch';
export { GATE_LEASE_SECONDS, GATE_MARGIN_SECONDS, GATE_PREFIX, GATE_WAIT_SECONDS } from './concurrency';
export { MANIFEST_PATTERN } from './requests';
export type { LaunchRoute, RouteFilter } from './requests';
export { MAX_BATCH_OBJECTS } from './data-batch';
export { TRIGGER_OBJECTS_ENV } from './trigger-env';
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
    ...concurrencySubworkflows(),
    ...modelVersionSubworkflows(),
    ...manifestSubworkflows(),
    ...launchRecordSubworkflows(),
    ...dataBatchSubworkflows(),
    ...triggerEnvSubworkflows(),
    ...googleApiSubworkflows(),
    ...kubernetesApiSubworkflows(),
    ...kueueWatchSubworkflows(),
  };
}
