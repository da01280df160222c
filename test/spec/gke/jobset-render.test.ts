import { renderJobSet, JobSetInput, RESERVED_ENV } from '../../../lib/spec/gke/jobset';
import { LAUNCH_ENV } from '../../../lib/spec/gke/labels';
import { placePools } from '../../../lib/spec/gke/placement';
import { resolveNodePool } from '../../../lib/spec/gke/node-pool';
import { NodeProvisioningKind, ResolvedNodePool } from '../../../lib/spec/gke/types';
import { LayoutIntent, PoolIntent } from '../../../lib/spec/pool-intent';
import { resolvePools, ResolvedPool } from '../../../lib/spec/worker-pools';
import { crdProblems } from '../../helpers/kubernetes-crds';
import { kubernetesExpand, terraformUnescape } from '../../helpers/kubernetes-expansion';
import { fromKubernetesLiteral, literalForKubernetes } from '../../../lib/spec/gke/kubernetes-literal';

const H100: PoolIntent = { kind: 'gpu', gpuType: 'NVIDIA_H100_80GB', gpusPerReplica: 8 };
const CONTAINER = { containerSpec: { imageUri: 'us-docker.pkg.dev/acme/ml/train:1', command: ['python', '-m', 'trainer'], args: ['--model-dir=$${AIP_MODEL_DIR}'], env: [{ name: 'EPOCHS', value: '3' }] } };

function nodePool(name: string, pool: PoolIntent, provisioning: NodeProvisioningKind = 'standard', zones?: string[], maxNodes = 8): ResolvedNodePool {
  const resolution = resolveNodePool({ name, pool, provisioning, maxNodes, zones, region: 'us-central1' });
  expect(resolution.problems).toEqual([]);
  return resolution.plan!.resolved;
}

function input(layout: LayoutIntent, nodePools: ResolvedNodePool[], strategy = 'SPOT', more: Partial<JobSetInput> = {}): JobSetInput {
  const resolution = resolvePools(layout, 'us-central1');
  expect(resolution.problems).toEqual([]);
  const placed = placePools(resolution.pools, nodePools, strategy);
  expect(placed.problems).toEqual([]);
  return {
    jobId: 'train',
    namespace: 'ml-vision',
    queueName: 'training',
    serviceAccountName: 'trainer',
    labels: { 'managed-by': 'cdktf-vertex-training', 'vertex-training-job': 'train', 'vertex-training-team': 'vision' },
    podLabels: { 'vertex-training-job': 'train', 'vertex-training-team': 'vision' },
    placements: placed.placements,
    taskOf: () => CONTAINER,
    outputPrefix: 'gs://acme-artifacts/jobs/train/runs/',
    timeoutSeconds: 86_400,
    ttlSecondsAfterFinished: 86_400,
    ...more,
  };
}

/** The body as the launcher posts it: named. */
function named(jobSet: { [key: string]: unknown }): any {
  const metadata = jobSet.metadata as object;
  return { ...jobSet, metadata: { ...metadata, name: 'vt-0123456789abcdef0123' } };
}

const h100Spot = nodePool('h100-spot', H100, 'spot');

describe('JobSet of a job', () => {
  test('a distributed GPU job validates against the JobSet v0.12.0 CRD, with or without the launcher\'s name', () => {
    const { jobSet, problems } = renderJobSet(input({ primary: H100, workers: { ...H100, replicaCount: 3 } }, [h100Spot]));
    expect(problems).toEqual([]);
    expect(crdProblems(named(jobSet))).toEqual([]);
    expect(crdProblems(jobSet, { nameOptional: true })).toEqual([]);
  });

  test('one replicated job per pool, labelled for the team\'s LocalQueue, pinned to its node pool', () => {
    const { jobSet } = renderJobSet(input({ primary: H100, workers: { ...H100, replicaCount: 3 } }, [h100Spot], 'SPOT', { priorityClass: 'high' })) as any;
    expect(jobSet.metadata.namespace).toBe('ml-vision');
    expect(jobSet.metadata.name).toBeUndefined();
    expect(jobSet.metadata.labels).toMatchObject({ 'kueue.x-k8s.io/queue-name': 'training', 'kueue.x-k8s.io/priority-class': 'high', 'vertex-training-job': 'train', 'vertex-training-team': 'vision' });
    expect(jobSet.spec.replicatedJobs.map((r: any) => [r.name, r.replicas, r.template.spec.parallelism, r.template.spec.completions, r.template.spec.completionMode])).toEqual([
      ['primary', 1, 1, 1, 'Indexed'],
      ['workers', 1, 3, 3, 'Indexed'],
    ]);
    expect(jobSet.spec.successPolicy).toEqual({ operator: 'All', targetReplicatedJobs: ['primary'] });
    expect(jobSet.spec.network.enableDNSHostnames).toBe(true);
    const pod = jobSet.spec.replicatedJobs[1].template.spec.template.spec;
    expect(pod.serviceAccountName).toBe('trainer');
    expect(pod.nodeSelector).toEqual(h100Spot.nodeLabels);
    expect(pod.tolerations).toEqual(h100Spot.taints.map((t) => ({ key: t.key, operator: 'Equal', value: t.value, effect: t.effect })));
    expect(pod.containers[0].resources).toEqual({ requests: { 'nvidia.com/gpu': '8' }, limits: { 'nvidia.com/gpu': '8' } });
    expect(jobSet.spec.replicatedJobs[0].template.spec.activeDeadlineSeconds).toBe(86_400);
    expect(jobSet.spec.ttlSecondsAfterFinished).toBe(86_400);
  });

  test('the run directories and the cluster spec come from the JobSet name through the downward API', () => {
    const { jobSet } = renderJobSet(input({ primary: H100, workers: { ...H100, replicaCount: 2 } }, [h100Spot])) as any;
    const env = jobSet.spec.replicatedJobs[1].template.spec.template.spec.containers[0].env;
    // The names the library sets on both backends come with checkpoints (VT_CHECKPOINT_DIR) and from the launcher (VT_TRIGGER_OBJECTS).
    expect(env.map((e: any) => e.name)).toEqual([...RESERVED_ENV.filter((name) => !LAUNCH_ENV.includes(name)), 'EPOCHS']);
    expect(env[0]).toEqual({ name: 'VT_RUN_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['jobset.sigs.k8s.io/jobset-name']" } } });
    const value = (name: string): string => env.find((e: any) => e.name === name).value;
    expect(value('AIP_MODEL_DIR')).toBe('gs://acme-artifacts/jobs/train/runs/$(VT_RUN_NAME)/model/');
    expect(value('AIP_CHECKPOINT_DIR')).toBe('gs://acme-artifacts/jobs/train/runs/$(VT_RUN_NAME)/checkpoints/');
    expect(value('AIP_TENSORBOARD_LOG_DIR')).toBe('gs://acme-artifacts/jobs/train/runs/$(VT_RUN_NAME)/logs/');
    // What Kubernetes makes of CLUSTER_SPEC for worker 1 of run vt-abc: Vertex AI's format.
    const expand = (text: string): string => text.replace(/\$\(VT_RUN_NAME\)/g, 'vt-abc').replace(/\$\(VT_REPLICA_INDEX\)/g, '1');
    expect(JSON.parse(expand(value('CLUSTER_SPEC')))).toEqual({
      cluster: {
        workerpool0: ['vt-abc-primary-0-0.vt-abc:2222'],
        workerpool1: ['vt-abc-workers-0-0.vt-abc:2222', 'vt-abc-workers-0-1.vt-abc:2222'],
      },
      environment: 'cloud',
      task: { type: 'workerpool1', index: 1 },
    });
    expect(JSON.parse(expand(value('TF_CONFIG')))).toMatchObject({ cluster: { chief: ['vt-abc-primary-0-0.vt-abc:2222'] }, task: { type: 'worker', index: 1 } });
  });

  test('a single-replica job has a CLUSTER_SPEC and no TF_CONFIG, as on Vertex AI', () => {
    const { jobSet } = renderJobSet(input({ primary: H100 }, [h100Spot])) as any;
    const names = jobSet.spec.replicatedJobs[0].template.spec.template.spec.containers[0].env.map((e: any) => e.name);
    expect(names).toContain('CLUSTER_SPEC');
    expect(names).not.toContain('TF_CONFIG');
  });

  test('the container receives the image, command, args and env of the job\'s code unchanged', () => {
    const { jobSet } = renderJobSet(input({ primary: H100 }, [h100Spot])) as any;
    const container = jobSet.spec.replicatedJobs[0].template.spec.template.spec.containers[0];
    expect(container.image).toBe(CONTAINER.containerSpec.imageUri);
    // Kubernetes expands command and args, Vertex AI does not: escaped, they arrive as written.
    expect(container.command.map((w: string) => kubernetesExpand(w))).toEqual(CONTAINER.containerSpec.command);
    expect(container.args.map((w: string) => kubernetesExpand(w))).toEqual(CONTAINER.containerSpec.args);
    expect(container.env.slice(-1)).toEqual(CONTAINER.containerSpec.env);
  });

  test('every $ of command and args reaches the container as Vertex AI passes it: literally', () => {
    // As the job's code holds them: escaped for Terraform (`$${` is a literal `${`).
    const words = ['--home=$(HOME)', '--price=a$$b', '--dir=$${X}', '--raw=$$${Y}', '--last=$', '${TfToken[TOKEN.7]}'];
    const task = { containerSpec: { ...CONTAINER.containerSpec, command: ['sh', '-c', 'echo $(PATH)'], args: words } };
    const { jobSet } = renderJobSet({ ...input({ primary: H100 }, [h100Spot]), taskOf: () => task }) as any;
    const container = jobSet.spec.replicatedJobs[0].template.spec.template.spec.containers[0];
    const received = (word: string) => kubernetesExpand(terraformUnescape(word), { HOME: '/root', PATH: '/bin' });
    expect(container.args.map(received)).toEqual(words.map(terraformUnescape));
    expect(container.command.map(received)).toEqual(['sh', '-c', 'echo $(PATH)']);
    // A token is Terraform's to fill in: untouched.
    expect(container.args[5]).toBe('${TfToken[TOKEN.7]}');
  });

  test('restarts follow scheduling: workers alone by default, the whole JobSet, or none', () => {
    const layout = { primary: H100, workers: H100 };
    const byDefault = (renderJobSet(input(layout, [h100Spot])).jobSet as any).spec;
    expect(byDefault.failurePolicy).toEqual({ maxRestarts: 0 });
    expect(byDefault.replicatedJobs[1].template.spec.backoffLimit).toBe(3);
    expect(byDefault.replicatedJobs[1].template.spec.podFailurePolicy.rules[0]).toEqual({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    const whole = renderJobSet(input(layout, [h100Spot], 'SPOT', { restartJobOnWorkerRestart: true })).jobSet as any;
    expect(whole.spec.failurePolicy).toEqual({ maxRestarts: 3, rules: [{ name: 'disrupted', action: 'RestartJobSetAndIgnoreMaxRestarts', onJobFailureReasons: ['PodFailurePolicy'] }] });
    expect(whole.spec.replicatedJobs[1].template.spec.backoffLimit).toBe(0);
    expect(crdProblems(named(whole))).toEqual([]);
    const none = (renderJobSet(input(layout, [h100Spot], 'SPOT', { disableRetries: true })).jobSet as any).spec;
    expect(none.failurePolicy).toEqual({ maxRestarts: 0 });
    expect(none.replicatedJobs[0].template.spec.backoffLimit).toBe(0);
    expect(none.replicatedJobs[0].template.spec.podFailurePolicy).toBeUndefined();
  });

  test('CPU pods request the vCPUs placement gave them; TPU pods the chips of their VM, one pod per VM', () => {
    const cpu = nodePool('cpu', { kind: 'cpu', machineType: 'n2-standard-8' });
    const cpuJob = renderJobSet(input({ primary: { kind: 'cpu', machineType: 'n2-standard-8' } }, [cpu], 'STANDARD')).jobSet as any;
    const cpuPod = cpuJob.spec.replicatedJobs[0].template.spec.template.spec;
    expect(cpuPod.containers[0].resources).toEqual({ requests: { cpu: '7500m' } });
    expect(cpuPod.tolerations).toBeUndefined();
    expect(crdProblems(named(cpuJob))).toEqual([]);

    const v6e = nodePool('v6e', { kind: 'tpu', tpuVersion: 'v6e', topology: '4x4' }, 'standard', ['us-central1-b'], 4);
    const tpuJob = renderJobSet(input({ primary: { kind: 'tpu', tpuVersion: 'v6e', topology: '4x4' } }, [v6e], 'STANDARD')).jobSet as any;
    const job = tpuJob.spec.replicatedJobs[0].template.spec;
    expect(job.parallelism).toBe(v6e.tpu!.vmsPerSlice);
    expect(job.template.spec.containers[0].resources.limits).toEqual({ 'google.com/tpu': String(v6e.tpu!.chipsPerVm) });
    expect(job.template.spec.nodeSelector).toEqual(v6e.nodeLabels);
    expect(crdProblems(named(tpuJob))).toEqual([]);
  });

  test('a Python package job, a variable the library sets and a label Kubernetes refuses are problems', () => {
    const prebuilt = renderJobSet(input({ primary: H100 }, [h100Spot], 'SPOT', { taskOf: (_pool: ResolvedPool) => ({ pythonPackageSpec: { executorImageUri: 'x', packageUris: [], pythonModule: 'trainer.task' } }) }));
    expect(prebuilt.problems).toEqual([expect.objectContaining({ field: 'code', value: 'TrainingCode.prebuilt' })]);
    expect(prebuilt.problems[0].allowed).toContain('TrainingCode.container');
    const clash = renderJobSet(input({ primary: H100 }, [h100Spot], 'SPOT', { taskOf: () => ({ containerSpec: { imageUri: 'i', env: [{ name: 'AIP_MODEL_DIR', value: 'gs://x/' }] } }) }));
    expect(clash.problems).toEqual([expect.objectContaining({ field: 'code.env', value: 'AIP_MODEL_DIR' })]);
    const label = renderJobSet(input({ primary: H100 }, [h100Spot], 'SPOT', { labels: { owner: 'team_' } }));
    expect(label.problems).toEqual([expect.objectContaining({ field: 'labels.owner', value: 'team_' })]);
    const key = renderJobSet(input({ primary: H100 }, [h100Spot], 'SPOT', { labels: { 'cost-': 'x' } }));
    expect(key.problems).toEqual([expect.objectContaining({ field: 'labels', value: 'cost-' })]);
  });
});

describe('the Kubernetes escape of command and args', () => {
  test('fromKubernetesLiteral undoes literalForKubernetes, tokens included', () => {
    const words = ['plain', '$(HOME)', 'a$$b', '$${X}', '$$${Y}', '$', '${TfToken[TOKEN.3]}', '%%{z}'];
    for (const word of words) expect(fromKubernetesLiteral(literalForKubernetes(word))).toBe(word);
  });
});
