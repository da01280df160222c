import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** A broken configuration of the namespace-isolation rule (the shape of test/policy/rules.test.ts's cases). */
export interface NamespaceBrokenCase {
  readonly rule: string;
  readonly name: string;
  readonly build: (stack: TerraformStack) => IConstruct;
  readonly problem: RegExp;
}

function provider(stack: TerraformStack): void {
  new KubernetesProvider(stack, 'k8s', {});
}

/** One or more broken configurations of VT-GKE-6. */
export const GKE_NAMESPACE_BROKEN: NamespaceBrokenCase[] = [
  {
    rule: 'VT-GKE-6', name: 'a team namespace without an isolating NetworkPolicy',
    build: (s) => { provider(s); return new NamespaceV1(s, 'ml-vision', { metadata: { name: 'ml-vision', labels: { 'vertex-training-team': 'vision' } } }); },
    problem: /no NetworkPolicy of the stack selects every pod of team namespace "ml-vision" for Ingress/,
  },
  {
    rule: 'VT-GKE-6', name: 'a team namespace whose second NetworkPolicy admits other namespaces',
    build: (s) => {
      provider(s);
      const ns = new NamespaceV1(s, 'ml-vision', { metadata: { name: 'ml-vision', labels: { 'vertex-training-team': 'vision' } } });
      new NetworkPolicyV1(s, 'isolate', { metadata: { name: 'isolate', namespace: 'ml-vision' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] } });
      new NetworkPolicyV1(s, 'open', { metadata: { name: 'open', namespace: 'ml-vision' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] } });
      return ns;
    },
    problem: /kubernetes_network_policy_v1\.open ingress\[0\]\.from\[0\] admits pods of other namespaces/,
  },
  {
    rule: 'VT-GKE-6', name: 'a ClusterQueue admitting every namespace',
    build: (s) => { provider(s); return new Manifest(s, 'cq', { manifest: { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: 'all' }, spec: { namespaceSelector: {} } } }); },
    problem: /ClusterQueue "all" has an empty namespaceSelector/,
  },
];
