import { resourceLimitError, WorkflowError } from './errors';
import { encodeJson } from './json';
import { Services } from './library';
import { DEFAULT_LIMITS } from './limits';
import { Engine } from './steps';
import { FakeClock, HttpCallRecord, LogEntry, RunOptions, RunResult, SleepRecord } from './types';
import { loadProgram } from './validate';
import { fromJs, toJs, WfValue } from './values';

/**
 * Runs a workflow definition once, against fakes.
 *
 * The execution SUCCEEDS with the value `main` returns (null when it ends without `return`), or
 * FAILS with the uncaught error value; a failing workflow never makes this function throw. It
 * throws only for a refusal (`UnsupportedFeature`, `InvalidWorkflow`) or a broken fake, so that a
 * test cannot pass on something the interpreter did not understand.
 *
 * A missing `argument` binds main's parameter to null: what Workflows passes when an execution
 * has no argument is not documented (the stricter reading: the workflow must cope with null).
 */
export function runWorkflow(definition: unknown, options: RunOptions = {}): RunResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const program = loadProgram(definition, limits);
  const clock = options.clock ?? new FakeClock();
  const logs: LogEntry[] = [];
  const sleeps: SleepRecord[] = [];
  const httpCalls: HttpCallRecord[] = [];
  const env = options.env ?? {};
  const services: Services = {
    now: () => clock.now(),
    sleep: (seconds, reason) => {
      sleeps.push({ seconds, reason, at: clock.now() });
      clock.advance(seconds);
    },
    env: (name) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined),
    log: (entry) => {
      logs.push(entry);
      options.log?.(entry);
    },
    http: (request, record) => {
      httpCalls.push(record);
      if (!options.http) throw new Error(`the workflow made an HTTP call (${request.method} ${request.url}) but no http fake was given`);
      const response = options.http(request);
      if (response && typeof (response as unknown as PromiseLike<unknown>).then === 'function') {
        throw new Error('the http fake must answer synchronously');
      }
      return response;
    },
    limits,
  };
  const engine = new Engine(program, services, { steps: 0 });
  const base = { logs, sleeps, httpCalls };
  try {
    const argument = options.argument === undefined ? null : fromJs(options.argument, 'argument');
    const value = engine.runMain(argument);
    return { state: 'SUCCEEDED', result: resultOf(value, limits.maxResultBytes), steps: engine.stats.steps, ...base };
  } catch (e) {
    if (!(e instanceof WorkflowError)) throw e;
    return { state: 'FAILED', result: null, error: toJs(e.value), steps: engine.stats.steps, ...base };
  }
}

/**
 * The execution result as JSON data. "Bytes can't be returned by a workflow as they can't be
 * JSON-encoded" (https://cloud.google.com/workflows/docs/reference/syntax/datatypes#bytes): the
 * execution fails with a ValueError (the tag json.encode documents for bytes).
 */
function resultOf(value: WfValue, maxBytes: number): unknown {
  const size = Buffer.byteLength(encodeJson(value), 'utf8');
  if (size > maxBytes) throw resourceLimitError(`the result of ${size} bytes exceeds the limit of ${maxBytes}`);
  return toJs(value);
}
