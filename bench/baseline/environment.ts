/**
 * Hand-written baseline of bench/library/environment.ts (a TrainingEnvironment with every default):
 * the same Terraform (resources, data sources, providers, outputs, backend) written directly with the
 * provider classes, without the library. `npm run bench` compares the library's synthesis cost
 * against this one; test/bench-baseline.test.ts checks that both synthesize the same configuration.
 * `declareEnvironment` is also the environment of the scale baseline (bench/baseline/scale.ts).
 *
 * Deliberately imports nothing from lib/ and only deep provider modules, so that a process that
 * synthesizes this stack loads only what a hand-written stack would.
 *
 * Names: resources are declared in plain `Construct` scopes named as the library names them
 * (`ml/encryption/storage/key`, `ml/trainer/log-writer`, ...), which gives them the library's
 * Terraform addresses. The scale baseline needs that: a propagation wait's `triggers` are keyed by
 * the address of each grant it waits for, and the twin tests compare those keys literally.
 */
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucket, StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { VertexAiTensorboard } from '@cdktf/provider-google/lib/vertex-ai-tensorboard';
import { GoogleProjectServiceIdentity } from '@cdktf/provider-google-beta/lib/google-project-service-identity';
import { GoogleVertexAiMetadataStore } from '@cdktf/provider-google-beta/lib/google-vertex-ai-metadata-store';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';

export class EnvironmentBaselineStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const env = declareEnvironment(this, id);
    new TerraformOutput(this, 'staging_bucket', { value: `gs://${env.stagingBucket.name}` });
    new TerraformOutput(this, 'artifacts_bucket', { value: `gs://${env.artifactsBucket.name}` });
    new TerraformOutput(this, 'data_bucket', { value: `gs://${env.dataBucket.name}` });
    new TerraformOutput(this, 'docker_repository', { value: 'us-central1-docker.pkg.dev/acme-ml-sandbox/ml-images' });
    new TerraformOutput(this, 'trainer_service_account', { value: env.trainer.email });
  }
}

/** What stacks built on the hand-written environment (bench/baseline/scale.ts) refer to. */
export interface BaselineEnvironment {
  readonly project: string;
  readonly region: string;
  readonly labels: { [key: string]: string };
  /** The construct scope at `path` (`ml/launch/events`), created on first use. */
  readonly at: (path: string) => Construct;
  /** The API `name.googleapis.com`, enabled on first use and never disabled on destroy. */
  readonly api: (name: string) => ProjectService;
  /** The service agent of `service` (`ml/service-agents/<id>`), created on first use. */
  readonly agent: (id: string, service: string) => GoogleProjectServiceIdentity;
  /** `serviceAccount:service-NUMBER@<domain>.iam.gserviceaccount.com`. */
  readonly agentMember: (domain: string) => string;
  readonly storageAgent: DataGoogleStorageProjectServiceAccount;
  /** A CMEK key `ml-<name>` (`ml/encryption/<name>/key`), with the same settings as every key. */
  readonly key: (name: string) => KmsCryptoKey;
  /** Lets `member` encrypt and decrypt with `key` (`ml/encryption/<name>/<id>`). */
  readonly keyGrant: (name: string, key: KmsCryptoKey, id: string, member: string, agent?: GoogleProjectServiceIdentity) => KmsCryptoKeyIamMember;
  readonly vertexKey: KmsCryptoKey;
  readonly stagingBucket: StorageBucket;
  readonly artifactsBucket: StorageBucket;
  readonly dataBucket: StorageBucket;
  readonly trainer: ServiceAccount;
  readonly launcher: ServiceAccount;
  readonly tensorboard: VertexAiTensorboard;
  /** The grants a training run needs in effect before anything launches it (the launcher waits for them). */
  readonly runGrants: (KmsCryptoKeyIamMember | StorageBucketIamMember | ArtifactRegistryRepositoryIamMember | ProjectIamMember | ServiceAccountIamMember)[];
}

/**
 * The environment's backend, providers and resources, declared in `stack`: a TrainingEnvironment
 * `ml` with every default (labels `team: ml-platform`) in acme-ml-sandbox, us-central1.
 *
 * Every resource depends on the `google_project_service` of each API its type calls (a new project
 * enables them first): Resource Manager for project IAM, IAM for service accounts and roles, and so on.
 */
export function declareEnvironment(stack: TerraformStack, id: string): BaselineEnvironment {
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
  const project = 'acme-ml-sandbox';
  const region = 'us-central1';
  const labels = { 'managed-by': 'cdktf-vertex-training', team: 'ml-platform', 'vertex-training-env': 'ml' };

  new GoogleProvider(stack, 'google', { project, region });
  const beta = new GoogleBetaProvider(stack, 'google-beta', { alias: 'vertex_training' });
  const at = scopes(stack);

  // APIs, never disabled on destroy.
  const apis = new Map<string, ProjectService>();
  const api = (name: string) => getOrCreate(apis, name, () => new ProjectService(at('ml/apis'), name, {
    project,
    service: `${name}.googleapis.com`,
    disableOnDestroy: false,
    disableDependentServices: false,
  }));
  const aiplatformApi = api('aiplatform');
  const artifactRegistryApi = api('artifactregistry');
  const kmsApi = api('cloudkms');
  const resourceManagerApi = api('cloudresourcemanager');
  const iamApi = api('iam');
  api('logging');
  api('monitoring');
  const storageApi = api('storage');

  // Service agents: created (or read) explicitly, so that every grant to them has a principal.
  const projectData = new DataGoogleProject(at('ml/service-agents'), 'project', { projectId: project, dependsOn: [resourceManagerApi] });
  const agents = new Map<string, GoogleProjectServiceIdentity>();
  const agent = (agentId: string, service: string) => getOrCreate(agents, agentId, () => new GoogleProjectServiceIdentity(at('ml/service-agents'), agentId, {
    provider: beta,
    project,
    service,
    dependsOn: [api(service.split('.')[0])],
  }));
  const vertexAgent = agent('vertex-ai', 'aiplatform.googleapis.com');
  const registryAgent = agent('artifact-registry', 'artifactregistry.googleapis.com');
  const storageAgent = new DataGoogleStorageProjectServiceAccount(at('ml/service-agents'), 'storage', { project, dependsOn: [storageApi] });
  const agentMember = (domain: string) => `serviceAccount:service-${projectData.number}@${domain}.iam.gserviceaccount.com`;
  const vertexAgentMember = agentMember('gcp-sa-aiplatform');

  // CMEK: one key ring, one key per consuming service, each granted to its service's agent.
  const keyRing = new KmsKeyRing(at('ml/encryption'), 'key-ring', {
    project,
    name: 'ml-training',
    location: region,
    lifecycle: { preventDestroy: true },
    dependsOn: [kmsApi],
  });
  const key = (name: string) => new KmsCryptoKey(at(`ml/encryption/${name}`), 'key', {
    name: `ml-${name}`,
    keyRing: keyRing.id,
    purpose: 'ENCRYPT_DECRYPT',
    rotationPeriod: '7776000s',
    destroyScheduledDuration: '2592000s',
    versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'SOFTWARE' },
    labels,
    lifecycle: { preventDestroy: true },
    dependsOn: [kmsApi],
  });
  const keyGrant = (name: string, cryptoKey: KmsCryptoKey, grantId: string, member: string, grantee?: GoogleProjectServiceIdentity) =>
    new KmsCryptoKeyIamMember(at(`ml/encryption/${name}`), grantId, {
      cryptoKeyId: cryptoKey.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member,
      dependsOn: grantee ? [grantee, kmsApi] : [kmsApi],
    });
  const storageKey = key('storage');
  const storageKeyGrant = keyGrant('storage', storageKey, 'storage-agent', storageAgent.member);
  const registryKey = key('registry');
  const registryKeyGrant = keyGrant('registry', registryKey, 'artifact-registry-agent', agentMember('gcp-sa-artifactregistry'), registryAgent);
  const vertexKey = key('vertex');
  const vertexKeyGrant = keyGrant('vertex', vertexKey, 'vertex-ai-agent', vertexAgentMember, vertexAgent);

  // Buckets.
  const bucket = (role: string, preventDestroy: boolean, extraRules: StorageBucketLifecycleRule[]) =>
    new StorageBucket(at(`ml/${role}-bucket`), 'bucket', {
      project,
      name: `acme-ml-sandbox-ml-${role}`,
      location: 'US-CENTRAL1',
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: false,
      versioning: { enabled: true },
      softDeletePolicy: { retentionDurationSeconds: 604800 },
      encryption: { defaultKmsKeyName: storageKey.id },
      lifecycleRule: [
        { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 30, withState: 'ARCHIVED' } },
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
        ...extraRules,
      ],
      labels,
      lifecycle: { preventDestroy },
      dependsOn: [storageApi, storageKeyGrant],
    });
  const stagingBucket = bucket('staging', false, [
    { action: { type: 'Delete' }, condition: { age: 14, withState: 'LIVE', matchesPrefix: ['tmp/'] } },
  ]);
  const artifactsBucket = bucket('artifacts', true, []);
  const dataBucket = bucket('data', true, []);

  // Artifact Registry repositories.
  const keepMostRecent = { id: 'keep-most-recent', action: 'KEEP', mostRecentVersions: { keepCount: 10 } };
  const dockerRepository = new ArtifactRegistryRepository(at('ml/docker-repository'), 'repository', {
    project,
    location: region,
    repositoryId: 'ml-images',
    format: 'DOCKER',
    description: 'Vertex AI training images (managed by cdktf-vertex-training)',
    kmsKeyName: registryKey.id,
    labels,
    dockerConfig: { immutableTags: false },
    cleanupPolicyDryRun: false,
    cleanupPolicies: [
      { id: 'delete-untagged', action: 'DELETE', condition: { tagState: 'UNTAGGED', olderThan: '2592000s' } },
      keepMostRecent,
    ],
    lifecycle: { preventDestroy: true },
    dependsOn: [artifactRegistryApi, registryKeyGrant],
  });
  const pythonRepository = new ArtifactRegistryRepository(at('ml/python-repository'), 'repository', {
    project,
    location: region,
    repositoryId: 'ml-python',
    format: 'PYTHON',
    description: 'Vertex AI training packages (managed by cdktf-vertex-training)',
    kmsKeyName: registryKey.id,
    labels,
    cleanupPolicyDryRun: false,
    cleanupPolicies: [
      { id: 'delete-old-versions', action: 'DELETE', condition: { tagState: 'ANY', olderThan: '2592000s' } },
      keepMostRecent,
    ],
    lifecycle: { preventDestroy: true },
    dependsOn: [artifactRegistryApi, registryKeyGrant],
  });

  // Identities.
  const trainer = new ServiceAccount(at('ml/trainer'), 'account', {
    project,
    accountId: 'ml-trainer',
    displayName: 'Vertex AI trainer (ml)',
    description: 'Runs Vertex AI training code: reads data and staging, writes artifacts, logs and metrics.',
    dependsOn: [iamApi],
  });
  const launcher = new ServiceAccount(at('ml/launcher'), 'account', {
    project,
    accountId: 'ml-launcher',
    displayName: 'Vertex AI launcher (ml)',
    description: 'Creates Vertex AI training jobs that run as the trainer; nothing else.',
    dependsOn: [iamApi],
  });

  // Trainer grants on buckets and repositories.
  const trainerBucketGrant = (bucketId: string, target: StorageBucket, role: string) => new StorageBucketIamMember(at(`ml/${bucketId}`), 'trainer', {
    bucket: target.name,
    role,
    member: trainer.member,
    dependsOn: [storageApi],
  });
  const trainerBucketGrants = [
    trainerBucketGrant('data-bucket', dataBucket, 'roles/storage.objectViewer'),
    trainerBucketGrant('staging-bucket', stagingBucket, 'roles/storage.objectViewer'),
    trainerBucketGrant('artifacts-bucket', artifactsBucket, 'roles/storage.objectUser'),
  ];
  const repositoryReader = (repositoryId: string, repository: ArtifactRegistryRepository, grantId: string, member: string, grantee?: GoogleProjectServiceIdentity) =>
    new ArtifactRegistryRepositoryIamMember(at(`ml/${repositoryId}`), grantId, {
      project,
      location: region,
      repository: repository.name,
      role: 'roles/artifactregistry.reader',
      member,
      dependsOn: grantee ? [grantee, artifactRegistryApi] : [artifactRegistryApi],
    });
  const trainerRepositoryGrants = [
    repositoryReader('docker-repository', dockerRepository, 'trainer', trainer.member),
    repositoryReader('python-repository', pythonRepository, 'trainer', trainer.member),
  ];
  // Vertex AI pulls custom-container images with its own service agent.
  const vertexAgentImagePull = repositoryReader('docker-repository', dockerRepository, 'vertex-ai-agent', vertexAgentMember, vertexAgent);

  // Trainer project grants.
  const projectGrant = (scope: Construct, grantId: string, role: string, member: string) =>
    new ProjectIamMember(scope, grantId, { project, role, member, dependsOn: [resourceManagerApi] });
  const trainerRole = new ProjectIamCustomRole(at('ml/trainer/vertex-role'), 'role', {
    project,
    roleId: 'ml_vertexTrainingWriter',
    title: 'Vertex AI training writer (ml)',
    description: 'Writes TensorBoard logs and Vertex AI Experiments metadata from training code.',
    permissions: [
      'aiplatform.artifacts.create',
      'aiplatform.artifacts.get',
      'aiplatform.artifacts.list',
      'aiplatform.artifacts.update',
      'aiplatform.contexts.addContextArtifactsAndExecutions',
      'aiplatform.contexts.addContextChildren',
      'aiplatform.contexts.create',
      'aiplatform.contexts.get',
      'aiplatform.contexts.list',
      'aiplatform.contexts.update',
      'aiplatform.executions.addExecutionEvents',
      'aiplatform.executions.create',
      'aiplatform.executions.get',
      'aiplatform.executions.list',
      'aiplatform.executions.update',
      'aiplatform.metadataStores.get',
      'aiplatform.tensorboardExperiments.create',
      'aiplatform.tensorboardExperiments.get',
      'aiplatform.tensorboardExperiments.list',
      'aiplatform.tensorboardExperiments.update',
      'aiplatform.tensorboardExperiments.write',
      'aiplatform.tensorboardRuns.batchCreate',
      'aiplatform.tensorboardRuns.create',
      'aiplatform.tensorboardRuns.get',
      'aiplatform.tensorboardRuns.list',
      'aiplatform.tensorboardRuns.update',
      'aiplatform.tensorboardRuns.write',
      'aiplatform.tensorboardTimeSeries.batchCreate',
      'aiplatform.tensorboardTimeSeries.create',
      'aiplatform.tensorboardTimeSeries.get',
      'aiplatform.tensorboardTimeSeries.list',
      'aiplatform.tensorboardTimeSeries.update',
      'aiplatform.tensorboards.get',
    ],
    stage: 'GA',
    dependsOn: [iamApi],
  });
  const trainerProjectGrants = [
    projectGrant(at('ml/trainer'), 'log-writer', 'roles/logging.logWriter', trainer.member),
    projectGrant(at('ml/trainer'), 'metric-writer', 'roles/monitoring.metricWriter', trainer.member),
  ];
  const trainerRoleGrant = projectGrant(at('ml/trainer/vertex-role'), 'member', trainerRole.name, trainer.member);

  // Launcher: its custom role, and acting as the trainer.
  const launcherRole = new ProjectIamCustomRole(at('ml/launcher/vertex-role'), 'role', {
    project,
    roleId: 'ml_vertexTrainingLauncher',
    title: 'Vertex AI training launcher (ml)',
    description: 'Creates, watches and cancels Vertex AI custom jobs, tuning jobs and training pipelines.',
    permissions: [
      'aiplatform.customJobs.cancel',
      'aiplatform.customJobs.create',
      'aiplatform.customJobs.get',
      'aiplatform.customJobs.list',
      'aiplatform.hyperparameterTuningJobs.cancel',
      'aiplatform.hyperparameterTuningJobs.create',
      'aiplatform.hyperparameterTuningJobs.get',
      'aiplatform.hyperparameterTuningJobs.list',
      'aiplatform.models.get',
      'aiplatform.models.upload',
      'aiplatform.trainingPipelines.cancel',
      'aiplatform.trainingPipelines.create',
      'aiplatform.trainingPipelines.get',
      'aiplatform.trainingPipelines.list',
    ],
    stage: 'GA',
    dependsOn: [iamApi],
  });
  const launcherRoleGrant = projectGrant(at('ml/launcher/vertex-role'), 'member', launcherRole.name, launcher.member);
  const launcherActsAsTrainer = new ServiceAccountIamMember(at('ml/trainer'), 'launcher', {
    serviceAccountId: trainer.name,
    role: 'roles/iam.serviceAccountUser',
    member: launcher.member,
    dependsOn: [iamApi],
  });

  // TensorBoard.
  const tensorboard = new VertexAiTensorboard(at('ml/tensorboard'), 'tensorboard', {
    project,
    region,
    displayName: 'ml-tensorboard',
    description: 'Training logs and profiles (managed by cdktf-vertex-training)',
    encryptionSpec: { kmsKeyName: vertexKey.id },
    labels,
    lifecycle: { preventDestroy: true },
    dependsOn: [aiplatformApi, vertexKeyGrant],
  });

  // The region's Vertex AI metadata store, with the Vertex AI key.
  new GoogleVertexAiMetadataStore(at('ml/metadata-store'), 'store', {
    provider: beta,
    project,
    region,
    name: 'default',
    encryptionSpec: { kmsKeyName: vertexKey.id },
    lifecycle: { preventDestroy: true },
    dependsOn: [aiplatformApi, vertexKeyGrant],
  });

  return {
    project, region, labels, at, api, agent, agentMember, storageAgent, key, keyGrant, vertexKey,
    stagingBucket, artifactsBucket, dataBucket, trainer, launcher, tensorboard,
    runGrants: [
      launcherRoleGrant, launcherActsAsTrainer, ...trainerBucketGrants, ...trainerRepositoryGrants,
      ...trainerProjectGrants, trainerRoleGrant, vertexKeyGrant, storageKeyGrant, vertexAgentImagePull,
    ],
  };
}

/** Plain construct scopes by path (`ml/encryption/storage`), each created once. */
function scopes(stack: TerraformStack): (path: string) => Construct {
  const made = new Map<string, Construct>();
  const at = (path: string): Construct => getOrCreate(made, path, () => {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? new Construct(stack, path) : new Construct(at(path.slice(0, slash)), path.slice(slash + 1));
  });
  return at;
}

function getOrCreate<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
