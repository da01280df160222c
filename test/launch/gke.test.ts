import { LAUNCH_KEY_LABEL } from '../../lib/launch/definition';
import { FakeGoogle, LAUNCHER_ENV, storageEvent } from '../helpers/google-fakes';
import { HttpRequest } from '../helpers/workflows';
import { deploy, launcher, scheduleEvent } from './fixtures';
import { createJobset, deployedOnGke, gkeManifest, gkeRecord, jobsetBody, jobsetNameOf, JOBSETS_PATH, kubeCall, MANIFEST_CLUSTER, NAMESPACE, vertexCall } from './gke-fixtures';
import { events, logsOf, outcomes } from './helpers';

/**
 * The executed launcher with GKE jobs: every trigger turns into exactly one JobSet, named after its
 * launch key, with the same exactly-once guarantees as Vertex AI jobs.
 */

const definition = launcher();

/** The keys on the JobSets that exist, in order. */
const jobsetKeys = (google: FakeGoogle): string[] => google.kubernetes.jobsets.map((j) => j.body.metadata.labels[LAUNCH_KEY_LABEL]);

/** No posted body was refused by the JobSet CRD. */
const expectValidJobsets = (google: FakeGoogle): void => expect(google.kubernetes.invalidBodies).toEqual([]);

describe('on change', () => {
  test('a first launch creates one JobSet named after its key, labelled with it, and records its directory', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    const run = google.run(definition, storageEvent(object));
    const [outcome] = outcomes(run);
    const name = jobsetNameOf(key);
    expect(name).toMatch(/^vt-[0-9a-f]{20}$/);
    const output = `gs://acme-ml-ml-artifacts/jobs/train/runs/${name}/`;
    expect(outcome).toEqual({
      status: 'launched', job: 'train', manifest: object.name, key, reason: `deploy of ${object.name}`,
      name, collection: 'jobsets', note: 'new launch', output, cluster: MANIFEST_CLUSTER, path: `${JOBSETS_PATH}/${name}`,
    });
    expect(google.kubernetes.jobsets).toHaveLength(1);
    const [jobset] = google.kubernetes.jobsets;
    expect(jobset).toMatchObject({ namespace: NAMESPACE, name });
    expect(jobset.body.metadata.name).toBe(name);
    // The launcher adds its label and keeps the job's own.
    expect(jobset.body.metadata.labels).toEqual({ ...(jobsetBody('train') as any).metadata.labels, [LAUNCH_KEY_LABEL]: key });
    expect(jobset.body.spec).toEqual((jobsetBody('train') as any).spec);
    expect(gkeRecord(google, key)).toMatchObject({ key, manifest: object.name, job: name, output });
    // Every call to the cluster goes through the Kubernetes API connector, to the manifest's cluster, with no token of its own.
    const toCluster = run.httpCalls.filter((c) => kubeCall(c.request));
    // The create, then the watch's reads of the JobSet until it completes (after 600 s).
    const [create, ...reads] = toCluster.map((c) => `${c.request.method} ${c.request.url}`);
    expect(create).toBe(`POST ${JOBSETS_PATH}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([`GET ${JOBSETS_PATH}/${name}`]));
    for (const c of toCluster) expect(c.request).toMatchObject({ cluster: { project: 'acme-ml', location: 'us-central1', clusterId: 'ml-training' }, timeout: 60 });
    expect(toCluster.some((c) => c.request.auth !== undefined)).toBe(false);
    expect(run.httpCalls.filter((c) => c.request.url.includes('gke.goog') || c.request.url.includes('/apis/jobset'))).toEqual(toCluster);
    expect(run.httpCalls.some((c) => vertexCall(c.request))).toBe(false);
    expectValidJobsets(google);
  });

  test('the run is watched until its JobSet ends: Completed is a success, Failed a run_failed at ERROR', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    const ok = google.run(definition, storageEvent(object));
    expect(logsOf(ok, 'run_succeeded')).toEqual([expect.objectContaining({ severity: 'INFO', state: 'JOBSET_COMPLETED', name: google.kubernetes.jobsets[0].name })]);

    const failing = deployedOnGke('train', { launchOnChange: true });
    failing.google.kubernetes.outcome = () => ({ state: 'Failed', afterSeconds: 3600 });
    const failed = failing.google.run(definition, storageEvent(failing.object));
    expect(failed.state).toBe('SUCCEEDED');
    const [entry] = logsOf(failed, 'run_failed');
    expect(entry).toMatchObject({ severity: 'ERROR', state: 'JOBSET_FAILED', launchKey: failing.key });
    expect(entry.error).toEqual([expect.objectContaining({ type: 'Failed', status: 'True' })]);
  });

  test('a JobSet deleted (TTL) while watched is a warning, not a failed run', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.outcome = () => undefined;
    google.before((r: HttpRequest) => kubeCall(r) && r.method === 'GET' && r.url.startsWith(`${JOBSETS_PATH}/`), () => google.kubernetes.remove(NAMESPACE, google.kubernetes.jobsets[0].name));
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('SUCCEEDED');
    expect(logsOf(run, 'run_failed')).toEqual([]);
    expect(logsOf(run, 'run_unwatched')).toEqual([expect.objectContaining({ severity: 'WARNING', note: expect.stringContaining('ttlSecondsAfterFinished') })]);
  });

  test('the same finalize event delivered twice creates one JobSet', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    const event = storageEvent(object, 'event-1');
    outcomes(google.run(definition, event));
    const [again] = outcomes(google.run(definition, event));
    expect(again).toMatchObject({ status: 'duplicate', key, note: `already launched as ${jobsetNameOf(key)}` });
    expect(jobsetKeys(google)).toEqual([key]);
    expect(google.kubernetes.created).toBe(1);
  });

  test('a redelivery after the JobSet was deleted by its TTL launches nothing: the launch record remembers', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    outcomes(google.run(definition, storageEvent(object, 'first')));
    google.kubernetes.remove(NAMESPACE, jobsetNameOf(key));
    const [again] = outcomes(google.run(definition, storageEvent(object, 'second')));
    expect(again.status).toBe('duplicate');
    expect(google.kubernetes.created).toBe(1);
  });

  test('with its launch record gone, a second delivery finds the JobSet by its name (409) and records it again', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    outcomes(google.run(definition, storageEvent(object, 'first')));
    google.storage.remove(LAUNCHER_ENV.staging, `launches/${key}.json`);
    const run = google.run(definition, storageEvent(object, 'second'));
    const [again] = outcomes(run);
    expect(again).toMatchObject({ status: 'duplicate', name: jobsetNameOf(key), note: 'a JobSet with this launch key exists' });
    expect(run.httpCalls.filter((c) => createJobset(c.request)).map((c) => c.response?.code)).toEqual([409]);
    expect(google.kubernetes.created).toBe(1);
    expect(gkeRecord(google, key)).toMatchObject({ job: jobsetNameOf(key) });
  });

  test('a GKE manifest never reaches the model-version paths, even with a stray modelId', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true, extra: { modelId: 'churn' } });
    const run = google.run(definition, storageEvent(object));
    expect(outcomes(run)[0].status).toBe('launched');
    expect(run.httpCalls.filter((c) => vertexCall(c.request) || c.request.url.includes('launches%2Fmodels'))).toEqual([]);
  });
});

describe('schedule, new data, by hand', () => {
  test('a Scheduler slot fired twice creates one JobSet', () => {
    const google = new FakeGoogle();
    deploy(google, 'nightly', gkeManifest('nightly'));
    const first = google.run(definition, scheduleEvent('nightly', '0 2 * * *', 'Europe/Paris', '2026-12-01T01:00:03.120Z', 'm-1'));
    const second = google.run(definition, scheduleEvent('nightly', '0 2 * * *', 'Europe/Paris', '2026-12-01T01:00:41.800Z', 'm-2'));
    expect(outcomes(first)[0]).toMatchObject({ status: 'launched', key: 's-nightly-202612010100' });
    expect(outcomes(second)[0]).toMatchObject({ status: 'duplicate', key: 's-nightly-202612010100' });
    expect(jobsetKeys(google)).toEqual(['s-nightly-202612010100']);
  });

  test('a data object finalized twice (same generation) creates one JobSet; a new generation another', () => {
    const routes = [{ bucket: 'acme-ml-ml-data', prefix: 'incoming/', job: 'retrain' }];
    const google = new FakeGoogle();
    deploy(google, 'retrain', gkeManifest('retrain'));
    const data = google.storage.put('acme-ml-ml-data', 'incoming/2026-12-01.csv', 'a,b\n1,2\n', 'text/csv');
    const withRoutes = launcher(routes);
    const [first] = outcomes(google.run(withRoutes, storageEvent(data, 'e1')));
    const [again] = outcomes(google.run(withRoutes, storageEvent(data, 'e2')));
    expect(first.status).toBe('launched');
    expect(first.key).toMatch(/^d-[a-z0-9_-]{43}$/);
    expect(again).toMatchObject({ status: 'duplicate', key: first.key });
    const rewritten = google.storage.put('acme-ml-ml-data', 'incoming/2026-12-01.csv', 'a,b\n1,3\n', 'text/csv');
    expect(outcomes(google.run(withRoutes, storageEvent(rewritten, 'e3')))[0].status).toBe('launched');
    expect(google.kubernetes.jobsets.map((j) => j.name)).toEqual([jobsetNameOf(first.key), expect.stringMatching(/^vt-[0-9a-f]{20}$/)]);
    expectValidJobsets(google);
  });

  test('a manual run creates one JobSet; the same manual key twice creates one', () => {
    const google = new FakeGoogle();
    deploy(google, 'train', gkeManifest('train'));
    const [byHand] = outcomes(google.run(definition, { job: 'train' }, 'exec-1234'));
    expect(byHand).toMatchObject({ status: 'launched', key: 'm-exec-1234', name: jobsetNameOf('m-exec-1234') });
    outcomes(google.run(definition, { job: 'train', key: 'rerun-7' }));
    const [twice] = outcomes(google.run(definition, { job: 'train', key: 'rerun-7' }));
    expect(twice).toMatchObject({ status: 'duplicate', key: 'm-rerun-7' });
    expect(jobsetKeys(google)).toEqual(['m-exec-1234', 'm-rerun-7']);
  });

  test('a manual key that is no Kubernetes label value is refused before anything is taken or created', () => {
    const google = new FakeGoogle();
    deploy(google, 'train', gkeManifest('train'));
    const run = google.run(definition, { job: 'train', key: 'rerun-' });
    expect(run.state).toBe('FAILED');
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error).toMatchObject({ tags: ['LaunchKeyNotALabel'], message: expect.stringContaining('launch key m-rerun- cannot label a JobSet') });
    expect(google.storage.names(LAUNCHER_ENV.staging, 'launches/')).toEqual([]);
    expect(google.kubernetes.created).toBe(0);
  });
});

describe('errors', () => {
  test('429 then success creates one JobSet', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    google.fail(createJobset, 429);
    const run = google.run(definition, storageEvent(object));
    expect(outcomes(run)[0]).toMatchObject({ status: 'launched', name: jobsetNameOf(key) });
    expect(run.httpCalls.filter((c) => createJobset(c.request)).map((c) => c.response?.code)).toEqual([429, 201]);
    expect(jobsetKeys(google)).toEqual([key]);
  });

  test('a create whose answer was lost is retried into a 409 on its own JobSet: one JobSet, launched', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    google.fail(createJobset, 'lost-answer');
    const run = google.run(definition, storageEvent(object));
    expect(outcomes(run)[0]).toMatchObject({ status: 'launched', name: jobsetNameOf(key) });
    expect(google.kubernetes.created).toBe(1);
    expect(gkeRecord(google, key).job).toBe(jobsetNameOf(key));
  });

  test('a connection failure is retried like other calls', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    google.fail(createJobset, 'connection', 2);
    expect(outcomes(google.run(definition, storageEvent(object)))[0].status).toBe('launched');
    expect(google.kubernetes.created).toBe(1);
  });

  test('the watch\'s reads of the JobSet are retried on 503 and connection failures like the create', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    const readJobset = (r: HttpRequest): boolean => kubeCall(r) && r.method === 'GET';
    google.fail(readJobset, 503, 2);
    google.fail(readJobset, 'connection', 1);
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('SUCCEEDED');
    const reads = run.httpCalls.filter((c) => readJobset(c.request));
    expect(reads.slice(0, 4).map((c) => c.response?.code ?? c.failure)).toEqual([503, 503, 'ConnectionError', 200]);
    expect(logsOf(run, 'run_failed')).toEqual([]);
    expect(logsOf(run, 'run_succeeded')).toEqual([expect.objectContaining({ state: 'JOBSET_COMPLETED' })]);
  });

  test('503 forever fails the execution, saying which JobSet could not be created and why', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    google.fail(createJobset, 503, 1000);
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('FAILED');
    expect((run.error as any).message).toBe('1 of 1 launches failed (logged as launch_failed)');
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed).toMatchObject({ severity: 'ERROR', job: 'train', launchKey: key });
    expect(failed.error).toMatchObject({ tags: ['JobSetNotCreated'], status: 503 });
    expect(failed.error.message).toBe(`could not create JobSet ${jobsetNameOf(key)} at ${JOBSETS_PATH} in cluster ml-training (us-central1, project acme-ml) (9 attempts): HTTP 503: HTTP server responded with error code 503`);
    expect(google.kubernetes.created).toBe(0);
  });

  test('RBAC refusing the create fails at once, with the cluster\'s words and what the launcher needs', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    google.fail(createJobset, 403);
    const run = google.run(definition, storageEvent(object));
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error.message).toMatch(/\(1 attempts\): HTTP 403: .* \(the launcher needs container\.clusters\.get\/connect on the cluster and an RBAC Role/);
  });

  test('a foreign object with the JobSet\'s name fails the launch with a clear reason, and is left alone', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    const name = jobsetNameOf(key);
    const foreign = google.kubernetes.add(NAMESPACE, { ...jobsetBody('other'), metadata: { name, labels: { 'vertex-training-job': 'other' } } });
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('FAILED');
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error).toMatchObject({
      tags: ['JobSetNameCollision'],
      message: `JobSet ${NAMESPACE}/${name} exists but is not launch ${key}'s (its ${LAUNCH_KEY_LABEL} label is ""): the launcher names JobSets vt-<SHA-256 of the launch key>; delete or rename that object`,
    });
    expect(google.kubernetes.jobsets).toEqual([foreign]);
    expect(gkeRecord(google, key).job).toBeNull();
  });

  test('a manifest with an unknown backend fails before any launch record is taken', () => {
    const google = new FakeGoogle();
    const object = deploy(google, 'train', { ...gkeManifest('train', { launchOnChange: true }), backend: 'eks' });
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('FAILED');
    expect(logsOf(run, 'launch_failed')[0].error).toEqual(expect.objectContaining({ tags: ['UnknownBackend'], message: expect.stringContaining('names backend "eks"; this launcher knows "vertex" (or none) and "gke"') }));
    expect(google.storage.names(LAUNCHER_ENV.staging, 'launches/')).toEqual([]);
  });

  test('a GKE manifest without its cluster fails with a clear reason', () => {
    const google = new FakeGoogle();
    const object = deploy(google, 'train', { ...gkeManifest('train', { launchOnChange: true }), cluster: { namespace: NAMESPACE } });
    const run = google.run(definition, storageEvent(object));
    expect(logsOf(run, 'launch_failed')[0].error).toEqual(expect.objectContaining({ tags: ['InvalidManifest'], message: `manifest ${object.name} launches on GKE but names no cluster {project, location, name, namespace}` }));
    expect(events(run)).not.toContain('launched');
    expect(run.httpCalls.some((c) => kubeCall(c.request))).toBe(false);
  });

  test.each(['project', 'location', 'name', 'namespace'])('a GKE manifest whose cluster lacks its %s fails before anything reaches a cluster', (field) => {
    const google = new FakeGoogle();
    const { [field]: _, ...cluster } = MANIFEST_CLUSTER as { [key: string]: string };
    const object = deploy(google, 'train', { ...gkeManifest('train', { launchOnChange: true }), cluster: { ...cluster, endpoint: 'https://gke-1234.us-central1.gke.goog' } });
    const run = google.run(definition, storageEvent(object));
    expect(logsOf(run, 'launch_failed')[0].error).toEqual(expect.objectContaining({ tags: ['InvalidManifest'] }));
    expect(run.httpCalls.some((c) => kubeCall(c.request))).toBe(false);
  });

  test('a manifest naming another cluster sends its calls there (the fake, serving one cluster, refuses them)', () => {
    const google = new FakeGoogle();
    const object = deploy(google, 'train', { ...gkeManifest('train', { launchOnChange: true }), cluster: { ...MANIFEST_CLUSTER, name: 'ml-other' } });
    expect(() => google.run(definition, storageEvent(object))).toThrow(/is for cluster ml-other \(us-central1, project acme-ml\)/);
  });
});
