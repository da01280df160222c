import type { IConstruct } from 'constructs';

/**
 * A mark that a construct is of a kind, readable without importing the kind's class. The report,
 * a layer the environment and the jobs depend on, recognises their constructs by it: an
 * `instanceof` would import their classes, and with them an import cycle. The same pattern as
 * cdktf's `TerraformStack.isStack`; the symbol is global (`Symbol.for`) so that two copies of the
 * library in one app still recognise each other's constructs.
 */
export class ConstructBrand {
  private readonly symbol: symbol;

  constructor(kind: string) {
    this.symbol = Symbol.for(`cdktf-vertex-training.${kind}`);
  }

  /** Marks `construct` as of this kind. */
  public mark(construct: IConstruct): void {
    Object.defineProperty(construct, this.symbol, { value: true });
  }

  /** Whether `value` was marked as of this kind. */
  public has(value: unknown): boolean {
    return typeof value === 'object' && value !== null && this.symbol in value;
  }
}

/** Marks every `TrainingEnvironment`. */
export const ENVIRONMENT_BRAND = new ConstructBrand('TrainingEnvironment');
/** Marks every `TrainingTeam`. */
export const TEAM_BRAND = new ConstructBrand('TrainingTeam');
/** Marks every training job (`CustomTrainingJob`, `HyperparameterTuningJob`, `TrainingPipeline`). */
export const JOB_BRAND = new ConstructBrand('TrainingJob');
/** Marks every `GkeTrainingCluster`. */
export const GKE_CLUSTER_BRAND = new ConstructBrand('GkeTrainingCluster');
/** Marks every `GkeNodePool`. */
export const GKE_NODE_POOL_BRAND = new ConstructBrand('GkeNodePool');
/** Marks every `GkeTrainingQueues`. */
export const GKE_QUEUES_BRAND = new ConstructBrand('GkeTrainingQueues');
