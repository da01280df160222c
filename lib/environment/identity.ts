import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { grantId } from '../core/grant-id';
import { check, literal } from '../core/validation';
import { iamMember } from '../rules/iam-member';
import { serviceAccountEmail, serviceAccountId } from '../rules/names';

/** Options of one of the environment's service accounts. */
export interface ServiceAccountOptions {
  /**
   * Account ID (the part of the email before `@`) of the service account to create.
   * @default `<prefix>-trainer` or `<prefix>-launcher`
   */
  readonly accountId?: string;
  /**
   * Use this existing service account (by email) instead of creating one. The environment still
   * makes its grants to it.
   * @default - a service account is created
   */
  readonly existingEmail?: string;
}

/** Properties of {@link TrainingServiceAccount}. */
export interface TrainingServiceAccountProps extends ServiceAccountOptions {
  /** Project of a created account. */
  readonly projectId: string;
  /** ID used when neither `accountId` nor `existingEmail` is given. */
  readonly defaultAccountId: string;
  /** Display name of a created account. */
  readonly displayName: string;
  /** Description of a created account. */
  readonly description: string;
  /** What a created account depends on (the IAM API). */
  readonly dependsOn: ITerraformDependable[];
}

/** A service account without keys, created or imported. */
export class TrainingServiceAccount extends Construct {
  /** The created account; undefined when imported. */
  public readonly serviceAccount?: ServiceAccount;
  /** Email of the account. */
  public readonly email: string;
  /** IAM member of the account: `serviceAccount:EMAIL`. */
  public readonly member: string;
  private readonly resourceName: string;

  constructor(scope: Construct, id: string, props: TrainingServiceAccountProps) {
    super(scope, id);
    check(this, 'existingEmail', props.existingEmail, serviceAccountEmail);
    if (props.existingEmail !== undefined) {
      this.email = props.existingEmail;
      this.member = `serviceAccount:${this.email}`;
      this.resourceName = `projects/-/serviceAccounts/${this.email}`;
      return;
    }
    const accountId = props.accountId ?? props.defaultAccountId;
    check(this, 'accountId', accountId, serviceAccountId);
    this.serviceAccount = new ServiceAccount(this, 'account', {
      project: props.projectId,
      accountId,
      displayName: props.displayName,
      description: props.description,
      dependsOn: props.dependsOn,
    });
    this.email = this.serviceAccount.email;
    this.member = this.serviceAccount.member;
    this.resourceName = this.serviceAccount.name;
  }

  /**
   * Lets `member` act as this account (`roles/iam.serviceAccountUser` on the account only), which
   * is what submitting a Vertex AI job that runs as this account requires.
   * @param member IAM principal; public principals are refused
   * @param id construct ID of the grant @default derived from the member
   */
  public grantActAs(member: string, id?: string): ServiceAccountIamMember {
    return this.grantOnAccount('roles/iam.serviceAccountUser', member, id);
  }

  /**
   * Lets `member` mint tokens for this account (`roles/iam.serviceAccountTokenCreator` on the
   * account only), as Pub/Sub does to push Eventarc events that authenticate as it.
   * @param member IAM principal; public principals are refused
   * @param id construct ID of the grant @default derived from the member
   * @param dependsOn what must exist before the grant (e.g. the service agent)
   */
  public grantTokenCreator(member: string, id?: string, dependsOn?: ITerraformDependable[]): ServiceAccountIamMember {
    return this.grantOnAccount('roles/iam.serviceAccountTokenCreator', member, id, dependsOn);
  }

  private grantOnAccount(role: string, member: string, id: string | undefined, dependsOn?: ITerraformDependable[]): ServiceAccountIamMember {
    check(this, 'member', member, iamMember);
    return new ServiceAccountIamMember(this, id ?? grantId(this, role, member), {
      serviceAccountId: this.resourceName,
      role,
      member,
      dependsOn,
    });
  }
}

/**
 * `<accountId>@<project>.iam.gserviceaccount.com`; a domain-scoped project `example.com:proj`
 * gives `<accountId>@proj.example.com.iam.gserviceaccount.com`.
 */
export function accountEmail(account: ServiceAccount): string | undefined {
  const accountId = literal(account.accountIdInput);
  const project = literal(account.projectInput);
  if (accountId === undefined || project === undefined) return undefined;
  const colon = project.indexOf(':');
  const domain = colon < 0 ? project : `${project.slice(colon + 1)}.${project.slice(0, colon)}`;
  return `${accountId}@${domain}.iam.gserviceaccount.com`;
}
