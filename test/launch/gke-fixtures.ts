import { createHash } from 'crypto';
import { FakeGoogle, GKE_CLUSTER, LAUNCHER_ENV } from '../helpers/google-fakes';
import { HttpRequest } from '../helpers/workflows';
import { deploy } from './fixtures';

/**
 * GKE launch manifests for the executed-launcher tests, built by hand to the contract of
 * /work/notes/gke-design.md ("Runs on GKE"): `{kind: 'JobSet', collection: 'jobsets', backend:
 * 'gke', launchOnChange, outputPrefix, cluster: {project, location, name, namespace}, body}` (the
 * cluster as the Kubernetes API connector addresses it), the body a JobSet without `metadata.name`
 * whose pods compute their directories from their JobSet's name.
 */

/** The team namespace the tests' jobs run in. */
export const NAMESPACE = 'ml-team-a';

/** A manifest's `cluster`: the fake's cluster and the team namespace. */
export const MANIFEST_CLUSTER = { project: GKE_CLUSTER.project, location: GKE_CLUSTER.location, name: GKE_CLUSTER.clusterId, namespace: NAMESPACE };

const IMAGE = 'us-central1-docker.pkg.dev/acme-ml/ml-images/trainer@sha256:' + 'a'.repeat(64);

/** A JobSet launch body (no name): one replicated job per worker pool, directories from the downward API. */
export function jobsetBody(job: string, args: string[] = ['--epochs=3']): object {
  const runs = `gs://acme-ml-ml-artifacts/jobs/${job}/runs/`;
  return {
    apiVersion: 'jobset.x-k8s.io/v1alpha2',
    kind: 'JobSet',
    metadata: {
      labels: { 'kueue.x-k8s.io/queue-name': 'training', 'vertex-training-job': job, 'vertex-training-team': 'team-a', 'managed-by': 'cdktf-vertex-training' },
    },
    spec: {
      failurePolicy: { maxRestarts: 0 },
      ttlSecondsAfterFinished: 86400,
      replicatedJobs: [{
        name: 'workerpool0',
        replicas: 1,
        template: {
          spec: {
            parallelism: 1,
            completions: 1,
            backoffLimit: 0,
            template: {
              spec: {
                serviceAccountName: 'trainer',
                restartPolicy: 'Never',
                containers: [{
                  name: 'trainer',
                  image: IMAGE,
                  args,
                  env: [
                    { name: 'VT_RUN_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['jobset.sigs.k8s.io/jobset-name']" } } },
                    { name: 'AIP_MODEL_DIR', value: `${runs}$(VT_RUN_NAME)/model/` },
                    { name: 'AIP_CHECKPOINT_DIR', value: `${runs}$(VT_RUN_NAME)/checkpoints/` },
                    { name: 'AIP_TENSORBOARD_LOG_DIR', value: `${runs}$(VT_RUN_NAME)/logs/` },
                  ],
                  resources: { limits: { 'nvidia.com/gpu': '8' } },
                }],
              },
            },
          },
        },
      }],
    },
  };
}

/** What a GKE manifest can differ in. */
export interface GkeManifestOptions {
  readonly launchOnChange?: boolean;
  readonly body?: object;
  /** Extra fields a manifest should never need on GKE (e.g. a stray `modelId`). */
  readonly extra?: { [key: string]: unknown };
}

/** A GKE job's launch manifest. */
export function gkeManifest(job: string, options: GkeManifestOptions = {}): { [key: string]: unknown } {
  return {
    kind: 'JobSet',
    collection: 'jobsets',
    backend: 'gke',
    launchOnChange: options.launchOnChange ?? false,
    outputPrefix: `gs://acme-ml-ml-artifacts/jobs/${job}/runs/`,
    cluster: MANIFEST_CLUSTER,
    ...options.extra,
    body: options.body ?? jobsetBody(job),
  };
}

/** A fresh Google with GKE job `job` deployed; `key` is the launch key of a launch on change of it. */
export function deployedOnGke(job = 'train', options: GkeManifestOptions = {}): { google: FakeGoogle; object: ReturnType<typeof deploy>; key: string } {
  const google = new FakeGoogle();
  const object = deploy(google, job, gkeManifest(job, options));
  const hash = object.name.slice(`jobs/${job}/`.length, -'.json'.length);
  return { google, object, key: `c-${hash.slice(0, 40)}` };
}

/** The name the launcher gives the JobSet of a key, computed here independently of the workflow. */
export function jobsetNameOf(key: string): string {
  return `vt-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 20)}`;
}

/** The API path of the JobSets of the tests' namespace. */
export const JOBSETS_PATH = `/apis/jobset.x-k8s.io/v1alpha2/namespaces/${NAMESPACE}/jobsets`;

/** A Kubernetes API connector call to the fake's cluster. */
export const kubeCall = (r: HttpRequest): boolean => r.cluster !== undefined;

/** A create of a JobSet. */
export const createJobset = (r: HttpRequest): boolean => kubeCall(r) && r.method === 'POST' && r.url === JOBSETS_PATH;

/** Any call to Vertex AI. */
export const vertexCall = (r: HttpRequest): boolean => r.url.includes('aiplatform.googleapis.com');

/** The launch record of a key. */
export function gkeRecord(google: FakeGoogle, key: string): any {
  return google.storage.json(LAUNCHER_ENV.staging, `launches/${key}.json`);
}
