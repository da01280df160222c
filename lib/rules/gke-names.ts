import { resourceNameRegExp } from './network';

/** Longest node pool name GKE accepts. */
export const NODE_POOL_NAME_MAX = 40;

/** Node pool names: GKE's rule (lowercase letter first, letters, digits, hyphens, ≤ 40). */
export const NODE_POOL_NAME = resourceNameRegExp(NODE_POOL_NAME_MAX);

/** GKE cluster names: 1-40 lowercase letters, digits or hyphens, starting with a letter, ending with a letter or digit. */
export const GKE_CLUSTER_NAME = resourceNameRegExp(40);
