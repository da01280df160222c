import {
  AutomatedStopping, ConditionalParameter, Goal, MeasurementSelection, Metric, Parameter, ScaleType, SearchAlgorithm, StudyOptions,
} from '../../lib/tuning/study';
import { studyIntent } from '../../lib/tuning/intent';
import { Problem } from '../../lib/spec/problem';
import { ParameterIntent, StudyIntent, studySpecJson, trialCountsProblems } from '../../lib/spec/study';
import { validateAgainstProto } from '../helpers/proto-schema';

/**
 * The hyperparameter tuning study (issue 4, "HyperparameterTuningJob" and the bad-input list):
 * every parameter kind, conditional parameters, algorithms, measurement selection and stopping
 * rules rendered as the v1 `StudySpec` (validated against the official aiplatform v1 protos), and
 * each rejected input reported at its field.
 */

const ACCURACY = Metric.maximize('accuracy');
const LR = Parameter.continuous('learning_rate', { min: 1e-5, max: 1e-1, scale: ScaleType.LOG });

function render(options: Partial<StudyOptions>): { json: { [key: string]: unknown }; problems: Problem[] } {
  return studySpecJson(studyIntent({ metrics: [ACCURACY], parameters: [LR], ...options }));
}

/** The rendered StudySpec of a valid study, checked against the v1 protos. */
function spec(options: Partial<StudyOptions>): { [key: string]: unknown } {
  const { json, problems } = render(options);
  expect(problems).toEqual([]);
  expect(validateAgainstProto('StudySpec', json)).toEqual([]);
  return json;
}

/** The rendered parameter specs of a valid study with the given parameters. */
function parametersOf(...parameters: Parameter[]): unknown[] {
  return spec({ parameters }).parameters as unknown[];
}

/** The problem on `field`, failing (with every problem shown) when there is none. */
function problemAt(problems: Problem[], field: string): Problem {
  const found = problems.find((p) => p.field === field);
  if (!found) throw new Error(`no problem at ${field}; problems: ${JSON.stringify(problems)}`);
  return found;
}

/** Checks the one problem of a study: field, value and part of the allowed text. */
function expectProblem(options: Partial<StudyOptions>, field: string, value: unknown, allowed: string): void {
  const { json, problems } = render(options);
  const problem = problemAt(problems, field);
  expect(problem.value).toEqual(value);
  expect(problem.allowed).toContain(allowed);
  expect(problems).toHaveLength(1);
  // The body is still rendered (for error context); it is not expected to be valid.
  expect(json.metrics).toBeDefined();
}

describe('StudySpec rendering', () => {
  test('minimal study: one metric, one parameter, Vertex defaults left unset', () => {
    expect(spec({})).toEqual({
      metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }],
      parameters: [{ parameterId: 'learning_rate', scaleType: 'UNIT_LOG_SCALE', doubleValueSpec: { minValue: 1e-5, maxValue: 0.1 } }],
    });
  });

  test('metrics: maximize, minimize, of(); several metrics', () => {
    const json = spec({ metrics: [Metric.maximize('auc'), Metric.minimize('loss'), Metric.of('latency', Goal.MINIMIZE)] });
    expect(json.metrics).toEqual([
      { metricId: 'auc', goal: 'MAXIMIZE' },
      { metricId: 'loss', goal: 'MINIMIZE' },
      { metricId: 'latency', goal: 'MINIMIZE' },
    ]);
    expect(Metric.minimize('loss').goal).toBe(Goal.MINIMIZE);
    expect(Metric.minimize('loss').metricId).toBe('loss');
  });

  test('double parameter with each scale, and without one', () => {
    expect(parametersOf(
      Parameter.continuous('a', { min: -1, max: 1 }),
      Parameter.continuous('b', { min: 0, max: 0.5, scale: ScaleType.LINEAR }),
      Parameter.continuous('c', { min: 0.001, max: 1, scale: ScaleType.LOG }),
      Parameter.continuous('d', { min: 0.5, max: 0.999, scale: ScaleType.REVERSE_LOG }),
    )).toEqual([
      { parameterId: 'a', doubleValueSpec: { minValue: -1, maxValue: 1 } },
      { parameterId: 'b', scaleType: 'UNIT_LINEAR_SCALE', doubleValueSpec: { minValue: 0, maxValue: 0.5 } },
      { parameterId: 'c', scaleType: 'UNIT_LOG_SCALE', doubleValueSpec: { minValue: 0.001, maxValue: 1 } },
      { parameterId: 'd', scaleType: 'UNIT_REVERSE_LOG_SCALE', doubleValueSpec: { minValue: 0.5, maxValue: 0.999 } },
    ]);
  });

  test('integer parameter: bounds as int64 strings', () => {
    expect(parametersOf(
      Parameter.integer('layers', { min: 1, max: 8 }),
      Parameter.integer('units', { min: 16, max: 1024, scale: ScaleType.LOG }),
      Parameter.integer('offset', { min: -3, max: 3, scale: ScaleType.LINEAR }),
    )).toEqual([
      { parameterId: 'layers', integerValueSpec: { minValue: '1', maxValue: '8' } },
      { parameterId: 'units', scaleType: 'UNIT_LOG_SCALE', integerValueSpec: { minValue: '16', maxValue: '1024' } },
      { parameterId: 'offset', scaleType: 'UNIT_LINEAR_SCALE', integerValueSpec: { minValue: '-3', maxValue: '3' } },
    ]);
  });

  test('categorical parameter: no scaleType', () => {
    expect(parametersOf(Parameter.categorical('optimizer', ['sgd', 'adam', 'rmsprop']))).toEqual([
      { parameterId: 'optimizer', categoricalValueSpec: { values: ['sgd', 'adam', 'rmsprop'] } },
    ]);
    expect(parametersOf(Parameter.categorical('only', ['x']))).toEqual([{ parameterId: 'only', categoricalValueSpec: { values: ['x'] } }]);
  });

  test('discrete parameter, with and without a scale', () => {
    expect(parametersOf(
      Parameter.discrete('batch_size', [16, 32, 64, 128]),
      Parameter.discrete('dropout', [0.1, 0.25, 0.5], ScaleType.LINEAR),
      Parameter.discrete('weight_decay', [1e-6, 1e-5, 1e-4], ScaleType.LOG),
    )).toEqual([
      { parameterId: 'batch_size', discreteValueSpec: { values: [16, 32, 64, 128] } },
      { parameterId: 'dropout', scaleType: 'UNIT_LINEAR_SCALE', discreteValueSpec: { values: [0.1, 0.25, 0.5] } },
      { parameterId: 'weight_decay', scaleType: 'UNIT_LOG_SCALE', discreteValueSpec: { values: [1e-6, 1e-5, 1e-4] } },
    ]);
  });

  test('discrete: 1,000 values exactly 1e-10 apart are accepted', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1 + i * 1e-9);
    expect(render({ parameters: [Parameter.discrete('fine', values)] }).problems).toEqual([]);
  });

  test('the factories copy their input arrays', () => {
    const values = ['a', 'b'];
    const p = Parameter.categorical('c', values);
    values.push('a');
    expect(p._intent.categories).toEqual(['a', 'b']);
    expect(p.parameterId).toBe('c');
  });

  test('defaultValue is never sent', () => {
    const text = JSON.stringify(spec({
      parameters: [LR, Parameter.integer('i', { min: 1, max: 2 }), Parameter.categorical('c', ['x']), Parameter.discrete('d', [1, 2])],
    }));
    expect(text).not.toContain('defaultValue');
  });

  test('conditional parameters under categorical, discrete and integer parents', () => {
    const optimizer = Parameter.categorical('optimizer', ['sgd', 'adam']).withChildren(
      ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('momentum', { min: 0, max: 0.99 })),
      ConditionalParameter.whenCategorical(['adam'], Parameter.continuous('beta1', { min: 0.8, max: 0.999, scale: ScaleType.REVERSE_LOG })),
    );
    const batch = Parameter.discrete('batch_size', [32, 64, 128]).withChildren(
      ConditionalParameter.whenDiscrete([64, 128], Parameter.categorical('accumulate', ['yes', 'no'])),
    );
    const layers = Parameter.integer('layers', { min: 1, max: 4 }).withChildren(
      ConditionalParameter.whenInteger([3, 4], Parameter.integer('skip_every', { min: 1, max: 2 })),
    );
    expect(parametersOf(optimizer, batch, layers)).toEqual([
      {
        parameterId: 'optimizer',
        categoricalValueSpec: { values: ['sgd', 'adam'] },
        conditionalParameterSpecs: [
          { parameterSpec: { parameterId: 'momentum', doubleValueSpec: { minValue: 0, maxValue: 0.99 } }, parentCategoricalValues: { values: ['sgd'] } },
          {
            parameterSpec: { parameterId: 'beta1', scaleType: 'UNIT_REVERSE_LOG_SCALE', doubleValueSpec: { minValue: 0.8, maxValue: 0.999 } },
            parentCategoricalValues: { values: ['adam'] },
          },
        ],
      },
      {
        parameterId: 'batch_size',
        discreteValueSpec: { values: [32, 64, 128] },
        conditionalParameterSpecs: [
          { parameterSpec: { parameterId: 'accumulate', categoricalValueSpec: { values: ['yes', 'no'] } }, parentDiscreteValues: { values: [64, 128] } },
        ],
      },
      {
        parameterId: 'layers',
        integerValueSpec: { minValue: '1', maxValue: '4' },
        conditionalParameterSpecs: [
          { parameterSpec: { parameterId: 'skip_every', integerValueSpec: { minValue: '1', maxValue: '2' } }, parentIntValues: { values: ['3', '4'] } },
        ],
      },
    ]);
  });

  test('nested conditional parameters, and withChildren appending to a copy', () => {
    const base = Parameter.categorical('model', ['cnn', 'mlp']);
    const withCnn = base.withChildren(ConditionalParameter.whenCategorical(['cnn'], Parameter.integer('kernel', { min: 3, max: 7 }).withChildren(
      ConditionalParameter.whenInteger([7], Parameter.categorical('dilated', ['true', 'false'])),
    )));
    const withBoth = withCnn.withChildren(ConditionalParameter.whenCategorical(['mlp'], Parameter.integer('width', { min: 64, max: 512 })));
    expect(base._intent.children).toBeUndefined();
    expect(withCnn._intent.children).toHaveLength(1);
    const [model] = parametersOf(withBoth) as { conditionalParameterSpecs: { parameterSpec: { conditionalParameterSpecs?: unknown } }[] }[];
    expect(model.conditionalParameterSpecs).toHaveLength(2);
    expect(model.conditionalParameterSpecs[0].parameterSpec.conditionalParameterSpecs).toEqual([
      { parameterSpec: { parameterId: 'dilated', categoricalValueSpec: { values: ['true', 'false'] } }, parentIntValues: { values: ['7'] } },
    ]);
  });

  test('children of one parent may share an ID when their parent values are disjoint', () => {
    const optimizer = Parameter.categorical('optimizer', ['sgd', 'adam', 'adagrad']).withChildren(
      ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('lr', { min: 0.01, max: 1, scale: ScaleType.LOG })),
      ConditionalParameter.whenCategorical(['adam', 'adagrad'], Parameter.continuous('lr', { min: 1e-5, max: 1e-2, scale: ScaleType.LOG })),
    );
    expect(parametersOf(optimizer)).toHaveLength(1);
  });

  test('algorithms: BAYESIAN is the Vertex default and is not sent; GRID and RANDOM are', () => {
    expect(spec({ algorithm: SearchAlgorithm.BAYESIAN }).algorithm).toBeUndefined();
    expect(spec({ algorithm: SearchAlgorithm.RANDOM }).algorithm).toBe('RANDOM_SEARCH');
    const grid = spec({
      algorithm: SearchAlgorithm.GRID,
      parameters: [Parameter.integer('layers', { min: 1, max: 3 }), Parameter.categorical('opt', ['sgd', 'adam']), Parameter.discrete('lr', [0.001, 0.01, 0.1])],
    });
    expect(grid.algorithm).toBe('GRID_SEARCH');
  });

  test('measurement selection', () => {
    expect(spec({ measurementSelection: MeasurementSelection.BEST }).measurementSelectionType).toBe('BEST_MEASUREMENT');
    expect(spec({ measurementSelection: MeasurementSelection.LAST }).measurementSelectionType).toBe('LAST_MEASUREMENT');
    expect(spec({})).not.toHaveProperty('measurementSelectionType');
  });

  test('stopping: median and decay curve', () => {
    expect(spec({ automatedStopping: AutomatedStopping.median() }).medianAutomatedStoppingSpec).toEqual({});
    expect(spec({ automatedStopping: AutomatedStopping.median({ useElapsedDuration: true }) }).medianAutomatedStoppingSpec).toEqual({ useElapsedDuration: true });
    expect(spec({ automatedStopping: AutomatedStopping.decayCurve() }).decayCurveStoppingSpec).toEqual({});
    expect(spec({ automatedStopping: AutomatedStopping.decayCurve({ useElapsedDuration: false }) }).decayCurveStoppingSpec).toEqual({ useElapsedDuration: false });
  });

  test('stopping: convex, empty and with every option', () => {
    expect(spec({ automatedStopping: AutomatedStopping.convex() }).convexAutomatedStoppingSpec).toEqual({});
    const json = spec({
      automatedStopping: AutomatedStopping.convex({
        maxStepCount: 10_000,
        minStepCount: 0,
        minMeasurementCount: 5,
        learningRateParameterName: 'learning_rate',
        useElapsedDuration: false,
        updateAllStoppedTrials: true,
      }),
    });
    expect(json.convexAutomatedStoppingSpec).toEqual({
      useElapsedDuration: false,
      maxStepCount: '10000',
      minStepCount: '0',
      minMeasurementCount: '5',
      learningRateParameterName: 'learning_rate',
      updateAllStoppedTrials: true,
    });
    expect(json).not.toHaveProperty('medianAutomatedStoppingSpec');
  });

  test('a full study validates against the v1 StudySpec', () => {
    spec({
      metrics: [Metric.maximize('accuracy'), Metric.minimize('loss')],
      parameters: [
        LR,
        Parameter.integer('layers', { min: 1, max: 8 }),
        Parameter.categorical('optimizer', ['sgd', 'adam']).withChildren(
          ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('momentum', { min: 0.5, max: 0.99, scale: ScaleType.REVERSE_LOG })),
        ),
        Parameter.discrete('batch_size', [32, 64, 128], ScaleType.LOG),
      ],
      algorithm: SearchAlgorithm.RANDOM,
      measurementSelection: MeasurementSelection.BEST,
      automatedStopping: AutomatedStopping.convex({ maxStepCount: 100, minStepCount: 10, learningRateParameterName: 'learning_rate' }),
    });
  });

  test('the v1 validator used here rejects what the renderer must never produce', () => {
    const bad = {
      metrics: [{ metricId: 'a', goal: 'MAXIMIZE' }],
      parameters: [{ parameterId: 'x', integerValueSpec: { minValue: '1.5', maxValue: '2' }, doubleValueSpec: { minValue: 0, maxValue: 1 } }],
      decayCurveStoppingSpec: {},
      medianAutomatedStoppingSpec: {},
    };
    expect(validateAgainstProto('StudySpec', bad).length).toBeGreaterThanOrEqual(3);
  });

  test('the field prefix is configurable', () => {
    const { problems } = studySpecJson(studyIntent({ metrics: [], parameters: [LR] }), 'tuning.study');
    expect(problems.map((p) => p.field)).toEqual(['tuning.study.metrics']);
  });
});

describe('StudySpec bad input', () => {
  const cases: [title: string, options: Partial<StudyOptions>, field: string, value: unknown, allowed: string][] = [
    ['no metrics', { metrics: [] }, 'study.metrics', '(none)', 'at least one metric'],
    ['no parameters', { parameters: [] }, 'study.parameters', '(none)', 'at least one parameter'],
    ['empty metric ID', { metrics: [Metric.maximize('')] }, 'study.metrics[0].metricId', '', 'a non-empty metric ID'],
    ['metric ID with whitespace', { metrics: [Metric.maximize('top 1')] }, 'study.metrics[0].metricId', 'top 1', 'without whitespace'],
    ['duplicate metric IDs', { metrics: [ACCURACY, Metric.minimize('loss'), Metric.minimize('accuracy')] }, 'study.metrics[2].metricId', 'accuracy', 'unique metric IDs (study.metrics[0] is also "accuracy")'],
    ['empty parameter ID', { parameters: [Parameter.integer('', { min: 1, max: 2 })] }, 'study.parameters[0].parameterId', '', 'a non-empty parameter ID'],
    ['parameter ID with whitespace', { parameters: [Parameter.integer('num layers', { min: 1, max: 2 })] }, 'study.parameters[0].parameterId', 'num layers', 'without whitespace'],
    [
      'duplicate parameter IDs',
      { parameters: [LR, Parameter.integer('layers', { min: 1, max: 2 }), Parameter.continuous('learning_rate', { min: 0, max: 1 })] },
      'study.parameters[2].parameterId', 'learning_rate', 'unique parameter IDs (study.parameters[0] is also "learning_rate"',
    ],
    [
      'a conditional child reusing a top-level ID',
      { parameters: [LR, Parameter.categorical('opt', ['sgd']).withChildren(ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('learning_rate', { min: 0.1, max: 1 })))] },
      'study.parameters[1].children[0].parameterId', 'learning_rate', 'unique parameter IDs (study.parameters[0] is also "learning_rate"',
    ],
    [
      'children of one parent sharing an ID with overlapping parent values',
      {
        parameters: [Parameter.categorical('opt', ['sgd', 'adam']).withChildren(
          ConditionalParameter.whenCategorical(['sgd', 'adam'], Parameter.continuous('lr', { min: 0.1, max: 1 })),
          ConditionalParameter.whenCategorical(['adam'], Parameter.continuous('lr', { min: 0.01, max: 0.1 })),
        )],
      },
      'study.parameters[0].children[1].parameterId', 'lr', 'only children of one parent with disjoint parent values may share an ID',
    ],
    [
      'children of different parents sharing an ID',
      {
        parameters: [
          Parameter.categorical('a', ['x']).withChildren(ConditionalParameter.whenCategorical(['x'], Parameter.integer('n', { min: 1, max: 2 }))),
          Parameter.categorical('b', ['y']).withChildren(ConditionalParameter.whenCategorical(['y'], Parameter.integer('n', { min: 1, max: 2 }))),
        ],
      },
      'study.parameters[1].children[0].parameterId', 'n', 'study.parameters[0].children[0] is also "n"',
    ],
    ['double min > max', { parameters: [LR, Parameter.continuous('dropout', { min: 0.5, max: 0.1 })] }, 'study.parameters[1].min', 0.5, 'less than max (0.1)'],
    ['double min == max', { parameters: [Parameter.continuous('dropout', { min: 0.5, max: 0.5 })] }, 'study.parameters[0].min', 0.5, 'less than max (0.5): a one-value range has nothing to tune'],
    ['integer min > max', { parameters: [Parameter.integer('layers', { min: 8, max: 2 })] }, 'study.parameters[0].min', 8, 'less than max (2)'],
    ['integer min == max', { parameters: [Parameter.integer('layers', { min: 2, max: 2 })] }, 'study.parameters[0].min', 2, 'less than max (2)'],
    ['integer min not whole', { parameters: [Parameter.integer('layers', { min: 1.5, max: 4 })] }, 'study.parameters[0].min', 1.5, 'a whole number'],
    ['integer max not whole', { parameters: [Parameter.integer('layers', { min: 1, max: 4.2 })] }, 'study.parameters[0].max', 4.2, 'a whole number'],
    ['double min not finite', { parameters: [Parameter.continuous('x', { min: -Infinity, max: 1 })] }, 'study.parameters[0].min', -Infinity, 'a finite number'],
    ['double max NaN', { parameters: [Parameter.continuous('x', { min: 0, max: NaN })] }, 'study.parameters[0].max', NaN, 'a finite number'],
    ['LOG scale with min 0', { parameters: [Parameter.continuous('lr', { min: 0, max: 0.1, scale: ScaleType.LOG })] }, 'study.parameters[0].min', 0, 'greater than 0: UNIT_LOG_SCALE needs a strictly positive range'],
    ['LOG scale with min < 0', { parameters: [Parameter.integer('n', { min: -4, max: 4, scale: ScaleType.LOG })] }, 'study.parameters[0].min', -4, 'greater than 0: UNIT_LOG_SCALE'],
    ['REVERSE_LOG scale with min 0', { parameters: [Parameter.continuous('m', { min: 0, max: 0.99, scale: ScaleType.REVERSE_LOG })] }, 'study.parameters[0].min', 0, 'greater than 0: UNIT_REVERSE_LOG_SCALE'],
    ['LOG discrete with a value ≤ 0', { parameters: [Parameter.discrete('wd', [0, 1e-4, 1e-3], ScaleType.LOG)] }, 'study.parameters[0].values[0]', 0, 'greater than 0: UNIT_LOG_SCALE needs strictly positive values'],
    ['categorical without values', { parameters: [Parameter.categorical('opt', [])] }, 'study.parameters[0].values', '(none)', 'at least one category'],
    ['categorical with duplicates', { parameters: [Parameter.categorical('opt', ['sgd', 'adam', 'sgd'])] }, 'study.parameters[0].values[2]', 'sgd', 'unique categories ("sgd" is listed at index 0)'],
    ['discrete without values', { parameters: [Parameter.discrete('bs', [])] }, 'study.parameters[0].values', '(none)', 'at least one value'],
    ['discrete not increasing', { parameters: [Parameter.discrete('bs', [32, 16, 64])] }, 'study.parameters[0].values[1]', 16, 'strictly increasing order (greater than 32)'],
    ['discrete with a repeated value', { parameters: [Parameter.discrete('bs', [16, 16])] }, 'study.parameters[0].values[1]', 16, 'strictly increasing order'],
    ['discrete values closer than 1e-10', { parameters: [Parameter.discrete('x', [1, 1 + 1e-11])] }, 'study.parameters[0].values[1]', 1 + 1e-11, 'at least 1e-10 apart (1 is closer)'],
    ['discrete with a non-finite value', { parameters: [Parameter.discrete('x', [1, Infinity])] }, 'study.parameters[0].values[1]', Infinity, 'a finite number'],
    ['more than 1,000 discrete values', { parameters: [Parameter.discrete('x', Array.from({ length: 1001 }, (_, i) => i))] }, 'study.parameters[0].values', '1001 values', 'at most 1,000 values'],
    [
      'GRID with a double parameter',
      { algorithm: SearchAlgorithm.GRID, parameters: [Parameter.integer('layers', { min: 1, max: 3 }), LR] },
      'study.algorithm', 'GRID_SEARCH', 'grid search takes only integer, categorical and discrete parameters; parameters[1] "learning_rate" is a double',
    ],
    [
      'GRID with a double conditional child',
      { algorithm: SearchAlgorithm.GRID, parameters: [Parameter.categorical('opt', ['sgd']).withChildren(ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('m', { min: 0, max: 1 })))] },
      'study.algorithm', 'GRID_SEARCH', 'parameters[0].children[0] "m" is a double',
    ],
    [
      'categorical child values not among the parent categories',
      { parameters: [Parameter.categorical('opt', ['sgd', 'adam']).withChildren(ConditionalParameter.whenCategorical(['sgd', 'rmsprop'], Parameter.continuous('m', { min: 0, max: 1 })))] },
      'study.parameters[0].children[0].values[1]', 'rmsprop', 'one of the parent "opt" categories: sgd, adam',
    ],
    [
      'discrete child values not among the parent values',
      { parameters: [Parameter.discrete('bs', [32, 64]).withChildren(ConditionalParameter.whenDiscrete([48], Parameter.integer('acc', { min: 1, max: 4 })))] },
      'study.parameters[0].children[0].values[0]', 48, 'one of the parent "bs" values: 32, 64',
    ],
    [
      'integer child values outside the parent bounds',
      { parameters: [Parameter.integer('layers', { min: 1, max: 4 }).withChildren(ConditionalParameter.whenInteger([2, 5], Parameter.integer('skip', { min: 1, max: 2 })))] },
      'study.parameters[0].children[0].values[1]', 5, 'a whole number from 1 to 4 (the parent "layers" bounds)',
    ],
    [
      'integer child values not whole',
      { parameters: [Parameter.integer('layers', { min: 1, max: 4 }).withChildren(ConditionalParameter.whenInteger([2.5], Parameter.integer('skip', { min: 1, max: 2 })))] },
      'study.parameters[0].children[0].values[0]', 2.5, 'a whole number from 1 to 4',
    ],
    [
      'child condition without values',
      { parameters: [Parameter.categorical('opt', ['sgd']).withChildren(ConditionalParameter.whenCategorical([], Parameter.continuous('m', { min: 0, max: 1 })))] },
      'study.parameters[0].children[0].values', '(none)', 'at least one value of the parent "opt"',
    ],
    [
      'child condition of the wrong kind',
      { parameters: [Parameter.categorical('opt', ['sgd']).withChildren(ConditionalParameter.whenInteger([1], Parameter.continuous('m', { min: 0, max: 1 })))] },
      'study.parameters[0].children[0]', 'ConditionalParameter.whenInteger', 'ConditionalParameter.whenCategorical (the parent "opt" is categorical)',
    ],
    [
      'children under a double parent',
      { parameters: [Parameter.continuous('x', { min: 0, max: 1 }).withChildren(ConditionalParameter.whenDiscrete([0.5], Parameter.continuous('y', { min: 0, max: 1 })))] },
      'study.parameters[0].children[0]', 'child of double parameter "x"', 'conditional children need a categorical, discrete or integer parent',
    ],
    [
      'a bad conditional child is reported at its own path',
      { parameters: [Parameter.categorical('opt', ['sgd']).withChildren(ConditionalParameter.whenCategorical(['sgd'], Parameter.continuous('m', { min: 1, max: 0 })))] },
      'study.parameters[0].children[0].min', 1, 'less than max (0)',
    ],
    ['convex maxStepCount 0', { automatedStopping: AutomatedStopping.convex({ maxStepCount: 0 }) }, 'study.automatedStopping.maxStepCount', 0, 'at least 1'],
    ['convex minStepCount negative', { automatedStopping: AutomatedStopping.convex({ minStepCount: -1 }) }, 'study.automatedStopping.minStepCount', -1, '0 or more'],
    ['convex minStepCount > maxStepCount', { automatedStopping: AutomatedStopping.convex({ maxStepCount: 100, minStepCount: 200 }) }, 'study.automatedStopping.minStepCount', 200, 'at most maxStepCount (100)'],
    ['convex minMeasurementCount not whole', { automatedStopping: AutomatedStopping.convex({ minMeasurementCount: 2.5 }) }, 'study.automatedStopping.minMeasurementCount', 2.5, 'a whole number of measurements, at least 1'],
    [
      'convex learning rate parameter not in the study',
      { automatedStopping: AutomatedStopping.convex({ learningRateParameterName: 'lr' }) },
      'study.automatedStopping.learningRateParameterName', 'lr', "the ID of one of the study's parameters: learning_rate",
    ],
  ];

  test.each(cases)('%s', (_title, options, field, value, allowed) => {
    expectProblem(options, field, value, allowed);
  });

  test('several problems are all reported', () => {
    const { problems } = render({
      metrics: [],
      parameters: [Parameter.continuous('a', { min: 2, max: 1 }), Parameter.categorical('b', [])],
    });
    expect(problems.map((p) => p.field)).toEqual(['study.metrics', 'study.parameters[0].min', 'study.parameters[1].values']);
  });
});

describe('StudySpec bad input only reachable through the intent', () => {
  const base: StudyIntent = { metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }], parameters: [LR._intent] };
  const withParameter = (parameter: ParameterIntent): StudyIntent => ({ ...base, parameters: [parameter] });

  test('scale on a categorical parameter: reported, and scaleType not sent', () => {
    const { json, problems } = studySpecJson(withParameter({ kind: 'categorical', parameterId: 'opt', categories: ['sgd'], scale: 'UNIT_LOG_SCALE' }));
    expect(problems).toEqual([{ field: 'study.parameters[0].scale', value: 'UNIT_LOG_SCALE', allowed: 'no scale: categorical parameters leave scaleType unset' }]);
    expect(json.parameters).toEqual([{ parameterId: 'opt', categoricalValueSpec: { values: ['sgd'] } }]);
  });

  test('unknown enum values', () => {
    const { problems } = studySpecJson({
      metrics: [{ metricId: 'a', goal: 'UP' }],
      parameters: [{ kind: 'double', parameterId: 'x', min: 1, max: 2, scale: 'SQUARE' }],
      algorithm: 'ANNEALING',
      measurementSelection: 'MEDIAN',
    });
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['study.metrics[0].goal', 'UP'],
      ['study.parameters[0].scale', 'SQUARE'],
      ['study.algorithm', 'ANNEALING'],
      ['study.measurementSelection', 'MEDIAN'],
    ]);
  });

  test('missing integer bounds', () => {
    const { problems } = studySpecJson(withParameter({ kind: 'integer', parameterId: 'n' }));
    expect(problems).toEqual([
      { field: 'study.parameters[0].min', value: '(missing)', allowed: 'a whole number' },
      { field: 'study.parameters[0].max', value: '(missing)', allowed: 'a whole number' },
    ]);
  });
});

describe('trial counts', () => {
  test('valid budgets', () => {
    expect(trialCountsProblems({ maxTrialCount: 20, parallelTrialCount: 4 })).toEqual([]);
    expect(trialCountsProblems({ maxTrialCount: 1, parallelTrialCount: 1, maxFailedTrialCount: 0 })).toEqual([]);
    expect(trialCountsProblems({ maxTrialCount: 5, parallelTrialCount: 5, maxFailedTrialCount: 3 })).toEqual([]);
  });

  test('parallel trials > max trials', () => {
    expect(trialCountsProblems({ maxTrialCount: 4, parallelTrialCount: 8 })).toEqual([
      { field: 'parallelTrialCount', value: 8, allowed: 'at most maxTrialCount (4): more trials cannot run in parallel than run in total' },
    ]);
  });

  test.each([
    ['maxTrialCount', { maxTrialCount: 0, parallelTrialCount: 1 }, 0, 'a whole number of trials, at least 1'],
    ['maxTrialCount', { maxTrialCount: 2.5, parallelTrialCount: 1 }, 2.5, 'a whole number of trials, at least 1'],
    ['maxTrialCount', { maxTrialCount: 2 ** 31, parallelTrialCount: 1 }, 2 ** 31, 'a whole number of trials, at least 1'],
    ['parallelTrialCount', { maxTrialCount: 10, parallelTrialCount: 0 }, 0, 'a whole number of trials, at least 1'],
    ['parallelTrialCount', { maxTrialCount: 10, parallelTrialCount: 1.5 }, 1.5, 'a whole number of trials, at least 1'],
    ['maxFailedTrialCount', { maxTrialCount: 10, parallelTrialCount: 2, maxFailedTrialCount: -1 }, -1, 'a whole number of trials, 0 or more (0 lets Vertex AI decide)'],
    ['maxFailedTrialCount', { maxTrialCount: 10, parallelTrialCount: 2, maxFailedTrialCount: 0.5 }, 0.5, 'a whole number of trials, 0 or more'],
  ] as const)('%s %#', (name, counts, value, allowed) => {
    const problems = trialCountsProblems(counts, 'tuning');
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(`tuning.${name}`);
    expect(problems[0].value).toBe(value);
    expect(problems[0].allowed).toContain(allowed);
  });
});
