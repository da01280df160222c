import { pubsubEvent } from '../helpers/google-fakes';
import { customJobBody, deploy, deployed, launcher, manifest, scheduleEvent } from './fixtures';
import { expectValidBodies, launchedKeys, logsOf, outcomes } from './helpers';

/**
 * The executed launcher, started by Cloud Scheduler through Pub/Sub: a firing launches the job's
 * current manifest, keyed by the job and the scheduled slot that the launcher derives from the
 * publish time and the cron, so that a slot fired twice launches once.
 */

const definition = launcher();

test('a firing launches the job\'s current manifest, keyed by the slot (UTC)', () => {
  const { google, object } = deployed('nightly');
  const [outcome] = outcomes(google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02.417Z', '9001')));
  expect(outcome).toMatchObject({ status: 'launched', job: 'nightly', manifest: object.name, key: 's-nightly-202612010300' });
  expect(outcome.reason).toMatch(/^schedule 0 3 \* \* \* \(Etc\/UTC\), slot 2026-12-01T03:00:00(\.0+)?(Z|\+00:00)$/);
  expectValidBodies(google);
});

test('one slot fired twice (two messages, two IDs, seconds apart) launches once', () => {
  const { google } = deployed('nightly');
  outcomes(google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02.417Z', '9001')));
  const [second] = outcomes(google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:41.003Z', '9002')));
  expect(second).toMatchObject({ status: 'duplicate', key: 's-nightly-202612010300' });
  expect(google.vertex.jobs).toHaveLength(1);
});

test('the next slot launches again', () => {
  const { google } = deployed('nightly');
  outcomes(google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02Z', '9001')));
  outcomes(google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-02T03:00:01Z', '9101')));
  expect(launchedKeys(google)).toEqual(['s-nightly-202612010300', 's-nightly-202612020300']);
});

test('a time zone\'s slot is keyed by its UTC instant; a firing published minutes late still finds it', () => {
  const { google } = deployed('nightly');
  const [outcome] = outcomes(google.run(definition, scheduleEvent('nightly', '30 2 * * 1-5', 'America/New_York', '2026-12-01T07:41:10Z', '9001')));
  expect(outcome.key).toBe('s-nightly-202612010730');
  expect(outcome.reason).toMatch(/slot 2026-12-01T02:30:00(\.0+)?-05:00$/);
});

test('a firing published more than an hour after any slot is keyed by its hour, with a warning', () => {
  const { google } = deployed('nightly');
  const run = google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-01T05:12:00Z', '9001'));
  expect(outcomes(run)[0].key).toBe('s-nightly-l2026120105');
  expect(logsOf(run, 'late_schedule_firing')).toEqual([expect.objectContaining({ severity: 'WARNING', job: 'nightly' })]);
});

test('a job changed since the schedule was created runs its current manifest', () => {
  const { google } = deployed('nightly');
  const newer = deploy(google, 'nightly', manifest('nightly', { body: customJobBody('nightly', ['--epochs=9']) }));
  const [outcome] = outcomes(google.run(definition, scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02Z', '9001')));
  expect(outcome.manifest).toBe(newer.name);
  expect(google.vertex.jobs[0].body.jobSpec.workerPoolSpecs[0].containerSpec.args).toEqual(['--epochs=9']);
});

test('a message published to the topic by hand, without a slot, launches once per message', () => {
  const { google } = deployed('nightly');
  const [outcome] = outcomes(google.run(definition, pubsubEvent({ job: 'nightly' }, '2026-12-01T10:00:00Z', '777')));
  expect(outcome).toMatchObject({ status: 'launched', key: 'm-777' });
});

test('a message that is not a launch request fails the execution, visibly', () => {
  const { google } = deployed('nightly');
  const run = google.run(definition, pubsubEvent({ hello: 'world' }, '2026-12-01T10:00:00Z', '778'));
  expect(run.state).toBe('FAILED');
  expect(logsOf(run, 'launch_failed')).toEqual([expect.objectContaining({ severity: 'ERROR', reason: 'the request could not be read' })]);
  expect(google.vertex.jobs).toHaveLength(0);
});
