import {
  ConnectionFailure, HttpRequest, HttpResponse, InvalidWorkflow, runWorkflow, Timeout, UnsupportedFeature,
} from '../helpers/workflows';

/**
 * HTTP calls in the Workflows interpreter: the request the fake receives, the response the
 * workflow sees, HttpError and network errors.
 */

function call(call: string, args: unknown, answer: HttpResponse | ((r: HttpRequest) => HttpResponse) = { code: 200 }) {
  const requests: HttpRequest[] = [];
  const run = runWorkflow([
    { c: { call, args, result: 'response' } },
    { r: { return: '${response}' } },
  ], { http: (request) => { requests.push(request); return typeof answer === 'function' ? answer(request) : answer; } });
  return { run, request: requests[0] };
}

describe('requests', () => {
  test('a map body is JSON-encoded with Content-Type application/json; charset=utf-8', () => {
    const { request, run } = call('http.post', { url: 'https://api.example.com/v1/jobs', body: { name: 'x', n: 1, l: [true] }, auth: { type: 'OAuth2' } });
    expect(run.state).toBe('SUCCEEDED');
    expect(request).toEqual({
      method: 'POST',
      url: 'https://api.example.com/v1/jobs',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"name":"x","n":1,"l":[true]}',
      json: { name: 'x', n: 1, l: [true] },
      auth: { type: 'OAuth2' },
      timeout: 300,
    });
  });

  test('bytes go as application/octet-stream; a given Content-Type is kept', () => {
    expect(call('http.put', { url: 'https://x.test/o', body: '${text.encode("raw")}' }).request)
      .toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from('raw') });
    expect(call('http.post', { url: 'https://x.test/', headers: { 'content-type': 'text/plain' }, body: 'hi' }).request)
      .toMatchObject({ headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(call('http.post', { url: 'https://x.test/', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: { a: 'b c' } }).request)
      .toMatchObject({ body: 'a=b%20c' });
    expect(call('http.post', { url: 'https://x.test/', body: 'a string' }).request).toMatchObject({ body: '"a string"' });
  });

  test('query values are URL-encoded and appended; lists repeat the key', () => {
    const { request } = call('http.get', { url: 'https://x.test/list?x=1', query: { filter: 'labels.launch_key="a b"', n: 2, all: true, tag: ['a', 'b'] } });
    expect(request.query).toEqual({ filter: 'labels.launch_key="a b"', n: '2', all: 'true', tag: ['a', 'b'] });
    expect(new URL(request.url).searchParams.getAll('tag')).toEqual(['a', 'b']);
    expect(new URL(request.url).searchParams.get('filter')).toBe('labels.launch_key="a b"');
    expect(new URL(request.url).searchParams.get('x')).toBe('1');
  });

  test('http.request takes a method; every verb has its shortcut', () => {
    expect(call('http.request', { method: 'HEAD', url: 'https://x.test/' }).request.method).toBe('HEAD');
    expect(call('http.delete', { url: 'https://x.test/' }).request.method).toBe('DELETE');
    expect(call('http.patch', { url: 'https://x.test/', body: {} }).request.method).toBe('PATCH');
    expect((call('http.request', { method: 'FETCH', url: 'https://x.test/' }).run.error as any).tags).toEqual(['ValueError']);
    expect((call('http.request', { url: 'https://x.test/' }).run.error as any).tags).toEqual(['TypeError']);
  });

  test('argument checks: URL, headers of strings, timeout up to 1800, auth type, unknown args', () => {
    const tags = (args: unknown) => (call('http.get', args).run.error as any).tags;
    expect(tags({ url: 'not a url' })).toEqual(['ValueError']);
    expect(tags({ url: 1 })).toEqual(['TypeError']);
    expect(tags({ url: 'https://x.test/', headers: { n: 1 } })).toEqual(['TypeError']);
    expect(tags({ url: 'https://x.test/', timeout: 1801 })).toEqual(['ValueError']);
    expect(call('http.get', { url: 'https://x.test/', timeout: 1800 }).request.timeout).toBe(1800);
    expect(tags({ url: 'https://x.test/', auth: { type: 'Basic' } })).toEqual(['ValueError']);
    expect(tags({ url: 'https://x.test/', query: { m: { nested: 1 } } })).toEqual(['TypeError']);
    expect(tags({ url: 'https://x.test/', method: 'GET' })).toEqual(['TypeError']);
    expect(tags({})).toEqual(['TypeError']);
  });

  test('private_service_name and ca_certificate are refused', () => {
    expect(() => call('http.get', { url: 'https://x.test/', private_service_name: 'projects/p/locations/l/namespaces/n/services/s' })).toThrow(UnsupportedFeature);
    expect(() => call('http.get', { url: 'https://x.test/', ca_certificate: '${text.encode("x")}' })).toThrow(UnsupportedFeature);
  });

  test('HTTP calls cannot be made inside expressions', () => {
    expect(() => runWorkflow([{ r: { return: '${http.get("https://x.test/")}' } }])).toThrow(InvalidWorkflow);
  });

  test('a call without a fake is an error of the test, not of the workflow', () => {
    expect(() => runWorkflow([{ c: { call: 'http.get', args: { url: 'https://x.test/' } } }])).toThrow(/no http fake/);
  });
});

describe('responses', () => {
  test('{code, headers, body}; a JS body is a JSON response and is decoded', () => {
    const { run } = call('http.get', { url: 'https://x.test/' }, { code: 200, body: { items: [{ n: 1.5 }] } });
    expect(run.result).toEqual({ code: 200, headers: { 'Content-Type': 'application/json' }, body: { items: [{ n: 1.5 }] } });
  });

  test('application/json text is decoded, text/* stays a string, anything else is bytes', () => {
    const seen = (headers: { [k: string]: string }, body: unknown) => runWorkflow([
      { c: { call: 'http.get', args: { url: 'https://x.test/' }, result: 'r' } },
      // Not if(): it evaluates all its arguments, so text.decode would fail on non-bytes.
      { t: { switch: [{ condition: '${get_type(r.body) == "bytes"}', return: ['bytes', '${text.decode(r.body)}'] }] } },
      { u: { return: ['${get_type(r.body)}', '${r.body}'] } },
    ], { http: () => ({ code: 200, headers, body }) }).result;
    expect(seen({ 'content-type': 'application/json; charset=UTF-8' }, '{"a": 2.0}')).toEqual(['map', { a: 2 }]);
    expect(seen({ 'Content-Type': 'text/csv' }, 'a,b')).toEqual(['string', 'a,b']);
    expect(seen({}, 'plain')).toEqual(['string', 'plain']);
    expect(seen({ 'Content-Type': 'application/octet-stream' }, 'xyz')).toEqual(['bytes', 'xyz']);
    expect(seen({}, Buffer.from('ab'))).toEqual(['bytes', 'ab']);
    expect(seen({}, undefined)).toEqual(['null', null]);
    expect(() => seen({ 'Content-Type': 'application/json' }, '{bad')).toThrow(UnsupportedFeature);
  });

  test('a bytes body cannot be returned but can be decoded', () => {
    const run = runWorkflow([
      { c: { call: 'http.get', args: { url: 'https://x.test/' }, result: 'r' } },
      { d: { return: '${json.decode(r.body)}' } },
    ], { http: () => ({ code: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from('{"k": 1}') }) });
    expect(run.result).toEqual({ k: 1 });
  });

  test('status >= 400 raises HttpError with code, message, headers and body', () => {
    const { run } = call('http.get', { url: 'https://x.test/' }, { code: 404, body: { error: { message: 'no such model' } } });
    expect(run.state).toBe('FAILED');
    expect(run.error).toEqual({
      message: 'HTTP server responded with error code 404',
      tags: ['HttpError'],
      code: 404,
      headers: { 'Content-Type': 'application/json' },
      body: { error: { message: 'no such model' } },
    });
    expect(call('http.get', { url: 'https://x.test/' }, { code: 399 }).run.state).toBe('SUCCEEDED');
  });

  test('network failures raise ConnectionError, ConnectionFailedError, TimeoutError', () => {
    const fail = (thrown: unknown) => runWorkflow([{ c: { call: 'http.get', args: { url: 'https://x.test/' } } }], { http: () => { throw thrown; } });
    expect(fail(new ConnectionFailure()).error).toEqual({ message: 'connection refused', tags: ['ConnectionFailedError'] });
    expect(fail(new ConnectionFailure('ConnectionError', 'reset')).error).toEqual({ message: 'reset', tags: ['ConnectionError'] });
    expect(fail(new Timeout()).error).toMatchObject({ tags: ['TimeoutError'] });
    const record = fail(new Timeout()).httpCalls[0];
    expect(record.failure).toBe('TimeoutError');
    expect(() => fail(new Error('bug in the fake'))).toThrow('bug in the fake');
  });

  test('every call is recorded with its response', () => {
    const run = runWorkflow([
      { a: { call: 'http.get', args: { url: 'https://x.test/1' } } },
      { b: { call: 'http.get', args: { url: 'https://x.test/2' } } },
    ], { http: (r) => ({ code: r.url.endsWith('1') ? 200 : 204 }) });
    expect(run.httpCalls.map((c) => [c.request.url, c.response?.code])).toEqual([['https://x.test/1', 200], ['https://x.test/2', 204]]);
  });

  test('a response body larger than the limit is a ResourceLimitError', () => {
    const run = runWorkflow([{ a: { call: 'http.get', args: { url: 'https://x.test/' } } }], {
      http: () => ({ code: 200, body: 'x'.repeat(101) }),
      limits: { maxHttpResponseBytes: 100 },
    });
    expect(run.error).toMatchObject({ tags: ['ResourceLimitError'] });
  });

  test('the fake must answer synchronously', () => {
    expect(() => runWorkflow([{ a: { call: 'http.get', args: { url: 'https://x.test/' } } }], {
      http: (() => Promise.resolve({ code: 200 })) as any,
    })).toThrow(/synchronously/);
  });
});
