import { RuleResult } from '../rules/result';
import { JOBSET_CHART, KUEUE_CHART } from './addon-charts';

/**
 * Namespaces that Kubernetes, GKE and the add-ons own: a team namespace is never one of them (its
 * NetworkPolicy, Role and Workload Identity binding would land among the system's pods).
 */
export const SYSTEM_NAMESPACES: readonly string[] = [
  'default', 'kube-system', 'kube-public', 'kube-node-lease', KUEUE_CHART.namespace, JOBSET_CHART.namespace, 'gmp-system', 'gmp-public',
];
/** Prefix of the namespaces GKE manages itself (`gke-managed-system`, `gke-managed-cim`, ...). */
export const GKE_MANAGED_NAMESPACE_PREFIX = 'gke-managed-';

/** A namespace the library may create for a team: not one of {@link SYSTEM_NAMESPACES}, not `gke-managed-*`. */
export function notSystemNamespace(value: string): RuleResult {
  if (!SYSTEM_NAMESPACES.includes(value) && !value.startsWith(GKE_MANAGED_NAMESPACE_PREFIX)) return undefined;
  return `must not be a namespace of the system (${SYSTEM_NAMESPACES.join(', ')}, ${GKE_MANAGED_NAMESPACE_PREFIX}*): ` +
    "a team namespace is `<environment prefix>-<team>`; rename the team or set the environment's prefix";
}
