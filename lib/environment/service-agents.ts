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
  /** IAM member of the Pub/Sub service agent (created with the launcher's topic). */
  public readonly pubsubMember: string;
  /** IAM member of the Workflows service agent (created with the launcher). */
  public readonly workflowsMember: string;
  /** IAM member of the Cloud Monitoring notification agent (publishes alerts to Pub/Sub channels). */
  public readonly monitoringNotificationMember: string;
  /** IAM member of the Kubernetes Engine Service Agent (created with the first GKE cluster). */
  public readonly kubernetesEngineMember: string;
  /**
   * IAM member of the Compute Engine Service Agent (`service-NUMBER@compute-system.iam.gserviceaccount.com`),
   * which encrypts VM disks. `google_project_service_identity` refuses `compute.googleapis.com`: the
   * agent is created when the Compute Engine API is enabled, so grants to it depend on that API.
   */
  public readonly computeEngineMember: string;
  private readonly props: ServiceAgentsProps;
  private readonly provider: GoogleBetaProvider;
  private readonly created = new Map<string, GoogleProjectServiceIdentity>();

  constructor(scope: Construct, id: string, props: ServiceAgentsProps) {
    super(scope, id);
    this.props = props;
    this.provider = props.betaProvider ?? betaProvider(this);
    this.project = new DataGoogleProject(this, 'project', {
      projectId: props.projectId,
      dependsOn: props.apis.require('cloudresourcemanager.googleapis.com'),
    });
    this.vertexAi = this.requireAgent('vertex-ai', 'aiplatform.googleapis.com');
    this.artifactRegistry = this.requireAgent('artifact-registry', 'artifactregistry.googleapis.com');
    this.storage = new DataGoogleStorageProjectServiceAccount(this, 'storage', {
      project: props.projectId,
      dependsOn: props.apis.require('storage.googleapis.com'),
    });
    this.vertexAiMember = agentMember(this.project.number, 'gcp-sa-aiplatform');
    this.artifactRegistryMember = agentMember(this.project.number, 'gcp-sa-artifactregistry');
    this.storageMember = this.storage.member;
    this.eventarcMember = agentMember(this.project.number, 'gcp-sa-eventarc');
    this.pubsubMember = agentMember(this.project.number, 'gcp-sa-pubsub');
    this.workflowsMember = agentMember(this.project.number, 'gcp-sa-workflows');
    this.monitoringNotificationMember = agentMember(this.project.number, 'gcp-sa-monitoring-notification');
    this.kubernetesEngineMember = agentMember(this.project.number, 'container-engine-robot');
    this.computeEngineMember = agentMember(this.project.number, 'compute-system');
  }

  /** The google-beta provider that creates the service identities (and the environment's other google-beta resources). */
  public get betaProvider(): GoogleBetaProvider {
    return this.provider;
  }

  /** The Eventarc Service Agent, created on first use: event triggers fail on a new project without it. */
  public requireEventarc(): GoogleProjectServiceIdentity {
    return this.requireAgent('eventarc', 'eventarc.googleapis.com');
  }

  /** The Pub/Sub service agent, created on first use: a CMEK topic needs its grant on the key first. */
  public requirePubsub(): GoogleProjectServiceIdentity {
    return this.requireAgent('pubsub', 'pubsub.googleapis.com');
  }

  /**
   * The Kubernetes Engine Service Agent (`service-NUMBER@container-engine-robot.iam.gserviceaccount.com`),
   * created on first use: a cluster that encrypts Secrets with a CMEK key needs its grant on the key first.
   */
  public requireKubernetesEngine(): GoogleProjectServiceIdentity {
    return this.requireAgent('kubernetes-engine', 'container.googleapis.com');
  }

  /** The Workflows service agent, created on first use: a CMEK workflow needs its grant on the key first. */
  public requireWorkflows(): GoogleProjectServiceIdentity {
    return this.requireAgent('workflows', 'workflows.googleapis.com');
  }

  private requireAgent(id: string, service: string): GoogleProjectServiceIdentity {
    let agent = this.created.get(id);
    if (!agent) {
      agent = new GoogleProjectServiceIdentity(this, id, {
        provider: this.provider,
        project: this.props.projectId,
        service,
        dependsOn: this.props.apis.require(service),
      });
      this.created.set(id, agent);
    }
    return agent;
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
