/**
 * Labels and names that several GKE layers share: the Kueue and JobSet renderers, the constructs,
 * the policy rules and the report. A leaf module (no imports but types), so that what needs a
 * label's name loads no renderer with it (lib/core/lazy.ts).
 */
import type { PoolRole } from '../worker-pools';

/** Kueue's label naming the LocalQueue of a workload (a JobSet). */
export const QUEUE_NAME_LABEL = 'kueue.x-k8s.io/queue-name';
/** Kueue's label naming the WorkloadPriorityClass of a workload. */
export const PRIORITY_CLASS_LABEL = 'kueue.x-k8s.io/priority-class';

/** Name of the system node pool of a cluster the library creates. */
export const SYSTEM_POOL_NAME = 'system';
/** Node label of the system pool's nodes: the add-on controllers prefer them. */
export const SYSTEM_POOL_LABEL: { readonly key: string; readonly value: string } = { key: 'vertex-training/node-role', value: 'system' };

/** Replicated job name of each pool role in a JobSet (DNS labels: they name pods). */
export const REPLICATED_JOB_NAMES: { readonly [role in PoolRole]: string } = {
  primary: 'primary',
  workers: 'workers',
  parameterServers: 'parameter-servers',
  evaluators: 'evaluators',
  reductionServer: 'reduction-server',
};
