import { LEASE_SECONDS } from '../../lib/launch/definition';
import { FakeGoogle, LAUNCHER_ENV, storageEvent } from '../helpers/google-fakes';
import { HttpRequest, RunResult } from '../helpers/workflows';
import { launcher, scheduleEvent } from './fixtures';
import { createJobset, gkeManifest, gkeRecord, jobsetBody, jobsetNameOf, JOBSETS_PATH, kubeCall, NAMESPACE, vertexCall } from './gke-fixtures';
import { logsOf, outcomes } from './helpers';
import { deployedAs, gateOf, JOB_LABEL_KEY, limitedTo, pausedManifest, writeRecord } from './policies';

/**
 * The executed launcher's launch-time policies for GKE jobs: concurrency counts the JobSets of the
 * job's label in its namespace that have no terminal state (a JobSet Kueue keeps suspended is
 * queued, so active), under the job's gate; a paused job ignores event launches.
 */

const definition = launcher();
const slot = (day: number, id: string) => scheduleEvent('train', '0 3 * * *', 'Etc/UTC', `2026-12-${String(day).padStart(2, '0')}T03:00:02Z`, id);

/** A GKE job `train` deployed with at most `max` active runs. */
function limitedOnGke(max: number, launchOnChange = false) {
  return deployedAs('train', limitedTo('train', gkeManifest('train', { launchOnChange }), max));
}

/** A JobSet of `job` created earlier (another launch's) in `namespace`, ended when `terminal` says so. */
function existingJobset(google: FakeGoogle, name: string, job = 'train', namespace = NAMESPACE) {
  const body: any = jobsetBody(job);
  return google.kubernetes.add(namespace, { ...body, metadata: { ...body.metadata, name, labels: { ...body.metadata.labels, [JOB_LABEL_KEY]: job } } });
}

/** A listing of the job's JobSets. */
const listJobsets = (r: HttpRequest): boolean => kubeCall(r) && r.method === 'GET' && r.url.startsWith(`${JOBSETS_PATH}?`);

test('skip: a launch while a JobSet of the job is active (even suspended, queued by Kueue) is skipped, naming it', () => {
  const { google } = limitedOnGke(1);
  // Kueue keeps every JobSet of the queue suspended: none is admitted.
  google.kubernetes.workload = () => ({ admitted: false });
  google.kubernetes.outcome = (j) => (j.name === 'vt-done' ? { state: 'Completed', afterSeconds: 0 } : undefined);
  existingJobset(google, 'vt-queued');
  existingJobset(google, 'vt-done');
  existingJobset(google, 'vt-other-job', 'evaluate');
  existingJobset(google, 'vt-elsewhere', 'train', 'ml-team-b');
  const run = google.run(definition, slot(1, '9001'));
  const [outcome] = outcomes(run);
  expect(outcome).toMatchObject({ status: 'skipped', note: 'job train has 1 active run(s), at most 1 at once: vt-queued' });
  expect(logsOf(run, 'skipped')).toEqual([expect.objectContaining({ severity: 'WARNING', job: 'train', note: outcome.note })]);
  expect(gkeRecord(google, 's-train-202612010300')).toMatchObject({ job: null, skipped: outcome.note });
  expect(google.kubernetes.created).toBe(0);
  const [listing] = run.httpCalls.filter((c) => listJobsets(c.request));
  expect(listing.request.query).toEqual({ labelSelector: `${JOB_LABEL_KEY}=train`, limit: '20' });
  expect(run.httpCalls.some((c) => vertexCall(c.request))).toBe(false);
  expect(gateOf(google, 'train')).toBeUndefined();
});

test('a JobSet that ended does not count: the launch creates its JobSet, then releases the gate', () => {
  const { google } = limitedOnGke(1);
  google.kubernetes.outcome = (j) => (j.name === 'vt-done' ? { state: 'Failed', afterSeconds: 0 } : { state: 'Completed', afterSeconds: 600 });
  existingJobset(google, 'vt-done');
  const run = google.run(definition, slot(1, '9001'));
  expect(outcomes(run)[0]).toMatchObject({ status: 'launched', name: jobsetNameOf('s-train-202612010300') });
  expect(google.kubernetes.created).toBe(1);
  expect(gateOf(google, 'train')).toBeUndefined();
  expect(google.kubernetes.invalidBodies).toEqual([]);
});

test('upTo(2): counting follows the listing\'s continue token', () => {
  const { google } = deployedAs('train', limitedTo('train', gkeManifest('train'), 2));
  // The runs found there stay active; those launched here end after 600 s (while their execution watches them).
  google.kubernetes.outcome = (j) => (j.name.startsWith('vt-old') ? { state: 'Completed', afterSeconds: 0 } : j.name.startsWith('vt-run') ? undefined : { state: 'Completed', afterSeconds: 600 });
  for (let i = 0; i < 25; i++) existingJobset(google, `vt-old-${i}`);
  existingJobset(google, 'vt-run-a');
  const oneActive = google.run(definition, slot(1, '9001'));
  expect(outcomes(oneActive)[0].status).toBe('launched');
  // Counted before the gate, and again under it.
  expect(oneActive.httpCalls.filter((c) => listJobsets(c.request)).map((c) => c.request.query?.continue)).toEqual([undefined, '20', undefined, '20']);
  existingJobset(google, 'vt-run-b');
  const [third] = outcomes(google.run(definition, slot(2, '9101')));
  expect(third).toMatchObject({ status: 'skipped', note: 'job train has 2 active run(s), at most 2 at once: vt-run-a, vt-run-b' });
});

test('the key\'s own JobSet (created by a holder that could not record it) does not count: the launch finds it', () => {
  const { google, object, key } = limitedOnGke(1, true);
  google.kubernetes.outcome = (j) => (j.name === 'vt-someone-else' ? undefined : { state: 'Completed', afterSeconds: 600 });
  google.fail((r) => writeRecord(r) && !r.url.includes('ifGenerationMatch=0'), 403);
  expect(outcomes(google.run(definition, storageEvent(object, 'first')))[0].status).toBe('launched');
  expect(gkeRecord(google, key).job).toBeNull();
  // Another run of the job is active now: had the key's own JobSet counted, the launch would be skipped.
  existingJobset(google, 'vt-someone-else');
  google.clock.advance(LEASE_SECONDS + 1);
  const [again] = outcomes(google.run(definition, storageEvent(object, 'again')));
  expect(again).toMatchObject({ status: 'duplicate', name: jobsetNameOf(key), note: 'a JobSet with this launch key exists' });
  expect(google.kubernetes.created).toBe(1);
});

test('the gate is released when the JobSet could not be created', () => {
  const { google } = limitedOnGke(1);
  google.fail(createJobset, 403);
  const run = google.run(definition, slot(1, '9001'));
  expect(run.state).toBe('FAILED');
  expect(logsOf(run, 'launch_failed')[0].error).toMatchObject({ tags: ['JobSetNotCreated'] });
  expect(gateOf(google, 'train')).toBeUndefined();
});

test('two executions racing for the gate create one JobSet', () => {
  const { google } = limitedOnGke(1);
  // Runs never end, and the watches stop at their first look, so the nested execution's run is active when the first resumes.
  google.kubernetes.outcome = () => undefined;
  google.fail((r) => kubeCall(r) && r.method === 'GET' && r.url.startsWith(`${JOBSETS_PATH}/`), 403, Infinity);
  let second: RunResult | undefined;
  google.before(listJobsets, () => { second = google.run(definition, slot(2, '9101')); });
  const first = google.run(definition, slot(1, '9001'));
  expect(google.kubernetes.created).toBe(1);
  // The second waited out the stalled first's gate lease and launched; the first then counted that run.
  expect(outcomes(second!)[0].status).toBe('launched');
  expect(outcomes(first)[0]).toMatchObject({ status: 'skipped', note: `job train has 1 active run(s), at most 1 at once: ${jobsetNameOf('s-train-202612020300')}` });
  expect(gateOf(google, 'train')).toBeUndefined();
});

test('a paused GKE job ignores a schedule firing and a deploy, without a launch record or a call to the cluster', () => {
  const { google, object } = deployedAs('train', pausedManifest(gkeManifest('train', { launchOnChange: true })));
  for (const event of [slot(1, '9001'), storageEvent(object)]) {
    const run = google.run(definition, event);
    expect(outcomes(run)[0]).toMatchObject({ status: 'ignored', note: 'the job is paused' });
    expect(logsOf(run, 'ignored')).toEqual([expect.objectContaining({ severity: 'INFO', note: 'the job is paused' })]);
    expect(run.httpCalls.some((c) => kubeCall(c.request))).toBe(false);
  }
  expect(google.storage.names(LAUNCHER_ENV.staging, 'launches/')).toEqual([]);
  expect(outcomes(google.run(definition, { job: 'train' }))[0].status).toBe('launched');
  expect(google.kubernetes.created).toBe(1);
});
