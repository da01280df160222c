import { Problem } from './problem';

/** A metric as declared. Pure data. */
export interface MetricIntent {
  readonly metricId: string;
  /** `MAXIMIZE` or `MINIMIZE`. */
  readonly goal: string;
}

/** A parameter as declared. Pure data. */
export interface ParameterIntent {
  readonly kind: 'double' | 'integer' | 'categorical' | 'discrete';
  readonly parameterId: string;
  /** double / integer: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** A v1 `ScaleType` name (`UNIT_LINEAR_SCALE`, ...). */
  readonly scale?: string;
  /** categorical: the categories. */
  readonly categories?: readonly string[];
  /** discrete: the values. */
  readonly values?: readonly number[];
  readonly children?: readonly ConditionalIntent[];
}

/** A conditional child: `parameter` is searched when the parent takes one of the values. */
export interface ConditionalIntent {
  /** The kind of parent the condition was declared for. */
  readonly parentKind: 'categorical' | 'discrete' | 'integer';
  /** parentKind categorical. */
  readonly categories?: readonly string[];
  /** parentKind discrete / integer. */
  readonly values?: readonly number[];
  readonly parameter: ParameterIntent;
}

/** An automated stopping rule as declared. */
export interface StoppingIntent {
  readonly kind: 'median' | 'decayCurve' | 'convex';
  readonly useElapsedDuration?: boolean;
  readonly maxStepCount?: number;
  readonly minStepCount?: number;
  readonly minMeasurementCount?: number;
  readonly learningRateParameterName?: string;
  readonly updateAllStoppedTrials?: boolean;
}

/** A study as declared. Pure data. */
export interface StudyIntent {
  readonly metrics: readonly MetricIntent[];
  readonly parameters: readonly ParameterIntent[];
  /** A v1 `StudySpec.Algorithm` name; unset or `ALGORITHM_UNSPECIFIED` = Vertex AI's default. */
  readonly algorithm?: string;
  /** A v1 `MeasurementSelectionType` name. */
  readonly measurementSelection?: string;
  readonly stopping?: StoppingIntent;
}

/** Trial budget of a hyperparameter tuning job. */
export interface TrialCountsIntent {
  readonly maxTrialCount: number;
  readonly parallelTrialCount: number;
  /** 0 or unset: Vertex AI decides. */
  readonly maxFailedTrialCount?: number;
}

type Json = { [key: string]: unknown };

const GOALS = ['MAXIMIZE', 'MINIMIZE'];
const SCALES = ['UNIT_LINEAR_SCALE', 'UNIT_LOG_SCALE', 'UNIT_REVERSE_LOG_SCALE'];
const ALGORITHMS = ['ALGORITHM_UNSPECIFIED', 'GRID_SEARCH', 'RANDOM_SEARCH'];
const MEASUREMENT_SELECTIONS = ['LAST_MEASUREMENT', 'BEST_MEASUREMENT'];
/** Discrete values must be at least this far apart (v1 `DiscreteValueSpec`), and match within it. */
const EPSILON = 1e-10;
const MAX_DISCRETE_VALUES = 1000;
const INT32_MAX = 2_147_483_647;

/**
 * Validates a study and renders the v1 `StudySpec`. Rules beyond the proto's shape, each reported
 * at the user's field (`study.parameters[1].min`, `study.parameters[0].children[0].values[1]`):
 * - at least one metric and one parameter; IDs non-empty, without whitespace and unique. A
 *   conditional child shares the ID space of the whole study, except that children of one parent
 *   may reuse an ID when their parent values are disjoint (the v1 rule for
 *   `conditionalParameterSpecs`);
 * - double and integer: finite bounds with min strictly below max (a one-point range has nothing to
 *   tune: pass a fixed value as a training argument); integer bounds whole; LOG and REVERSE_LOG
 *   scales need min > 0 (discrete: every value > 0);
 * - categorical: at least one category, no duplicates, no scale (v1: leave scaleType unset);
 * - discrete: 1 to 1,000 finite values, strictly increasing and at least 1e-10 apart;
 * - GRID_SEARCH: no double parameters (children included);
 * - conditional children: under categorical, discrete or integer parents only, declared with the
 *   matching `ConditionalParameter.when...` factory, with parent values among the parent's values
 *   (integer: whole numbers within its bounds; discrete: within 1e-10 of one of its values);
 * - convex stopping: whole step and measurement counts (min step count ≤ max step count), and a
 *   learning-rate parameter name that is one of the study's parameters.
 * `defaultValue` is never sent: HyperparameterTuningJob does not support it.
 */
export function studySpecJson(intent: StudyIntent, field = 'study'): { json: Json; problems: Problem[] } {
  const problems: Problem[] = [];

  if (intent.metrics.length === 0) {
    problems.push({ field: `${field}.metrics`, value: '(none)', allowed: 'at least one metric to optimize (Metric.maximize or Metric.minimize)' });
  }
  const metricIds = new Map<string, number>();
  const metrics = intent.metrics.map((metric, i) => {
    const at = `${field}.metrics[${i}]`;
    idProblem(metric.metricId, `${at}.metricId`, 'metric', problems);
    const first = metricIds.get(metric.metricId);
    if (first !== undefined) {
      problems.push({ field: `${at}.metricId`, value: metric.metricId, allowed: `unique metric IDs (${field}.metrics[${first}] is also "${metric.metricId}")` });
    } else {
      metricIds.set(metric.metricId, i);
    }
    if (!GOALS.includes(metric.goal)) problems.push({ field: `${at}.goal`, value: metric.goal, allowed: 'a Goal (MAXIMIZE or MINIMIZE)' });
    return { metricId: metric.metricId, goal: metric.goal };
  });

  if (intent.parameters.length === 0) {
    problems.push({ field: `${field}.parameters`, value: '(none)', allowed: 'at least one parameter to search' });
  }
  const nodes: Node[] = [];
  const parameters = intent.parameters.map((p, i) => parameterJson(p, `${field}.parameters[${i}]`, undefined, nodes, problems));
  duplicateIdProblems(nodes, problems);

  const json: Json = { metrics, parameters };

  if (intent.algorithm !== undefined) {
    if (!ALGORITHMS.includes(intent.algorithm)) {
      problems.push({ field: `${field}.algorithm`, value: intent.algorithm, allowed: 'a SearchAlgorithm (BAYESIAN, GRID or RANDOM)' });
    }
    if (intent.algorithm === 'GRID_SEARCH') {
      for (const node of nodes.filter((n) => n.parameter.kind === 'double')) {
        problems.push({
          field: `${field}.algorithm`,
          value: 'GRID_SEARCH',
          allowed: `grid search takes only integer, categorical and discrete parameters; ${node.path.slice(field.length + 1)} "${node.parameter.parameterId}" is a double (declare it with Parameter.discrete)`,
        });
      }
    }
    if (intent.algorithm !== 'ALGORITHM_UNSPECIFIED') json.algorithm = intent.algorithm;
  }

  if (intent.measurementSelection !== undefined) {
    if (!MEASUREMENT_SELECTIONS.includes(intent.measurementSelection)) {
      problems.push({ field: `${field}.measurementSelection`, value: intent.measurementSelection, allowed: 'a MeasurementSelection (LAST or BEST)' });
    }
    json.measurementSelectionType = intent.measurementSelection;
  }

  if (intent.stopping) {
    const [key, spec] = stoppingJson(intent.stopping, `${field}.automatedStopping`, nodes, problems);
    json[key] = spec;
  }
  return { json, problems };
}

/**
 * Validates a tuning job's trial budget: whole numbers (int32), at least one trial, at least one
 * parallel trial and no more parallel trials than trials; `maxFailedTrialCount` 0 or more (0 lets
 * Vertex AI decide). `field` prefixes the property names (`''` for top-level props).
 */
export function trialCountsProblems(counts: TrialCountsIntent, field = ''): Problem[] {
  const problems: Problem[] = [];
  const at = (name: string) => (field === '' ? name : `${field}.${name}`);
  const whole = (value: number, min: number) => Number.isInteger(value) && value >= min && value <= INT32_MAX;

  const maxOk = whole(counts.maxTrialCount, 1);
  if (!maxOk) problems.push({ field: at('maxTrialCount'), value: counts.maxTrialCount, allowed: 'a whole number of trials, at least 1' });
  if (!whole(counts.parallelTrialCount, 1)) {
    problems.push({ field: at('parallelTrialCount'), value: counts.parallelTrialCount, allowed: 'a whole number of trials, at least 1' });
  } else if (maxOk && counts.parallelTrialCount > counts.maxTrialCount) {
    problems.push({ field: at('parallelTrialCount'), value: counts.parallelTrialCount, allowed: `at most maxTrialCount (${counts.maxTrialCount}): more trials cannot run in parallel than run in total` });
  }
  if (counts.maxFailedTrialCount !== undefined && !whole(counts.maxFailedTrialCount, 0)) {
    problems.push({ field: at('maxFailedTrialCount'), value: counts.maxFailedTrialCount, allowed: 'a whole number of trials, 0 or more (0 lets Vertex AI decide)' });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

/** A parameter anywhere in the tree, for study-wide checks. */
interface Node {
  readonly parameter: ParameterIntent;
  /** Field path of the parameter (`study.parameters[0].children[1]`). */
  readonly path: string;
  /** Path of the parent parameter; undefined at the top level. */
  readonly parentPath?: string;
  /** The condition under the parent, for children. */
  readonly condition?: ConditionalIntent;
}

function parameterJson(p: ParameterIntent, at: string, parent: Omit<Node, 'parameter' | 'path'> | undefined, nodes: Node[], problems: Problem[]): Json {
  nodes.push({ parameter: p, path: at, ...parent });
  idProblem(p.parameterId, `${at}.parameterId`, 'parameter', problems);
  const json: Json = { parameterId: p.parameterId };

  if (p.scale !== undefined) {
    if (p.kind === 'categorical') {
      problems.push({ field: `${at}.scale`, value: p.scale, allowed: 'no scale: categorical parameters leave scaleType unset' });
    } else if (!SCALES.includes(p.scale)) {
      problems.push({ field: `${at}.scale`, value: p.scale, allowed: 'a ScaleType (LINEAR, LOG or REVERSE_LOG)' });
    } else {
      json.scaleType = p.scale;
    }
  }
  const logScale = p.scale === 'UNIT_LOG_SCALE' || p.scale === 'UNIT_REVERSE_LOG_SCALE';

  switch (p.kind) {
    case 'double':
    case 'integer': {
      const integer = p.kind === 'integer';
      rangeProblems(p, at, integer, logScale, problems);
      json[integer ? 'integerValueSpec' : 'doubleValueSpec'] = integer
        ? { minValue: int64(p.min), maxValue: int64(p.max) }
        : { minValue: p.min, maxValue: p.max };
      break;
    }
    case 'categorical': {
      const categories = p.categories ?? [];
      if (categories.length === 0) problems.push({ field: `${at}.values`, value: '(none)', allowed: 'at least one category' });
      const seen = new Set<string>();
      categories.forEach((c, i) => {
        if (seen.has(c)) problems.push({ field: `${at}.values[${i}]`, value: c, allowed: `unique categories ("${c}" is listed at index ${categories.indexOf(c)})` });
        seen.add(c);
      });
      json.categoricalValueSpec = { values: [...categories] };
      break;
    }
    case 'discrete': {
      const values = p.values ?? [];
      discreteProblems(values, at, logScale ? p.scale : undefined, problems);
      json.discreteValueSpec = { values: [...values] };
      break;
    }
    default:
      problems.push({ field: at, value: String((p as { kind: unknown }).kind), allowed: 'a double, integer, categorical or discrete parameter' });
  }

  const children = p.children ?? [];
  if (children.length > 0) {
    json.conditionalParameterSpecs = children.map((child, j) => {
      const childAt = `${at}.children[${j}]`;
      conditionProblems(p, child, childAt, problems);
      return {
        parameterSpec: parameterJson(child.parameter, childAt, { parentPath: at, condition: child }, nodes, problems),
        ...conditionJson(child),
      };
    });
  }
  return json;
}

function rangeProblems(p: ParameterIntent, at: string, integer: boolean, logScale: boolean, problems: Problem[]): void {
  const kind = integer ? 'a whole number' : 'a finite number';
  const valid = (v: number | undefined): v is number => typeof v === 'number' && (integer ? Number.isSafeInteger(v) : Number.isFinite(v));
  const minOk = valid(p.min);
  const maxOk = valid(p.max);
  if (!minOk) problems.push({ field: `${at}.min`, value: p.min ?? '(missing)', allowed: kind });
  if (!maxOk) problems.push({ field: `${at}.max`, value: p.max ?? '(missing)', allowed: kind });
  if (minOk && maxOk && p.min! >= p.max!) {
    problems.push({
      field: `${at}.min`,
      value: p.min!,
      allowed: `less than max (${p.max})${p.min === p.max ? ': a one-value range has nothing to tune (pass the value as a training argument)' : ''}`,
    });
  }
  if (minOk && logScale && p.min! <= 0) {
    problems.push({ field: `${at}.min`, value: p.min!, allowed: `greater than 0: ${p.scale} needs a strictly positive range` });
  }
}

function discreteProblems(values: readonly number[], at: string, logScale: string | undefined, problems: Problem[]): void {
  if (values.length === 0) {
    problems.push({ field: `${at}.values`, value: '(none)', allowed: 'at least one value' });
    return;
  }
  if (values.length > MAX_DISCRETE_VALUES) {
    problems.push({ field: `${at}.values`, value: `${values.length} values`, allowed: `at most ${MAX_DISCRETE_VALUES.toLocaleString('en-US')} values` });
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      problems.push({ field: `${at}.values[${i}]`, value: v, allowed: 'a finite number' });
      continue;
    }
    if (logScale && v <= 0) {
      problems.push({ field: `${at}.values[${i}]`, value: v, allowed: `greater than 0: ${logScale} needs strictly positive values` });
    }
    const previous = values[i - 1];
    if (i === 0 || !Number.isFinite(previous)) continue;
    if (v <= previous) {
      problems.push({ field: `${at}.values[${i}]`, value: v, allowed: `values in strictly increasing order (greater than ${previous})` });
    } else if (v - previous < EPSILON) {
      problems.push({ field: `${at}.values[${i}]`, value: v, allowed: `values at least 1e-10 apart (${previous} is closer)` });
    }
  }
}

/** The factory each parent kind takes. */
const CONDITION_FACTORY: { [parentKind: string]: string } = {
  categorical: 'ConditionalParameter.whenCategorical',
  discrete: 'ConditionalParameter.whenDiscrete',
  integer: 'ConditionalParameter.whenInteger',
};

function conditionProblems(parent: ParameterIntent, child: ConditionalIntent, at: string, problems: Problem[]): void {
  if (parent.kind === 'double') {
    problems.push({ field: at, value: `child of double parameter "${parent.parameterId}"`, allowed: 'conditional children need a categorical, discrete or integer parent' });
    return;
  }
  if (child.parentKind !== parent.kind) {
    problems.push({ field: at, value: CONDITION_FACTORY[child.parentKind] ?? String(child.parentKind), allowed: `${CONDITION_FACTORY[parent.kind]} (the parent "${parent.parameterId}" is ${parent.kind})` });
    return;
  }
  const values: readonly (string | number)[] = (child.parentKind === 'categorical' ? child.categories : child.values) ?? [];
  if (values.length === 0) {
    problems.push({ field: `${at}.values`, value: '(none)', allowed: `at least one value of the parent "${parent.parameterId}"` });
    return;
  }
  values.forEach((v, i) => {
    const field = `${at}.values[${i}]`;
    if (parent.kind === 'categorical') {
      const categories = parent.categories ?? [];
      if (!categories.includes(v as string)) problems.push({ field, value: v, allowed: `one of the parent "${parent.parameterId}" categories: ${categories.join(', ')}` });
    } else if (parent.kind === 'discrete') {
      const parentValues = parent.values ?? [];
      if (!parentValues.some((pv) => Math.abs(pv - (v as number)) <= EPSILON)) {
        problems.push({ field, value: v, allowed: `one of the parent "${parent.parameterId}" values: ${parentValues.join(', ')}` });
      }
    } else if (!Number.isSafeInteger(v) || (typeof parent.min === 'number' && (v as number) < parent.min) || (typeof parent.max === 'number' && (v as number) > parent.max)) {
      problems.push({ field, value: v, allowed: `a whole number from ${parent.min} to ${parent.max} (the parent "${parent.parameterId}" bounds)` });
    }
  });
}

function conditionJson(child: ConditionalIntent): Json {
  switch (child.parentKind) {
    case 'categorical':
      return { parentCategoricalValues: { values: [...(child.categories ?? [])] } };
    case 'discrete':
      return { parentDiscreteValues: { values: [...(child.values ?? [])] } };
    default:
      return { parentIntValues: { values: (child.values ?? []).map((v) => int64(v)) } };
  }
}

/** The values a child's condition matches, as comparable strings. */
function conditionKeys(condition: ConditionalIntent | undefined): string[] {
  if (!condition) return [];
  return condition.parentKind === 'categorical' ? [...(condition.categories ?? [])] : (condition.values ?? []).map((v) => String(v));
}

function duplicateIdProblems(nodes: readonly Node[], problems: Problem[]): void {
  nodes.forEach((node, k) => {
    const id = node.parameter.parameterId;
    const clash = nodes.slice(0, k).find((earlier) => {
      if (earlier.parameter.parameterId !== id) return false;
      // Children of one parent may share an ID when their parent values are disjoint.
      if (node.parentPath !== undefined && earlier.parentPath === node.parentPath) {
        const earlierKeys = new Set(conditionKeys(earlier.condition));
        return conditionKeys(node.condition).some((key) => earlierKeys.has(key));
      }
      return true;
    });
    if (clash) {
      problems.push({
        field: `${node.path}.parameterId`,
        value: id,
        allowed: `unique parameter IDs (${clash.path} is also "${id}"; only children of one parent with disjoint parent values may share an ID)`,
      });
    }
  });
}

function idProblem(id: string, field: string, what: string, problems: Problem[]): void {
  if (typeof id !== 'string' || id.length === 0) {
    problems.push({ field, value: id ?? '(missing)', allowed: `a non-empty ${what} ID` });
  } else if (/\s/.test(id)) {
    problems.push({ field, value: id, allowed: `a ${what} ID without whitespace` });
  }
}

function stoppingJson(stopping: StoppingIntent, at: string, nodes: readonly Node[], problems: Problem[]): [string, Json] {
  const spec: Json = {};
  if (stopping.useElapsedDuration !== undefined) spec.useElapsedDuration = stopping.useElapsedDuration;
  if (stopping.kind === 'median') return ['medianAutomatedStoppingSpec', spec];
  if (stopping.kind === 'decayCurve') return ['decayCurveStoppingSpec', spec];
  if (stopping.kind !== 'convex') {
    problems.push({ field: at, value: String(stopping.kind), allowed: 'AutomatedStopping.median, decayCurve or convex' });
    return ['medianAutomatedStoppingSpec', spec];
  }

  const count = (name: 'maxStepCount' | 'minStepCount' | 'minMeasurementCount', min: number, allowed: string) => {
    const value = stopping[name];
    if (value === undefined) return;
    if (!Number.isSafeInteger(value) || value < min) problems.push({ field: `${at}.${name}`, value, allowed });
    spec[name] = int64(value);
  };
  count('maxStepCount', 1, 'a whole number of steps (or seconds with useElapsedDuration), at least 1');
  count('minStepCount', 0, 'a whole number of steps (or seconds with useElapsedDuration), 0 or more');
  count('minMeasurementCount', 1, 'a whole number of measurements, at least 1');
  const { maxStepCount: maxSteps, minStepCount: minSteps } = stopping;
  if (Number.isSafeInteger(maxSteps) && Number.isSafeInteger(minSteps) && minSteps! > maxSteps!) {
    problems.push({ field: `${at}.minStepCount`, value: minSteps!, allowed: `at most maxStepCount (${maxSteps})` });
  }
  if (stopping.learningRateParameterName !== undefined) {
    const ids = [...new Set(nodes.map((n) => n.parameter.parameterId))];
    if (!ids.includes(stopping.learningRateParameterName)) {
      problems.push({ field: `${at}.learningRateParameterName`, value: stopping.learningRateParameterName, allowed: `the ID of one of the study's parameters: ${ids.join(', ')}` });
    }
    spec.learningRateParameterName = stopping.learningRateParameterName;
  }
  if (stopping.updateAllStoppedTrials !== undefined) spec.updateAllStoppedTrials = stopping.updateAllStoppedTrials;
  return ['convexAutomatedStoppingSpec', spec];
}

/** An int64 in proto3 JSON form (a decimal string); non-integers are rendered as given (and reported elsewhere). */
function int64(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
