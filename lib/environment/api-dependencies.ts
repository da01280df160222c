import { dependable, IAspect, TerraformDataSource, TerraformResource, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import type { ProjectApis } from './apis';

/**
 * The Google APIs each Terraform resource and data source type calls. On a new project, creating a
 * resource before its API is enabled fails the apply ("SERVICE_DISABLED"), so every resource of an
 * environment and of its jobs depends on the `google_project_service` of each API its type uses.
 * Types that call no Google API (`terraform_data`, `time_sleep`) are listed with none, so that a
 * type missing from this table is a decision someone has to make (test/environment/api-dependencies.test.ts).
 */
export const RESOURCE_APIS: { readonly [type: string]: readonly string[] } = {
  google_access_context_manager_service_perimeter: ['accesscontextmanager.googleapis.com'],
  google_access_context_manager_service_perimeter_dry_run_ingress_policy: ['accesscontextmanager.googleapis.com'],
  google_access_context_manager_service_perimeter_dry_run_resource: ['accesscontextmanager.googleapis.com'],
  google_access_context_manager_service_perimeter_ingress_policy: ['accesscontextmanager.googleapis.com'],
  google_access_context_manager_service_perimeter_resource: ['accesscontextmanager.googleapis.com'],
  google_artifact_registry_repository: ['artifactregistry.googleapis.com'],
  google_artifact_registry_repository_iam_member: ['artifactregistry.googleapis.com'],
  google_billing_budget: ['billingbudgets.googleapis.com'],
  // Reads the caller's token: no API.
  google_client_config: [],
  google_cloud_quotas_quota_info: ['cloudquotas.googleapis.com'],
  google_cloud_quotas_quota_preference: ['cloudquotas.googleapis.com'],
  google_cloud_scheduler_job: ['cloudscheduler.googleapis.com', 'pubsub.googleapis.com'],
  google_compute_global_address: ['compute.googleapis.com'],
  google_compute_network: ['compute.googleapis.com'],
  google_compute_network_attachment: ['compute.googleapis.com'],
  google_compute_route: ['compute.googleapis.com'],
  google_compute_router: ['compute.googleapis.com'],
  google_compute_router_nat: ['compute.googleapis.com'],
  google_compute_subnetwork: ['compute.googleapis.com'],
  // GKE creates the nodes' VMs, disks and routes through Compute Engine (data sources read the cluster).
  google_container_cluster: ['container.googleapis.com', 'compute.googleapis.com'],
  google_container_node_pool: ['container.googleapis.com', 'compute.googleapis.com'],
  google_dns_managed_zone: ['dns.googleapis.com'],
  google_dns_record_set: ['dns.googleapis.com'],
  google_eventarc_google_channel_config: ['eventarc.googleapis.com'],
  // Eventarc delivers through Pub/Sub (Cloud Storage events too) and starts workflows.
  google_eventarc_trigger: ['eventarc.googleapis.com', 'pubsub.googleapis.com', 'workflows.googleapis.com'],
  google_kms_crypto_key: ['cloudkms.googleapis.com'],
  google_kms_crypto_key_iam_member: ['cloudkms.googleapis.com'],
  google_kms_key_ring: ['cloudkms.googleapis.com'],
  google_logging_metric: ['logging.googleapis.com'],
  google_monitoring_alert_policy: ['monitoring.googleapis.com'],
  google_monitoring_notification_channel: ['monitoring.googleapis.com'],
  google_project: ['cloudresourcemanager.googleapis.com'],
  google_project_iam_custom_role: ['iam.googleapis.com'],
  // Project IAM is read and written through the Resource Manager API.
  google_project_iam_member: ['cloudresourcemanager.googleapis.com'],
  google_project_service: [],
  google_project_service_identity: [],
  google_pubsub_topic: ['pubsub.googleapis.com'],
  google_pubsub_topic_iam_member: ['pubsub.googleapis.com'],
  google_service_account: ['iam.googleapis.com'],
  google_service_account_iam_member: ['iam.googleapis.com'],
  google_service_networking_connection: ['servicenetworking.googleapis.com', 'compute.googleapis.com'],
  google_service_networking_vpc_service_controls: ['servicenetworking.googleapis.com'],
  google_storage_bucket: ['storage.googleapis.com'],
  google_storage_bucket_iam_member: ['storage.googleapis.com'],
  google_storage_bucket_object: ['storage.googleapis.com'],
  google_storage_project_service_account: ['storage.googleapis.com'],
  google_vertex_ai_dataset: ['aiplatform.googleapis.com'],
  google_vertex_ai_metadata_store: ['aiplatform.googleapis.com'],
  google_vertex_ai_tensorboard: ['aiplatform.googleapis.com'],
  google_workflows_workflow: ['workflows.googleapis.com', 'workflowexecutions.googleapis.com'],
  // Helm and Kubernetes resources call the cluster's Kubernetes API (through its DNS endpoint), not a
  // Google API; the cluster and its APIs come from the stack deployed before theirs.
  helm_release: [],
  kubernetes_manifest: [],
  kubernetes_namespace_v1: [],
  kubernetes_network_policy_v1: [],
  kubernetes_role_binding_v1: [],
  kubernetes_role_v1: [],
  kubernetes_service_account_v1: [],
  terraform_data: [],
  time_sleep: [],
};

/**
 * An Aspect over an environment's constructs (and each of its jobs'): every resource and data source
 * of a type in {@link RESOURCE_APIS} comes to depend on the enabled APIs its type uses. It adds
 * ordering only: an API the environment does not enable is left alone (the environment's own
 * constructs enable what they use).
 */
export class ApiDependencies implements IAspect {
  constructor(private readonly apis: ProjectApis) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) && !(node instanceof TerraformDataSource)) return;
    const type = node.terraformResourceType;
    const apis = RESOURCE_APIS[type];
    if (!apis || apis.length === 0) return;
    const present = new Set((node.dependsOn ?? []).map(dependedOn));
    for (const api of apis) {
      const service = this.apis.enabled(api);
      if (!service || present.has(service)) continue;
      present.add(service);
      node.dependsOn = [...(node.dependsOn ?? []), dependable(service)];
    }
  }
}

/** The resource a `depends_on` entry names: cdktf writes each as a token holding its dependable. */
function dependedOn(entry: string): unknown {
  const [token] = Tokenization.reverseString(entry).tokens;
  return (token as { dependable?: unknown } | undefined)?.dependable ?? entry;
}
