import {
  capacityProblems, clusterQueue, cohort, KueueInput, KueueTeam, localQueue, queuedProvisioning, resourceFlavor, teamQuotaProblems,
  workloadPriorityClasses, WORKLOAD_PRIORITIES, KUEUE_API_VERSION, decimalQuantity, binaryQuantity,
} from '../../../lib/spec/gke/kueue';
import { crdProblems, storageVersionOf } from '../../helpers/kubernetes-crds';
import { CPU, H100_SPOT, L4, POOLS, V6E_QUEUED } from './kueue-fixtures';

const vision: KueueTeam = {
  team: 'vision',
  namespace: 'ml-vision',
  clusterQueue: 'ml-vision',
  quotas: [
    { flavor: 'h100-spot', nominal: 16, borrowingLimit: 16, lendingLimit: 8 },
    { flavor: 'l4', nominal: 6 },
    { flavor: 'v6e-4x4', nominal: 16 },
  ],
};
const speech: KueueTeam = {
  team: 'speech',
  namespace: 'ml-speech',
  clusterQueue: 'ml-speech',
  quotas: [{ flavor: 'h100-spot', nominal: 16 }, { flavor: 'cpu', nominal: 64.5, borrowingLimit: 32 }],
  queueingStrategy: 'StrictFIFO',
};
const input: KueueInput = { nodePools: POOLS, cohort: 'ml', teams: [vision, speech], localQueueName: 'training' };

/** The objects as GkeTrainingQueues renders them: the cluster-wide ones, then each team's (addTeamQueue). */
function render(given: KueueInput) {
  return {
    resourceFlavors: given.nodePools.map(resourceFlavor),
    cohort: cohort(given.cohort),
    workloadPriorityClasses: workloadPriorityClasses(),
    ...queuedProvisioning(given.nodePools),
    clusterQueues: Object.fromEntries(given.teams.map((t) => [t.team, clusterQueue(t, given.nodePools, given.cohort)])),
    localQueues: Object.fromEntries(given.teams.map((t) => [t.team, localQueue(t, given.localQueueName)])),
  };
}

function all(objects: ReturnType<typeof render>): any[] {
  return [
    ...objects.resourceFlavors, objects.cohort, ...objects.workloadPriorityClasses,
    objects.admissionCheck, objects.provisioningRequestConfig,
    ...Object.values(objects.clusterQueues), ...Object.values(objects.localQueues),
  ].filter((o) => o !== undefined);
}

describe('Kueue objects', () => {
  const objects = render(input);

  it('renders every object valid against its Kueue v0.19.2 CRD, at the storage version', () => {
    const rendered = all(objects);
    expect(rendered.map((o) => o.kind).sort()).toEqual([
      'AdmissionCheck', 'ClusterQueue', 'ClusterQueue', 'Cohort', 'LocalQueue', 'LocalQueue', 'ProvisioningRequestConfig',
      'ResourceFlavor', 'ResourceFlavor', 'ResourceFlavor', 'ResourceFlavor',
      'WorkloadPriorityClass', 'WorkloadPriorityClass', 'WorkloadPriorityClass',
    ]);
    for (const o of rendered) {
      expect(crdProblems(o)).toEqual([]);
      expect(o.apiVersion).toBe(storageVersionOf(o.kind));
    }
  });

  it('gives each flavor exactly the labels of its pool and a toleration per taint', () => {
    for (const [flavor, pool] of objects.resourceFlavors.map((f, i) => [f, POOLS[i]] as const)) {
      const spec = flavor.spec as any;
      expect(flavor.metadata.name).toBe(pool.name);
      expect(spec.nodeLabels).toEqual(pool.nodeLabels);
      expect((spec.tolerations ?? []).map((t: any) => `${t.key}=${t.value ?? ''}:${t.effect}`))
        .toEqual(pool.taints.map((t) => `${t.key}=${t.value}:${t.effect}`));
    }
    // A taint without a value is tolerated with Exists (the CRD's CEL rule refuses a value with Exists).
    expect((objects.resourceFlavors[2].spec as any).tolerations[1]).toEqual({ key: 'cloud.google.com/gke-queued', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('puts all of a team\'s flavors in one group covering the accelerators, cpu and memory', () => {
    const spec = objects.clusterQueues.vision.spec as any;
    expect(spec.cohortName).toBe('ml');
    expect(spec.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'ml-vision' } });
    expect(spec.resourceGroups).toHaveLength(1);
    const [group] = spec.resourceGroups;
    expect(group.coveredResources).toEqual(['nvidia.com/gpu', 'google.com/tpu', 'cpu', 'memory']);
    const h100 = group.flavors.find((f: any) => f.name === 'h100-spot');
    // 16 GPUs = 2 nodes of 8: 2 × 208 vCPUs; memory 32 GiB per vCPU (never binding).
    expect(h100.resources).toEqual([
      { name: 'nvidia.com/gpu', nominalQuota: '16', borrowingLimit: '16', lendingLimit: '8' },
      { name: 'google.com/tpu', nominalQuota: '0' },
      { name: 'cpu', nominalQuota: '416', borrowingLimit: '416', lendingLimit: '208' },
      { name: 'memory', nominalQuota: '13Ti', borrowingLimit: '13Ti', lendingLimit: '6656Gi' },
    ]);
    const tpu = group.flavors.find((f: any) => f.name === 'v6e-4x4');
    expect(tpu.resources[1]).toEqual({ name: 'google.com/tpu', nominalQuota: '16' });
    expect(tpu.resources[2]).toEqual({ name: 'cpu', nominalQuota: '720' });
    // The flavors' resources follow coveredResources (a CEL rule of the CRD: same number, same names).
    for (const f of group.flavors) expect(f.resources.map((r: any) => r.name)).toEqual(group.coveredResources);
  });

  it('covers only the accelerators a team uses, and renders quantities in canonical form', () => {
    const [group] = (objects.clusterQueues.speech.spec as any).resourceGroups;
    expect(group.coveredResources).toEqual(['nvidia.com/gpu', 'cpu', 'memory']);
    expect(group.flavors[1].resources).toEqual([
      { name: 'nvidia.com/gpu', nominalQuota: '0' },
      { name: 'cpu', nominalQuota: '64500m', borrowingLimit: '32' },
      { name: 'memory', nominalQuota: '2080Gi', borrowingLimit: '1Ti' },
    ]);
    expect((objects.clusterQueues.speech.spec as any).queueingStrategy).toBe('StrictFIFO');
  });

  it('sets preemption that reclaims lent quota and never preempts to borrow', () => {
    expect((objects.clusterQueues.vision.spec as any).preemption).toEqual({
      withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any', borrowWithinCohort: { policy: 'Never' },
    });
    expect((objects.clusterQueues.vision.spec as any).queueingStrategy).toBe('BestEffortFIFO');
  });

  it('binds the ProvisioningRequest check to the queued flavors only', () => {
    expect((objects.clusterQueues.vision.spec as any).admissionChecksStrategy).toEqual({
      admissionChecks: [{ name: 'queued-provisioning', onFlavors: ['v6e-4x4'] }],
    });
    expect((objects.clusterQueues.speech.spec as any).admissionChecksStrategy).toBeUndefined();
    expect(objects.admissionCheck?.spec).toEqual({
      controllerName: 'kueue.x-k8s.io/provisioning-request',
      parameters: { apiGroup: 'kueue.x-k8s.io', kind: 'ProvisioningRequestConfig', name: 'queued-provisioning' },
    });
    expect((objects.provisioningRequestConfig?.spec as any).provisioningClassName).toBe('queued-provisioning.gke.io');
    expect((objects.provisioningRequestConfig?.spec as any).managedResources).toEqual(['google.com/tpu']);
  });

  it('renders no admission check without a queued pool', () => {
    const plain = render({ ...input, nodePools: [H100_SPOT, L4, CPU], teams: [speech] });
    expect(plain.admissionCheck).toBeUndefined();
    expect(plain.provisioningRequestConfig).toBeUndefined();
  });

  it('renders one LocalQueue per team namespace pointing at its ClusterQueue', () => {
    expect(objects.localQueues.vision).toMatchObject({ metadata: { name: 'training', namespace: 'ml-vision' }, spec: { clusterQueue: 'ml-vision' } });
    expect(objects.localQueues.speech).toMatchObject({ metadata: { name: 'training', namespace: 'ml-speech' }, spec: { clusterQueue: 'ml-speech' } });
  });

  it('renders the workload priority classes in increasing value', () => {
    expect(objects.workloadPriorityClasses.map((o) => [o.metadata.name, o.value])).toEqual(WORKLOAD_PRIORITIES.map((p) => [p.name, p.value]));
    expect(new Set(WORKLOAD_PRIORITIES.map((p) => p.value)).size).toBe(WORKLOAD_PRIORITIES.length);
    expect(KUEUE_API_VERSION).toBe('kueue.x-k8s.io/v1beta2');
  });
});

describe('canonical quantities (what the API server reads back)', () => {
  it.each([[0, '0'], [416, '416'], [1000, '1k'], [16000, '16k'], [1500, '1500'], [64.5, '64500m'], [0.25, '250m'], [2_000_000, '2M']])('%p → %p', (n, q) => {
    expect(decimalQuantity(n)).toBe(q);
  });
  it.each([[0, '0'], [32, '32Gi'], [1024, '1Ti'], [13312, '13Ti'], [6656, '6656Gi'], [1024 * 1024, '1Pi']])('%p GiB → %p', (n, q) => {
    expect(binaryQuantity(n)).toBe(q);
  });
});

describe('kueue quota problems', () => {
  it('accepts the example quotas', () => {
    // As addTeamQueue checks them: each team's quotas, then the pools' capacity over all teams.
    expect(input.teams.flatMap((t) => teamQuotaProblems(t, input.nodePools))).toEqual([]);
    expect(capacityProblems(input.teams, input.nodePools)).toEqual([]);
  });

  it('names an unknown pool with a did-you-mean, a negative number, a fractional GPU count and a lending limit above nominal', () => {
    const bad: KueueTeam = {
      team: 'nlp', namespace: 'ml-nlp', clusterQueue: 'ml-nlp', field: 'addTeamQueue(nlp)',
      quotas: [
        { flavor: 'h100-spto', nominal: 8 },
        { flavor: 'l4', nominal: -2 },
        { flavor: 'h100-spot', nominal: 1.5, lendingLimit: 4 },
        { flavor: 'l4', nominal: 2 },
      ],
    };
    expect(teamQuotaProblems(bad, POOLS)).toEqual([
      { field: 'addTeamQueue(nlp).quotas[0].nodePool', value: 'h100-spto', allowed: 'a node pool of the cluster: h100-spot, l4, v6e-4x4 and cpu (did you mean "h100-spot"?)' },
      { field: 'addTeamQueue(nlp).quotas[1].nominal', value: -2, allowed: 'a number ≥ 0' },
      { field: 'addTeamQueue(nlp).quotas[2].nominal', value: 1.5, allowed: 'a whole number of GPUs (Kueue counts nvidia.com/gpu in whole units)' },
      { field: 'addTeamQueue(nlp).quotas[2].lendingLimit', value: 4, allowed: 'at most the nominal quota 1.5 (a team lends only what it has)' },
      { field: 'addTeamQueue(nlp).quotas[3].nodePool', value: 'l4', allowed: 'each node pool once per team: merge the quotas' },
    ]);
  });

  it('refuses a team without quotas', () => {
    expect(teamQuotaProblems({ ...vision, quotas: [] }, POOLS)[0]).toMatchObject({ field: 'teams.vision.quotas', allowed: expect.stringMatching(/^at least one quota/) });
  });

  it('refuses nominal quotas summing above what a pool holds at maxNodes, with the numbers', () => {
    const greedy: KueueTeam = { ...speech, quotas: [{ flavor: 'h100-spot', nominal: 24 }] };
    expect(capacityProblems([vision, greedy], POOLS)).toEqual([{
      field: 'teams.speech.quotas',
      value: 'h100-spot: vision 16 + speech 24 = 40 GPUs',
      allowed: 'nominal quotas of h100-spot summing to at most 32 GPUs (maxNodes 4 × 8 per node): raise maxNodes, lower a nominal quota, or give the excess as borrowingLimit',
    }]);
    // Borrowing limits are elasticity, not guarantees: not summed.
    expect(capacityProblems([vision, { ...speech, quotas: [{ flavor: 'h100-spot', nominal: 16, borrowingLimit: 100 }] }], POOLS)).toEqual([]);
    expect(capacityProblems([{ ...vision, quotas: [{ flavor: 'v6e-4x4', nominal: 33 }] }], [V6E_QUEUED])[0].allowed).toMatch(/at most 32 TPU chips \(maxNodes 8 × 4 per node\)/);
  });
});
