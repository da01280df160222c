import { App, TerraformLocal, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket, StorageBucketConfig } from '@cdktf/provider-google/lib/storage-bucket';
import { KmsCryptoKey, KmsCryptoKeyConfig } from '@cdktf/provider-google/lib/kms-crypto-key';
import { PolicyFinding, TrainingPolicy } from '../../lib/policy/training-policy';

/** A literal Cloud KMS key name. */
export const KEY = 'projects/acme-ml/locations/us-central1/keyRings/ring/cryptoKeys/key';

/** A stack with a Google provider and the training policy. */
export function policyStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  TrainingPolicy.applyTo(stack);
  return { app, stack };
}

/** Synthesizes the way `cdktf synth` does (error annotations fail it) and returns the error, or undefined. */
export function synthError(stack: TerraformStack): string | undefined {
  try {
    Testing.fullSynth(stack);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Runs the Aspects (no files) and returns the findings that are not acknowledged. */
export function violations(stack: TerraformStack): PolicyFinding[] {
  Testing.synth(stack);
  return TrainingPolicy.findingsOf(stack).filter((f) => !f.acknowledged);
}

/** A bucket that complies with every rule, with `overrides` applied to its props. */
export function bucket(scope: Construct, id: string, overrides: Partial<StorageBucketConfig> = {}): StorageBucket {
  return new StorageBucket(scope, id, {
    name: `acme-ml-${id}`,
    location: 'us-central1',
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    versioning: { enabled: true },
    forceDestroy: false,
    encryption: { defaultKmsKeyName: KEY },
    ...overrides,
  });
}

/** A key that complies with every rule, with `overrides` applied to its props. */
export function cryptoKey(scope: Construct, id: string, overrides: Partial<KmsCryptoKeyConfig> = {}): KmsCryptoKey {
  return new KmsCryptoKey(scope, id, {
    name: id,
    keyRing: 'projects/acme-ml/locations/us-central1/keyRings/ring',
    rotationPeriod: '7776000s',
    lifecycle: { preventDestroy: true },
    ...overrides,
  });
}

/** A compliant CustomJobSpec. */
export function jobSpec(overrides: { [key: string]: unknown } = {}): { [key: string]: unknown } {
  return {
    workerPoolSpecs: [{ machineSpec: { machineType: 'n2-standard-4' }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/acme/i/t@sha256:0' } }],
    serviceAccount: 'trainer@acme-ml.iam.gserviceaccount.com',
    baseOutputDirectory: { outputUriPrefix: 'gs://acme-ml-artifacts/jobs/x/runs/' },
    ...overrides,
  };
}

/**
 * A request body the way the library's jobs declare it: the local `vertex_<name>` under a job
 * construct, beside `vertex_<name>_manifest` naming the kind.
 */
export function requestBody(scope: Construct, name: string, kind: string, body: { [key: string]: unknown }): TerraformLocal {
  const job = new Construct(scope, name);
  const request = new TerraformLocal(job, 'request', body);
  request.overrideLogicalId(`vertex_${name}`);
  new TerraformLocal(job, 'manifest-content', { kind, body: request.expression }).overrideLogicalId(`vertex_${name}_manifest`);
  return request;
}

/**
 * A compliant JobSet template (team namespace, Kueue label, KSA `trainer` without an API token,
 * gs:// outputs), as a GKE job renders it; `edit` changes the copy before it is returned.
 */
export function jobSet(edit: (jobSet: any) => void = () => undefined): { [key: string]: unknown } {
  const container = (name: string) => ({
    name,
    image: 'us-docker.pkg.dev/acme/i/t@sha256:0',
    env: [
      { name: 'VT_RUN_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['jobset.sigs.k8s.io/jobset-name']" } } },
      { name: 'AIP_MODEL_DIR', value: 'gs://acme-ml-artifacts/jobs/x/runs/$(VT_RUN_NAME)/model/' },
      { name: 'AIP_CHECKPOINT_DIR', value: 'gs://acme-ml-artifacts/jobs/x/runs/$(VT_RUN_NAME)/checkpoints/' },
    ],
  });
  const replicated = (name: string) => ({
    name,
    replicas: 1,
    template: { spec: { completionMode: 'Indexed', template: { spec: { serviceAccountName: 'trainer', automountServiceAccountToken: false, restartPolicy: 'Never', containers: [container('trainer')] } } } },
  });
  const body = {
    apiVersion: 'jobset.x-k8s.io/v1alpha2',
    kind: 'JobSet',
    metadata: { namespace: 'ml-vision', labels: { 'kueue.x-k8s.io/queue-name': 'training', 'vertex-training-team': 'vision' } },
    spec: { replicatedJobs: [replicated('primary'), replicated('workers')] },
  };
  edit(body);
  return body;
}

/**
 * A JobSet template the way the library's GKE jobs declare it: the local `jobset_<name>` under a
 * job construct, beside `jobset_<name>_manifest` naming the kind `JobSet`.
 */
export function jobSetTemplate(scope: Construct, name: string, body: { [key: string]: unknown } = jobSet()): TerraformLocal {
  const job = new Construct(scope, name);
  const template = new TerraformLocal(job, 'request', body);
  template.overrideLogicalId(`jobset_${name}`);
  new TerraformLocal(job, 'manifest-content', { kind: 'JobSet', collection: 'jobsets', backend: 'gke', body: template.expression }).overrideLogicalId(`jobset_${name}_manifest`);
  return template;
}
