import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { bucketAccess, readableEmail } from '../environment/bucket-access';
import { JobStorage } from './watched-data';

/** Artifact Registry Docker hosts: `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE...`. */
const ARTIFACT_REGISTRY_IMAGE = /^([a-z0-9-]+)-docker\.pkg\.dev\/([^/]+)\/([^/]+)\//;
/** Google's public projects of prebuilt training, prediction and Reduction Server images. */
const PUBLIC_IMAGE_PROJECTS = ['vertex-ai', 'vertex-ai-restricted', 'deeplearning-platform-release', 'cloud-aiplatform'];

/**
 * Synth-time warnings for what a job's runs read that the library neither creates nor grants: each
 * Cloud Storage package in a bucket its trainer is not granted read on (pip downloads it as the
 * trainer), and each image in an Artifact Registry repository other than the environment's (pulled by
 * the Vertex AI service agent). No grant is made: such buckets and repositories are often shared or
 * in another project, where the deployer cannot set IAM and a failed grant would fail the apply.
 * One warning per bucket and per repository.
 */
export function externalAccessWarnings(scope: IConstruct, body: unknown, job: JobStorage): void {
  const member = `serviceAccount:${readableEmail(job.trainer)}`;
  const buckets = new Set<string>();
  for (const uri of valuesOf(body, 'packageUris')) {
    const match = /^gs:\/\/([^/]+)\//.exec(uri);
    if (!match || Token.isUnresolved(uri) || buckets.has(match[1])) continue;
    buckets.add(match[1]);
    if (bucketAccess(job.environment, job.team, match[1]).kind === 'reads') continue;
    Annotations.of(scope).addWarning(`code: the package ${uri} is in gs://${match[1]}, on which this library grants the trainer nothing; `
      + `grant roles/storage.objectViewer on gs://${match[1]} to ${member} (gcloud storage buckets add-iam-policy-binding gs://${match[1]} `
      + `--member=${member} --role=roles/storage.objectViewer), or runs fail when pip downloads the package`);
  }
  const own = `${job.environment.dockerRepository.url}/`;
  const agentProject = Token.isUnresolved(job.environment.projectId) ? 'the environment\'s project' : `project ${job.environment.projectId}`;
  const repositories = new Set<string>();
  for (const uri of valuesOf(body, 'imageUri')) {
    const match = ARTIFACT_REGISTRY_IMAGE.exec(uri);
    if (!match || Token.isUnresolved(uri) || uri.startsWith(own) || PUBLIC_IMAGE_PROJECTS.includes(match[2])) continue;
    const [, location, project, repository] = match;
    const key = `${location}/${project}/${repository}`;
    if (repositories.has(key)) continue;
    repositories.add(key);
    Annotations.of(scope).addWarning(`image ${uri} is in the Artifact Registry repository projects/${project}/locations/${location}/repositories/${repository}, `
      + `on which this library grants nothing (only on the environment's own); Vertex AI pulls it as its service agent `
      + `service-PROJECT_NUMBER@gcp-sa-aiplatform.iam.gserviceaccount.com of ${agentProject}: grant it roles/artifactregistry.reader `
      + `there (gcloud artifacts repositories add-iam-policy-binding ${repository} --project=${project} --location=${location} `
      + `--member=serviceAccount:service-PROJECT_NUMBER@gcp-sa-aiplatform.iam.gserviceaccount.com --role=roles/artifactregistry.reader) unless the repository is public`);
  }
}

/** Every string under `key` in a request body (a string, or a list of strings). */
function valuesOf(value: unknown, key: string, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) valuesOf(item, key, found);
  } else if (value && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      if (name === key && typeof child === 'string') found.push(child);
      else if (name === key && Array.isArray(child)) found.push(...child.filter((u): u is string => typeof u === 'string'));
      else valuesOf(child, key, found);
    }
  }
  return found;
}
