import { isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-IAM-3: IAM is additive only: no `*_iam_binding` or `*_iam_policy` resource. */
export class IamAuthoritativeRule extends PolicyRule {
  public readonly id = 'VT-IAM-3';
  public readonly description = 'IAM is granted additively (*_iam_member), never authoritatively (*_iam_binding, *_iam_policy)';
  public readonly fix = 'replace the resource with one *_iam_member per principal and role; authoritative resources silently remove grants made elsewhere (service agents, other teams)';
  public readonly resourceTypes = ['*_iam_binding', '*_iam_policy'];

  public check(subject: PolicySubject): string[] {
    const role = subject.config.role;
    const what = subject.resourceType.endsWith('_iam_policy')
      ? 'replaces the whole IAM policy of its resource'
      : `removes every other member of ${typeof role === 'string' && !isToken(role) ? role : 'its role'}`;
    return [`${subject.resourceType} is authoritative: it ${what}`];
  }
}
