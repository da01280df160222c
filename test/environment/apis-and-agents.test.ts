import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ENVIRONMENT_APIS, TrainingEnvironment } from '../../lib';
import { environmentStack, ofType, synthJson } from '../helpers/synth';

describe('APIs', () => {
  test('enables every API the environment uses and never disables one on destroy', () => {
    const json = synthJson(environmentStack().stack);
    const services = Object.values(ofType(json, 'google_project_service'));
    expect(services.map((s) => s.service).sort()).toEqual([...ENVIRONMENT_APIS].sort());
    for (const s of services) {
      expect(s).toMatchObject({ project: 'acme-ml', disable_on_destroy: false, disable_dependent_services: false });
    }
  });

  test('resources wait for their API', () => {
    const json = synthJson(environmentStack().stack);
    const storageApi = Object.keys(ofType(json, 'google_project_service')).find((n) => n.includes('storage'));
    for (const bucket of Object.values(ofType(json, 'google_storage_bucket'))) {
      expect(bucket.depends_on).toContain(`google_project_service.${storageApi}`);
    }
  });

  test('enableApis: false manages no API and leaves no dependency on one', () => {
    const { stack, env } = environmentStack({ enableApis: false });
    const json = synthJson(stack);
    expect(ofType(json, 'google_project_service')).toEqual({});
    expect(JSON.stringify(json)).not.toContain('google_project_service.');
    expect(env.apis.require('workflows.googleapis.com')).toEqual([]);
  });

  test('require() adds an API once and returns the dependency', () => {
    const { stack, env } = environmentStack();
    const first = env.apis.require('workflows.googleapis.com');
    const second = env.apis.require('workflows.googleapis.com');
    expect(first).toHaveLength(1);
    expect(second[0]).toBe(first[0]);
    expect(Object.values(ofType(synthJson(stack), 'google_project_service')).filter((s) => s.service === 'workflows.googleapis.com')).toHaveLength(1);
  });
});

describe('service agents', () => {
  test('creates the Vertex AI and Artifact Registry agents through one aliased google-beta provider', () => {
    const json = synthJson(environmentStack().stack);
    const identities = Object.values(ofType(json, 'google_project_service_identity'));
    expect(identities.map((i) => i.service).sort()).toEqual(['aiplatform.googleapis.com', 'artifactregistry.googleapis.com']);
    for (const identity of identities) expect(identity.provider).toBe('google-beta.vertex_training');
    expect(json.provider['google-beta']).toEqual([{ alias: 'vertex_training' }]);
  });

  test('looks up the Cloud Storage agent and the project number', () => {
    const json = synthJson(environmentStack().stack);
    expect(Object.values(ofType(json, 'google_storage_project_service_account', 'data'))).toHaveLength(1);
    expect(Object.values(ofType(json, 'google_project', 'data'))[0].project_id).toBe('acme-ml');
  });

  test('builds agent members from the project number, so a missing email cannot break a grant', () => {
    const json = synthJson(environmentStack().stack);
    const members = Object.values(ofType(json, 'google_kms_crypto_key_iam_member')).map((g) => g.member).sort();
    expect(members).toEqual([
      expect.stringMatching(/^\$\{data\.google_storage_project_service_account\.ml_service-agents_storage_[0-9A-F]+\.member\}$/),
      expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.ml_service-agents_project_[0-9A-F]+\.number\}@gcp-sa-aiplatform\.iam\.gserviceaccount\.com$/),
      expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.ml_service-agents_project_[0-9A-F]+\.number\}@gcp-sa-artifactregistry\.iam\.gserviceaccount\.com$/),
    ]);
  });

  test('two environments in one stack share the google-beta provider', () => {
    const stack = new TerraformStack(Testing.app(), 'two');
    new GoogleProvider(stack, 'google', {});
    new TrainingEnvironment(stack, 'team-a', { projectId: 'acme-a', region: 'us-central1' });
    new TrainingEnvironment(stack, 'team-b', { projectId: 'acme-b', region: 'europe-west4' });
    const json = synthJson(stack);
    expect(json.provider['google-beta']).toHaveLength(1);
    expect(Object.values(ofType(json, 'google_project_service_identity'))).toHaveLength(4);
  });
});
