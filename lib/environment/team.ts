import { Construct } from 'constructs';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ServiceAccountOptions, TrainingServiceAccount } from './identity';
import { BucketOptions, TrainingBucket } from './storage';
import { TEAM_BRAND } from '../core/construct-brand';
import { check, throwProblems } from '../core/validation';
import { registerTeam } from './bucket-access';
import { claimResourceNames } from './name-registry';
import type { TrainingEnvironment } from './training-environment';
import { checkInput, LITERAL, optional, struct } from '../core/field-types';
import { TEAM_OPTIONS } from '../core/input-types';
import type { QuotaShare } from '../quota/training-quotas';

const TEAM_NAME = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/;

/** Options of a team sharing an environment. */
export interface TeamOptions {
  /**
   * The team's trainer identity.
   * @default - a service account `<prefix>-<team>-tr`
   */
  readonly trainerServiceAccount?: ServiceAccountOptions;
  /**
   * The team's data bucket.
   * @default - a bucket named `<projectId>-<prefix>-<team>-data`
   */
  readonly dataBucket?: BucketOptions;
  /**
   * The team's artifacts bucket.
   * @default - a bucket named `<projectId>-<prefix>-<team>-artifacts`
   */
  readonly artifactsBucket?: BucketOptions;
  /**
   * People or groups of the team: they may read and write the team's data and read its artifacts.
   * @default - none
   */
  readonly members?: string[];
  /**
   * The team's shares of the environment's Vertex AI quotas, per quota and region: synth fails when
   * the team's jobs together demand more than their share (see `TrainingQuotas.teamShares`).
   * @default - none: only the environment's `quotas.limits` apply to the team's jobs
   */
  readonly quotaShares?: QuotaShare[];
}

/**
 * A team sharing an environment: its own trainer identity, data bucket and artifacts bucket. A team's
 * jobs (`team` option) run as its trainer and write to its artifacts bucket; no other team's trainer
 * is granted anything on them. Keys, repositories, staging, the TensorBoard and the launcher are shared.
 */
export class TrainingTeam extends Construct {
  /** The team's name. */
  public readonly teamName: string;
  /** The environment the team belongs to. */
  public readonly environment: TrainingEnvironment;
  /** The team's trainer identity. */
  public readonly trainer: TrainingServiceAccount;
  /** The team's data bucket. */
  public readonly dataBucket: TrainingBucket;
  /** The team's artifacts bucket. */
  public readonly artifactsBucket: TrainingBucket;
  /** The trainer's grants on buckets and repositories (data and staging read, artifacts read-write, images and packages read). */
  public readonly trainerGrants: (StorageBucketIamMember | ArtifactRegistryRepositoryIamMember)[];
  /** The trainer's project grants (logs, metrics, the environment's Vertex AI writer role). */
  public readonly trainerProjectGrants: ProjectIamMember[];
  /** The launcher's right to start jobs that run as this team's trainer. */
  public readonly launcherActAsTrainer: ServiceAccountIamMember;

  constructor(environment: TrainingEnvironment, name: string, options: TeamOptions = {}) {
    super(environment, `team-${name}`);
    TEAM_BRAND.mark(this);
    checkInput(this, { name, options }, struct('addTeam', { name: LITERAL, options: optional(TEAM_OPTIONS) }));
    check(this, 'name', name, (v) => TEAM_NAME.test(v) ? undefined : 'must be 2-16 lowercase letters, digits or hyphens, starting with a letter');
    this.teamName = name;
    this.environment = environment;
    const project = environment.projectId;
    this.trainer = new TrainingServiceAccount(this, 'trainer', {
      ...options.trainerServiceAccount,
      projectId: project,
      defaultAccountId: `${environment.prefix}-${name}-tr`,
      displayName: `Vertex AI trainer of ${name} (${environment.prefix})`,
      description: `Runs the ${name} team's training code: its own data and artifacts only.`,
      dependsOn: environment.apis.require('iam.googleapis.com'),
    });
    this.dataBucket = environment._bucket(this, 'data', `${name}-data`, options.dataBucket, true);
    this.artifactsBucket = environment._bucket(this, 'artifacts', `${name}-artifacts`, options.artifactsBucket, true);

    const trainer = this.trainer.member;
    this.trainerGrants = [
      this.dataBucket.grantRead(trainer, 'trainer'),
      this.artifactsBucket.grantReadWrite(trainer, 'trainer'),
      environment.stagingBucket.grantRead(trainer, `team-${name}`),
      environment.dockerRepository.grantRead(trainer, `team-${name}`),
      environment.pythonRepository.grantRead(trainer, `team-${name}`),
    ];
    this.trainerProjectGrants = [
      new ProjectIamMember(this, 'log-writer', { project, role: 'roles/logging.logWriter', member: trainer }),
      new ProjectIamMember(this, 'metric-writer', { project, role: 'roles/monitoring.metricWriter', member: trainer }),
      new ProjectIamMember(this, 'vertex-writer', { project, role: environment.trainerVertexRole.role.name, member: trainer }),
    ];
    this.launcherActAsTrainer = this.trainer.grantActAs(environment.launcher.member, 'launcher');
    for (const member of options.members ?? []) {
      this.dataBucket.grantReadWrite(member);
      this.artifactsBucket.grantRead(member);
    }
    throwProblems(this, claimResourceNames(this));
    throwProblems(this, environment.quotas._addTeamShares(name, options.quotaShares ?? [], 'quotaShares'));
    registerTeam(this);
  }
}
