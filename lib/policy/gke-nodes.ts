import { at, block, isToken } from './inspect';
import { PolicySubject } from './rule';

/** The GKE resource types whose nodes the GKE rules examine. */
export const GKE_CLUSTER = 'google_container_cluster';
export const GKE_NODE_POOL = 'google_container_node_pool';

/** One set of node settings of a GKE subject, and the field path a problem names. */
export interface NodeSettings {
  /** `node_config`, `node_pool[1].node_config`, or `cluster_autoscaling.auto_provisioning_defaults`. */
  readonly field: string;
  /** The settings; undefined when the block is absent (GKE's defaults then apply). */
  readonly config: { [key: string]: any } | undefined;
}

/**
 * Where a GKE subject declares node settings: a node pool's `node_config`; a Standard cluster's
 * `node_config` (its default pool, created even when `remove_default_node_pool` deletes it after) and
 * inline `node_pool` blocks; an Autopilot cluster's `cluster_autoscaling.auto_provisioning_defaults`.
 * A cluster whose inline pools are a token is judged by its `node_config` alone.
 */
export function nodeSettingsOf(subject: PolicySubject): NodeSettings[] {
  const config = subject.config;
  if (subject.resourceType === GKE_NODE_POOL) return [{ field: 'node_config', config: block(config.node_config) }];
  if (config.enable_autopilot === true) {
    return [{ field: 'cluster_autoscaling.auto_provisioning_defaults', config: block(at(config, 'cluster_autoscaling.auto_provisioning_defaults')) }];
  }
  const settings: NodeSettings[] = [{ field: 'node_config', config: block(config.node_config) }];
  const pools = config.node_pool;
  if (Array.isArray(pools) && !isToken(pools)) {
    pools.forEach((pool, i) => settings.push({ field: `node_pool[${i}].node_config`, config: block(block(pool)?.node_config) }));
  }
  return settings;
}
