import { GATE_POLL_MAX_SECONDS, GATE_POLL_MIN_SECONDS, GATE_WAIT_SECONDS } from '../../lib/launch/definition/concurrency';
import { FakeGoogle, LAUNCHER_ENV, storageEvent } from '../helpers/google-fakes';
import { RunResult } from '../helpers/workflows';
import { create, customJobBody, launcher, manifest, scheduleEvent } from './fixtures';
import { logsOf } from './helpers';
import { deleteGate, deployedAs, gateOf, holdGate, insertGate, limitedTo, listActive, readJob } from './policies';

/**
 * A burst of launches of one job with a concurrency policy (a data drop of many objects on a
 * per-object route): a launch counts the job's runs before it tries the job's gate and skips
 * without writing it when the job is at its limit; a launch waiting for a busy gate counts again
 * before every try, with jittered pauses; the gate still decides the last count and the create.
 */

const DATA = 'acme-ml-ml-data';
const T0 = Date.UTC(2026, 11, 1, 3, 0, 0) / 1000;
const perObject = launcher([{ bucket: DATA, prefix: 'incoming/', job: 'ingest' }]);
const slot = (day: number, id: string) => scheduleEvent('ingest', '0 3 * * *', 'Etc/UTC', `2026-12-${String(day).padStart(2, '0')}T03:00:02Z`, id);

/** How an execution ended: its first outcome's status, or the tag of its failed launch. */
const ending = (run: RunResult): string => (run.state === 'SUCCEEDED' ? (run.result as any).outcomes[0].status : logsOf(run, 'launch_failed')[0].error.tags[0]);

/** A Google with job `ingest` at most `max` runs at once, whose runs never end and whose watches stop at their first look. */
function ingest(max: number, content = manifest('ingest')): FakeGoogle {
  const { google } = deployedAs('ingest', limitedTo('ingest', content, max));
  google.vertex.outcome = () => undefined;
  google.fail(readJob, 403, Infinity);
  return google;
}

/**
 * 50 objects land at once, each event an execution: the first starts at T0, the others from
 * `others` seconds on, 50 ms apart. A create's answer takes 3 s, so the executions that start
 * meanwhile run while that launch holds its gate with its run created.
 */
function burst(google: FakeGoogle, others: number): RunResult[] {
  google.slow(create, 3);
  const objects = Array.from({ length: 50 }, (_, i) => google.storage.put(DATA, `incoming/part-${String(i).padStart(3, '0')}.csv`, 'x', 'text/csv'));
  const runs: RunResult[] = [];
  objects.slice(1).forEach((object, i) => google.clock.at(T0 + others + 0.05 * i, () => { runs.push(google.run(perObject, storageEvent(object))); }));
  runs.unshift(google.run(perObject, storageEvent(objects[0])));
  google.clock.advance(others + 5);
  return runs;
}

const gateWrites = (runs: RunResult[]) => runs.flatMap((r) => r.httpCalls).filter((c) => insertGate(c.request) || deleteGate(c.request)).length;

describe('a burst of 50 launches of one job', () => {
  test('skip(): one run, every other launch skipped without waiting for the gate, two gate writes in all', () => {
    const google = ingest(1);
    const runs = burst(google, 1);
    expect(runs).toHaveLength(50);
    expect(google.vertex.jobs).toHaveLength(1);
    const endings = runs.map(ending);
    expect(endings.filter((e) => e === 'launched')).toHaveLength(1);
    expect(endings.filter((e) => e === 'skipped')).toHaveLength(49);
    expect(gateWrites(runs)).toBe(2);
    expect(runs.flatMap((r) => logsOf(r, 'gate_taken_over'))).toEqual([]);
    // Skipped at once: none waited for the gate.
    expect(runs.flatMap((r) => r.sleeps).filter((s) => s.reason === 'sys.sleep' && s.seconds < 60)).toEqual([]);
    expect(gateOf(google, 'ingest')).toBeUndefined();
  });

  test('upTo(2): two runs, the other 48 skipped, none failed, the gate written only by the two that launched', () => {
    const google = ingest(2);
    // The others arrive once the first launched, while the second's create is answered.
    const runs = burst(google, 5);
    expect(google.vertex.jobs).toHaveLength(2);
    const endings = runs.map(ending);
    expect(endings.filter((e) => e === 'launched')).toHaveLength(2);
    expect(endings.filter((e) => e === 'skipped')).toHaveLength(48);
    expect(gateWrites(runs)).toBe(4);
    expect(gateOf(google, 'ingest')).toBeUndefined();
  });
});

describe('waiting for a busy gate', () => {
  test('a launch counts again before every try and skips, without the gate, as soon as the job is at its limit', () => {
    const google = ingest(1);
    const held = holdGate(google, 'ingest');
    // The holder's run appears 25 s later; its gate stays held.
    google.clock.at(T0 + 25, () => { google.vertex.add('customJobs', { ...customJobBody('ingest'), labels: { ...(customJobBody('ingest') as any).labels, launch_key: 's-other' } }, 'JOB_STATE_QUEUED'); });
    const run = google.run(perObject, storageEvent(google.storage.put(DATA, 'incoming/a.csv', 'x', 'text/csv')));
    expect(ending(run)).toBe('skipped');
    const waited = run.sleeps.reduce((sum, s) => sum + s.seconds, 0);
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThanOrEqual(25 + GATE_POLL_MAX_SECONDS);
    // Counted once before every try, and once more when it skipped.
    const tries = run.httpCalls.filter((c) => insertGate(c.request)).length;
    expect(run.httpCalls.filter((c) => listActive(c.request))).toHaveLength(tries + 1);
    expect(gateOf(google, 'ingest')?.generation).toBe(held.generation);
    expect(logsOf(run, 'gate_taken_over')).toEqual([]);
  });

  test('pauses between tries are jittered between 10 and 40 s, and differ between executions', () => {
    // Room for every launch: each waits only for the gate.
    const google = ingest(100);
    const first: number[] = [];
    for (let i = 0; i < 8; i++) {
      holdGate(google, 'ingest', `holder-${i}`);
      // Released 5 s later: the launch takes it on its second try.
      google.clock.at(google.clock.now() + 5, () => google.storage.remove(LAUNCHER_ENV.staging, 'launches/gates/ingest.json'));
      const run = google.run(perObject, storageEvent(google.storage.put(DATA, `incoming/${i}.csv`, 'x', 'text/csv')));
      expect(ending(run)).toBe('launched');
      first.push(run.sleeps[0].seconds);
      google.clock.advance(100);
    }
    expect(first.every((s) => Number.isInteger(s) && s >= GATE_POLL_MIN_SECONDS && s <= GATE_POLL_MAX_SECONDS)).toBe(true);
    expect(new Set(first).size).toBeGreaterThanOrEqual(4);
  });
});

describe('a pipeline\'s first-version claim', () => {
  /** A pipeline job (its model's first version claimed before the gate) at most one run at once. */
  const pipeline = () => ingest(1, manifest('ingest', { pipelineModel: 'ingest-model' }));
  const claim = (google: FakeGoogle) => google.storage.live(LAUNCHER_ENV.staging, 'launches/models/ingest-model.json');
  const claimed = (run: RunResult) => run.httpCalls.some((c) => c.request.method === 'POST' && c.request.url.includes('launches%2Fmodels%2Fingest-model.json'));

  test('is released when the gate stayed busy', () => {
    const google = pipeline();
    holdGate(google, 'ingest');
    // Other launches keep taking the gate: every look finds a fresh holder.
    for (let i = 0; i < 200; i++) {
      google.interleavings.push({
        matches: (r) => r.method === 'GET' && r.url.includes('launches%2Fgates%2Fingest.json') && !r.url.includes('alt=media'),
        run: () => { holdGate(google, 'ingest', `holder-${i}`); },
      });
    }
    const run = google.run(launcher(), slot(1, '9001'));
    expect(ending(run)).toBe('ConcurrencyGateBusy');
    expect(run.sleeps.reduce((sum, s) => sum + s.seconds, 0)).toBeLessThanOrEqual(GATE_WAIT_SECONDS);
    expect(claimed(run)).toBe(true);
    expect(claim(google)).toBeUndefined();
  });

  test('is released when counting the job\'s runs failed', () => {
    const google = pipeline();
    google.fail(listActive, 403);
    const run = google.run(launcher(), slot(1, '9001'));
    expect(run.state).toBe('FAILED');
    expect(logsOf(run, 'launch_failed')[0].error).toMatchObject({ code: 403 });
    expect(claimed(run)).toBe(true);
    expect(claim(google)).toBeUndefined();
    // The next slot's pipeline still gets the model's first version.
    expect(ending(google.run(launcher(), slot(2, '9101')))).toBe('launched');
    expect(google.vertex.of('trainingPipelines')[0].body.modelId).toBe('ingest-model');
  });
});
