import { literalStrings } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Whether an IAM principal is the public (anyone, or any Google account). */
export function isPublicMember(member: string): boolean {
  return PUBLIC_MEMBERS.has(member) || member.startsWith('principalSet://goog/public:');
}

/** VT-IAM-1: no IAM grant to the public. */
export class IamPublicMembersRule extends PolicyRule {
  public readonly id = 'VT-IAM-1';
  public readonly description = 'IAM grants never name public principals (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)';
  public readonly fix = 'grant a user:, group:, serviceAccount: or domain: principal instead; publish data through a dedicated, reviewed project if it must be public';
  public readonly resourceTypes = ['*_iam_member', '*_iam_binding'];

  public check(subject: PolicySubject): string[] {
    const field = subject.config.members !== undefined ? 'members' : 'member';
    const members = literalStrings(subject.config[field]) ?? [];
    return members.filter(isPublicMember).map((member) => `${field} includes the public principal ${member}`);
  }
}
