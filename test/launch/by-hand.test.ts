import { FAILURES_LOGGED } from '../../lib/launch/definition';
import { deploy, deployed, launcher, manifest } from './fixtures';
import { logsOf, outcomes } from './helpers';

/** The executed launcher, started by a person (`gcloud workflows run` with the job's launch command). */

const definition = launcher();

test('{"job": J} launches the job\'s current manifest; each execution is a new run', () => {
  const { google, object } = deployed();
  const [first] = outcomes(google.run(definition, { job: 'train' }, '6b1f0c9e-1111-4a7e-9c3d-000000000001'));
  expect(first).toMatchObject({ status: 'launched', manifest: object.name, key: 'm-6b1f0c9e-1111-4a7e-9c3d-000000000001' });
  outcomes(google.run(definition, { job: 'train' }, '6b1f0c9e-1111-4a7e-9c3d-000000000002'));
  expect(google.vertex.jobs).toHaveLength(2);
});

test('a key given by hand makes the launch idempotent', () => {
  const { google } = deployed();
  outcomes(google.run(definition, { job: 'train', key: 'backfill-2026-11' }));
  const [again] = outcomes(google.run(definition, { job: 'train', key: 'backfill-2026-11' }));
  expect(again).toMatchObject({ status: 'duplicate', key: 'm-backfill-2026-11' });
});

test('a key belongs to one job: reusing it for another job fails, naming the job that has it', () => {
  const { google } = deployed();
  deploy(google, 'evaluate', manifest('evaluate'));
  outcomes(google.run(definition, { job: 'train', key: 'backfill-2026-11' }));
  const run = google.run(definition, { job: 'evaluate', key: 'backfill-2026-11' });
  expect(run.state).toBe('FAILED');
  expect(JSON.stringify(run.error)).toMatch(/launch key m-backfill-2026-11 already belongs to job train .*use another key to launch evaluate/);
  expect(logsOf(run, 'launch_failed')).toEqual([expect.objectContaining({ job: 'evaluate', launchKey: 'm-backfill-2026-11' })]);
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a failed execution says its failures are logged, so the alert on failed executions does not count them again', () => {
  const { google } = deployed();
  const run = google.run(definition, { job: 'nope' });
  expect(run.state).toBe('FAILED');
  expect(JSON.stringify(run.error)).toContain(FAILURES_LOGGED);
  const unreadable = google.run(definition, 'train');
  expect(JSON.stringify(unreadable.error)).toContain(FAILURES_LOGGED);
});

test('{"manifest": M} launches that manifest', () => {
  const { google, object } = deployed();
  expect(outcomes(google.run(definition, { manifest: object.name }))[0]).toMatchObject({ status: 'launched', job: 'train' });
});

test.each([
  ['no argument', undefined, /not a launch request: \{\}/],
  ['a string', 'train', /takes a JSON object/],
  ['an unknown job', { job: 'nope' }, /job nope has no manifest under gs:\/\/acme-ml-ml-staging\/jobs\/nope\//],
  ['a missing manifest', { manifest: 'jobs/train/0000.json' }, /does not exist/],
  ['a key Vertex AI labels cannot hold', { job: 'train', key: 'Backfill November' }, /key Backfill November must be/],
])('%s fails the execution with a clear error and an ERROR log', (_, argument, message) => {
  const { google } = deployed();
  const run = google.run(definition, argument);
  expect(run.state).toBe('FAILED');
  expect(JSON.stringify(run.error)).toMatch(message);
  expect(logsOf(run, 'launch_failed')).toHaveLength(1);
  expect(logsOf(run, 'launch_failed')[0].severity).toBe('ERROR');
  expect(google.vertex.jobs).toHaveLength(0);
});
