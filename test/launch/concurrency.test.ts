import { GATE_LEASE_SECONDS, GATE_WAIT_SECONDS } from '../../lib/launch/definition';
import { GATE_POLL_MAX_SECONDS, GATE_POLL_MIN_SECONDS, VERTEX_MAX_PAGES } from '../../lib/launch/definition/concurrency';
import { FakeGoogle, LAUNCHER_ENV } from '../helpers/google-fakes';
import { RunResult } from '../helpers/workflows';
import { create, customJobBody, launcher, listJobs, manifest, pipelineBody, scheduleEvent } from './fixtures';
import { expectValidBodies, launchedKeys, logsOf, outcomes, record } from './helpers';
import { deleteGate, deployedAs, gateName, gateOf, holdGate, insertGate, limitedTo, listActive, readJob, writeRecord } from './policies';

/**
 * The executed launcher with a job's concurrency policy (`maxConcurrentRuns` in its manifest):
 * a launch while the job has that many active runs is skipped, logged with the runs it found, and
 * spends its key; counting and creating happen under the job's gate, so racing launches never
 * start more runs than the policy allows.
 */

const definition = launcher();
const slot = (day: number, id: string) => scheduleEvent('nightly', '0 3 * * *', 'Etc/UTC', `2026-12-${String(day).padStart(2, '0')}T03:00:02Z`, id);
const slotKey = (day: number) => `s-nightly-202612${String(day).padStart(2, '0')}0300`;

/** A Google with job `nightly` deployed, at most `max` active runs (undefined: allow). */
function nightly(max: number | undefined, content = manifest('nightly')): FakeGoogle {
  return deployedAs('nightly', max === undefined ? content : limitedTo('nightly', content, max)).google;
}

/** A run of `job` started earlier (another launch's), in `state`. */
function activeRun(google: FakeGoogle, job: string, state = 'JOB_STATE_RUNNING', collection = 'customJobs') {
  const body: any = collection === 'trainingPipelines' ? pipelineBody(job) : customJobBody(job);
  return google.vertex.add(collection, { ...body, labels: { ...body.labels, launch_key: `m-earlier-${google.vertex.jobs.length}` } }, state);
}

describe('skip: at most one run at a time', () => {
  test('a slot fired while a run is active is skipped, logged with the run at WARNING, and its record holds the decision', () => {
    const google = nightly(1);
    const active = activeRun(google, 'nightly');
    const run = google.run(definition, slot(1, '9001'));
    const [outcome] = outcomes(run);
    expect(outcome).toMatchObject({ status: 'skipped', job: 'nightly', key: slotKey(1) });
    expect(outcome.note).toBe(`job nightly has 1 active run(s), at most 1 at once: ${active.name}`);
    expect(logsOf(run, 'skipped')).toEqual([expect.objectContaining({ severity: 'WARNING', job: 'nightly', launchKey: slotKey(1), note: outcome.note })]);
    expect(record(google, slotKey(1))).toMatchObject({ job: null, skipped: outcome.note });
    expect(google.vertex.jobs).toEqual([active]);
  });

  test('the skipped slot redelivered after the run ended launches nothing; the next slot launches', () => {
    const google = nightly(1);
    const active = activeRun(google, 'nightly');
    outcomes(google.run(definition, slot(1, '9001')));
    google.vertex.end(active, 'JOB_STATE_SUCCEEDED');
    const [again] = outcomes(google.run(definition, slot(1, '9002')));
    expect(again).toMatchObject({ status: 'duplicate', note: expect.stringMatching(/^already decided: skipped \(job nightly has 1 active run/) });
    expect(google.vertex.jobs).toHaveLength(1);
    expect(outcomes(google.run(definition, slot(2, '9101')))[0].status).toBe('launched');
    expect(launchedKeys(google)).toEqual(['m-earlier-0', slotKey(2)]);
    expectValidBodies(google);
  });

  test('a slot fired while the previous slot\'s run is still running (the watch of that run in progress) is skipped', () => {
    const google = nightly(1);
    let second: RunResult | undefined;
    google.before(readJob, () => { second = google.run(definition, slot(2, '9101')); });
    const first = google.run(definition, slot(1, '9001'));
    expect(outcomes(first)[0].status).toBe('launched');
    expect(outcomes(second!)[0]).toMatchObject({ status: 'skipped', note: `job nightly has 1 active run(s), at most 1 at once: ${google.vertex.jobs[0].name}` });
    expect(google.vertex.jobs).toHaveLength(1);
  });

  test.each([
    ['succeeded', 'JOB_STATE_SUCCEEDED'],
    ['failed', 'JOB_STATE_FAILED'],
    ['cancelled', 'JOB_STATE_CANCELLED'],
  ])('a %s run does not count; queued, pending, cancelling and paused runs do', (_, ended) => {
    const google = nightly(1);
    activeRun(google, 'nightly', ended);
    expect(outcomes(google.run(definition, slot(1, '9001')))[0].status).toBe('launched');
    for (const [day, state] of [[2, 'JOB_STATE_PENDING'], [3, 'JOB_STATE_CANCELLING'], [4, 'JOB_STATE_PAUSED'], [5, 'JOB_STATE_UPDATING']] as const) {
      const counted = nightly(1);
      const run = activeRun(counted, 'nightly', state);
      expect(outcomes(counted.run(definition, slot(day, `9${day}`)))[0]).toMatchObject({ status: 'skipped', note: expect.stringContaining(run.name) });
    }
  });

  test('runs of other jobs do not count, nor jobs without the job\'s label', () => {
    const google = nightly(1);
    activeRun(google, 'weekly');
    google.vertex.add('customJobs', { ...customJobBody('nightly'), labels: { 'managed-by': 'someone' } }, 'JOB_STATE_RUNNING');
    expect(outcomes(google.run(definition, slot(1, '9001')))[0].status).toBe('launched');
  });

  test('a training pipeline counts the active pipelines of its job', () => {
    const content = manifest('nightly', { existingModel: 'projects/acme-ml/locations/us-central1/models/nightly' });
    const google = nightly(1, content);
    google.vertex.models.set('nightly', { name: 'projects/123456789012/locations/us-central1/models/nightly', versions: 1 });
    const active = activeRun(google, 'nightly', 'PIPELINE_STATE_RUNNING', 'trainingPipelines');
    activeRun(google, 'nightly', 'JOB_STATE_RUNNING');
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0]).toMatchObject({ status: 'skipped', note: expect.stringContaining(active.name) });
    expect(run.httpCalls.some((c) => listActive(c.request) && c.request.url.includes('/trainingPipelines?') && c.request.url.includes('PIPELINE_STATE_QUEUED'))).toBe(true);
  });

  test('a pipeline skipped after it claimed its model\'s first version releases the claim', () => {
    const google = nightly(1, manifest('nightly', { pipelineModel: 'nightly-model' }));
    // A pipeline of the job started outside the launcher's claims (by hand, say) is running.
    const active = activeRun(google, 'nightly', 'PIPELINE_STATE_RUNNING', 'trainingPipelines');
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0]).toMatchObject({ status: 'skipped', note: expect.stringContaining(active.name) });
    expect(run.httpCalls.some((c) => c.request.method === 'POST' && c.request.url.includes('launches%2Fmodels%2Fnightly-model.json'))).toBe(true);
    expect(google.storage.live(LAUNCHER_ENV.staging, 'launches/models/nightly-model.json')).toBeUndefined();
    google.vertex.end(active, 'PIPELINE_STATE_FAILED');
    expect(outcomes(google.run(definition, slot(2, '9101')))[0].status).toBe('launched');
    expect(google.vertex.of('trainingPipelines')[1].body.modelId).toBe('nightly-model');
  });

  test('counting follows the listing\'s pages, reading only names and labels', () => {
    const google = nightly(1);
    google.vertex.maxPageSize = 2;
    for (let i = 0; i < 5; i++) activeRun(google, `other-${i}`);
    const active = activeRun(google, 'nightly', 'JOB_STATE_QUEUED');
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0]).toMatchObject({ status: 'skipped', note: expect.stringContaining(active.name) });
    const listings = run.httpCalls.filter((c) => listActive(c.request));
    expect(listings).toHaveLength(3);
    expect(listings.every((c) => c.request.url.includes('readMask=name%2Clabels'))).toBe(true);
  });

  test('a key that already has a job (its holder did not record it) is a duplicate, not skipped by its own run', () => {
    const google = nightly(1);
    google.fail((r) => writeRecord(r) && !r.url.includes('ifGenerationMatch=0'), 403);
    expect(outcomes(google.run(definition, { job: 'nightly', key: 'backfill' }))[0].status).toBe('launched');
    expect(record(google, 'm-backfill').job).toBeNull();
    google.vertex.jobs[0].state = 'JOB_STATE_RUNNING';
    google.clock.advance(1801);
    const [again] = outcomes(google.run(definition, { job: 'nightly', key: 'backfill' }));
    expect(again).toMatchObject({ status: 'duplicate', name: google.vertex.jobs[0].name });
    expect(google.vertex.jobs).toHaveLength(1);
  });
});

describe('counting\'s bounds and a manifest it cannot read', () => {
  test('more pages of active jobs than it reads: the launch counts those it read, with a warning', () => {
    const google = nightly(1);
    google.vertex.maxPageSize = 1;
    for (let i = 0; i < VERTEX_MAX_PAGES; i++) activeRun(google, `other-${i}`);
    activeRun(google, 'nightly');
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    // Counted before the gate, and again under it.
    expect(run.httpCalls.filter((c) => listActive(c.request))).toHaveLength(2 * VERTEX_MAX_PAGES);
    const partial = expect.objectContaining({ severity: 'WARNING', counted: 0, where: 'projects/acme-ml/locations/us-central1/customJobs' });
    expect(logsOf(run, 'concurrency_count_partial')).toEqual([partial, partial]);
  });

  test.each([
    ['no jobLabel', { maxConcurrentRuns: 1 }, /has maxConcurrentRuns 1 and jobLabel null: the launcher needs a whole number, at least 1, and \{key, value\} strings$/],
    ['a count that is not a whole number', { maxConcurrentRuns: '1', jobLabel: { key: 'vertex-training-job', value: 'nightly' } }, /has maxConcurrentRuns "1" and jobLabel/],
    ['no run allowed', { maxConcurrentRuns: 0, jobLabel: { key: 'vertex-training-job', value: 'nightly' } }, /has maxConcurrentRuns 0 and jobLabel \{"key":"vertex-training-job","value":"nightly"\}: the launcher needs/],
  ])('a manifest with %s fails the launch visibly, taking no gate', (_, fields, message) => {
    const google = deployedAs('nightly', { ...manifest('nightly'), ...fields }).google;
    const run = google.run(definition, slot(1, '9001'));
    expect(run.state).toBe('FAILED');
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error).toMatchObject({ tags: ['InvalidManifest'], message: expect.stringMatching(message) });
    expect(run.httpCalls.some((c) => insertGate(c.request))).toBe(false);
    expect(google.vertex.jobs).toHaveLength(0);
  });
});

describe('upTo(n)', () => {
  test('with two active runs a third launch is skipped, naming both; once one ended the next launches', () => {
    const google = nightly(2);
    const running = activeRun(google, 'nightly', 'JOB_STATE_RUNNING');
    const queued = activeRun(google, 'nightly', 'JOB_STATE_QUEUED');
    const [skipped] = outcomes(google.run(definition, slot(1, '9001')));
    expect(skipped).toMatchObject({ status: 'skipped', note: `job nightly has 2 active run(s), at most 2 at once: ${running.name}, ${queued.name}` });
    google.vertex.end(running, 'JOB_STATE_SUCCEEDED');
    expect(outcomes(google.run(definition, slot(2, '9101')))[0].status).toBe('launched');
    expect(google.vertex.jobs).toHaveLength(3);
    expectValidBodies(google);
  });

  test('one active run of two allowed: the launch runs', () => {
    const google = nightly(2);
    activeRun(google, 'nightly');
    expect(outcomes(google.run(definition, slot(1, '9001')))[0].status).toBe('launched');
  });

  test('a note names the first three active runs and counts the rest', () => {
    const google = nightly(3);
    const runs = [0, 1, 2, 3, 4].map(() => activeRun(google, 'nightly'));
    const [skipped] = outcomes(google.run(definition, slot(1, '9001')));
    expect(skipped.note).toBe(`job nightly has 5 active run(s), at most 3 at once: ${runs.slice(0, 3).map((r) => r.name).join(', ')} and 2 more`);
  });
});

describe('allow (no maxConcurrentRuns)', () => {
  test('launches whatever is active, and neither takes a gate nor counts', () => {
    const google = nightly(undefined);
    activeRun(google, 'nightly');
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    expect(run.httpCalls.filter((c) => insertGate(c.request) || listActive(c.request) || deleteGate(c.request))).toEqual([]);
  });
});

describe('the gate', () => {
  test('is released after a launch (a delete at the generation taken) and after a skip', () => {
    const google = nightly(1);
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    const taken = run.httpCalls.find((c) => insertGate(c.request))!;
    const released = run.httpCalls.find((c) => deleteGate(c.request))!;
    expect(released.request.url).toContain(`ifGenerationMatch=${(taken.response as any).body.generation}`);
    expect(gateOf(google, 'nightly')).toBeUndefined();
    activeRun(google, 'nightly');
    expect(outcomes(google.run(definition, slot(2, '9101')))[0].status).toBe('skipped');
    expect(gateOf(google, 'nightly')).toBeUndefined();
  });

  test('is released after a create that failed, so the next launch does not wait', () => {
    const google = nightly(1);
    google.fail(create, 403);
    const failed = google.run(definition, slot(1, '9001'));
    expect(failed.state).toBe('FAILED');
    expect(logsOf(failed, 'launch_failed')).toHaveLength(1);
    expect(gateOf(google, 'nightly')).toBeUndefined();
    const next = google.run(definition, slot(2, '9101'));
    expect(outcomes(next)[0].status).toBe('launched');
    expect(next.sleeps.filter((s) => s.seconds < 60)).toEqual([]);
  });

  test('a gate create whose answer was lost is recognised as this execution\'s own: no wait for its own lease', () => {
    const google = nightly(1);
    google.fail(insertGate, 'lost-answer');
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    expect(google.vertex.jobs).toHaveLength(1);
    expect(run.sleeps.filter((s) => s.reason !== 'retry' && s.seconds < 60)).toEqual([]);
    expect(logsOf(run, 'gate_taken_over')).toEqual([]);
    expect(gateOf(google, 'nightly')).toBeUndefined();
  });

  test('a release that fails only warns', () => {
    const google = nightly(1);
    google.fail(deleteGate, 403);
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    expect(logsOf(run, 'gate_not_released')).toEqual([expect.objectContaining({ severity: 'WARNING', gate: gateName('nightly') })]);
  });

  test('a gate whose holder went silent past its lease is taken over at once, with a warning', () => {
    const google = nightly(1);
    holdGate(google, 'nightly');
    google.clock.advance(GATE_LEASE_SECONDS + 1);
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    expect(logsOf(run, 'gate_taken_over')).toEqual([expect.objectContaining({ severity: 'WARNING', job: 'nightly', launchKey: slotKey(1) })]);
    expect(run.sleeps.filter((s) => s.seconds < 60)).toEqual([]);
    expect(gateOf(google, 'nightly')).toBeUndefined();
  });

  test('a launch waits for a gate another launch holds, and takes it once released', () => {
    const google = nightly(1);
    holdGate(google, 'nightly');
    let polls = 0;
    // The other launch releases its gate after the third look at its metadata (not its content).
    const look = (r: { method: string; url: string }) => r.method === 'GET' && r.url.includes('launches%2Fgates%2Fnightly.json') && !r.url.includes('alt=media') && ++polls === 3;
    google.before(look, () => google.storage.remove(LAUNCHER_ENV.staging, gateName('nightly')));
    const run = google.run(definition, slot(1, '9001'));
    expect(outcomes(run)[0].status).toBe('launched');
    const pauses = run.sleeps.slice(0, 2).map((s) => s.seconds);
    expect(pauses.every((p) => p >= GATE_POLL_MIN_SECONDS && p <= GATE_POLL_MAX_SECONDS)).toBe(true);
    expect(logsOf(run, 'gate_taken_over')).toEqual([]);
  });

  test('a gate held throughout the wait fails the launch, naming the gate and its holder', () => {
    const google = nightly(1);
    holdGate(google, 'nightly');
    // Other launches keep taking it: every look finds a fresh holder.
    for (let i = 0; i < 200; i++) {
      google.interleavings.push({
        matches: (r) => r.method === 'GET' && r.url.includes('launches%2Fgates%2Fnightly.json') && !r.url.includes('alt=media'),
        run: () => { holdGate(google, 'nightly', `holder-${i}`); },
      });
    }
    const run = google.run(definition, slot(1, '9001'));
    expect(run.state).toBe('FAILED');
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error).toMatchObject({ tags: ['ConcurrencyGateBusy'] });
    expect(failed.error.message).toMatch(new RegExp(`^other launches of job nightly held its concurrency gate gs://${LAUNCHER_ENV.staging}/launches/gates/nightly.json for ${GATE_WAIT_SECONDS} s \\(last execution holder-\\d+\\): launch ${slotKey(1)} again later$`));
    expect(run.sleeps.reduce((sum, s) => sum + s.seconds, 0)).toBeLessThanOrEqual(GATE_WAIT_SECONDS);
    expect(google.vertex.jobs).toHaveLength(0);
  });
});

describe('two executions racing for the gate', () => {
  /** Matches the `n`-th request that `matches` matches (1-based). */
  function nth(matches: (r: any) => boolean, n: number): (r: any) => boolean {
    let seen = 0;
    return (r) => matches(r) && ++seen === n;
  }

  /** A look for a launch key's job (before the gate; then before each create attempt). */
  const findKey = (r: any): boolean => listJobs(r) && r.url.includes('launch_key');

  /** How a run ended: its outcome's status, or the tag of its failed launch. */
  const ending = (run: RunResult): string => (run.state === 'SUCCEEDED' ? (run.result as any).outcomes[0].status : logsOf(run, 'launch_failed')[0].error.tags[0]);

  /**
   * A Google whose runs never end and whose watches stop at their first look (the reads fail), so
   * that a run a nested execution created is still active when the outer one resumes.
   */
  function racing(max: number): FakeGoogle {
    const google = nightly(max);
    google.vertex.outcome = () => undefined;
    google.fail(readJob, 403, Infinity);
    return google;
  }

  test.each([
    ['before the first takes the gate', insertGate, 'skipped', 'launched'],
    ['after it took the gate, before it counts', listActive, 'skipped', 'launched'],
    // The create's own look for the key, right before its lease checks and its POST (a POST in
    // flight is bounded by its timeout, within the gate's margin): the second waits out the
    // stalled first's gate lease and launches; the first, past its gate's lease, does not create.
    ['after it counted, before it creates', nth(findKey, 2), 'LeaseExpired', 'launched'],
    ['after it created, before it records the run', nth(writeRecord, 2), 'launched', 'skipped'],
    ['after it recorded the run, before it releases the gate', deleteGate, 'launched', 'skipped'],
  ])('the second runs %s: one run', (_, moment, firstEnds, secondEnds) => {
    const google = racing(1);
    let second: RunResult | undefined;
    google.before(moment as (r: any) => boolean, () => { second = google.run(definition, slot(2, '9101')); });
    const first = google.run(definition, slot(1, '9001'));
    expect(google.vertex.jobs).toHaveLength(1);
    expect([ending(first), ending(second!)]).toEqual([firstEnds, secondEnds]);
    expect(gateOf(google, 'nightly')).toBeUndefined();
    expectValidBodies(google);
  });

  test('upTo(2): three launches racing start two runs', () => {
    const google = racing(2);
    let second: RunResult | undefined;
    let third: RunResult | undefined;
    // The first created its run and stalls before recording it; the second waits out its gate,
    // counts that run, and stalls before creating; the third waits out the second's gate.
    google.before(nth(writeRecord, 2), () => {
      google.before(nth(findKey, 2), () => { third = google.run(definition, slot(3, '9201')); });
      second = google.run(definition, slot(2, '9101'));
    });
    const first = google.run(definition, slot(1, '9001'));
    expect(google.vertex.jobs).toHaveLength(2);
    expect([first, second!, third!].map(ending)).toEqual(['launched', 'LeaseExpired', 'launched']);
  });
});
