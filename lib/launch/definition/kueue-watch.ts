import { CLUSTER_RETRY, kubeRequest } from './kubernetes-api';
import { assign, call, forEach, quoted, returns, Subworkflow, switchOn, tryRetry, x } from './syntax';
import { KUEUE_API_VERSION } from '../../spec/gke/labels';

/**
 * What the watch learns from Kueue about a JobSet that has no terminal state yet. Kueue keeps a
 * queued JobSet suspended until its Workload is admitted, and suspends it again on eviction; when
 * it deactivates the Workload (`spec.active: false`: `waitForPodsReady` requeues reached
 * `backoffLimitCount`, an admission check such as a ProvisioningRequest was rejected, the maximum
 * execution time passed, or a person did it), nothing admits it again and the JobSet stays
 * suspended with no `terminalState`, so without this the run would look active until the watch's
 * budget ran out. An evicted Workload that is still active is requeued, and is not an end.
 *
 * Kueue labels a job's Workload with the job's UID (`kueue.x-k8s.io/job-uid`,
 * https://kueue.sigs.k8s.io/docs/reference/labels-and-annotations/), so one list by that label finds
 * it; the launcher's Role allows `list` on `workloads.kueue.x-k8s.io` in the team namespace
 * (lib/gke/team-queue.ts). Kueue v0.19 serves `kueue.x-k8s.io/v1beta2`. The reason is the
 * `Evicted` condition's (`Deactivated`, or `DeactivatedDueTo<cause>`, e.g.
 * `DeactivatedDueToRequeuingLimitExceeded`, `DeactivatedDueToAdmissionCheck`), else the temporary
 * `DeactivationTarget` condition's.
 */

/** Subworkflow names. */
export const WORKLOAD_END = 'workload_end';
const DEACTIVATION = 'workload_deactivation';

/** Where Workloads live in a cluster's Kubernetes API. */
export const WORKLOAD_API_PATH = `/apis/${KUEUE_API_VERSION}/namespaces/`;

/** The label Kueue puts on a job's Workload: the UID of the job that owns it. */
export const JOB_UID_LABEL = 'kueue.x-k8s.io/job-uid';

/** The state the watch gives a run whose Workload Kueue deactivated. */
export const DEACTIVATED_STATE = 'WORKLOAD_DEACTIVATED';

/** The subworkflows of this file, by name. */
export function kueueWatchSubworkflows(): { [name: string]: Subworkflow } {
  return { [WORKLOAD_END]: workloadEnd(), [DEACTIVATION]: deactivation() };
}

/**
 * `workload_end(cluster, jobset)`: the JobSet as read, with `state` WORKLOAD_DEACTIVATED and an
 * `error` {reason, message, workload} added when its Workload is deactivated. For a JobSet that
 * Kueue keeps suspended; costs 5 steps when nothing ended.
 */
function workloadEnd(): Subworkflow {
  return {
    params: ['cluster', 'jobset'],
    steps: [
      tryRetry('list', [
        kubeRequest('attempt', 'GET', `${quoted(WORKLOAD_API_PATH)} + cluster.namespace + "/workloads"`, {
          query: { labelSelector: x(`${quoted(`${JOB_UID_LABEL}=`)} + jobset.metadata.uid`) },
        }, 'response'),
      ], CLUSTER_RETRY),
      forEach('each', 'workload', x('default(map.get(response.body, "items"), [])'), [
        switchOn('inactive', [{
          condition: x('map.get(workload, ["spec", "active"]) == false'),
          steps: [
            call('why', DEACTIVATION, { workload: x('workload') }, 'ended'),
            returns('deactivated', x('map.merge(jobset, ended)')),
          ],
        }]),
      ]),
      returns('active', x('jobset')),
    ],
  };
}

/** `workload_deactivation(workload)`: `{state, error: {reason, message, workload}}` of a deactivated Workload. */
function deactivation(): Subworkflow {
  return {
    params: ['workload'],
    steps: [
      assign('init', [
        ['evicted', null],
        ['target', null],
        ['fallback', { reason: 'Deactivated', message: 'the Workload has spec.active false' }],
      ]),
      forEach('conditions', 'c', x('default(map.get(workload, ["status", "conditions"]), [])'), [
        switchOn('which', [
          { condition: x('map.get(c, "type") == "Evicted" and map.get(c, "status") == "True"'), steps: [assign('by_eviction', [['evicted', x('c')]])] },
          { condition: x('map.get(c, "type") == "DeactivationTarget" and map.get(c, "status") == "True"'), steps: [assign('by_target', [['target', x('c')]])] },
        ]),
      ]),
      assign('why', [['found', x('default(evicted, default(target, fallback))')]]),
      returns('ended', {
        state: DEACTIVATED_STATE,
        error: {
          reason: x('default(map.get(found, "reason"), fallback.reason)'),
          message: x('default(map.get(found, "message"), "")'),
          workload: x('map.get(workload, ["metadata", "name"])'),
        },
      }),
    ],
  };
}
