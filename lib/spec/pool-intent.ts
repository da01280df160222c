/** What a user declared for one worker pool, before catalog resolution. Pure data. */
export interface PoolIntent {
  readonly kind: 'gpu' | 'tpu' | 'cpu';
  readonly gpuType?: string;
  readonly gpusPerReplica?: number;
  readonly tpuVersion?: string;
  readonly topology?: string;
  readonly cores?: number;
  readonly machineType?: string;
  readonly replicaCount?: number;
  readonly bootDiskType?: string;
  readonly bootDiskSizeGb?: number;
  readonly reservation?: { readonly type: string; readonly names: readonly string[] };
}

/** What a user declared for a Reduction Server pool. */
export interface ReductionServerIntent {
  readonly replicaCount?: number;
  readonly machineType?: string;
  readonly reducerBandwidthGbps?: number;
  readonly workerBandwidthGbps?: number;
  readonly imageUri?: string;
}

/** The pools of one job, by role (Vertex positions 0–3). */
export interface LayoutIntent {
  readonly primary: PoolIntent;
  readonly workers?: PoolIntent;
  readonly parameterServers?: PoolIntent;
  readonly reductionServer?: ReductionServerIntent;
  readonly evaluators?: PoolIntent;
}
