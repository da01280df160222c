import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { TrainingEnvironment } from '../../lib';
import { iamMember } from '../../lib/rules/iam-member';
import { environmentStack, named, ofType, onlyOfType, synthJson } from '../helpers/synth';

describe('destroy protection beyond buckets and keys', () => {
  test('repositories and the TensorBoard are protected by default, and can opt out', () => {
    const json = synthJson(environmentStack().stack);
    for (const repository of Object.values(ofType(json, 'google_artifact_registry_repository'))) {
      expect(repository.lifecycle).toEqual({ prevent_destroy: true });
    }
    expect(onlyOfType(json, 'google_vertex_ai_tensorboard').lifecycle).toEqual({ prevent_destroy: true });

    const relaxed = synthJson(environmentStack({ pythonRepository: { preventDestroy: false }, tensorboard: { preventDestroy: false } }).stack);
    expect(named(relaxed, 'google_artifact_registry_repository', 'ml_python-repository_').lifecycle).toEqual({ prevent_destroy: false });
    expect(onlyOfType(relaxed, 'google_vertex_ai_tensorboard').lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe('google-beta provider', () => {
  test('a provider passed in creates the service agents instead of the default alias', () => {
    const stack = new TerraformStack(Testing.app(), 'beta');
    new GoogleProvider(stack, 'google', { impersonateServiceAccount: 'deployer@acme-ml.iam.gserviceaccount.com' });
    const beta = new GoogleBetaProvider(stack, 'beta', { alias: 'impersonated', impersonateServiceAccount: 'deployer@acme-ml.iam.gserviceaccount.com' });
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', betaProvider: beta });
    const json = synthJson(stack);
    expect(json.provider['google-beta']).toEqual([{ alias: 'impersonated', impersonate_service_account: 'deployer@acme-ml.iam.gserviceaccount.com' }]);
    for (const identity of Object.values(ofType(json, 'google_project_service_identity'))) {
      expect(identity.provider).toBe('google-beta.impersonated');
    }
  });
});

describe('grants', () => {
  test('the staging bucket can be opened for writing to a CI identity', () => {
    const { stack, env } = environmentStack();
    const grant = env.grantStagingReadWrite('serviceAccount:ci@acme-ci.iam.gserviceaccount.com');
    expect(grant).toBeDefined();
    expect(named(synthJson(stack), 'google_storage_bucket_iam_member', 'ml_staging-bucket_storage-objectUser-')).toMatchObject({
      role: 'roles/storage.objectUser', member: 'serviceAccount:ci@acme-ci.iam.gserviceaccount.com',
    });
  });

  test('every built-in grant is a public field', () => {
    const { env } = environmentStack();
    expect(env.trainerBucketGrants).toHaveLength(3);
    expect(env.trainerRepositoryGrants).toHaveLength(2);
    expect(env.trainerProjectGrants).toHaveLength(2);
    expect(env.vertexAgentImagePull.terraformResourceType).toBe('google_artifact_registry_repository_iam_member');
    expect(env.launcherActAsTrainer.terraformResourceType).toBe('google_service_account_iam_member');
  });

  test.each(['principalSet://goog/public:all', 'principalSet://goog/public:anything'])('the public principal %s is refused', (member) => {
    expect(iamMember(member)).toMatch(/must not be a public principal/);
  });

  test('workforce and workload identity principal sets are accepted', () => {
    expect(iamMember('principalSet://iam.googleapis.com/locations/global/workforcePools/corp/group/ml')).toBeUndefined();
  });
});

describe('regions known only to Terraform', () => {
  test('brought keys and TensorBoards are accepted when the region is a variable', () => {
    const stack = new TerraformStack(Testing.app(), 'tokens');
    new GoogleProvider(stack, 'google', {});
    const region = new TerraformVariable(stack, 'region', { type: 'string' }).stringValue;
    expect(() => new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml',
      region,
      encryption: { vertexKeyName: 'projects/kms/locations/us-central1/keyRings/r/cryptoKeys/k' },
      tensorboard: { existingTensorboardName: 'projects/acme-ml/locations/us-central1/tensorboards/1' },
    })).not.toThrow();
  });
});

describe('APIs', () => {
  test('the project data source waits for the Resource Manager API', () => {
    const json = synthJson(environmentStack().stack);
    const project = Object.values(ofType(json, 'google_project', 'data'))[0];
    expect(project.depends_on).toEqual([expect.stringMatching(/^google_project_service\.ml_apis_cloudresourcemanager_/)]);
  });
});
