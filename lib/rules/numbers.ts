import { RuleResult } from './result';

/** Accepts whole numbers in `[min, max]`. */
export function integerInRange(value: number, min: number, max: number): RuleResult {
  if (!Number.isInteger(value) || value < min || value > max) {
    return `must be a whole number from ${min} to ${max}`;
  }
  return undefined;
}

/** Accepts 0 (feature off) or whole numbers in `[min, max]`. */
export function zeroOrIntegerInRange(value: number, min: number, max: number): RuleResult {
  if (value === 0) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    return `must be 0 (off) or a whole number from ${min} to ${max}`;
  }
  return undefined;
}
