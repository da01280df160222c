/**
 * The public options of a job's checkpoints and retention; their rules are in run-storage.ts.
 */
import { Duration } from '../core/duration';

/**
 * Checkpoints shared by the runs of a job, so that a preempted or a weekly run resumes. Their rules
 * go on the job's artifacts bucket; on an imported bucket the library adds none, and synth warns
 * with the rule to add.
 */
export interface CheckpointOptions {
  /**
   * Versions kept of each checkpoint object (1–100): a checkpoint written again under the same
   * name keeps its live version and `keepLast - 1` replaced ones (a lifecycle rule deletes a version
   * with `keepLast` newer versions). Replaced versions also go after the artifacts bucket's
   * `noncurrentVersionRetentionDays`, whichever comes first.
   * @default 3
   */
  readonly keepLast?: number;
  /**
   * Live checkpoint objects are deleted at this age (whole days, 1–3650): for checkpoints named by
   * step (`ckpt-1000/`, `ckpt-2000/`), which are never overwritten. A deleted live object stays as a
   * noncurrent version for the artifacts bucket's `noncurrentVersionRetentionDays`.
   * @default - kept until keepLast replaces them
   */
  readonly maxAge?: Duration;
}

/**
 * How long a job's run outputs and replaced launch manifests are kept, as lifecycle rules on its
 * artifacts and staging buckets; on an imported bucket the library adds none, and synth warns with
 * the rule to add.
 */
export interface RetentionOptions {
  /**
   * Run outputs (live objects under `jobs/<id>/runs/` of the job's artifacts bucket) are deleted
   * at this age (whole days, 1–3650), then stay as noncurrent versions for the bucket's
   * `noncurrentVersionRetentionDays`. Checkpoints are outside `runs/` and are not affected.
   * @default - kept
   */
  readonly runOutputs?: Duration;
  /**
   * Replaced launch manifests (noncurrent versions under `jobs/<id>/` of the staging bucket) are
   * deleted this long after they were replaced (whole days, 1 to the staging bucket's
   * `noncurrentVersionRetentionDays`, or 3650 for an imported one). The current manifest, which the
   * launcher reads, is live and never deleted.
   * @default - the staging bucket's noncurrentVersionRetentionDays
   */
  readonly manifests?: Duration;
}
