import { DEFAULT_LIMITS, InvalidWorkflow, runWorkflow } from '../helpers/workflows';

/**
 * The limits the Workflows interpreter enforces, each overridable.
 */

const tags = (run: ReturnType<typeof runWorkflow>) => (run.error as any)?.tags;

test('the defaults', () => {
  expect(DEFAULT_LIMITS).toMatchObject({
    maxSteps: 100_000, maxMemoryBytes: 512 * 1024, maxStringBytes: 256 * 1024, maxCallDepth: 20, maxConditions: 50, maxAssignments: 50,
  });
});

test('steps per execution: a ResourceLimitError when exceeded', () => {
  const loop = [{ spin: { next: 'spin' } }];
  const run = runWorkflow(loop, { limits: { maxSteps: 50 } });
  expect(run).toMatchObject({ state: 'FAILED', steps: 51 });
  expect(tags(run)).toEqual(['ResourceLimitError']);
});

test('memory: the documented sizes (8 bytes + elements), over all live variables', () => {
  // "This is a string of 28 bytes" uses 36 bytes; a copy doubles it.
  const two = [{ a: { assign: [{ a: 'This is a string of 28 bytes' }, { b: '${a}' }] } }];
  expect(runWorkflow(two, { limits: { maxMemoryBytes: 72 } }).state).toBe('SUCCEEDED');
  expect(tags(runWorkflow(two, { limits: { maxMemoryBytes: 71 } }))).toEqual(['ResourceLimitError']);
  // A map: 8 + (8 + key bytes + value) per entry; an int is 8 bytes.
  const map = [{ a: { assign: [{ m: { ab: 1 } }] } }];
  expect(runWorkflow(map, { limits: { maxMemoryBytes: 8 + 8 + 2 + 8 } }).state).toBe('SUCCEEDED');
  expect(tags(runWorkflow(map, { limits: { maxMemoryBytes: 8 + 8 + 2 + 7 } }))).toEqual(['ResourceLimitError']);
});

test('memory counts the runtime argument and subworkflow frames; freed variables do not count', () => {
  const big = 'x'.repeat(1000);
  expect(tags(runWorkflow({ main: { params: ['input'], steps: [{ r: { return: 1 } }] } }, { argument: big, limits: { maxMemoryBytes: 1000 } }))).toEqual(['ResourceLimitError']);
  const freed = runWorkflow([
    { a: { assign: [{ s: big }] } },
    { b: { assign: [{ s: null }, { t: big }] } },
  ], { limits: { maxMemoryBytes: 1100 } });
  expect(freed.state).toBe('SUCCEEDED');
});

test('a string longer than the limit is a ResourceLimitError', () => {
  const run = runWorkflow([{ a: { assign: [{ s: 'abc' }, { s: '${s + s}' }] } }], { limits: { maxStringBytes: 5 } });
  expect(tags(run)).toEqual(['ResourceLimitError']);
});

test('result size', () => {
  const run = runWorkflow([{ r: { return: 'x'.repeat(20) } }], { limits: { maxResultBytes: 10 } });
  expect(tags(run)).toEqual(['ResourceLimitError']);
});

test('call depth: a RecursionError', () => {
  const definition = {
    main: { steps: [{ c: { call: 'down', args: { n: 0 }, result: 'r' } }, { r: { return: '${r}' } }] },
    down: { params: ['n'], steps: [{ c: { call: 'down', args: { n: '${n + 1}' } } }] },
  };
  const run = runWorkflow(definition, { limits: { maxCallDepth: 5 } });
  expect(tags(run)).toEqual(['RecursionError']);
});

test('load-time limits: expression length, assignments per step, conditions per switch', () => {
  expect(() => runWorkflow([{ r: { return: `\${${'1 + '.repeat(200)}1}` } }])).toThrow(InvalidWorkflow);
  expect(() => runWorkflow([{ a: { assign: Array.from({ length: 51 }, (_, i) => ({ [`v${i}`]: i })) } }])).toThrow(InvalidWorkflow);
  expect(runWorkflow([{ a: { assign: Array.from({ length: 50 }, (_, i) => ({ [`v${i}`]: i })) } }]).state).toBe('SUCCEEDED');
  expect(() => runWorkflow([{ s: { switch: Array.from({ length: 51 }, () => ({ condition: false, return: 1 })) } }])).toThrow(InvalidWorkflow);
  expect(() => runWorkflow([{ r: { return: '${1 + 1}' } }], { limits: { maxExpressionLength: 4 } })).toThrow(InvalidWorkflow);
});
