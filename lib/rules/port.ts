import { RuleResult } from './result';

/** A TCP port a container listens on: v1 `Port.containerPort` is "between 1 and 65535 inclusive". */
export function containerPort(value: number): RuleResult {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : 'must be a port: a whole number from 1 to 65535';
}
