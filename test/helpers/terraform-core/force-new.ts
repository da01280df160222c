/**
 * The arguments whose change forces a resource to be replaced (ForceNew in the SDKv2 schema,
 * RequiresReplace in the framework), for the provider versions the project pins: google and
 * google-beta 6.50.0, time 0.13.1, helm 3.1.1. The stand-in of a resource puts these arguments into its
 * `triggers_replace`, so that Terraform core plans a replacement exactly when the real provider
 * would (and honours `create_before_destroy`, `prevent_destroy` and the replacement order).
 *
 * A dotted path names a nested block argument (`version_template.protection_level`).
 *
 * Provenance: rows marked "(schema)" were read from the provider source (`ForceNew: true` in
 * `google/services/<product>/resource_*.go`; `RequiresReplace` in the time provider's
 * `resource_time_sleep.go`); the others follow the provider's documented immutable fields and were
 * not re-read from source; correct them when a plan of the real provider disagrees.
 * tables.test.ts checks every path against the argument names of the pinned schemas.
 *
 * Every resource type that a stack uses must have a row, even an empty one: an unknown type makes
 * the transform throw rather than silently plan updates where the provider would replace.
 */
export const FORCE_NEW: { readonly [type: string]: readonly string[] } = {
  // `*_iam_member` types need no row: see ALL_ARGUMENTS below.
  google_access_context_manager_service_perimeter: ['name', 'parent', 'perimeter_type'], // (unverified)
  google_artifact_registry_repository: ['project', 'location', 'repository_id', 'format', 'mode', 'kms_key_name', 'maven_config', 'remote_repository_config'], // (unverified)
  google_billing_budget: ['billing_account'], // (unverified)
  google_cloud_quotas_quota_preference: ['parent', 'name', 'service', 'quota_id', 'dimensions'], // (unverified)
  google_cloud_scheduler_job: ['project', 'name', 'region'], // (schema)
  google_compute_global_address: ['project', 'name', 'address', 'address_type', 'description', 'ip_version', 'prefix_length', 'purpose', 'network'], // (unverified)
  google_compute_network: ['project', 'name', 'description', 'auto_create_subnetworks', 'enable_ula_internal_ipv6', 'internal_ipv6_range', 'network_profile'], // (unverified)
  google_compute_route: ['project', 'name', 'description', 'dest_range', 'network', 'priority', 'tags', 'next_hop_gateway', 'next_hop_instance', 'next_hop_instance_zone', 'next_hop_ip', 'next_hop_vpn_tunnel', 'next_hop_ilb'], // (unverified)
  google_compute_router: ['project', 'name', 'region', 'network'], // (unverified)
  google_compute_router_nat: ['project', 'name', 'region', 'router'], // (unverified)
  google_compute_subnetwork: ['project', 'name', 'network', 'region', 'description', 'purpose'], // (unverified)
  // The cluster's identity, network placement and datapath; the default pool's node_config (the
  // library ignores changes to it: the default pool is removed). Most other blocks update in place.
  google_container_cluster: [
    'project', 'name', 'location', 'description', 'network', 'subnetwork', 'initial_node_count', 'networking_mode', 'datapath_provider',
    'ip_allocation_policy', 'enable_autopilot', 'enable_kubernetes_alpha', 'default_max_pods_per_node', 'node_config',
  ], // (unverified)
  google_container_node_pool: [
    'project', 'location', 'cluster', 'name', 'name_prefix', 'initial_node_count', 'max_pods_per_node', 'placement_policy', 'queued_provisioning',
    'node_config.guest_accelerator', 'node_config.spot', 'node_config.preemptible', 'node_config.reservation_affinity', 'node_config.boot_disk_kms_key',
    'node_config.service_account', 'node_config.oauth_scopes', 'node_config.shielded_instance_config', 'node_config.gvnic', 'node_config.local_ssd_count',
  ], // (unverified)
  google_dns_managed_zone: ['project', 'name', 'dns_name', 'visibility'], // (unverified)
  google_dns_record_set: ['project', 'managed_zone', 'name', 'type'], // (unverified)
  google_eventarc_google_channel_config: ['project', 'location', 'name'], // (unverified)
  google_eventarc_trigger: ['project', 'location', 'name', 'channel', 'transport'], // (schema)
  google_kms_crypto_key: ['key_ring', 'name', 'purpose', 'import_only', 'crypto_key_backend', 'destroy_scheduled_duration', 'version_template.protection_level'], // (schema)
  google_kms_key_ring: ['project', 'location', 'name'], // (unverified)
  google_logging_metric: ['project'], // (schema)
  google_monitoring_alert_policy: ['project'], // (unverified)
  google_monitoring_notification_channel: ['project'], // (unverified)
  google_project_iam_custom_role: ['project', 'role_id'], // (unverified)
  google_project_service: ['project', 'service'], // (unverified)
  google_project_service_identity: ['project', 'service'], // (unverified)
  google_pubsub_topic: ['project', 'name'], // (schema)
  google_service_account: ['project', 'account_id'], // (schema)
  google_service_networking_connection: ['network', 'service'], // (schema)
  google_service_networking_vpc_service_controls: ['project', 'network', 'service'], // (unverified)
  google_storage_bucket: ['project', 'name', 'location', 'custom_placement_config', 'hierarchical_namespace'], // (unverified)
  // (schema, of an earlier 6.x: source_md5hash is newer, and is assumed to re-upload like source)
  google_storage_bucket_object: [
    'bucket', 'name', 'content', 'source', 'source_md5hash', 'content_type', 'content_encoding', 'content_language', 'content_disposition',
    'cache_control', 'storage_class', 'kms_key_name', 'customer_encryption', 'metadata', 'detect_md5hash',
  ],
  google_vertex_ai_tensorboard: ['project', 'region', 'encryption_spec'], // (schema)
  // google-beta: the MetadataStore has no update method; every argument is immutable.
  google_vertex_ai_metadata_store: ['project', 'region', 'name', 'description', 'encryption_spec'], // (unverified)
  google_workflows_workflow: ['project', 'region', 'name', 'name_prefix'], // (schema)
  // helm 3.1.1: a release is identified by its name in its namespace; changing either installs anew.
  helm_release: ['name', 'namespace'], // (unverified)
  // kubernetes 2.x: an object is identified by its kind, name and namespace; changing one creates a
  // new object (kubernetes_manifest plans a replacement), the rest updates in place. A RoleBinding's
  // roleRef is immutable in the Kubernetes API itself.
  kubernetes_manifest: ['manifest.apiVersion', 'manifest.kind', 'manifest.metadata.name', 'manifest.metadata.namespace'], // (unverified)
  kubernetes_namespace_v1: ['metadata.name'], // (unverified)
  kubernetes_network_policy_v1: ['metadata.name', 'metadata.namespace'], // (unverified)
  kubernetes_role_binding_v1: ['metadata.name', 'metadata.namespace', 'role_ref'], // (unverified)
  kubernetes_role_v1: ['metadata.name', 'metadata.namespace'], // (unverified)
  kubernetes_service_account_v1: ['metadata.name', 'metadata.namespace'], // (unverified)
  // (schema) Only `triggers` has RequiresReplace: changing create_duration alone updates in place,
  // with no new delay.
  time_sleep: ['triggers'],
};

/**
 * Every `*_iam_member` resource is built by the provider's generic IAM framework
 * (`tpgiamresource.ResourceIamMember`), which makes the role, the member, the condition and every
 * parent identifier ForceNew: any argument change replaces the binding.
 */
const ALL_ARGUMENTS = ['*'];

/** The ForceNew argument paths of a resource type (`*` for all); throws for a type without a row. */
export function forceNewArguments(type: string): readonly string[] {
  const row = FORCE_NEW[type] ?? (type.endsWith('_iam_member') ? ALL_ARGUMENTS : undefined);
  if (!row) throw new Error(`unknown resource type ${type}: add its ForceNew arguments to test/helpers/terraform-core/force-new.ts`);
  return row;
}
