import { NodeProvisioning } from '../../../lib/gke/node-pool';
import { jobSetValues } from '../../../lib/gke/addon-charts';
import { renderJobSet } from '../../../lib/spec/gke/jobset';
import { resourceFlavor } from '../../../lib/spec/gke/kueue';
import { PRIORITY_CLASS_LABEL, QUEUE_NAME_LABEL, SYSTEM_POOL_LABEL } from '../../../lib/spec/gke/labels';
import { placePools } from '../../../lib/spec/gke/placement';
import { PROVISIONING_KINDS, provisioningKindOf, provisioningKindsFor, provisioningName } from '../../../lib/spec/gke/provisioning';
import { resolveNodePool } from '../../../lib/spec/gke/node-pool';
import { tolerationsOf } from '../../../lib/spec/gke/tolerations';
import { NodeProvisioningKind, ResolvedNodePool } from '../../../lib/spec/gke/types';
import { resolvePools } from '../../../lib/spec/worker-pools';

/* The tables and rules that several GKE layers share, stated once (lib/spec/gke/labels.ts, provisioning.ts, tolerations.ts). */

function l4Pool(provisioning: NodeProvisioningKind): ResolvedNodePool {
  const resolution = resolveNodePool({ name: 'l4', pool: { kind: 'gpu', gpuType: 'NVIDIA_L4', gpusPerReplica: 4 }, provisioning, maxNodes: 2, zones: ['us-central1-a'], region: 'us-central1' });
  expect(resolution.problems).toEqual([]);
  return resolution.plan!.resolved;
}

describe('tolerations of a node pool\'s taints', () => {
  test('Equal to a taint\'s value; Exists for a taint without one', () => {
    expect(tolerationsOf([
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', addedByGke: true },
      { key: 'dedicated', value: '', effect: 'NoExecute', addedByGke: false },
    ])).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });

  test('the ResourceFlavor and the JobSet\'s pods tolerate the same taints the same way, a valueless one included', () => {
    const resolved = l4Pool('spot');
    const pool: ResolvedNodePool = { ...resolved, taints: [...resolved.taints, { key: 'dedicated', value: '', effect: 'NoSchedule', addedByGke: false }] };
    const jobPools = resolvePools({ primary: { kind: 'gpu', gpuType: 'NVIDIA_L4', gpusPerReplica: 4 } }, 'us-central1');
    const placed = placePools(jobPools.pools, [pool], 'SPOT');
    expect(placed.problems).toEqual([]);
    const { jobSet } = renderJobSet({
      jobId: 'train', namespace: 'ml-vision', queueName: 'training', serviceAccountName: 'trainer', labels: {}, podLabels: {},
      placements: placed.placements, taskOf: () => ({ containerSpec: { imageUri: 'us-docker.pkg.dev/acme/ml/train:1' } }),
      outputPrefix: 'gs://acme/jobs/train/runs/', timeoutSeconds: 3600, ttlSecondsAfterFinished: 3600,
    }) as any;
    const pod = jobSet.spec.replicatedJobs[0].template.spec.template.spec;
    const flavor = resourceFlavor(pool).spec as any;
    expect(pod.tolerations).toEqual(flavor.tolerations);
    expect(pod.tolerations).toContainEqual({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' });
    expect(pod.tolerations).toContainEqual({ key: 'vertex-training/provisioning', operator: 'Equal', value: 'spot', effect: 'NoSchedule' });
    // The JobSet pins the pool by node selector: the flavor's node labels.
    expect(pod.nodeSelector).toEqual(flavor.nodeLabels);
    expect(jobSet.metadata.labels[QUEUE_NAME_LABEL]).toBe('training');
  });
});

describe('the provisioning table', () => {
  test('names every NodeProvisioning value, and maps each back to its kind', () => {
    const names = Object.values(NodeProvisioning) as string[];
    expect(names.map((name) => provisioningKindOf(name))).toEqual(['standard', 'spot', 'flex-start', 'queued']);
    expect(Object.keys(PROVISIONING_KINDS).map((kind) => provisioningName(kind as NodeProvisioningKind))).toEqual(names);
    for (const bad of ['QUEUED', 'standard', 'toString', undefined, 3]) expect(provisioningKindOf(bad)).toBeUndefined();
  });

  test('FLEX_START jobs run on flex-start and queued pools; STANDARD and SPOT on their own kind', () => {
    expect(provisioningKindsFor('STANDARD')).toEqual(['standard']);
    expect(provisioningKindsFor('SPOT')).toEqual(['spot']);
    expect(provisioningKindsFor('FLEX_START')).toEqual(['flex-start', 'queued']);
    expect(provisioningKindsFor('NONE')).toEqual([]);
  });

  test('a node pool\'s problems name the provisioning as the enum does', () => {
    const resolution = resolveNodePool({
      name: 'l4', pool: { kind: 'gpu', gpuType: 'NVIDIA_L4', gpusPerReplica: 4, reservation: { type: 'ANY_RESERVATION', names: [] } } as any,
      provisioning: 'queued', maxNodes: 2, zones: ['us-central1-a'], region: 'us-central1',
    });
    expect(resolution.problems).toContainEqual(expect.objectContaining({ field: 'pool.reservation', allowed: expect.stringContaining('none with QUEUED_PROVISIONING') }));
  });
});

describe('labels shared by the layers', () => {
  test('Kueue\'s workload labels, and the system pool\'s node label', () => {
    expect([QUEUE_NAME_LABEL, PRIORITY_CLASS_LABEL]).toEqual(['kueue.x-k8s.io/queue-name', 'kueue.x-k8s.io/priority-class']);
    const preferred = (jobSetValues() as any).controller.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preferred).toEqual([{ weight: 100, preference: { matchExpressions: [{ key: SYSTEM_POOL_LABEL.key, operator: 'In', values: [SYSTEM_POOL_LABEL.value] }] } }]);
  });
});

describe('the JobSet chart\'s values', () => {
  test('turn Prometheus export off: its ServiceMonitor has no CRD on GKE', () => {
    expect((jobSetValues() as any).prometheus).toEqual({ enable: false });
  });
});
