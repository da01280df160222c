import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { daysAsDuration } from '../core/durations';
import { literal, problemsOf, throwProblems, ValidationError } from '../core/validation';
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
  /**
   * Bring your own key for the launcher's Pub/Sub topic of launch requests (same format and region rule).
   * @default - a key is created with the first scheduled job
   */
  readonly pubsubKeyName?: string;
  /**
   * Bring your own key for the launcher workflow (same format and region rule).
   * @default - a key is created with the first job
   */
  readonly workflowsKeyName?: string;
  /**
   * Bring your own key for Eventarc's Google channel, which carries the launcher's Cloud Storage
   * events (same format and region rule).
   * @default - a key is created with the first event trigger
   */
  readonly eventarcKeyName?: string;
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

/** A key created (or brought) when the first resource that needs it is declared. */
export enum LaunchKeyPurpose {
  /** The launcher's Pub/Sub topic. */
  PUBSUB = 'pubsub',
  /** The launcher workflow. */
  WORKFLOWS = 'workflows',
  /** Eventarc's Google channel (Cloud Storage events). */
  EVENTARC = 'eventarc',
}

/** The option that brings each launch-path key instead of creating it (typed: one per purpose). */
const LAZY_KEYS: { readonly [P in LaunchKeyPurpose]: keyof EncryptionOptions & `${P}KeyName` } = {
  [LaunchKeyPurpose.PUBSUB]: 'pubsubKeyName',
  [LaunchKeyPurpose.WORKFLOWS]: 'workflowsKeyName',
  [LaunchKeyPurpose.EVENTARC]: 'eventarcKeyName',
};

/**
 * The environment's CMEK: a regional key ring (unless every key is brought by the user) and one key
 * per consuming service. The keys of the launch path (Pub/Sub, Workflows, Eventarc) are created with
 * the first resource that uses them.
 */
export class EnvironmentEncryption extends Construct {
  /** Key of the staging, artifacts and data buckets. */
  public readonly storageKey: EncryptionKey;
  /** Key of the Artifact Registry repositories. */
  public readonly registryKey: EncryptionKey;
  /** Key of Vertex AI resources: jobs, tuning jobs, pipelines, TensorBoard, datasets, models. */
  public readonly vertexKey: EncryptionKey;
  private readonly props: EnvironmentEncryptionProps;
  private readonly rotationPeriodDays: number;
  private readonly destroyScheduledDays: number;
  private readonly launchKeys = new Map<LaunchKeyPurpose, EncryptionKey>();
  private readonly additionalKeys = new Map<string, EncryptionKey>();
  private createdKeyRing?: KmsKeyRing;

  constructor(scope: Construct, id: string, props: EnvironmentEncryptionProps) {
    super(scope, id);
    this.props = props;
    const keyShape = 'projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY';
    const region = literal(props.region);
    this.rotationPeriodDays = props.rotationPeriodDays ?? 90;
    this.destroyScheduledDays = props.destroyScheduledDays ?? 30;
    throwProblems(this, [
      ...(['storageKeyName', 'registryKeyName', 'vertexKeyName', ...Object.values(LAZY_KEYS)] as const).flatMap((field) =>
        problemsOf(`encryption.${field}`, props[field], (v) => regionalName(parseCryptoKeyName(v), keyShape, region))),
      ...problemsOf('encryption.existingKeyRingName', props.existingKeyRingName, (v) =>
        regionalName(parseKeyRingName(v), 'projects/PROJECT/locations/REGION/keyRings/RING', region)),
      ...problemsOf('encryption.keyRingId', props.keyRingId, kmsId),
      ...problemsOf('encryption.rotationPeriodDays', this.rotationPeriodDays, (v) => integerInRange(v, 1, 365)),
      ...problemsOf('encryption.destroyScheduledDays', this.destroyScheduledDays, (v) => integerInRange(v, 1, 120)),
    ]);

    this.storageKey = this.key('storage', props.storageKeyName);
    this.registryKey = this.key('registry', props.registryKeyName);
    this.vertexKey = this.key('vertex', props.vertexKeyName);
  }

  /** The created key ring; undefined when it was imported or no key is created. */
  public get keyRing(): KmsKeyRing | undefined {
    return this.createdKeyRing;
  }

  /**
   * The key of one service of the launch path, created (or taken from the options) on first use.
   * @param purpose the service the key encrypts for
   */
  public launchKey(purpose: LaunchKeyPurpose): EncryptionKey {
    let key = this.launchKeys.get(purpose);
    if (!key) {
      key = this.key(purpose, this.props[LAZY_KEYS[purpose]]);
      this.launchKeys.set(purpose, key);
    }
    return key;
  }

  /**
   * A key for another consumer of the environment (a GKE cluster's Secrets or node disks), created
   * on first use as `<prefix>-<purpose>` in the environment's key ring with its rotation, protection
   * level and labels, or the user's key. One key per consuming service agent, as for the others.
   * @param purpose 1-40 lowercase letters, digits or hyphens, e.g. `gke-secrets`; not a purpose of the environment's own keys
   * @param existingKeyName a key brought by the user (`projects/P/locations/REGION/keyRings/R/cryptoKeys/K`, in the environment's region)
   */
  public additionalKey(purpose: string, existingKeyName?: string): EncryptionKey {
    let key = this.additionalKeys.get(purpose);
    if (key && existingKeyName !== undefined && existingKeyName !== key.keyName) {
      throw new ValidationError(this, `${purpose} key`, existingKeyName, `the environment already uses ${key.cryptoKey ? `its created key ${this.props.prefix}-${purpose}` : key.keyName} for ${purpose}: one key per purpose in an environment`);
    }
    if (key) return key;
    const reserved = ['storage', 'registry', 'vertex', ...Object.keys(LAZY_KEYS)];
    throwProblems(this, [
      ...problemsOf('additionalKey purpose', purpose, (v) =>
        !/^[a-z][a-z0-9-]{0,39}$/.test(v) ? 'must be 1-40 lowercase letters, digits or hyphens, starting with a letter'
          : reserved.includes(v) ? `must not be a purpose of the environment's own keys (${reserved.join(', ')})` : undefined),
      ...problemsOf(`${purpose} key`, existingKeyName, (v) =>
        regionalName(parseCryptoKeyName(v), 'projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY', literal(this.props.region))),
    ]);
    key = this.key(purpose, existingKeyName);
    this.additionalKeys.set(purpose, key);
    return key;
  }

  /** Every key of the environment so far, by purpose (`storage`, `registry`, `vertex`, then the launch path's, then additional ones). */
  public get keys(): { [purpose: string]: EncryptionKey } {
    return {
      storage: this.storageKey, registry: this.registryKey, vertex: this.vertexKey,
      ...Object.fromEntries(this.launchKeys), ...Object.fromEntries(this.additionalKeys),
    };
  }

  private key(purpose: string, existingKeyName: string | undefined): EncryptionKey {
    return new EncryptionKey(this, purpose, {
      keyId: `${this.props.prefix}-${purpose}`,
      keyRingName: existingKeyName === undefined ? this.ringName() : undefined,
      existingKeyName,
      rotationPeriodDays: this.rotationPeriodDays,
      destroyScheduledDays: this.destroyScheduledDays,
      protectionLevel: this.props.protectionLevel ?? KeyProtectionLevel.SOFTWARE,
      labels: this.props.labels,
      dependsOn: this.props.dependsOn,
    });
  }

  /** The ring created keys go in: the user's, or one created with the first created key. */
  private ringName(): string {
    if (this.props.existingKeyRingName !== undefined) return this.props.existingKeyRingName;
    this.createdKeyRing ??= new KmsKeyRing(this, 'key-ring', {
      project: this.props.projectId,
      name: this.props.keyRingId ?? `${this.props.prefix}-training`,
      location: this.props.region,
      lifecycle: { preventDestroy: true },
      dependsOn: this.props.dependsOn,
    });
    return this.createdKeyRing.id;
  }
}
