import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CustomTrainingJob, Duration, Framework, GpuType, HyperparameterTuningJob, Metric, Parameter, PythonPackage, SchedulingStrategy,
  ServingContainer, TrainingBackend, TrainingPipeline, TrainingBackendKind, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';
import { crdProblems } from '../helpers/kubernetes-crds';
import { containerCode, gkeJob, gkeJobApp, jobDefinition } from './job-fixtures';
import { kubernetesExpand, terraformUnescape } from '../helpers/kubernetes-expansion';

/** Every stack's Terraform JSON after a full app synth (cross-stack references resolved). */
function synthApp(app: ReturnType<typeof gkeJobApp>['app']): { [stack: string]: any } {
  app.synth();
  const stacks = path.join(app.outdir, 'stacks');
  return Object.fromEntries(fs.readdirSync(stacks).map((id) => [id, JSON.parse(fs.readFileSync(path.join(stacks, id, 'cdk.tf.json'), 'utf8'))]));
}

/** The JobSet body as the launcher posts it: named by the launcher, Terraform escapes undone. */
function posted(jobSet: any): any {
  const text = JSON.stringify(jobSet).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  const body = JSON.parse(text);
  return { ...body, metadata: { ...body.metadata, name: 'vt-0123456789abcdef0123' } };
}

const containers = (jobSet: any): any[] => jobSet.spec.replicatedJobs.map((r: any) => r.template.spec.template.spec.containers[0]);

describe('TrainingBackend', () => {
  test('Vertex AI is the default; gke() carries the queues and options', () => {
    expect(TrainingBackend.vertexAi().kind).toBe(TrainingBackendKind.VERTEX_AI);
    const fixture = gkeJobApp();
    const backend = TrainingBackend.gke(fixture.queues, { priorityClass: 'training-high', ttlAfterFinished: Duration.hours(2) });
    expect(backend.kind).toBe(TrainingBackendKind.GKE);
    expect(backend.queues).toBe(fixture.queues);
    const job = gkeJob(fixture, { backend });
    expect((job.body as any).metadata.labels['kueue.x-k8s.io/priority-class']).toBe('training-high');
    expect((job.body as any).spec.ttlSecondsAfterFinished).toBe(7200);
  });
});

describe('one job definition on both backends', () => {
  test('the same image, command, args and env reach the container on Vertex AI and on GKE', () => {
    const vertexApp = Testing.app();
    const stack = new TerraformStack(vertexApp, 'vertex');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const environment = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    const vertexJob = new CustomTrainingJob(stack, 'train', { environment, team: environment.addTeam('vision'), ...jobDefinition() });
    const vertexSpecs = (vertexJob.body as any).jobSpec.workerPoolSpecs.map((p: any) => p.containerSpec);

    const fixture = gkeJobApp();
    const gke = gkeJob(fixture);
    const gkeContainers = containers(gke.body);
    expect(gkeContainers).toHaveLength(vertexSpecs.length);
    const received = (words?: string[]) => words?.map((w) => kubernetesExpand(terraformUnescape(w)));
    gkeContainers.forEach((container, i) => {
      const spec = vertexSpecs[i];
      expect(container.image).toBe(spec.imageUri);
      // What each container receives: Terraform evaluates the escapes of both bodies, and Kubernetes
      // (not Vertex AI) then expands command and args.
      expect(received(container.command)).toEqual(spec.command?.map(terraformUnescape));
      expect(received(container.args)).toEqual(spec.args?.map(terraformUnescape));
      // The user's variables, in order, after the ones the backend sets (as Vertex AI sets its own).
      expect(container.env.slice(-spec.env.length)).toEqual(spec.env);
    });
    // A shell-style ${AIP_MODEL_DIR} reaches both containers as written: escaped for Terraform, and on
    // GKE for Kubernetes as well.
    expect(received(gkeContainers[0].args)).toContain('--model-dir=${AIP_MODEL_DIR}');

    const synthesized = synthApp(fixture.app).workloads.locals.jobset_ml_train;
    expect(synthesized).toEqual(gke.body);
  });

  test('the run directories follow Vertex AI\'s layout under the job\'s output prefix, named by the JobSet', () => {
    const job = gkeJob(gkeJobApp());
    expect(job.outputUriPrefix).toBe('gs://acme-ml-ml-vision-artifacts/jobs/train/runs/');
    const env = containers(job.body)[0].env;
    const value = (name: string) => env.find((e: any) => e.name === name)?.value;
    expect(value('AIP_MODEL_DIR')).toBe(`${job.outputUriPrefix}$(VT_RUN_NAME)/model/`);
    expect(value('AIP_CHECKPOINT_DIR')).toBe(`${job.outputUriPrefix}$(VT_RUN_NAME)/checkpoints/`);
    expect(value('AIP_TENSORBOARD_LOG_DIR')).toBe(`${job.outputUriPrefix}$(VT_RUN_NAME)/logs/`);
  });
});

describe('the JobSet of a GKE job', () => {
  test('validates against the JobSet v0.12.0 CRD as the launcher posts it', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { scheduling: { strategy: SchedulingStrategy.SPOT, restartJobOnWorkerRestart: true, timeout: Duration.hours(12) } });
    const jobSet = synthApp(fixture.app).workloads.locals.jobset_ml_train;
    expect(crdProblems(posted(jobSet))).toEqual([]);
    expect(jobSet.metadata.name).toBeUndefined();
    expect(jobSet.spec.replicatedJobs[0].template.spec.activeDeadlineSeconds).toBe(43_200);
  });

  test('runs in the team\'s namespace and LocalQueue as the namespace\'s trainer, pods placed on the Spot H100 pool', () => {
    const fixture = gkeJobApp();
    const body = gkeJob(fixture).body as any;
    expect(body.metadata.namespace).toBe(fixture.queues.namespaceOf(fixture.vision));
    expect(body.metadata.labels).toMatchObject({ 'kueue.x-k8s.io/queue-name': fixture.queues.localQueueName, 'vertex-training-job': 'train', 'vertex-training-team': 'vision' });
    for (const job of body.spec.replicatedJobs) {
      expect(job.template.spec.template.spec.serviceAccountName).toBe(fixture.queues.serviceAccountName);
      expect(job.template.spec.template.spec.nodeSelector['cloud.google.com/gke-nodepool']).toBe('h100-spot');
    }
    expect(body.spec.replicatedJobs.map((j: any) => j.template.spec.parallelism)).toEqual([1, 2]);
  });
});

describe('the launch manifest of a GKE job', () => {
  test('has the contract\'s shape: kind, collection, backend, cluster (literal project, location, name) and namespace, the JobSet as body', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { triggers: [Trigger.onChange()] });
    const workloads = synthApp(fixture.app).workloads;
    const content = workloads.locals.jobset_ml_train_manifest;
    expect(content).toEqual({
      kind: 'JobSet',
      collection: 'jobsets',
      backend: 'gke',
      launchOnChange: true,
      outputPrefix: 'gs://acme-ml-ml-vision-artifacts/jobs/train/runs/',
      cluster: { project: 'acme-ml', location: 'us-central1', name: 'ml-training', namespace: 'ml-vision' },
      body: '${local.jobset_ml_train}',
    });
    const [manifest] = Object.values(workloads.resource.google_storage_bucket_object) as any[];
    expect(manifest.bucket).toBe('acme-ml-ml-staging');
    expect(manifest.content).toBe('${jsonencode(local.jobset_ml_train_manifest)}');
    expect(manifest.name).toMatch(/^jobs\/train\/[0-9a-f]{24}\$\{/);
  });

  test('waits for the WorkloadPriorityClass its JobSet names, and for no other', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { backend: TrainingBackend.gke(fixture.queues, { priorityClass: 'training-high' }), triggers: [Trigger.schedule('0 3 * * *', 'UTC')] });
    const [manifest] = Object.values(synthApp(fixture.app).workloads.resource.google_storage_bucket_object) as any[];
    const priorities = manifest.depends_on.filter((d: string) => d.includes('_priority-'));
    expect(priorities).toEqual([expect.stringMatching(/^kubernetes_manifest\.queues_priority-training-high_/)]);
    expect(fixture.queues.workloadPriorityClass('training-high')).toBe(fixture.queues.workloadPriorityClasses[2]);
    expect(fixture.queues.workloadPriorityClass()).toBe(fixture.queues.workloadPriorityClasses[1]);
    expect(fixture.queues.workloadPriorityClass('training-urgent')).toBeUndefined();
  });

  test('waits for the team queue\'s objects in its own stack, and for nothing of another stack', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { triggers: [Trigger.schedule('0 3 * * *', 'UTC'), Trigger.onNewData(fixture.vision.dataBucket.bucketName, 'incoming/')] });
    const stacks = synthApp(fixture.app);
    const workloads = stacks.workloads;
    const [manifest] = Object.values(workloads.resource.google_storage_bucket_object) as any[];
    expect(manifest.depends_on).toEqual([
      expect.stringMatching(/^kubernetes_service_account_v1\.queues_vision_trainer/),
      // The Workload Identity grant, once it has propagated: pods reach the team's buckets through it.
      expect.stringMatching(/^time_sleep\.queues_vision_grant-propagated_sleep/),
      expect.stringMatching(/^kubernetes_role_binding_v1\.queues_vision_launcher-binding/),
      expect.stringMatching(/^kubernetes_manifest\.queues_vision_local-queue/),
      // The WorkloadPriorityClass its JobSet names (the default one).
      expect.stringMatching(/^kubernetes_manifest\.queues_priority-training-normal/),
    ]);
    const [sleep] = Object.values(workloads.resource.time_sleep) as any[];
    expect(sleep.depends_on).toEqual([expect.stringMatching(/^google_service_account_iam_member\.queues_vision_workload-identity/)]);
    expect(sleep.create_duration).toBe('120s');
    const [schedule] = Object.values(workloads.resource.google_cloud_scheduler_job) as any[];
    expect(schedule.depends_on).toEqual([expect.stringMatching(/^google_storage_bucket_object\.train_manifest/)]);
    expect(schedule.pubsub_target.topic_name).toBe('projects/acme-ml/topics/ml-launch-requests');
    // Literal names instead of cross-stack references: no remote state, no exported resources.
    expect(workloads.data?.terraform_remote_state).toBeUndefined();
    expect(Object.keys(stacks.platform.output ?? {}).filter((k) => k.startsWith('cross-stack'))).toEqual([]);
    // Every depends_on of the workloads stack names one of its own resources.
    const own = new Set(Object.entries(workloads.resource).flatMap(([type, byName]: [string, any]) => Object.keys(byName).map((n) => `${type}.${n}`)));
    for (const byName of Object.values(workloads.resource) as any[]) {
      for (const resource of Object.values(byName) as any[]) for (const d of resource.depends_on ?? []) expect(own.has(d)).toBe(true);
    }
    // The on-new-data route is the launcher's (in the platform stack).
    expect(JSON.stringify(stacks.platform.resource.google_workflows_workflow)).toContain('incoming/');
  });

  test('is launched by hand through the same launcher, named literally', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture);
    const outputs = synthApp(fixture.app).workloads.output;
    expect(outputs.ml_train_launch_command.value).toBe('gcloud workflows run ml-launcher --project=acme-ml --location=us-central1 --data=\'{"job":"train"}\'');
  });

  test('a job ID is unique across the backends of an environment (it names the manifests)', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture);
    expect(() => new CustomTrainingJob(fixture.platform, 'train', { environment: fixture.environment, ...jobDefinition() }))
      .toThrow(/id "train" is not valid: job IDs are unique within an environment/);
    new CustomTrainingJob(fixture.platform, 'other', { environment: fixture.environment, ...jobDefinition() });
    expect(() => gkeJob(fixture, {}, 'other')).toThrow(/id "other" is not valid: job IDs are unique/);
  });

  test('synthesizes byte-identically twice', () => {
    const first = gkeJobApp();
    gkeJob(first, { triggers: [Trigger.onChange()] });
    const second = gkeJobApp();
    gkeJob(second, { triggers: [Trigger.onChange()] });
    expect(JSON.stringify(synthApp(first.app).workloads)).toBe(JSON.stringify(synthApp(second.app).workloads));
    // A second synth of the same app adds nothing (the queue's objects are waited for once).
    expect(Testing.synth(first.workloads)).toBe(Testing.synth(first.workloads));
  });

  test('a GKE job demands no Vertex AI quota', () => {
    const fixture = gkeJobApp();
    const job = gkeJob(fixture);
    expect(fixture.environment.quotas._hasWorkload('train')).toBe(false);
    expect(job._gkePlacement!.demand).toEqual({ 'h100-spot': 24 });
  });
});

describe('what a GKE job refuses', () => {
  test('Vertex-only options, each named, all at once', () => {
    const fixture = gkeJobApp();
    expect(() => gkeJob(fixture, {
      enableWebAccess: true,
      tensorboard: true,
      scheduling: { strategy: SchedulingStrategy.FLEX_START, maxWait: Duration.hours(1) },
    })).toThrow(/enableWebAccess true is not valid: Vertex AI only[\s\S]*tensorboard true is not valid: Vertex AI only[\s\S]*scheduling\.maxWait "1 hour"[\s\S]*FLEX_START runs on flex-start or queued node pools/);
  });

  test('a priority class the queues do not have, with the nearest', () => {
    const fixture = gkeJobApp();
    expect(() => gkeJob(fixture, { backend: TrainingBackend.gke(fixture.queues, { priorityClass: 'training-hihg' }) }))
      .toThrow(/backend\.priorityClass "training-hihg" is not valid: a WorkloadPriorityClass of the queues: training-low, training-normal, training-high \(did you mean training-high\?\)/);
  });

  test('a Python package on a prebuilt image, with the way to a container', () => {
    const fixture = gkeJobApp();
    expect(() => gkeJob(fixture, {
      code: TrainingCode.prebuilt({ framework: Framework.PYTORCH, frameworkVersion: '2.4', pythonPackage: PythonPackage.fromGcsUri('gs://acme-ml-staging/trainer-0.1.tar.gz'), module: 'trainer.task' }),
    })).toThrow(/code "TrainingCode\.prebuilt" is not valid: GKE runs TrainingCode\.container only: build an image FROM the prebuilt training image/);
  });

  test('a job without a team, and a team without a queue (at synth: a queue may come later)', () => {
    const fixture = gkeJobApp();
    expect(() => gkeJob(fixture, { team: undefined }, 'lonely')).toThrow(/workloads\/lonely: team undefined is not valid: a team of platform\/ml with a queue in workloads\/queues/);
    gkeJob(fixture, { team: fixture.speech }, 'speech-job');
    expect(() => fixture.app.synth()).toThrow(/workloads\/speech-job: team "speech" is not valid: has no queue in workloads\/queues: add one with queues.addTeamQueue/);
  });

  test('a team queue added after the job is found at synth, and its objects are waited for', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { team: fixture.speech, workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }) }, scheduling: {} }, 'asr');
    fixture.queues.addTeamQueue(fixture.speech, { quotas: [{ nodePool: fixture.l4, nominal: 0, borrowingLimit: 4 }] });
    const workloads = synthApp(fixture.app).workloads;
    const manifest = Object.values(workloads.resource.google_storage_bucket_object)[0] as any;
    expect(manifest.depends_on).toContainEqual(expect.stringMatching(/^kubernetes_manifest\.queues_speech_local-queue/));
  });

  test('a demand the team\'s queue can never admit, at synth with the numbers: a team borrows only what the others lend', () => {
    const fixture = gkeJobApp({ h100Nominal: 8, h100Borrowing: 16 });
    fixture.queues.addTeamQueue(fixture.speech, { quotas: [{ nodePool: fixture.h100, nominal: 8, lendingLimit: 0 }] });
    gkeJob(fixture);
    expect(() => fixture.app.synth()).toThrow(new RegExp('workloads/train: team "vision" is not valid: can be admitted at most 8 units on node pool h100-spot ' +
      '\\(own nominal 8; borrowing limit 16; the other teams of the cohort lend 0 \\(speech 0: lendingLimit, else nominal\\)\\), and one run of the job needs 24 at once'));
  });

  test('a lender\'s queue declared after the job lets it borrow enough', () => {
    const fixture = gkeJobApp({ h100Nominal: 8, h100Borrowing: 16 });
    gkeJob(fixture);
    fixture.queues.addTeamQueue(fixture.speech, { quotas: [{ nodePool: fixture.h100, nominal: 16 }] });
    expect(() => fixture.app.synth()).not.toThrow();
  });

  test('a pool no node pool fits names the pool, what it asked and the node pools', () => {
    const fixture = gkeJobApp();
    expect(() => gkeJob(fixture, { scheduling: { strategy: SchedulingStrategy.STANDARD } }))
      .toThrow(/workerPools\.primary "?1 × 8 × NVIDIA_H100_80GB"? is not valid: scheduling strategy STANDARD runs on standard node pools, and the node pools with this hardware are h100-spot \(spot\): set scheduling\.strategy to SPOT/);
  });

  test('a GKE job outside its queues\' stack', () => {
    const fixture = gkeJobApp();
    expect(() => new CustomTrainingJob(fixture.addonsStack, 'train', {
      environment: fixture.environment, team: fixture.vision, backend: TrainingBackend.gke(fixture.queues), ...jobDefinition(),
    })).toThrow(/addons\/train: A GKE job is declared in the stack "addons" but workloads\/queues is in the stack "workloads"[\s\S]*Declare it in the stack "workloads"/);
  });

  test('training pipelines run on Vertex AI only', () => {
    const fixture = gkeJobApp();
    expect(() => new TrainingPipeline(fixture.workloads, 'retrain', {
      environment: fixture.environment,
      team: fixture.vision,
      backend: TrainingBackend.gke(fixture.queues),
      ...jobDefinition(),
      model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
    })).toThrow(/backend "TrainingBackend\.gke\(\.\.\.\)" is not valid: TrainingPipeline runs on Vertex AI only/);
  });

  test('tuning jobs run on Vertex AI only', () => {
    const fixture = gkeJobApp();
    expect(() => new HyperparameterTuningJob(fixture.workloads, 'tune', {
      environment: fixture.environment,
      team: fixture.vision,
      backend: TrainingBackend.gke(fixture.queues),
      ...jobDefinition(),
      code: containerCode(),
      study: { metrics: [Metric.maximize('accuracy')], parameters: [Parameter.categorical('optimizer', ['adam', 'sgd'])] },
      maxTrialCount: 4,
      parallelTrialCount: 2,
    })).toThrow(/backend "?TrainingBackend\.gke\(\.\.\.\)"? is not valid: HyperparameterTuningJob runs on Vertex AI only/);
  });
});
