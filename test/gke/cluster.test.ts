import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Duration, GkeReleaseChannel, GkeTrainingCluster, GkeTrainingClusterProps, TrainingEnvironment, TrainingEnvironmentProps, WorkerPool } from '../../lib';
import { LAUNCHER_GKE_PERMISSIONS } from '../../lib/gke/cluster-access';
import { NODE_PROJECT_ROLES } from '../../lib/gke/node-identity';
import { apiRef, environmentStack, ofType, onlyOfType, synthJson, TerraformJson } from '../helpers/synth';

const ALERTS = { emails: ['ml-oncall@example.com'] };

/** An environment with a created network and one cluster. */
function clusterStack(props: Partial<GkeTrainingClusterProps> = {}, envProps: Partial<TrainingEnvironmentProps> = {}) {
  const { stack, env } = environmentStack({ network: {}, alerts: ALERTS, ...envProps });
  const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env, ...props });
  return { stack, env, cluster };
}

/** `type.name` of the only resource of `type` whose attributes match `where`. */
function addressOf(json: TerraformJson, type: string, where: (r: any) => boolean): string {
  const found = Object.entries(ofType(json, type)).filter(([, r]) => where(r));
  expect(found).toHaveLength(1);
  return `${type}.${found[0][0]}`;
}

const clusterOf = (json: TerraformJson) => onlyOfType(json, 'google_container_cluster');

describe('GkeTrainingCluster: the created cluster', () => {
  const { stack, cluster, env } = clusterStack();
  const json = synthJson(stack);
  const gke = clusterOf(json);

  test('is regional, in the environment\'s project, with its labels and deletion protection', () => {
    expect(gke).toMatchObject({ project: 'acme-ml', location: 'us-central1', name: 'ml-training', deletion_protection: true, resource_labels: env.labels });
    expect(cluster.clusterName).toBe('ml-training');
    expect(cluster.location).toBe('us-central1');
    expect(cluster.projectId).toBe('acme-ml');
    expect(cluster.workloadPool).toBe('acme-ml.svc.id.goog');
  });

  test('removes the default pool, whose transient nodes still run as the node account with CMEK disks and GKE metadata', () => {
    expect(gke).toMatchObject({ remove_default_node_pool: true, initial_node_count: 1, lifecycle: { ignore_changes: ['node_config'] } });
    expect(gke.node_config.service_account).toMatch(/google_service_account\.gke_nodes_account_\w+\.email/);
    expect(gke.node_config.boot_disk_kms_key).toMatch(/google_kms_crypto_key\.ml_encryption_gke-disks_key_\w+\.id/);
    expect(gke.node_config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
  });

  test('private nodes; control plane through the DNS endpoint only (the IP endpoint is off without authorized networks)', () => {
    expect(gke.private_cluster_config).toEqual({ enable_private_nodes: true });
    expect(gke.control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: true }, ip_endpoints_config: { enabled: false } });
    expect(gke.master_authorized_networks_config).toBeUndefined();
  });

  test('Workload Identity, Dataplane V2, the release channel, CMEK Secrets, Managed Prometheus with DCGM, workload logs', () => {
    expect(gke.workload_identity_config).toEqual({ workload_pool: 'acme-ml.svc.id.goog' });
    expect(gke.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(gke.release_channel).toEqual({ channel: 'REGULAR' });
    expect(gke.database_encryption.state).toBe('ENCRYPTED');
    expect(gke.database_encryption.key_name).toMatch(/google_kms_crypto_key\.ml_encryption_gke-secrets_key_\w+\.id/);
    expect(gke.monitoring_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS', 'DCGM'], managed_prometheus: { enabled: true } });
    expect(gke.logging_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS', 'WORKLOADS'] });
    expect(gke.addons_config).toEqual({ gcs_fuse_csi_driver_config: { enabled: true } });
  });

  test('runs in the environment\'s network, pods and services in secondary ranges added to its subnet', () => {
    const subnet = onlyOfType(json, 'google_compute_subnetwork');
    expect(gke.network).toMatch(/google_compute_network\.ml_network_\w+\.id/);
    expect(gke.subnetwork).toMatch(/google_compute_subnetwork\.ml_network_subnet_\w+\.id/);
    expect(subnet.secondary_ip_range).toEqual([
      { range_name: 'ml-training-pods', ip_cidr_range: '10.20.0.0/14' },
      { range_name: 'ml-training-services', ip_cidr_range: '10.24.0.0/20' },
    ]);
    expect(gke.ip_allocation_policy).toEqual({ stack_type: 'IPV4', cluster_secondary_range_name: 'ml-training-pods', services_secondary_range_name: 'ml-training-services' });
  });

  test('two keys in the environment\'s key ring, each granted to the one agent that uses it, protected from destroy', () => {
    const keys = ofType(json, 'google_kms_crypto_key');
    const names = Object.values(keys).map((k) => k.name);
    expect(names).toEqual(expect.arrayContaining(['ml-gke-secrets', 'ml-gke-disks']));
    for (const key of Object.values(keys).filter((k) => k.name.startsWith('ml-gke-'))) {
      expect(key.lifecycle).toEqual({ prevent_destroy: true });
      expect(key.key_ring).toMatch(/google_kms_key_ring\.ml_encryption_key-ring_\w+\.id/);
    }
    const grants = Object.values(ofType(json, 'google_kms_crypto_key_iam_member'));
    const on = (keyId: string) => grants.filter((g) => String(g.crypto_key_id).includes(`ml_encryption_${keyId}_key`)).map((g) => g.member);
    const number = '${data.google_project.' + Object.keys(ofType(json, 'google_project', 'data'))[0] + '.number}';
    expect(on('gke-secrets')).toEqual([`serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com`]);
    expect(on('gke-disks')).toEqual([`serviceAccount:service-${number}@compute-system.iam.gserviceaccount.com`]);
    expect(cluster.bootDiskKey.keyName).toBe(env.encryption.keys['gke-disks'].keyName);
    expect(cluster.secretsKey!.keyName).toBe(env.encryption.keys['gke-secrets'].keyName);
  });

  test('order: APIs -> agents -> key grants and node grants -> propagation wait -> cluster -> system pool', () => {
    const containerApi = apiRef(json, 'container.googleapis.com');
    const computeApi = apiRef(json, 'compute.googleapis.com');
    const identity = addressOf(json, 'google_project_service_identity', (r) => r.service === 'container.googleapis.com');
    const identityConfig = ofType(json, 'google_project_service_identity')[identity.split('.')[1]];
    expect(identityConfig.depends_on).toContain(containerApi);
    const secretsGrant = addressOf(json, 'google_kms_crypto_key_iam_member', (r) => String(r.member).includes('container-engine-robot'));
    const disksGrant = addressOf(json, 'google_kms_crypto_key_iam_member', (r) => String(r.member).includes('compute-system'));
    const grant = (address: string) => ofType(json, 'google_kms_crypto_key_iam_member')[address.split('.')[1]];
    expect(grant(secretsGrant).depends_on).toContain(identity);
    // The Compute Engine agent is created with the Compute Engine API (no service identity exists for it).
    expect(grant(disksGrant).depends_on).toContain(computeApi);
    const nodeGrants = [
      ...Object.keys(ofType(json, 'google_project_iam_member')).filter((n) => n.startsWith('gke_nodes_')).map((n) => `google_project_iam_member.${n}`),
      ...Object.keys(ofType(json, 'google_artifact_registry_repository_iam_member')).filter((n) => n.includes('gke-nodes')).map((n) => `google_artifact_registry_repository_iam_member.${n}`),
    ];
    expect(nodeGrants).toHaveLength(2);
    const wait = onlyOfType(json, 'time_sleep');
    const waitAddress = `time_sleep.${Object.keys(ofType(json, 'time_sleep'))[0]}`;
    expect(waitAddress).toMatch(/^time_sleep\.gke_grants-propagated_sleep_/);
    expect(wait.create_duration).toBe('120s');
    expect([...wait.depends_on].sort()).toEqual([secretsGrant, disksGrant, ...nodeGrants].sort());
    // The cluster waits for the grants' propagation, not for the grants alone.
    expect(gke.depends_on).toEqual(expect.arrayContaining([containerApi, computeApi, waitAddress]));
    expect(gke.depends_on).not.toEqual(expect.arrayContaining([secretsGrant]));
    expect(gke.depends_on).not.toEqual(expect.arrayContaining([disksGrant]));
    const system = onlyOfType(json, 'google_container_node_pool');
    expect(system.depends_on).toContain(waitAddress);
    expect(system.cluster).toMatch(/google_container_cluster\.gke_cluster_\w+\.id/);
  });

  test('the wait\'s triggers are the IDs of the grants it waits for: a later deploy waits again only when one changes', () => {
    const wait = onlyOfType(json, 'time_sleep');
    const expected = Object.fromEntries(wait.depends_on.map((address: string) => [address, `\${${address}.id}`]));
    expect(wait.triggers).toEqual(expected);
    expect(Object.keys(wait.triggers)).toHaveLength(4);
    expect(cluster.grantsPropagated.resources).toEqual([...cluster.encryption.grants, ...cluster.nodeIdentity.grants]);
  });

  test('the wait lasts the environment\'s propagationDelay', () => {
    const { stack } = clusterStack({}, { propagationDelay: Duration.minutes(7) });
    expect(onlyOfType(synthJson(stack), 'time_sleep').create_duration).toBe('420s');
  });

  test('the cluster\'s resources wait for the APIs their types call, as the environment\'s do', () => {
    const resourceManager = apiRef(json, 'cloudresourcemanager.googleapis.com');
    const nodeGrants = Object.entries(ofType(json, 'google_project_iam_member')).filter(([name]) => name.startsWith('gke_nodes_'));
    expect(nodeGrants).toHaveLength(1);
    for (const [, grant] of nodeGrants) expect(grant.depends_on).toContain(resourceManager);
    const system = onlyOfType(json, 'google_container_node_pool');
    expect(system.depends_on).toEqual(expect.arrayContaining([apiRef(json, 'container.googleapis.com'), apiRef(json, 'compute.googleapis.com')]));
  });

  test('a system pool for the add-ons: general purpose, untainted, node account, CMEK disks, GKE metadata, autoscaled 1-3', () => {
    const system = onlyOfType(json, 'google_container_node_pool');
    expect(system).toMatchObject({
      name: 'system', location: 'us-central1',
      autoscaling: { total_min_node_count: 1, total_max_node_count: 3, location_policy: 'BALANCED' },
      management: { auto_repair: true, auto_upgrade: true },
    });
    expect(system.node_config).toMatchObject({
      machine_type: 'e2-standard-4',
      workload_metadata_config: { mode: 'GKE_METADATA' },
      labels: { 'vertex-training/node-role': 'system' },
      metadata: { 'disable-legacy-endpoints': 'true' },
    });
    expect(system.node_config.taint).toBeUndefined();
    expect(system.node_config.service_account).toBe(gke.node_config.service_account);
    expect(system.node_config.boot_disk_kms_key).toBe(gke.node_config.boot_disk_kms_key);
    expect(cluster.systemNodePool).toBeDefined();
  });

  test('a dedicated node account with only Google\'s least-privilege node role and read on the Docker repository', () => {
    const account = Object.values(ofType(json, 'google_service_account')).find((a) => a.account_id === 'ml-gke-nodes');
    expect(account).toBeDefined();
    const nodeMember = '${google_service_account.' + Object.entries(ofType(json, 'google_service_account')).find(([, a]) => a.account_id === 'ml-gke-nodes')![0] + '.member}';
    const projectRoles = Object.values(ofType(json, 'google_project_iam_member')).filter((g) => g.member === nodeMember).map((g) => g.role).sort();
    expect(projectRoles).toEqual([...NODE_PROJECT_ROLES].sort());
    expect(projectRoles).toEqual(['roles/container.defaultNodeServiceAccount']);
    const repoGrants = Object.values(ofType(json, 'google_artifact_registry_repository_iam_member')).filter((g) => g.member === nodeMember);
    expect(repoGrants.map((g) => g.role)).toEqual(['roles/artifactregistry.reader']);
    expect(repoGrants[0].repository).toMatch(/google_artifact_registry_repository\.ml_docker-repository_\w+\.name/);
    expect(cluster.nodeServiceAccount.serviceAccount!.accountIdInput).toBe('ml-gke-nodes');
  });

  test('the launcher may connect to the cluster (a custom role with container.clusters.connect and get, nothing else)', () => {
    const role = Object.values(ofType(json, 'google_project_iam_custom_role')).find((r) => r.role_id === 'ml_gkeTrainingConnect');
    expect(role.permissions).toEqual([...LAUNCHER_GKE_PERMISSIONS].sort());
    expect(role.permissions).toEqual(['container.clusters.connect', 'container.clusters.get']);
    const grant = Object.values(ofType(json, 'google_project_iam_member')).find((g) => String(g.role).includes('google_project_iam_custom_role.ml_launcher_gke-connect-role_'));
    expect(grant.member).toMatch(/^\$\{google_service_account\.ml_launcher_account_\w+\.member\}$/);
  });

  test('enables the Kubernetes Engine and Compute Engine APIs through the environment', () => {
    expect(env.apis.usedApis).toEqual(expect.arrayContaining(['container.googleapis.com', 'compute.googleapis.com']));
  });

  test('dnsEndpoint is the cluster\'s DNS endpoint host; clusterId its ID', () => {
    const s = new TerraformStack(Testing.app(), 'x');
    new GoogleProvider(s, 'google', { project: 'acme-ml' });
    const { stack: st, cluster: c } = clusterStack();
    new TerraformOutput(st, 'endpoint', { value: c.dnsEndpoint });
    new TerraformOutput(st, 'id', { value: c.clusterId });
    const out = synthJson(st).output;
    expect(out.endpoint.value).toMatch(/^\$\{google_container_cluster\.gke_cluster_\w+\.control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint\}$/);
    expect(out.id.value).toMatch(/^\$\{google_container_cluster\.gke_cluster_\w+\.id\}$/);
  });
});

describe('GkeTrainingCluster: options', () => {
  test('authorized networks turn on a private IP endpoint limited to them', () => {
    const { stack } = clusterStack({ authorizedNetworks: ['10.100.0.0/24', '192.168.10.0/24'] });
    const gke = clusterOf(synthJson(stack));
    expect(gke.private_cluster_config).toEqual({ enable_private_nodes: true, enable_private_endpoint: true });
    expect(gke.control_plane_endpoints_config.ip_endpoints_config).toEqual({ enabled: true });
    expect(gke.master_authorized_networks_config).toEqual({
      gcp_public_cidrs_access_enabled: false,
      cidr_blocks: [{ cidr_block: '10.100.0.0/24', display_name: 'authorized-0' }, { cidr_block: '192.168.10.0/24', display_name: 'authorized-1' }],
    });
  });

  test('a public IP endpoint admits only its authorized (public) networks', () => {
    const { stack } = clusterStack({ authorizedNetworks: ['203.0.113.0/24'], publicEndpoint: true });
    const gke = clusterOf(synthJson(stack));
    expect(gke.private_cluster_config).toEqual({ enable_private_nodes: true, enable_private_endpoint: false });
    expect(gke.master_authorized_networks_config.cidr_blocks).toEqual([{ cidr_block: '203.0.113.0/24', display_name: 'authorized-0' }]);
  });

  test('release channel, name, deletion protection, system pool, ranges and maintenance window', () => {
    const { stack } = clusterStack({
      clusterName: 'ml-gpu', releaseChannel: GkeReleaseChannel.STABLE, deletionProtection: false,
      systemPool: { machineType: 'n2-standard-8', minNodes: 2, maxNodes: 4 },
      podsCidr: '10.64.0.0/16', servicesCidr: '10.65.0.0/22',
      maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T08:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' },
    });
    const json = synthJson(stack);
    const gke = clusterOf(json);
    expect(gke).toMatchObject({ name: 'ml-gpu', deletion_protection: false, release_channel: { channel: 'STABLE' } });
    expect(gke.maintenance_policy).toEqual({ recurring_window: { start_time: '2026-01-03T00:00:00Z', end_time: '2026-01-03T08:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' } });
    expect(onlyOfType(json, 'google_compute_subnetwork').secondary_ip_range).toEqual([
      { range_name: 'ml-gpu-pods', ip_cidr_range: '10.64.0.0/16' },
      { range_name: 'ml-gpu-services', ip_cidr_range: '10.65.0.0/22' },
    ]);
    const system = onlyOfType(json, 'google_container_node_pool');
    expect(system.node_config.machine_type).toBe('n2-standard-8');
    expect(system.autoscaling).toMatchObject({ total_min_node_count: 2, total_max_node_count: 4 });
  });

  test('existing secondary range names are used as they are', () => {
    const { stack } = clusterStack({ podsRangeName: 'pods', servicesRangeName: 'svc' });
    const json = synthJson(stack);
    expect(clusterOf(json).ip_allocation_policy).toEqual({ stack_type: 'IPV4', cluster_secondary_range_name: 'pods', services_secondary_range_name: 'svc' });
    expect(onlyOfType(json, 'google_compute_subnetwork').secondary_ip_range).toBeUndefined();
  });

  test('an imported network: the given subnet, ranges GKE creates from the CIDRs', () => {
    const { stack } = clusterStack(
      { subnetwork: 'projects/acme-ml/regions/us-central1/subnetworks/shared' },
      { network: { existingNetworkName: 'projects/acme-ml/global/networks/shared', existingPeeringRangeName: 'vertex' } },
    );
    const gke = clusterOf(synthJson(stack));
    expect(gke.network).toBe('projects/acme-ml/global/networks/shared');
    expect(gke.subnetwork).toBe('projects/acme-ml/regions/us-central1/subnetworks/shared');
    expect(gke.ip_allocation_policy).toEqual({ stack_type: 'IPV4', cluster_ipv4_cidr_block: '10.20.0.0/14', services_ipv4_cidr_block: '10.24.0.0/20' });
  });

  test('keys brought by the user are granted, not created', () => {
    const secrets = 'projects/acme-ml/locations/us-central1/keyRings/sec/cryptoKeys/gke-secrets';
    const disks = 'projects/acme-ml/locations/us-central1/keyRings/sec/cryptoKeys/gke-disks';
    const { stack } = clusterStack({ secretsKeyName: secrets, bootDiskKeyName: disks });
    const json = synthJson(stack);
    expect(Object.values(ofType(json, 'google_kms_crypto_key')).map((k) => k.name)).not.toContain('ml-gke-secrets');
    const gke = clusterOf(json);
    expect(gke.database_encryption.key_name).toBe(secrets);
    expect(gke.node_config.boot_disk_kms_key).toBe(disks);
    const grants = Object.values(ofType(json, 'google_kms_crypto_key_iam_member')).map((g) => [g.crypto_key_id, g.member.split('@')[1]]);
    expect(grants).toEqual(expect.arrayContaining([[secrets, 'container-engine-robot.iam.gserviceaccount.com'], [disks, 'compute-system.iam.gserviceaccount.com']]));
  });

  test('an existing node service account is used and granted', () => {
    const { stack } = clusterStack({ nodeServiceAccount: { existingEmail: 'nodes@acme-ml.iam.gserviceaccount.com' } });
    const json = synthJson(stack);
    expect(clusterOf(json).node_config.service_account).toBe('nodes@acme-ml.iam.gserviceaccount.com');
    const roles = Object.values(ofType(json, 'google_project_iam_member')).filter((g) => g.member === 'serviceAccount:nodes@acme-ml.iam.gserviceaccount.com').map((g) => g.role);
    expect(roles.sort()).toEqual([...NODE_PROJECT_ROLES].sort());
  });

  test('inside the environment\'s perimeter, which restricts the Kubernetes Engine API', () => {
    const { stack } = clusterStack({}, { perimeter: { accessPolicy: 'accessPolicies/123456789012' } });
    const json = synthJson(stack);
    const perimeter = onlyOfType(json, 'google_access_context_manager_service_perimeter');
    const config = perimeter.spec ?? perimeter.status;
    expect(config.restricted_services).toEqual(expect.arrayContaining(['container.googleapis.com', 'compute.googleapis.com']));
  });

  test('a second cluster of the environment shares its keys, agent grants and launcher role', () => {
    const { stack, env } = clusterStack();
    new GkeTrainingCluster(stack, 'gke2', { environment: env, clusterName: 'ml-second', nodeServiceAccount: { accountId: 'ml-gke-nodes-2' }, podsCidr: '10.28.0.0/16', servicesCidr: '10.29.0.0/20' });
    const json = synthJson(stack);
    expect(Object.keys(ofType(json, 'google_container_cluster'))).toHaveLength(2);
    expect(Object.values(ofType(json, 'google_kms_crypto_key')).filter((k) => k.name.startsWith('ml-gke-'))).toHaveLength(2);
    expect(Object.values(ofType(json, 'google_kms_crypto_key_iam_member')).filter((g) => /container-engine-robot|compute-system/.test(g.member))).toHaveLength(2);
    expect(Object.values(ofType(json, 'google_project_iam_custom_role')).filter((r) => r.role_id === 'ml_gkeTrainingConnect')).toHaveLength(1);
  });
});

describe('GkeTrainingCluster: an imported cluster', () => {
  function importedStack(props: Partial<GkeTrainingClusterProps> = {}) {
    const { stack, env } = environmentStack({ alerts: ALERTS });
    const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env, existingClusterName: 'shared-gpu', ...props });
    return { stack, env, cluster };
  }

  test('reads the cluster with a data source, creates no cluster, no system pool and no Secrets key (no network needed)', () => {
    const { stack, cluster } = importedStack();
    const json = synthJson(stack);
    expect(ofType(json, 'google_container_cluster')).toEqual({});
    expect(ofType(json, 'google_container_node_pool')).toEqual({});
    expect(onlyOfType(json, 'google_container_cluster', 'data')).toMatchObject({ name: 'shared-gpu', location: 'us-central1', project: 'acme-ml' });
    expect(Object.values(ofType(json, 'google_kms_crypto_key')).map((k) => k.name)).not.toContain('ml-gke-secrets');
    expect(cluster.cluster).toBeUndefined();
    expect(cluster.secretsKey).toBeUndefined();
    expect(cluster.clusterName).toBe('shared-gpu');
    expect(cluster.clusterId).toBe('projects/acme-ml/locations/us-central1/clusters/shared-gpu');
  });

  test('the plan checks that it has Workload Identity and a DNS endpoint open to external traffic', () => {
    const { stack } = importedStack();
    const data = onlyOfType(synthJson(stack), 'google_container_cluster', 'data');
    expect(data.lifecycle.postcondition.map((p: any) => p.condition)).toEqual([
      '${try(self.workload_identity_config[0].workload_pool, "") != ""}',
      '${try(self.control_plane_endpoints_config[0].dns_endpoint_config[0].allow_external_traffic, false)}',
    ]);
    expect(data.lifecycle.postcondition[1].error_message).toMatch(/shared-gpu must allow external traffic on its DNS-based endpoint/);
  });

  test('its DNS endpoint comes from the data source', () => {
    const { stack, cluster } = importedStack();
    new TerraformOutput(stack, 'endpoint', { value: cluster.dnsEndpoint });
    expect(synthJson(stack).output.endpoint.value).toMatch(/^\$\{data\.google_container_cluster\.gke_cluster_\w+\.control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint\}$/);
  });

  test('node pools can still be added, with the boot disk key and the node account', () => {
    const { stack, cluster } = importedStack();
    const pool = cluster.addNodePool('cpu', { pool: WorkerPool.cpu({ machineType: 'n2-standard-16' }), maxNodes: 2 });
    expect(cluster.nodePools).toEqual([pool]);
    const json = synthJson(stack);
    const nodePool = onlyOfType(json, 'google_container_node_pool');
    expect(nodePool.cluster).toBe('projects/acme-ml/locations/us-central1/clusters/shared-gpu');
    expect(nodePool.node_config.boot_disk_kms_key).toMatch(/ml_encryption_gke-disks_key/);
    const wait = onlyOfType(json, 'time_sleep');
    expect(nodePool.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^time_sleep\.gke_grants-propagated_sleep_/)]));
    expect(nodePool.depends_on.filter((d: string) => /iam_member\./.test(d))).toEqual([]);
    expect(wait.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/compute-engine-agent/)]));
    expect(wait.depends_on).not.toEqual(expect.arrayContaining([expect.stringMatching(/kubernetes-engine-agent/)]));
  });
});

describe('GkeTrainingCluster: node pools of a created cluster', () => {
  test('addNodePool creates a pool of this cluster that waits for it and for the grants', () => {
    const { stack, cluster } = clusterStack();
    cluster.addNodePool('cpu', { pool: WorkerPool.cpu({ machineType: 'n2-standard-16' }), maxNodes: 2 });
    const json = synthJson(stack);
    const pools = Object.values(ofType(json, 'google_container_node_pool'));
    const cpu = pools.find((p) => p.name === 'cpu');
    expect(cpu.cluster).toMatch(/google_container_cluster\.gke_cluster_\w+\.id/);
    expect(cpu.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_container_cluster\./), expect.stringMatching(/^time_sleep\.gke_grants-propagated_sleep_/)]));
    expect(cpu.depends_on.filter((d: string) => d.startsWith('google_kms_crypto_key_iam_member.') || d.startsWith('google_project_iam_member.'))).toEqual([]);
    expect(cluster.nodePools.map((p) => p.nodePoolName)).toEqual(['cpu']);
  });
});

describe('GkeTrainingCluster: stacks', () => {
  test('is refused outside its environment\'s stack', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    new GoogleProvider(platform, 'google', { project: 'acme-ml' });
    const env = new TrainingEnvironment(platform, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {}, alerts: ALERTS });
    const other = new TerraformStack(app, 'other');
    expect(() => new GkeTrainingCluster(other, 'gke', { environment: env })).toThrow(/other\/gke: GkeTrainingCluster is declared in the stack "other" but platform\/ml is in the stack "platform"/);
  });
});
