import { ConditionalIntent, MetricIntent, ParameterIntent, StoppingIntent } from '../spec/study';
import { inheritInputs, list, listInput, NUMBER, objectInput, optional, STRING, withInput } from '../core/field-types';
import { CONDITIONAL_PARAMETER, CONVEX_STOPPING_OPTIONS, GOAL, PARAMETER, PARAMETER_RANGE_OPTIONS, SCALE_TYPE, STOPPING_OPTIONS } from '../core/input-types';

/** Whether a tuning metric should go up or down. */
export enum Goal {
  /** Larger values are better (accuracy, AUC). */
  MAXIMIZE = 'MAXIMIZE',
  /** Smaller values are better (loss, error rate). */
  MINIMIZE = 'MINIMIZE',
}

/** How the search space of a numeric parameter is scaled before searching it. */
export enum ScaleType {
  /** Linear: values are spread evenly between min and max. */
  LINEAR = 'UNIT_LINEAR_SCALE',
  /** Logarithmic: small values are explored more finely (learning rates). The range must be positive. */
  LOG = 'UNIT_LOG_SCALE',
  /** Reverse logarithmic: values near max are explored more finely (momentum). The range must be positive. */
  REVERSE_LOG = 'UNIT_REVERSE_LOG_SCALE',
}

/** How Vertex AI chooses the parameters of the next trial. */
export enum SearchAlgorithm {
  /** Vertex AI's default algorithm (Vizier Bayesian optimization); sent as `ALGORITHM_UNSPECIFIED`. */
  BAYESIAN = 'ALGORITHM_UNSPECIFIED',
  /** Every combination in turn; takes only integer, categorical and discrete parameters. */
  GRID = 'GRID_SEARCH',
  /** Random points of the search space. */
  RANDOM = 'RANDOM_SEARCH',
}

/** Which measurement of a trial counts as its result. */
export enum MeasurementSelection {
  /** The last value the trial reported (Vertex AI's default). */
  LAST = 'LAST_MEASUREMENT',
  /** The best value the trial reported. */
  BEST = 'BEST_MEASUREMENT',
}

/**
 * A metric the study optimizes. The training code reports it (e.g. with the `cloudml-hypertune`
 * library, included in every prebuilt training image) under the same ID.
 */
export class Metric {
  /** A metric to maximize. */
  public static maximize(metricId: string): Metric {
    return withInput(new Metric({ metricId, goal: Goal.MAXIMIZE }), 'metricId', metricId, STRING);
  }

  /** A metric to minimize. */
  public static minimize(metricId: string): Metric {
    return withInput(new Metric({ metricId, goal: Goal.MINIMIZE }), 'metricId', metricId, STRING);
  }

  /** A metric with the given goal. */
  public static of(metricId: string, goal: Goal): Metric {
    return withInput(withInput(new Metric({ metricId, goal }), 'metricId', metricId, STRING), 'goal', goal, GOAL);
  }

  /** @internal */
  public readonly _intent: MetricIntent;

  private constructor(intent: MetricIntent) {
    this._intent = intent;
  }

  /** The metric ID the training code reports. */
  public get metricId(): string {
    return this._intent.metricId;
  }

  /** Whether larger or smaller is better. */
  public get goal(): Goal {
    return this._intent.goal as Goal;
  }
}

/** Bounds (inclusive) and scale of a double or integer parameter. */
export interface ParameterRangeOptions {
  /** Smallest value (inclusive); must be below `max`, and above 0 with a LOG or REVERSE_LOG scale. */
  readonly min: number;
  /** Largest value (inclusive). */
  readonly max: number;
  /**
   * How the range is scaled while searching it.
   * @default - none sent: Vertex AI's default (no scaling)
   */
  readonly scale?: ScaleType;
}

/**
 * A hyperparameter the study searches. Each trial passes its value to the training code as the
 * command-line argument `--<parameterId>=<value>`.
 */
export class Parameter {
  /**
   * A real-valued parameter in [min, max] (Vertex AI's `doubleValueSpec`). Not usable with
   * `SearchAlgorithm.GRID`.
   */
  public static continuous(parameterId: string, options: ParameterRangeOptions): Parameter {
    const range = objectInput(options);
    return withInput(withInput(new Parameter({ kind: 'double', parameterId, min: range.min, max: range.max, scale: range.scale }), 'parameterId', parameterId, STRING),
      '', options, PARAMETER_RANGE_OPTIONS);
  }

  /** A whole-number parameter in [min, max]. */
  public static integer(parameterId: string, options: ParameterRangeOptions): Parameter {
    const range = objectInput(options);
    return withInput(withInput(new Parameter({ kind: 'integer', parameterId, min: range.min, max: range.max, scale: range.scale }), 'parameterId', parameterId, STRING),
      '', options, PARAMETER_RANGE_OPTIONS);
  }

  /** A parameter taking one of the given strings (e.g. an optimizer name). */
  public static categorical(parameterId: string, values: string[]): Parameter {
    return withInput(withInput(new Parameter({ kind: 'categorical', parameterId, categories: listInput(values) }), 'parameterId', parameterId, STRING),
      'values', values, list(STRING));
  }

  /**
   * A parameter taking one of the given numbers, listed in increasing order, at least 1e-10 apart,
   * at most 1,000 of them.
   * @param scale how the values are scaled while searching them; default: none sent (no scaling)
   */
  public static discrete(parameterId: string, values: number[], scale?: ScaleType): Parameter {
    const parameter = withInput(new Parameter({ kind: 'discrete', parameterId, values: listInput(values), scale }), 'parameterId', parameterId, STRING);
    return withInput(withInput(parameter, 'values', values, list(NUMBER)), 'scale', scale, optional(SCALE_TYPE));
  }

  /** @internal */
  public readonly _intent: ParameterIntent;

  private constructor(intent: ParameterIntent) {
    this._intent = intent;
  }

  /** The parameter ID (the training code's argument name). */
  public get parameterId(): string {
    return this._intent.parameterId;
  }

  /**
   * A copy of this parameter with conditional children: parameters searched only in trials where
   * this parameter takes one of the given values (e.g. `momentum` only when `optimizer` is `sgd`).
   * Categorical, discrete and integer parameters take children; double parameters do not.
   */
  public withChildren(...children: ConditionalParameter[]): Parameter {
    const parameter = inheritInputs(new Parameter({
      ...this._intent,
      children: [...(this._intent.children ?? []), ...children.map((c) => c?._intent as ConditionalIntent)],
    }), this, '');
    const before = this._intent.children?.length ?? 0;
    children.forEach((child, i) => withInput(parameter, `children[${before + i}]`, child, CONDITIONAL_PARAMETER));
    return parameter;
  }
}

/**
 * A parameter that is only searched when its parent parameter takes given values; attach it with
 * `Parameter.withChildren`. The factory must match the parent's kind.
 */
export class ConditionalParameter {
  /** Active when the categorical parent takes one of `values`. */
  public static whenCategorical(values: string[], parameter: Parameter): ConditionalParameter {
    const condition = new ConditionalParameter({ parentKind: 'categorical', categories: listInput(values), parameter: parameter?._intent as ParameterIntent });
    return withInput(withInput(condition, 'values', values, list(STRING)), '', parameter, PARAMETER);
  }

  /** Active when the discrete parent takes one of `values`. */
  public static whenDiscrete(values: number[], parameter: Parameter): ConditionalParameter {
    const condition = new ConditionalParameter({ parentKind: 'discrete', values: listInput(values), parameter: parameter?._intent as ParameterIntent });
    return withInput(withInput(condition, 'values', values, list(NUMBER)), '', parameter, PARAMETER);
  }

  /** Active when the integer parent takes one of `values`. */
  public static whenInteger(values: number[], parameter: Parameter): ConditionalParameter {
    const condition = new ConditionalParameter({ parentKind: 'integer', values: listInput(values), parameter: parameter?._intent as ParameterIntent });
    return withInput(withInput(condition, 'values', values, list(NUMBER)), '', parameter, PARAMETER);
  }

  /** @internal */
  public readonly _intent: ConditionalIntent;

  private constructor(intent: ConditionalIntent) {
    this._intent = intent;
  }
}

/** Options of the median and decay-curve stopping rules. */
export interface StoppingOptions {
  /**
   * Compare trials by elapsed time instead of by reported step count.
   * @default false
   */
  readonly useElapsedDuration?: boolean;
}

/** Options of the convex stopping rule. */
export interface ConvexStoppingOptions extends StoppingOptions {
  /**
   * Steps (or seconds, with `useElapsedDuration`) at which the final objective is predicted;
   * usually the number of training steps.
   * @default - learned from the completed trials
   */
  readonly maxStepCount?: number;
  /**
   * Steps (or seconds) a trial runs before it may be stopped early.
   * @default - one tenth of `maxStepCount`
   */
  readonly minStepCount?: number;
  /**
   * Measurements a trial reports before it may be stopped early.
   * @default 5
   */
  readonly minMeasurementCount?: number;
  /**
   * The ID of the study's learning-rate parameter, used to predict the objective.
   * @default - none (the study has no learning-rate parameter)
   */
  readonly learningRateParameterName?: string;
  /**
   * Let every stopped trial's final measurement be updated by the newest model, not only newly
   * stopped ones.
   * @default false
   */
  readonly updateAllStoppedTrials?: boolean;
}

/** A rule that stops unpromising trials early. */
export class AutomatedStopping {
  /** Stops a trial whose best value falls below the median of completed trials. */
  public static median(options: StoppingOptions = {}): AutomatedStopping {
    return withInput(new AutomatedStopping({ kind: 'median', useElapsedDuration: objectInput(options).useElapsedDuration }), '', options, STOPPING_OPTIONS);
  }

  /** Stops a trial whose predicted decay curve will not beat the best completed trial. */
  public static decayCurve(options: StoppingOptions = {}): AutomatedStopping {
    return withInput(new AutomatedStopping({ kind: 'decayCurve', useElapsedDuration: objectInput(options).useElapsedDuration }), '', options, STOPPING_OPTIONS);
  }

  /** Stops a trial whose convex (autoregressive) prediction will not beat the best completed trial. */
  public static convex(options: ConvexStoppingOptions = {}): AutomatedStopping {
    const given = options;
    options = objectInput(options);
    return withInput(new AutomatedStopping({
      kind: 'convex',
      useElapsedDuration: options.useElapsedDuration,
      maxStepCount: options.maxStepCount,
      minStepCount: options.minStepCount,
      minMeasurementCount: options.minMeasurementCount,
      learningRateParameterName: options.learningRateParameterName,
      updateAllStoppedTrials: options.updateAllStoppedTrials,
    }), '', given, CONVEX_STOPPING_OPTIONS);
  }

  /** @internal */
  public readonly _intent: StoppingIntent;

  private constructor(intent: StoppingIntent) {
    this._intent = intent;
  }
}

/** What a hyperparameter tuning job searches for, and how (the Vertex AI v1 `StudySpec`). */
export interface StudyOptions {
  /** Metrics to optimize: at least one, unique IDs. */
  readonly metrics: Metric[];
  /** Parameters to search: at least one, unique IDs. */
  readonly parameters: Parameter[];
  /**
   * Search algorithm.
   * @default SearchAlgorithm.BAYESIAN
   */
  readonly algorithm?: SearchAlgorithm;
  /**
   * Which measurement of a trial counts as its result.
   * @default - none sent: Vertex AI's default, MeasurementSelection.LAST
   */
  readonly measurementSelection?: MeasurementSelection;
  /**
   * Rule that stops unpromising trials early.
   * @default - trials run to completion
   */
  readonly automatedStopping?: AutomatedStopping;
}
