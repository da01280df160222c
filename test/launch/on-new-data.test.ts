import { storageEvent } from '../helpers/google-fakes';
import { deployed, launcher } from './fixtures';
import { events, launchedKeys, logsOf, outcomes } from './helpers';

/**
 * The executed launcher, started by new data: an object finalized under a routed prefix launches
 * each routed job once per object generation (bucket + object + generation + job).
 */

const DATA = 'acme-ml-ml-data';
const definition = launcher([
  { bucket: DATA, prefix: 'incoming/', job: 'retrain' },
  { bucket: DATA, prefix: 'incoming/images/', job: 'vision' },
  { bucket: 'acme-ml-other', prefix: '', job: 'retrain' },
]);

test('an object under a prefix launches the routed job, keyed by bucket, object, generation and job', () => {
  const { google } = deployed('retrain', { also: ['vision'] });
  const object = google.storage.put(DATA, 'incoming/2026-12-01.csv', 'a,b\n1,2\n', 'text/csv');
  const [outcome] = outcomes(google.run(definition, storageEvent(object)));
  expect(outcome).toMatchObject({ status: 'launched', job: 'retrain', reason: `new data gs://${DATA}/incoming/2026-12-01.csv#${object.generation}` });
  expect(outcome.key).toMatch(/^d-[a-z0-9_-]{43}$/);
});

test('an object under two routed prefixes launches both jobs, each with its own key', () => {
  const { google } = deployed('retrain', { also: ['vision'] });
  const object = google.storage.put(DATA, 'incoming/images/cat.png', Buffer.from([1, 2, 3]), 'image/png');
  const launched = outcomes(google.run(definition, storageEvent(object)));
  expect(launched.map((o) => o.job)).toEqual(['retrain', 'vision']);
  expect(new Set(launchedKeys(google)).size).toBe(2);
});

test('the same object event delivered again launches nothing; a new generation of the object launches again', () => {
  const { google } = deployed('retrain', { also: ['vision'] });
  const first = google.storage.put(DATA, 'incoming/a.csv', 'x', 'text/csv');
  outcomes(google.run(definition, storageEvent(first, 'e1')));
  expect(outcomes(google.run(definition, storageEvent(first, 'e2')))[0].status).toBe('duplicate');
  const second = google.storage.put(DATA, 'incoming/a.csv', 'y', 'text/csv');
  expect(outcomes(google.run(definition, storageEvent(second, 'e3')))[0].status).toBe('launched');
  expect(google.vertex.jobs).toHaveLength(2);
});

test('objects outside every routed prefix start nothing and call no API', () => {
  const { google } = deployed('retrain', { also: ['vision'] });
  const object = google.storage.put(DATA, 'archive/old.csv', 'x', 'text/csv');
  const run = google.run(definition, storageEvent(object));
  expect(outcomes(run)).toEqual([]);
  expect(run.httpCalls).toEqual([]);
});

test('prefixes match literally, whatever characters they hold', () => {
  const { google } = deployed('retrain');
  const literal = launcher([{ bucket: DATA, prefix: 'in.coming+[1]/', job: 'retrain' }]);
  expect(outcomes(google.run(literal, storageEvent(google.storage.put(DATA, 'inXcoming+[1]/a', 'x', 'text/plain'))))).toEqual([]);
  expect(outcomes(google.run(literal, storageEvent(google.storage.put(DATA, 'in.coming+[1]/a', 'x', 'text/plain'))))).toHaveLength(1);
});

test('a routed job that was never deployed fails its launch visibly; the other routed job still launches', () => {
  const { google } = deployed('vision');
  const object = google.storage.put(DATA, 'incoming/images/dog.png', Buffer.from([4]), 'image/png');
  const run = google.run(definition, storageEvent(object));
  expect(run.state).toBe('FAILED');
  expect(run.error).toMatchObject({ message: '1 of 2 launches failed (logged as launch_failed)' });
  expect(logsOf(run, 'launch_failed')).toEqual([expect.objectContaining({ severity: 'ERROR', job: 'retrain' })]);
  expect(google.vertex.jobs.map((j) => j.body.displayName)).toEqual(['vision']);
  expect(events(run)).toContain('launched');
});
