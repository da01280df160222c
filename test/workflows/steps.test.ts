import { InvalidWorkflow, runWorkflow, UnsupportedFeature } from '../helpers/workflows';

/**
 * Steps of the Workflows interpreter: assign, call and subworkflows, switch, next, for, nested
 * steps, return, raise, scoping and step counting.
 */

const errorTags = (run: ReturnType<typeof runWorkflow>) => (run.error as any)?.tags;

describe('definitions', () => {
  test('a list of steps, or subworkflows with main; the runtime argument goes to main\'s parameter', () => {
    expect(runWorkflow([{ r: { return: 1 } }]).result).toBe(1);
    const run = runWorkflow({ main: { params: ['input'], steps: [{ r: { return: '${input.x}' } }] } }, { argument: { x: 'y' } });
    expect(run.result).toBe('y');
  });

  test('without an argument main\'s parameter is null', () => {
    const run = runWorkflow({ main: { params: ['input'], steps: [{ r: { return: '${default(input, {"none": true})}' } }] } });
    expect(run.result).toEqual({ none: true });
  });

  test('a workflow that ends without return succeeds with null', () => {
    const run = runWorkflow([{ a: { assign: [{ x: 1 }] } }]);
    expect(run).toMatchObject({ state: 'SUCCEEDED', result: null, steps: 1 });
  });

  test('malformed definitions are rejected', () => {
    expect(() => runWorkflow({ other: { steps: [{ r: { return: 1 } }] } })).toThrow(InvalidWorkflow);
    expect(() => runWorkflow({ main: { params: ['a', 'b'], steps: [{ r: { return: 1 } }] } })).toThrow(InvalidWorkflow);
    expect(() => runWorkflow([{ a: { return: 1 } }, { a: { return: 2 } }])).toThrow(/used twice/);
    expect(() => runWorkflow([{ a: { assign: [{ x: 1 }], return: 1 } }])).toThrow(InvalidWorkflow);
    expect(() => runWorkflow([{ a: { next: 'nowhere' } }])).toThrow(/names no step/);
    expect(() => runWorkflow([{ a: { next: 'break' } }])).toThrow(/outside a for loop/);
    expect(() => runWorkflow([])).toThrow(InvalidWorkflow);
  });

  test('unknown step keys, parallel, connectors and unknown call targets are refused', () => {
    expect(() => runWorkflow([{ a: { assign: [{ x: 1 }], note: 'x' } }])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([{ p: { parallel: { branches: [] } } }])).toThrow(/UnsupportedFeature: .*parallel/);
    expect(() => runWorkflow([{ c: { call: 'googleapis.storage.v1.objects.get', args: { bucket: 'b', object: 'o' } } }])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([{ c: { call: 'events.await_callback', args: {} } }])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([{ c: { call: 'experimental.executions.run', args: {} } }])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([{ c: { call: 'sys.sleep_until', args: {} } }])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow({ main: { steps: [{ r: { return: 1 } }], extra: 1 } })).toThrow(UnsupportedFeature);
  });

  test('refusals are found in branches that do not run', () => {
    expect(() => runWorkflow([
      { s: { switch: [{ condition: false, steps: [{ p: { parallel: {} } }] }] } },
    ])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([
      { s: { switch: [{ condition: false, assign: [{ x: '${uuid.generate()}' }] }] } },
    ])).toThrow(UnsupportedFeature);
  });

  test('the definition passed in is not changed and can be run again', () => {
    const definition = [{ s: { steps: [{ r: { return: 1 } }] } }];
    const copy = JSON.parse(JSON.stringify(definition));
    runWorkflow(definition);
    expect(definition).toEqual(copy);
    expect(runWorkflow(definition).result).toBe(1);
  });
});

describe('assign', () => {
  test('assignments run in order and copy values', () => {
    const run = runWorkflow([
      { a: { assign: [{ x: { k: [1] } }, { y: '${x}' }, { 'y.k[0]': 2 }, { n: '${len(x.k) + 1}' }] } },
      { r: { return: { x: '${x}', y: '${y}', n: '${n}' } } },
    ]);
    expect(run.result).toEqual({ x: { k: [1] }, y: { k: [2] }, n: 2 });
  });

  test('keys and indexes: dots, brackets, expressions, nested lists, dynamic map keys', () => {
    const run = runWorkflow([
      { a: { assign: [
        { m: { Key1: 'hello' } },
        { key_str: 'Key' },
        { 'm.Key1': 'Value1' },
        { 'm["Key2"]': 'Value2' },
        { 'm[key_str + "3"]': 'Value3' },
        { l: [[10, 11], [20, 21]] },
        { idx: 0 },
        { 'l[idx + 1][0]': 'x' },
        { d: { '${key_str + "D"}': true } },
      ] } },
      { r: { return: { m: '${m}', l: '${l}', d: '${d}' } } },
    ]);
    expect(run.result).toEqual({ m: { Key1: 'Value1', Key2: 'Value2', Key3: 'Value3' }, l: [[10, 11], ['x', 21]], d: { KeyD: true } });
  });

  test('an intermediate key that does not exist is a KeyError (only the last key may be new)', () => {
    const run = runWorkflow([
      { a: { assign: [{ body: { jobSpec: {} } }, { 'body.jobSpec.baseOutputDirectory.outputUriPrefix': 'gs://x' }] } },
    ]);
    expect(errorTags(run)).toEqual(['KeyError']);
    const ok = runWorkflow([
      { a: { assign: [{ body: { jobSpec: {} } }, { 'body.jobSpec.baseOutputDirectory': { outputUriPrefix: 'gs://x' } }] } },
      { r: { return: '${body}' } },
    ]);
    expect(ok.result).toEqual({ jobSpec: { baseOutputDirectory: { outputUriPrefix: 'gs://x' } } });
  });

  test('list elements must exist; the wrong container type is a TypeError', () => {
    expect(errorTags(runWorkflow([{ a: { assign: [{ l: [1] }, { 'l[1]': 2 }] } }]))).toEqual(['IndexError']);
    expect(errorTags(runWorkflow([{ a: { assign: [{ l: [1] }, { 'l["a"]': 2 }] } }]))).toEqual(['TypeError']);
    expect(errorTags(runWorkflow([{ a: { assign: [{ s: 'x' }, { 's.a': 2 }] } }]))).toEqual(['TypeError']);
    expect(errorTags(runWorkflow([{ a: { assign: [{ m: {} }, { 'm[1]': 2 }] } }]))).toEqual(['TypeError']);
  });

  test('assigning into an undefined variable is rejected', () => {
    expect(() => runWorkflow([{ a: { assign: [{ 'nope.k': 1 }] } }])).toThrow(InvalidWorkflow);
  });
});

describe('call and subworkflows', () => {
  const definition = {
    main: {
      params: ['input'],
      steps: [
        { c1: { call: 'greet', args: { first: 'Ada' }, result: 'a' } },
        { c2: { call: 'greet', args: { first: 'Alan', last: 'Turing' }, result: 'b' } },
        { c3: { call: 'nothing' } },
        { r: { return: ['${a}', '${b}'] } },
      ],
    },
    greet: { params: ['first', { last: 'Unknown' }], steps: [{ g: { return: '${"Hello " + first + " " + last}' } }] },
    nothing: { steps: [{ n: { assign: [{ x: 1 }] } }] },
  };

  test('named arguments, defaults, results', () => {
    expect(runWorkflow(definition).result).toEqual(['Hello Ada Unknown', 'Hello Alan Turing']);
  });

  test('a missing or unknown argument is a TypeError', () => {
    const missing = runWorkflow({ ...definition, main: { steps: [{ c: { call: 'greet', args: {} } }] } });
    expect(errorTags(missing)).toEqual(['TypeError']);
    const unknown = runWorkflow({ ...definition, main: { steps: [{ c: { call: 'greet', args: { first: 'a', middle: 'b' } } }] } });
    expect(errorTags(unknown)).toEqual(['TypeError']);
  });

  test('subworkflows have their own variables; arguments are copies', () => {
    const run = runWorkflow({
      main: { steps: [
        { a: { assign: [{ m: { k: 1 } }, { x: 'outer' }] } },
        { c: { call: 'change', args: { m: '${m}' }, result: 'r' } },
        { r: { return: ['${m}', '${x}', '${r}'] } },
      ] },
      change: { params: ['m'], steps: [{ s: { assign: [{ 'm.k': 2 }, { x: 'inner' }] } }, { r: { return: '${m}' } }] },
    });
    expect(run.result).toEqual([{ k: 1 }, 'outer', { k: 2 }]);
    expect(() => runWorkflow({
      main: { steps: [{ a: { assign: [{ x: 1 }] } }, { c: { call: 'peek' } }] },
      peek: { steps: [{ r: { return: '${x}' } }] },
    })).toThrow(InvalidWorkflow);
  });

  test('a subworkflow ending with next: end returns null', () => {
    const run = runWorkflow({
      main: { steps: [{ c: { call: 'sub', result: 'r' } }, { r: { return: '${r}' } }] },
      sub: { steps: [{ a: { assign: [{ x: 1 }], next: 'end' } }, { b: { return: 'unreachable' } }] },
    });
    expect(run.result).toBeNull();
  });

  test('calling a subworkflow inside an expression is refused', () => {
    expect(() => runWorkflow({ main: { steps: [{ r: { return: '${sub()}' } }] }, sub: { steps: [{ r: { return: 1 } }] } })).toThrow(UnsupportedFeature);
  });
});

describe('switch', () => {
  const classify = (n: number) => runWorkflow({
    main: {
      params: ['n'],
      steps: [
        { init: { assign: [{ size: 'none' }] } },
        { s: {
          switch: [
            { condition: '${n < 0}', raise: 'negative' },
            { condition: '${n == 0}', return: 'zero' },
            { condition: '${n < 10}', assign: [{ size: 'small' }] },
            { condition: '${n < 100}', steps: [{ inner: { assign: [{ size: 'medium' }] } }] },
            { condition: '${n < 1000}', next: 'large' },
          ],
          next: 'answer',
        } },
        { huge: { assign: [{ size: 'huge' }], next: 'answer' } },
        { large: { assign: [{ size: 'large' }] } },
        { answer: { return: '${size}' } },
      ],
    },
  }, { argument: n });

  test('the first true condition acts; assign and steps continue at the switch\'s next', () => {
    expect(classify(5).result).toBe('small');
    expect(classify(50).result).toBe('medium');
    expect(classify(0).result).toBe('zero');
    expect(classify(-1)).toMatchObject({ state: 'FAILED', error: 'negative' });
    expect(classify(500).result).toBe('large');
  });

  test('when no condition matches, the switch\'s next (or the following step) runs', () => {
    // The switch's next skips the "huge" step that follows it.
    expect(classify(5000).result).toBe('none');
  });

  test('a condition must be a boolean', () => {
    const run = runWorkflow([{ s: { switch: [{ condition: '${"yes"}', return: 1 }] } }]);
    expect(errorTags(run)).toEqual(['TypeError']);
    const nul = runWorkflow([{ s: { switch: [{ condition: null, return: 1 }] } }]);
    expect(errorTags(nul)).toEqual(['TypeError']);
  });

  test('no match and no next: the next step follows; condition: true is the default', () => {
    const run = runWorkflow([
      { s: { switch: [{ condition: false, return: 'no' }] } },
      { t: { switch: [{ condition: false, return: 'no' }, { condition: true, assign: [{ x: 'default' }] }] } },
      { r: { return: '${x}' } },
    ]);
    expect(run.result).toBe('default');
  });

  test('a condition can call a function and jump', () => {
    const run = runWorkflow([
      { s: { switch: [{ condition: true, call: 'text.to_upper', args: { source: 'a' }, result: 'u', next: 'done' }] } },
      { skipped: { return: 'skipped' } },
      { done: { return: '${u}' } },
    ]);
    expect(run.result).toBe('A');
  });
});

describe('next', () => {
  test('jumps forward and backward between steps', () => {
    const run = runWorkflow([
      { init: { assign: [{ i: 0 }, { trace: [] }] } },
      { loop: { assign: [{ i: '${i + 1}' }, { trace: '${list.concat(trace, i)}' }] } },
      { check: { switch: [{ condition: '${i < 3}', next: 'loop' }], next: 'done' } },
      { skipped: { return: 'skipped' } },
      { done: { return: '${trace}' } },
    ]);
    expect(run.result).toEqual([1, 2, 3]);
  });

  test('a nested step can jump to a step of an enclosing list', () => {
    const run = runWorkflow([
      { outer: { steps: [{ inner: { assign: [{ x: 1 }], next: 'target' } }, { never: { return: 'no' } }] } },
      { skipped: { return: 'skipped' } },
      { target: { return: '${x}' } },
    ]);
    expect(run.result).toBe(1);
  });

  test('next: end stops the workflow with null', () => {
    const run = runWorkflow([{ a: { assign: [{ x: 1 }], next: 'end' } }, { b: { return: 2 } }]);
    expect(run).toMatchObject({ state: 'SUCCEEDED', result: null, steps: 1 });
  });

  test('jumping out of a for loop is refused', () => {
    expect(() => runWorkflow([
      { f: { for: { value: 'v', in: [1], steps: [{ j: { next: 'after' } }] } } },
      { after: { return: 1 } },
    ])).toThrow(/jumps out of a for loop/);
  });
});

describe('for', () => {
  test('over a list with value and index', () => {
    const run = runWorkflow([
      { init: { assign: [{ out: [] }] } },
      { f: { for: { value: 'v', index: 'i', in: ['a', 'b'], steps: [{ s: { assign: [{ out: '${list.concat(out, string(i) + v)}' }] } }] } } },
      { r: { return: '${out}' } },
    ]);
    expect(run.result).toEqual(['0a', '1b']);
  });

  test('over an inclusive range of ints or doubles', () => {
    const sum = (range: unknown) => runWorkflow([
      { init: { assign: [{ sum: 0 }] } },
      { f: { for: { value: 'v', range, steps: [{ s: { assign: [{ sum: '${sum + v}' }] } }] } } },
      { r: { return: '${sum}' } },
    ]).result;
    expect(sum([1, 9])).toBe(45);
    expect(sum('${[1, 3]}')).toBe(6);
    expect(sum([1.5, 3.5])).toBe(7.5);
    expect(sum([3, 1])).toBe(0);
  });

  test('over map keys; a map itself is a TypeError', () => {
    const run = runWorkflow([
      { init: { assign: [{ m: { a: 1, b: 2 } }, { sum: 0 }] } },
      { f: { for: { value: 'k', in: '${keys(m)}', steps: [{ s: { assign: [{ sum: '${sum + m[k]}' }] } }] } } },
      { r: { return: '${sum}' } },
    ]);
    expect(run.result).toBe(3);
    expect(errorTags(runWorkflow([{ f: { for: { value: 'k', in: '${{"a": 1}}', steps: [{ s: { assign: [{ x: 1 }] } }] } } }]))).toEqual(['TypeError']);
  });

  test('break and continue, also from nested steps and switches', () => {
    const run = runWorkflow([
      { init: { assign: [{ out: [] }] } },
      { f: { for: { value: 'v', in: [1, 2, 3, 4, 5], steps: [
        { odd: { switch: [{ condition: '${v % 2 == 1}', steps: [{ skip: { next: 'continue' } }] }] } },
        { stop: { switch: [{ condition: '${v > 3}', next: 'break' }] } },
        { keep: { assign: [{ out: '${list.concat(out, v)}' }] } },
      ] } } },
      { r: { return: '${out}' } },
    ]);
    expect(run.result).toEqual([2]);
  });

  test('variables created in the loop do not exist after it; outer variables keep their changes', () => {
    const run = runWorkflow([
      { init: { assign: [{ workflowScope: 'foo' }] } },
      { outerLoop: { for: { value: 'outerLoopValue', in: [1, 2], steps: [
        { outerLoopAssign: { assign: [{ outerLoopScope: '${workflowScope}' }] } },
        { innerLoop: { for: { value: 'innerLoopValue', in: [5, 6], steps: [
          { innerLoopAssign: { assign: [{ workflowScope: '${innerLoopValue}' }, { innerLoopScope: '${outerLoopScope}' }] } },
        ] } } },
      ] } } },
      { final: { return: '${workflowScope}' } },
    ]);
    expect(run.result).toBe(6);
    expect(() => runWorkflow([
      { f: { for: { value: 'v', in: [1], steps: [{ a: { assign: [{ inner: 1 }] } }] } } },
      { r: { return: '${inner}' } },
    ])).toThrow(InvalidWorkflow);
    expect(() => runWorkflow([
      { f: { for: { value: 'v', in: [1], steps: [{ a: { assign: [{ x: 1 }] } }] } } },
      { r: { return: '${v}' } },
    ])).toThrow(InvalidWorkflow);
  });

  test('each iteration starts without the previous iteration\'s local variables', () => {
    expect(() => runWorkflow([
      { f: { for: { value: 'v', in: [1, 2], steps: [
        { s: { switch: [{ condition: '${v == 2}', return: '${seen}' }] } },
        { a: { assign: [{ seen: '${v}' }] } },
      ] } } },
    ])).toThrow(InvalidWorkflow);
  });

  test('a loop variable that is also an outer variable is rejected', () => {
    expect(() => runWorkflow([
      { a: { assign: [{ v: 0 }] } },
      { f: { for: { value: 'v', in: [1], steps: [{ s: { assign: [{ x: 1 }] } }] } } },
    ])).toThrow(InvalidWorkflow);
  });

  test('return inside a loop returns from the workflow', () => {
    const run = runWorkflow([
      { f: { for: { value: 'v', in: [1, 2, 3], steps: [{ s: { switch: [{ condition: '${v == 2}', return: '${v * 10}' }] } }] } } },
    ]);
    expect(run.result).toBe(20);
  });

  test('for keys other than value, index, in, range, steps are refused; in and range together rejected', () => {
    expect(() => runWorkflow([{ f: { for: { value: 'v', in: [1], steps: [{ a: { assign: [{ x: 1 }] } }], step: 2 } } }])).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([{ f: { for: { value: 'v', in: [1], range: [1, 2], steps: [{ a: { assign: [{ x: 1 }] } }] } } }])).toThrow(InvalidWorkflow);
    expect(() => runWorkflow([{ f: { for: { value: 'v', index: 'i', range: [1, 2], steps: [{ a: { assign: [{ x: 1 }] } }] } } }])).toThrow(UnsupportedFeature);
  });
});

describe('steps, return, raise and counting', () => {
  test('nested steps run in order, then the container\'s next', () => {
    const run = runWorkflow([
      { group: { steps: [{ a: { assign: [{ x: 1 }] } }, { b: { assign: [{ x: '${x + 1}' }] } }], next: 'done' } },
      { skipped: { assign: [{ x: 100 }] } },
      { done: { return: '${x}' } },
    ]);
    expect(run.result).toBe(2);
  });

  test('raise a string or a map (with any keys); the execution fails with that value', () => {
    expect(runWorkflow([{ r: { raise: 'Something went wrong.' } }])).toMatchObject({ state: 'FAILED', error: 'Something went wrong.' });
    const map = runWorkflow([{ r: { raise: { code: 55, message: 'Something went wrong.', extra: ['x'] } } }]);
    expect(map.error).toEqual({ code: 55, message: 'Something went wrong.', extra: ['x'] });
    expect(() => runWorkflow([{ r: { raise: 3 } }])).toThrow(UnsupportedFeature);
  });

  test('runtime errors fail the execution with {message, tags}', () => {
    const run = runWorkflow([{ a: { assign: [{ m: {} }] } }, { r: { return: '${m.x}' } }]);
    expect(run.state).toBe('FAILED');
    expect(run.error).toEqual({ message: 'key not found: x', tags: ['KeyError'] });
  });

  test('returning bytes fails the execution (bytes cannot be JSON-encoded)', () => {
    const run = runWorkflow([{ r: { return: '${text.encode("x")}' } }]);
    expect(errorTags(run)).toEqual(['ValueError']);
  });

  test('every executed step counts, loop bodies and subworkflow steps included', () => {
    const run = runWorkflow({
      main: { steps: [
        { a: { assign: [{ x: 1 }] } },
        { f: { for: { value: 'v', in: [1, 2, 3], steps: [{ s: { assign: [{ x: '${x + v}' }] } }] } } },
        { c: { call: 'sub' } },
        { r: { return: '${x}' } },
      ] },
      sub: { steps: [{ one: { assign: [{ y: 1 }] } }, { two: { return: '${y}' } }] },
    });
    expect(run.steps).toBe(1 + 1 + 3 + 1 + 2 + 1);
  });
});
