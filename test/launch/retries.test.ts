import { storageEvent } from '../helpers/google-fakes';
import { HttpRequest } from '../helpers/workflows';
import { create, deployed, insertRecord, launcher, listJobs } from './fixtures';
import { logsOf, outcomes } from './helpers';

/**
 * The executed launcher against an unreliable Google: transient errors (429, 5xx, connection
 * resets, lost answers) are retried with backoff, and the create is retried only after looking
 * for the key again; permanent errors fail the execution visibly, with nothing half done.
 */

const definition = launcher();
const readManifest = (r: HttpRequest) => r.method === 'GET' && r.url.includes('alt=media') && r.url.includes('jobs%2Ftrain%2F');

test.each([
  ['a 503 reading the manifest', readManifest, 503, 1],
  ['429s creating the job', create, 429, 3],
  ['a 500 and a 502 listing jobs', listJobs, 500, 2],
  ['a connection reset writing the launch record', insertRecord, 'connection' as const, 1],
  ['a 504 creating the job', create, 504, 1],
])('%s: retried with backoff, one job', (_, matches, kind, times) => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(matches, kind, times);
  const run = google.run(definition, storageEvent(object));
  expect(outcomes(run)[0].status).toBe('launched');
  expect(google.vertex.jobs).toHaveLength(1);
  const retries = run.sleeps.filter((s) => s.reason === 'retry').map((s) => s.seconds);
  expect(retries).toEqual([2, 4, 8].slice(0, times));
});

test('a create whose answer is lost is not repeated: the retry finds the job by its key', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(create, 'lost-answer');
  const [outcome] = outcomes(google.run(definition, storageEvent(object)));
  expect(outcome.status).toBe('launched');
  expect(google.vertex.jobs).toHaveLength(1);
  expect(outcome.name).toBe(google.vertex.jobs[0].name);
});

test('a launch record whose answer is lost is recognised as this execution\'s own', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(insertRecord, 'lost-answer');
  expect(outcomes(google.run(definition, storageEvent(object)))[0].status).toBe('launched');
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a permanent error (403) fails the execution at once, logged with the job and the error', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(create, 403);
  const run = google.run(definition, storageEvent(object));
  expect(run.state).toBe('FAILED');
  expect(run.sleeps.filter((s) => s.reason === 'retry')).toEqual([]);
  const [failed] = logsOf(run, 'launch_failed');
  expect(failed).toMatchObject({ severity: 'ERROR', job: 'train', error: { code: 403, tags: ['HttpError'] } });
  expect(google.vertex.jobs).toHaveLength(0);
});

test('errors that outlast the retries fail the execution after 8 retries (about 4 minutes)', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(create, 503, 100);
  const run = google.run(definition, storageEvent(object));
  expect(run.state).toBe('FAILED');
  expect(run.sleeps.filter((s) => s.reason === 'retry').map((s) => s.seconds)).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
  expect(logsOf(run, 'launch_failed')[0].error).toMatchObject({ code: 503 });
  expect(google.vertex.jobs).toHaveLength(0);
});

test('a 412 that is not a race (a foreign precondition) is not mistaken for one', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(readManifest, 412);
  const run = google.run(definition, storageEvent(object));
  expect(run.state).toBe('FAILED');
  expect(logsOf(run, 'launch_failed')).toEqual([expect.objectContaining({ severity: 'ERROR', job: 'train', error: expect.objectContaining({ code: 412 }) })]);
  expect(google.vertex.jobs).toHaveLength(0);
});
