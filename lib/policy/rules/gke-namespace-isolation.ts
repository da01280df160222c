import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { TEAM_LABEL } from '../../core/labels';
import { at, block, isSet, isToken } from '../inspect';
import { IPolicyScan, PolicyRule, PolicySubject } from '../rule';

const NAMESPACES = ['kubernetes_namespace_v1', 'kubernetes_namespace'];
const NETWORK_POLICIES = new Set(['kubernetes_network_policy_v1', 'kubernetes_network_policy']);
const MANIFEST = 'kubernetes_manifest';

/** The stack's NetworkPolicies by namespace, read once per policy pass. */
interface PoliciesOfStack {
  readonly byNamespace: Map<string, { readonly address: string; readonly spec: { [key: string]: any } | undefined }[]>;
  /** Namespaces checked with this reading: a namespace seen again means a new pass (a new synth). */
  readonly checked: Set<IConstruct>;
}

/**
 * VT-GKE-6: team namespaces are isolated. A namespace labelled with a team (`vertex-training-team`,
 * as GkeTrainingQueues creates them) has a NetworkPolicy of the same stack selecting all its pods
 * for Ingress, and no NetworkPolicy there admits traffic from other namespaces or IP blocks
 * (NetworkPolicies add up: one permissive policy undoes the isolating one). A Kueue ClusterQueue
 * does not admit workloads from every namespace (an empty `namespaceSelector`).
 */
export class GkeNamespaceIsolationRule extends PolicyRule {
  public readonly id = 'VT-GKE-6';
  public readonly description = 'GKE team namespaces are isolated: ingress only from the namespace\'s own pods, and each ClusterQueue admits its team\'s namespace only';
  public readonly fix = 'declare the team\'s namespace with GkeTrainingQueues.addTeamQueue (a NetworkPolicy admitting only the namespace\'s pods, and a ClusterQueue selecting that namespace); remove namespaceSelector/ipBlock peers from other NetworkPolicies of the namespace';
  public readonly resourceTypes = [...NAMESPACES, MANIFEST];
  private readonly policies = new WeakMap<IPolicyScan, PoliciesOfStack>();

  public check(subject: PolicySubject): string[] {
    if (subject.resourceType === MANIFEST) return clusterQueueProblems(subject.config.manifest);
    const metadata = block(subject.config.metadata);
    const name = metadata?.name;
    const team = block(metadata?.labels)?.[TEAM_LABEL];
    if (!isSet(team) || typeof name !== 'string' || isToken(name)) return [];
    const policies = (this.policiesOf(subject).byNamespace.get(name) ?? []);
    const problems: string[] = [];
    if (!policies.some((p) => isolates(p.spec))) {
      problems.push(`no NetworkPolicy of the stack selects every pod of team namespace ${JSON.stringify(name)} for Ingress: pods of other namespaces can reach its pods`);
    }
    for (const policy of policies) problems.push(...openings(policy.spec).map((o) => `${policy.address} ${o}`));
    return problems;
  }

  private policiesOf(subject: PolicySubject): PoliciesOfStack {
    const known = this.policies.get(subject.scan);
    if (known && !known.checked.has(subject.construct)) {
      known.checked.add(subject.construct);
      return known;
    }
    const byNamespace: PoliciesOfStack['byNamespace'] = new Map();
    for (const node of subject.scan.stack.node.findAll()) {
      if (!TerraformResource.isTerraformResource(node)) continue;
      const resource = node as TerraformResource;
      const type = resource.terraformResourceType;
      if (!NETWORK_POLICIES.has(type)) continue;
      const config = resource.toTerraform()?.resource?.[type]?.[resource.friendlyUniqueId];
      const namespace = at(config, 'metadata.namespace') ?? 'default';
      if (typeof namespace !== 'string' || isToken(namespace)) continue;
      const list = byNamespace.get(namespace) ?? [];
      list.push({ address: `${type}.${resource.friendlyUniqueId}`, spec: block(config?.spec) });
      byNamespace.set(namespace, list);
    }
    const fresh = { byNamespace, checked: new Set<IConstruct>([subject.construct]) };
    this.policies.set(subject.scan, fresh);
    return fresh;
  }
}

/** An empty selector (or none) selects every pod. */
function selectsAll(selector: unknown): boolean {
  if (isToken(selector)) return false;
  const s = block(selector);
  if (s === undefined) return true;
  const labels = s.match_labels;
  const expressions = s.match_expressions;
  return (labels === undefined || (typeof labels === 'object' && !isToken(labels) && Object.keys(labels).length === 0))
    && (expressions === undefined || (Array.isArray(expressions) && expressions.length === 0));
}

/** Whether a policy spec selects every pod of its namespace for Ingress. */
function isolates(spec: { [key: string]: any } | undefined): boolean {
  if (!spec || !selectsAll(spec.pod_selector)) return false;
  const types = spec.policy_types;
  if (isToken(types)) return true;
  // Without policy_types, Kubernetes treats every policy as an Ingress policy.
  return !Array.isArray(types) || types.length === 0 || types.includes('Ingress');
}

/** How a policy admits traffic from outside its namespace. */
function openings(spec: { [key: string]: any } | undefined): string[] {
  if (!spec || isToken(spec.ingress)) return [];
  const rules: any[] = Array.isArray(spec.ingress) ? spec.ingress : spec.ingress ? [spec.ingress] : [];
  const found: string[] = [];
  rules.forEach((rule, i) => {
    const from: any[] = Array.isArray(rule?.from) ? rule.from : rule?.from ? [rule.from] : [];
    if (from.length === 0 && !isToken(rule?.from)) found.push(`ingress[${i}] has no "from": it admits traffic from everywhere`);
    from.forEach((peer, j) => {
      if (isSet(peer?.namespace_selector)) found.push(`ingress[${i}].from[${j}] admits pods of other namespaces (namespace_selector)`);
      if (isSet(peer?.ip_block)) found.push(`ingress[${i}].from[${j}] admits an IP block (ip_block)`);
    });
  });
  return found;
}

/** A ClusterQueue whose namespaceSelector is empty admits workloads from every namespace. */
function clusterQueueProblems(manifest: unknown): string[] {
  const m = block(manifest);
  if (!m || m.kind !== 'ClusterQueue' || typeof m.apiVersion !== 'string' || !m.apiVersion.startsWith('kueue.x-k8s.io/')) return [];
  const selector = block(m.spec)?.namespaceSelector;
  if (selector === undefined || isToken(selector)) return [];
  const s = block(selector);
  const empty = s !== undefined && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
  return empty ? [`ClusterQueue ${JSON.stringify(block(m.metadata)?.name)} has an empty namespaceSelector: it admits workloads from every namespace, and any team's jobs consume its quota`] : [];
}
