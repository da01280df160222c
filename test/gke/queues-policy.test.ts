import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1, NetworkPolicyV1Spec } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { TrainingPolicy } from '../../lib';
import { policyStack, violations } from '../policy/helpers';
import { queuesApp } from './queues-helpers';

const ISOLATING: NetworkPolicyV1Spec = { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] };

function teamNamespace(stack: TerraformStack, name: string, ...policies: NetworkPolicyV1Spec[]): NamespaceV1 {
  const ns = new NamespaceV1(stack, name, { metadata: { name, labels: { 'vertex-training-team': 'vision' } } });
  policies.forEach((spec, i) => new NetworkPolicyV1(stack, `${name}-policy-${i}`, { metadata: { name: `p${i}`, namespace: name }, spec }));
  return ns;
}

function findings(build: (stack: TerraformStack) => void): { path: string; ruleId: string; problem: string }[] {
  const { stack } = policyStack();
  new KubernetesProvider(stack, 'k8s', {});
  build(stack);
  return violations(stack).filter((f) => f.ruleId === 'VT-GKE-6').map((f) => ({ path: f.path, ruleId: f.ruleId, problem: f.problem }));
}

describe('VT-GKE-6: team namespaces are isolated', () => {
  test('GkeTrainingQueues passes', () => {
    const a = queuesApp();
    a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 4 }] });
    TrainingPolicy.applyTo(a.workloads);
    expect(violations(a.workloads)).toEqual([]);
    expect(TrainingPolicy.rules().map((r) => r.id)).toContain('VT-GKE-6');
  });

  test('an escape-hatch override that opens a team namespace is flagged on the namespace', () => {
    const a = queuesApp();
    const queue = a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 4 }] });
    queue.networkPolicy.addOverride('spec.ingress', [{ from: [{ namespace_selector: {} }] }]);
    TrainingPolicy.applyTo(a.workloads);
    expect(violations(a.workloads).map((f) => [f.ruleId, f.path, f.problem])).toEqual([[
      'VT-GKE-6', 'workloads/queues/vision/namespace',
      expect.stringMatching(/^kubernetes_network_policy_v1\.queues_vision_isolation_[0-9A-F]+ ingress\[\d\]\.from\[0\] admits pods of other namespaces \(namespace_selector\)$/),
    ]]);
  });

  test('a team namespace without an isolating NetworkPolicy', () => {
    expect(findings((s) => teamNamespace(s, 'ml-vision'))).toEqual([{
      path: 'test/ml-vision', ruleId: 'VT-GKE-6',
      problem: 'no NetworkPolicy of the stack selects every pod of team namespace "ml-vision" for Ingress: pods of other namespaces can reach its pods',
    }]);
    // A policy for some pods only, or for Egress only, does not isolate.
    expect(findings((s) => teamNamespace(s, 'ml-vision', { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Ingress'] }))).toHaveLength(1);
    expect(findings((s) => teamNamespace(s, 'ml-vision', { podSelector: {}, policyTypes: ['Egress'] }))).toHaveLength(1);
    // A namespace without the team label is not a team namespace.
    expect(findings((s) => new NamespaceV1(s, 'other', { metadata: { name: 'other' } }))).toEqual([]);
  });

  test('a second policy that opens the namespace undoes the isolation', () => {
    const found = findings((s) => teamNamespace(s, 'ml-vision', ISOLATING,
      { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }] }, { ports: [{ port: '8080' }] }] }));
    expect(found.map((f) => f.problem)).toEqual([
      'kubernetes_network_policy_v1.ml-vision-policy-1 ingress[0].from[0] admits pods of other namespaces (namespace_selector)',
      'kubernetes_network_policy_v1.ml-vision-policy-1 ingress[0].from[1] admits an IP block (ip_block)',
      'kubernetes_network_policy_v1.ml-vision-policy-1 ingress[1] has no "from": it admits traffic from everywhere',
    ]);
    expect(findings((s) => teamNamespace(s, 'ml-vision', ISOLATING))).toEqual([]);
  });

  test('a ClusterQueue with an empty namespaceSelector admits every namespace', () => {
    const cq = (spec: object) => (s: TerraformStack) => new Manifest(s, 'cq', { manifest: { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: 'all' }, spec } });
    expect(findings(cq({ namespaceSelector: {} })).map((f) => f.problem)).toEqual([
      'ClusterQueue "all" has an empty namespaceSelector: it admits workloads from every namespace, and any team\'s jobs consume its quota',
    ]);
    expect(findings(cq({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ml-vision' } } }))).toEqual([]);
  });
});
