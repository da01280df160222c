import { RuleResult } from './result';

const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

/** The most labels a Google Cloud resource accepts. */
export const MAX_LABELS = 64;

/** Google Cloud label key rules. */
export function labelKey(key: string): RuleResult {
  if (!LABEL_KEY.test(key)) {
    return 'must be a label key: 1-63 lowercase letters, digits, underscores or hyphens, starting with a lowercase letter';
  }
  return undefined;
}

/** Google Cloud label value rules. */
export function labelValue(value: string): RuleResult {
  if (!LABEL_VALUE.test(value)) {
    return 'must be a label value: 0-63 lowercase letters, digits, underscores or hyphens';
  }
  return undefined;
}
