import { LEASE_SECONDS } from '../../lib/launch/definition';
import { storageEvent } from '../helpers/google-fakes';
import { HttpRequest, RunResult } from '../helpers/workflows';
import { insertRecord, launcher } from './fixtures';
import { createJobset, deployedOnGke, gkeRecord, jobsetNameOf } from './gke-fixtures';
import { logsOf, outcomes } from './helpers';

/**
 * Executions racing for one GKE launch key, and holders that stop half-way: the launch record and
 * the JobSet's name together leave exactly one JobSet.
 */

const definition = launcher();

/** A rewrite of a launch record (the holder naming its JobSet). */
const rewriteRecord = (r: HttpRequest): boolean => insertRecord(r) && !r.url.includes('ifGenerationMatch=0');

test.each([
  ['before the first execution takes the key', insertRecord],
  ['after it took the key, before it creates the JobSet', createJobset],
])('a redelivery %s: one JobSet', (_, moment) => {
  const { google, object } = deployedOnGke('train', { launchOnChange: true });
  let second: RunResult | undefined;
  google.before(moment, () => { second = google.run(definition, storageEvent(object, 'again')); });
  const first = google.run(definition, storageEvent(object, 'first'));
  expect([...outcomes(first), ...outcomes(second!)].map((o) => o.status).sort()).toEqual(['duplicate', 'launched']);
  expect(google.kubernetes.created).toBe(1);
});

test('a holder that created its JobSet but could not record it: after its lease, the next delivery finds the JobSet by name', () => {
  const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
  google.fail(rewriteRecord, 403);
  const first = google.run(definition, storageEvent(object, 'first'));
  expect(outcomes(first)[0].status).toBe('launched');
  expect(logsOf(first, 'launch_not_recorded')).toHaveLength(1);
  expect(gkeRecord(google, key).job).toBeNull();

  google.clock.advance(LEASE_SECONDS + 1);
  const [after] = outcomes(google.run(definition, storageEvent(object, 'again')));
  expect(after).toMatchObject({ status: 'duplicate', name: jobsetNameOf(key), note: 'a JobSet with this launch key exists' });
  expect(google.kubernetes.created).toBe(1);
  expect(gkeRecord(google, key).job).toBe(jobsetNameOf(key));
});

test('a holder whose lease runs out while it retries stops creating (LeaseExpired), and creates nothing', () => {
  const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
  google.fail(createJobset, 503);
  google.before(createJobset, () => google.clock.advance(LEASE_SECONDS));
  const run = google.run(definition, storageEvent(object));
  expect(run.state).toBe('FAILED');
  expect(logsOf(run, 'launch_failed')[0].error).toMatchObject({ tags: ['LeaseExpired'], message: expect.stringContaining(`the lease on launch key ${key} ran out before JobSet ${jobsetNameOf(key)} could be created`) });
  expect(google.kubernetes.created).toBe(0);
});
