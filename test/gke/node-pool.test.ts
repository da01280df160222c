import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  GkeNodePool, GkeNodePoolOptions, GkeTrainingCluster, GpuDriverVersion, GpuType, NodeProvisioning, Reservation,
  TpuVersion, TrainingEnvironment, WorkerPool,
} from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { ofType, synthJson, TerraformJson } from '../helpers/synth';

/**
 * The GkeNodePool construct (issue 11): the `google_container_node_pool` a WorkerPool intent
 * becomes on a GkeTrainingCluster, and its construction-time errors.
 */

const H100 = (): WorkerPool => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, bootDiskSizeGb: 500 });

function platform(): { stack: TerraformStack; cluster: GkeTrainingCluster } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'platform');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {} });
  const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env });
  return { stack, cluster };
}

/** The node pool resource of a pool named `name` (the system pool is left out). */
function poolResource(json: TerraformJson, name: string): any {
  const found = Object.values(ofType(json, 'google_container_node_pool')).filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`expected one node pool ${name}, found ${found.length}`);
  return found[0];
}

function synthPool(id: string, options: GkeNodePoolOptions): { json: TerraformJson; pool: GkeNodePool } {
  const { stack, cluster } = platform();
  const pool = cluster.addNodePool(id, options);
  return { json: synthJson(stack), pool };
}

function errorOf(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('no ValidationError thrown');
}

describe('an H100 Spot node pool', () => {
  const { json, pool } = synthPool('h100-spot', { pool: H100(), provisioning: NodeProvisioning.SPOT, maxNodes: 4 });
  const resource = poolResource(json, 'h100-spot');

  test('is registered with its cluster, named after its id', () => {
    expect(pool.nodePoolName).toBe('h100-spot');
    expect(pool.cluster.nodePools).toContain(pool);
    expect(pool._resolved.maxNodes).toBe(4);
  });

  test('autoscales from zero to 4 nodes in the first zone the catalog has H100 in, location policy ANY', () => {
    expect(resource.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: 4, location_policy: 'ANY' });
    expect(resource.initial_node_count).toBe(0);
    // Not the region's default zones: some lack H100, and one run's nodes stay in one zone.
    expect(resource.node_locations).toEqual(['us-central1-a']);
    expect(resource.location).toBe('us-central1');
    expect(resource.project).toBe('acme-ml');
    expect(resource.cluster).toMatch(/\$\{google_container_cluster\.[A-Za-z_0-9-]+\.id\}/);
  });

  test('nodes: a3-highgpu-8g Spot VMs with 8 GPUs, the latest driver and no reservation', () => {
    const config = resource.node_config;
    expect(config.machine_type).toBe('a3-highgpu-8g');
    expect(config.spot).toBe(true);
    expect(config.guest_accelerator).toEqual([{ type: 'nvidia-h100-80gb', count: 8, gpu_driver_installation_config: { gpu_driver_version: 'LATEST' } }]);
    expect(config.reservation_affinity).toEqual({ consume_reservation_type: 'NO_RESERVATION' });
    expect(config.disk_size_gb).toBe(500);
    expect(config.disk_type).toBe('pd-ssd');
  });

  test('security: node service account, cloud-platform scope, GKE metadata server, secure boot, CMEK boot disk', () => {
    const config = resource.node_config;
    expect(config.service_account).toMatch(/google_service_account\..*\.email/);
    expect(config.oauth_scopes).toEqual(['https://www.googleapis.com/auth/cloud-platform']);
    expect(config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
    expect(config.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_integrity_monitoring: true });
    expect(config.boot_disk_kms_key).toMatch(/google_kms_crypto_key\..*\.id/);
  });

  test('labels and taints: ours declared, GKE\'s own left to GKE', () => {
    const config = resource.node_config;
    expect(config.labels).toEqual({ 'vertex-training/provisioning': 'spot' });
    expect(config.taint).toEqual([{ key: 'vertex-training/provisioning', value: 'spot', effect: 'NO_SCHEDULE' }]);
    expect(pool._resolved.nodeLabels['cloud.google.com/gke-spot']).toBe('true');
    expect(pool._resolved.taints.find((t) => t.key === 'nvidia.com/gpu')?.addedByGke).toBe(true);
  });

  test('upgrades one node at a time without a surge node; auto-repair and auto-upgrade on', () => {
    expect(resource.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 0, max_unavailable: 1 });
    expect(resource.management).toEqual({ auto_repair: true, auto_upgrade: true });
  });

  test('waits for the cluster and for the propagation of the grants on the boot disk key (the cluster\'s wait)', () => {
    expect(resource.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_container_cluster\./), expect.stringMatching(/^time_sleep\.gke_grants-propagated_sleep_/)]));
  });
});

describe('other pools', () => {
  test('a TPU v6e 4x4 slice with queued provisioning: COMPACT placement with its topology, one zone, queued, no auto-repair', () => {
    const { json } = synthPool('v6e-4x4', {
      pool: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }),
      provisioning: NodeProvisioning.QUEUED_PROVISIONING, maxNodes: 4, zones: ['us-central1-b'],
    });
    const resource = poolResource(json, 'v6e-4x4');
    expect(resource.placement_policy).toEqual({ type: 'COMPACT', tpu_topology: '4x4' });
    expect(resource.queued_provisioning).toEqual({ enabled: true });
    expect(resource.node_locations).toEqual(['us-central1-b']);
    expect(resource.management.auto_repair).toBe(false);
    expect(resource.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: 4, location_policy: 'ANY' });
    expect(resource.node_config.machine_type).toBe('ct6e-standard-4t');
    expect(resource.node_config.guest_accelerator).toBeUndefined();
    expect(resource.node_config.reservation_affinity).toEqual({ consume_reservation_type: 'NO_RESERVATION' });
  });

  test('a flex-start L4 pool sets flex_start', () => {
    const { json } = synthPool('l4-flex', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }), provisioning: NodeProvisioning.FLEX_START, maxNodes: 2 });
    const config = poolResource(json, 'l4-flex').node_config;
    expect(config.flex_start).toBe(true);
    expect(config.machine_type).toBe('g2-standard-48');
    expect(config.spot).toBeUndefined();
  });

  test('a standard pool on a specific reservation, with a name and a driver of its own', () => {
    const reservation = 'projects/acme-ml/zones/us-central1-a/reservations/h100';
    const { json } = synthPool('reserved', {
      pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific(reservation) }),
      maxNodes: 2, minNodes: 2, zones: ['us-central1-a'], name: 'h100-reserved', gpuDriverVersion: GpuDriverVersion.DEFAULT,
    });
    const resource = poolResource(json, 'h100-reserved');
    expect(resource.node_config.reservation_affinity).toEqual({ consume_reservation_type: 'SPECIFIC_RESERVATION', key: 'compute.googleapis.com/reservation-name', values: [reservation] });
    expect(resource.initial_node_count).toBe(2);
    expect(resource.autoscaling.location_policy).toBe('BALANCED');
    expect(resource.node_config.labels).toBeUndefined();
    expect(resource.node_config.taint).toBeUndefined();
    expect(resource.node_config.guest_accelerator[0].gpu_driver_installation_config.gpu_driver_version).toBe('DEFAULT');
  });

  test('a CPU pool: no accelerator, surge upgrades', () => {
    const { json } = synthPool('cpu', { pool: WorkerPool.cpu({ machineType: 'n2-standard-16' }), maxNodes: 10 });
    const resource = poolResource(json, 'cpu');
    expect(resource.node_config.guest_accelerator).toBeUndefined();
    expect(resource.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
  });
});

describe('bad input fails at construction, every problem at once, naming the construct path', () => {
  test('queued provisioning with a reservation and minNodes > 0, replicaCount, a bad name', () => {
    const { cluster } = platform();
    const error = errorOf(() => cluster.addNodePool('H100_Queued', {
      pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount: 2, reservation: Reservation.any() }),
      provisioning: NodeProvisioning.QUEUED_PROVISIONING, minNodes: 1, maxNodes: 4,
    }));
    expect(error.lines).toEqual([
      'platform/gke/H100_Queued: name "H100_Queued" is not valid: a GKE node pool name: 1 to 40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. "h100-queued")',
      expect.stringMatching(/^platform\/gke\/H100_Queued: pool\.replicaCount 2 is not valid: not used by a node pool: its size is maxNodes/),
      expect.stringMatching(/^platform\/gke\/H100_Queued: pool\.reservation "ANY_RESERVATION" is not valid: none with QUEUED_PROVISIONING/),
      expect.stringMatching(/^platform\/gke\/H100_Queued: minNodes 1 is not valid: 0 with queued provisioning/),
    ]);
  });

  test('an unknown provisioning gets a did-you-mean; a missing pool is named', () => {
    const { cluster } = platform();
    const error = errorOf(() => cluster.addNodePool('p', { pool: H100(), provisioning: 'SPOTT' as NodeProvisioning, maxNodes: 1 }));
    expect(error.message).toMatch(/provisioning "SPOTT" is not valid: must be a NodeProvisioning \(STANDARD, SPOT, FLEX_START, QUEUED_PROVISIONING\): did you mean NodeProvisioning\.SPOT\?/);
    const { cluster: other } = platform();
    const lines = errorOf(() => other.addNodePool('p', { maxNodes: 1, provisioning: 'spot' } as unknown as GkeNodePoolOptions)).lines;
    expect(lines).toEqual([
      'platform/gke/p: pool undefined is not valid: required (a WorkerPool (WorkerPool.gpu, tpu or cpu))',
      'platform/gke/p: provisioning "spot" is not valid: must be a NodeProvisioning (STANDARD, SPOT, FLEX_START, QUEUED_PROVISIONING): did you mean NodeProvisioning.SPOT?',
    ]);
  });

  test('a name another pool of the cluster has (or the system pool\'s) is refused', () => {
    const { cluster } = platform();
    cluster.addNodePool('h100', { pool: H100(), maxNodes: 1 });
    expect(errorOf(() => cluster.addNodePool('other', { pool: H100(), maxNodes: 1, name: 'h100' })).message)
      .toBe('platform/gke/other: name "h100" is not valid: a name no other node pool of the cluster has (taken: h100, system)');
    expect(errorOf(() => cluster.addNodePool('system', { pool: H100(), maxNodes: 1 })).message).toMatch(/name "system" is not valid/);
  });

  test('a GPU not catalogued in the cluster\'s region, unless overridden', () => {
    const build = (skipLocationCheck: boolean) => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'platform');
      const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'southamerica-east1', network: {} });
      const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env });
      return cluster.addNodePool('h100', { pool: H100(), maxNodes: 1, zones: ['southamerica-east1-b'], catalogOverrides: { skipLocationCheck } });
    };
    expect(errorOf(() => build(false)).message).toMatch(/pool\.gpuType "NVIDIA_H100_80GB" is not valid: not in the catalog for the cluster's region southamerica-east1; nearest: /);
    expect(build(true).nodePoolName).toBe('h100');
  });

  test('a GPU pool in a region the catalog knows no zone of the GPU in must name its zones, with the command that lists them', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'platform');
    const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'southamerica-east1', network: {} });
    const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env });
    const error = errorOf(() => cluster.addNodePool('h100', { pool: H100(), maxNodes: 1, catalogOverrides: { skipLocationCheck: true } }));
    expect(error.lines).toEqual([
      'platform/gke/h100: zones "(the cluster\'s zones)" is not valid: the zones of the pool, named: the cluster\'s default zones may lack NVIDIA_H100_80GB (the create fails at apply) and one run\'s pods would spread over zones; the catalog knows no zone of NVIDIA_H100_80GB in southamerica-east1: `gcloud compute accelerator-types list --filter="name=nvidia-h100-80gb AND zone~^southamerica-east1-"` lists them',
    ]);
  });

  test('a GPU pool\'s zones are checked against the catalog\'s zones of the GPU, unless skipLocationCheck', () => {
    const { cluster } = platform();
    const error = errorOf(() => cluster.addNodePool('h100', { pool: H100(), maxNodes: 1, zones: ['us-central1-a', 'us-central1-f'] }));
    expect(error.lines).toEqual([
      'platform/gke/h100: zones[1] "us-central1-f" is not valid: a zone the catalog has NVIDIA_H100_80GB in: us-central1-a, us-central1-c (if Compute Engine offers it there, set catalogOverrides.skipLocationCheck)',
    ]);
    const { cluster: other } = platform();
    const pool = other.addNodePool('h100', { pool: H100(), maxNodes: 1, zones: ['us-central1-f'], catalogOverrides: { skipLocationCheck: true } });
    expect(pool._resolved.zones).toEqual(['us-central1-f']);
  });
});
