import { ReductionServer } from './reduction-server';
import { WorkerPool } from './worker-pool';

/**
 * The worker pools of a job, by role. Vertex AI positions: 0 primary (exactly one replica),
 * 1 workers, 2 parameter servers or Reduction Server, 3 evaluators.
 */
export interface WorkerPoolsProps {
  /** The primary (chief) replica. */
  readonly primary: WorkerPool;
  /**
   * Further replicas that train alongside the primary.
   * @default - none
   */
  readonly workers?: WorkerPool;
  /**
   * Parameter servers (TensorFlow ParameterServerStrategy); not with a Reduction Server.
   * @default - none
   */
  readonly parameterServers?: WorkerPool;
  /**
   * A Reduction Server for NCCL all-reduce; not with parameter servers.
   * @default - none
   */
  readonly reductionServer?: ReductionServer;
  /**
   * Evaluators (TensorFlow: at most one).
   * @default - none
   */
  readonly evaluators?: WorkerPool;
}
