import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import { ContainerImage, CustomTrainingJob, TrainingCode, TrainingEnvironment, TrainingEnvironmentProps, WorkerPool } from '../../lib';
import { JobReport, TrainingReport, TrainingReportData } from '../../lib/report';
import type { TerraformJson } from '../helpers/synth';
import { describeWithTerraform, planStack, StackPlan, startAll } from '../helpers/terraform-core';

/**
 * Names, not references (issue 10): what the constructs know at synth is shown as its value,
 * computed from what each resource is declared with; only what Terraform learns at apply stays a
 * reference. The values are the ones Terraform evaluates.
 */

function report(props: Partial<TrainingEnvironmentProps>, change?: (env: TrainingEnvironment) => void): { data: TrainingReportData; job: JobReport } {
  const stack = new TerraformStack(Testing.app(), 'names');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] }, ...props });
  new CustomTrainingJob(stack, 'train', {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1'), args: [`--data=${env.dataBucket.url}/train/`] }),
  });
  change?.(env);
  Testing.synth(stack);
  const data = TrainingReport.of(stack);
  return { data, job: data.environments[0].jobs[0] };
}

test('service accounts, buckets, keys and repositories by their names', () => {
  const { data, job } = report({});
  const env = data.environments[0];
  expect(env.trainer).toBe('ml-trainer@acme-ml.iam.gserviceaccount.com');
  expect(env.launcher).toBe('ml-launcher@acme-ml.iam.gserviceaccount.com');
  expect(env.names).toEqual({
    stagingBucket: 'acme-ml-ml-staging', artifactsBucket: 'acme-ml-ml-artifacts', dataBucket: 'acme-ml-ml-data',
    dockerRepository: 'us-central1-docker.pkg.dev/acme-ml/ml-images', pythonRepository: 'https://us-central1-python.pkg.dev/acme-ml/ml-python/',
    tensorboard: expect.stringMatching(/^\$\{google_vertex_ai_tensorboard\.ml_tensorboard_\w+\.id\}$/),
    metadataStore: 'projects/acme-ml/locations/us-central1/metadataStores/default',
  });
  expect(env.keys.vertexKey).toBe('projects/acme-ml/locations/us-central1/keyRings/ml-training/cryptoKeys/ml-vertex');
  expect(job.outputUriPrefix).toBe('gs://acme-ml-ml-artifacts/jobs/train/runs/');
  expect(job.workerPools[0].code?.args).toEqual(['--data=gs://acme-ml-ml-data/train/']);
});

test('a domain-scoped project: its service accounts\' domain puts the domain after the project', () => {
  const { data } = report({ projectId: 'example.com:ml-lab', prefix: 'lab' });
  expect(data.environments[0].trainer).toBe('lab-trainer@ml-lab.example.com.iam.gserviceaccount.com');
  expect(data.environments[0].names.dataBucket).toBe('example-com-ml-lab-lab-data');
});

test('an escape hatch that renames a bucket renames it in the report too (values come from the declared arguments)', () => {
  const { data, job } = report({}, (env) => { env.dataBucket.bucket!.name = 'acme-renamed-data'; });
  expect(data.environments[0].names.dataBucket).toBe('acme-renamed-data');
  expect(job.workerPools[0].code?.args).toEqual(['--data=gs://acme-renamed-data/train/']);
});

test('keys created in an existing ring are named under it; brought keys and identities as given', () => {
  const ring = 'projects/acme-kms/locations/us-central1/keyRings/shared';
  const vertexKey = 'projects/acme-kms/locations/us-central1/keyRings/other/cryptoKeys/vertex';
  const { data } = report({
    encryption: { existingKeyRingName: ring, vertexKeyName: vertexKey },
    launcherServiceAccount: { existingEmail: 'deployer@acme-ci.iam.gserviceaccount.com' },
  });
  const env = data.environments[0];
  expect(env.keys.storageKey).toBe(`${ring}/cryptoKeys/ml-storage`);
  expect(env.keys.vertexKey).toBe(vertexKey);
  expect(env.launcher).toBe('deployer@acme-ci.iam.gserviceaccount.com');
});

describeWithTerraform('the names are the values Terraform evaluates', () => {
  const examples = ['enterprise', 'quickstart', 'scheduled-pipeline'];
  const built = Object.fromEntries(examples.map((name) => {
    const stack = EXAMPLE_STACKS[name](Testing.app(), name);
    const json: TerraformJson = JSON.parse(Testing.synth(stack));
    return [name, { json, data: TrainingReport.of(stack) }];
  }));
  const plans = startAll(Object.fromEntries(examples.map((name) => [name, () => planStack(built[name].json)])) as { [name: string]: () => Promise<StackPlan> });

  test.each(examples)('%s: identities, keys, output, args and packages of every job as evaluated in its body', (name) => {
    const { json, data } = built[name];
    const locals = plans[name].locals;
    for (const env of data.environments) {
      for (const job of env.jobs) {
        const local = Object.entries(json.locals ?? {}).find(([, value]: [string, any]) => value.displayName === job.displayName && !('body' in value))![0];
        const body = locals[local];
        const spec = body.jobSpec ?? body.trialJobSpec ?? body.trainingTaskInputs.trialJobSpec ?? body.trainingTaskInputs;
        expect(job.runAs).toBe(spec.serviceAccount);
        expect(job.outputUriPrefix).toBe(spec.baseOutputDirectory.outputUriPrefix);
        expect(job.keys.vertexKey).toBe(body.encryptionSpec.kmsKeyName);
        job.workerPools.forEach((pool, i) => {
          const evaluated = spec.workerPoolSpecs[i].containerSpec ?? spec.workerPoolSpecs[i].pythonPackageSpec;
          expect(pool.code?.args).toEqual(evaluated.args);
          expect(pool.code?.packages?.map((p) => p.uri)).toEqual(evaluated.packageUris);
        });
      }
    }
  });
});
