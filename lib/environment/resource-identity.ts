import { TerraformResource, TerraformStack, Token } from 'cdktf';

/**
 * What makes a Google Cloud resource unique: the attributes of its parent (project, location, ...)
 * and the attribute that names it within that parent. Two resources of one app with the same
 * identity would be created twice, and the second apply fails with "already exists".
 */
interface IdentityRule {
  /** What the resource is, in words. */
  readonly what: string;
  /** Attributes that scope the name (read through the provider class's `<attr>Input` getter). */
  readonly scope: readonly string[];
  /** The attribute holding the name. */
  readonly name: string;
  /** What to do about a collision, when not "choose another name". */
  readonly fix?: string;
}

/** The named resource types the library creates; a type missing here is not checked. */
const RULES: { readonly [terraformType: string]: IdentityRule } = {
  google_storage_bucket: { what: 'Cloud Storage bucket', scope: [], name: 'name' },
  google_service_account: { what: 'service account', scope: ['project'], name: 'accountId' },
  google_artifact_registry_repository: { what: 'Artifact Registry repository', scope: ['project', 'location'], name: 'repositoryId' },
  google_kms_key_ring: { what: 'key ring', scope: ['project', 'location'], name: 'name' },
  google_project_iam_custom_role: { what: 'custom role', scope: ['project'], name: 'roleId' },
  google_workflows_workflow: { what: 'workflow', scope: ['project', 'region'], name: 'name' },
  google_pubsub_topic: { what: 'Pub/Sub topic', scope: ['project'], name: 'name' },
  google_eventarc_trigger: { what: 'Eventarc trigger', scope: ['project', 'location'], name: 'name' },
  // One per project and location: two environments would each set it to their own key.
  google_eventarc_google_channel_config: { what: 'Eventarc Google channel configuration', scope: [], name: 'name' },
  google_cloud_scheduler_job: { what: 'Cloud Scheduler job', scope: ['project', 'region'], name: 'name' },
  google_logging_metric: { what: 'log-based metric', scope: ['project'], name: 'name' },
  google_compute_network: { what: 'VPC network', scope: ['project'], name: 'name' },
  google_compute_subnetwork: { what: 'subnet', scope: ['project', 'region'], name: 'name' },
  google_compute_router: { what: 'Cloud Router', scope: ['project', 'region'], name: 'name' },
  google_compute_router_nat: { what: 'Cloud NAT', scope: ['project', 'region', 'router'], name: 'name' },
  google_compute_route: { what: 'route', scope: ['project'], name: 'name' },
  google_compute_network_attachment: { what: 'network attachment', scope: ['project', 'region'], name: 'name' },
  google_compute_global_address: { what: 'global address', scope: ['project'], name: 'name' },
  google_dns_managed_zone: { what: 'Cloud DNS zone', scope: ['project'], name: 'name' },
  google_access_context_manager_service_perimeter: { what: 'service perimeter', scope: [], name: 'name' },
  google_access_context_manager_service_perimeter_resource: { what: 'perimeter membership', scope: ['perimeterName'], name: 'resource' },
  google_access_context_manager_service_perimeter_dry_run_resource: { what: 'dry-run perimeter membership', scope: ['perimeterName'], name: 'resource' },
  google_cloud_quotas_quota_preference: { what: 'quota preference', scope: ['parent'], name: 'name' },
  google_container_cluster: { what: 'GKE cluster', scope: ['project', 'location'], name: 'name' },
  // One `default` store per project and region, whatever the environment's prefix.
  google_vertex_ai_metadata_store: {
    what: 'Vertex AI metadata store', scope: ['project', 'region'], name: 'name',
    fix: 'set metadataStore: false on every other environment of that project and region',
  },
};

/** A resource's identity: `key` is equal for two resources exactly when they name the same object. */
export interface ResourceIdentity {
  /** Comparable key: type, scope values and name. */
  readonly key: string;
  /** The attribute that names the resource (`name`, `accountId`, ...). */
  readonly attribute: string;
  /** The resource's name. */
  readonly name: string;
  /** `service account "ml-trainer" in project acme-ml`. */
  readonly description: string;
  /** What to do about a collision, when not "choose another name". */
  readonly fix?: string;
}

/**
 * The identity of `resource`, or undefined when its type has no rule or a part of its identity is
 * a Terraform reference (known only at apply). A resource without `project` uses its provider's
 * project, which may differ between stacks: it is then scoped to its stack.
 */
export function resourceIdentity(resource: TerraformResource): ResourceIdentity | undefined {
  const rule = RULES[resource.terraformResourceType];
  if (!rule) return undefined;
  const name = inputOf(resource, rule.name);
  if (name === undefined || Token.isUnresolved(name)) return undefined;
  const scope: string[] = [];
  for (const attribute of rule.scope) {
    const value = inputOf(resource, attribute) ?? (attribute === 'project' ? `(provider default of ${TerraformStack.of(resource).node.path})` : '');
    if (Token.isUnresolved(value)) return undefined;
    scope.push(`${attribute} ${value}`);
  }
  return {
    key: [resource.terraformResourceType, ...scope, name].join('\u0000'),
    attribute: rule.name,
    name,
    description: `${rule.what} "${name}"${scope.length > 0 ? ` in ${scope.join(', ')}` : ''}`,
    fix: rule.fix,
  };
}

function inputOf(resource: TerraformResource, attribute: string): string | undefined {
  const value: unknown = (resource as unknown as { [key: string]: unknown })[`${attribute}Input`];
  return typeof value === 'string' ? value : undefined;
}
