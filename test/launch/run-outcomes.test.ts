import { FakeGoogle } from '../helpers/google-fakes';
import { storageEvent } from '../helpers/google-fakes';
import { HttpRequest, RunResult } from '../helpers/workflows';
import { WATCH_MAX_DELAY, WATCH_ROUND_STEPS, WATCH_RUN_STEPS, WATCH_STEP_BUDGET } from '../../lib/launch/definition/main';
import { deploy, deployed, launcher, manifest } from './fixtures';
import { logsOf, outcomes } from './helpers';

/**
 * After launching, the launcher watches its jobs to their end and logs how they ended: the
 * `run_failed` entries (ERROR) are what the environment's "failed runs" alert counts, since Vertex
 * AI itself logs no end state.
 */

const definition = launcher();

test.each([
  ['JOB_STATE_FAILED', 'The replica workerpool0-0 exited with a non-zero status of 1.'],
  ['JOB_STATE_CANCELLED', 'cancelled by a person'],
  ['JOB_STATE_EXPIRED', undefined],
])('a run that ends %s is logged as run_failed at ERROR, with its error', (state, message) => {
  const { google } = deployed();
  google.vertex.outcome = () => ({ state, afterSeconds: 1800, message });
  const run = google.run(definition, { job: 'train' });
  const [launched] = outcomes(run);
  const [failed] = logsOf(run, 'run_failed');
  expect(failed).toMatchObject({ severity: 'ERROR', job: 'train', name: launched.name, state, launchKey: launched.key });
  if (message) expect(failed.error).toMatchObject({ message });
  expect((run.result as any).ended).toEqual([{ name: launched.name, state }]);
});

test('a run that succeeds is logged as run_succeeded at INFO', () => {
  const { google } = deployed();
  const run = google.run(definition, { job: 'train' });
  expect(logsOf(run, 'run_succeeded')).toEqual([expect.objectContaining({ severity: 'INFO', state: 'JOB_STATE_SUCCEEDED' })]);
  expect(logsOf(run, 'run_failed')).toEqual([]);
});

const pollsOf = (run: RunResult) => run.httpCalls.filter((c) => c.request.method === 'GET' && /Jobs\/\d+$/.test(c.request.url)).length;

test('a two-day run is watched with waits growing to 20 minutes: under 150 polls, far from the step limit', () => {
  const { google } = deployed();
  google.vertex.outcome = () => ({ state: 'JOB_STATE_SUCCEEDED', afterSeconds: 2 * 86400 });
  const run = google.run(definition, { job: 'train' });
  expect(pollsOf(run)).toBeGreaterThan(140);
  expect(pollsOf(run)).toBeLessThan(150);
  expect(Math.max(...run.sleeps.map((s) => s.seconds))).toBe(WATCH_MAX_DELAY);
  expect(run.steps).toBeLessThan(3000);
});

test('the watch stays within its step budget however many jobs it watches, then stops watching with a warning', () => {
  const routes = ['a', 'b', 'c', 'd', 'e'].map((job) => ({ bucket: 'acme-ml-ml-data', prefix: '', job }));
  const google = new FakeGoogle();
  for (const route of routes) deploy(google, route.job, manifest(route.job));
  google.vertex.outcome = () => undefined;
  const run = google.run(launcher(routes), storageEvent(google.storage.put('acme-ml-ml-data', 'x.csv', 'x', 'text/csv')));
  expect(run.state).toBe('SUCCEEDED');
  expect(logsOf(run, 'run_unwatched')).toHaveLength(5);
  const rounds = pollsOf(run) / 5;
  // The constants the budget is computed from are what a round really costs.
  expect(Math.abs(run.steps - rounds * (WATCH_ROUND_STEPS + 5 * WATCH_RUN_STEPS))).toBeLessThan(0.02 * run.steps + 500);
  expect(run.steps).toBeLessThan(WATCH_STEP_BUDGET + 1000);
});

test('a job the launcher can no longer read is logged as run_failed (outcome unknown), and the execution ends', () => {
  const { google } = deployed();
  google.vertex.outcome = () => undefined;
  google.fail((r: HttpRequest) => r.method === 'GET' && /customJobs\/\d+$/.test(r.url), 403, 1000);
  const run = google.run(definition, { job: 'train' });
  expect(run.state).toBe('SUCCEEDED');
  expect(logsOf(run, 'run_failed')).toEqual([expect.objectContaining({ severity: 'ERROR', state: 'UNKNOWN' })]);
});
