import { NUMBER, withInput } from '../core/field-types';
import { RuleResult } from '../rules/result';

/** The kinds of concurrency policy. */
export enum ConcurrencyKind {
  /** Every launch starts a run, whatever runs of the job are active. */
  ALLOW = 'ALLOW',
  /** A launch while a run of the job is active is skipped. */
  SKIP = 'SKIP',
  /** At most a number of runs of the job are active at once; a launch beyond is skipped. */
  UP_TO = 'UP_TO',
}

/** The most runs of one job {@link ConcurrencyPolicy.upTo} allows at once. */
export const MAX_CONCURRENT_RUNS = 100;

/**
 * What a launch does while earlier runs of the same job are still active (Vertex AI: queued,
 * pending, running, updating, paused or cancelling; GKE: a JobSet without a terminal state, one
 * Kueue keeps suspended included). The launcher counts the job's active runs by their
 * `vertex-training-job` label (Vertex AI jobs of the job's kind in the region; on GKE the JobSets
 * of the job's namespace) when a launch arrives, whatever started it (a schedule, a deploy, new
 * data or a person); a skipped launch is logged as a warning naming the runs it found, and its
 * launch key is spent, so a redelivery of the same event later does not launch it either.
 */
export class ConcurrencyPolicy {
  /** Every launch starts a run (the default). */
  public static allow(): ConcurrencyPolicy {
    return new ConcurrencyPolicy(ConcurrencyKind.ALLOW, undefined);
  }

  /** A launch while a run of the job is active is skipped and logged as a warning (at most one run at a time). */
  public static skip(): ConcurrencyPolicy {
    return new ConcurrencyPolicy(ConcurrencyKind.SKIP, 1);
  }

  /**
   * At most `maxRuns` runs of the job at once: a launch that finds `maxRuns` or more active runs
   * is skipped and logged as a warning. The quota plan counts `maxRuns` runs of the job.
   * @param maxRuns whole number of runs, 1–100
   */
  public static upTo(maxRuns: number): ConcurrencyPolicy {
    return withInput(new ConcurrencyPolicy(ConcurrencyKind.UP_TO, maxRuns), 'maxConcurrentRuns', maxRuns, NUMBER);
  }

  /** The kind of policy. */
  public readonly kind: ConcurrencyKind;
  /**
   * The most runs of the job active at once, counting the one being launched: a launch that finds
   * this many (or more) active runs is skipped. Undefined for ALLOW (no limit), 1 for SKIP,
   * `maxRuns` for upTo.
   */
  public readonly maxConcurrentRuns?: number;

  private constructor(kind: ConcurrencyKind, maxConcurrentRuns: number | undefined) {
    this.kind = kind;
    this.maxConcurrentRuns = maxConcurrentRuns;
  }
}

/**
 * How many runs of a job the quota plan counts: upTo's count; one for allow (as before: the plan
 * counts each job once) and skip.
 */
export function plannedRuns(policy: ConcurrencyPolicy | undefined): number {
  return policy?.kind === ConcurrencyKind.UP_TO ? policy.maxConcurrentRuns! : 1;
}

/** An upTo count: a whole number from 1 to {@link MAX_CONCURRENT_RUNS}. */
export function maxConcurrentRunsRule(value: number): RuleResult {
  return Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENT_RUNS ? undefined : `must be a whole number of runs from 1 to ${MAX_CONCURRENT_RUNS}`;
}
