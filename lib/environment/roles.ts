import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';

/**
 * What training code needs on Vertex AI beyond its buckets and repositories: writing TensorBoard
 * logs and Vertex AI Experiments metadata. Neither TensorBoards nor metadata stores take IAM
 * bindings, so these are granted on the project, through a custom role instead of the broad
 * `roles/aiplatform.user`. Names from the Vertex AI IAM permissions reference.
 */
export const TRAINER_VERTEX_PERMISSIONS: readonly string[] = [
  'aiplatform.artifacts.create', 'aiplatform.artifacts.get', 'aiplatform.artifacts.list', 'aiplatform.artifacts.update',
  'aiplatform.contexts.addContextArtifactsAndExecutions', 'aiplatform.contexts.addContextChildren',
  'aiplatform.contexts.create', 'aiplatform.contexts.get', 'aiplatform.contexts.list', 'aiplatform.contexts.update',
  'aiplatform.executions.addExecutionEvents', 'aiplatform.executions.create', 'aiplatform.executions.get',
  'aiplatform.executions.list', 'aiplatform.executions.update',
  'aiplatform.metadataStores.get',
  'aiplatform.tensorboardExperiments.create', 'aiplatform.tensorboardExperiments.get', 'aiplatform.tensorboardExperiments.list',
  'aiplatform.tensorboardExperiments.update', 'aiplatform.tensorboardExperiments.write',
  'aiplatform.tensorboardRuns.batchCreate', 'aiplatform.tensorboardRuns.create', 'aiplatform.tensorboardRuns.get',
  'aiplatform.tensorboardRuns.list', 'aiplatform.tensorboardRuns.update', 'aiplatform.tensorboardRuns.write',
  'aiplatform.tensorboardTimeSeries.batchCreate', 'aiplatform.tensorboardTimeSeries.create', 'aiplatform.tensorboardTimeSeries.get',
  'aiplatform.tensorboardTimeSeries.list', 'aiplatform.tensorboardTimeSeries.update',
  'aiplatform.tensorboards.get',
];

/**
 * What launching training needs: creating, watching and cancelling the three Vertex AI job kinds,
 * and reading and uploading the models that training pipelines register.
 * Acting as the trainer is granted on the trainer account alone.
 */
export const LAUNCHER_VERTEX_PERMISSIONS: readonly string[] = [
  'aiplatform.customJobs.cancel', 'aiplatform.customJobs.create', 'aiplatform.customJobs.get', 'aiplatform.customJobs.list',
  'aiplatform.hyperparameterTuningJobs.cancel', 'aiplatform.hyperparameterTuningJobs.create',
  'aiplatform.hyperparameterTuningJobs.get', 'aiplatform.hyperparameterTuningJobs.list',
  // Training pipelines upload their model as a new model or a new version of the registered one.
  'aiplatform.models.get', 'aiplatform.models.upload',
  'aiplatform.trainingPipelines.cancel', 'aiplatform.trainingPipelines.create',
  'aiplatform.trainingPipelines.get', 'aiplatform.trainingPipelines.list',
];

/** Properties of {@link ProjectRoleGrant}. */
export interface ProjectRoleGrantProps {
  /** Project of the role and the grant. */
  readonly projectId: string;
  /** Custom role ID (`[a-zA-Z0-9_.]{3,64}`). */
  readonly roleId: string;
  /** Human-readable role title. */
  readonly title: string;
  /** Role description. */
  readonly description: string;
  /** Permissions of the role. */
  readonly permissions: string[];
  /** Who receives the role (additive grant). */
  readonly member: string;
  /** What the role depends on (the IAM API). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * A project custom role and its one additive grant. Deleted custom roles linger for 37 days: after a
 * destroy, recreate the environment with another prefix or undelete the role.
 */
export class ProjectRoleGrant extends Construct {
  /** The custom role. */
  public readonly role: ProjectIamCustomRole;
  /** The additive grant of the role. */
  public readonly grant: ProjectIamMember;

  constructor(scope: Construct, id: string, props: ProjectRoleGrantProps) {
    super(scope, id);
    this.role = new ProjectIamCustomRole(this, 'role', {
      project: props.projectId,
      roleId: props.roleId,
      title: props.title,
      description: props.description,
      permissions: [...props.permissions].sort(),
      stage: 'GA',
      dependsOn: props.dependsOn,
    });
    this.grant = new ProjectIamMember(this, 'member', {
      project: props.projectId,
      role: this.role.name,
      member: props.member,
    });
  }
}
