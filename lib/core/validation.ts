import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { RuleResult } from '../rules/result';

/**
 * Invalid input, reported with the construct path, the field, the value and what is allowed, e.g.
 * `stack/env: buckets.data.name "My_Bucket" is not valid: must be a bucket name: ...`: one such line
 * per problem, so that one synth shows every mistake of a construct at once. When the construct was
 * declared in a config file (see {@link locateProblemsOf}), each line starts with the file, line and
 * column of what caused it.
 */
export class ValidationError extends Error {
  /** The problems as `<construct path>: <field> <value> is not valid: <allowed>`, without their place in a config file. */
  public readonly lines: readonly string[];

  /**
   * @param scope the construct that received the input
   * @param field the property path within the construct's props (`buckets.data.name`)
   * @param value the rejected value
   * @param allowed what would have been accepted
   * @param more further problems of the same construct, a line each
   */
  constructor(scope: IConstruct, field: string, value: unknown, allowed: string, more: readonly FieldProblem[] = []) {
    const lines = [{ field, value, allowed }, ...more].map((p) => problemLine(scope, p));
    super(locate(scope, lines).join('\n'));
    this.name = 'ValidationError';
    this.lines = lines;
  }
}

/** `<construct path>: <field> <value> is not valid: <allowed>`. */
function problemLine(scope: IConstruct, p: FieldProblem): string {
  return `${scope.node.path}: ${p.field} ${formatValue(p.value)} is not valid: ${p.allowed}`;
}

/**
 * A value as a message shows it: strings quoted, numbers and booleans bare, a construct by its path,
 * an object or list as (shortened) JSON, an instance by its class.
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `(a function${value.name ? ` ${value.name}` : ''})`;
  if (value === null || typeof value !== 'object') return String(value);
  const path = (value as { node?: { path?: unknown } }).node?.path;
  if (typeof path === 'string') return `(the construct ${path})`;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return `(a ${prototype?.constructor?.name ?? 'object'})`;
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = Array.isArray(value) ? '[...]' : '{...}';
  }
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/**
 * Places a problem line of a construct (or of one below it) in the file that declared it.
 * @param scope the construct the line is about
 */
export type ProblemLocator = (line: string, scope: IConstruct) => string;

const locators = new WeakMap<IConstruct, ProblemLocator>();

/**
 * From now on, problems of `scope` and of the constructs below it are placed by `locator`: the
 * config front end registers each entity it built, so that errors found after construction (at
 * synth, or by a later call) carry the file, line and column of what caused them.
 */
export function locateProblemsOf(scope: IConstruct, locator: ProblemLocator): void {
  locators.set(scope, locator);
}

/** The lines, placed by the locator of the nearest scope that has one. */
function locate(scope: IConstruct, lines: readonly string[]): string[] {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const locator = locators.get(scopes[i]);
    if (locator) return lines.map((line) => locator(line, scope));
  }
  return [...lines];
}

/**
 * A message about `scope` (an error annotation, a validation's message) placed like the lines of a
 * {@link ValidationError}: with the file, line and column when a config file declared the construct.
 */
export function locatedMessage(scope: IConstruct, message: string): string {
  return locate(scope, [message])[0];
}

/**
 * The problems as the lines of a {@link ValidationError}: for validations that return messages
 * (`node.addValidation`) rather than throw, so that their lines carry a config file's positions too.
 */
export function problemLines(scope: IConstruct, problems: readonly FieldProblem[]): string[] {
  return locate(scope, problems.map((p) => problemLine(scope, p)));
}

/**
 * Applies a pure rule to a value unless the value is a token (known only at apply time), and throws
 * a {@link ValidationError} naming the construct, the field and the value.
 */
export function check<T extends string | number>(
  scope: IConstruct,
  field: string,
  value: T | undefined,
  rule: (value: T) => RuleResult,
): void {
  throwProblems(scope, problemsOf(field, value, rule));
}

/**
 * The problem a pure rule finds in a value (none for a token, known only at apply time), for
 * collecting. A value of the wrong type (from JavaScript) that makes the rule throw a `TypeError`
 * is a problem too, not a crash.
 */
export function problemsOf<T extends string | number>(field: string, value: T | undefined, rule: (value: T) => RuleResult): FieldProblem[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  let allowed: RuleResult;
  try {
    allowed = rule(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    allowed = `a ${value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value} is not accepted here`;
  }
  return allowed === undefined ? [] : [{ field, value, allowed }];
}

/** `value` when it is known at synth time, undefined when it is a Terraform token (or undefined). */
export function literal(value: string | undefined): string | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

/** A problem found by a pure spec function (see `lib/spec/problem.ts`). */
export interface FieldProblem {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
}

/** Throws a {@link ValidationError} listing every one of `problems`, a line each. */
export function throwProblems(scope: IConstruct, problems: readonly FieldProblem[]): void {
  if (problems.length === 0) return;
  const [first, ...more] = problems;
  throw new ValidationError(scope, first.field, first.value, first.allowed, more);
}
