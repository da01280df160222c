import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountOptions, TrainingServiceAccount } from '../environment/identity';
import { TrainingEnvironment } from '../environment/training-environment';

/**
 * What a GKE node's own identity needs, and nothing more: `roles/container.defaultNodeServiceAccount`,
 * Google's least-privilege role for node service accounts (write logs and metrics, autoscaling
 * metrics, resource metadata), which Google keeps current as GKE's node agents change. CIS GKE
 * Benchmark v2.0.0 5.2.1 names it; it replaces the older set of `logging.logWriter`,
 * `monitoring.metricWriter`, `monitoring.viewer` and `stackdriver.resourceMetadata.writer` (as
 * terraform-google-kubernetes-engine v29 did), whose `monitoring.viewer` reads every metric of the
 * project. Workloads run as their own identities through Workload Identity, never as the node's.
 */
export const NODE_PROJECT_ROLES: readonly string[] = ['roles/container.defaultNodeServiceAccount'];

/** Properties of {@link GkeNodeIdentity}. */
export interface GkeNodeIdentityProps {
  /** The environment the cluster belongs to. */
  readonly environment: TrainingEnvironment;
  /** The account to create or import. @default - a service account `<prefix>-gke-nodes` */
  readonly account?: ServiceAccountOptions;
}

/**
 * The dedicated service account every node of the cluster runs as (never the Compute Engine
 * default service account, which holds Editor on many projects), its project roles and its read
 * access to the environment's Docker repository: the kubelet pulls training images as the node.
 */
export class GkeNodeIdentity extends Construct {
  /** The nodes' service account. */
  public readonly account: TrainingServiceAccount;
  /** The account's additive project grants (one per role of {@link NODE_PROJECT_ROLES}). */
  public readonly projectGrants: ProjectIamMember[];
  /** The account's read grant on the environment's Docker repository. */
  public readonly imagePull: ArtifactRegistryRepositoryIamMember;

  constructor(scope: Construct, id: string, props: GkeNodeIdentityProps) {
    super(scope, id);
    const env = props.environment;
    this.account = new TrainingServiceAccount(this, 'account', {
      ...props.account,
      projectId: env.projectId,
      defaultAccountId: `${env.prefix}-gke-nodes`,
      displayName: `GKE training nodes (${env.prefix})`,
      description: 'Runs the GKE nodes of training: writes logs and metrics, pulls training images. Workloads use their own identities.',
      dependsOn: env.apis.require('iam.googleapis.com'),
    });
    const member = this.account.member;
    this.projectGrants = NODE_PROJECT_ROLES.map((role) =>
      new ProjectIamMember(this, role.replace(/^roles\//, '').replace(/\./g, '-'), { project: env.projectId, role, member }));
    // A second cluster of the environment gets a numbered grant ID.
    const free = env.dockerRepository.node.tryFindChild('gke-nodes') === undefined;
    this.imagePull = env.dockerRepository.grantRead(member, free ? 'gke-nodes' : undefined);
  }

  /** Every grant of the nodes' identity: node pools wait for their propagation, so that new nodes log and pull from the start. */
  public get grants(): TerraformResource[] {
    return [...this.projectGrants, this.imagePull];
  }
}
