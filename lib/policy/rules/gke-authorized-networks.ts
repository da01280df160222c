import { GKE_CLUSTER } from '../gke-nodes';
import { at, block, isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/**
 * VT-GKE-3: a GKE control plane with a public IP endpoint admits only authorized networks. The IP
 * endpoint is public unless it is turned off (`control_plane_endpoints_config.ip_endpoints_config.enabled
 * = false`, DNS endpoint only) or private (`private_cluster_config.enable_private_endpoint = true`).
 */
export class GkeAuthorizedNetworksRule extends PolicyRule {
  public readonly id = 'VT-GKE-3';
  public readonly description = 'A GKE control plane has no public IP endpoint open to any address: the endpoint is off, private, or limited to authorized networks';
  public readonly fix = 'turn the IP endpoint off and use the IAM-authorized DNS endpoint (GkeTrainingCluster\'s default), make it private (enable_private_endpoint), or list the operators\' ranges in master_authorized_networks_config.cidr_blocks (never 0.0.0.0/0)';
  public readonly resourceTypes = [GKE_CLUSTER];

  public check(subject: PolicySubject): string[] {
    const config = subject.config;
    const ipEnabled = at(config, 'control_plane_endpoints_config.ip_endpoints_config.enabled');
    const privateEndpoint = at(config, 'private_cluster_config.enable_private_endpoint');
    // A token may turn either off: the rule judges what it can see.
    if (ipEnabled === false || isToken(ipEnabled) || privateEndpoint === true || isToken(privateEndpoint)) return [];
    const authorized = block(config.master_authorized_networks_config);
    if (authorized === undefined) return ['the IP endpoint is public and master_authorized_networks_config is not set: any address may reach it'];
    const problems: string[] = [];
    if (authorized.gcp_public_cidrs_access_enabled === true) {
      problems.push('master_authorized_networks_config.gcp_public_cidrs_access_enabled is true: every Google Cloud public address may reach the public IP endpoint');
    }
    const blocks = authorized.cidr_blocks;
    if (isToken(blocks)) return problems;
    const cidrs = (Array.isArray(blocks) ? blocks : blocks === undefined ? [] : [blocks])
      .map((b) => block(b)?.cidr_block)
      .filter((c): c is string => typeof c === 'string');
    const tokens = Array.isArray(blocks) && blocks.some((b) => isToken(block(b)?.cidr_block));
    if (cidrs.length === 0 && !tokens) problems.push('the IP endpoint is public and master_authorized_networks_config.cidr_blocks is empty');
    for (const cidr of cidrs) {
      if (!isToken(cidr) && /\/0$/.test(cidr)) problems.push(`master_authorized_networks_config.cidr_blocks includes ${cidr}, the whole internet`);
    }
    return problems;
  }
}
