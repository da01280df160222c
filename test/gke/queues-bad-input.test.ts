import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GkeTrainingCluster, GkeTrainingQueues, TrainingEnvironment, WorkerPool } from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { queuesApp } from './queues-helpers';

/** The message of what `f` throws. */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('GkeTrainingQueues.addTeamQueue: bad input', () => {
  test('every problem of a team\'s quotas at once, each with field, value and what is allowed', () => {
    const a = queuesApp();
    const message = thrown(() => a.queues.addTeamQueue(a.vision, {
      quotas: [
        { nodePool: a.h100, nominal: -8 },
        { nodePool: a.l4, nominal: 2.5 },
        { nodePool: a.v6e, nominal: 8, lendingLimit: 12 },
        { nodePool: a.l4, nominal: 2 },
      ],
    }));
    expect(message.split('\n')).toEqual([
      'workloads/queues: addTeamQueue(vision).quotas[0].nominal -8 is not valid: a number ≥ 0',
      'workloads/queues: addTeamQueue(vision).quotas[1].nominal 2.5 is not valid: a whole number of GPUs (Kueue counts nvidia.com/gpu in whole units)',
      'workloads/queues: addTeamQueue(vision).quotas[2].lendingLimit 12 is not valid: at most the nominal quota 8 (a team lends only what it has)',
      'workloads/queues: addTeamQueue(vision).quotas[3].nodePool "l4" is not valid: each node pool once per team: merge the quotas',
    ]);
    expect(a.queues.teamQueues).toEqual([]);
  });

  test('nominal quotas of all teams that a pool cannot hold at maxNodes, with the numbers', () => {
    const a = queuesApp();
    a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.h100, nominal: 24 }] });
    expect(thrown(() => a.queues.addTeamQueue(a.speech, { quotas: [{ nodePool: a.h100, nominal: 16 }] }))).toBe(
      'workloads/queues: addTeamQueue(speech).quotas "h100-spot: vision 24 + speech 16 = 40 GPUs" is not valid: nominal quotas of h100-spot ' +
        'summing to at most 32 GPUs (maxNodes 4 × 8 per node): raise maxNodes, lower a nominal quota, or give the excess as borrowingLimit',
    );
    // Borrowing is elasticity, not a guarantee: speech may borrow the whole pool.
    expect(a.queues.addTeamQueue(a.speech, { quotas: [{ nodePool: a.h100, nominal: 8, borrowingLimit: 32 }] }).quotas[0].borrowingLimit).toBe(32);
  });

  test('no quotas, a team twice, a node pool that is not one', () => {
    const a = queuesApp();
    expect(thrown(() => a.queues.addTeamQueue(a.vision, { quotas: [] }))).toMatch(/addTeamQueue\(vision\)\.quotas \[\] is not valid: at least one quota on a node pool of the cluster \(h100-spot, l4 and v6e-4x4\)/);
    a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 4 }] });
    expect(thrown(() => a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 4 }] })))
      .toMatch(/addTeamQueue\(vision\)\.team "vision" is not valid: a team without a queue yet/);
    expect(thrown(() => a.queues.addTeamQueue(a.speech, { quotas: [{ nodePool: 'l4' as any, nominal: 4 }] })))
      .toMatch(/addTeamQueue\(speech\)\.quotas\[0\]\.nodePool "l4" is not valid: a GkeNodePool \(cluster\.addNodePool\(id, options\)\)/);
    expect(thrown(() => a.queues.addTeamQueue({} as any, { quotas: [] }))).toMatch(/team \{\} is not valid: a TrainingTeam/);
  });

  test('a node pool of another cluster, a team of another environment', () => {
    const a = queuesApp();
    const other = new TerraformStack(a.app, 'other');
    new GoogleProvider(other, 'google', { project: 'acme-other', region: 'us-central1' });
    const env2 = new TrainingEnvironment(other, 'other', { projectId: 'acme-other', region: 'us-central1', network: {} });
    const cluster2 = new GkeTrainingCluster(other, 'gke', { environment: env2 });
    const pool2 = cluster2.addNodePool('l4', { pool: WorkerPool.gpu({ gpuType: 'NVIDIA_L4' as any, gpusPerReplica: 4 }), maxNodes: 2 });
    const team2 = env2.addTeam('nlp');
    const message = thrown(() => a.queues.addTeamQueue(team2, { quotas: [{ nodePool: pool2, nominal: 4 }] }));
    expect(message).toMatch(/addTeamQueue\(nlp\)\.team \(the construct other\/other\/team-nlp\) is not valid: a team of platform\/ml, the environment of platform\/gke/);
    expect(message).toMatch(/addTeamQueue\(nlp\)\.quotas\[0\]\.nodePool \(the construct other\/gke\/l4\) is not valid: a node pool of platform\/gke/);
  });

  test('no cluster, or the add-ons of another cluster', () => {
    const a = queuesApp();
    const other = new TerraformStack(a.app, 'other');
    new GoogleProvider(other, 'google', { project: 'acme-other', region: 'us-central1' });
    const env2 = new TrainingEnvironment(other, 'other', { projectId: 'acme-other', region: 'us-central1', network: {} });
    const cluster2 = new GkeTrainingCluster(other, 'gke', { environment: env2 });
    expect(thrown(() => new GkeTrainingQueues(a.workloads, 'q1', { cluster: undefined as any, addons: a.addons }))).toBe(
      'workloads/q1: cluster undefined is not valid: a GkeTrainingCluster, declared in an earlier stack');
    expect(thrown(() => new GkeTrainingQueues(a.workloads, 'q2', { cluster: cluster2, addons: a.addons }))).toMatch(
      /^workloads\/q2: addons \(the construct addons\/addons\) is not valid: the GkeTrainingAddons of other\/gke/);
  });

  test('a second GkeTrainingQueues for the same cluster', () => {
    const a = queuesApp();
    expect(thrown(() => new GkeTrainingQueues(a.workloads, 'again', { cluster: a.cluster, addons: a.addons }))).toMatch(
      /^workloads\/again: cluster \(the construct platform\/gke\) is not valid: a cluster without queues: workloads\/queues already declares the Kueue objects of platform\/gke/);
  });

  test('every problem of the queues\' props at once: no cluster, no add-ons, a bad cohort name', () => {
    const a = queuesApp();
    expect(thrown(() => new GkeTrainingQueues(a.workloads, 'q1', { cluster: undefined as any, addons: undefined as any, cohortName: 'ML Research' })).split('\n')).toEqual([
      'workloads/q1: cluster undefined is not valid: a GkeTrainingCluster, declared in an earlier stack',
      'workloads/q1: addons undefined is not valid: the GkeTrainingAddons of the cluster (new GkeTrainingAddons(addonsStack, id, { cluster }))',
      'workloads/q1: cohortName "ML Research" is not valid: must be a DNS label: at most 63 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
    ]);
  });

  test('a team namespace that would be a system namespace is refused, with the rest of the team\'s problems', () => {
    const a = queuesApp({}, { prefix: 'kube' });
    const system = a.environment.addTeam('system');
    const lines = thrown(() => a.queues.addTeamQueue(system, { quotas: [{ nodePool: a.l4, nominal: -1 }] })).split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^workloads\/queues: addTeamQueue\(system\)\.namespace "kube-system" is not valid: must not be a namespace of the system \(default, kube-system, .*kueue-system, jobset-system, .*gke-managed-\*\): .*rename the team or set the environment's prefix$/),
      'workloads/queues: addTeamQueue(system).quotas[0].nominal -1 is not valid: a number ≥ 0',
    ]);
    expect(a.queues.teamQueues).toEqual([]);
    for (const team of ['public', 'node-lease']) {
      expect(thrown(() => a.queues.addTeamQueue(a.environment.addTeam(team), { quotas: [{ nodePool: a.l4, nominal: 1 }] }))).toContain(`namespace "kube-${team}" is not valid`);
    }
    // Another team of the same environment is fine.
    expect(a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 1 }] }).namespaceName).toBe('kube-vision');
  });

  test('namespaces GKE manages (gke-managed-*), Kueue\'s, JobSet\'s and Managed Prometheus\' are refused', () => {
    for (const [prefix, team, namespace] of [['gke', 'managed-cim', 'gke-managed-cim'], ['kueue', 'system', 'kueue-system'], ['jobset', 'system', 'jobset-system'], ['gmp', 'public', 'gmp-public']]) {
      const a = queuesApp({}, { prefix });
      expect(thrown(() => a.queues.addTeamQueue(a.environment.addTeam(team), { quotas: [{ nodePool: a.l4, nominal: 1 }] })))
        .toContain(`addTeamQueue(${team}).namespace "${namespace}" is not valid: must not be a namespace of the system`);
    }
  });

  test('a team problem and the quota problems together', () => {
    const a = queuesApp();
    a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 4 }] });
    expect(thrown(() => a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.l4, nominal: 1.5 }] })).split('\n')).toEqual([
      'workloads/queues: addTeamQueue(vision).team "vision" is not valid: a team without a queue yet: each team has one ClusterQueue; give it all its quotas in one call',
      'workloads/queues: addTeamQueue(vision).quotas[0].nominal 1.5 is not valid: a whole number of GPUs (Kueue counts nvidia.com/gpu in whole units)',
    ]);
  });

  test('a cohort name that is not a DNS label', () => {
    expect(() => queuesApp({ cohortName: 'ML Research' })).toThrow(/workloads\/queues: cohortName "ML Research" is not valid: must be a DNS label/);
  });
});
