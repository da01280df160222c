import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GkeTrainingCluster, TrainingPolicy, WorkerPool } from '../../lib';
import { environmentStack } from '../helpers/synth';
import { policyStack, synthError, violations } from '../policy/helpers';
import { compliantCluster, compliantNodeConfig, compliantNodePool, GKE_CLUSTER_BROKEN } from './cluster-policy-cases';

const GKE_RULES = ['VT-GKE-1', 'VT-GKE-2', 'VT-GKE-3', 'VT-GKE-4', 'VT-GKE-5'];

// Each broken case runs with every other rule's in test/policy/rules.test.ts (GKE_CLUSTER_BROKEN).
describe('GKE policy rules flag a broken posture with their ID and the construct path', () => {
  test('every GKE rule has a broken case, and the rules are in the training policy', () => {
    expect([...new Set(GKE_CLUSTER_BROKEN.map((c) => c.rule))].sort()).toEqual(GKE_RULES);
    expect(TrainingPolicy.rules().map((r) => r.id)).toEqual(expect.arrayContaining(GKE_RULES));
  });

  test('a bare provider cluster breaks every GKE rule at once', () => {
    const { stack } = policyStack();
    new ContainerCluster(stack, 'bare', { name: 'bare', location: 'us-central1', initialNodeCount: 1 });
    expect(violations(stack).map((f) => f.ruleId).sort()).toEqual(GKE_RULES);
  });
});

describe('compliant GKE configurations pass', () => {
  test('DNS endpoint only, a private IP endpoint, a public one with authorized networks, compliant node pools', () => {
    const { stack } = policyStack();
    compliantCluster(stack, 'dns');
    compliantCluster(stack, 'private-ip', { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true }, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: true } } });
    compliantCluster(stack, 'public-ip', {
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
      controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: true } },
      masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: false, cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }] },
    });
    compliantNodePool(stack, 'gpu');
    // Tokens count as set.
    const other = compliantNodePool(stack, 'ref', compliantNodeConfig({ serviceAccount: '${google_service_account.x.email}' }));
    compliantNodePool(stack, 'ref2', compliantNodeConfig({ bootDiskKmsKey: other.id }));
    expect(violations(stack)).toEqual([]);
  });

  test('an Autopilot cluster is judged by its auto-provisioning defaults', () => {
    const { stack } = policyStack();
    compliantCluster(stack, 'auto', {
      enableAutopilot: true, nodeConfig: undefined, removeDefaultNodePool: undefined, initialNodeCount: undefined, workloadIdentityConfig: undefined,
      clusterAutoscaling: { autoProvisioningDefaults: { serviceAccount: 'gke-nodes@acme-ml.iam.gserviceaccount.com', bootDiskKmsKey: 'projects/acme-ml/locations/us-central1/keyRings/ring/cryptoKeys/key' } },
    });
    expect(violations(stack)).toEqual([]);
  });

  test('GkeTrainingCluster and its node pools pass every GKE rule by default', () => {
    const { stack, env } = environmentStack({ network: {}, alerts: { emails: ['ml-oncall@example.com'] } });
    const cluster = new GkeTrainingCluster(stack, 'gke', { environment: env });
    cluster.addNodePool('cpu', { pool: WorkerPool.cpu({ machineType: 'n2-standard-16' }), maxNodes: 2 });
    const found = violations(stack);
    expect(found.filter((f) => f.ruleId.startsWith('VT-GKE-'))).toEqual([]);
    expect(found).toEqual([]);
  });

  test('with authorized networks, public or private, GkeTrainingCluster passes too', () => {
    for (const props of [{ authorizedNetworks: ['10.100.0.0/24'] }, { authorizedNetworks: ['203.0.113.0/24'], publicEndpoint: true }]) {
      const { stack, env } = environmentStack({ network: {}, alerts: { emails: ['ml-oncall@example.com'] } });
      new GkeTrainingCluster(stack, 'gke', { environment: env, ...props });
      expect(violations(stack)).toEqual([]);
    }
  });
});

describe('a GKE rule can be acknowledged with a reason', () => {
  test('the finding is then reported, not an error', () => {
    const { stack } = policyStack();
    const open = compliantCluster(stack, 'open', { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false }, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: true } } });
    TrainingPolicy.acknowledge(open, 'VT-GKE-3', 'sandbox cluster, torn down nightly');
    expect(violations(stack)).toEqual([]);
    expect(synthError(stack)).toBeUndefined();
    expect(TrainingPolicy.findingsOf(stack).filter((f) => f.acknowledged).map((f) => [f.ruleId, f.reason])).toEqual([['VT-GKE-3', 'sandbox cluster, torn down nightly']]);
  });
});
