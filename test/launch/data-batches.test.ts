import { createHash } from 'crypto';
import { LaunchRoute } from '../../lib/launch/definition';
import { MAX_BATCH_CHARACTERS, MAX_LISTED_OBJECTS } from '../../lib/launch/definition/data-batch';
import { routePattern } from '../../lib/launch/definition/requests';
import { FakeGoogle, StoredObject, storageEvent } from '../helpers/google-fakes';
import { RunResult } from '../helpers/workflows';
import { create, customJobBody, deploy, deployed, launcher, manifest, pipelineBody } from './fixtures';
import { events, expectValidBodies, logsOf, outcomes, record } from './helpers';
import { writeRecord } from './policies';

/**
 * The executed launcher on filtered and coalesced data routes: a marker, a suffix or a pattern
 * decides which objects launch; a coalesce window launches one run per window with every matching
 * object created in it; the run receives its objects as `VT_TRIGGER_OBJECTS` in every container.
 */

const DATA = 'acme-ml-ml-data';
/** The fakes' clock starts at 2026-12-01T03:00:00Z, the start of a 15-minute (and an hour's) window. */
const T0 = Date.UTC(2026, 11, 1, 3, 0, 0) / 1000;
const MINUTE = 60;

const route = (extra: Partial<LaunchRoute>): LaunchRoute => ({ bucket: DATA, prefix: 'incoming/', job: 'retrain', ...extra });
const marker = launcher([route({ prefix: 'drops/', filter: { kind: 'marker', value: '_SUCCESS' } })]);
const suffix = launcher([route({ filter: { kind: 'suffix', value: '.parquet' } })]);
const pattern = launcher([route({ filter: { kind: 'pattern', value: 'shard-[0-9]+\\.tfrecord' } })]);
const quarterHour = launcher([route({ filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 15 * MINUTE })]);
const hourly = launcher([route({ filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 60 * MINUTE })]);

/** The label-safe Base64 SHA-256 key the launcher computes, computed here independently. */
function dataKey(source: string, job: string): string {
  const digest = createHash('sha256').update(`${source}|${job}`).digest('base64');
  return `d-${digest.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '').toLowerCase()}`;
}

/** `VT_TRIGGER_OBJECTS` of every container of a Vertex AI body's pools (undefined where it is not set). */
function triggerObjects(pools: any[]): (string[] | undefined)[] {
  return pools.filter((pool) => Object.keys(pool).length > 0).map((pool) => {
    const env: { name: string; value: string }[] = (pool.containerSpec ?? pool.pythonPackageSpec).env ?? [];
    const found = env.filter((e) => e.name === 'VT_TRIGGER_OBJECTS');
    expect(found.length).toBeLessThanOrEqual(1);
    return found.length === 1 ? JSON.parse(found[0].value) : undefined;
  });
}

/** The objects the only custom job created received. */
function onlyRunObjects(google: FakeGoogle): string[] | undefined {
  expect(google.vertex.jobs).toHaveLength(1);
  const [objects] = triggerObjects(google.vertex.jobs[0].body.jobSpec.workerPoolSpecs);
  return objects;
}

const uri = (o: StoredObject) => `gs://${o.bucket}/${o.name}`;

/** Puts an object at `seconds` after T0 (advancing the clock there first). */
function putAt(google: FakeGoogle, seconds: number, name: string): StoredObject {
  google.clock.advance(T0 + seconds - google.clock.now());
  return google.storage.put(DATA, name, 'a,b\n', 'text/csv');
}

describe('filters', () => {
  test('the route pattern anchors each filter to the whole name, literals escaped', () => {
    expect(routePattern('in.coming/')).toBe('^in\\.coming/');
    expect(routePattern('drops/', { kind: 'marker', value: '_SUCCESS' })).toBe('^drops/(.*/)?_SUCCESS$');
    expect(routePattern('a+b/', { kind: 'suffix', value: '.tar.gz' })).toBe('^a\\+b/.*\\.tar\\.gz$');
    expect(routePattern('', { kind: 'pattern', value: 'x|y' })).toBe('^(?:x|y)$');
  });

  test('a marker fires only on its name as the last segment, at any depth; the run gets the marker', () => {
    const { google } = deployed('retrain');
    for (const name of ['drops/day=1/part-0.csv', 'drops/day=1/not_SUCCESS', 'drops/day=1/_SUCCESS.tmp', 'other/_SUCCESS']) {
      expect(outcomes(google.run(marker, storageEvent(google.storage.put(DATA, name, '', 'text/plain'))))).toEqual([]);
    }
    const nested = google.storage.put(DATA, 'drops/day=1/hour=3/_SUCCESS', '', 'text/plain');
    const [launched] = outcomes(google.run(marker, storageEvent(nested)));
    // One key per marker object: today's per-object key.
    expect(launched).toMatchObject({ status: 'launched', key: dataKey(`${DATA}/${nested.name}#${nested.generation}`, 'retrain') });
    expect(onlyRunObjects(google)).toEqual([uri(nested)]);
    const top = google.storage.put(DATA, 'drops/_SUCCESS', '', 'text/plain');
    expect(outcomes(google.run(marker, storageEvent(top)))[0].status).toBe('launched');
    expect(triggerObjects(google.vertex.jobs[1].body.jobSpec.workerPoolSpecs)).toEqual([[uri(top)]]);
    expectValidBodies(google);
  });

  test('a suffix launches one run per matching object, each with its own object', () => {
    const { google } = deployed('retrain');
    expect(outcomes(google.run(suffix, storageEvent(google.storage.put(DATA, 'incoming/b.parquet.tmp', 'x', 'text/plain'))))).toEqual([]);
    const deep = google.storage.put(DATA, 'incoming/2026/12/b.parquet', 'x', 'application/octet-stream');
    const flat = google.storage.put(DATA, 'incoming/c.parquet', 'x', 'application/octet-stream');
    expect(outcomes(google.run(suffix, storageEvent(deep)))[0].status).toBe('launched');
    expect(outcomes(google.run(suffix, storageEvent(flat)))[0].status).toBe('launched');
    expect(google.vertex.jobs.map((j) => triggerObjects(j.body.jobSpec.workerPoolSpecs))).toEqual([[[uri(deep)]], [[uri(flat)]]]);
  });

  test('a pattern matches the whole rest of the name', () => {
    const { google } = deployed('retrain');
    for (const name of ['incoming/old/shard-12.tfrecord', 'incoming/shard-12.tfrecord.tmp', 'incoming/shard-.tfrecord']) {
      expect(outcomes(google.run(pattern, storageEvent(google.storage.put(DATA, name, 'x', 'text/plain'))))).toEqual([]);
    }
    const shard = google.storage.put(DATA, 'incoming/shard-12.tfrecord', 'x', 'application/octet-stream');
    expect(outcomes(google.run(pattern, storageEvent(shard)))[0].status).toBe('launched');
    expect(onlyRunObjects(google)).toEqual([uri(shard)]);
  });

  test('an object no route matches launches nothing, calls no API and is logged at DEBUG only', () => {
    const { google } = deployed('retrain');
    const run = google.run(suffix, storageEvent(google.storage.put(DATA, 'incoming/readme.txt', 'x', 'text/plain')));
    expect(outcomes(run)).toEqual([]);
    expect(run.httpCalls).toEqual([]);
    expect(logsOf(run, 'not_routed')).toEqual([expect.objectContaining({ severity: 'DEBUG', object: `gs://${DATA}/incoming/readme.txt` })]);
    expect(events(run)).toEqual(['not_routed']);
  });

  test('a launch by hand or on change gets no VT_TRIGGER_OBJECTS', () => {
    const { google, object } = deployed('retrain', { launchOnChange: true });
    outcomes(google.run(suffix, storageEvent(object)));
    outcomes(google.run(suffix, { job: 'retrain' }));
    expect(google.vertex.jobs.map((j) => triggerObjects(j.body.jobSpec.workerPoolSpecs))).toEqual([[undefined], [undefined]]);
  });
});

describe('coalesce windows', () => {
  test('the objects landing in one window launch one run, when the window has ended, with all of them', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    const put: { [name: string]: StoredObject } = {};
    const later = (seconds: number, name: string) => google.clock.at(T0 + seconds, () => { put[name] = google.storage.put(DATA, name, 'x', 'text/csv'); });
    later(5 * MINUTE, 'incoming/b.csv');
    later(6 * MINUTE, 'incoming/notes.txt');
    later(15 * MINUTE - 1, 'incoming/c.csv');
    later(15 * MINUTE + 20, 'incoming/d.csv'); // the next window, created before the holder lists
    const first = google.run(quarterHour, storageEvent(a));
    const [launched] = outcomes(first);
    expect(launched).toMatchObject({ status: 'launched', key: dataKey(`${DATA}|^incoming/.*\\.csv$|w${T0}+${15 * MINUTE}`, 'retrain') });
    expect(launched.reason).toBe(`new data in gs://${DATA}/incoming/ from 2026-12-01T03:00:00Z to 2026-12-01T03:15:00Z (first event ${uri(a)}#${a.generation})`);
    // Created once the window (and its grace) had passed.
    expect(google.vertex.jobs[0].createdAt).toBeGreaterThanOrEqual(T0 + 15 * MINUTE + 60);
    expect(onlyRunObjects(google)).toEqual([uri(a), uri(put['incoming/b.csv']), uri(put['incoming/c.csv'])]);
    expectValidBodies(google);
  });

  test('a record write whose answer was lost (the window\'s mark, then the run) is this execution\'s own: one run, the record complete', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    // Both rewrites of the launch record (with the window's end, then with the run) lose their answers.
    google.fail((r) => writeRecord(r) && !r.url.includes('ifGenerationMatch=0'), 'lost-answer', 2);
    const [launched] = outcomes(google.run(quarterHour, storageEvent(a)));
    expect(launched.status).toBe('launched');
    expect(google.vertex.jobs).toHaveLength(1);
    expect(record(google, launched.key)).toMatchObject({ until: T0 + 15 * MINUTE + 60, job: google.vertex.jobs[0].name });
  });

  test('a redelivered event of the window, and an event arriving after the run launched, create nothing more', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    const b = putAt(google, 2 * MINUTE, 'incoming/b.csv');
    outcomes(google.run(quarterHour, storageEvent(a, 'e1')));
    const [redelivered] = outcomes(google.run(quarterHour, storageEvent(a, 'e1-again')));
    const [late] = outcomes(google.run(quarterHour, storageEvent(b, 'e2')));
    expect([redelivered.status, late.status]).toEqual(['duplicate', 'duplicate']);
    expect(late.note).toBe(`already launched as ${google.vertex.jobs[0].name}`);
    expect(onlyRunObjects(google)).toEqual([uri(a), uri(b)]);
  });

  test('an event of the window arriving while the holder waits finds the key held: one run', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    let racer: RunResult | undefined;
    google.clock.at(T0 + 10 * MINUTE, () => {
      racer = google.run(quarterHour, storageEvent(google.storage.put(DATA, 'incoming/b.csv', 'x', 'text/csv')));
    });
    outcomes(google.run(quarterHour, storageEvent(a)));
    expect(outcomes(racer!)[0]).toMatchObject({ status: 'duplicate', note: expect.stringMatching(/^being launched by execution /) });
    expect(onlyRunObjects(google)).toHaveLength(2);
  });

  test('a window longer than the lease: the sleeping holder keeps its key, and creates the run after waking', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    let racer: RunResult | undefined;
    // 44 minutes after the holder took the key: past the 30-minute lease, but the holder still waits.
    google.clock.at(T0 + 45 * MINUTE, () => {
      racer = google.run(hourly, storageEvent(google.storage.put(DATA, 'incoming/b.csv', 'x', 'text/csv')));
    });
    const [launched] = outcomes(google.run(hourly, storageEvent(a)));
    expect(outcomes(racer!)[0]).toMatchObject({ status: 'duplicate', note: expect.stringMatching(/^being launched by execution /) });
    expect(launched.status).toBe('launched');
    expect(record(google, launched.key)).toMatchObject({ until: T0 + 60 * MINUTE + 60, job: google.vertex.jobs[0].name });
    expect(onlyRunObjects(google)).toHaveLength(2);
  });

  test('a holder that died waiting is taken over once its lease after the window has run out', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    google.fail(create, 403);
    expect(google.run(quarterHour, storageEvent(a, 'first')).state).toBe('FAILED');
    const key = dataKey(`${DATA}|^incoming/.*\\.csv$|w${T0}+${15 * MINUTE}`, 'retrain');
    google.clock.advance(T0 + 16 * MINUTE + 1800 - 10 - google.clock.now());
    expect(outcomes(google.run(quarterHour, storageEvent(a, 'again')))[0].status).toBe('duplicate');
    google.clock.advance(20);
    expect(outcomes(google.run(quarterHour, storageEvent(a, 'again')))[0]).toMatchObject({ status: 'launched', key, note: expect.stringMatching(/^took over/) });
    expect(onlyRunObjects(google)).toEqual([uri(a)]);
  });

  test('two executions racing for a window\'s key: one run', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    const b = putAt(google, 1 * MINUTE + 1, 'incoming/b.csv');
    let second: RunResult | undefined;
    google.before((r) => r.method === 'POST' && r.url.includes('launches%2Fd-'), () => { second = google.run(quarterHour, storageEvent(b)); });
    const first = google.run(quarterHour, storageEvent(a));
    expect([...outcomes(first), ...outcomes(second!)].map((o) => o.status).sort()).toEqual(['duplicate', 'launched']);
    expect(onlyRunObjects(google)).toEqual([uri(a), uri(b)]);
  });

  test('each window and each job has its own key', () => {
    const { google } = deployed('retrain', { also: ['vision'] });
    const both = launcher([
      route({ filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 15 * MINUTE }),
      route({ job: 'vision', filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 15 * MINUTE }),
    ]);
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    const runs = outcomes(google.run(both, storageEvent(a)));
    const next = putAt(google, 31 * MINUTE, 'incoming/next.csv');
    runs.push(...outcomes(google.run(both, storageEvent(next))));
    expect(runs.map((o) => o.status)).toEqual(['launched', 'launched', 'launched', 'launched']);
    expect(new Set(runs.map((o) => o.key)).size).toBe(4);
    expect(google.vertex.jobs.map((j) => triggerObjects(j.body.jobSpec.workerPoolSpecs)[0])).toEqual([[uri(a)], [uri(a)], [uri(next)], [uri(next)]]);
  });

  test('windows of different lengths starting together have their own keys: two routes on one prefix', () => {
    const { google } = deployed('retrain');
    const csv = { filter: { kind: 'suffix' as const, value: '.csv' } };
    const both = launcher([route({ ...csv, windowSeconds: 120 * MINUTE }), route({ ...csv, windowSeconds: 60 * MINUTE })]);
    // 04:01: in the hour from 04:00 and in the two hours from 04:00.
    const a = putAt(google, 61 * MINUTE, 'incoming/a.csv');
    const runs = outcomes(google.run(both, storageEvent(a)));
    expect(runs.map((o) => o.status)).toEqual(['launched', 'launched']);
    expect(runs.map((o) => o.key)).toEqual([
      dataKey(`${DATA}|^incoming/.*\\.csv$|w${T0 + 60 * MINUTE}+${60 * MINUTE}`, 'retrain'),
      dataKey(`${DATA}|^incoming/.*\\.csv$|w${T0 + 60 * MINUTE}+${120 * MINUTE}`, 'retrain'),
    ]);
  });

  test('a changed coalesce window does not take the old window\'s key for a window starting at the same time', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 61 * MINUTE, 'incoming/a.csv');
    expect(outcomes(google.run(hourly, storageEvent(a)))[0].status).toBe('launched');
    // Redeployed with two-hour windows: 05:30 is in the window from 04:00, as 04:01 was in the hour from 04:00.
    const twoHours = launcher([route({ filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 120 * MINUTE })]);
    const b = putAt(google, 150 * MINUTE, 'incoming/b.csv');
    expect(outcomes(google.run(twoHours, storageEvent(b)))[0].status).toBe('launched');
    expect(google.vertex.jobs.map((j) => triggerObjects(j.body.jobSpec.workerPoolSpecs)[0])).toEqual([[uri(a)], [uri(a), uri(b)]]);
  });

  test('one object on several coalesced routes: the windows launch in the order they end, not in the routes\' order', () => {
    const { google } = deployed('retrain', { also: ['vision', 'audio'] });
    const csv = { filter: { kind: 'suffix' as const, value: '.csv' } };
    const three = launcher([
      route({ ...csv, windowSeconds: 120 * MINUTE }), // 02:00 to 04:00
      route({ ...csv, job: 'vision', windowSeconds: 15 * MINUTE }), // 03:00 to 03:15
      route({ ...csv, job: 'audio', windowSeconds: 60 * MINUTE }), // 03:00 to 04:00
    ]);
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    const runs = outcomes(google.run(three, storageEvent(a)));
    expect(runs.map((o) => [o.job, o.status])).toEqual([['vision', 'launched'], ['retrain', 'launched'], ['audio', 'launched']]);
    const created = google.vertex.jobs.map((j) => [j.body.displayName, j.createdAt]);
    // The short window's run starts once it ended (and its grace), not after the two-hour window.
    expect(created[0]).toEqual(['vision', expect.any(Number)]);
    expect(created[0][1]).toBeLessThan(T0 + 17 * MINUTE);
    expect(created.slice(1).map(([job, at]) => [job, (at as number) >= T0 + 61 * MINUTE])).toEqual([['retrain', true], ['audio', true]]);
  });

  test('an object on a coalesced and a per-object route: the per-object run does not wait for the window', () => {
    const { google } = deployed('retrain', { also: ['vision'] });
    const both = launcher([
      route({ filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 15 * MINUTE }),
      route({ job: 'vision', filter: { kind: 'suffix', value: '.csv' } }),
    ]);
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    const runs = outcomes(google.run(both, storageEvent(a)));
    expect(runs.map((o) => [o.job, o.status])).toEqual([['vision', 'launched'], ['retrain', 'launched']]);
    expect(google.vertex.jobs.map((j) => [j.body.displayName, j.createdAt < T0 + 15 * MINUTE])).toEqual([['vision', true], ['retrain', false]]);
  });

  test('more than 500 objects: the first by name and the triggering one, 500 in all, and a batch_truncated warning with the count', () => {
    const { google } = deployed('retrain');
    putAt(google, 1 * MINUTE, 'incoming/other.txt');
    const objects = Array.from({ length: 520 }, (_, i) => google.storage.put(DATA, `incoming/p-${String(519 - i).padStart(5, '0')}.csv`, 'x', 'text/csv'));
    const run = google.run(quarterHour, storageEvent(objects[0]));
    outcomes(run);
    // objects[0] (p-00519, last by name) started the launch: it is kept, in its place by name.
    const expected = [...objects.map(uri).sort().slice(0, 499), uri(objects[0])];
    expect(onlyRunObjects(google)).toEqual(expected);
    expect(logsOf(run, 'batch_truncated')).toEqual([expect.objectContaining({ severity: 'WARNING', matched: 520, delivered: 500 })]);
    expect(logsOf(run, 'batch_objects_missing')).toEqual([]);
    // The listing was paged.
    expect(google.storage.listings.filter((l) => l.bucket === DATA).map((l) => l.pageToken !== undefined)).toEqual([false, true, true]);
    expectValidBodies(google);
  });

  test('long names: the list stops before its JSON outgrows what a run is given', () => {
    const { google } = deployed('retrain');
    const long = 'x'.repeat(900);
    const objects = Array.from({ length: 60 }, (_, i) => putAt(google, 1 * MINUTE + i, `incoming/${String(i).padStart(2, '0')}-${long}.csv`));
    const run = google.run(quarterHour, storageEvent(objects[0]));
    outcomes(run);
    const delivered = onlyRunObjects(google)!;
    expect(delivered).toEqual(objects.map(uri).slice(0, delivered.length));
    expect(JSON.stringify(delivered).length).toBeLessThanOrEqual(MAX_BATCH_CHARACTERS);
    expect(JSON.stringify(objects.map(uri).slice(0, delivered.length + 1)).length).toBeGreaterThan(MAX_BATCH_CHARACTERS);
    expect(logsOf(run, 'batch_truncated')).toEqual([expect.objectContaining({ matched: 60, delivered: delivered.length })]);
  });

  test('the listing is bounded: past 8,000 objects under the prefix the rest is not looked at, and the warning says so', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    for (let i = 0; i < MAX_LISTED_OBJECTS; i++) google.storage.put(DATA, `incoming/m-${String(i).padStart(5, '0')}.txt`, 'x', 'text/plain');
    putAt(google, 2 * MINUTE, 'incoming/z.csv');
    const run = google.run(quarterHour, storageEvent(a));
    outcomes(run);
    expect(onlyRunObjects(google)).toEqual([uri(a)]);
    expect(logsOf(run, 'batch_truncated')).toEqual([]);
    expect(logsOf(run, 'batch_objects_missing')).toEqual([expect.objectContaining({ severity: 'WARNING', listed: MAX_LISTED_OBJECTS, delivered: 1 })]);
    expect(google.storage.listings.filter((l) => l.bucket === DATA)).toHaveLength(MAX_LISTED_OBJECTS / 250);
  });

  test('more than 8,000 older objects named before the window\'s: the run still gets the object that triggered it, with a warning', () => {
    const { google } = deployed('retrain');
    // Last window's objects, all matching the route, named before this window's.
    for (let i = 0; i <= MAX_LISTED_OBJECTS; i++) google.storage.put(DATA, `incoming/2026-11-30/part-${String(i).padStart(5, '0')}.csv`, 'x', 'text/csv');
    const z = putAt(google, 16 * MINUTE, 'incoming/2026-12-01/part-00000.csv');
    const run = google.run(quarterHour, storageEvent(z));
    outcomes(run);
    expect(onlyRunObjects(google)).toEqual([uri(z)]);
    expect(logsOf(run, 'batch_objects_missing')).toEqual([expect.objectContaining({ severity: 'WARNING', window: expect.objectContaining({ start: T0 + 15 * MINUTE }) })]);
  });

  test('a window whose objects were all deleted before it ended still hands its run the object that triggered it', () => {
    const { google } = deployed('retrain');
    const a = putAt(google, 1 * MINUTE, 'incoming/a.csv');
    google.clock.at(T0 + 5 * MINUTE, () => google.storage.remove(DATA, 'incoming/a.csv'));
    const run = google.run(quarterHour, storageEvent(a));
    outcomes(run);
    expect(onlyRunObjects(google)).toEqual([uri(a)]);
  });

  test('the largest batch fits in the execution\'s memory with four pools in the body', () => {
    const google = new FakeGoogle();
    const body = customJobBody('retrain') as any;
    const pool = body.jobSpec.workerPoolSpecs[0];
    pool.containerSpec.env = Array.from({ length: 20 }, (_, i) => ({ name: `VAR_${i}`, value: 'v'.repeat(40) }));
    body.jobSpec.workerPoolSpecs = [pool, pool, pool, pool];
    deploy(google, 'retrain', manifest('retrain', { body }));
    const objects = Array.from({ length: 600 }, (_, i) => putAt(google, MINUTE, `incoming/2026-12-01/part-${String(i).padStart(5, '0')}-of-00600.csv`));
    outcomes(google.run(quarterHour, storageEvent(objects[0])));
    const delivered = triggerObjects(google.vertex.jobs[0].body.jobSpec.workerPoolSpecs);
    expect(delivered).toHaveLength(4);
    expect(JSON.stringify(delivered[0]).length).toBeGreaterThan(MAX_BATCH_CHARACTERS - 100);
  });
});

describe('VT_TRIGGER_OBJECTS in every container', () => {
  const python = {
    executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
    packageUris: ['gs://acme-ml-ml-staging/packages/trainer.tar.gz'],
    pythonModule: 'trainer.task',
    env: [{ name: 'A', value: '1' }],
  };
  /** Four pools: a container, an empty pool, a Python package and another container. */
  function pools(): any[] {
    const container = (customJobBody('retrain') as any).jobSpec.workerPoolSpecs[0];
    return [container, {}, { ...container, containerSpec: undefined, pythonPackageSpec: python }, { ...container, replicaCount: '2' }]
      .map((p) => JSON.parse(JSON.stringify(p)));
  }
  const spec = () => ({ ...(customJobBody('retrain') as any).jobSpec, workerPoolSpecs: pools() });

  function launchWith(content: { [key: string]: unknown }): { google: FakeGoogle; object: StoredObject } {
    const google = new FakeGoogle();
    deploy(google, 'retrain', content);
    const object = google.storage.put(DATA, 'drops/_SUCCESS', '', 'text/plain');
    return { google, object };
  }

  test('a custom job: every pool but the empty one, containers and Python packages alike, user env kept', () => {
    const { google, object } = launchWith(manifest('retrain', { body: { ...customJobBody('retrain'), jobSpec: spec() } }));
    outcomes(google.run(marker, storageEvent(object)));
    const created = google.vertex.jobs[0].body.jobSpec.workerPoolSpecs;
    expect(triggerObjects(created)).toEqual([[uri(object)], [uri(object)], [uri(object)]]);
    expect(created[1]).toEqual({});
    expect(created[2].pythonPackageSpec.env[0]).toEqual({ name: 'A', value: '1' });
    expectValidBodies(google);
  });

  test('a tuning job: every pool of its trial job spec', () => {
    const body = {
      displayName: 'retrain',
      studySpec: { metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }], parameters: [{ parameterId: 'lr', scaleType: 'UNIT_LOG_SCALE', doubleValueSpec: { minValue: 0.0001, maxValue: 0.1 } }] },
      maxTrialCount: 8,
      parallelTrialCount: 2,
      trialJobSpec: spec(),
      labels: (customJobBody('retrain') as any).labels,
    };
    const { google, object } = launchWith({ ...manifest('retrain'), kind: 'HyperparameterTuningJob', collection: 'hyperparameterTuningJobs', body });
    outcomes(google.run(marker, storageEvent(object)));
    const [tuning] = google.vertex.of('hyperparameterTuningJobs');
    expect(triggerObjects(tuning.body.trialJobSpec.workerPoolSpecs)).toEqual([[uri(object)], [uri(object)], [uri(object)]]);
    expectValidBodies(google);
  });

  test.each([
    ['its training task inputs', (s: object) => s, (b: any) => b.trainingTaskInputs.workerPoolSpecs],
    ['the trial job spec of a tuned pipeline', (s: object) => ({ trialJobSpec: s, studySpec: {}, maxTrialCount: 2 }), (b: any) => b.trainingTaskInputs.trialJobSpec.workerPoolSpecs],
  ])('a training pipeline: every pool of %s', (_, inputs, poolsOf) => {
    const body = { ...pipelineBody('retrain', 'projects/acme-ml/locations/us-central1/models/churn'), trainingTaskInputs: inputs(spec()) };
    const { google, object } = launchWith(manifest('retrain', { existingModel: 'projects/acme-ml/locations/us-central1/models/churn', body }));
    google.vertex.models.set('churn', { name: 'projects/acme-ml/locations/us-central1/models/churn', versions: 1 });
    outcomes(google.run(marker, storageEvent(object)));
    const [pipeline] = google.vertex.of('trainingPipelines');
    expect(triggerObjects(poolsOf(pipeline.body))).toEqual([[uri(object)], [uri(object)], [uri(object)]]);
    expectValidBodies(google);
  });

  test('a container that already has 100 environment variables fails the launch, saying why', () => {
    const body = customJobBody('retrain') as any;
    body.jobSpec.workerPoolSpecs[0].containerSpec.env = Array.from({ length: 100 }, (_, i) => ({ name: `V${i}`, value: 'x' }));
    const { google, object } = launchWith(manifest('retrain', { body }));
    const run = google.run(marker, storageEvent(object));
    expect(run.state).toBe('FAILED');
    expect(logsOf(run, 'launch_failed')[0].error).toMatchObject({
      tags: ['TooManyEnvVars'],
      message: expect.stringContaining('worker pool 0 already has 100 environment variables, the most Vertex AI takes per container: the launcher cannot add VT_TRIGGER_OBJECTS'),
    });
    expect(google.vertex.jobs).toEqual([]);
  });

  test('99 environment variables leave room for it', () => {
    const body = customJobBody('retrain') as any;
    body.jobSpec.workerPoolSpecs[0].containerSpec.env = Array.from({ length: 99 }, (_, i) => ({ name: `V${i}`, value: 'x' }));
    const { google, object } = launchWith(manifest('retrain', { body }));
    outcomes(google.run(marker, storageEvent(object)));
    expect(google.vertex.jobs[0].body.jobSpec.workerPoolSpecs[0].containerSpec.env).toHaveLength(100);
  });
});
