/**
 * A rejected input found by a pure spec function: the construct layer prefixes the construct path,
 * e.g. `ml/resnet: workerPools.workers.acceleratorCount 3 is not valid: ...`.
 */
export interface Problem {
  /** Property path within the construct's props. */
  readonly field: string;
  /** The rejected value. */
  readonly value: unknown;
  /** What would have been accepted. */
  readonly allowed: string;
}
