import { JsonValue } from './hcl';

/** This file, named in the error for an attribute without a fake. */
export const FAKES_FILE = 'test/helpers/terraform-core/fakes.ts';

/** The project number every fake uses unless a test passes another (`projectNumber`). */
export const FAKE_PROJECT_NUMBER = '123456789012';

/** The creation and update time of every fake resource. */
export const FAKE_TIMESTAMP = '2025-01-01T00:00:00Z';

/** The live value of every quota that a fake `google_cloud_quotas_quota_info` reports by default. */
export const FAKE_QUOTA_VALUE = '100000';

/**
 * What a fake computes from: the resource's own arguments (already rewritten, so a reference to
 * another resource is a reference to that resource's fake) and its provider's configuration.
 * String results are Terraform template text: Terraform core evaluates them.
 */
export interface FakeContext {
  /** `google_x.y` or `data.google_x.y`. */
  readonly address: string;
  /** Whether the argument is set. */
  has(argument: string): boolean;
  /** A string, number or bool argument as template text; throws when it is not set. */
  arg(argument: string): string;
  /** An argument as a native-syntax expression (for use inside `${...}`); throws when it is not set. */
  hcl(argument: string): string;
  /** An argument that must be a literal string (no interpolation), as a JavaScript string. */
  literal(argument: string): string;
  /** The `project` argument, or the project of the resource's provider configuration. */
  project(): string;
  /** The `region` argument, or the region of the resource's provider configuration. */
  region(): string;
  /** Another string attribute of the same object (an argument, or another fake of this row). */
  attr(name: string): string;
  /** The fake project number. */
  projectNumber(): string;
  /** A deterministic number of `count` digits, derived from the address (and `salt`). */
  digits(count: number, salt?: string): string;
}

/** A fake attribute: template text, or a JSON structure of template text. */
export type Fake = (c: FakeContext) => JsonValue;

/** Live quota values for quotaDimensionsInfos: per region, and a default for the other locations. */
export interface QuotaValues {
  /** The value that applies to every location without its own entry. */
  default?: string | number;
  /** Values per region, e.g. `{ 'us-central1': 64 }`. */
  regions?: { [region: string]: string | number };
}

/** One entry of `dimensions_infos`. */
export type QuotaDimensionsInfo = { dimensions: { [key: string]: string }; details: { value: string }[]; applicable_locations: string[] };

/**
 * A `dimensions_infos` value of `data.google_cloud_quotas_quota_info`, as the provider flattens the
 * Cloud Quotas API (`dimensions` map, one-element `details` list with a string `value`,
 * `applicable_locations`), most specific first. For the `fakes` option of planStack.
 */
export function quotaDimensionsInfos(values: QuotaValues): QuotaDimensionsInfo[] {
  const infos: QuotaDimensionsInfo[] = Object.entries(values.regions ?? {}).map(([region, value]) => ({
    dimensions: { region },
    details: [{ value: String(value) }],
    applicable_locations: [region],
  }));
  if (values.default !== undefined) infos.push({ dimensions: {}, details: [{ value: String(values.default) }], applicable_locations: [] });
  return infos;
}

/** Service agents by API, for `google_project_service_identity.email` (service-NUMBER@DOMAIN). */
const SERVICE_AGENT_DOMAINS: { [service: string]: string } = {
  'aiplatform.googleapis.com': 'gcp-sa-aiplatform.iam.gserviceaccount.com',
  'artifactregistry.googleapis.com': 'gcp-sa-artifactregistry.iam.gserviceaccount.com',
  'cloudscheduler.googleapis.com': 'gcp-sa-cloudscheduler.iam.gserviceaccount.com',
  'eventarc.googleapis.com': 'gcp-sa-eventarc.iam.gserviceaccount.com',
  'logging.googleapis.com': 'gcp-sa-logging.iam.gserviceaccount.com',
  'monitoring.googleapis.com': 'gcp-sa-monitoring-notification.iam.gserviceaccount.com',
  'pubsub.googleapis.com': 'gcp-sa-pubsub.iam.gserviceaccount.com',
  'workflows.googleapis.com': 'gcp-sa-workflows.iam.gserviceaccount.com',
};

const iamMemberId = (resource: (c: FakeContext) => string): { [attr: string]: Fake } => ({
  id: (c) => `${resource(c)}/${c.arg('role')}/${c.arg('member')}`,
  etag: (c) => `BwY${c.digits(8, 'etag')}=`,
});
const timestamps: { [attr: string]: Fake } = { create_time: () => FAKE_TIMESTAMP, update_time: () => FAKE_TIMESTAMP };
const compute = (path: (c: FakeContext) => string): { [attr: string]: Fake } => ({
  id: path,
  self_link: (c) => `https://www.googleapis.com/compute/v1/${path(c)}`,
});

/**
 * Computed attributes by type (`data.<type>` for data sources), in the formats of the provider's
 * "Attributes Reference" and import IDs (google 6.50). An attribute read that is neither an
 * argument of the resource nor a row here makes the transform throw: add the row, in the format
 * the provider documents, rather than letting a test read an invented value.
 */
export const COMPUTED_FAKES: { readonly [type: string]: { readonly [attribute: string]: Fake } } = {
  google_access_context_manager_service_perimeter: { id: (c) => c.arg('name'), ...timestamps },
  google_artifact_registry_repository: {
    id: (c) => `projects/${c.project()}/locations/${c.arg('location')}/repositories/${c.arg('repository_id')}`,
    // 6.x flattens the API's full name to its last segment ("repo1").
    name: (c) => c.arg('repository_id'),
    ...timestamps,
  },
  google_artifact_registry_repository_iam_member: iamMemberId((c) => `projects/${c.project()}/locations/${c.arg('location')}/repositories/${c.arg('repository')}`),
  google_cloud_quotas_quota_preference: {
    id: (c) => `${c.arg('parent')}/locations/global/quotaPreferences/${c.arg('name')}`,
    etag: (c) => c.digits(16, 'etag'),
    reconciling: () => false,
    ...timestamps,
  },
  google_cloud_scheduler_job: {
    id: (c) => `projects/${c.project()}/locations/${c.region()}/jobs/${c.arg('name')}`,
    state: () => 'ENABLED',
  },
  google_compute_global_address: {
    ...compute((c) => `projects/${c.project()}/global/addresses/${c.arg('name')}`),
    creation_timestamp: () => FAKE_TIMESTAMP,
    label_fingerprint: () => '42WmSpB8rSM=',
  },
  google_compute_network: {
    ...compute((c) => `projects/${c.project()}/global/networks/${c.arg('name')}`),
    network_id: (c) => c.digits(19),
    numeric_id: (c) => c.digits(19),
    gateway_ipv4: () => '',
  },
  google_compute_route: { ...compute((c) => `projects/${c.project()}/global/routes/${c.arg('name')}`), creation_timestamp: () => FAKE_TIMESTAMP },
  google_compute_subnetwork: {
    ...compute((c) => `projects/${c.project()}/regions/${c.region()}/subnetworks/${c.arg('name')}`),
    creation_timestamp: () => FAKE_TIMESTAMP,
    gateway_address: (c) => `\${cidrhost(${c.hcl('ip_cidr_range')}, 1)}`,
    subnetwork_id: (c) => c.digits(19),
  },
  google_container_cluster: {
    id: (c) => `projects/${c.project()}/locations/${c.arg('location')}/clusters/${c.arg('name')}`,
    self_link: (c) => `https://container.googleapis.com/v1/projects/${c.project()}/locations/${c.arg('location')}/clusters/${c.arg('name')}`,
  },
  google_dns_managed_zone: {
    id: (c) => `projects/${c.project()}/managedZones/${c.arg('name')}`,
    managed_zone_id: (c) => c.digits(19),
    name_servers: () => ['ns-cloud-a1.googledomains.com.', 'ns-cloud-a2.googledomains.com.', 'ns-cloud-a3.googledomains.com.', 'ns-cloud-a4.googledomains.com.'],
    creation_time: () => FAKE_TIMESTAMP,
  },
  google_dns_record_set: { id: (c) => `projects/${c.project()}/managedZones/${c.arg('managed_zone')}/rrsets/${c.arg('name')}/${c.arg('type')}` },
  google_eventarc_google_channel_config: {
    id: (c) => `projects/${c.project()}/locations/${c.arg('location')}/googleChannelConfig`,
    update_time: () => FAKE_TIMESTAMP,
  },
  google_eventarc_trigger: {
    id: (c) => `projects/${c.project()}/locations/${c.arg('location')}/triggers/${c.arg('name')}`,
    uid: (c) => uuid(c),
    etag: (c) => c.digits(16, 'etag'),
    conditions: () => ({}),
    ...timestamps,
  },
  google_kms_crypto_key: {
    id: (c) => `${c.arg('key_ring')}/cryptoKeys/${c.arg('name')}`,
    primary: (c) => [{ name: `${c.attr('id')}/cryptoKeyVersions/1`, state: 'ENABLED' }],
  },
  google_kms_crypto_key_iam_member: iamMemberId((c) => c.arg('crypto_key_id')),
  google_kms_key_ring: { id: (c) => `projects/${c.project()}/locations/${c.arg('location')}/keyRings/${c.arg('name')}` },
  google_logging_metric: { id: (c) => c.arg('name') },
  google_monitoring_alert_policy: {
    name: (c) => `projects/${c.project()}/alertPolicies/${c.digits(19)}`,
    id: (c) => c.attr('name'),
    creation_record: () => [{ mutate_time: FAKE_TIMESTAMP, mutated_by: 'terraform@example.iam.gserviceaccount.com' }],
  },
  google_monitoring_notification_channel: {
    name: (c) => `projects/${c.project()}/notificationChannels/${c.digits(19)}`,
    id: (c) => c.attr('name'),
    verification_status: () => 'VERIFICATION_STATUS_UNSPECIFIED',
  },
  google_project_iam_custom_role: {
    id: (c) => `projects/${c.project()}/roles/${c.arg('role_id')}`,
    name: (c) => c.attr('id'),
    deleted: () => false,
  },
  google_project_iam_member: iamMemberId((c) => c.project()),
  google_project_service: { id: (c) => `${c.project()}/${c.arg('service')}` },
  google_project_service_identity: {
    id: (c) => `projects/${c.project()}/services/${c.arg('service')}`,
    email: (c) => {
      const service = c.literal('service');
      const domain = SERVICE_AGENT_DOMAINS[service];
      if (!domain) throw new Error(`no service agent domain for ${service}: add it to SERVICE_AGENT_DOMAINS in ${FAKES_FILE}`);
      return `service-${c.projectNumber()}@${domain}`;
    },
    member: (c) => `serviceAccount:${c.attr('email')}`,
  },
  google_pubsub_topic: { id: (c) => `projects/${c.project()}/topics/${c.arg('name')}` },
  // `topic` may be a name or a full topic ID; the provider's parent ID is projects/P/topics/T.
  google_pubsub_topic_iam_member: iamMemberId((c) => (c.arg('topic').startsWith('projects/') ? c.arg('topic') : `projects/${c.project()}/topics/${c.arg('topic')}`)),
  google_service_account: {
    email: (c) => `${c.arg('account_id')}@${c.project()}.iam.gserviceaccount.com`,
    member: (c) => `serviceAccount:${c.attr('email')}`,
    name: (c) => `projects/${c.project()}/serviceAccounts/${c.attr('email')}`,
    id: (c) => c.attr('name'),
    unique_id: (c) => `1${c.digits(20)}`,
  },
  google_service_account_iam_member: iamMemberId((c) => c.arg('service_account_id')),
  google_service_networking_connection: {
    id: (c) => `${c.arg('network')}:${c.arg('service')}`,
    peering: () => 'servicenetworking-googleapis-com',
  },
  google_service_networking_vpc_service_controls: { id: (c) => `services/${c.arg('service')}/projects/${c.project()}/networks/${c.arg('network')}` },
  google_storage_bucket: {
    id: (c) => c.arg('name'),
    url: (c) => `gs://${c.arg('name')}`,
    self_link: (c) => `https://www.googleapis.com/storage/v1/b/${c.arg('name')}`,
    project_number: (c) => c.projectNumber(),
    time_created: () => FAKE_TIMESTAMP,
    updated: () => FAKE_TIMESTAMP,
  },
  google_storage_bucket_iam_member: iamMemberId((c) => `b/${c.arg('bucket')}`),
  google_storage_bucket_object: {
    id: (c) => `${c.arg('bucket')}-${c.arg('name')}`,
    output_name: (c) => c.arg('name'),
    self_link: (c) => `https://www.googleapis.com/storage/v1/b/${c.arg('bucket')}/o/\${urlencode(${c.hcl('name')})}`,
    media_link: (c) => `https://storage.googleapis.com/download/storage/v1/b/${c.arg('bucket')}/o/\${urlencode(${c.hcl('name')})}?generation=${c.attr('generation')}&alt=media`,
    generation: (c) => `1${c.digits(15)}`,
  },
  google_vertex_ai_tensorboard: {
    // The API names tensorboards by project number and a server-assigned ID.
    name: (c) => `projects/${c.projectNumber()}/locations/${c.region()}/tensorboards/${c.digits(19)}`,
    id: (c) => c.attr('name'),
    blob_storage_path_prefix: (c) => `cloud-ai-platform-${uuid(c)}`,
    run_count: () => '0',
    ...timestamps,
  },
  google_workflows_workflow: {
    id: (c) => `projects/${c.project()}/locations/${c.region()}/workflows/${c.arg('name')}`,
    revision_id: (c) => `000001-${c.digits(3, 'revision')}`,
    state: () => 'ACTIVE',
    ...timestamps,
  },
  time_sleep: { id: () => FAKE_TIMESTAMP },

  'data.google_cloud_quotas_quota_info': {
    name: (c) => `${c.arg('parent')}/locations/global/services/${c.arg('service')}/quotaInfos/${c.arg('quota_id')}`,
    id: (c) => c.attr('name'),
    dimensions_infos: () => quotaDimensionsInfos({ default: FAKE_QUOTA_VALUE }),
    is_precise: () => true,
    is_fixed: () => false,
    is_concurrent: () => false,
    container_type: () => 'PROJECT',
  },
  'data.google_client_config': {
    project: (c) => c.project(),
    region: (c) => c.region(),
    // An OAuth 2.0 access token of the caller (sensitive in the schema).
    access_token: (c) => `ya29.${hex(c, 40, 'token')}`,
  },
  'data.google_container_cluster': {
    id: (c) => `projects/${c.project()}/locations/${c.arg('location')}/clusters/${c.arg('name')}`,
    // The DNS-based control plane endpoint: gke-<cluster hash>-<project number>.<location>.gke.goog.
    control_plane_endpoints_config: (c) => [{
      dns_endpoint_config: [{ endpoint: `gke-${hex(c, 32, 'dns')}-${c.projectNumber()}.${c.arg('location')}.gke.goog`, allow_external_traffic: true }],
      ip_endpoints_config: [{ enabled: false }],
    }],
  },
  'data.google_project': {
    project_id: (c) => (c.has('project_id') ? c.arg('project_id') : c.project()),
    number: (c) => c.projectNumber(),
    id: (c) => `projects/${c.attr('project_id')}`,
    name: (c) => c.attr('project_id'),
    labels: () => ({}),
  },
  'data.google_storage_project_service_account': {
    project: (c) => c.project(),
    email_address: (c) => `service-${c.projectNumber()}@gs-project-accounts.iam.gserviceaccount.com`,
    member: (c) => `serviceAccount:${c.attr('email_address')}`,
    id: (c) => c.attr('email_address'),
  },
};

/** `count` deterministic lowercase hex digits. */
function hex(c: FakeContext, count: number, salt: string): string {
  return [...c.digits(count, salt)].map((d, i) => 'abcdef0123456789'[(Number(d) + i) % 16]).join('');
}

function uuid(c: FakeContext): string {
  const hex = [...c.digits(32, 'uuid')].map((d) => 'abcdef0123456789'[Number(d) % 16]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
