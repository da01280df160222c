import { parseTarget } from './assignment';
import { Expr, expressionOf } from './expression-parser';
import { InvalidWorkflow, UnsupportedFeature } from './errors';
import { libraryFunction } from './standard-library';
import { Limits } from './types';

/**
 * Load-time checks of a definition, standing in for Workflows' deployment: the structure of
 * subworkflows and steps, every step key, call targets, jump targets, expression syntax and the
 * per-step limits. Everything found is checked, executed or not, so that an unsupported
 * construct in a branch a test does not reach still refuses the definition.
 *
 * Definitions come in the JSON form of the YAML source: a list of steps, or a map of
 * subworkflows with `main` (https://cloud.google.com/workflows/docs/reference/syntax/subworkflows).
 */

/** A step: its name and body. */
export interface Step {
  name: string;
  body: StepBody;
}

/** A step body, as written in the definition. */
export type StepBody = { [key: string]: any };

/** A parameter of a subworkflow; `default` is the raw definition value when given. */
export interface SubworkflowParam {
  name: string;
  hasDefault: boolean;
  default?: unknown;
}

/** A subworkflow of a loaded definition. */
export interface Subworkflow {
  name: string;
  params: SubworkflowParam[];
  steps: Step[];
}

/** A loaded definition. */
export interface Program {
  subworkflows: Map<string, Subworkflow>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_TARGETS = ['end', 'break', 'continue'];

/**
 * What each kind of step may contain besides its own key
 * (https://cloud.google.com/workflows/docs/reference/syntax: assign, call with args/result,
 * switch, for, try with retry/except, raise, return, nested steps; `next` on any step that does
 * not end the flow). `parallel` is refused.
 */
const STEP_KINDS: { [kind: string]: string[] } = {
  assign: ['next'],
  call: ['args', 'result', 'next'],
  switch: ['next'],
  for: ['next'],
  try: ['retry', 'except', 'next'],
  steps: ['next'],
  raise: [],
  return: [],
};

/** Keys a switch condition may have (https://cloud.google.com/workflows/docs/reference/syntax/conditions). */
const CONDITION_KEYS = ['condition', 'next', 'steps', 'assign', 'return', 'raise', 'call', 'args', 'result'];

/** Loads and checks a definition. */
export function loadProgram(definition: unknown, limits: Limits): Program {
  // A copy: checking annotates the definition (steps lists become Step lists).
  const copy = structuredClone(definition);
  const raw = Array.isArray(copy) ? { main: { steps: copy } } : copy;
  if (!isObject(raw)) throw new InvalidWorkflow('a definition is a list of steps or a map of subworkflows');
  if (!('main' in raw)) throw new InvalidWorkflow('a definition with subworkflows needs a "main" block');
  const program: Program = { subworkflows: new Map() };
  for (const [name, body] of Object.entries(raw)) {
    if (!IDENTIFIER.test(name)) throw new InvalidWorkflow(`subworkflow name "${name}"`);
    if (!isObject(body)) throw new InvalidWorkflow(`subworkflow ${name} must be a map with params and steps`);
    for (const key of Object.keys(body)) {
      if (key !== 'params' && key !== 'steps') throw new UnsupportedFeature(`subworkflow key "${key}" in ${name}`);
    }
    if (!Array.isArray(body.steps) || body.steps.length === 0) throw new InvalidWorkflow(`subworkflow ${name} needs steps`);
    program.subworkflows.set(name, { name, params: params(name, body.params), steps: [] });
  }
  const main = program.subworkflows.get('main')!;
  if (main.params.length > 1) throw new InvalidWorkflow('main accepts a single parameter (the runtime argument)');
  if (main.params.some((p) => p.hasDefault)) throw new UnsupportedFeature('a default value for main\'s parameter');
  for (const sub of program.subworkflows.values()) {
    const checker = new Checker(program, sub, limits);
    sub.steps = checker.steps((raw as any)[sub.name].steps, 0);
    checker.checkJumps();
  }
  return program;
}

function params(subworkflow: string, raw: unknown): SubworkflowParam[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new InvalidWorkflow(`params of ${subworkflow} must be a list`);
  const result = raw.map((p): SubworkflowParam => {
    if (typeof p === 'string') return { name: p, hasDefault: false };
    if (isObject(p) && Object.keys(p).length === 1) {
      const [name, value] = Object.entries(p)[0];
      return { name, hasDefault: true, default: value };
    }
    throw new InvalidWorkflow(`a parameter of ${subworkflow} must be a name or {name: default}`);
  });
  const names = result.map((p) => p.name);
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new InvalidWorkflow(`parameter name "${name}" of ${subworkflow}`);
    if (names.indexOf(name) !== names.lastIndexOf(name)) throw new InvalidWorkflow(`parameter ${name} of ${subworkflow} given twice`);
  }
  return result;
}

function isObject(value: unknown): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class Checker {
  private readonly names = new Set<string>();
  private readonly jumps: string[] = [];

  constructor(private readonly program: Program, private readonly sub: Subworkflow, private readonly limits: Limits) {}

  private where(step?: string): string {
    return `${this.sub.name}${step ? `.${step}` : ''}`;
  }

  steps(raw: unknown, loops: number): Step[] {
    if (!Array.isArray(raw) || raw.length === 0) throw new InvalidWorkflow(`${this.where()}: "steps" must be a non-empty list`);
    return raw.map((entry) => {
      if (!isObject(entry) || Object.keys(entry).length !== 1) throw new InvalidWorkflow(`${this.where()}: each step is a map with one key, its name`);
      const [name, body] = Object.entries(entry)[0];
      // "Step names must be unique at the subworkflow level" (https://cloud.google.com/workflows/docs/reference/syntax/steps).
      if (this.names.has(name)) throw new InvalidWorkflow(`${this.where()}: step name ${name} is used twice`);
      if (RESERVED_TARGETS.includes(name)) throw new InvalidWorkflow(`${this.where()}: "${name}" is reserved for next`);
      this.names.add(name);
      if (!isObject(body)) throw new InvalidWorkflow(`${this.where(name)}: a step body must be a map`);
      this.body(name, body, loops);
      return { name, body };
    });
  }

  private body(name: string, body: StepBody, loops: number): void {
    const keys = Object.keys(body);
    if (keys.includes('parallel')) throw new UnsupportedFeature(`${this.where(name)}: parallel steps`);
    const kinds = keys.filter((k) => k in STEP_KINDS);
    if (kinds.length > 1) throw new InvalidWorkflow(`${this.where(name)}: a step cannot be both ${kinds.join(' and ')}`);
    const kind = kinds[0];
    const allowed = kind ? [kind, ...STEP_KINDS[kind]] : ['next'];
    for (const key of keys) if (!allowed.includes(key)) throw new UnsupportedFeature(`${this.where(name)}: step key "${key}"${kind ? ` in a ${kind} step` : ''}`);
    if (keys.length === 0) throw new InvalidWorkflow(`${this.where(name)}: an empty step`);
    if ('next' in body) this.next(name, body.next, loops);
    switch (kind) {
      case 'assign': this.assign(name, body.assign); break;
      case 'call': this.call(name, body); break;
      case 'switch': this.switch(name, body.switch, loops); break;
      case 'for': this.for(name, body.for, loops); break;
      case 'try': this.try(name, body, loops); break;
      case 'steps': body.steps = this.steps(body.steps, loops); break;
      case 'raise': this.value(name, body.raise); break;
      case 'return': this.value(name, body.return); break;
      default: break;
    }
  }

  private next(name: string, target: unknown, loops: number): void {
    if (typeof target !== 'string') throw new InvalidWorkflow(`${this.where(name)}: next must be a step name`);
    if (target === 'break' || target === 'continue') {
      if (loops === 0) throw new InvalidWorkflow(`${this.where(name)}: next: ${target} outside a for loop`);
    } else if (target !== 'end') {
      this.jumps.push(target);
    }
  }

  checkJumps(): void {
    for (const target of this.jumps) {
      if (!this.names.has(target)) throw new InvalidWorkflow(`${this.where()}: next: ${target} names no step`);
    }
  }

  private assign(name: string, raw: unknown): void {
    if (!Array.isArray(raw) || raw.length === 0) throw new InvalidWorkflow(`${this.where(name)}: assign must be a non-empty list`);
    if (raw.length > this.limits.maxAssignments) throw new InvalidWorkflow(`${this.where(name)}: more than ${this.limits.maxAssignments} assignments`);
    for (const item of raw) {
      if (!isObject(item) || Object.keys(item).length !== 1) throw new InvalidWorkflow(`${this.where(name)}: each assignment is a map with one key`);
      const [target, value] = Object.entries(item)[0];
      this.expressions(parseTarget(target).path.flatMap((s) => (s.kind === 'index' ? [s.expr] : [])), name);
      this.value(name, value);
    }
  }

  private call(name: string, body: StepBody): void {
    const target = body.call;
    if (typeof target !== 'string') throw new InvalidWorkflow(`${this.where(name)}: call must name a function or subworkflow`);
    const sub = this.program.subworkflows.get(target);
    if (!sub && !libraryFunction(target)) throw new UnsupportedFeature(`${this.where(name)}: call target ${target}`);
    if (body.args !== undefined) {
      if (sub && !isObject(body.args)) throw new InvalidWorkflow(`${this.where(name)}: args of a subworkflow call must be a map`);
      if (!isObject(body.args) && !Array.isArray(body.args)) throw new InvalidWorkflow(`${this.where(name)}: args must be a map or a list`);
      this.value(name, body.args);
    }
    if (body.result !== undefined && (typeof body.result !== 'string' || !IDENTIFIER.test(body.result))) {
      throw new InvalidWorkflow(`${this.where(name)}: result must be a variable name`);
    }
  }

  private switch(name: string, raw: unknown, loops: number): void {
    if (!Array.isArray(raw) || raw.length === 0) throw new InvalidWorkflow(`${this.where(name)}: switch must be a non-empty list`);
    if (raw.length > this.limits.maxConditions) throw new InvalidWorkflow(`${this.where(name)}: more than ${this.limits.maxConditions} conditions`);
    for (const condition of raw) {
      if (!isObject(condition) || !('condition' in condition)) throw new InvalidWorkflow(`${this.where(name)}: each switch entry needs a condition`);
      for (const key of Object.keys(condition)) if (!CONDITION_KEYS.includes(key)) throw new UnsupportedFeature(`${this.where(name)}: condition key "${key}"`);
      const actions = ['steps', 'assign', 'return', 'raise', 'call'].filter((k) => k in condition);
      if (actions.length > 1) throw new UnsupportedFeature(`${this.where(name)}: a condition with both ${actions.join(' and ')}`);
      if ('next' in condition && (actions[0] === 'return' || actions[0] === 'raise')) throw new InvalidWorkflow(`${this.where(name)}: next after ${actions[0]}`);
      if (('args' in condition || 'result' in condition) && actions[0] !== 'call') throw new InvalidWorkflow(`${this.where(name)}: args/result without call`);
      this.value(name, condition.condition);
      if ('next' in condition) this.next(name, condition.next, loops);
      if ('steps' in condition) condition.steps = this.steps(condition.steps, loops);
      if ('assign' in condition) this.assign(name, condition.assign);
      if ('return' in condition) this.value(name, condition.return);
      if ('raise' in condition) this.value(name, condition.raise);
      if ('call' in condition) this.call(name, condition);
    }
  }

  private for(name: string, raw: unknown, loops: number): void {
    if (!isObject(raw)) throw new InvalidWorkflow(`${this.where(name)}: for must be a map`);
    for (const key of Object.keys(raw)) {
      if (!['value', 'index', 'in', 'range', 'steps'].includes(key)) throw new UnsupportedFeature(`${this.where(name)}: for key "${key}"`);
    }
    if (typeof raw.value !== 'string' || !IDENTIFIER.test(raw.value)) throw new InvalidWorkflow(`${this.where(name)}: for needs a value variable`);
    if (raw.index !== undefined && (typeof raw.index !== 'string' || !IDENTIFIER.test(raw.index))) throw new InvalidWorkflow(`${this.where(name)}: for index must be a variable name`);
    if (('in' in raw) === ('range' in raw)) throw new InvalidWorkflow(`${this.where(name)}: for needs exactly one of in and range`);
    // An index with a range is not documented (https://cloud.google.com/workflows/docs/reference/syntax/iteration).
    if ('range' in raw && raw.index !== undefined) throw new UnsupportedFeature(`${this.where(name)}: index with range`);
    this.value(name, 'in' in raw ? raw.in : raw.range);
    raw.steps = this.steps(raw.steps, loops + 1);
  }

  private try(name: string, body: StepBody, loops: number): void {
    const block = body.try;
    if (!isObject(block)) throw new InvalidWorkflow(`${this.where(name)}: try must be a map`);
    // `try` holds `steps`, or a single step body such as `call: http.get`
    // (https://cloud.google.com/workflows/docs/reference/syntax/catching-errors).
    if (Object.keys(block).length === 1 && 'steps' in block) block.steps = this.steps(block.steps, loops);
    else {
      // "There is a known issue where the placement of for directly after try causes an error"
      // (https://cloud.google.com/workflows/docs/reference/syntax/retrying, linking Known issues).
      if ('for' in block) throw new InvalidWorkflow(`${this.where(name)}: for directly after try (a known Workflows issue; wrap it in steps)`);
      if ('next' in block) throw new UnsupportedFeature(`${this.where(name)}: next inside a single-step try`);
      this.body(`${name}.try`, block, loops);
      body.try = { steps: [{ name: `${name}.try`, body: block }] };
    }
    if ('retry' in body) this.retry(name, body.retry);
    if ('except' in body) {
      const except = body.except;
      if (!isObject(except)) throw new InvalidWorkflow(`${this.where(name)}: except must be a map`);
      for (const key of Object.keys(except)) if (key !== 'as' && key !== 'steps') throw new UnsupportedFeature(`${this.where(name)}: except key "${key}"`);
      if (except.as !== undefined && (typeof except.as !== 'string' || !IDENTIFIER.test(except.as))) throw new InvalidWorkflow(`${this.where(name)}: except.as must be a variable name`);
      if (except.steps !== undefined) except.steps = this.steps(except.steps, loops);
    }
  }

  private retry(name: string, raw: unknown): void {
    if (typeof raw === 'string') {
      this.value(name, raw);
      return;
    }
    // A policy map: exactly predicate, max_retries and backoff (initial_delay, max_delay, multiplier)
    // (https://cloud.google.com/workflows/docs/reference/syntax/retrying).
    if (!isObject(raw)) throw new InvalidWorkflow(`${this.where(name)}: retry must be an expression or a policy map`);
    const keys = ['predicate', 'max_retries', 'backoff'];
    for (const key of Object.keys(raw)) if (!keys.includes(key)) throw new UnsupportedFeature(`${this.where(name)}: retry key "${key}"`);
    for (const key of keys) if (!(key in raw)) throw new InvalidWorkflow(`${this.where(name)}: retry needs ${key}`);
    if (isObject(raw.backoff)) {
      const backoffKeys = ['initial_delay', 'max_delay', 'multiplier'];
      for (const key of Object.keys(raw.backoff)) if (!backoffKeys.includes(key)) throw new UnsupportedFeature(`${this.where(name)}: backoff key "${key}"`);
      for (const key of backoffKeys) if (!(key in raw.backoff)) throw new InvalidWorkflow(`${this.where(name)}: backoff needs ${key}`);
    }
    this.value(name, raw);
  }

  /** Checks every expression in a definition value. */
  private value(name: string, raw: unknown): void {
    if (typeof raw === 'string') {
      const expr = expressionOf(raw);
      if (expr) {
        if (raw.length - 3 > this.limits.maxExpressionLength) throw new InvalidWorkflow(`${this.where(name)}: an expression longer than ${this.limits.maxExpressionLength} characters`);
        this.expressions([expr], name);
      }
    } else if (Array.isArray(raw)) {
      for (const item of raw) this.value(name, item);
    } else if (isObject(raw)) {
      for (const [key, item] of Object.entries(raw)) {
        this.value(name, key);
        this.value(name, item);
      }
    }
  }

  /** Checks that every function an expression calls exists and can be called there. */
  private expressions(exprs: Expr[], name: string): void {
    const visit = (e: Expr): void => {
      switch (e.kind) {
        case 'call': {
          const f = libraryFunction(e.callee);
          if (this.program.subworkflows.has(e.callee)) throw new UnsupportedFeature(`${this.where(name)}: calling subworkflow ${e.callee} inside an expression`);
          if (!f) throw new UnsupportedFeature(`${this.where(name)}: function ${e.callee} is not implemented`);
          if (f.blocking) throw new InvalidWorkflow(`${this.where(name)}: ${e.callee} is a blocking call and cannot be used inside an expression`);
          e.args.forEach(visit);
          break;
        }
        case 'member': visit(e.object); break;
        case 'index': visit(e.object); visit(e.index); break;
        case 'unary': visit(e.operand); break;
        case 'binary': visit(e.left); visit(e.right); break;
        case 'list': e.items.forEach(visit); break;
        case 'map': e.entries.forEach(([, v]) => visit(v)); break;
        default: break;
      }
    };
    exprs.forEach(visit);
  }
}
