import { InvalidWorkflow, typeError, valueError } from './errors';
import { fn, LibraryFunction } from './library';
import { Callable, typeOf, WfMap, WfValue } from './values';

/**
 * Retry policies (https://cloud.google.com/workflows/docs/reference/syntax/retrying): the
 * built-in predicates and policies, and the parsing of a `retry:` block.
 */

function tagsAndCode(error: WfValue): { tags: string[]; code: WfValue | undefined } {
  if (!(error instanceof Map)) return { tags: [], code: undefined };
  const tags = error.get('tags');
  return { tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [], code: error.get('code') };
}

function httpCodeIn(error: WfValue, codes: number[]): boolean {
  const { tags, code } = tagsAndCode(error);
  return tags.includes('HttpError') && typeof code === 'bigint' && codes.includes(Number(code));
}

/**
 * "Retries on 429 (Too Many Requests), 502 (Bad Gateway), 503 (Service unavailable), and 504
 * (Gateway Timeout), as well as on any ConnectionError, ConnectionFailedError, and TimeoutError."
 * (https://cloud.google.com/workflows/docs/reference/stdlib/http/default_retry_predicate)
 */
export function defaultRetryPredicate(error: WfValue): boolean {
  const { tags } = tagsAndCode(error);
  return httpCodeIn(error, [429, 502, 503, 504]) || ['ConnectionError', 'ConnectionFailedError', 'TimeoutError'].some((t) => tags.includes(t));
}

/**
 * "Retries on 429 (Too Many Requests) and 503 (Service Unavailable), as well as on
 * ConnectionFailedError." (https://cloud.google.com/workflows/docs/reference/stdlib/http/default_retry_predicate_non_idempotent)
 */
export function defaultRetryPredicateNonIdempotent(error: WfValue): boolean {
  return httpCodeIn(error, [429, 503]) || tagsAndCode(error).tags.includes('ConnectionFailedError');
}

/** The predicates as library functions (also usable as `predicate: ${...}`). */
export const retryFunctions: LibraryFunction[] = [
  fn('http.default_retry_predicate', ['exception'], ([e]) => defaultRetryPredicate(e!)),
  fn('http.default_retry_predicate_non_idempotent', ['exception'], ([e]) => defaultRetryPredicateNonIdempotent(e!)),
  fn('retry.always', ['exception'], () => true),
  fn('retry.never', ['exception'], () => false),
];

/**
 * `retry.default_backoff`. Its values are not on a Google page that could be read; these are the
 * ones a public summary of the reference gives (initial 1 s, max 60 s, multiplier 1.25).
 */
export function defaultBackoff(): WfMap {
  return new Map<string, WfValue>([['initial_delay', 1n], ['max_delay', 60n], ['multiplier', 1.25]]);
}

/**
 * The built-in policies: "Uses max_retries of 5, and backoff as per retry.default_backoff"
 * (https://cloud.google.com/workflows/docs/reference/stdlib/http/default_retry and
 * …/default_retry_non_idempotent).
 */
export function builtInPolicy(predicate: string): WfMap {
  return new Map<string, WfValue>([['predicate', new Callable('stdlib', predicate)], ['max_retries', 5n], ['backoff', defaultBackoff()]]);
}

/** Library values that are not functions. */
export const retryValues: { [name: string]: () => WfValue } = {
  'http.default_retry': () => builtInPolicy('http.default_retry_predicate'),
  'http.default_retry_non_idempotent': () => builtInPolicy('http.default_retry_predicate_non_idempotent'),
  'retry.default_backoff': defaultBackoff,
};

/** A parsed retry policy. */
export interface RetryPolicy {
  predicate: Callable;
  maxRetries: number;
  initialDelay: number;
  maxDelay: number;
  multiplier: number;
}

/**
 * Validates an evaluated `retry:` value: a policy map with exactly `predicate`, `max_retries` and
 * `backoff` (`initial_delay`, `max_delay`, `multiplier`). All are required: the reference shows
 * no defaults for a custom policy, so a missing one is refused rather than guessed.
 */
export function parseRetryPolicy(value: WfValue): RetryPolicy {
  if (!(value instanceof Map)) throw typeError(`retry: a policy must be a map, got ${typeOf(value)}`);
  for (const key of value.keys()) {
    if (!['predicate', 'max_retries', 'backoff'].includes(key)) throw new InvalidWorkflow(`retry: unknown key "${key}"`);
  }
  const predicate = value.get('predicate');
  if (!(predicate instanceof Callable)) throw new InvalidWorkflow('retry: "predicate" must reference a function or a subworkflow, e.g. ${http.default_retry_predicate}');
  const maxRetries = value.get('max_retries');
  if (typeof maxRetries !== 'bigint' || maxRetries < 0n) throw new InvalidWorkflow('retry: "max_retries" must be a non-negative integer');
  const backoff = value.get('backoff');
  if (!(backoff instanceof Map)) throw new InvalidWorkflow('retry: "backoff" (initial_delay, max_delay, multiplier) is required');
  for (const key of backoff.keys()) {
    if (!['initial_delay', 'max_delay', 'multiplier'].includes(key)) throw new InvalidWorkflow(`retry.backoff: unknown key "${key}"`);
  }
  const number = (key: string): number => {
    const v = backoff.get(key);
    if (typeof v !== 'bigint' && typeof v !== 'number') throw new InvalidWorkflow(`retry.backoff: "${key}" must be a number`);
    if (Number(v) < 0) throw valueError(`retry.backoff: "${key}" must not be negative`);
    return Number(v);
  };
  return {
    predicate,
    maxRetries: Number(maxRetries),
    initialDelay: number('initial_delay'),
    maxDelay: number('max_delay'),
    multiplier: number('multiplier'),
  };
}

/**
 * The delay before retry number `retry` (0-based): initial_delay × multiplier^retry, capped at
 * max_delay. The reference's example: initial 1, multiplier 2, max 60, 8 retries give "1, 2, 4,
 * 8, 16, 32, 60, and 60" (https://cloud.google.com/workflows/docs/reference/syntax/retrying).
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.initialDelay * policy.multiplier ** retry, policy.maxDelay);
}
