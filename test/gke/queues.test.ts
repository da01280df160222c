import { Testing } from 'cdktf';
import { WorkerPool } from '../../lib';
import { GkeTrainingQueues } from '../../lib/gke/training-queues';
import { StackOrderError } from '../../lib/gke/stack-order';
import { WORKLOAD_PRIORITIES } from '../../lib/spec/gke/kueue';
import { crdProblems } from '../helpers/kubernetes-crds';
import { ofType, synthJson } from '../helpers/synth';
import { manifestsOf, queuesApp, QueuesApp } from './queues-helpers';

/** The example's two teams: vision on H100, L4 and the queued TPU pool; speech on H100 and L4. */
function twoTeams(): QueuesApp & { json: any } {
  const a = queuesApp();
  a.queues.addTeamQueue(a.vision, {
    quotas: [
      { nodePool: a.h100, nominal: 24, borrowingLimit: 8, lendingLimit: 8 },
      { nodePool: a.l4, nominal: 4, borrowingLimit: 4 },
      { nodePool: a.v6e, nominal: 16 },
    ],
  });
  a.queues.addTeamQueue(a.speech, { quotas: [{ nodePool: a.h100, nominal: 8, borrowingLimit: 8 }, { nodePool: a.l4, nominal: 12, lendingLimit: 4 }] });
  return { ...a, json: synthJson(a.workloads) };
}

const byKind = (manifests: any[], kind: string): any[] => manifests.filter((m) => m.kind === kind);

describe('GkeTrainingQueues: the synthesized Kueue objects', () => {
  const a = twoTeams();
  const manifests = Object.values(manifestsOf(a.json));

  test('every kubernetes_manifest validates against its CRD (strict: unknown fields are errors)', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual([
      'AdmissionCheck', 'ClusterQueue', 'ClusterQueue', 'Cohort', 'LocalQueue', 'LocalQueue', 'ProvisioningRequestConfig',
      'ResourceFlavor', 'ResourceFlavor', 'ResourceFlavor',
      'WorkloadPriorityClass', 'WorkloadPriorityClass', 'WorkloadPriorityClass',
    ]);
    expect(manifests.flatMap((m) => crdProblems(m))).toEqual([]);
  });

  test('one ResourceFlavor per node pool, whose labels and tolerations are the pool\'s', () => {
    const flavors = byKind(manifests, 'ResourceFlavor');
    for (const pool of [a.h100, a.l4, a.v6e]) {
      const flavor = flavors.find((f) => f.metadata.name === pool.nodePoolName);
      expect(flavor.spec.nodeLabels).toEqual(pool._resolved.nodeLabels);
      expect(flavor.spec.tolerations.map((t: any) => [t.key, t.value, t.effect]))
        .toEqual(pool._resolved.taints.map((t) => [t.key, t.value, t.effect]));
    }
    expect(a.queues.resourceFlavors).toHaveLength(3);
  });

  test('each team\'s ClusterQueue admits from its namespace only, in the cohort, with its quotas', () => {
    const [vision, speech] = ['ml-vision', 'ml-speech'].map((n) => byKind(manifests, 'ClusterQueue').find((q) => q.metadata.name === n));
    expect(vision.spec.cohortName).toBe('ml');
    expect(vision.spec.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'ml-vision' } });
    const gpu = (cq: any, flavor: string) => cq.spec.resourceGroups[0].flavors.find((f: any) => f.name === flavor).resources[0];
    expect(gpu(vision, 'h100-spot')).toEqual({ name: 'nvidia.com/gpu', nominalQuota: '24', borrowingLimit: '8', lendingLimit: '8' });
    expect(gpu(speech, 'l4')).toEqual({ name: 'nvidia.com/gpu', nominalQuota: '12', lendingLimit: '4' });
    expect(vision.spec.admissionChecksStrategy.admissionChecks).toEqual([{ name: 'queued-provisioning', onFlavors: ['v6e-4x4'] }]);
    expect(speech.spec.admissionChecksStrategy).toBeUndefined();
    expect(byKind(manifests, 'Cohort').map((c) => c.metadata.name)).toEqual(['ml']);
  });

  test('a LocalQueue "training" in each team namespace, after the namespace and the ClusterQueue', () => {
    const lq = ofType(a.json, 'kubernetes_manifest');
    const vision = Object.entries<any>(lq).find(([, r]) => r.manifest.kind === 'LocalQueue' && r.manifest.metadata.namespace === 'ml-vision')!;
    expect(vision[1].manifest.spec).toEqual({ clusterQueue: 'ml-vision' });
    expect(vision[1].depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^kubernetes_namespace_v1\.queues_vision_namespace/),
      expect.stringMatching(/^kubernetes_manifest\.queues_vision_cluster-queue/),
    ]));
    const cq = Object.entries<any>(lq).find(([, r]) => r.manifest.kind === 'ClusterQueue' && r.manifest.metadata.name === 'ml-vision')!;
    expect(cq[1].depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/flavor-h100-spot/), expect.stringMatching(/cohort/), expect.stringMatching(/admission-check/)]));
    expect(a.queues.localQueueName).toBe('training');
  });

  test('the workload priority classes and the queued-provisioning check', () => {
    const values = (list: { value: number }[]) => [...list].sort((x, y) => x.value - y.value);
    expect(values(byKind(manifests, 'WorkloadPriorityClass')).map((p: any) => [p.metadata.name, p.value])).toEqual(WORKLOAD_PRIORITIES.map((p) => [p.name, p.value]));
    expect(byKind(manifests, 'ProvisioningRequestConfig')[0].spec.provisioningClassName).toBe('queued-provisioning.gke.io');
    expect(a.queues.admissionCheck).toBeDefined();
  });

  test('every Kubernetes resource uses the stack\'s cluster provider', () => {
    for (const type of ['kubernetes_manifest', 'kubernetes_namespace_v1', 'kubernetes_service_account_v1', 'kubernetes_role_v1', 'kubernetes_role_binding_v1', 'kubernetes_network_policy_v1']) {
      const all = Object.values<any>(ofType(a.json, type));
      expect(all.length).toBeGreaterThan(0);
      for (const r of all) expect(r.provider).toBe('kubernetes');
    }
    expect(a.json.provider.kubernetes).toHaveLength(1);
  });
});

describe('GkeTrainingQueues: each team\'s namespace', () => {
  const a = twoTeams();

  test('is <prefix>-<team>, labelled with the team', () => {
    const namespaces = Object.values<any>(ofType(a.json, 'kubernetes_namespace_v1'));
    expect(namespaces.map((n) => [n.metadata.name, n.metadata.labels['vertex-training-team']]).sort()).toEqual([['ml-speech', 'speech'], ['ml-vision', 'vision']]);
    expect(a.queues.namespaceOf(a.vision)).toBe('ml-vision');
    expect(a.queues.clusterQueueName(a.speech)).toBe('ml-speech');
    expect(a.queues.teamQueues.map((q) => q.namespaceName)).toEqual(['ml-vision', 'ml-speech']);
  });

  test('has a trainer KSA acting as the team\'s trainer by Workload Identity, with literal names', () => {
    const ksa = Object.values<any>(ofType(a.json, 'kubernetes_service_account_v1')).find((s) => s.metadata.namespace === 'ml-vision');
    expect(ksa.metadata).toEqual({ name: 'trainer', namespace: 'ml-vision', annotations: { 'iam.gke.io/gcp-service-account': 'ml-vision-tr@acme-ml.iam.gserviceaccount.com' } });
    expect(ksa.automount_service_account_token).toBe(false);
    const grants = Object.values<any>(ofType(a.json, 'google_service_account_iam_member')).sort((x, y) => x.member.localeCompare(y.member));
    expect(grants).toEqual([
      { role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:acme-ml.svc.id.goog[ml-speech/trainer]', service_account_id: 'projects/acme-ml/serviceAccounts/ml-speech-tr@acme-ml.iam.gserviceaccount.com' },
      { role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:acme-ml.svc.id.goog[ml-vision/trainer]', service_account_id: 'projects/acme-ml/serviceAccounts/ml-vision-tr@acme-ml.iam.gserviceaccount.com' },
    ]);
    expect(a.queues.serviceAccountName).toBe('trainer');
    // Literal emails: the workloads stack reads nothing of the platform stack's state.
    expect(JSON.stringify(a.json)).not.toMatch(/terraform_remote_state|google_service_account\./);
  });

  test('lets the launcher create, get and list JobSets and read Workloads there, and nothing else', () => {
    const role = Object.values<any>(ofType(a.json, 'kubernetes_role_v1')).find((r) => r.metadata.namespace === 'ml-speech');
    expect(role.rule).toEqual([
      { api_groups: ['jobset.x-k8s.io'], resources: ['jobsets'], verbs: ['create', 'get', 'list'] },
      { api_groups: ['kueue.x-k8s.io'], resources: ['workloads'], verbs: ['get', 'list'] },
    ]);
    const binding = Object.values<any>(ofType(a.json, 'kubernetes_role_binding_v1')).find((r) => r.metadata.namespace === 'ml-speech');
    expect(binding.role_ref).toEqual({ api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subject).toEqual([{ api_group: 'rbac.authorization.k8s.io', kind: 'User', name: 'ml-launcher@acme-ml.iam.gserviceaccount.com' }]);
    expect(ofType(a.json, 'kubernetes_cluster_role_binding_v1')).toEqual({});
  });

  test('admits traffic from its own pods only', () => {
    const policies = Object.values<any>(ofType(a.json, 'kubernetes_network_policy_v1'));
    expect(policies.map((p) => p.metadata.namespace).sort()).toEqual(['ml-speech', 'ml-vision']);
    expect(policies[0].spec).toEqual({ pod_selector: {}, policy_types: ['Ingress'], ingress: [{ from: [{ pod_selector: {} }] }] });
  });
});

describe('GkeTrainingQueues: stacks and options', () => {
  test('the cohort can be named', () => {
    const a = queuesApp({ cohortName: 'research' });
    a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 4 }] });
    const cq = Object.values<any>(manifestsOf(synthJson(a.workloads))).find((m) => m.kind === 'ClusterQueue');
    expect(cq.spec.cohortName).toBe('research');
    expect(crdProblems(cq)).toEqual([]);
  });

  test('refuses the add-ons\' stack and the cluster\'s stack', () => {
    const a = queuesApp();
    expect(() => new GkeTrainingQueues(a.addonsStack, 'q', { cluster: a.cluster, addons: a.addons })).toThrow(StackOrderError);
    expect(() => new GkeTrainingQueues(a.addonsStack, 'q2', { cluster: a.cluster, addons: a.addons })).toThrow(/kubernetes_manifest objects need the CRDs/);
    expect(() => new GkeTrainingQueues(a.platform, 'q', { cluster: a.cluster, addons: a.addons })).toThrow(/cannot be declared in the stack "platform"/);
  });

  test('deploys after the cluster\'s and the add-ons\' stacks', () => {
    const a = queuesApp();
    expect(a.workloads.dependencies).toEqual(expect.arrayContaining([a.platform, a.addonsStack]));
  });

  test('refuses at synth a node pool declared after the queues', () => {
    const a = queuesApp();
    a.cluster.addNodePool('late', { pool: WorkerPool.cpu({ machineType: 'n2-standard-8' }), maxNodes: 2 });
    expect(() => Testing.synth(a.workloads, true)).toThrow(/node pools late were added to platform\/gke after the queues were declared/);
  });
});
