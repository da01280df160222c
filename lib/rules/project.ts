import { RuleResult } from './result';

// 6–30 characters, lowercase letters, digits and hyphens, starting with a letter and not ending with
// a hyphen; legacy domain-scoped IDs (`example.com:my-project`) are still valid.
const PROJECT_ID = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Google Cloud project ID rules. */
export function projectId(value: string): RuleResult {
  if (!PROJECT_ID.test(value)) {
    return 'must be a project ID: 6-30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';
  }
  if (value.includes('google')) return 'must not contain "google"';
  return undefined;
}
