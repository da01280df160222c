import { AnnotationMetadataEntryType, TerraformStack } from 'cdktf';
import {
  ContainerImage, CustomTrainingJob, CustomTrainingJobProps, Framework, GpuType, PythonPackage, Reservation, ServingContainer, TrainingCode,
  TrainingEnvironment, TrainingPipeline, Trigger, WorkerPool,
} from '../../lib';
import { LAUNCHER_LABELS } from '../../lib/core/labels';
import { launcherWorkflowDefinition } from '../../lib/launch/definition';
import { environmentStack, ofType, TerraformJson } from '../helpers/synth';
import { cpuPools, gcsCode, synthWith, thrown } from './fixtures';

/**
 * Checks that span objects (issue 10, "Errors users can act on"): a watched bucket, prefix or
 * location that cannot fire or would fire on the job's own outputs; the grants (or the warnings
 * naming the missing grant) for buckets the library uses but does not manage; labels that leave a
 * run no room for the launcher's; reservations outside the job's region; ports outside 1–65535.
 */

function job(stack: TerraformStack, env: TrainingEnvironment, props: Partial<CustomTrainingJobProps> = {}, id = 'train'): CustomTrainingJob {
  return new CustomTrainingJob(stack, id, { environment: env, workerPools: cpuPools(), code: gcsCode(), ...props });
}

/** The lines of the error building one job `train` in a fresh environment throws. */
function errorLines(props: (env: TrainingEnvironment) => Partial<CustomTrainingJobProps>): string[] {
  const { stack, env } = environmentStack();
  return thrown(() => job(stack, env, props(env))).message.split('\n');
}

/** Warning annotations of the constructs under `stack`. */
function warnings(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}

function bucketGrants(json: TerraformJson, bucket: string): any[] {
  return Object.values(ofType(json, 'google_storage_bucket_iam_member')).filter((g) => g.bucket === bucket);
}

describe('watched data: a trigger that cannot fire', () => {
  test('a gs:// URL, a leading slash or a wildcard never matches an object name: all refused at once', () => {
    expect(errorLines(() => ({
      triggers: [
        Trigger.onNewData('gs://acme-landing-zone'),
        Trigger.onNewData('acme-landing-zone', 'gs://acme-landing-zone/incoming/'),
        Trigger.onNewData('acme-landing-zone', '/incoming/'),
        Trigger.onNewData('acme-landing-zone', 'incoming/*.csv'),
      ],
    }))).toEqual([
      'test/train: triggers[0].bucketName "gs://acme-landing-zone" is not valid: must be a bucket name without gs:// ("acme-landing-zone"; a path after the bucket goes in the prefix)',
      'test/train: triggers[1].prefix "gs://acme-landing-zone/incoming/" is not valid: must be an object name prefix inside the bucket, without gs://BUCKET/ (e.g. "incoming/")',
      'test/train: triggers[2].prefix "/incoming/" is not valid: must be an object name prefix, which does not start with "/" (object names are relative to the bucket: "incoming/")',
      'test/train: triggers[3].prefix "incoming/*.csv" is not valid: must be a literal object name prefix: wildcards are not patterns here (every object whose name starts with the prefix launches a run)',
    ]);
  });

  test('a location Eventarc has no Cloud Storage trigger in, with the nearest one', () => {
    const lines = errorLines(() => ({
      triggers: [
        Trigger.onNewData('acme-landing-zone', 'a/', 'global'),
        Trigger.onNewData('acme-landing-zone', 'b/', 'US-CENTRAL1'),
        Trigger.onNewData('acme-landing-zone', 'c/', 'europe-west4-a'),
        Trigger.onNewData('acme-landing-zone', 'd/', 'mars'),
      ],
    }));
    expect(lines).toEqual([
      expect.stringMatching(/^test\/train: triggers\[0\]\.location "global" is not valid: must be the bucket's location in lower case: .*; Eventarc has no global Cloud Storage triggers$/),
      expect.stringMatching(/^test\/train: triggers\[1\]\.location "US-CENTRAL1" is not valid: .*\(did you mean us-central1\?\)$/),
      expect.stringMatching(/^test\/train: triggers\[2\]\.location "europe-west4-a" is not valid: .*a bucket is not in a zone \(did you mean europe-west4\?\)$/),
      expect.stringMatching(/^test\/train: triggers\[3\]\.location "mars" is not valid: must be the bucket's location in lower case: a region \(us-central1\), a dual-region or a multi-region \(us, eu, asia, nam4/),
    ]);
  });

  test('regions, dual-regions and multi-regions of buckets outside the environment are accepted', () => {
    const { stack, env } = environmentStack();
    expect(() => job(stack, env, {
      triggers: [Trigger.onNewData('acme-eu-lake', 'a/', 'europe-west4'), Trigger.onNewData('acme-us-lake', 'b/', 'us'), Trigger.onNewData('acme-dual', 'c/', 'nam4')],
    })).not.toThrow();
  });

  test('one bucket is watched from one location: a second job giving another is refused', () => {
    const { stack, env } = environmentStack();
    job(stack, env, { triggers: [Trigger.onNewData('acme-us-lake', 'a/', 'us')] }, 'first');
    const error = thrown(() => job(stack, env, { triggers: [Trigger.onNewData('acme-us-lake', 'b/')] }));
    expect(error.message).toBe('test/train: triggers[0].location "(default us-central1)" is not valid: must be us, the location test/first watches this bucket from (a bucket has one location, and the environment one trigger per bucket)');
    expect(() => job(stack, env, { triggers: [Trigger.onNewData('acme-us-lake', 'c/', 'us')] }, 'third')).not.toThrow();
  });

  test('a bucket the environment created is watched from the environment\'s region only', () => {
    expect(errorLines((env) => ({ triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'incoming/', 'europe-west4')] }))).toEqual([
      'test/train: triggers[0].location "europe-west4" is not valid: must be us-central1, where the environment created the watched bucket (Eventarc only hears a bucket from its own location; leave location out for the environment\'s buckets)',
    ]);
    const { stack, env } = environmentStack();
    expect(() => job(stack, env, { triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'incoming/', 'us-central1')] })).not.toThrow();
  });
});

describe('watched data: a trigger that would fire on the job\'s own outputs', () => {
  test.each([
    ['every object of the artifacts bucket', ''],
    ['every job\'s outputs', 'jobs/'],
    ['the job\'s own runs', 'jobs/train/runs/'],
    ['one run\'s checkpoints', 'jobs/train/runs/s-2026/checkpoints/'],
  ])('%s (prefix %j) is refused: each run would launch the next', (_, prefix) => {
    expect(errorLines((env) => ({ triggers: [Trigger.onNewData(env.artifactsBucket.bucketName, prefix)] }))).toEqual([
      `test/train: triggers[0].prefix ${JSON.stringify(prefix)} is not valid: must not cover the job's own outputs (gs://<artifacts>/jobs/train/runs/): every run would launch the next; watch another bucket, or a prefix such as another job's jobs/<id>/runs/`,
    ]);
  });

  test('the artifacts bucket named literally is recognised too', () => {
    expect(errorLines(() => ({ triggers: [Trigger.onNewData('acme-ml-ml-artifacts', 'jobs/train/')] }))[0])
      .toMatch(/^test\/train: triggers\[0\]\.prefix "jobs\/train\/" is not valid: must not cover the job's own outputs/);
  });

  test('another job\'s outputs may start this job (a pipeline of jobs)', () => {
    const { stack, env } = environmentStack();
    job(stack, env, {}, 'prepare');
    expect(() => job(stack, env, { triggers: [Trigger.onNewData(env.artifactsBucket.bucketName, 'jobs/prepare/runs/')] })).not.toThrow();
  });

  test('a team job watching its team\'s artifacts is checked against its own output location', () => {
    const { stack, env } = environmentStack();
    const team = env.addTeam('vision');
    const error = thrown(() => job(stack, env, { team, triggers: [Trigger.onNewData(team.artifactsBucket.bucketName, 'jobs/train/runs/')] }));
    expect(error.message).toMatch(/^test\/train: triggers\[0\]\.prefix "jobs\/train\/runs\/" is not valid: must not cover the job's own outputs/);
    expect(() => job(stack, env, { team, triggers: [Trigger.onNewData(env.artifactsBucket.bucketName, 'jobs/train/runs/')] }, 'other')).not.toThrow();
  });
});

describe('watched data: grants', () => {
  test('a bucket the library does not manage gets one read grant per trainer, which launches wait for', () => {
    const { json } = synthWith((stack, env) => {
      job(stack, env, { triggers: [Trigger.onNewData('acme-landing-zone', 'a/')] }, 'job-a');
      job(stack, env, { triggers: [Trigger.onNewData('acme-landing-zone', 'b/')] }, 'job-b');
    });
    const grants = bucketGrants(json, 'acme-landing-zone');
    expect(grants).toEqual([expect.objectContaining({ role: 'roles/storage.objectViewer', member: expect.stringMatching(/^\$\{google_service_account\.ml_trainer_account_[\w]+\.member\}$/) })]);
    const name = Object.entries(ofType(json, 'google_storage_bucket_iam_member')).find(([, g]) => g.bucket === 'acme-landing-zone')![0];
    expect(name).toMatch(/^ml_trainer_external-read-acme-landing-zone_/);
    const sleeps = Object.values(ofType(json, 'time_sleep'));
    expect(sleeps.some((s) => (s.depends_on as string[]).includes(`google_storage_bucket_iam_member.${name}`))).toBe(true);
  });

  test('a bucket of the environment its trainer already reads gets nothing more', () => {
    const { json, stack } = synthWith((s, env) => job(s, env, { triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'incoming/')] }));
    expect(Object.keys(ofType(json, 'google_storage_bucket_iam_member')).filter((name) => name.includes('external-read'))).toEqual([]);
    expect(warnings(stack).filter((w) => w.includes('watched bucket'))).toEqual([]);
  });

  test('a team job watching the environment\'s data bucket is warned, not granted (team isolation)', () => {
    const { stack, env } = environmentStack();
    const team = env.addTeam('vision');
    job(stack, env, { team, triggers: [Trigger.onNewData(env.dataBucket.bucketName, 'incoming/')] });
    expect(warnings(stack)).toContain('triggers[0]: the trainer ml-vision-tr@acme-ml.iam.gserviceaccount.com has no read grant on the watched bucket acme-ml-ml-data, '
      + 'which this environment keeps for the environment\'s own trainer (not its teams); runs it launches cannot read the new data unless you grant roles/storage.objectViewer on it to serviceAccount:ml-vision-tr@acme-ml.iam.gserviceaccount.com');
  });
});

describe('packages in buckets the library does not manage', () => {
  test('a gs:// package outside the environment gets a warning naming role, member and bucket', () => {
    const { stack, env } = environmentStack();
    job(stack, env);
    expect(warnings(stack)).toEqual([
      'code: the package gs://acme-packages/trainer/trainer-0.3.0.tar.gz is in gs://acme-packages, on which this library grants the trainer nothing; '
      + 'grant roles/storage.objectViewer on gs://acme-packages to serviceAccount:ml-trainer@acme-ml.iam.gserviceaccount.com '
      + '(gcloud storage buckets add-iam-policy-binding gs://acme-packages --member=serviceAccount:ml-trainer@acme-ml.iam.gserviceaccount.com --role=roles/storage.objectViewer), or runs fail when pip downloads the package',
    ]);
  });

  test('an image in another Artifact Registry repository gets a warning naming the repository and the agent; Google\'s and the environment\'s do not', () => {
    const { stack, env } = environmentStack();
    job(stack, env, { code: TrainingCode.container({ image: ContainerImage.fromUri('europe-docker.pkg.dev/acme-tools/images/trainer:v1') }) });
    job(stack, env, { code: TrainingCode.container({ image: ContainerImage.fromUri('europe-docker.pkg.dev/acme-tools/images/evaluator:v1') }) }, 'second');
    job(stack, env, { code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { tag: 'v1' }) }) }, 'own');
    job(stack, env, { code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest') }) }, 'prebuilt');
    const images = warnings(stack).filter((w) => w.startsWith('image '));
    expect(images).toHaveLength(2);
    expect(images[0]).toBe('image europe-docker.pkg.dev/acme-tools/images/trainer:v1 is in the Artifact Registry repository projects/acme-tools/locations/europe/repositories/images, '
      + 'on which this library grants nothing (only on the environment\'s own); Vertex AI pulls it as its service agent service-PROJECT_NUMBER@gcp-sa-aiplatform.iam.gserviceaccount.com of project acme-ml: '
      + 'grant it roles/artifactregistry.reader there (gcloud artifacts repositories add-iam-policy-binding images --project=acme-tools --location=europe '
      + '--member=serviceAccount:service-PROJECT_NUMBER@gcp-sa-aiplatform.iam.gserviceaccount.com --role=roles/artifactregistry.reader) unless the repository is public');
  });

  test('a package in a bucket the trainer reads gives no warning', () => {
    const { stack, env } = environmentStack({ dataBucket: { existingBucketName: 'acme-lake' } });
    const code = TrainingCode.prebuilt({ framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromGcsUri('gs://acme-lake/pkgs/trainer-0.1.0.tar.gz'), module: 'trainer.task' });
    job(stack, env, { code });
    expect(warnings(stack)).toEqual([]);
  });
});

describe('labels leave room for the launcher\'s', () => {
  const many = (n: number, prefix = 'l') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'x']));

  test('the launcher adds exactly the labels the checks reserve room for', () => {
    const source = JSON.stringify(launcherWorkflowDefinition({ routes: [] }));
    const added = [...source.matchAll(/body\.labels\[\\"([^\\]+)\\"\]/g)].map((m) => m[1]);
    expect([...new Set(added)]).toEqual([...LAUNCHER_LABELS]);
  });

  test('environment labels: 60 of your own fit, 61 do not, saying how many are left', () => {
    expect(() => environmentStack({ labels: many(60) })).not.toThrow();
    expect(() => environmentStack({ labels: many(61) })).toThrow(
      'test/ml: labels 61 is not valid: a run carries at most 64 labels (Vertex AI) and 4 are taken (the environment\'s managed-by and vertex-training-env; the library\'s vertex-training-job; the launcher\'s launch_key): room for 60 of yours, 1 too many');
  });

  test('job labels count with the environment\'s, and a team job has one label less', () => {
    const { stack, env } = environmentStack({ labels: many(10, 'env') });
    expect(() => job(stack, env, { labels: many(50) }, 'fits')).not.toThrow();
    const error = thrown(() => job(stack, env, { labels: many(51) }));
    expect(error.message).toBe('test/train: labels 51 is not valid: a run carries at most 64 labels (Vertex AI) and 14 are taken (the environment\'s 12 labels; the library\'s vertex-training-job; the launcher\'s launch_key): room for 50 of yours, 1 too many');
    const team = env.addTeam('vision');
    expect(thrown(() => job(stack, env, { team, labels: many(50) }, 'team-job')).message).toMatch(/the library's vertex-training-job and vertex-training-team; .*room for 49 of yours, 1 too many$/);
  });

  test('an environment full to the brim leaves a team\'s job no room, and says so', () => {
    const { stack, env } = environmentStack({ labels: many(60) });
    expect(() => job(stack, env, {}, 'fits')).not.toThrow();
    const team = env.addTeam('vision');
    expect(thrown(() => job(stack, env, { team })).message).toBe('test/train: labels 0 is not valid: a run carries at most 64 labels (Vertex AI), and the environment\'s 62 labels; '
      + 'the library\'s vertex-training-job and vertex-training-team; the launcher\'s launch_key already make 65: the environment\'s labels leave this job no room (remove 1 of them)');
  });

  test('keys the launcher or the library sets on every run are refused, with the job\'s other problems', () => {
    const lines = errorLines(() => ({ labels: { launch_key: 'mine', 'vertex-training-job': 'x' }, displayName: '' }));
    expect(lines).toEqual(expect.arrayContaining([
      'test/train: labels key "launch_key" is not valid: must not be one of vertex-training-job, vertex-training-team or launch_key: the launcher sets it on every run, and your value would be lost',
      'test/train: labels key "vertex-training-job" is not valid: must not be one of vertex-training-job, vertex-training-team or launch_key: the library sets it on every run, and your value would be lost',
      expect.stringMatching(/^test\/train: displayName "" is not valid/),
    ]));
  });
});

describe('reservations in the job\'s region', () => {
  const h100 = (names: string[]) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, reservation: Reservation.specific(...names) });

  test('a reservation in a zone of another region is refused, naming both regions', () => {
    expect(errorLines(() => ({ workerPools: { primary: h100(['projects/acme-ml/zones/us-central1-a/reservations/ok', 'projects/acme-ml/zones/europe-west4-b/reservations/h100']) } }))).toEqual([
      'test/train: workerPools.primary.reservation "projects/acme-ml/zones/europe-west4-b/reservations/h100" is not valid: must be a reservation in a zone of the job\'s region us-central1 (europe-west4-b is in europe-west4): Vertex AI only creates the job\'s VMs in its own region',
    ]);
  });

  test('a zone that is not a zone is refused', () => {
    expect(errorLines(() => ({ workerPools: { primary: h100(['projects/acme-ml/zones/us-central1/reservations/h100']) } }))[0]).toMatch(
      /reservation "projects\/acme-ml\/zones\/us-central1\/reservations\/h100" is not valid: one or more reservation names of the form projects\/PROJECT\/zones\/ZONE\/reservations\/NAME, ZONE a zone such as us-central1-a \(us-central1 is not a zone\)$/);
  });

  test('a quota workload in another region is checked against its own region', () => {
    const { env } = environmentStack();
    expect(() => env.quotas.addWorkload('eu', { region: 'europe-west4', workerPools: { primary: h100(['projects/acme-ml/zones/europe-west4-b/reservations/h100']) } })).not.toThrow();
  });
});

describe('serving ports', () => {
  const image = ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/server:v1');

  test.each([0, 65536, 80.5, -1])('port %p is refused', (port) => {
    const { stack, env } = environmentStack();
    const error = thrown(() => new TrainingPipeline(stack, 'pipe', {
      environment: env, workerPools: cpuPools(), code: gcsCode(),
      model: { modelId: 'churn', servingContainer: ServingContainer.fromImage(image, { port }) },
    }));
    expect(error.message).toContain(`test/pipe: model.servingContainer.port ${port} is not valid: must be a port: a whole number from 1 to 65535`);
  });

  test('ports 1 and 65535 are accepted', () => {
    for (const port of [1, 65535]) {
      const { stack, env } = environmentStack();
      expect(() => new TrainingPipeline(stack, 'pipe', {
        environment: env, workerPools: cpuPools(), code: gcsCode(),
        model: { modelId: 'churn', servingContainer: ServingContainer.fromImage(image, { port }) },
      })).not.toThrow();
    }
  });
});
