import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { GoogleProjectServiceIdentity } from '@cdktf/provider-google-beta/lib/google-project-service-identity';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { ProjectApis } from './apis';

/** Properties of {@link ServiceAgents}. */
export interface ServiceAgentsProps {
  /** Project whose service agents are created. */
  readonly projectId: string;
  /** The APIs the agents belong to. */
  readonly apis: ProjectApis;
  /**
   * The google-beta provider that creates the service identities. It must use the same credentials
   * (impersonation, access token, billing project) as the stack's google provider.
   * @default - one aliased google-beta provider per stack, with default settings
   */
  readonly betaProvider?: GoogleBetaProvider;
}

const BETA_PROVIDER_ID = 'vertex-training-google-beta';

/**
 * The Google-managed service agents that encrypt and decrypt with the environment's keys.
 *
 * Agents are created lazily by Google on first use, which makes a first `terraform apply` that grants
 * them a key role fail. These resources create (or look up) each agent explicitly, so every grant
 * has an existing principal: `google_project_service_identity` for Vertex AI and Artifact Registry,
 * and the Cloud Storage service-account data source, whose read creates the Cloud Storage agent.
 *
 * `google_project_service_identity` does not return an email for every service, so the Vertex AI and
 * Artifact Registry members are built from the project number, and every grant to them depends on
 * the identity resource.
 */
export class ServiceAgents extends Construct {
  /** The Vertex AI Service Agent (`service-NUMBER@gcp-sa-aiplatform.iam.gserviceaccount.com`). */
  public readonly vertexAi: GoogleProjectServiceIdentity;
  /** The Artifact Registry Service Agent (`service-NUMBER@gcp-sa-artifactregistry.iam.gserviceaccount.com`). */
  public readonly artifactRegistry: GoogleProjectServiceIdentity;
  /** The Cloud Storage service agent (`service-NUMBER@gs-project-accounts.iam.gserviceaccount.com`). */
  public readonly storage: DataGoogleStorageProjectServiceAccount;
  /** The project, read for its number. */
  public readonly project: DataGoogleProject;
  /** IAM member of the Vertex AI Service Agent. */
  public readonly vertexAiMember: string;
  /** IAM member of the Artifact Registry Service Agent. */
  public readonly artifactRegistryMember: string;
  /** IAM member of the Cloud Storage service agent. */
  public readonly storageMember: string;
  /** IAM member of the Eventarc Service Agent (created with the first event trigger). */
  public readonly eventarcMember: string;
  private readonly props: ServiceAgentsProps;
  private eventarc?: GoogleProjectServiceIdentity;

  constructor(scope: Construct, id: string, props: ServiceAgentsProps) {
    super(scope, id);
    const provider = props.betaProvider ?? betaProvider(this);
    this.project = new DataGoogleProject(this, 'project', {
      projectId: props.projectId,
      dependsOn: props.apis.require('cloudresourcemanager.googleapis.com'),
    });
    this.vertexAi = new GoogleProjectServiceIdentity(this, 'vertex-ai', {
      provider,
      project: props.projectId,
      service: 'aiplatform.googleapis.com',
      dependsOn: props.apis.require('aiplatform.googleapis.com'),
    });
    this.artifactRegistry = new GoogleProjectServiceIdentity(this, 'artifact-registry', {
      provider,
      project: props.projectId,
      service: 'artifactregistry.googleapis.com',
      dependsOn: props.apis.require('artifactregistry.googleapis.com'),
    });
    this.storage = new DataGoogleStorageProjectServiceAccount(this, 'storage', {
      project: props.projectId,
      dependsOn: props.apis.require('storage.googleapis.com'),
    });
    this.vertexAiMember = agentMember(this.project.number, 'gcp-sa-aiplatform');
    this.artifactRegistryMember = agentMember(this.project.number, 'gcp-sa-artifactregistry');
    this.storageMember = this.storage.member;
    this.eventarcMember = agentMember(this.project.number, 'gcp-sa-eventarc');
    this.props = props;
  }

  /** The Eventarc Service Agent, created on first use: event triggers fail on a new project without it. */
  public requireEventarc(): GoogleProjectServiceIdentity {
    this.eventarc ??= new GoogleProjectServiceIdentity(this, 'eventarc', {
      provider: this.props.betaProvider ?? betaProvider(this),
      project: this.props.projectId,
      service: 'eventarc.googleapis.com',
      dependsOn: this.props.apis.require('eventarc.googleapis.com'),
    });
    return this.eventarc;
  }
}

function agentMember(projectNumber: string, domain: string): string {
  return `serviceAccount:service-${projectNumber}@${domain}.iam.gserviceaccount.com`;
}

/**
 * `google_project_service_identity` exists only in the google-beta provider. One aliased provider
 * per stack keeps it apart from any google-beta provider the user configures; it needs no project of
 * its own because every resource names its project.
 */
function betaProvider(scope: Construct): GoogleBetaProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(BETA_PROVIDER_ID);
  if (existing instanceof GoogleBetaProvider) return existing;
  return new GoogleBetaProvider(stack, BETA_PROVIDER_ID, { alias: 'vertex_training' });
}
