import { describe, WfMap, WfValue } from './values';

/**
 * Errors of three kinds:
 * - `WorkflowError`: a Workflows runtime error in flight. It carries the error value a workflow
 *   sees in `except: as:` and the execution reports when it fails. Only these are caught by
 *   `try`/`except` and retried.
 * - `UnsupportedFeature`: something the interpreter does not implement (or could not verify in
 *   Google's documentation). It escapes `runWorkflow` so that no test passes on it.
 * - `InvalidWorkflow`: a definition Workflows would reject at deployment. Also escapes.
 */

/**
 * The error tags of https://cloud.google.com/workflows/docs/reference/syntax/error-types.
 */
export type ErrorTag =
  | 'AuthError' | 'ConnectionError' | 'ConnectionFailedError' | 'HttpError' | 'IndexError' | 'KeyError'
  | 'OperationError' | 'ParallelNestingError' | 'RecursionError' | 'ResourceLimitError' | 'ResponseTypeError'
  | 'SystemError' | 'TimeoutError' | 'TypeError' | 'UnhandledBranchError' | 'ValueError' | 'ZeroDivisionError';

/** A Workflows runtime error: `value` is what `except: as:` binds (a map, or a raised string). */
export class WorkflowError extends Error {
  constructor(readonly value: WfValue) {
    super(`Workflows error: ${value instanceof Map ? String(value.get('message') ?? describe(value)) : describe(value)}`);
    this.name = 'WorkflowError';
  }

  /** The error's tags, empty when the error is not a map with a list of string tags. */
  get tags(): string[] {
    const tags = this.value instanceof Map ? this.value.get('tags') : undefined;
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  }
}

/**
 * A built-in error map: `{message, tags: [tag]}`, as in the error-types page's example
 * `{'tags': ['SystemError'], 'message': 'an error has occurred'}`
 * (https://cloud.google.com/workflows/docs/reference/syntax/error-types). HTTP errors add `code`,
 * `headers` and `body`.
 */
export function workflowError(tag: ErrorTag, message: string, extra: [string, WfValue][] = []): WorkflowError {
  const value: WfMap = new Map<string, WfValue>([['message', message], ['tags', [tag]]]);
  for (const [key, item] of extra) value.set(key, item);
  return new WorkflowError(value);
}

/** Built-in errors by tag. */
export const typeError = (message: string) => workflowError('TypeError', message);
export const valueError = (message: string) => workflowError('ValueError', message);
export const keyError = (message: string) => workflowError('KeyError', message);
export const indexError = (message: string) => workflowError('IndexError', message);
export const zeroDivisionError = (message: string) => workflowError('ZeroDivisionError', message);
export const resourceLimitError = (message: string) => workflowError('ResourceLimitError', message);
export const recursionError = (message: string) => workflowError('RecursionError', message);

/** Base of the errors that must escape `runWorkflow`. */
export abstract class Refusal extends Error {}

/** The interpreter does not implement (or could not verify) what the definition uses. */
export class UnsupportedFeature extends Refusal {
  constructor(what: string) {
    super(`UnsupportedFeature: ${what}`);
    this.name = 'UnsupportedFeature';
  }
}

/** The definition is one Workflows would reject at deployment. */
export class InvalidWorkflow extends Refusal {
  constructor(what: string) {
    super(`InvalidWorkflow: ${what}`);
    this.name = 'InvalidWorkflow';
  }
}

/**
 * Thrown by an HTTP fake to simulate a network failure. The tags are those of
 * https://cloud.google.com/workflows/docs/reference/stdlib/http/request ("Raised exceptions"):
 * `ConnectionError` ("In case of a network problem (DNS failure, truncated response, etc.)") and
 * `ConnectionFailedError` ("When the connection is halted during transfer (failed connection,
 * refused connection, etc.)").
 */
export class ConnectionFailure {
  constructor(
    readonly tag: 'ConnectionError' | 'ConnectionFailedError' = 'ConnectionFailedError',
    readonly message = tag === 'ConnectionError' ? 'connection error' : 'connection refused',
  ) {}
}

/** Thrown by an HTTP fake when the request runs past its timeout: raises `TimeoutError`. */
export class Timeout {
  constructor(readonly message = 'request timed out') {}
}

/**
 * Thrown by a Kubernetes API fake for a `gke.request` to a cluster whose status is not RUNNING (e.g.
 * RECONCILING during an upgrade): the connector raises `ValueError` then
 * (https://cloud.google.com/workflows/docs/reference/connectors/gke/request, "Raised exceptions").
 * Other calls may not throw it.
 */
export class ClusterNotRunning {
  constructor(readonly status = 'RECONCILING') {}
}
