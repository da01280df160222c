import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { daysAsDuration } from '../core/durations';
import { grantId } from '../core/grant-id';
import { checkArgument, STRING } from '../core/field-types';
import { check, problemsOf, throwProblems, ValidationError } from '../core/validation';
import { iamMember } from '../rules/iam-member';
import { repositoryId } from '../rules/names';
import { integerInRange, zeroOrIntegerInRange } from '../rules/numbers';
import { parseRepositoryName } from '../rules/resource-names';


/** The package format of an Artifact Registry repository. */
export enum RepositoryFormat {
  /** Container images (training images). */
  DOCKER = 'DOCKER',
  /** Python packages (training code). */
  PYTHON = 'PYTHON',
}

/** Options of one of the environment's Artifact Registry repositories. */
export interface RepositoryOptions {
  /**
   * ID of the repository to create.
   * @default `<prefix>-images` (Docker) or `<prefix>-python` (Python)
   */
  readonly repositoryId?: string;
  /**
   * Use this existing repository (`projects/P/locations/L/repositories/R`) instead of creating one.
   * @default - a repository is created
   */
  readonly existingRepositoryName?: string;
  /**
   * Cleanup keeps at least this many most recent versions of each package (1–1000).
   * @default 10
   */
  readonly keepMostRecentVersions?: number;
  /**
   * Cleanup deletes versions older than this many days (0: never): untagged images in a Docker
   * repository, any version in a Python repository (packages have no tags). The
   * `keepMostRecentVersions` newest versions are always kept.
   * @default 30
   */
  readonly deleteUntaggedAfterDays?: number;
  /**
   * Reports what cleanup would delete without deleting it.
   * @default false
   */
  readonly cleanupDryRun?: boolean;
  /**
   * Adds Terraform's `prevent_destroy`: deleting a repository deletes every image or package in it.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Docker only: tags cannot be moved to another image once pushed, so a tag names one image forever.
   * @default false
   */
  readonly immutableTags?: boolean;
}

/** Properties of {@link TrainingRepository}. */
export interface TrainingRepositoryProps extends RepositoryOptions {
  /** Project of a created repository. */
  readonly projectId: string;
  /** Region of a created repository. */
  readonly region: string;
  /** Package format. */
  readonly format: RepositoryFormat;
  /** ID used when neither `repositoryId` nor `existingRepositoryName` is given. */
  readonly defaultRepositoryId: string;
  /** CMEK key of a created repository. */
  readonly kmsKeyName: string;
  /** Labels of a created repository. */
  readonly labels: { [key: string]: string };
  /** What a created repository depends on (API, key grants). */
  readonly dependsOn: ITerraformDependable[];
}

/** A CMEK-encrypted Artifact Registry repository with cleanup policies, or an imported one. */
export class TrainingRepository extends Construct {
  /** The created repository; undefined when imported. */
  public readonly repository?: ArtifactRegistryRepository;
  /** Project of the repository. */
  public readonly projectId: string;
  /** Location of the repository. */
  public readonly location: string;
  /** ID of the repository. */
  public readonly repositoryId: string;
  /** Package format. */
  public readonly format: RepositoryFormat;
  private readonly referencedDigests = new Set<string>();

  constructor(scope: Construct, id: string, props: TrainingRepositoryProps) {
    super(scope, id);
    this.format = props.format;
    if (props.immutableTags === true && props.format !== RepositoryFormat.DOCKER) {
      throw new ValidationError(this, 'immutableTags', props.immutableTags, 'only Docker repositories have tags (remove the option)');
    }
    if (props.existingRepositoryName !== undefined) {
      const parsed = parseRepositoryName(props.existingRepositoryName);
      if (!parsed) {
        throw new ValidationError(this, 'existingRepositoryName', props.existingRepositoryName,
          'must be a literal repository name of the form projects/PROJECT/locations/LOCATION/repositories/REPOSITORY');
      }
      this.projectId = parsed.project;
      this.location = parsed.location;
      this.repositoryId = parsed.id;
      return;
    }

    this.repositoryId = props.repositoryId ?? props.defaultRepositoryId;
    const keep = props.keepMostRecentVersions ?? 10;
    const untaggedDays = props.deleteUntaggedAfterDays ?? 30;
    throwProblems(this, [
      ...problemsOf('repositoryId', this.repositoryId, repositoryId),
      ...problemsOf('keepMostRecentVersions', keep, (v) => integerInRange(v, 1, 1000)),
      ...problemsOf('deleteUntaggedAfterDays', untaggedDays, (v) => zeroOrIntegerInRange(v, 1, 3650)),
    ]);
    this.projectId = props.projectId;
    this.location = props.region;

    this.repository = new ArtifactRegistryRepository(this, 'repository', {
      project: props.projectId,
      location: props.region,
      repositoryId: this.repositoryId,
      format: props.format,
      description: `Vertex AI training ${props.format === RepositoryFormat.DOCKER ? 'images' : 'packages'} (managed by cdktf-vertex-training)`,
      kmsKeyName: props.kmsKeyName,
      labels: props.labels,
      dockerConfig: props.format === RepositoryFormat.DOCKER ? { immutableTags: props.immutableTags ?? false } : undefined,
      cleanupPolicyDryRun: props.cleanupDryRun ?? false,
      // Written in Terraform's names: the list grows as jobs reference images.
      cleanupPolicies: Lazy.anyValue({
        produce: () => [
          ...(untaggedDays > 0 ? [deleteOldVersions(props.format, untaggedDays)] : []),
          { id: 'keep-most-recent', action: 'KEEP', most_recent_versions: { keep_count: keep } },
          ...this.keepReferencedPolicy(),
        ],
      }) as any,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      dependsOn: props.dependsOn,
    });
  }

  /** Resource name: `projects/P/locations/L/repositories/R`. */
  public get repositoryName(): string {
    return `projects/${this.projectId}/locations/${this.location}/repositories/${this.repositoryId}`;
  }

  /**
   * Where packages of this repository are addressed: `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY` for
   * Docker (append `/IMAGE:TAG`), `https://LOCATION-python.pkg.dev/PROJECT/REPOSITORY/` for Python.
   */
  public get url(): string {
    return this.format === RepositoryFormat.DOCKER
      ? `${this.location}-docker.pkg.dev/${this.projectId}/${this.repositoryId}`
      : `https://${this.location}-python.pkg.dev/${this.projectId}/${this.repositoryId}/`;
  }

  /**
   * Keeps the images of this repository that `uris` name by digest out of cleanup: a job still runs
   * them, however old or untagged they are. Called by the jobs of the stack.
   * @internal
   */
  public _keepImages(uris: readonly string[]): void {
    const prefix = `${this.url}/`;
    for (const uri of uris) {
      const digest = /@(sha256:[0-9a-f]{64})$/.exec(uri)?.[1];
      if (digest && uri.startsWith(prefix)) this.referencedDigests.add(digest);
    }
  }

  /** The digests kept because a job references them, sorted. */
  public get keptDigests(): string[] {
    return [...this.referencedDigests].sort();
  }

  private keepReferencedPolicy(): object[] {
    if (this.referencedDigests.size === 0) return [];
    // KEEP wins over DELETE; a Docker version's name is its digest.
    return [{ id: 'keep-referenced', action: 'KEEP', condition: { version_name_prefixes: this.keptDigests } }];
  }

  /**
   * Lets `member` download packages (`roles/artifactregistry.reader`).
   * @param member IAM principal; public principals are refused
   * @param id construct ID of the grant @default derived from the member
   */
  public grantRead(member: string, id?: string): ArtifactRegistryRepositoryIamMember {
    return this.grant('roles/artifactregistry.reader', member, id);
  }

  /**
   * Lets `member` upload and download packages (`roles/artifactregistry.writer`).
   * @param member IAM principal; public principals are refused
   * @param id construct ID of the grant @default derived from the member
   */
  public grantReadWrite(member: string, id?: string): ArtifactRegistryRepositoryIamMember {
    return this.grant('roles/artifactregistry.writer', member, id);
  }

  private grant(role: string, member: string, id: string | undefined): ArtifactRegistryRepositoryIamMember {
    checkArgument(this, 'member', member, STRING);
    check(this, 'member', member, iamMember);
    return new ArtifactRegistryRepositoryIamMember(this, id ?? grantId(this, role, member), {
      project: this.projectId,
      location: this.location,
      repository: this.repository ? this.repository.name : this.repositoryId,
      role,
      member,
    });
  }
}

function deleteOldVersions(format: RepositoryFormat, days: number) {
  const olderThan = daysAsDuration(days);
  return format === RepositoryFormat.DOCKER
    ? { id: 'delete-untagged', action: 'DELETE', condition: { tag_state: 'UNTAGGED', older_than: olderThan } }
    : { id: 'delete-old-versions', action: 'DELETE', condition: { tag_state: 'ANY', older_than: olderThan } };
}
