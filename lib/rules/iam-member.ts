import { RuleResult } from './result';

const MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet):\S+$/;
const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

/**
 * An IAM principal identifier. Public principals are refused: nothing in a training environment
 * may be readable by the internet.
 */
export function iamMember(value: string): RuleResult {
  if (PUBLIC_MEMBERS.includes(value) || value.startsWith('principalSet://goog/public:')) {
    return 'must not be a public principal (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)';
  }
  if (!MEMBER.test(value)) {
    return 'must be an IAM principal such as user:EMAIL, serviceAccount:EMAIL, group:EMAIL, domain:DOMAIN, principal://... or principalSet://...';
  }
  if (value.startsWith('serviceAccount:') || value.startsWith('user:') || value.startsWith('group:')) {
    if (!/^[a-zA-Z]+:[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return 'must carry an email address after the prefix';
  }
  return undefined;
}
