import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CustomTrainingJob, TrainingEnvironment, TrainingEnvironmentProps, Trigger } from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { cpuPools, gcsCode } from '../jobs/fixtures';

/**
 * Names two environments (or two parts of one) of an app would both create fail at synth with the
 * construct, the name and who else creates it, instead of at the second apply.
 */

function stackOf(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  return stack;
}

/** An environment without the region's metadata store, which is one per project and region (test/environment/metadata-store.test.ts). */
function environment(stack: TerraformStack, id: string, props: Partial<TrainingEnvironmentProps> = {}): TrainingEnvironment {
  return new TrainingEnvironment(stack, id, { projectId: 'acme-ml', region: 'us-central1', metadataStore: false, ...props });
}

function errorOf(action: () => unknown): ValidationError {
  try {
    action();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('nothing was thrown');
}

describe('names two environments of one app would both create', () => {
  test('the same prefix in one project, in two stacks, is refused once, naming the first environment', () => {
    const app = Testing.app();
    environment(stackOf(app, 'one'), 'ml');
    const error = errorOf(() => environment(stackOf(app, 'two'), 'ml'));
    expect(error.message).toBe('two/ml: prefix "ml" is not valid: one/ml already uses prefix "ml" in project acme-ml (every name derived from it, service accounts, roles, key ring, buckets, workflow, would be created twice); give each environment of a project its own prefix');
  });

  test('the same prefix in one stack is refused even in two projects (Terraform names of jobs collide)', () => {
    const app = Testing.app();
    const stack = stackOf(app, 'one');
    environment(stack, 'ml');
    const error = errorOf(() => environment(stack, 'other', { prefix: 'ml', projectId: 'acme-other' }));
    expect(error.message).toMatch(/^one\/other: prefix "ml" is not valid: one\/ml already uses prefix "ml" in stack one \(the Terraform names/);
  });

  test('the same prefix in two projects and two stacks is fine', () => {
    const app = Testing.app();
    environment(stackOf(app, 'one'), 'ml');
    expect(() => environment(stackOf(app, 'two'), 'ml', { projectId: 'acme-other' })).not.toThrow();
  });

  test('an explicit name another environment derives is refused, every collision at once', () => {
    const app = Testing.app();
    environment(stackOf(app, 'one'), 'ml');
    const error = errorOf(() => environment(stackOf(app, 'two'), 'cv', {
      dataBucket: { name: 'acme-ml-ml-data' },
      trainerServiceAccount: { accountId: 'ml-launcher' },
    }));
    expect(error.message.split('\n')).toEqual([
      'two/cv: data-bucket/bucket name "acme-ml-ml-data" is not valid: must be unique in the app: one/ml/data-bucket/bucket already creates the Cloud Storage bucket "acme-ml-ml-data"; choose another name (or, for a name derived from an environment\'s prefix, another prefix)',
      'two/cv: trainer/account accountId "ml-launcher" is not valid: must be unique in the app: one/ml/launcher/account already creates the service account "ml-launcher" in project acme-ml; choose another name (or, for a name derived from an environment\'s prefix, another prefix)',
    ]);
  });

  test('bucket names are global: the same explicit name collides across projects', () => {
    const app = Testing.app();
    environment(stackOf(app, 'one'), 'ml', { artifactsBucket: { name: 'acme-shared-artifacts' } });
    const error = errorOf(() => environment(stackOf(app, 'two'), 'ml', { projectId: 'acme-other', artifactsBucket: { name: 'acme-shared-artifacts' } }));
    expect(error.message).toContain('two/ml: artifacts-bucket/bucket name "acme-shared-artifacts" is not valid: must be unique in the app: one/ml/artifacts-bucket/bucket already creates');
  });

  test('two parts of one environment given one name are refused', () => {
    const app = Testing.app();
    const error = errorOf(() => environment(stackOf(app, 'one'), 'ml', { dataBucket: { name: 'acme-ml-ml-staging' } }));
    expect(error.message).toContain('one/ml: data-bucket/bucket name "acme-ml-ml-staging" is not valid: must be unique in the app: one/ml/staging-bucket/bucket already creates');
  });

  test('an imported bucket is not created, so sharing it is fine', () => {
    const app = Testing.app();
    environment(stackOf(app, 'one'), 'ml', { dataBucket: { existingBucketName: 'acme-lake' } });
    expect(() => environment(stackOf(app, 'two'), 'cv', { dataBucket: { existingBucketName: 'acme-lake' } })).not.toThrow();
  });

  test('a team whose trainer another environment creates is refused with the team path', () => {
    const app = Testing.app();
    environment(stackOf(app, 'one'), 'ml-a');
    const env = environment(stackOf(app, 'two'), 'ml');
    const error = errorOf(() => env.addTeam('vision', { trainerServiceAccount: { accountId: 'ml-a-trainer' } }));
    expect(error.message).toMatch(/^two\/ml\/team-vision: trainer\/account accountId "ml-a-trainer" is not valid: must be unique in the app: one\/ml-a\/trainer\/account already creates/);
  });

  test('a resource created later (a job\'s schedule) is claimed at synth', () => {
    const app = Testing.app();
    const first = environment(stackOf(app, 'one'), 'ml');
    const secondStack = stackOf(app, 'two');
    const second = environment(secondStack, 'ml-ab');
    // ml + job ab-cd and ml-ab + job cd: both schedules are named "ml-ab-cd-0".
    new CustomTrainingJob(first, 'ab-cd', { environment: first, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.schedule('0 3 * * *')] });
    new CustomTrainingJob(second, 'cd', { environment: second, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.schedule('0 3 * * *')] });
    Testing.synth(TerraformStack.of(first));
    const error = errorOf(() => Testing.synth(secondStack));
    expect(error.message).toMatch(/^two\/ml-ab\/cd\/schedule-0: name "ml-ab-cd-0" is not valid: must be unique in the app: one\/ml\/ab-cd\/schedule-0 already creates the Cloud Scheduler job "ml-ab-cd-0" in project acme-ml, region us-central1/);
  });

  test('synthesizing twice claims nothing twice', () => {
    const app = Testing.app();
    const stack = stackOf(app, 'one');
    const env = environment(stack, 'ml');
    new CustomTrainingJob(env, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers: [Trigger.schedule('0 3 * * *')] });
    Testing.synth(stack);
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});
