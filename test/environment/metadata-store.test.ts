import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { TrainingEnvironment, TrainingReport } from '../../lib';
import { apiRef, environmentStack, ofType, onlyOfType, synthJson } from '../helpers/synth';

describe('the region\'s Vertex AI metadata store', () => {
  test('is the region\'s default store, with the Vertex AI key, protected, created by google-beta', () => {
    const { stack, env } = environmentStack();
    const json = synthJson(stack);
    const store = onlyOfType(json, 'google_vertex_ai_metadata_store');
    const vertexKey = Object.entries(ofType(json, 'google_kms_crypto_key')).find(([, k]) => k.name === 'ml-vertex')![0];
    expect(store).toMatchObject({
      project: 'acme-ml',
      region: 'us-central1',
      name: 'default',
      encryption_spec: { kms_key_name: `\${google_kms_crypto_key.${vertexKey}.id}` },
      lifecycle: { prevent_destroy: true },
      provider: 'google-beta.vertex_training',
    });
    expect(env.metadataStore!.storeName).toBe('projects/acme-ml/locations/us-central1/metadataStores/default');
  });

  test('waits for the Vertex AI API and the Vertex AI service agent\'s grant on the key', () => {
    const json = synthJson(environmentStack().stack);
    const store = onlyOfType(json, 'google_vertex_ai_metadata_store');
    const grants = Object.entries(ofType(json, 'google_kms_crypto_key_iam_member'))
      .filter(([, g]) => String(g.member).includes('gcp-sa-aiplatform'))
      .map(([name]) => `google_kms_crypto_key_iam_member.${name}`);
    expect(grants).toHaveLength(1);
    expect(store.depends_on).toEqual(expect.arrayContaining([apiRef(json, 'aiplatform.googleapis.com'), ...grants]));
  });

  test('uses the google-beta provider passed to the environment', () => {
    const stack = new TerraformStack(Testing.app(), 'beta');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const beta = new GoogleBetaProvider(stack, 'beta', { alias: 'deployer' });
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', betaProvider: beta });
    expect(onlyOfType(synthJson(stack), 'google_vertex_ai_metadata_store').provider).toBe('google-beta.deployer');
  });

  test('a brought Vertex AI key encrypts the store', () => {
    const key = 'projects/acme-kms/locations/us-central1/keyRings/ml/cryptoKeys/vertex';
    const json = synthJson(environmentStack({ encryption: { vertexKeyName: key } }).stack);
    expect(onlyOfType(json, 'google_vertex_ai_metadata_store').encryption_spec).toEqual({ kms_key_name: key });
  });

  test('metadataStore: false leaves the store alone', () => {
    const { stack, env } = environmentStack({ metadataStore: false });
    expect(ofType(synthJson(stack), 'google_vertex_ai_metadata_store')).toEqual({});
    expect(env.metadataStore).toBeUndefined();
    expect(TrainingReport.of(stack).environments[0].names.metadataStore).toBeUndefined();
  });

  test('the training report names the store', () => {
    const report = TrainingReport.of(environmentStack().stack);
    expect(report.environments[0].names.metadataStore).toBe('projects/acme-ml/locations/us-central1/metadataStores/default');
    expect(TrainingReport.renderMarkdown(report)).toContain('| Vertex AI metadata store (Experiments) | `projects/acme-ml/locations/us-central1/metadataStores/default` |');
  });

  test('two environments of one project and region cannot both create it; one of them opts out', () => {
    const stack = new TerraformStack(Testing.app(), 'two');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    expect(() => new TrainingEnvironment(stack, 'vision', { projectId: 'acme-ml', region: 'us-central1' }))
      .toThrow('two/vision: metadata-store/store name "default" is not valid: must be unique in the app: two/ml/metadata-store/store already creates the Vertex AI metadata store "default" in project acme-ml, region us-central1; set metadataStore: false on every other environment of that project and region');

    const fixed = new TerraformStack(Testing.app(), 'fixed');
    new GoogleProvider(fixed, 'google', { project: 'acme-ml', region: 'us-central1' });
    new TrainingEnvironment(fixed, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    new TrainingEnvironment(fixed, 'nlp', { projectId: 'acme-ml', region: 'us-central1', metadataStore: false });
    new TrainingEnvironment(fixed, 'eu', { projectId: 'acme-ml', region: 'europe-west4' });
    expect(Object.values(ofType(synthJson(fixed), 'google_vertex_ai_metadata_store')).map((s) => s.region).sort()).toEqual(['europe-west4', 'us-central1']);
  });
});
