import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { RuleResult } from '../rules/result';

/**
 * An invalid input, reported with the construct path, the field, the value and what is allowed, e.g.
 * `stack/env: buckets.data.name "My_Bucket" is not valid: must be a bucket name: ...`.
 */
export class ValidationError extends Error {
  /**
   * @param scope the construct that received the input
   * @param field the property path within the construct's props (`buckets.data.name`)
   * @param value the rejected value
   * @param allowed what would have been accepted
   */
  constructor(scope: IConstruct, field: string, value: unknown, allowed: string) {
    super(`${scope.node.path}: ${field} ${formatValue(value)} is not valid: ${allowed}`);
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
  if (value === undefined || Token.isUnresolved(value)) return;
  const problem = rule(value);
  if (problem !== undefined) throw new ValidationError(scope, field, value, problem);
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

/**
 * Throws a {@link ValidationError} for the first of `problems`, saying how many more there are, so
 * that one synth reports the first mistake precisely and the rest by count.
 */
export function throwProblems(scope: IConstruct, problems: readonly FieldProblem[]): void {
  if (problems.length === 0) return;
  const [first] = problems;
  const more = problems.length - 1;
  throw new ValidationError(scope, first.field, first.value, first.allowed + (more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''));
}
