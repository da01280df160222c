/**
 * Google APIs that VPC Service Controls can restrict, among those a training environment uses
 * (Google's supported-products list; `gcloud access-context-manager supported-services list` is the
 * authority). The Workflow Executions API is not restrictable on its own: `workflows` covers it.
 */
export const VPC_SC_SUPPORTED_SERVICES: readonly string[] = [
  'aiplatform.googleapis.com',
  'artifactregistry.googleapis.com',
  'cloudkms.googleapis.com',
  'cloudquotas.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'cloudscheduler.googleapis.com',
  'compute.googleapis.com',
  'containerregistry.googleapis.com',
  'dns.googleapis.com',
  'eventarc.googleapis.com',
  'iam.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'notebooks.googleapis.com',
  'pubsub.googleapis.com',
  'servicenetworking.googleapis.com',
  'serviceusage.googleapis.com',
  'storage.googleapis.com',
  'workflows.googleapis.com',
];

const SUPPORTED = new Set(VPC_SC_SUPPORTED_SERVICES);

/**
 * The services a perimeter must restrict for an environment: the APIs it uses that VPC Service
 * Controls supports, plus extra ones, sorted and without duplicates.
 */
export function restrictedServices(usedApis: readonly string[], additional: readonly string[]): string[] {
  return [...new Set([...usedApis.filter((api) => SUPPORTED.has(api)), ...additional])].sort();
}
