import {
  ConnectionFailure, FakeClock, HttpRequest, HttpResponse, InvalidWorkflow, runWorkflow, Timeout, UnsupportedFeature,
} from '../helpers/workflows';

/**
 * try / except / raise / retry in the Workflows interpreter: error values, scoping, predicates
 * and backoff delays on the fake clock.
 */

/** An HTTP fake answering from a script, one entry per call. */
function scripted(...answers: (HttpResponse | ConnectionFailure | Timeout)[]) {
  const requests: HttpRequest[] = [];
  const handler = (request: HttpRequest): HttpResponse => {
    requests.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected HTTP call');
    if (answer instanceof ConnectionFailure || answer instanceof Timeout) throw answer;
    return answer;
  };
  return { handler, requests };
}

const get = (retry?: unknown, except?: unknown) => ({
  fetch: {
    try: { steps: [
      { count: { assign: [{ attempts: '${attempts + 1}' }] } },
      { call: { call: 'http.get', args: { url: 'https://example.com/x' }, result: 'response' } },
    ] },
    ...(retry === undefined ? {} : { retry }),
    ...(except === undefined ? {} : { except }),
  },
});

describe('try / except', () => {
  test('except binds the error map; its variables are local to it', () => {
    const run = runWorkflow([
      { init: { assign: [{ attempts: 0 }, { outcome: 'none' }] } },
      get(undefined, { as: 'e', steps: [{ handle: { assign: [{ outcome: '${e.code}' }, { local: 1 }] } }] }),
      { r: { return: '${outcome}' } },
    ], { http: scripted({ code: 404, body: { error: 'not found' } }).handler });
    expect(run.result).toBe(404);
    expect(() => runWorkflow([
      { t: { try: { steps: [{ r: { raise: 'x' } }] }, except: { as: 'e', steps: [{ a: { assign: [{ local: 1 }] } }] } } },
      { r: { return: '${local}' } },
    ])).toThrow(InvalidWorkflow);
    expect(() => runWorkflow([
      { t: { try: { steps: [{ r: { raise: 'x' } }] }, except: { as: 'e', steps: [{ a: { assign: [{ x: 1 }] } }] } } },
      { r: { return: '${e}' } },
    ])).toThrow(InvalidWorkflow);
  });

  test('a variable assigned before the block is shared with it', () => {
    const run = runWorkflow([
      { init: { assign: [{ message: '' }] } },
      { t: { try: { steps: [{ fail: { raise: { code: 7, message: 'custom' } } }] }, except: { as: 'e', steps: [{ a: { assign: [{ message: '${e.message}' }] } }] } } },
      { r: { return: '${message}' } },
    ]);
    expect(run.result).toBe('custom');
  });

  test('steps after the failing one are skipped; the flow continues after the try step', () => {
    const run = runWorkflow([
      { init: { assign: [{ trace: [] }] } },
      { t: { try: { steps: [
        { a: { assign: [{ trace: '${list.concat(trace, "a")}' }] } },
        { b: { raise: 'boom' } },
        { c: { assign: [{ trace: '${list.concat(trace, "c")}' }] } },
      ] }, except: { as: 'e', steps: [{ h: { assign: [{ trace: '${list.concat(trace, e)}' }] } }] } } },
      { after: { return: '${trace}' } },
    ]);
    expect(run.result).toEqual(['a', 'boom']);
  });

  test('rethrow: raise ${e} fails the execution with the original error', () => {
    const run = runWorkflow([
      { t: { try: { steps: [{ r: { return: '${1 / 0}' } }] }, except: { as: 'e', steps: [{ again: { raise: '${e}' } }] } } },
    ]);
    expect(run).toMatchObject({ state: 'FAILED', error: { tags: ['ZeroDivisionError'] } });
  });

  test('errors raised in subworkflows are caught by the caller; a single-step try works', () => {
    const run = runWorkflow({
      main: { steps: [
        { t: { try: { call: 'fail', result: 'x' }, except: { as: 'e', steps: [{ r: { return: '${e}' } }] } } },
      ] },
      fail: { steps: [{ r: { raise: { code: 1 } } }] },
    });
    expect(run.result).toEqual({ code: 1 });
  });

  test('except without steps swallows the error', () => {
    const run = runWorkflow([{ t: { try: { steps: [{ fail: { raise: 'x' } }] }, except: { as: 'e' } } }, { r: { return: 'ok' } }]);
    expect(run.result).toBe('ok');
  });

  test('break from an except inside a loop', () => {
    const run = runWorkflow([
      { init: { assign: [{ n: 0 }] } },
      { f: { for: { value: 'v', in: [1, 2, 3], steps: [
        { a: { assign: [{ n: '${n + 1}' }] } },
        { t: { try: { steps: [{ fail: { raise: 'x' } }] }, except: { as: 'e', steps: [{ b: { next: 'break' } }] } } },
      ] } } },
      { r: { return: '${n}' } },
    ]);
    expect(run.result).toBe(1);
  });

  test('refusals and invalid definitions are never caught', () => {
    expect(() => runWorkflow([
      { t: { try: { steps: [{ r: { return: '${nope}' } }] }, except: { as: 'e', steps: [{ caught: { return: 'caught' } }] } } },
    ])).toThrow(InvalidWorkflow);
    expect(() => runWorkflow([
      { t: { try: { steps: [{ r: { return: '${text.split("a", "")}' } }] }, except: { as: 'e', steps: [{ caught: { return: 'caught' } }] } } },
    ])).toThrow(UnsupportedFeature);
  });

  test('for directly after try is rejected (a known Workflows issue); inside try steps it works', () => {
    const loop = { for: { value: 'v', in: [1], steps: [{ s: { assign: [{ x: 1 }] } }] } };
    expect(() => runWorkflow([{ t: { try: loop, except: { as: 'e' } } }])).toThrow(InvalidWorkflow);
    expect(runWorkflow([{ t: { try: { steps: [{ l: loop }] }, except: { as: 'e' } } }]).state).toBe('SUCCEEDED');
  });

  test('unknown except keys are refused', () => {
    expect(() => runWorkflow([{ t: { try: { steps: [{ r: { raise: 'x' } }] }, except: { as: 'e', finally: [] } } }])).toThrow(UnsupportedFeature);
  });
});

describe('retry', () => {
  const backoff = { initial_delay: 1, max_delay: 60, multiplier: 2 };

  test('retries with exponential backoff capped at max_delay, re-running the whole try block', () => {
    const fake = scripted(...Array(8).fill({ code: 503 }), { code: 200, body: { ok: true } });
    const clock = new FakeClock(0);
    const run = runWorkflow([
      { init: { assign: [{ attempts: 0 }] } },
      get({ predicate: '${http.default_retry_predicate}', max_retries: 8, backoff }),
      { r: { return: { attempts: '${attempts}', body: '${response.body}', now: '${sys.now()}' } } },
    ], { http: fake.handler, clock });
    // The documented example: "1, 2, 4, 8, 16, 32, 60, and 60".
    expect(run.sleeps.map((s) => s.seconds)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(run.sleeps.every((s) => s.reason === 'retry')).toBe(true);
    expect(run.result).toEqual({ attempts: 9, body: { ok: true }, now: 183 });
  });

  test('after max_retries the error goes to except (or fails the execution)', () => {
    const fake = scripted({ code: 503 }, { code: 503 }, { code: 503 });
    const run = runWorkflow([
      { init: { assign: [{ attempts: 0 }] } },
      get({ predicate: '${http.default_retry_predicate}', max_retries: 2, backoff }, { as: 'e', steps: [{ r: { return: ['${attempts}', '${e.code}'] } }] }),
    ], { http: fake.handler });
    expect(run.result).toEqual([3, 503]);
    const failing = runWorkflow([
      { init: { assign: [{ attempts: 0 }] } },
      get({ predicate: '${http.default_retry_predicate}', max_retries: 1, backoff }),
    ], { http: scripted({ code: 429 }, { code: 429 }).handler });
    expect(failing).toMatchObject({ state: 'FAILED', error: { code: 429, tags: ['HttpError'] } });
  });

  test('errors the predicate rejects are not retried', () => {
    const run = runWorkflow([
      { init: { assign: [{ attempts: 0 }] } },
      get({ predicate: '${http.default_retry_predicate}', max_retries: 5, backoff }),
    ], { http: scripted({ code: 500 }).handler });
    expect(run).toMatchObject({ state: 'FAILED', error: { code: 500 } });
    expect(run.sleeps).toEqual([]);
  });

  test('http.default_retry: 5 retries with retry.default_backoff', () => {
    const fake = scripted(...Array(6).fill(new ConnectionFailure('ConnectionError')));
    const run = runWorkflow([{ init: { assign: [{ attempts: 0 }] } }, get('${http.default_retry}')], { http: fake.handler });
    expect(run).toMatchObject({ state: 'FAILED', error: { tags: ['ConnectionError'] } });
    expect(run.sleeps.map((s) => s.seconds)).toEqual([1, 1.25, 1.5625, 1.953125, 2.44140625]);
    expect(fake.requests).toHaveLength(6);
  });

  test('the default predicates: what each retries', () => {
    const check = (predicate: string, error: unknown) => runWorkflow({ main: { params: ['e'], steps: [{ r: { return: `\${${predicate}(e)}` } }] } }, { argument: error }).result;
    const http = (code: number) => ({ code, tags: ['HttpError'] });
    for (const code of [429, 502, 503, 504]) expect(check('http.default_retry_predicate', http(code))).toBe(true);
    for (const code of [400, 404, 409, 500]) expect(check('http.default_retry_predicate', http(code))).toBe(false);
    for (const tag of ['ConnectionError', 'ConnectionFailedError', 'TimeoutError']) expect(check('http.default_retry_predicate', { tags: [tag] })).toBe(true);
    for (const code of [429, 503]) expect(check('http.default_retry_predicate_non_idempotent', http(code))).toBe(true);
    for (const code of [502, 504, 500]) expect(check('http.default_retry_predicate_non_idempotent', http(code))).toBe(false);
    expect(check('http.default_retry_predicate_non_idempotent', { tags: ['ConnectionFailedError'] })).toBe(true);
    expect(check('http.default_retry_predicate_non_idempotent', { tags: ['ConnectionError'] })).toBe(false);
    expect(check('http.default_retry_predicate_non_idempotent', { tags: ['TimeoutError'] })).toBe(false);
    expect(check('http.default_retry_predicate', 'a raised string')).toBe(false);
    expect(check('retry.always', 'x')).toBe(true);
    expect(check('retry.never', { tags: ['TimeoutError'] })).toBe(false);
  });

  test('http.default_retry_non_idempotent does not retry a ConnectionError', () => {
    const fake = scripted(new ConnectionFailure('ConnectionError'));
    const run = runWorkflow([{ init: { assign: [{ attempts: 0 }] } }, get('${http.default_retry_non_idempotent}')], { http: fake.handler });
    expect(run.sleeps).toEqual([]);
    expect(run.error).toMatchObject({ tags: ['ConnectionError'] });
  });

  test('a custom predicate subworkflow (predicate: ${my_predicate}) sees the error map', () => {
    const run = runWorkflow({
      main: { steps: [
        { init: { assign: [{ attempts: 0 }] } },
        get({ predicate: '${my_predicate}', max_retries: 3, backoff: { initial_delay: 0.5, max_delay: 10, multiplier: 3 } }),
        { r: { return: '${response.code}' } },
      ] },
      my_predicate: { params: ['e'], steps: [
        { what: { switch: [{ condition: '${"HttpError" in e.tags and e.code == 500}', return: true }] } },
        { no: { return: false } },
      ] },
    }, { http: scripted({ code: 500 }, { code: 500 }, { code: 201 }).handler });
    expect(run.result).toBe(201);
    expect(run.sleeps.map((s) => s.seconds)).toEqual([0.5, 1.5]);
  });

  test('retry.always with retry.default_backoff; max_retries 0 never retries', () => {
    const run = runWorkflow([
      { init: { assign: [{ n: 0 }] } },
      { t: { try: { steps: [{ a: { assign: [{ n: '${n + 1}' }] } }, { s: { switch: [{ condition: '${n < 3}', raise: 'again' }] } }] },
        retry: { predicate: '${retry.always}', max_retries: 5, backoff: '${retry.default_backoff}' } } },
      { r: { return: '${n}' } },
    ]);
    expect(run.result).toBe(3);
    const never = runWorkflow([
      { t: { try: { steps: [{ s: { raise: 'x' } }] }, retry: { predicate: '${retry.always}', max_retries: 0, backoff } } },
    ]);
    expect(never).toMatchObject({ state: 'FAILED', error: 'x', sleeps: [] });
  });

  test('a predicate that does not return a boolean is a TypeError', () => {
    const run = runWorkflow({
      main: { steps: [{ t: { try: { steps: [{ s: { raise: 'x' } }] }, retry: { predicate: '${p}', max_retries: 1, backoff } } }] },
      p: { params: ['e'], steps: [{ r: { return: 'yes' } }] },
    });
    expect(run.error).toMatchObject({ tags: ['TypeError'] });
  });

  test('unknown or missing retry and backoff keys are refused', () => {
    const t = (retry: unknown) => () => runWorkflow([{ t: { try: { steps: [{ s: { raise: 'x' } }] }, retry } }]);
    expect(t({ predicate: '${retry.always}', max_retries: 1, backoff, jitter: true })).toThrow(UnsupportedFeature);
    expect(t({ predicate: '${retry.always}', max_retries: 1, backoff: { ...backoff, factor: 2 } })).toThrow(UnsupportedFeature);
    expect(t({ predicate: '${retry.always}', max_retries: 1 })).toThrow(InvalidWorkflow);
    expect(t({ predicate: '${retry.always}', max_retries: 1, backoff: { initial_delay: 1, max_delay: 2 } })).toThrow(InvalidWorkflow);
    expect(t({ predicate: 'retry.always', max_retries: 1, backoff })).toThrow(InvalidWorkflow);
    expect(t({ predicate: '${retry.always}', max_retries: -1, backoff })).toThrow(InvalidWorkflow);
  });

  test('retry values may be expressions', () => {
    const run = runWorkflow([
      { init: { assign: [{ tries: 2 }, { n: 0 }] } },
      { t: { try: { steps: [{ a: { assign: [{ n: '${n + 1}' }] } }, { s: { raise: 'x' } }] },
        retry: { predicate: '${retry.always}', max_retries: '${tries}', backoff: { initial_delay: 1, max_delay: 5, multiplier: '${1 + 1}' } },
        except: { as: 'e', steps: [{ r: { return: '${n}' } }] } } },
    ]);
    expect(run.result).toBe(3);
    expect(run.sleeps.map((s) => s.seconds)).toEqual([1, 2]);
  });
});
