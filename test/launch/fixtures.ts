import { createHash } from 'crypto';
import { launcherWorkflowDefinition, LaunchRoute, scheduleMessage } from '../../lib/launch/definition';
import { FakeGoogle, LAUNCHER_ENV, pubsubEvent, storageEvent, StoredObject } from '../helpers/google-fakes';

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

/** A training pipeline's request body that registers model `modelId`. */
export function pipelineBody(job: string): object {
  const spec = (customJobBody(job) as any).jobSpec;
  return {
    displayName: job,
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

/** A manifest as `TrainingJob` writes it. */
export function manifest(job: string, options: { launchOnChange?: boolean; body?: object; pipelineModel?: string } = {}): { [key: string]: unknown } {
  const pipeline = options.pipelineModel !== undefined;
  return {
    kind: pipeline ? 'TrainingPipeline' : 'CustomJob',
    collection: pipeline ? 'trainingPipelines' : 'customJobs',
    launchOnChange: options.launchOnChange ?? false,
    outputPrefix: `gs://acme-ml-ml-artifacts/jobs/${job}/runs/`,
    ...(pipeline ? { modelId: options.pipelineModel } : {}),
    body: options.body ?? (pipeline ? pipelineBody(job) : customJobBody(job)),
  };
}

/** Writes a manifest the way a deploy does: named by the SHA-256 of its JSON. */
export function deploy(google: FakeGoogle, job: string, content: { [key: string]: unknown }): StoredObject {
  const text = JSON.stringify(content);
  const hash = createHash('sha256').update(text).digest('hex');
  return google.storage.put(LAUNCHER_ENV.staging, `jobs/${job}/${hash}.json`, text);
}

/** The launcher definition with `routes`. */
export function launcher(routes: LaunchRoute[] = []): object {
  return JSON.parse(JSON.stringify(launcherWorkflowDefinition({ routes })));
}

/** The event of a manifest a deploy just wrote. */
export function deployEvent(object: StoredObject, id?: string): object {
  return storageEvent(object, id);
}

/** A schedule's Pub/Sub message, published at `publishTime`. */
export function scheduleEvent(job: string, cron: string, timeZone: string, publishTime: string, messageId: string): object {
  return pubsubEvent(scheduleMessage(job, cron, timeZone), publishTime, messageId);
}
