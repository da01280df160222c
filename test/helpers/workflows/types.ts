/**
 * Public types of the interpreter: what a test passes to `runWorkflow` and what it gets back.
 */

/** A fake clock in seconds since the epoch: `sys.now()` reads it, sleeps and retry delays advance it. */
export interface Clock {
  now(): number;
  advance(seconds: number): void;
}

/**
 * A clock that only moves when told to. Actions scheduled with `at` run when the clock passes
 * their time (a sleep or a retry delay that spans it), with the clock standing at that time: what
 * happens elsewhere while an execution waits.
 */
export class FakeClock implements Clock {
  private readonly scheduled: { at: number; run: () => void }[] = [];

  constructor(private seconds = 1_700_000_000) {}

  now(): number {
    return this.seconds;
  }

  advance(seconds: number): void {
    const target = this.seconds + seconds;
    for (let next = this.scheduled[0]; next !== undefined && next.at <= target; next = this.scheduled[0]) {
      this.scheduled.shift();
      this.seconds = Math.max(this.seconds, next.at);
      next.run();
    }
    // An action may itself have moved the clock past the target: time never goes back.
    this.seconds = Math.max(this.seconds, target);
  }

  /** Runs `run` once the clock passes `seconds` (in order of time, then of scheduling); now or earlier is refused. */
  at(seconds: number, run: () => void): void {
    if (seconds <= this.seconds) throw new Error(`FakeClock.at: ${seconds} is not after now (${this.seconds})`);
    const index = this.scheduled.findIndex((s) => s.at > seconds);
    this.scheduled.splice(index === -1 ? this.scheduled.length : index, 0, { at: seconds, run });
  }
}

/** A request as the interpreter sends it to the HTTP fake, after Workflows' request semantics. */
export interface HttpRequest {
  method: string;
  /** The URL with the `query` map URL-encoded and appended. */
  url: string;
  /** The `query` argument with every value as a string (lists stay lists). */
  query?: { [name: string]: string | string[] };
  headers: { [name: string]: string };
  /** The body on the wire: JSON text for a map, list or scalar; a Buffer for bytes. */
  body?: string | Buffer;
  /** The body before encoding, when it was JSON-encoded. */
  json?: unknown;
  auth?: { [key: string]: unknown };
  /** Seconds. */
  timeout: number;
  /**
   * Set on a Kubernetes API connector call (`gke.request`): the cluster it addresses. `url` is then
   * the API server path with the query appended (the connector finds the control plane itself) and
   * there is no `auth` (the connector authenticates as the workflow's service account).
   */
  cluster?: GkeClusterRef;
}

/** A GKE cluster as `gke.request` names it: `project`, `location` and `cluster_id`. */
export interface GkeClusterRef {
  readonly project: string;
  readonly location: string;
  readonly clusterId: string;
}

/**
 * A response from the HTTP fake. `body` may be a JS value (a JSON response with
 * `Content-Type: application/json`), a string (text, `text/plain` unless the headers say
 * otherwise) or a Buffer (`application/octet-stream` unless the headers say otherwise).
 */
export interface HttpResponse {
  code: number;
  headers?: { [name: string]: string };
  body?: unknown;
}

/** The handler of every HTTP call; may throw `ConnectionFailure` or `Timeout` (and `ClusterNotRunning` for a `gke.request`). */
export type HttpHandler = (request: HttpRequest) => HttpResponse;

/** One HTTP call as recorded. */
export interface HttpCallRecord {
  request: HttpRequest;
  response?: HttpResponse;
  /** The tag of the network error, when the fake threw one. */
  failure?: string;
}

/** One `sys.log` call. */
export interface LogEntry {
  severity: string;
  data?: unknown;
  text?: unknown;
  json?: unknown;
}

/** One advance of the clock. */
export interface SleepRecord {
  seconds: number;
  reason: 'sys.sleep' | 'retry';
  /** Clock reading when the sleep began. */
  at: number;
}

/** Enforced limits; every one can be overridden. */
export interface Limits {
  /** Steps executed per execution. */
  maxSteps: number;
  /** Cumulative size of all variables and arguments, computed as documented (bytes). */
  maxMemoryBytes: number;
  /** Length of one string (bytes of UTF-8). */
  maxStringBytes: number;
  /** Size of the execution result, JSON-encoded (bytes). */
  maxResultBytes: number;
  /** Size of one HTTP response body (bytes). */
  maxHttpResponseBytes: number;
  /** Depth of subworkflow calls, main included. */
  maxCallDepth: number;
  /** Length of one expression (characters); checked when the definition is loaded. */
  maxExpressionLength: number;
  /** Assignments per assign step; checked when the definition is loaded. */
  maxAssignments: number;
  /** Conditions per switch step; checked when the definition is loaded. */
  maxConditions: number;
}

/** Options of one execution. */
export interface RunOptions {
  /** The runtime argument; absent means `null` for main's parameter. */
  argument?: unknown;
  /** What `sys.get_env` returns, built-in variables included. */
  env?: { [name: string]: string };
  clock?: Clock;
  http?: HttpHandler;
  log?: (entry: LogEntry) => void;
  limits?: Partial<Limits>;
}

/** The outcome of one execution. */
export interface RunResult {
  state: 'SUCCEEDED' | 'FAILED';
  /** The returned value (null when the workflow ended without `return`), as plain JSON data. */
  result: unknown;
  /** The uncaught error value (a map such as `{message, tags}` or a raised string), as plain data. */
  error?: unknown;
  /** Steps executed. */
  steps: number;
  logs: LogEntry[];
  sleeps: SleepRecord[];
  httpCalls: HttpCallRecord[];
}
