import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { daysAsDuration } from '../core/durations';
import { check, literal, ValidationError } from '../core/validation';
import { integerInRange } from '../rules/numbers';
import { kmsId } from '../rules/names';
import { parseCryptoKeyName, parseKeyRingName, regionalName } from '../rules/resource-names';

const ENCRYPTER_DECRYPTER = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** Where the key material of a created key lives. */
export enum KeyProtectionLevel {
  /** Software-protected keys. */
  SOFTWARE = 'SOFTWARE',
  /** Keys in a FIPS 140-2 Level 3 hardware security module. */
  HSM = 'HSM',
}

/**
 * CMEK settings of a {@link TrainingEnvironment}.
 *
 * The environment keeps one key per consuming service (Cloud Storage, Artifact Registry, Vertex AI),
 * so that each key is granted to exactly the one service agent that uses it.
 */
export interface EncryptionOptions {
  /**
   * ID of the key ring to create in the environment's region. Key rings can never be deleted: after
   * a destroy, import the ring (or set `existingKeyRingName`) instead of creating it again.
   * @default `<prefix>-training`
   */
  readonly keyRingId?: string;
  /**
   * An existing key ring (`projects/P/locations/REGION/keyRings/RING`) in which to create the keys.
   * @default - a key ring is created
   */
  readonly existingKeyRingName?: string;
  /**
   * Rotation period of created keys, in days (1–365). Rotation longer than 90 days fails most
   * security baselines.
   * @default 90
   */
  readonly rotationPeriodDays?: number;
  /**
   * Protection level of created keys.
   * @default KeyProtectionLevel.SOFTWARE
   */
  readonly protectionLevel?: KeyProtectionLevel;
  /**
   * Days a destroyed key version waits before its material is deleted (1–120).
   * @default 30
   */
  readonly destroyScheduledDays?: number;
  /**
   * Bring your own key for the buckets: `projects/P/locations/REGION/keyRings/RING/cryptoKeys/KEY`,
   * in the environment's region. The Cloud Storage agent is granted on it.
   * @default - a key is created
   */
  readonly storageKeyName?: string;
  /**
   * Bring your own key for the Artifact Registry repositories (same format and region rule).
   * @default - a key is created
   */
  readonly registryKeyName?: string;
  /**
   * Bring your own key for Vertex AI resources (jobs, TensorBoard, datasets, models; same format and
   * region rule).
   * @default - a key is created
   */
  readonly vertexKeyName?: string;
}

/** Properties of {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /** Key ID within the key ring when the key is created. */
  readonly keyId: string;
  /** Key ring resource name (`projects/P/locations/L/keyRings/R`) for a created key. */
  readonly keyRingName?: string;
  /** An existing key to use instead of creating one. @default - a key is created */
  readonly existingKeyName?: string;
  /** Rotation period of a created key, in days. */
  readonly rotationPeriodDays: number;
  /** Protection level of a created key. */
  readonly protectionLevel: KeyProtectionLevel;
  /** Days before destroyed key material is deleted. */
  readonly destroyScheduledDays: number;
  /** Labels of a created key. */
  readonly labels: { [key: string]: string };
  /** Resources the key depends on (the Cloud KMS API). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * One Cloud KMS key and the grants that let service agents use it. Created keys rotate and are
 * protected from `terraform destroy`.
 */
export class EncryptionKey extends Construct {
  /** Resource name of the key: `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
  public readonly keyName: string;
  /** The created key; undefined for a key brought by the user. */
  public readonly cryptoKey?: KmsCryptoKey;
  private readonly grantResources: KmsCryptoKeyIamMember[] = [];

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    if (props.existingKeyName !== undefined) {
      this.keyName = props.existingKeyName;
      return;
    }
    if (props.keyRingName === undefined) {
      throw new ValidationError(this, 'keyRingName', 'undefined', 'a created key needs a key ring; give keyRingName or existingKeyName');
    }
    this.cryptoKey = new KmsCryptoKey(this, 'key', {
      name: props.keyId,
      keyRing: props.keyRingName,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: daysAsDuration(props.rotationPeriodDays),
      destroyScheduledDuration: daysAsDuration(props.destroyScheduledDays),
      versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: props.protectionLevel },
      labels: props.labels,
      lifecycle: { preventDestroy: true },
      dependsOn: props.dependsOn,
    });
    this.keyName = this.cryptoKey.id;
  }

  /**
   * Lets `member` encrypt and decrypt with the key (additive grant).
   * @param id construct ID of the grant, unique within this key
   * @param member IAM principal
   * @param dependsOn what must exist before the grant (e.g. the service identity)
   */
  public grantEncryptDecrypt(id: string, member: string, dependsOn?: ITerraformDependable[]): KmsCryptoKeyIamMember {
    const grant = new KmsCryptoKeyIamMember(this, id, {
      cryptoKeyId: this.keyName,
      role: ENCRYPTER_DECRYPTER,
      member,
      dependsOn,
    });
    this.grantResources.push(grant);
    return grant;
  }

  /** The grants made on this key; what a resource encrypted with it must depend on. */
  public get grants(): KmsCryptoKeyIamMember[] {
    return [...this.grantResources];
  }
}

/** Properties of {@link EnvironmentEncryption}. */
export interface EnvironmentEncryptionProps extends EncryptionOptions {
  /** The environment's project. */
  readonly projectId: string;
  /** The environment's region; every key must be there. */
  readonly region: string;
  /** The environment's name prefix. */
  readonly prefix: string;
  /** Labels of created keys. */
  readonly labels: { [key: string]: string };
  /** What created keys depend on (the Cloud KMS API). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The environment's CMEK: a regional key ring (unless every key is brought by the user) and one key
 * per consuming service.
 */
export class EnvironmentEncryption extends Construct {
  /** The created key ring; undefined when it was imported or no key is created. */
  public readonly keyRing?: KmsKeyRing;
  /** Key of the staging, artifacts and data buckets. */
  public readonly storageKey: EncryptionKey;
  /** Key of the Artifact Registry repositories. */
  public readonly registryKey: EncryptionKey;
  /** Key of Vertex AI resources: jobs, tuning jobs, pipelines, TensorBoard, datasets, models. */
  public readonly vertexKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: EnvironmentEncryptionProps) {
    super(scope, id);
    const keyShape = 'projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY';
    const region = literal(props.region);
    for (const field of ['storageKeyName', 'registryKeyName', 'vertexKeyName'] as const) {
      check(this, `encryption.${field}`, props[field], (v) => regionalName(parseCryptoKeyName(v), keyShape, region));
    }
    check(this, 'encryption.existingKeyRingName', props.existingKeyRingName, (v) =>
      regionalName(parseKeyRingName(v), 'projects/PROJECT/locations/REGION/keyRings/RING', region));
    check(this, 'encryption.keyRingId', props.keyRingId, kmsId);
    const rotationPeriodDays = props.rotationPeriodDays ?? 90;
    check(this, 'encryption.rotationPeriodDays', rotationPeriodDays, (v) => integerInRange(v, 1, 365));
    const destroyScheduledDays = props.destroyScheduledDays ?? 30;
    check(this, 'encryption.destroyScheduledDays', destroyScheduledDays, (v) => integerInRange(v, 1, 120));

    const createsAKey = [props.storageKeyName, props.registryKeyName, props.vertexKeyName].some((k) => k === undefined);
    let keyRingName = props.existingKeyRingName;
    if (createsAKey && keyRingName === undefined) {
      this.keyRing = new KmsKeyRing(this, 'key-ring', {
        project: props.projectId,
        name: props.keyRingId ?? `${props.prefix}-training`,
        location: props.region,
        lifecycle: { preventDestroy: true },
        dependsOn: props.dependsOn,
      });
      keyRingName = this.keyRing.id;
    }

    const key = (purpose: string, existingKeyName: string | undefined) =>
      new EncryptionKey(this, purpose, {
        keyId: `${props.prefix}-${purpose}`,
        keyRingName,
        existingKeyName,
        rotationPeriodDays,
        destroyScheduledDays,
        protectionLevel: props.protectionLevel ?? KeyProtectionLevel.SOFTWARE,
        labels: props.labels,
        dependsOn: props.dependsOn,
      });
    this.storageKey = key('storage', props.storageKeyName);
    this.registryKey = key('registry', props.registryKeyName);
    this.vertexKey = key('vertex', props.vertexKeyName);
  }
}
