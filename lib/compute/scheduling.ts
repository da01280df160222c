import { SchedulingStrategy } from './enums';
import { Duration } from '../core/duration';

/** How and for how long a job's VMs run. */
export interface SchedulingOptions {
  /**
   * How Vertex AI obtains the VMs; SPOT and FLEX_START consume preemptible quota.
   * @default SchedulingStrategy.STANDARD
   */
  readonly strategy?: SchedulingStrategy;
  /**
   * Longest the job may run (at most 7 days with FLEX_START).
   * @default - Vertex AI's default, 7 days
   */
  readonly timeout?: Duration;
  /**
   * FLEX_START only: longest wait for capacity; `Duration.seconds(0)` waits indefinitely.
   * @default - Vertex AI's default, 1 day
   */
  readonly maxWait?: Duration;
  /**
   * Restart the whole job when a worker restarts (VMs can be restarted by maintenance or preemption).
   * @default false
   */
  readonly restartJobOnWorkerRestart?: boolean;
  /**
   * Fail instead of retrying on errors; overrides `restartJobOnWorkerRestart`.
   * @default false
   */
  readonly disableRetries?: boolean;
}
