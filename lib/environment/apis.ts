import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';

/** The Google APIs every training environment uses. */
export const ENVIRONMENT_APIS: readonly string[] = [
  'aiplatform.googleapis.com',
  'artifactregistry.googleapis.com',
  'cloudkms.googleapis.com',
  // Read by the project data source for the project number.
  'cloudresourcemanager.googleapis.com',
  'iam.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'storage.googleapis.com',
];

/** Properties of {@link ProjectApis}. */
export interface ProjectApisProps {
  /** Project whose APIs are enabled. */
  readonly projectId: string;
  /**
   * Whether Terraform enables the APIs. Turn it off where a project factory already manages them.
   * @default true
   */
  readonly enable?: boolean;
}

/**
 * Enables the Google APIs an environment uses. APIs are never disabled on destroy: other workloads
 * of the project may depend on them.
 */
export class ProjectApis extends Construct {
  /** Whether this construct manages the APIs (false when they are managed elsewhere). */
  public readonly managed: boolean;

  private readonly projectId: string;
  private readonly servicesByName = new Map<string, ProjectService>();
  private readonly elsewhere = new Map<string, ProjectService>();
  private readonly used = new Set<string>();

  constructor(scope: Construct, id: string, props: ProjectApisProps) {
    super(scope, id);
    this.projectId = props.projectId;
    this.managed = props.enable ?? true;
    for (const api of ENVIRONMENT_APIS) this.require(api);
  }

  /** Every API the environment uses, managed here or not, sorted. */
  public get usedApis(): string[] {
    return [...this.used].sort();
  }

  /** The `google_project_service` resources, by API name (empty when not managed). */
  public get services(): { [api: string]: ProjectService } {
    return Object.fromEntries(this.servicesByName);
  }

  /**
   * Makes sure `api` is enabled and returns what a resource using it must depend on (nothing when
   * the APIs are managed elsewhere).
   */
  public require(api: string): ITerraformDependable[] {
    this.used.add(api);
    if (!this.managed) return [];
    let service = this.servicesByName.get(api);
    if (!service) {
      service = new ProjectService(this, api.split('.')[0], {
        project: this.projectId,
        service: api,
        disableOnDestroy: false,
        disableDependentServices: false,
      });
      this.servicesByName.set(api, service);
    }
    return [service];
  }

  /**
   * The `google_project_service` of `api`, if this construct enables it (without enabling it).
   * @param api the API, e.g. `storage.googleapis.com`
   */
  public enabled(api: string): ProjectService | undefined {
    return this.servicesByName.get(api);
  }

  /**
   * Makes sure `api` is enabled in another project, such as the provider's billing project, which
   * must have the API of every call it is billed for.
   * @param projectId the other project
   * @param api the API, e.g. `accesscontextmanager.googleapis.com`
   */
  public requireIn(projectId: string, api: string): ITerraformDependable[] {
    if (!this.managed) return [];
    const key = `${projectId}\u0000${api}`;
    let service = this.elsewhere.get(key);
    if (!service) {
      service = new ProjectService(this, `${api.split('.')[0]}-elsewhere-${this.elsewhere.size}`, {
        project: projectId,
        service: api,
        disableOnDestroy: false,
        disableDependentServices: false,
      });
      this.elsewhere.set(key, service);
    }
    return [service];
  }
}
