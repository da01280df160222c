/**
 * Hand-written baseline of bench/library/environment.ts (a TrainingEnvironment with every default):
 * the same Terraform (resources, data sources, providers, outputs, backend) written directly with the
 * provider classes, without the library. `npm run bench` compares the library's synthesis cost
 * against this one;
 * test/bench-baseline.test.ts checks that both synthesize the same configuration.
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
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const project = 'acme-ml-sandbox';
    const region = 'us-central1';
    const labels = { 'managed-by': 'cdktf-vertex-training', team: 'ml-platform', 'vertex-training-env': 'ml' };

    new GoogleProvider(this, 'google', { project, region });
    const beta = new GoogleBetaProvider(this, 'google-beta', { alias: 'vertex_training' });

    // APIs, never disabled on destroy.
    const api = (name: string) => new ProjectService(this, `api-${name}`, {
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
    const projectData = new DataGoogleProject(this, 'project', { projectId: project, dependsOn: [resourceManagerApi] });
    const vertexAgent = new GoogleProjectServiceIdentity(this, 'vertex-ai-agent', {
      provider: beta,
      project,
      service: 'aiplatform.googleapis.com',
      dependsOn: [aiplatformApi],
    });
    const registryAgent = new GoogleProjectServiceIdentity(this, 'artifact-registry-agent', {
      provider: beta,
      project,
      service: 'artifactregistry.googleapis.com',
      dependsOn: [artifactRegistryApi],
    });
    const storageAgent = new DataGoogleStorageProjectServiceAccount(this, 'storage-agent', {
      project,
      dependsOn: [storageApi],
    });
    const vertexAgentMember = `serviceAccount:service-${projectData.number}@gcp-sa-aiplatform.iam.gserviceaccount.com`;
    const registryAgentMember = `serviceAccount:service-${projectData.number}@gcp-sa-artifactregistry.iam.gserviceaccount.com`;

    // CMEK: one key ring, one key per consuming service.
    const keyRing = new KmsKeyRing(this, 'key-ring', {
      project,
      name: 'ml-training',
      location: region,
      lifecycle: { preventDestroy: true },
      dependsOn: [kmsApi],
    });
    const key = (name: string) => new KmsCryptoKey(this, `${name}-key`, {
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
    const storageKeyGrant = new KmsCryptoKeyIamMember(this, 'storage-key-storage-agent', {
      cryptoKeyId: storageKey.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: storageAgent.member,
    });
    const registryKeyGrant = new KmsCryptoKeyIamMember(this, 'registry-key-artifact-registry-agent', {
      cryptoKeyId: registryKey.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: registryAgentMember,
      dependsOn: [registryAgent],
    });
    const vertexKeyGrant = new KmsCryptoKeyIamMember(this, 'vertex-key-vertex-ai-agent', {
      cryptoKeyId: vertexKey.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: vertexAgentMember,
      dependsOn: [vertexAgent],
    });

    // Buckets.
    const bucket = (role: string, preventDestroy: boolean, extraRules: StorageBucketLifecycleRule[]) =>
      new StorageBucket(this, `${role}-bucket`, {
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
    const dockerRepository = new ArtifactRegistryRepository(this, 'docker-repository', {
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
    const pythonRepository = new ArtifactRegistryRepository(this, 'python-repository', {
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
    const trainer = new ServiceAccount(this, 'trainer', {
      project,
      accountId: 'ml-trainer',
      displayName: 'Vertex AI trainer (ml)',
      description: 'Runs Vertex AI training code: reads data and staging, writes artifacts, logs and metrics.',
      dependsOn: [iamApi],
    });
    const launcher = new ServiceAccount(this, 'launcher', {
      project,
      accountId: 'ml-launcher',
      displayName: 'Vertex AI launcher (ml)',
      description: 'Creates Vertex AI training jobs that run as the trainer; nothing else.',
      dependsOn: [iamApi],
    });

    // Trainer grants on buckets and repositories.
    new StorageBucketIamMember(this, 'data-bucket-trainer', {
      bucket: dataBucket.name,
      role: 'roles/storage.objectViewer',
      member: trainer.member,
    });
    new StorageBucketIamMember(this, 'staging-bucket-trainer', {
      bucket: stagingBucket.name,
      role: 'roles/storage.objectViewer',
      member: trainer.member,
    });
    new StorageBucketIamMember(this, 'artifacts-bucket-trainer', {
      bucket: artifactsBucket.name,
      role: 'roles/storage.objectUser',
      member: trainer.member,
    });
    new ArtifactRegistryRepositoryIamMember(this, 'docker-repository-trainer', {
      project,
      location: region,
      repository: dockerRepository.name,
      role: 'roles/artifactregistry.reader',
      member: trainer.member,
    });
    new ArtifactRegistryRepositoryIamMember(this, 'python-repository-trainer', {
      project,
      location: region,
      repository: pythonRepository.name,
      role: 'roles/artifactregistry.reader',
      member: trainer.member,
    });
    // Vertex AI pulls custom-container images with its own service agent.
    new ArtifactRegistryRepositoryIamMember(this, 'docker-repository-vertex-ai-agent', {
      project,
      location: region,
      repository: dockerRepository.name,
      role: 'roles/artifactregistry.reader',
      member: vertexAgentMember,
      dependsOn: [vertexAgent],
    });

    // Trainer project grants.
    new ProjectIamMember(this, 'trainer-log-writer', { project, role: 'roles/logging.logWriter', member: trainer.member });
    new ProjectIamMember(this, 'trainer-metric-writer', { project, role: 'roles/monitoring.metricWriter', member: trainer.member });
    const trainerRole = new ProjectIamCustomRole(this, 'trainer-vertex-role', {
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
    new ProjectIamMember(this, 'trainer-vertex-role-member', { project, role: trainerRole.name, member: trainer.member });

    // Launcher: its custom role, and acting as the trainer.
    const launcherRole = new ProjectIamCustomRole(this, 'launcher-vertex-role', {
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
    new ProjectIamMember(this, 'launcher-vertex-role-member', { project, role: launcherRole.name, member: launcher.member });
    new ServiceAccountIamMember(this, 'launcher-acts-as-trainer', {
      serviceAccountId: trainer.name,
      role: 'roles/iam.serviceAccountUser',
      member: launcher.member,
    });

    // TensorBoard.
    new VertexAiTensorboard(this, 'tensorboard', {
      project,
      region,
      displayName: 'ml-tensorboard',
      description: 'Training logs and profiles (managed by cdktf-vertex-training)',
      encryptionSpec: { kmsKeyName: vertexKey.id },
      labels,
      lifecycle: { preventDestroy: true },
      dependsOn: [aiplatformApi, vertexKeyGrant],
    });

    new TerraformOutput(this, 'staging_bucket', { value: `gs://${stagingBucket.name}` });
    new TerraformOutput(this, 'artifacts_bucket', { value: `gs://${artifactsBucket.name}` });
    new TerraformOutput(this, 'data_bucket', { value: `gs://${dataBucket.name}` });
    new TerraformOutput(this, 'docker_repository', { value: 'us-central1-docker.pkg.dev/acme-ml-sandbox/ml-images' });
    new TerraformOutput(this, 'trainer_service_account', { value: trainer.email });
  }
}
