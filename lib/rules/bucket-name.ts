import { RuleResult } from './result';

const CHARSET = /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Cloud Storage bucket naming rules
 * (https://cloud.google.com/storage/docs/buckets#naming).
 */
export function bucketName(value: string): RuleResult {
  const allowed = 'must be a bucket name: 3-63 lowercase letters, digits, hyphens, underscores or dots (up to 222 with dots, 63 per dot-separated part), starting and ending with a letter or digit, not an IP address, not starting with "goog" and not containing "google"';
  if (!CHARSET.test(value) || value.length < 3) return allowed;
  const limit = value.includes('.') ? 222 : 63;
  if (value.length > limit) return allowed;
  if (value.split('.').some((part) => part.length === 0 || part.length > 63)) return allowed;
  if (IP_ADDRESS.test(value)) return allowed;
  if (value.startsWith('goog') || value.includes('google') || value.includes('g00gle')) return allowed;
  return undefined;
}
