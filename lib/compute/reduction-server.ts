import { ReductionServerIntent } from '../spec/pool-intent';
import { objectInput, withInput } from '../core/field-types';
import { REDUCTION_SERVER_OPTIONS } from '../core/input-types';

/** Options of a Reduction Server pool. */
export interface ReductionServerOptions {
  /**
   * Reducers. Sized so that their total bandwidth covers the GPU replicas' total bandwidth.
   * @default ceil((1 + workers' replicas) × workerBandwidthGbps / reducerBandwidthGbps)
   */
  readonly replicaCount?: number;
  /**
   * Reducer machine type: no GPUs, at least 16 vCPUs, N1 or N2.
   * @default 'n1-highcpu-16'
   */
  readonly machineType?: string;
  /**
   * Egress bandwidth of one reducer, Gbps.
   * @default 32
   */
  readonly reducerBandwidthGbps?: number;
  /**
   * Egress bandwidth of one GPU replica, Gbps ([unconfirmed] catalog values otherwise).
   * @default - from the catalog for the workers' machine type
   */
  readonly workerBandwidthGbps?: number;
  /**
   * Reduction Server image.
   * @default - Google's image in the registry mirror nearest the job's region
   */
  readonly imageUri?: string;
}

/**
 * Vertex AI Reduction Server (worker pool 2): faster all-reduce for multi-replica GPU training with
 * NCCL. Needs GPU workers and a framework or container with NCCL ≥ 2.7.
 */
export class ReductionServer {
  /** A Reduction Server sized from the workers unless told otherwise. */
  public static of(options: ReductionServerOptions = {}): ReductionServer {
    return withInput(new ReductionServer({ ...objectInput(options) }), '', options, REDUCTION_SERVER_OPTIONS);
  }

  /** @internal */
  public readonly _intent: ReductionServerIntent;

  private constructor(intent: ReductionServerIntent) {
    this._intent = intent;
  }
}
