import { assign, call, quoted, RetryPolicy, returns, Step, Subworkflow, switchOn, tryRetry, x } from './syntax';

/**
 * Calls to Google APIs, each retried on transient errors. Workflows does not retry an
 * event-triggered execution that fails, so one 429, 5xx, connection reset or timeout would lose a
 * launch: every read and every precondition-guarded write goes through these subworkflows. Errors
 * that remain (404, 412, 403, ...) reach the caller as Workflows' HttpError map (`code`, `body`,
 * `tags`), to handle or to fail the execution with.
 */

/** The predicate subworkflow: HTTP 429 and 5xx, connection failures and timeouts. */
export const TRANSIENT = 'transient_error';

/**
 * Up to 8 retries, 2 s doubling to at most 60 s between them (about 4 minutes in all): long enough
 * to ride out a regional blip or a rate limit, short enough to stay well inside a launch's lease.
 */
export const RETRY: RetryPolicy = { predicate: TRANSIENT, maxRetries: 8, initialDelay: 2, maxDelay: 60, multiplier: 2 };

/** Seconds one HTTP call may take. */
export const CALL_TIMEOUT = 60;

/** The Cloud Storage JSON API, as a Workflows string expression. */
export const STORAGE_API = quoted('https://storage.googleapis.com/storage/v1/b/');
/** The Cloud Storage upload endpoint, as a Workflows string expression. */
export const STORAGE_UPLOAD = quoted('https://storage.googleapis.com/upload/storage/v1/b/');

/** Subworkflow names. */
export const API_GET = 'api_get';
export const API_POST = 'api_post';
export const API_DELETE = 'api_delete';

const AUTH = { type: 'OAuth2' };

/** The subworkflows of this file, by name. */
export function googleApiSubworkflows(): { [name: string]: Subworkflow } {
  return {
    [TRANSIENT]: transient(),
    [API_GET]: { params: ['url', { query: {} }], steps: request('http.get', {}) },
    [API_POST]: { params: ['url', 'body', { query: {} }], steps: request('http.post', { body: x('body') }) },
    [API_DELETE]: { params: ['url', { query: {} }], steps: request('http.delete', {}) },
  };
}

function request(method: string, extra: { [key: string]: unknown }): Step[] {
  return [
    tryRetry('send', [
      call('attempt', method, { url: x('url'), query: x('query'), ...extra, auth: AUTH, timeout: CALL_TIMEOUT }, 'response'),
    ], RETRY),
    returns('done', x('response.body')),
  ];
}

/**
 * Whether an error is worth retrying. HTTP errors are maps with a numeric `code`; connection
 * errors and timeouts carry the tags `ConnectionError`, `ConnectionFailedError` or `TimeoutError`.
 */
function transient(): Subworkflow {
  return {
    params: ['e'],
    steps: [
      switchOn('not_a_map', [{ condition: x('get_type(e) != "map"'), steps: [returns('no', false)] }]),
      assign('read', [
        ['code', x('default(map.get(e, "code"), 0)')],
        ['tags', x('default(map.get(e, "tags"), [])')],
      ]),
      switchOn('decide', [
        { condition: x('code in [429, 500, 502, 503, 504]'), steps: [returns('by_code', true)] },
        { condition: x('"ConnectionError" in tags or "ConnectionFailedError" in tags or "TimeoutError" in tags'), steps: [returns('by_tag', true)] },
      ]),
      returns('permanent', false),
    ],
  };
}
