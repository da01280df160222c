import { SchedulingOptions } from './scheduling';
import { WorkerPoolsProps } from './worker-pools';
import { SchedulingStrategy } from './enums';
import { LayoutIntent } from '../spec/pool-intent';
import { SchedulingIntent } from '../spec/scheduling';

/**
 * Conversions from the public compute API to the pure spec layer (internal: not exported from the
 * package index).
 */

/** The pure intent of a job's pools. */
export function layoutIntent(props: WorkerPoolsProps): LayoutIntent {
  return {
    primary: props.primary._intent,
    workers: props.workers?._intent,
    parameterServers: props.parameterServers?._intent,
    reductionServer: props.reductionServer?._intent,
    evaluators: props.evaluators?._intent,
  };
}

/** The pure intent of scheduling options. */
export function schedulingIntent(options: SchedulingOptions | undefined): SchedulingIntent {
  return {
    strategy: options?.strategy ?? SchedulingStrategy.STANDARD,
    timeoutSeconds: options?.timeout?.toSeconds(),
    timeoutText: options?.timeout?.toString(),
    maxWaitSeconds: options?.maxWait?.toSeconds(),
    maxWaitText: options?.maxWait?.toString(),
    restartJobOnWorkerRestart: options?.restartJobOnWorkerRestart,
    disableRetries: options?.disableRetries,
  };
}
