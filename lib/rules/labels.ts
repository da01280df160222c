import { RuleResult } from './result';
import { lazy } from '../core/lazy';

/**
 * Google's rules: lowercase letters of any script. V8 takes milliseconds to build a Unicode property
 * class (when it parses the expression), so these are built from strings for the first non-ASCII
 * key or value, not when the module loads.
 */
const UNICODE = lazy({
  key: () => new RegExp(String.raw`^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$`, 'u'),
  value: () => new RegExp(String.raw`^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$`, 'u'),
});
// The same rules for ASCII text, where \p{Ll} is a-z, \p{N} is 0-9 and \p{Lo} is empty.
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const ASCII_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** The most labels a Google Cloud resource accepts. */
export const MAX_LABELS = 64;

/** Google Cloud label key rules. */
export function labelKey(key: string): RuleResult {
  if (!(ASCII.test(key) ? ASCII_LABEL_KEY : UNICODE.key).test(key)) {
    return 'must be a label key: 1-63 lowercase letters, digits, underscores or hyphens, starting with a lowercase letter';
  }
  return undefined;
}

/** Google Cloud label value rules. */
export function labelValue(value: string): RuleResult {
  if (!(ASCII.test(value) ? ASCII_LABEL_VALUE : UNICODE.value).test(value)) {
    return 'must be a label value: 0-63 lowercase letters, digits, underscores or hyphens';
  }
  return undefined;
}
