import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  GkeNodePoolOptions, GkeTrainingCluster, GpuType, NodeProvisioning, Reservation, TpuVersion, TrainingEnvironment,
  WorkerPool,
} from '../../lib';
import { ValidationError } from '../../lib/core/validation';

/**
 * GkeNodePool refuses each bad option at construction with one line of the usual shape
 * `<path>: <field> <value> is not valid: <allowed>` (issue 11 "validated with the same error quality
 * as the Vertex side"). Each case has exactly one bad field over a valid base.
 */

const PATH = 'platform/gke/pool';
const H100 = WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 });
const V6E = WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' });
const RESERVATION = 'projects/acme-ml/zones/us-central1-a/reservations/h100';

function build(options: Partial<GkeNodePoolOptions>): void {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'platform');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {} });
  const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env });
  cluster.addNodePool('pool', { pool: H100, maxNodes: 4, ...options });
}

function thrown(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected an error, but nothing was thrown');
}

type Case = [title: string, options: Partial<GkeNodePoolOptions>, field: string, value: string, allowed: string];

const cases: Case[] = [
  ['a GPU count no machine takes', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 16 }) }, 'pool.gpusPerReplica', '16', 'for 16 GPUs use 8 per VM on 2 VMs'],
  ['a machine type of another GPU', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 1, machineType: 'a3-highgpu-1g' }) }, 'pool.machineType', '"a3-highgpu-1g"', 'NVIDIA_L4 runs on g2-standard-4'],
  ['a TPU topology that does not exist', { pool: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '3x3' }) }, 'pool.topology', '"3x3"', 'TPU v6e topologies: 1x1, 2x4, 2x2, 4x4'],
  ['a misspelt CPU machine', { pool: WorkerPool.cpu({ machineType: 'n2-standrd-8' }) }, 'pool.machineType', '"n2-standrd-8"', 'did you mean n2-standard-8'],
  ['replicaCount in the WorkerPool', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount: 3 }) }, 'pool.replicaCount', '3', 'its size is maxNodes'],
  ['a node pool name GKE refuses', { name: 'Training_H100' }, 'name', '"Training_H100"', '(e.g. "training-h100")'],
  ['a node pool name over 40 characters', { name: `h100-${'x'.repeat(40)}` }, 'name', `"h100-${'x'.repeat(40)}"`, '1 to 40 lowercase letters'],
  ['maxNodes 0', { maxNodes: 0 }, 'maxNodes', '0', 'a whole number of nodes from 1 to 1,000'],
  ['minNodes above maxNodes', { minNodes: 6 }, 'minNodes', '6', 'at most maxNodes (4)'],
  ['a zone of another region', { zones: ['europe-west4-a'] }, 'zones[0]', '"europe-west4-a"', "a zone of the cluster's region us-central1"],
  ['compact placement over the cluster\'s zones', { compactPlacement: true, pool: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, 'zones', '"(the cluster\'s zones)"', 'exactly one zone: compact placement'],
  ['compact placement over two zones', { compactPlacement: true, zones: ['us-central1-a', 'us-central1-c'] }, 'zones', '["us-central1-a","us-central1-c"]', 'exactly one zone'],
  ['a GPU pool in a zone the catalog does not have the GPU in', { zones: ['us-central1-b'] }, 'zones[0]', '"us-central1-b"', 'a zone the catalog has NVIDIA_H100_80GB in: us-central1-a, us-central1-c'],
  ['a GPU pool without zones where the catalog knows none of the GPU', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_P4, gpusPerReplica: 1 }) }, 'zones', '"(the cluster\'s zones)"', '`gcloud compute accelerator-types list --filter="name=nvidia-tesla-p4 AND zone~^us-central1-"` lists them'],
  ['a reservation with Spot', { provisioning: NodeProvisioning.SPOT, pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.any() }) }, 'pool.reservation', '"ANY_RESERVATION"', 'none with SPOT: Spot VMs do not consume reservations'],
  ['a reservation with flex-start', { provisioning: NodeProvisioning.FLEX_START, pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific(RESERVATION) }) }, 'pool.reservation', '"SPECIFIC_RESERVATION"', 'none with FLEX_START'],
  ['a reservation with queued provisioning', { provisioning: NodeProvisioning.QUEUED_PROVISIONING, pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.any() }) }, 'pool.reservation', '"ANY_RESERVATION"', 'none with QUEUED_PROVISIONING'],
  ['queued provisioning with minNodes > 0', { provisioning: NodeProvisioning.QUEUED_PROVISIONING, minNodes: 1 }, 'minNodes', '1', '0 with queued provisioning'],
  ['queued provisioning of GPUs with compact placement', { provisioning: NodeProvisioning.QUEUED_PROVISIONING, compactPlacement: true, zones: ['us-central1-a'] }, 'compactPlacement', 'true', 'false with queued provisioning of GPUs'],
  ['a reservation outside the pool\'s zone', { zones: ['us-central1-c'], pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific(RESERVATION) }) }, 'pool.reservation', JSON.stringify(RESERVATION), "one of the pool's zones (us-central1-c)"],
  ['a reservation of another region', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific('projects/acme-ml/zones/us-east4-a/reservations/h100') }) }, 'pool.reservation', '"projects/acme-ml/zones/us-east4-a/reservations/h100"', "region us-central1"],
  ['a malformed reservation name', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific('h100') }) }, 'pool.reservation', '"h100"', 'projects/PROJECT/zones/ZONE/reservations/NAME'],
  ['GB200 without a reservation', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_GB200, gpusPerReplica: 4 }), zones: ['us-central1-b'] }, 'pool.reservation', '"none"', 'only available through a reservation'],
  ['flex-start for a GPU it does not take', { provisioning: NodeProvisioning.FLEX_START, pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_V100, gpusPerReplica: 1 }) }, 'provisioning', '"FLEX_START"', 'not catalogued for NVIDIA_TESLA_V100 on GKE'],
  ['queued provisioning for a CPU pool', { provisioning: NodeProvisioning.QUEUED_PROVISIONING, pool: WorkerPool.cpu({ machineType: 'n2-standard-8' }) }, 'provisioning', '"QUEUED_PROVISIONING"', 'for GPU and TPU pools'],
  ['a multi-host slice with more nodes than its VMs', { pool: V6E, maxNodes: 8, zones: ['us-central1-b'] }, 'maxNodes', '8', 'one node pool holds one slice: maxNodes 4'],
  ['a multi-host slice with some of its VMs as minimum', { pool: V6E, minNodes: 2, zones: ['us-central1-b'] }, 'minNodes', '2', '0 or 4: a multi-host slice scales as a whole'],
  ['a multi-host slice over the cluster\'s zones', { pool: V6E }, 'zones', '"(the cluster\'s zones)"', 'a multi-host TPU slice lives in one zone'],
  ['a TPU zone the catalog does not list', { pool: V6E, zones: ['us-central1-c'] }, 'zones[0]', '"us-central1-c"', 'a zone the catalog has TPU v6e in: us-central1-b'],
  ['a multi-host slice without compact placement', { pool: V6E, compactPlacement: false, zones: ['us-central1-b'] }, 'compactPlacement', 'false', 'placed COMPACT with its topology'],
  ['TPU v3 (cores) on GKE', { pool: WorkerPool.tpu({ version: TpuVersion.V3, cores: 8 }) }, 'pool.version', '"TPU v3"', 'GKE node pools here take TPU v5e, v6e or 7x'],
  ['TPU 7x with queued provisioning', { provisioning: NodeProvisioning.QUEUED_PROVISIONING, pool: WorkerPool.tpu({ version: TpuVersion.TPU7X, topology: '2x2x1' }) }, 'provisioning', '"QUEUED_PROVISIONING"', 'not catalogued for TPU 7x on GKE'],
];

describe('GkeNodePool refuses invalid options at construction', () => {
  test('the base constructs without error (so every refusal below comes from its one bad field)', () => {
    expect(() => build({})).not.toThrow();
  });

  test.each(cases)('%s', (_title, options, field, value, allowed) => {
    const error = thrown(() => build(options));
    expect(error.lines).toHaveLength(1);
    const [line] = error.lines;
    expect(line.startsWith(`${PATH}: ${field} ${value} is not valid: `)).toBe(true);
    expect(line.slice(line.indexOf(' is not valid: '))).toContain(allowed);
  });
});
