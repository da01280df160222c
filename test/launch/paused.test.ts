import { LAUNCHER_ENV, pubsubEvent, storageEvent } from '../helpers/google-fakes';
import { customJobBody, launcher, manifest, scheduleEvent } from './fixtures';
import { expectValidBodies, launchedKeys, logsOf, outcomes } from './helpers';
import { deployedAs, pausedManifest } from './policies';

/**
 * The executed launcher with a paused job (`paused: true` in its manifest): every event launch
 * (schedule, on change, new data) is ignored with a logged reason before it takes a launch key,
 * so nothing is spent and an event ignored while paused can launch after resume; a launch by hand
 * still runs.
 */

const DATA = 'acme-ml-ml-data';
const definition = launcher([{ bucket: DATA, prefix: 'incoming/', job: 'train' }]);

/** Job `train` deployed paused, launching on change. */
function pausedJob(body = customJobBody('train')) {
  return deployedAs('train', pausedManifest(manifest('train', { launchOnChange: true, body })));
}

/** That nothing of the run touched a launch record or Vertex AI. */
function expectNothingTaken(google: ReturnType<typeof pausedJob>['google']): void {
  expect(google.storage.names(LAUNCHER_ENV.staging, 'launches/')).toEqual([]);
  expect(google.vertex.jobs).toEqual([]);
}

test.each([
  ['a schedule firing', () => scheduleEvent('train', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02Z', '9001')],
  ['an object of new data', (google: any) => storageEvent(google.storage.put(DATA, 'incoming/a.csv', 'x', 'text/csv'))],
])('%s is ignored, logged at INFO with the reason, and takes no launch key', (_, event) => {
  const { google } = pausedJob();
  const run = google.run(definition, event(google));
  const [outcome] = outcomes(run);
  expect(outcome).toMatchObject({ status: 'ignored', job: 'train', note: 'the job is paused' });
  expect(logsOf(run, 'ignored')).toEqual([expect.objectContaining({ severity: 'INFO', job: 'train', launchKey: outcome.key, note: 'the job is paused' })]);
  expectNothingTaken(google);
  expect(run.httpCalls.some((c) => c.request.url.includes('aiplatform'))).toBe(false);
});

test('a deploy of an on-change job is ignored while paused, and launches once when the job is resumed', () => {
  const { google, object, key } = pausedJob(customJobBody('train', ['--epochs=9']));
  const [ignored] = outcomes(google.run(definition, storageEvent(object)));
  expect(ignored).toMatchObject({ status: 'ignored', key, note: 'the job is paused' });
  expectNothingTaken(google);

  // Resuming rewrites the manifest without `paused`; its name (the launch hash) stays.
  const resumed = google.storage.put(LAUNCHER_ENV.staging, object.name, JSON.stringify(manifest('train', { launchOnChange: true, body: customJobBody('train', ['--epochs=9']) })));
  expect(outcomes(google.run(definition, storageEvent(resumed)))[0]).toMatchObject({ status: 'launched', key });
  expect(google.vertex.jobs[0].body.jobSpec.workerPoolSpecs[0].containerSpec.args).toEqual(['--epochs=9']);
  expectValidBodies(google);
});

test('a schedule slot ignored while paused is not spent: delivered again after resume, it launches', () => {
  const { google, object } = pausedJob();
  const firing = () => scheduleEvent('train', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02Z', '9001');
  expect(outcomes(google.run(definition, firing()))[0].status).toBe('ignored');
  google.storage.put(LAUNCHER_ENV.staging, object.name, JSON.stringify(manifest('train', { launchOnChange: true })));
  expect(outcomes(google.run(definition, firing()))[0].status).toBe('launched');
  expect(launchedKeys(google)).toEqual(['s-train-202612010300']);
});

test.each([
  ['{"job": J}', { job: 'train' }],
  ['{"job": J, "key": K}', { job: 'train', key: 'rerun-1' }],
])('a launch by hand (%s) still runs while paused', (_, argument) => {
  const { google } = pausedJob();
  const [outcome] = outcomes(google.run(definition, argument));
  expect(outcome).toMatchObject({ status: 'launched', job: 'train', key: expect.stringMatching(/^m-/) });
  expect(google.vertex.jobs).toHaveLength(1);
  expectValidBodies(google);
});

test('a request published to the topic by hand (no slot) still runs while paused', () => {
  const { google } = pausedJob();
  expect(outcomes(google.run(definition, pubsubEvent({ job: 'train' }, '2026-12-01T10:00:00Z', '777')))[0]).toMatchObject({ status: 'launched', key: 'm-777' });
});

test('a job that is not paused (no field, or false) launches as before', () => {
  const { google } = deployedAs('train', { ...manifest('train'), paused: false });
  expect(outcomes(google.run(definition, scheduleEvent('train', '0 3 * * *', 'Etc/UTC', '2026-12-01T03:00:02Z', '9001')))[0].status).toBe('launched');
});
