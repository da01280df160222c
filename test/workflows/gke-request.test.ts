import { ClusterNotRunning, ConnectionFailure, HttpRequest, HttpResponse, runWorkflow, Timeout, UnsupportedFeature } from '../helpers/workflows';

/**
 * The Kubernetes API connector's `gke.request` in the Workflows interpreter: the request the fake
 * receives (addressed by project, location and cluster ID, no `auth`), the response the workflow
 * sees, and its errors (https://cloud.google.com/workflows/docs/reference/connectors/gke/request).
 */

const ENV = { GOOGLE_CLOUD_PROJECT_ID: 'wf-project', GOOGLE_CLOUD_LOCATION: 'europe-west4' };
const CLUSTER = { cluster_id: 'ml-training', project: 'acme-ml', location: 'us-central1' };

function call(args: unknown, answer: HttpResponse | ((r: HttpRequest) => HttpResponse) = { code: 200, body: { kind: 'JobSet' } }) {
  const requests: HttpRequest[] = [];
  const run = runWorkflow([
    { c: { call: 'gke.request', args, result: 'response' } },
    { r: { return: '${response}' } },
  ], { env: ENV, http: (request) => { requests.push(request); return typeof answer === 'function' ? answer(request) : answer; } });
  return { run, request: requests[0] };
}

describe('requests', () => {
  test('a POST names its cluster, carries the path and a JSON body, and no auth', () => {
    const { run, request } = call({ ...CLUSTER, method: 'POST', path: '/apis/jobset.x-k8s.io/v1alpha2/namespaces/a/jobsets', body: { kind: 'JobSet' }, timeout: 60 });
    expect(run.state).toBe('SUCCEEDED');
    expect(request).toEqual({
      method: 'POST',
      url: '/apis/jobset.x-k8s.io/v1alpha2/namespaces/a/jobsets',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"kind":"JobSet"}',
      json: { kind: 'JobSet' },
      timeout: 60,
      cluster: { project: 'acme-ml', location: 'us-central1', clusterId: 'ml-training' },
    });
  });

  test('project and location default to the workflow\'s own; the timeout to 300 s', () => {
    const { request } = call({ cluster_id: 'c', method: 'GET', path: '/api/v1/namespaces' });
    expect(request.cluster).toEqual({ project: 'wf-project', location: 'europe-west4', clusterId: 'c' });
    expect(request.timeout).toBe(300);
  });

  test('headers and query take simple values, sent as strings; the query is appended to the path', () => {
    const { request } = call({ ...CLUSTER, method: 'GET', path: '/apis/x', headers: { 'X-N': 2, 'X-B': true }, query: { labelSelector: 'a=b c', limit: 5 } });
    expect(request.headers).toEqual({ 'X-N': '2', 'X-B': 'true' });
    expect(request.query).toEqual({ labelSelector: 'a=b c', limit: '5' });
    expect(request.url).toBe('/apis/x?labelSelector=a%3Db+c&limit=5');
  });
});

describe('responses and errors', () => {
  test('the response is {body, code, headers} with a JSON body decoded', () => {
    const { run } = call({ ...CLUSTER, method: 'GET', path: '/apis/x' }, { code: 200, headers: { 'Content-Type': 'application/json' }, body: { status: { terminalState: 'Completed' } } });
    expect(run.result).toEqual({ code: 200, headers: { 'Content-Type': 'application/json' }, body: { status: { terminalState: 'Completed' } } });
  });

  test('a status >= 400 raises the HttpError map with code and the decoded body', () => {
    const { run } = call({ ...CLUSTER, method: 'POST', path: '/apis/x', body: {} }, { code: 409, body: { kind: 'Status', reason: 'AlreadyExists' } });
    expect(run.state).toBe('FAILED');
    expect(run.error).toMatchObject({ tags: ['HttpError'], code: 409, body: { reason: 'AlreadyExists' } });
  });

  test('every connection failure is the one documented tag, ConnectionError; a lost answer is TimeoutError', () => {
    for (const failure of [new ConnectionFailure('ConnectionFailedError'), new ConnectionFailure('ConnectionError')]) {
      const { run } = call({ ...CLUSTER, method: 'GET', path: '/apis/x' }, () => { throw failure; });
      expect(run.error).toMatchObject({ tags: ['ConnectionError'] });
    }
    const { run } = call({ ...CLUSTER, method: 'GET', path: '/apis/x' }, () => { throw new Timeout('lost'); });
    expect(run.error).toMatchObject({ tags: ['TimeoutError'] });
  });

  test('a cluster that is not RUNNING (e.g. RECONCILING during an upgrade) raises ValueError, recorded as the call\'s failure', () => {
    const requests: HttpRequest[] = [];
    const run = runWorkflow([
      { c: { try: { call: 'gke.request', args: { ...CLUSTER, method: 'GET', path: '/apis/x' }, result: 'r' }, except: { as: 'e', steps: [{ r: { return: '${e}' } }] } } },
    ], { env: ENV, http: (request) => { requests.push(request); throw new ClusterNotRunning('RECONCILING'); } });
    expect(run.result).toMatchObject({ tags: ['ValueError'], message: 'cluster ml-training is RECONCILING, not RUNNING' });
    expect(run.result).not.toHaveProperty('code');
    expect(run.httpCalls.map((c) => c.failure)).toEqual(['ValueError']);
    expect(requests).toHaveLength(1);
  });

  test('only a Kubernetes API connector call can find its cluster not RUNNING: an http.* fake throwing it is a test bug', () => {
    expect(() => runWorkflow([{ c: { call: 'http.get', args: { url: 'https://example.com/x' } } }], { env: ENV, http: () => { throw new ClusterNotRunning(); } })).toThrow(/no gke.request/);
  });

  test('argument checks: required arguments, types, methods, timeout up to 1800, nothing undocumented', () => {
    const tags = (args: unknown) => (call(args).run.error as any)?.tags;
    expect(tags({ method: 'GET', path: '/apis/x' })).toEqual(['TypeError']);
    expect(tags({ cluster_id: 'c', method: 'GET' })).toEqual(['TypeError']);
    expect(tags({ cluster_id: 'c', path: '/apis/x' })).toEqual(['TypeError']);
    expect(tags({ cluster_id: 7, method: 'GET', path: '/apis/x' })).toEqual(['TypeError']);
    expect(tags({ ...CLUSTER, method: 'FETCH', path: '/apis/x' })).toEqual(['ValueError']);
    expect(tags({ ...CLUSTER, method: 'GET', path: '/apis/x', timeout: 1801 })).toEqual(['ValueError']);
    expect(tags({ ...CLUSTER, method: 'GET', path: '/apis/x', headers: { a: { b: 1 } } })).toEqual(['TypeError']);
    expect(tags({ ...CLUSTER, method: 'GET', path: '/apis/x', query: { a: ['b'] } })).toEqual(['TypeError']);
    // http.* arguments the connector does not document.
    expect(tags({ ...CLUSTER, method: 'GET', path: '/apis/x', auth: { type: 'OAuth2' } })).toEqual(['TypeError']);
    expect(tags({ ...CLUSTER, method: 'GET', path: '/apis/x', url: 'https://gke-1.us-central1.gke.goog/apis/x' })).toEqual(['TypeError']);
    expect(tags({ cluster: 'c', method: 'GET', path: '/apis/x' })).toEqual(['TypeError']);
  });

  test('a path that is no absolute API path, or carries its own query, is refused', () => {
    expect(() => call({ ...CLUSTER, method: 'GET', path: 'apis/x' })).toThrow(UnsupportedFeature);
    expect(() => call({ ...CLUSTER, method: 'GET', path: '/apis/x?limit=1' })).toThrow(UnsupportedFeature);
  });

  test('the other functions of the connector are not implemented', () => {
    expect(() => runWorkflow([{ c: { call: 'gke.create_job', args: { cluster_id: 'c', job: {} } } }], { env: ENV, http: () => ({ code: 200 }) })).toThrow(UnsupportedFeature);
  });
});
