/**
 * Small builders for the launcher's Cloud Workflows definition, written as the JSON form of the
 * Workflows syntax (https://cloud.google.com/workflows/docs/reference/syntax). Pure data.
 *
 * Two rules hold everywhere in the definition, because Google's reference leaves them open:
 * - an expression never relies on `and` / `or` short-circuiting (both operands are always safe to
 *   evaluate), so nested checks are written as nested `switch` steps;
 * - a missing map key is read with `map.get` (null when absent), never with `.` or `[...]`.
 */

/** One step: `{ name: body }`. */
export type Step = { [name: string]: unknown };

/** A subworkflow: its parameters (with defaults as `{ name: value }`) and steps. */
export interface Subworkflow {
  readonly params?: (string | { [name: string]: unknown })[];
  readonly steps: Step[];
}

/** `${expression}`. */
export function x(expression: string): string {
  return `\${${expression}}`;
}

/** A Workflows string literal of `value` (inside an expression). */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** A step named `name`. */
export function step(name: string, body: { [key: string]: unknown }): Step {
  return { [name]: body };
}

/** An `assign` step: `[['a', '${1}'], ['b', '${a + 1}']]` in order. */
export function assign(name: string, assignments: [string, unknown][]): Step {
  return step(name, { assign: assignments.map(([variable, value]) => ({ [variable]: value })) });
}

/** A `return` step. */
export function returns(name: string, value: unknown): Step {
  return step(name, { return: value });
}

/** A `raise` step. */
export function raises(name: string, value: unknown): Step {
  return step(name, { raise: value });
}

/** A call of a subworkflow or standard-library function. */
export function call(name: string, target: string, args?: { [key: string]: unknown }, result?: string): Step {
  return step(name, { call: target, ...(args ? { args } : {}), ...(result ? { result } : {}) });
}

/** One condition of a `switch`: when `condition` holds, run `steps`, or jump (`next`: a step, `break`, `continue`, `end`). */
export interface Branch {
  readonly condition: string | boolean;
  readonly steps?: Step[];
  readonly next?: string;
}

/** A `switch` step; conditions carry steps (the form every Workflows syntax version accepts) or a jump. */
export function switchOn(name: string, branches: Branch[]): Step {
  return step(name, { switch: branches.map((b) => ({ condition: b.condition, ...(b.steps ? { steps: b.steps } : {}), ...(b.next ? { next: b.next } : {}) })) });
}

/** A `for` loop over a list expression. */
export function forEach(name: string, value: string, list: string, steps: Step[], index?: string): Step {
  return step(name, { for: { value, ...(index ? { index } : {}), in: list, steps } });
}

/** A `for` loop over an inclusive integer range. */
export function forRange(name: string, value: string, from: number, to: number, steps: Step[]): Step {
  return step(name, { for: { value, range: [from, to], steps } });
}

/** A `try` block with an `except` handler. */
export function tryExcept(name: string, steps: Step[], errorVariable: string, handler: Step[]): Step {
  return step(name, { try: { steps }, except: { as: errorVariable, steps: handler } });
}

/** How a block is retried on transient errors (see `google-apis.ts`). */
export interface RetryPolicy {
  /** The predicate subworkflow that says which errors are transient. */
  readonly predicate: string;
  readonly maxRetries: number;
  readonly initialDelay: number;
  readonly maxDelay: number;
  readonly multiplier: number;
}

/** A `try` block retried with `policy`; the whole block runs again on each retry. */
export function tryRetry(name: string, steps: Step[], policy: RetryPolicy): Step {
  return step(name, {
    try: { steps },
    retry: {
      predicate: x(policy.predicate),
      max_retries: policy.maxRetries,
      backoff: { initial_delay: policy.initialDelay, max_delay: policy.maxDelay, multiplier: policy.multiplier },
    },
  });
}

/** A `sys.log` call with a structured payload. */
export function log(name: string, severity: 'INFO' | 'WARNING' | 'ERROR', json: { [key: string]: unknown }): Step {
  return call(name, 'sys.log', { severity, json });
}
