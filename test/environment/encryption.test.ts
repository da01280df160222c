import { KeyProtectionLevel } from '../../lib';
import { named, environmentStack, ofType, onlyOfType, synthJson } from '../helpers/synth';

const KEY = (purpose: string) => `projects/keys-project/locations/us-central1/keyRings/central/cryptoKeys/${purpose}`;

describe('encryption', () => {
  test('creates a regional key ring and one rotating, destroy-protected key per consuming service', () => {
    const json = synthJson(environmentStack().stack);
    expect(onlyOfType(json, 'google_kms_key_ring')).toMatchObject({
      name: 'ml-training', location: 'us-central1', project: 'acme-ml', lifecycle: { prevent_destroy: true },
    });
    const keys = Object.values(ofType(json, 'google_kms_crypto_key'));
    expect(keys.map((k) => k.name).sort()).toEqual(['ml-registry', 'ml-storage', 'ml-vertex']);
    for (const key of keys) {
      expect(key).toMatchObject({
        purpose: 'ENCRYPT_DECRYPT',
        rotation_period: '7776000s',
        destroy_scheduled_duration: '2592000s',
        version_template: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protection_level: 'SOFTWARE' },
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  test('grants each key to exactly the one agent that uses it', () => {
    const json = synthJson(environmentStack().stack);
    const grants = Object.values(ofType(json, 'google_kms_crypto_key_iam_member'));
    expect(grants).toHaveLength(3);
    const grantOn = (purpose: string) => grants.filter((g) => g.crypto_key_id.includes(`_${purpose}_key_`));
    expect(grantOn('storage').map((g) => g.member)).toEqual([expect.stringMatching(/^\$\{data\.google_storage_project_service_account\..+\.member\}$/)]);
    expect(grantOn('registry').map((g) => g.member)).toEqual([expect.stringMatching(/@gcp-sa-artifactregistry\.iam\.gserviceaccount\.com$/)]);
    expect(grantOn('vertex').map((g) => g.member)).toEqual([expect.stringMatching(/@gcp-sa-aiplatform\.iam\.gserviceaccount\.com$/)]);
    for (const grant of grants) expect(grant.role).toBe('roles/cloudkms.cryptoKeyEncrypterDecrypter');
    // After the agent exists, and the Cloud KMS API it goes through.
    expect(grantOn('vertex')[0].depends_on).toEqual([expect.stringMatching(/^google_project_service_identity\./), expect.stringMatching(/^google_project_service\.ml_apis_cloudkms_/)]);
  });

  test('encrypts buckets, repositories and the TensorBoard with their keys, after the grants', () => {
    const json = synthJson(environmentStack().stack);
    const keyRef = (purpose: string) => expect.stringMatching(new RegExp(`^\\$\\{google_kms_crypto_key\\.ml_encryption_${purpose}_key_[0-9A-F]+\\.id\\}$`));
    expect(named(json, 'google_storage_bucket', 'ml_data-bucket_').encryption.default_kms_key_name).toEqual(keyRef('storage'));
    expect(named(json, 'google_artifact_registry_repository', 'ml_docker-repository_').kms_key_name).toEqual(keyRef('registry'));
    expect(onlyOfType(json, 'google_vertex_ai_tensorboard').encryption_spec.kms_key_name).toEqual(keyRef('vertex'));
    expect(onlyOfType(json, 'google_vertex_ai_tensorboard').depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^google_kms_crypto_key_iam_member\.ml_encryption_vertex_vertex-ai-agent_/)]));
  });

  test('rotation, protection level, destroy delay and key ring ID are configurable', () => {
    const json = synthJson(environmentStack({
      encryption: { rotationPeriodDays: 30, protectionLevel: KeyProtectionLevel.HSM, destroyScheduledDays: 7, keyRingId: 'ml_ring' },
    }).stack);
    expect(onlyOfType(json, 'google_kms_key_ring').name).toBe('ml_ring');
    for (const key of Object.values(ofType(json, 'google_kms_crypto_key'))) {
      expect(key.rotation_period).toBe('2592000s');
      expect(key.destroy_scheduled_duration).toBe('604800s');
      expect(key.version_template.protection_level).toBe('HSM');
    }
  });

  test('bring-your-own keys: no key ring, no key, grants on the given keys', () => {
    const { stack, env } = environmentStack({
      encryption: { storageKeyName: KEY('storage'), registryKeyName: KEY('registry'), vertexKeyName: KEY('vertex') },
    });
    const json = synthJson(stack);
    expect(ofType(json, 'google_kms_key_ring')).toEqual({});
    expect(ofType(json, 'google_kms_crypto_key')).toEqual({});
    expect(Object.values(ofType(json, 'google_kms_crypto_key_iam_member')).map((g) => g.crypto_key_id).sort())
      .toEqual([KEY('registry'), KEY('storage'), KEY('vertex')]);
    expect(named(json, 'google_storage_bucket', 'ml_staging-bucket_').encryption.default_kms_key_name).toBe(KEY('storage'));
    expect(env.encryption.keyRing).toBeUndefined();
    expect(env.encryption.vertexKey.cryptoKey).toBeUndefined();
    expect(env.encryption.vertexKey.keyName).toBe(KEY('vertex'));
  });

  test('a partly brought set of keys creates only the missing keys, in an existing key ring if given', () => {
    const json = synthJson(environmentStack({
      encryption: { vertexKeyName: KEY('vertex'), existingKeyRingName: 'projects/keys-project/locations/us-central1/keyRings/central' },
    }).stack);
    expect(ofType(json, 'google_kms_key_ring')).toEqual({});
    const keys = Object.values(ofType(json, 'google_kms_crypto_key'));
    expect(keys.map((k) => [k.name, k.key_ring]).sort()).toEqual([
      ['ml-registry', 'projects/keys-project/locations/us-central1/keyRings/central'],
      ['ml-storage', 'projects/keys-project/locations/us-central1/keyRings/central'],
    ]);
  });
});
