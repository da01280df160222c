import { FakeKubernetes, GKE_CLUSTER, JOB_UID_LABEL } from '../helpers/google-fakes';
import { ClusterNotRunning, GkeClusterRef, HttpRequest } from '../helpers/workflows';
import { jobsetBody, JOBSETS_PATH, NAMESPACE } from './gke-fixtures';

/**
 * The fake Kubernetes API the GKE launch tests run against answers like the API server where the
 * launcher depends on it, and refuses what it does not implement (so a launcher change that calls
 * something else fails its tests instead of passing on an invented answer).
 */

/** A request as the interpreter's `gke.request` hands it over (to `cluster`, or to none: a plain http.* call). */
const request = (method: string, url: string, json?: unknown, cluster: GkeClusterRef | null = GKE_CLUSTER): HttpRequest => ({
  method, url, headers: json === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }, ...(json === undefined ? {} : { json, body: JSON.stringify(json) }), ...(cluster ? { cluster } : {}), timeout: 60,
});

const named = (name: string, extra: object = {}) => {
  const body: any = jobsetBody('train');
  return { ...body, metadata: { ...body.metadata, name, ...extra } };
};

test('create, 409 AlreadyExists on the same name, get, 404 NotFound', () => {
  const kube = new FakeKubernetes(() => 1_790_000_000);
  expect(kube.handle(request('POST', JOBSETS_PATH, named('vt-1'))).code).toBe(201);
  const again = kube.handle(request('POST', JOBSETS_PATH, named('vt-1')));
  expect(again).toMatchObject({ code: 409, body: { kind: 'Status', reason: 'AlreadyExists', details: { name: 'vt-1' } } });
  expect(kube.handle(request('GET', `${JOBSETS_PATH}/vt-1`))).toMatchObject({ code: 200, body: { metadata: { name: 'vt-1', namespace: NAMESPACE }, status: { conditions: [] } } });
  expect(kube.handle(request('GET', `${JOBSETS_PATH}/vt-2`))).toMatchObject({ code: 404, body: { reason: 'NotFound' } });
  expect(kube.created).toBe(1);
});

test('a body the CRD refuses is 422; another namespace in the body is 400', () => {
  const kube = new FakeKubernetes(() => 1_790_000_000);
  expect(kube.handle(request('POST', JOBSETS_PATH, { ...named('vt-1'), spec: { replicatedJobs: [], sucessPolicy: {} } })).code).toBe(422);
  expect(kube.handle(request('POST', JOBSETS_PATH, jobsetBody('train'))).code).toBe(422);
  expect(kube.handle(request('POST', JOBSETS_PATH, named('vt-1', { namespace: 'ml-team-b' }))).code).toBe(400);
  expect(kube.invalidBodies).toHaveLength(3);
  expect(kube.jobsets).toEqual([]);
});

test('it serves Kubernetes API connector calls only, and only for its own cluster', () => {
  const kube = new FakeKubernetes(() => 1_790_000_000);
  expect(kube.serves(request('GET', 'https://gke-1234.us-central1.gke.goog/apis', undefined, null))).toBe(false);
  expect(() => kube.handle(request('POST', JOBSETS_PATH, named('vt-1'), null))).toThrow(/did not come through the Kubernetes API connector/);
  for (const other of [{ clusterId: 'ml-other' }, { location: 'europe-west4' }, { project: 'acme-other' }]) {
    expect(() => kube.handle(request('POST', JOBSETS_PATH, named('vt-1'), { ...GKE_CLUSTER, ...other }))).toThrow(/is for cluster .*, this fake is ml-training \(us-central1, project acme-ml\)/);
  }
  expect(kube.jobsets).toEqual([]);
});

test('anything else is refused', () => {
  const kube = new FakeKubernetes(() => 1_790_000_000);
  expect(() => kube.handle(request('GET', JOBSETS_PATH))).toThrow(/unexpected GET/);
  expect(() => kube.handle(request('DELETE', `${JOBSETS_PATH}/vt-1`))).toThrow(/unexpected DELETE/);
  expect(() => kube.handle(request('GET', `/apis/batch/v1/namespaces/${NAMESPACE}/jobs/x`))).toThrow(/unexpected GET/);
  expect(() => kube.handle(request('GET', `${JOBSETS_PATH}/vt-1?labelSelector=a`))).toThrow(/unexpected query/);
});

test('Kueue: a queued JobSet\'s Workload is listed by the job-uid label; Kueue keeps the JobSet suspended until it is admitted', () => {
  let now = 1_790_000_000;
  const kube = new FakeKubernetes(() => now);
  kube.workload = (_, seconds) => (seconds < 600 ? { admitted: false } : { admitted: false, active: false, evicted: { reason: 'DeactivatedDueToRequeuingLimitExceeded', message: 'limit' } });
  kube.handle(request('POST', JOBSETS_PATH, named('vt-1')));
  kube.handle(request('POST', JOBSETS_PATH, named('vt-2')));
  const { uid } = kube.jobsets[0].body.metadata;
  const list = (selector: string): any => kube.handle({ ...request('GET', `/apis/kueue.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/workloads?labelSelector=${encodeURIComponent(selector)}`), query: { labelSelector: selector } });
  expect((kube.handle(request('GET', `${JOBSETS_PATH}/vt-1`)).body as any).spec.suspend).toBe(true);
  const [queued] = list(`${JOB_UID_LABEL}=${uid}`).body.items;
  expect(queued).toMatchObject({ kind: 'Workload', metadata: { labels: { [JOB_UID_LABEL]: uid }, ownerReferences: [{ kind: 'JobSet', name: 'vt-1', uid }] }, spec: { active: true } });
  expect(list(`${JOB_UID_LABEL}=${uid}`).body.items).toHaveLength(1);
  now += 600;
  expect(list(`${JOB_UID_LABEL}=${uid}`).body.items[0]).toMatchObject({ spec: { active: false }, status: { conditions: expect.arrayContaining([expect.objectContaining({ type: 'Evicted', status: 'True', reason: 'DeactivatedDueToRequeuingLimitExceeded' })]) } });
  expect(() => list('kueue.x-k8s.io/queue-name=training')).toThrow(/unexpected workload list query/);
  // A JobSet without a queue label is no Kueue workload and is never suspended by it.
  kube.workload = () => ({ admitted: false });
  const body: any = named('vt-3');
  kube.handle(request('POST', JOBSETS_PATH, { ...body, metadata: { ...body.metadata, labels: { 'vertex-training-job': 'train' } } }));
  expect((kube.handle(request('GET', `${JOBSETS_PATH}/vt-3`)).body as any).spec.suspend).toBe(false);
  expect(list(`${JOB_UID_LABEL}=${kube.jobsets[2].body.metadata.uid}`).body.items).toEqual([]);
});

test('a cluster RECONCILING for n calls refuses them (the connector\'s ValueError), then serves again', () => {
  const kube = new FakeKubernetes(() => 1_790_000_000);
  kube.reconcilingFor(2);
  expect(() => kube.handle(request('POST', JOBSETS_PATH, named('vt-1')))).toThrow(ClusterNotRunning);
  expect(() => kube.handle(request('GET', `${JOBSETS_PATH}/vt-1`))).toThrow(ClusterNotRunning);
  expect(kube.handle(request('POST', JOBSETS_PATH, named('vt-1'))).code).toBe(201);
});
