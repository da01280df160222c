import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { RuleResult } from '../rules/result';

/**
 * Invalid input, reported with the construct path, the field, the value and what is allowed, e.g.
 * `stack/env: buckets.data.name "My_Bucket" is not valid: must be a bucket name: ...`: one such line
 * per problem, so that one synth shows every mistake of a construct at once.
 */
export class ValidationError extends Error {
  /**
   * @param scope the construct that received the input
   * @param field the property path within the construct's props (`buckets.data.name`)
   * @param value the rejected value
   * @param allowed what would have been accepted
   * @param more further problems of the same construct, a line each
   */
  constructor(scope: IConstruct, field: string, value: unknown, allowed: string, more: readonly FieldProblem[] = []) {
    super([{ field, value, allowed }, ...more].map((p) => `${scope.node.path}: ${p.field} ${formatValue(p.value)} is not valid: ${p.allowed}`).join('\n'));
    this.name = 'ValidationError';
  }
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
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

/** The problem a pure rule finds in a value (none for a token, known only at apply time), for collecting. */
export function problemsOf<T extends string | number>(field: string, value: T | undefined, rule: (value: T) => RuleResult): FieldProblem[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  const allowed = rule(value);
  return allowed === undefined ? [] : [{ field, value, allowed }];
}

/** `value` when it is known at synth time, undefined when it is a Terraform token. */
export function literal(value: string): string | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}

/** A problem found by a pure spec function (see `lib/spec/problem.ts`). */
interface FieldProblem {
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
