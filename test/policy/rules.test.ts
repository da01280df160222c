import { readdirSync } from 'fs';
import { join } from 'path';
import { TerraformLocal, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AccessContextManagerServicePerimeter } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter';
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamBinding } from '@cdktf/provider-google/lib/project-iam-binding';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectIamPolicy } from '@cdktf/provider-google/lib/project-iam-policy';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { StorageBucketIamBinding } from '@cdktf/provider-google/lib/storage-bucket-iam-binding';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { VertexAiDataset } from '@cdktf/provider-google/lib/vertex-ai-dataset';
import { VertexAiTensorboard } from '@cdktf/provider-google/lib/vertex-ai-tensorboard';
import { GoogleVertexAiMetadataStore } from '@cdktf/provider-google-beta/lib/google-vertex-ai-metadata-store';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { TrainingPolicy } from '../../lib/policy/training-policy';
import { bucket, cryptoKey, jobSpec, KEY, policyStack, requestBody, synthError, violations } from './helpers';
import { GKE_CLUSTER_BROKEN } from '../gke/cluster-policy-cases';
import { GKE_NAMESPACE_BROKEN } from '../gke/queues-policy-cases';
import { GKE_JOBSET_BROKEN } from './jobset-policy-cases';

const ENCRYPTION = { kmsKeyName: KEY };
const repository = (stack: TerraformStack, id: string, kmsKeyName?: string) =>
  new ArtifactRegistryRepository(stack, id, { repositoryId: id, format: 'DOCKER', location: 'us-central1', kmsKeyName });
const tensorboard = (stack: TerraformStack, id: string, encrypted: boolean) =>
  new VertexAiTensorboard(stack, id, { displayName: id, region: 'us-central1', ...(encrypted ? { encryptionSpec: ENCRYPTION } : {}) });
const dataset = (stack: TerraformStack, id: string, encrypted: boolean) =>
  new VertexAiDataset(stack, id, {
    displayName: id, region: 'us-central1', metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml',
    ...(encrypted ? { encryptionSpec: ENCRYPTION } : {}),
  });
const metadataStore = (stack: TerraformStack, id: string, encrypted: boolean) =>
  new GoogleVertexAiMetadataStore(stack, id, {
    provider: (stack.node.tryFindChild('google-beta') as GoogleBetaProvider | undefined) ?? new GoogleBetaProvider(stack, 'google-beta'),
    name: 'default', region: 'us-central1', ...(encrypted ? { encryptionSpec: ENCRYPTION } : {}),
  });
const memberGrant = (stack: TerraformStack, id: string, member: string, role = 'roles/storage.objectViewer') =>
  new StorageBucketIamMember(stack, id, { bucket: 'acme-ml-data', role, member });
const customJob = (stack: TerraformStack, name: string, spec = jobSpec(), encryptionSpec: unknown = ENCRYPTION) =>
  requestBody(stack, name, 'CustomJob', { displayName: name, jobSpec: spec, ...(encryptionSpec ? { encryptionSpec } : {}) });
const perimeter = (stack: TerraformStack, id: string, restrictedServices: string[], dryRun = false) =>
  new AccessContextManagerServicePerimeter(stack, id, {
    parent: 'accessPolicies/1', name: `accessPolicies/1/servicePerimeters/${id}`, title: id,
    ...(dryRun ? { useExplicitDryRunSpec: true, spec: { restrictedServices } } : { status: { restrictedServices } }),
  });
const alertPolicy = (stack: TerraformStack, id: string, notificationChannels: string[] | undefined) =>
  new MonitoringAlertPolicy(stack, id, {
    displayName: id, combiner: 'OR', notificationChannels,
    conditions: [{ displayName: 'any', conditionThreshold: { filter: 'metric.type="logging.googleapis.com/user/x"', comparison: 'COMPARISON_GT', duration: '0s' } }],
  });
const api = (stack: TerraformStack, service: string) =>
  new ProjectService(stack, service.split('.')[0], { project: 'acme-ml', service, disableOnDestroy: false });

interface BrokenCase {
  /** Rule the configuration breaks (and no other). */
  readonly rule: string;
  readonly name: string;
  /** Builds the broken configuration and returns the construct the finding must name. */
  readonly build: (stack: TerraformStack) => IConstruct;
  /** What the problem must say. */
  readonly problem: RegExp;
}

const BROKEN: BrokenCase[] = [
  { rule: 'VT-CMEK-1', name: 'a bucket without a default key', build: (s) => bucket(s, 'plain', { encryption: undefined }), problem: /encryption\.default_kms_key_name is not set/ },
  { rule: 'VT-CMEK-1', name: 'a bucket whose key is not a KMS key name', build: (s) => bucket(s, 'odd', { encryption: { defaultKmsKeyName: 'my-key' } }), problem: /"my-key" is not a Cloud KMS key name/ },
  { rule: 'VT-CMEK-2', name: 'a repository without a key', build: (s) => repository(s, 'images'), problem: /kms_key_name is not set/ },
  { rule: 'VT-CMEK-3', name: 'a custom job without encryptionSpec', build: (s) => customJob(s, 'train', jobSpec(), null), problem: /CustomJob encryptionSpec\.kmsKeyName is not set/ },
  {
    rule: 'VT-CMEK-3', name: 'a tuning job without encryptionSpec',
    build: (s) => requestBody(s, 'tune', 'HyperparameterTuningJob', { displayName: 'tune', trialJobSpec: jobSpec(), studySpec: {}, maxTrialCount: 4, parallelTrialCount: 2 }),
    problem: /HyperparameterTuningJob encryptionSpec\.kmsKeyName is not set/,
  },
  {
    rule: 'VT-CMEK-3', name: 'a training pipeline without encryptionSpec',
    build: (s) => requestBody(s, 'pipe', 'TrainingPipeline', { displayName: 'pipe', trainingTaskDefinition: 'custom_task_1.0.0.yaml', trainingTaskInputs: jobSpec(), modelToUpload: { displayName: 'm' } }),
    problem: /TrainingPipeline encryptionSpec\.kmsKeyName is not set/,
  },
  {
    rule: 'VT-CMEK-3', name: 'a pipeline whose model names an empty encryption',
    build: (s) => requestBody(s, 'pipe', 'TrainingPipeline', { displayName: 'pipe', trainingTaskInputs: jobSpec(), modelToUpload: { displayName: 'm', encryptionSpec: {} }, encryptionSpec: ENCRYPTION }),
    problem: /modelToUpload\.encryptionSpec\.kmsKeyName is not set/,
  },
  { rule: 'VT-CMEK-4', name: 'a TensorBoard without encryption_spec', build: (s) => tensorboard(s, 'board', false), problem: /encryption_spec\.kms_key_name is not set/ },
  { rule: 'VT-CMEK-5', name: 'a dataset without encryption_spec', build: (s) => dataset(s, 'data', false), problem: /encryption_spec\.kms_key_name is not set/ },
  { rule: 'VT-CMEK-6', name: 'a metadata store without encryption_spec', build: (s) => metadataStore(s, 'store', false), problem: /encryption_spec\.kms_key_name is not set/ },
  { rule: 'VT-GCS-1', name: 'a bucket without uniform access', build: (s) => bucket(s, 'acl', { uniformBucketLevelAccess: false }), problem: /uniform_bucket_level_access is false/ },
  { rule: 'VT-GCS-1', name: 'a bucket that leaves uniform access unset', build: (s) => bucket(s, 'acl', { uniformBucketLevelAccess: undefined }), problem: /uniform_bucket_level_access is not set/ },
  { rule: 'VT-GCS-2', name: 'a bucket that inherits public access prevention', build: (s) => bucket(s, 'open', { publicAccessPrevention: 'inherited' }), problem: /public_access_prevention is "inherited"/ },
  { rule: 'VT-GCS-3', name: 'a bucket without versioning', build: (s) => bucket(s, 'flat', { versioning: undefined }), problem: /versioning\.enabled is not set/ },
  { rule: 'VT-GCS-3', name: 'a bucket with versioning off', build: (s) => bucket(s, 'flat', { versioning: { enabled: false } }), problem: /versioning\.enabled is false/ },
  { rule: 'VT-GCS-4', name: 'a force-destroyed bucket', build: (s) => bucket(s, 'doomed', { forceDestroy: true }), problem: /force_destroy is true/ },
  {
    rule: 'VT-GCS-4', name: 'force_destroy set through an escape hatch',
    build: (s) => { const b = bucket(s, 'doomed'); b.addOverride('force_destroy', true); return b; }, problem: /force_destroy is true/,
  },
  { rule: 'VT-IAM-1', name: 'a grant to allUsers', build: (s) => memberGrant(s, 'public', 'allUsers'), problem: /member includes the public principal allUsers/ },
  { rule: 'VT-IAM-1', name: 'a grant to allAuthenticatedUsers', build: (s) => memberGrant(s, 'public', 'allAuthenticatedUsers'), problem: /allAuthenticatedUsers/ },
  { rule: 'VT-IAM-1', name: 'a grant to the public principal set', build: (s) => memberGrant(s, 'public', 'principalSet://goog/public:all'), problem: /principalSet:\/\/goog\/public:all/ },
  { rule: 'VT-IAM-2', name: 'a project editor', build: (s) => new ProjectIamMember(s, 'editor', { project: 'acme-ml', role: 'roles/editor', member: 'user:a@acme.example' }), problem: /role roles\/editor is a basic role/ },
  { rule: 'VT-IAM-2', name: 'a bucket owner', build: (s) => memberGrant(s, 'owner', 'user:a@acme.example', 'roles/owner'), problem: /roles\/owner/ },
  { rule: 'VT-IAM-2', name: 'a project viewer', build: (s) => new ProjectIamMember(s, 'viewer', { project: 'acme-ml', role: 'roles/viewer', member: 'group:g@acme.example' }), problem: /roles\/viewer/ },
  {
    rule: 'VT-IAM-3', name: 'a project IAM binding',
    build: (s) => new ProjectIamBinding(s, 'binding', { project: 'acme-ml', role: 'roles/aiplatform.user', members: ['group:ml@acme.example'] }),
    problem: /google_project_iam_binding is authoritative: it removes every other member of roles\/aiplatform\.user/,
  },
  {
    rule: 'VT-IAM-3', name: 'a project IAM policy',
    build: (s) => new ProjectIamPolicy(s, 'policy', { project: 'acme-ml', policyData: '{"bindings":[]}' }),
    problem: /google_project_iam_policy is authoritative: it replaces the whole IAM policy/,
  },
  {
    rule: 'VT-IAM-3', name: 'a bucket IAM binding',
    build: (s) => new StorageBucketIamBinding(s, 'binding', { bucket: 'acme-ml-data', role: 'roles/storage.objectViewer', members: ['group:ml@acme.example'] }),
    problem: /google_storage_bucket_iam_binding is authoritative/,
  },
  { rule: 'VT-KMS-1', name: 'a key rotating every 365 days', build: (s) => cryptoKey(s, 'slow', { rotationPeriod: '31536000s' }), problem: /rotation_period 31536000s is 365 days, more than 90/ },
  { rule: 'VT-KMS-1', name: 'a key that never rotates', build: (s) => cryptoKey(s, 'still', { rotationPeriod: undefined }), problem: /rotation_period is not set: the key never rotates/ },
  { rule: 'VT-KMS-1', name: 'a key rotating every 91 days', build: (s) => cryptoKey(s, 'late', { rotationPeriod: `${91 * 86_400}s` }), problem: /91 days/ },
  { rule: 'VT-KMS-2', name: 'an unprotected key', build: (s) => cryptoKey(s, 'bare', { lifecycle: undefined }), problem: /lifecycle\.prevent_destroy is not set/ },
  { rule: 'VT-KMS-2', name: 'a key whose protection is off', build: (s) => cryptoKey(s, 'bare', { lifecycle: { preventDestroy: false } }), problem: /lifecycle\.prevent_destroy is false/ },
  { rule: 'VT-JOB-1', name: 'a job without a service account', build: (s) => customJob(s, 'anon', jobSpec({ serviceAccount: undefined })), problem: /jobSpec\.serviceAccount is not set/ },
  {
    rule: 'VT-JOB-1', name: 'a job running as the Compute Engine default account',
    build: (s) => customJob(s, 'shared', jobSpec({ serviceAccount: '123456789-compute@developer.gserviceaccount.com' })),
    problem: /123456789-compute@developer\.gserviceaccount\.com is a default identity/,
  },
  {
    rule: 'VT-JOB-1', name: 'a tuning pipeline trial without a service account',
    build: (s) => requestBody(s, 'tp', 'TrainingPipeline', {
      displayName: 'tp', trainingTaskInputs: { studySpec: {}, maxTrialCount: 2, trialJobSpec: jobSpec({ serviceAccount: undefined }) }, modelToUpload: { displayName: 'm' }, encryptionSpec: ENCRYPTION,
    }),
    problem: /trainingTaskInputs\.trialJobSpec\.serviceAccount is not set/,
  },
  { rule: 'VT-JOB-2', name: 'a job without an output directory', build: (s) => customJob(s, 'nowhere', jobSpec({ baseOutputDirectory: undefined })), problem: /jobSpec\.baseOutputDirectory\.outputUriPrefix is not set/ },
  {
    rule: 'VT-JOB-2', name: 'a job whose output directory is not in Cloud Storage',
    build: (s) => customJob(s, 'local', jobSpec({ baseOutputDirectory: { outputUriPrefix: '/tmp/out' } })), problem: /"\/tmp\/out" is not a gs:\/\/ URI/,
  },
  {
    rule: 'VT-VPCSC-1', name: 'a perimeter that misses an enabled API (API declared first)',
    build: (s) => { api(s, 'aiplatform.googleapis.com'); api(s, 'storage.googleapis.com'); return perimeter(s, 'ml', ['storage.googleapis.com']); },
    problem: /enforced configuration \(status\) does not restrict aiplatform\.googleapis\.com, which google_project_service\.aiplatform enables/,
  },
  {
    rule: 'VT-VPCSC-1', name: 'a dry-run perimeter that misses an API declared after it',
    build: (s) => { const p = perimeter(s, 'ml', ['storage.googleapis.com'], true); api(s, 'storage.googleapis.com'); api(s, 'aiplatform.googleapis.com'); return p; },
    problem: /dry-run configuration \(spec\) does not restrict aiplatform\.googleapis\.com/,
  },
  { rule: 'VT-ALERT-1', name: 'an alert policy without notification channels', build: (s) => alertPolicy(s, 'silent', []), problem: /notifies no one: it has no notification channel/ },
  { rule: 'VT-ALERT-1', name: 'an alert policy that leaves channels unset', build: (s) => alertPolicy(s, 'silent', undefined), problem: /notifies no one/ },
  // The GKE cluster rules' cases live beside their tests.
  ...GKE_CLUSTER_BROKEN,
  ...GKE_NAMESPACE_BROKEN,
  ...GKE_JOBSET_BROKEN,
];

describe('each rule flags a broken configuration with its ID and the construct path', () => {
  test.each(BROKEN.map((c) => [`${c.rule}: ${c.name}`, c]))('%s', (_title, c) => {
    const { stack } = policyStack();
    const offender = c.build(stack);
    const found = violations(stack);
    expect(found.map((f) => f.ruleId)).toEqual([c.rule]);
    expect(found[0]).toMatchObject({ path: offender.node.path, acknowledged: false });
    expect(found[0].problem).toMatch(c.problem);
    // cdktf synth fails, naming the construct path and the rule.
    const error = synthError(stack);
    expect(error).toContain(`[${offender.node.path}] [${c.rule}]`);
    expect(error).toContain('Fix: ');
  });
});

describe('compliant configurations pass', () => {
  test('hardened, encrypted resources, additive least-privilege IAM, rotated protected keys, complete jobs', () => {
    const { stack } = policyStack();
    bucket(stack, 'data');
    repository(stack, 'images', KEY);
    tensorboard(stack, 'board', true);
    dataset(stack, 'data-set', true);
    metadataStore(stack, 'store', true);
    memberGrant(stack, 'reader', 'group:ml@acme.example');
    new ProjectIamMember(stack, 'logs', { project: 'acme-ml', role: 'roles/logging.logWriter', member: 'serviceAccount:t@acme-ml.iam.gserviceaccount.com' });
    cryptoKey(stack, 'key');
    cryptoKey(stack, 'monthly', { rotationPeriod: '2592000s' });
    // Signing keys cannot rotate automatically: the rotation rule does not apply to them.
    cryptoKey(stack, 'signer', { purpose: 'ASYMMETRIC_SIGN', rotationPeriod: undefined });
    customJob(stack, 'train');
    requestBody(stack, 'tune', 'HyperparameterTuningJob', { displayName: 'tune', trialJobSpec: jobSpec(), studySpec: {}, maxTrialCount: 4, parallelTrialCount: 2, encryptionSpec: ENCRYPTION });
    requestBody(stack, 'pipe', 'TrainingPipeline', { displayName: 'pipe', trainingTaskInputs: jobSpec(), modelToUpload: { displayName: 'm' }, encryptionSpec: ENCRYPTION });
    api(stack, 'aiplatform.googleapis.com');
    api(stack, 'storage.googleapis.com');
    // Not supported by VPC Service Controls: a perimeter cannot restrict it.
    api(stack, 'workflowexecutions.googleapis.com');
    alertPolicy(stack, 'paging', ['projects/acme-ml/notificationChannels/123']);
    perimeter(stack, 'ml', ['aiplatform.googleapis.com', 'storage.googleapis.com']);
    expect(violations(stack)).toEqual([]);
    expect(synthError(stack)).toBeUndefined();
  });

  test('tokens count as set: references to keys, accounts and buckets pass', () => {
    const { stack } = policyStack();
    const key = cryptoKey(stack, 'key');
    const data = bucket(stack, 'data', { encryption: { defaultKmsKeyName: key.id } });
    repository(stack, 'images', key.id);
    customJob(stack, 'train', jobSpec({ serviceAccount: `${data.name}@acme-ml.iam.gserviceaccount.com`, baseOutputDirectory: { outputUriPrefix: `${data.url}/jobs/train/` } }), { kmsKeyName: key.id });
    expect(violations(stack)).toEqual([]);
  });

  test('locals that are not request bodies are not checked', () => {
    const { stack } = policyStack();
    // Named like a body, but without a manifest beside it (e.g. the launcher's routes).
    requestBody(stack, 'real', 'CustomJob', { jobSpec: jobSpec(), encryptionSpec: ENCRYPTION });
    new TerraformLocal(stack, 'routes', { routes: [] }).overrideLogicalId('vertex_ml_routes');
    expect(violations(stack)).toEqual([]);
  });

  test('a perimeter whose list is a token it cannot read is not judged', () => {
    const { stack } = policyStack();
    api(stack, 'aiplatform.googleapis.com');
    const other = perimeter(stack, 'other', ['storage.googleapis.com']);
    new AccessContextManagerServicePerimeter(stack, 'copy', {
      parent: 'accessPolicies/1', name: 'accessPolicies/1/servicePerimeters/copy', title: 'copy',
      status: { restrictedServices: other.status.restrictedServices },
    });
    expect(violations(stack).map((f) => f.path)).toEqual([other.node.path]);
  });
});

describe('the rule set', () => {
  test('one rule per file in lib/policy/rules, each with a unique ID, a description and a fix', () => {
    const files = readdirSync(join(__dirname, '..', '..', 'lib', 'policy', 'rules')).filter((f) => f.endsWith('.ts'));
    const rules = TrainingPolicy.rules();
    expect(rules).toHaveLength(files.length);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^VT-[A-Z]+-\d+$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.description).not.toContain('\n');
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });

  test('every rule has a broken configuration in this file', () => {
    expect([...new Set(BROKEN.map((c) => c.rule))].sort()).toEqual(TrainingPolicy.rules().map((r) => r.id).sort());
  });
});
