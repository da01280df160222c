import { FakeGoogle, LAUNCHER_ENV, storageEvent } from '../helpers/google-fakes';
import { customJobBody, deploy, deployed, launcher, manifest } from './fixtures';
import { events, expectValidBodies, launchedKeys, outcomes, record } from './helpers';

/**
 * The executed launcher, started by a deploy: a manifest finalized in the staging bucket launches
 * one run per change, keyed by the manifest's hash, however often its event arrives.
 */

const definition = launcher();

test('a new manifest launches one run, keyed by its hash, writing under its own output directory', () => {
  const { google, object, key } = deployed('train', { launchOnChange: true });
  const [outcome] = outcomes(google.run(definition, storageEvent(object)));
  expect(outcome).toMatchObject({ status: 'launched', job: 'train', manifest: object.name, key });
  expect(launchedKeys(google)).toEqual([key]);
  const [job] = google.vertex.jobs;
  expect(job.body.jobSpec.baseOutputDirectory.outputUriPrefix).toBe(`gs://acme-ml-ml-artifacts/jobs/train/runs/${key}/`);
  expect(job.body.labels).toMatchObject({ 'managed-by': 'cdktf-vertex-training', 'vertex-training-job': 'train' });
  expect(record(google, key)).toMatchObject({ job: job.name, manifest: object.name });
  expectValidBodies(google);
});

test('the same event delivered again launches nothing', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  const event = storageEvent(object, 'event-1');
  outcomes(google.run(definition, event));
  const [again] = outcomes(google.run(definition, event));
  expect(again.status).toBe('duplicate');
  expect(again.note).toMatch(/^already launched as projects\/.+\/customJobs\/\d+$/);
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a manifest rewritten, copied back or restored (a new generation and event ID) launches nothing', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  outcomes(google.run(definition, storageEvent(object, 'first')));
  const rewritten = google.storage.put(LAUNCHER_ENV.staging, object.name, google.storage.live(LAUNCHER_ENV.staging, object.name)!.content);
  expect(rewritten.generation).not.toBe(object.generation);
  const [again] = outcomes(google.run(definition, storageEvent(rewritten, 'second')));
  expect(again.status).toBe('duplicate');
  expect(google.vertex.jobs).toHaveLength(1);
});

test('even with its launch record gone, a second delivery finds the run by its launch_key label', () => {
  const { google, object, key } = deployed('train', { launchOnChange: true });
  outcomes(google.run(definition, storageEvent(object, 'first')));
  google.storage.remove(LAUNCHER_ENV.staging, `launches/${key}.json`);
  const [again] = outcomes(google.run(definition, storageEvent(object, 'second')));
  expect(again).toMatchObject({ status: 'duplicate', note: 'a job with this launch key exists' });
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a changed job launches again; reverting to an earlier version launches nothing (one run per change, ever)', () => {
  const { google, object: first } = deployed('train', { launchOnChange: true });
  outcomes(google.run(definition, storageEvent(first)));
  const second = deploy(google, 'train', manifest('train', { launchOnChange: true, body: customJobBody('train', ['--epochs=4']) }));
  expect(outcomes(google.run(definition, storageEvent(second)))[0].status).toBe('launched');
  google.storage.remove(LAUNCHER_ENV.staging, first.name);
  const reverted = deploy(google, 'train', manifest('train', { launchOnChange: true }));
  expect(reverted.name).toBe(first.name);
  expect(outcomes(google.run(definition, storageEvent(reverted)))[0].status).toBe('duplicate');
  expect(google.vertex.jobs).toHaveLength(2);
});

test('a job that does not launch on change is not started by its manifest', () => {
  const { google, object } = deployed('train', { launchOnChange: false });
  const [outcome] = outcomes(google.run(definition, storageEvent(object)));
  expect(outcome).toMatchObject({ status: 'ignored', note: 'the job does not launch on change' });
  expect(google.vertex.jobs).toHaveLength(0);
});

test('the event of a manifest a later deploy already replaced launches nothing (that deploy launches)', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.storage.remove(LAUNCHER_ENV.staging, object.name);
  const [outcome] = outcomes(google.run(definition, storageEvent(object)));
  expect(outcome).toMatchObject({ status: 'ignored', note: 'superseded: a later deploy replaced this manifest' });
  expect(google.vertex.jobs).toHaveLength(0);
});

test('other objects of the staging bucket (packages, launch records) start nothing and call no API', () => {
  const google = new FakeGoogle();
  for (const name of ['packages/0123/trainer-0.1.0.tar.gz', 'launches/c-0123.json', 'jobs/train/not-a-hash.json']) {
    const object = google.storage.put(LAUNCHER_ENV.staging, name, 'x', 'application/octet-stream');
    const run = google.run(definition, storageEvent(object));
    expect(outcomes(run)).toEqual([]);
    expect(run.httpCalls).toEqual([]);
    expect(events(run)).toEqual([]);
  }
});
