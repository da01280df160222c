import { isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

const PRIMITIVE_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);

/** VT-IAM-2: no basic (primitive) role is granted. */
export class IamPrimitiveRolesRule extends PolicyRule {
  public readonly id = 'VT-IAM-2';
  public readonly description = 'IAM grants never use the basic roles roles/owner, roles/editor or roles/viewer';
  public readonly fix = 'grant a predefined or custom role with only the permissions needed (e.g. roles/storage.objectViewer, roles/aiplatform.user)';
  public readonly resourceTypes = ['*_iam_member', '*_iam_binding'];

  public check(subject: PolicySubject): string[] {
    const role = subject.config.role;
    if (typeof role !== 'string' || isToken(role)) return [];
    return PRIMITIVE_ROLES.has(role) ? [`role ${role} is a basic role`] : [];
  }
}
