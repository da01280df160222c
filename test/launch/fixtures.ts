import { createHash } from 'crypto';
import { launcherWorkflowDefinition, LaunchRoute, scheduleMessage } from '../../lib/launch/definition';
import { FakeGoogle, LAUNCHER_ENV, pubsubEvent, StoredObject } from '../helpers/google-fakes';
import { HttpRequest } from '../helpers/workflows';

/**
 * Manifests and events for the executed-launcher tests: what a deploy writes to the staging
 * bucket (the library's manifest shape, with request bodies the v1 protos accept) and the events
 * Eventarc delivers for them.
 */

const LABELS = { 'managed-by': 'cdktf-vertex-training', 'vertex-training-env': 'ml' };
const KEY = 'projects/acme-ml/locations/us-central1/keyRings/ml-training/cryptoKeys/ml-vertex';

/** A custom job's request body. */
export function customJobBody(job: string, args: string[] = ['--epochs=3']): object {
  return {
    displayName: job,
    jobSpec: {
      workerPoolSpecs: [{
        machineSpec: { machineType: 'n2-standard-8' },
        replicaCount: '1',
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
        containerSpec: { imageUri: 'us-central1-docker.pkg.dev/acme-ml/ml-images/trainer@sha256:' + 'a'.repeat(64), args },
      }],
      serviceAccount: 'ml-trainer@acme-ml.iam.gserviceaccount.com',
      baseOutputDirectory: { outputUriPrefix: `gs://acme-ml-ml-artifacts/jobs/${job}/runs/` },
    },
    labels: { ...LABELS, 'vertex-training-job': job },
    encryptionSpec: { kmsKeyName: KEY },
  };
}

/**
 * A training pipeline's request body: the launcher adds `modelId` or `parentModel` for the model of
 * the manifest's `modelId`; `parentModel` names an existing model every run adds a version to.
 */
export function pipelineBody(job: string, parentModel?: string): object {
  const spec = (customJobBody(job) as any).jobSpec;
  return {
    displayName: job,
    ...(parentModel !== undefined ? { parentModel } : {}),
    trainingTaskDefinition: 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
    trainingTaskInputs: spec,
    modelToUpload: {
      displayName: job,
      containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-6:latest' },
      labels: { ...LABELS, 'vertex-training-job': job },
    },
    labels: { ...LABELS, 'vertex-training-job': job },
    encryptionSpec: { kmsKeyName: KEY },
  };
}

/** What a manifest can differ in. */
export interface ManifestOptions {
  readonly launchOnChange?: boolean;
  readonly body?: object;
  readonly pipelineModel?: string;
  /** A pipeline versioning this existing model (resource name): in the body, no `modelId` in the manifest. */
  readonly existingModel?: string;
}

/** A manifest as `TrainingJob` writes it. */
export function manifest(job: string, options: ManifestOptions = {}): { [key: string]: unknown } {
  const pipeline = options.pipelineModel !== undefined || options.existingModel !== undefined;
  return {
    kind: pipeline ? 'TrainingPipeline' : 'CustomJob',
    collection: pipeline ? 'trainingPipelines' : 'customJobs',
    launchOnChange: options.launchOnChange ?? false,
    outputPrefix: `gs://acme-ml-ml-artifacts/jobs/${job}/runs/`,
    ...(options.pipelineModel !== undefined ? { modelId: options.pipelineModel } : {}),
    body: options.body ?? (pipeline ? pipelineBody(job, options.existingModel) : customJobBody(job)),
  };
}

/** Writes a manifest the way a deploy does: named by the SHA-256 of its JSON. */
export function deploy(google: FakeGoogle, job: string, content: { [key: string]: unknown }): StoredObject {
  const text = JSON.stringify(content);
  const hash = createHash('sha256').update(text).digest('hex');
  return google.storage.put(LAUNCHER_ENV.staging, `jobs/${job}/${hash}.json`, text);
}

/** What `deployed` deploys besides the job's manifest. */
export interface DeployedOptions extends ManifestOptions {
  /** Other jobs deployed alongside, each with its default manifest. */
  readonly also?: string[];
}

/**
 * A fresh Google with job `job` deployed (its manifest built from `options`), and the jobs of
 * `options.also`. Returns the manifest object and `key`, the launch key a launch on change of
 * that manifest takes: `c-` and the first 40 hex digits of the manifest's hash.
 */
export function deployed(job = 'train', options: DeployedOptions = {}): { google: FakeGoogle; object: StoredObject; key: string } {
  const { also = [], ...manifestOptions } = options;
  const google = new FakeGoogle();
  const object = deploy(google, job, manifest(job, manifestOptions));
  for (const other of also) deploy(google, other, manifest(other));
  const hash = object.name.slice(`jobs/${job}/`.length, -'.json'.length);
  return { google, object, key: `c-${hash.slice(0, 40)}` };
}

/** The create request of a custom job. */
export const create = (r: HttpRequest): boolean => r.method === 'POST' && /aiplatform\.googleapis\.com\/v1\/projects\/[^/]+\/locations\/[^/]+\/customJobs$/.test(r.url);
/** A listing of custom jobs (the launcher looks for a launch key). */
export const listJobs = (r: HttpRequest): boolean => r.method === 'GET' && /\/customJobs\?/.test(r.url);
/** The insert of a launch record. */
export const insertRecord = (r: HttpRequest): boolean => r.method === 'POST' && r.url.includes('/upload/') && r.url.includes('launches%2F');

/** The launcher definition with `routes`. */
export function launcher(routes: LaunchRoute[] = []): object {
  return JSON.parse(JSON.stringify(launcherWorkflowDefinition({ routes })));
}

/** A schedule's Pub/Sub message, published at `publishTime`. */
export function scheduleEvent(job: string, cron: string, timeZone: string, publishTime: string, messageId: string): object {
  return pubsubEvent(scheduleMessage(job, cron, timeZone), publishTime, messageId);
}
