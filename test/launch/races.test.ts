import { LAUNCHER_ENV, storageEvent } from '../helpers/google-fakes';
import { HttpRequest, RunResult } from '../helpers/workflows';
import { LEASE_SECONDS } from '../../lib/launch/definition';
import { create, deployed, insertRecord, launcher, listJobs } from './fixtures';
import { outcomes, record } from './helpers';

/**
 * Two executions racing for one launch key (an event redelivered while the first execution is
 * still launching). The fake runs the second execution, to its end, in the middle of the first —
 * right before one of the first's requests is served — which is every interleaving that matters
 * at the granularity of API calls. Each case must end with exactly one job.
 */

const definition = launcher();

/** Matches the `n`-th request that `matches` matches (1-based). */
function nth(matches: (r: HttpRequest) => boolean, n: number): (r: HttpRequest) => boolean {
  let seen = 0;
  return (r) => matches(r) && ++seen === n;
}

test.each([
  ['before the first execution takes the key', insertRecord],
  ['after it took the key, before it creates the job', create],
])('a redelivery %s: one job', (_, moment) => {
  const { google, object } = deployed('train', { launchOnChange: true });
  let second: RunResult | undefined;
  google.before(moment, () => { second = google.run(definition, storageEvent(object, 'again')); });
  const first = google.run(definition, storageEvent(object, 'first'));
  const statuses = [...outcomes(first), ...outcomes(second!)].map((o) => o.status).sort();
  expect(statuses).toEqual(['duplicate', 'launched']);
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a holder that failed after taking the key blocks duplicates for its lease, then is taken over', () => {
  const { google, object, key } = deployed('train', { launchOnChange: true });
  google.fail(create, 403);
  expect(google.run(definition, storageEvent(object, 'first')).state).toBe('FAILED');
  expect(record(google, key).job).toBeNull();

  const [within] = outcomes(google.run(definition, storageEvent(object, 'again')));
  expect(within).toMatchObject({ status: 'duplicate', note: expect.stringMatching(/^being launched by execution /) });

  google.clock.advance(LEASE_SECONDS + 1);
  const [after] = outcomes(google.run(definition, storageEvent(object, 'again')));
  expect(after).toMatchObject({ status: 'launched', note: expect.stringMatching(/^took over from execution /) });
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a holder whose lease ran out does not create: the execution that took over does, once', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  let second: RunResult | undefined;
  // The first execution stalls between taking the key and its create attempt (which first looks
  // for the key again: the second listing), past its lease.
  google.before(nth(listJobs, 2), () => {
    google.clock.advance(LEASE_SECONDS + 60);
    second = google.run(definition, storageEvent(object, 'again'));
  });
  const first = google.run(definition, storageEvent(object, 'first'));
  expect(outcomes(second!)[0].status).toBe('launched');
  // The stalled holder looks for the key before creating, and finds the job the other created.
  expect(outcomes(first)[0]).toMatchObject({ status: 'launched', name: google.vertex.jobs[0].name });
  expect(google.vertex.jobs).toHaveLength(1);
});

test('a holder past its lease that finds no job refuses to create and fails visibly', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.before(nth(listJobs, 2), () => google.clock.advance(LEASE_SECONDS));
  const first = google.run(definition, storageEvent(object, 'first'));
  expect(first.state).toBe('FAILED');
  expect(JSON.stringify(first.error)).toMatch(/lease on launch key c-[0-9a-f]{40} ran out/);
  expect(google.vertex.jobs).toHaveLength(0);
});

test('two executions taking over the same silent holder: only one wins the takeover', () => {
  const { google, object } = deployed('train', { launchOnChange: true });
  google.fail(create, 403);
  google.run(definition, storageEvent(object, 'first'));
  google.clock.advance(LEASE_SECONDS + 1);
  let third: RunResult | undefined;
  // The third execution runs while the second has read the stale record and is about to replace it.
  google.before((r) => insertRecord(r) && r.url.includes('ifGenerationMatch=1'), () => { third = google.run(definition, storageEvent(object, 'again')); });
  const second = google.run(definition, storageEvent(object, 'again'));
  const statuses = [...outcomes(second), ...outcomes(third!)].map((o) => o.status).sort();
  expect(statuses).toEqual(['duplicate', 'launched']);
  expect(google.vertex.jobs).toHaveLength(1);
  expect(google.storage.names(LAUNCHER_ENV.staging, 'launches/')).toHaveLength(1);
});
