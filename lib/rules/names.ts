import { RuleResult } from './result';

const PREFIX = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;
const SERVICE_ACCOUNT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REPOSITORY_ID = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const KEY_RING_OR_KEY = /^[a-zA-Z0-9_-]{1,63}$/;
const TENSORBOARD_DISPLAY_NAME_MAX = 128;
const SERVICE_ACCOUNT_EMAIL = /^[a-z0-9][a-z0-9._+-]*@[a-z0-9][a-z0-9.-]*\.gserviceaccount\.com$/;

/** The environment's name prefix: 2–20 characters so that every derived name stays within limits. */
export function namePrefix(value: string): RuleResult {
  if (!PREFIX.test(value)) {
    return 'must be 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

/** Service account ID (the part of the email before `@`). */
export function serviceAccountId(value: string): RuleResult {
  if (!SERVICE_ACCOUNT_ID.test(value)) {
    return 'must be a service account ID: 6-30 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

/** A service account email. */
export function serviceAccountEmail(value: string): RuleResult {
  if (!SERVICE_ACCOUNT_EMAIL.test(value)) {
    return 'must be a service account email ending in .gserviceaccount.com';
  }
  return undefined;
}

/** Artifact Registry repository ID. */
export function repositoryId(value: string): RuleResult {
  if (!REPOSITORY_ID.test(value)) {
    return 'must be a repository ID: 2-63 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

/** Cloud KMS key ring or key ID. */
export function kmsId(value: string): RuleResult {
  if (!KEY_RING_OR_KEY.test(value)) {
    return 'must be 1-63 letters, digits, underscores or hyphens';
  }
  return undefined;
}

/** Vertex AI display names. */
export function displayName(value: string): RuleResult {
  if (value.length === 0 || value.length > TENSORBOARD_DISPLAY_NAME_MAX) {
    return `must be 1-${TENSORBOARD_DISPLAY_NAME_MAX} characters`;
  }
  return undefined;
}
