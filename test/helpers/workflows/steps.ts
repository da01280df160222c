import { assign, parseTarget } from './assignment';
import {
  InvalidWorkflow, recursionError, resourceLimitError, typeError, UnsupportedFeature, WorkflowError,
} from './errors';
import { EvalScope, evaluateValue } from './expressions';
import { bindNamed, bindPositional, Services } from './library';
import { longestString, memorySize } from './limits';
import { backoffDelay, parseRetryPolicy, RetryPolicy } from './retry';
import { Frame } from './scope';
import { callFromExpression, isModule, libraryFunction, libraryValue } from './standard-library';
import { Program, Step, StepBody } from './validate';
import { Callable, clone, describe, typeOf, WfMap, WfValue } from './values';

/**
 * Step execution (https://cloud.google.com/workflows/docs/reference/syntax and its subpages).
 *
 * Control flow is returned as a `Completion`; Workflows errors travel as thrown `WorkflowError`s,
 * refusals as thrown `UnsupportedFeature`/`InvalidWorkflow` (never caught by `except`).
 *
 * Jumps (https://cloud.google.com/workflows/docs/reference/syntax/jumps): `next: NAME` moves to a
 * step of the same list or of an enclosing `steps`/switch list of the same subworkflow. Jumping
 * out of (or into) a for loop body, a try block or an except block is refused: the docs describe
 * only `break`/`continue` for loops. `next: end` ends the (sub)workflow with null, from anywhere
 * (https://cloud.google.com/workflows/docs/reference/syntax/completing); `break`/`continue` act
 * on the innermost for loop.
 */

type Completion =
  | { kind: 'next' }
  | { kind: 'jump'; target: string }
  | { kind: 'break' }
  | { kind: 'continue' }
  | { kind: 'end' }
  | { kind: 'return'; value: WfValue };

const NEXT: Completion = { kind: 'next' };

/** Counters of one execution. */
export interface Stats {
  steps: number;
}

/** Runs the steps of one execution. */
export class Engine {
  private readonly frames: Frame[] = [];

  constructor(private readonly program: Program, private readonly services: Services, readonly stats: Stats) {}

  /** Runs main with the runtime argument. */
  runMain(argument: WfValue): WfValue {
    const main = this.program.subworkflows.get('main')!;
    const args: WfMap = new Map();
    if (main.params.length === 1) args.set(main.params[0].name, argument);
    return this.callSubworkflow('main', args);
  }

  /**
   * Calls a subworkflow with named arguments. "The default parameter value is used only if a
   * parameter isn't provided as part of a subworkflow call"
   * (https://cloud.google.com/workflows/docs/reference/syntax/subworkflows); an unknown or a
   * missing argument is a TypeError.
   */
  callSubworkflow(name: string, args: WfMap): WfValue {
    const sub = this.program.subworkflows.get(name)!;
    if (this.frames.length >= this.services.limits.maxCallDepth) {
      throw recursionError(`call stack depth exceeded ${this.services.limits.maxCallDepth} calling ${name}`);
    }
    for (const key of args.keys()) {
      if (!sub.params.some((p) => p.name === key)) throw typeError(`subworkflow ${name} has no parameter "${key}"`);
    }
    const frame = new Frame(name);
    for (const param of sub.params) {
      if (args.has(param.name)) frame.set(param.name, clone(args.get(param.name)!));
      else if (param.hasDefault) frame.set(param.name, evaluateValue(param.default, this.scope(frame)));
      else throw typeError(`subworkflow ${name} is missing the argument "${param.name}"`);
    }
    this.frames.push(frame);
    try {
      this.checkMemory();
      const done = this.runSteps(sub.steps, frame);
      switch (done.kind) {
        case 'return': return clone(done.value);
        case 'next':
        case 'end': return null;
        default: throw new InvalidWorkflow(`${name}: ${done.kind === 'jump' ? `next: ${done.target}` : `next: ${done.kind}`} leaves the subworkflow`);
      }
    } finally {
      this.frames.pop();
    }
  }

  /** What expressions of a frame can see. */
  private scope(frame: Frame): EvalScope {
    return {
      lookup: (name) => frame.lookup(name),
      isSubworkflow: (name) => this.program.subworkflows.has(name),
      callFunction: (name, args) => callFromExpression(name, args, this.services),
      libraryValue,
      isModule,
    };
  }

  private eval(raw: unknown, frame: Frame): WfValue {
    return evaluateValue(raw, this.scope(frame));
  }

  private runSteps(steps: Step[], frame: Frame): Completion {
    let i = 0;
    while (i < steps.length) {
      const done = this.runStep(steps[i], frame);
      if (done.kind === 'next') {
        i++;
      } else if (done.kind === 'jump' && steps.some((s) => s.name === done.target)) {
        i = steps.findIndex((s) => s.name === done.target);
      } else {
        return done;
      }
    }
    return NEXT;
  }

  private runStep(step: Step, frame: Frame): Completion {
    this.stats.steps++;
    if (this.stats.steps > this.services.limits.maxSteps) {
      throw resourceLimitError(`the execution exceeded ${this.services.limits.maxSteps} steps`);
    }
    const body = step.body;
    if ('assign' in body) {
      this.assignAll(body.assign, frame);
      return this.next(body);
    }
    if ('call' in body) {
      this.call(body, frame);
      return this.next(body);
    }
    if ('switch' in body) return this.switch(body, frame);
    if ('for' in body) return this.for(step, frame);
    if ('try' in body) return this.try(step, frame);
    if ('steps' in body) {
      const done = this.runSteps(body.steps, frame);
      return done.kind === 'next' ? this.next(body) : done;
    }
    if ('raise' in body) throw this.raise(body.raise, frame);
    if ('return' in body) return { kind: 'return', value: this.eval(body.return, frame) };
    return this.next(body);
  }

  private next(body: StepBody): Completion {
    const target: string | undefined = body.next;
    if (target === undefined) return NEXT;
    if (target === 'end' || target === 'break' || target === 'continue') return { kind: target };
    return { kind: 'jump', target };
  }

  /** Assignments run in order, each seeing the previous ones. */
  private assignAll(items: { [target: string]: unknown }[], frame: Frame): void {
    for (const item of items) {
      const [target, raw] = Object.entries(item)[0];
      const value = clone(this.eval(raw, frame));
      assign(frame, parseTarget(target), value, this.scope(frame));
      this.checkMemory();
    }
  }

  private call(body: StepBody, frame: Frame): void {
    const target: string = body.call;
    const args = body.args === undefined ? undefined : this.eval(body.args, frame);
    let result: WfValue;
    if (this.program.subworkflows.has(target)) {
      result = this.callSubworkflow(target, (args as WfMap | undefined) ?? new Map());
    } else {
      const f = libraryFunction(target)!;
      const bound = args === undefined ? bindNamed(f, new Map()) : Array.isArray(args) ? bindPositional(f, args) : bindNamed(f, args as WfMap);
      result = f.impl(bound, this.services);
    }
    if (body.result !== undefined) {
      frame.set(body.result, clone(result));
      this.checkMemory();
    }
  }

  /**
   * "If no matching expression is found, the workflow looks for an optional default condition …
   * If there is neither a match nor a default condition, the workflow continues execution with the
   * step that immediately follows" — or the switch's own `next`. "Each expression must evaluate to
   * true or false" (https://cloud.google.com/workflows/docs/reference/syntax/conditions); anything
   * else, null included, is a TypeError.
   */
  private switch(body: StepBody, frame: Frame): Completion {
    for (const condition of body.switch as StepBody[]) {
      const value = this.eval(condition.condition, frame);
      if (typeof value !== 'boolean') throw typeError(`a switch condition must be true or false, got ${typeOf(value)} ${describe(value)}`);
      if (!value) continue;
      if ('return' in condition) return { kind: 'return', value: this.eval(condition.return, frame) };
      if ('raise' in condition) throw this.raise(condition.raise, frame);
      if ('assign' in condition) this.assignAll(condition.assign, frame);
      if ('call' in condition) this.call(condition, frame);
      if ('steps' in condition) {
        const done = this.runSteps(condition.steps, frame);
        if (done.kind !== 'next') return done;
      }
      return 'next' in condition ? this.next(condition) : this.next(body);
    }
    return this.next(body);
  }

  /**
   * A for loop over a list (`in`) or an inclusive numeric range (`range: [start, end]`)
   * (https://cloud.google.com/workflows/docs/reference/syntax/iteration). The value and index
   * variables, and variables created in the body, are local to the loop. `in` must be a list
   * (maps are iterated with `keys(map)`); a range takes two numbers and steps by 1.
   */
  private for(step: Step, frame: Frame): Completion {
    const loop = step.body.for;
    const items: WfValue[] = [];
    if ('in' in loop) {
      const list = this.eval(loop.in, frame);
      if (!Array.isArray(list)) throw typeError(`for ${loop.value} in: needs a list, got ${typeOf(list)} (iterate a map with keys())`);
      items.push(...list);
    } else {
      const range = this.eval(loop.range, frame);
      if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === 'bigint' || typeof v === 'number')) {
        throw typeError(`for ${loop.value} range: needs [start, end] numbers`);
      }
      const [start, end] = range as (bigint | number)[];
      if (typeof start === 'bigint' && typeof end === 'bigint') {
        for (let v = start; v <= end; v++) items.push(v);
      } else {
        for (let v = Number(start); v <= Number(end); v++) items.push(v);
      }
    }
    if (frame.lookup(loop.value) !== undefined || (loop.index !== undefined && frame.lookup(loop.index) !== undefined)) {
      // "The variable name must not be used in assignments or expressions outside of the loop."
      throw new InvalidWorkflow(`${step.name}: loop variable ${loop.value} is also a variable outside the loop`);
    }
    for (let i = 0; i < items.length; i++) {
      const locals: [string, WfValue][] = [[loop.value, clone(items[i])]];
      if (loop.index !== undefined) locals.push([loop.index, BigInt(i)]);
      frame.push(locals);
      let done: Completion;
      try {
        this.checkMemory();
        done = this.runSteps(loop.steps, frame);
      } finally {
        frame.pop();
      }
      if (done.kind === 'break') break;
      if (done.kind === 'next' || done.kind === 'continue') continue;
      if (done.kind === 'jump') throw new InvalidWorkflow(`${step.name}: next: ${done.target} jumps out of a for loop`);
      return done;
    }
    return this.next(step.body);
  }

  /**
   * try / retry / except. On an error the retry policy's predicate decides; a retry sleeps the
   * backoff delay and re-runs the whole try block, at most max_retries times
   * (https://cloud.google.com/workflows/docs/reference/syntax/retrying). An error that is not
   * retried goes to `except` (its `as` variable and the variables it creates are local to it,
   * https://cloud.google.com/workflows/docs/reference/syntax/catching-errors#variable-scope), or
   * propagates. An error raised by the predicate itself propagates (not documented).
   */
  private try(step: Step, frame: Frame): Completion {
    const body = step.body;
    let policy: RetryPolicy | undefined;
    let retries = 0;
    for (;;) {
      let error: WorkflowError;
      try {
        const done = this.runSteps(body.try.steps, frame);
        if (done.kind === 'jump') throw new InvalidWorkflow(`${step.name}: next: ${done.target} jumps out of a try block`);
        return done.kind === 'next' ? this.next(body) : done;
      } catch (e) {
        if (!(e instanceof WorkflowError)) throw e;
        error = e;
      }
      if ('retry' in body) {
        policy ??= parseRetryPolicy(this.eval(body.retry, frame));
        if (retries < policy.maxRetries && this.predicate(policy.predicate, error.value)) {
          this.services.sleep(backoffDelay(policy, retries), 'retry');
          retries++;
          continue;
        }
      }
      if (!('except' in body)) throw error;
      const except = body.except;
      frame.push(except.as === undefined ? [] : [[except.as, clone(error.value)]]);
      let done: Completion;
      try {
        this.checkMemory();
        done = except.steps ? this.runSteps(except.steps, frame) : NEXT;
      } finally {
        frame.pop();
      }
      if (done.kind === 'jump') throw new InvalidWorkflow(`${step.name}: next: ${done.target} jumps out of an except block`);
      return done.kind === 'next' ? this.next(body) : done;
    }
  }

  /** Calls a retry predicate (a library function or a one-parameter subworkflow) on an error. */
  private predicate(predicate: Callable, error: WfValue): boolean {
    let answer: WfValue;
    if (predicate.kind === 'stdlib') {
      const f = libraryFunction(predicate.name)!;
      answer = f.impl(bindPositional(f, [error]), this.services);
    } else {
      const sub = this.program.subworkflows.get(predicate.name)!;
      if (sub.params.length !== 1) throw new InvalidWorkflow(`retry predicate ${predicate.name} must take exactly one parameter`);
      answer = this.callSubworkflow(predicate.name, new Map([[sub.params[0].name, error]]));
    }
    if (typeof answer !== 'boolean') throw typeError(`retry predicate ${predicate.name} returned ${typeOf(answer)}, not a boolean`);
    return answer;
  }

  /** "Errors can be either a string or a map" (https://cloud.google.com/workflows/docs/reference/syntax/raising-errors). */
  private raise(raw: unknown, frame: Frame): WorkflowError {
    const value = this.eval(raw, frame);
    if (typeof value !== 'string' && !(value instanceof Map)) throw new UnsupportedFeature(`raising a ${typeOf(value)} (only strings and maps are documented)`);
    return new WorkflowError(clone(value));
  }

  /** Enforces the memory and string-length limits over every live variable. */
  private checkMemory(): void {
    const { maxMemoryBytes, maxStringBytes } = this.services.limits;
    let total = 0;
    for (const frame of this.frames) {
      for (const size of frame.measures((value) => ({ memory: memorySize(value), longest: longestString(value) }))) {
        if (size.longest > maxStringBytes) throw resourceLimitError(`a string longer than ${maxStringBytes} bytes`);
        total += size.memory;
      }
    }
    if (total > maxMemoryBytes) throw resourceLimitError(`variables use ${total} bytes, more than the limit of ${maxMemoryBytes}`);
  }
}
