/**
 * Hand-written baseline of bench/library/environment.ts (a TrainingEnvironment with every default):
 * the same Terraform (resources, data sources, providers, outputs, backend) written directly with the
 * provider classes, without the library. `npm run bench` compares the library's synthesis cost
 * against this one; test/bench-baseline.test.ts checks that both synthesize the same configuration.
 * `declareEnvironment` is also the environment of the scale baseline (bench/baseline/scale.ts).
 *
 * Deliberately imports nothing from lib/ and only deep provider modules, so that a process that
 * synthesizes this stack loads only what a hand-written stack would.
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
  readonly beta: GoogleBetaProvider;
  /** Enables one more API (`name.googleapis.com`), never disabled on destroy. */
  readonly api: (name: string) => ProjectService;
  readonly projectData: DataGoogleProject;
  readonly storageAgent: DataGoogleStorageProjectServiceAccount;
  readonly vertexKey: KmsCryptoKey;
  readonly stagingBucket: StorageBucket;
  readonly artifactsBucket: StorageBucket;
  readonly dataBucket: StorageBucket;
  readonly trainer: ServiceAccount;
  readonly launcher: ServiceAccount;
  readonly tensorboard: VertexAiTensorboard;
}

/**
 * The environment's backend, providers and resources, declared in `stack`: a TrainingEnvironment
 * `ml` with every default (labels `team: ml-platform`) in acme-ml-sandbox, us-central1.
 */
export function declareEnvironment(stack: TerraformStack, id: string): BaselineEnvironment {
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
  const project = 'acme-ml-sandbox';
  const region = 'us-central1';
  const labels = { 'managed-by': 'cdktf-vertex-training', team: 'ml-platform', 'vertex-training-env': 'ml' };

  new GoogleProvider(stack, 'google', { project, region });
  const beta = new GoogleBetaProvider(stack, 'google-beta', { alias: 'vertex_training' });

  // APIs, never disabled on destroy.
  const api = (name: string) => new ProjectService(stack, `api-${name}`, {
    project,
    service: `${name}.googleapis.com`,
    disableOnDestroy: false,
    disableDependentServices: false,
  });
  const aiplatformApi = api('aiplatform');
  const artifactRegistryApi = api('artifactregistry');
  const kmsApi = api('cloudkms');
  const resourceManagerApi = api('cloudresourcemanager');
  const iamApi = api('iam');
  api('logging');
  api('monitoring');
  const storageApi = api('storage');

  // Service agents.
  const projectData = new DataGoogleProject(stack, 'project', { projectId: project, dependsOn: [resourceManagerApi] });
  const vertexAgent = new GoogleProjectServiceIdentity(stack, 'vertex-ai-agent', {
    provider: beta,
    project,
    service: 'aiplatform.googleapis.com',
    dependsOn: [aiplatformApi],
  });
  const registryAgent = new GoogleProjectServiceIdentity(stack, 'artifact-registry-agent', {
    provider: beta,
    project,
    service: 'artifactregistry.googleapis.com',
    dependsOn: [artifactRegistryApi],
  });
  const storageAgent = new DataGoogleStorageProjectServiceAccount(stack, 'storage-agent', {
    project,
    dependsOn: [storageApi],
  });
  const vertexAgentMember = `serviceAccount:service-${projectData.number}@gcp-sa-aiplatform.iam.gserviceaccount.com`;
  const registryAgentMember = `serviceAccount:service-${projectData.number}@gcp-sa-artifactregistry.iam.gserviceaccount.com`;

  // CMEK: one key ring, one key per consuming service.
  const keyRing = new KmsKeyRing(stack, 'key-ring', {
    project,
    name: 'ml-training',
    location: region,
    lifecycle: { preventDestroy: true },
    dependsOn: [kmsApi],
  });
  const key = (name: string) => new KmsCryptoKey(stack, `${name}-key`, {
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
  const storageKey = key('storage');
  const registryKey = key('registry');
  const vertexKey = key('vertex');
  const storageKeyGrant = new KmsCryptoKeyIamMember(stack, 'storage-key-storage-agent', {
    cryptoKeyId: storageKey.id,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: storageAgent.member,
  });
  const registryKeyGrant = new KmsCryptoKeyIamMember(stack, 'registry-key-artifact-registry-agent', {
    cryptoKeyId: registryKey.id,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: registryAgentMember,
    dependsOn: [registryAgent],
  });
  const vertexKeyGrant = new KmsCryptoKeyIamMember(stack, 'vertex-key-vertex-ai-agent', {
    cryptoKeyId: vertexKey.id,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: vertexAgentMember,
    dependsOn: [vertexAgent],
  });

  // Buckets.
  const bucket = (role: string, preventDestroy: boolean, extraRules: StorageBucketLifecycleRule[]) =>
    new StorageBucket(stack, `${role}-bucket`, {
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
  const dockerRepository = new ArtifactRegistryRepository(stack, 'docker-repository', {
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
  const pythonRepository = new ArtifactRegistryRepository(stack, 'python-repository', {
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
  const trainer = new ServiceAccount(stack, 'trainer', {
    project,
    accountId: 'ml-trainer',
    displayName: 'Vertex AI trainer (ml)',
    description: 'Runs Vertex AI training code: reads data and staging, writes artifacts, logs and metrics.',
    dependsOn: [iamApi],
  });
  const launcher = new ServiceAccount(stack, 'launcher', {
    project,
    accountId: 'ml-launcher',
    displayName: 'Vertex AI launcher (ml)',
    description: 'Creates Vertex AI training jobs that run as the trainer; nothing else.',
    dependsOn: [iamApi],
  });

  // Trainer grants on buckets and repositories.
  new StorageBucketIamMember(stack, 'data-bucket-trainer', {
    bucket: dataBucket.name,
    role: 'roles/storage.objectViewer',
    member: trainer.member,
  });
  new StorageBucketIamMember(stack, 'staging-bucket-trainer', {
    bucket: stagingBucket.name,
    role: 'roles/storage.objectViewer',
    member: trainer.member,
  });
  new StorageBucketIamMember(stack, 'artifacts-bucket-trainer', {
    bucket: artifactsBucket.name,
    role: 'roles/storage.objectUser',
    member: trainer.member,
  });
  new ArtifactRegistryRepositoryIamMember(stack, 'docker-repository-trainer', {
    project,
    location: region,
    repository: dockerRepository.name,
    role: 'roles/artifactregistry.reader',
    member: trainer.member,
  });
  new ArtifactRegistryRepositoryIamMember(stack, 'python-repository-trainer', {
    project,
    location: region,
    repository: pythonRepository.name,
    role: 'roles/artifactregistry.reader',
    member: trainer.member,
  });
  // Vertex AI pulls custom-container images with its own service agent.
  new ArtifactRegistryRepositoryIamMember(stack, 'docker-repository-vertex-ai-agent', {
    project,
    location: region,
    repository: dockerRepository.name,
    role: 'roles/artifactregistry.reader',
    member: vertexAgentMember,
    dependsOn: [vertexAgent],
  });

  // Trainer project grants.
  new ProjectIamMember(stack, 'trainer-log-writer', { project, role: 'roles/logging.logWriter', member: trainer.member });
  new ProjectIamMember(stack, 'trainer-metric-writer', { project, role: 'roles/monitoring.metricWriter', member: trainer.member });
  const trainerRole = new ProjectIamCustomRole(stack, 'trainer-vertex-role', {
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
  new ProjectIamMember(stack, 'trainer-vertex-role-member', { project, role: trainerRole.name, member: trainer.member });

  // Launcher: its custom role, and acting as the trainer.
  const launcherRole = new ProjectIamCustomRole(stack, 'launcher-vertex-role', {
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
  new ProjectIamMember(stack, 'launcher-vertex-role-member', { project, role: launcherRole.name, member: launcher.member });
  new ServiceAccountIamMember(stack, 'launcher-acts-as-trainer', {
    serviceAccountId: trainer.name,
    role: 'roles/iam.serviceAccountUser',
    member: launcher.member,
  });

  // TensorBoard.
  const tensorboard = new VertexAiTensorboard(stack, 'tensorboard', {
    project,
    region,
    displayName: 'ml-tensorboard',
    description: 'Training logs and profiles (managed by cdktf-vertex-training)',
    encryptionSpec: { kmsKeyName: vertexKey.id },
    labels,
    lifecycle: { preventDestroy: true },
    dependsOn: [aiplatformApi, vertexKeyGrant],
  });

  return {
    project, region, labels, beta, api, projectData, storageAgent, vertexKey,
    stagingBucket, artifactsBucket, dataBucket, trainer, launcher, tensorboard,
  };
}
