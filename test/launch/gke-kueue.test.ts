import { FakeGoogle, JOB_UID_LABEL, storageEvent } from '../helpers/google-fakes';
import { HttpRequest, RunResult } from '../helpers/workflows';
import { WATCH_JOBSET_STEPS, WATCH_ROUND_STEPS, WATCH_STEP_BUDGET } from '../../lib/launch/definition/main';
import { deploy, launcher } from './fixtures';
import { createJobset, deployedOnGke, gkeManifest, jobsetNameOf, JOBSETS_PATH, kubeCall, NAMESPACE } from './gke-fixtures';
import { logsOf, outcomes } from './helpers';

/**
 * The executed launcher against what Kueue and GKE do to a JobSet besides running it: a Workload
 * Kueue deactivates (the JobSet then stays suspended with no terminal state), one evicted and
 * admitted again, and a cluster that is not RUNNING (an upgrade) when the launcher calls it.
 */

const definition = launcher();

const WORKLOADS_PATH = `/apis/kueue.x-k8s.io/v1beta2/namespaces/${NAMESPACE}/workloads`;
const readJobset = (r: HttpRequest): boolean => kubeCall(r) && r.method === 'GET' && r.url.startsWith(`${JOBSETS_PATH}/`);
const listWorkloads = (r: HttpRequest): boolean => kubeCall(r) && r.method === 'GET' && r.url.startsWith(`${WORKLOADS_PATH}?`);
const readsOf = (run: RunResult, matches: (r: HttpRequest) => boolean): number => run.httpCalls.filter((c) => matches(c.request)).length;

const REQUEUED = { reason: 'DeactivatedDueToRequeuingLimitExceeded', message: 'The workload is deactivated due to exceeding the maximum number of re-queuing retries' };

describe('Kueue', () => {
  test('a Workload Kueue deactivates ends the watch with run_failed at ERROR, naming the reason and message', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.outcome = () => undefined;
    // Admitted for an hour, then evicted for PodsReadyTimeout until the requeue limit deactivates it.
    google.kubernetes.workload = (_, seconds) => (seconds < 3600 ? { admitted: true }
      : seconds < 7200 ? { admitted: false, evicted: { reason: 'PodsReadyTimeout', message: 'Exceeded the PodsReady timeout default/train' } }
        : { admitted: false, active: false, evicted: REQUEUED });
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('SUCCEEDED');
    const name = jobsetNameOf(key);
    const [failed] = logsOf(run, 'run_failed');
    expect(failed).toMatchObject({ severity: 'ERROR', job: 'train', name, state: 'WORKLOAD_DEACTIVATED', launchKey: key });
    expect(failed.error).toEqual({ ...REQUEUED, workload: expect.stringMatching(new RegExp(`^jobset-${name}-`)) });
    expect(logsOf(run, 'run_failed')).toHaveLength(1);
    expect(logsOf(run, 'run_unwatched')).toEqual([]);
    expect((run.result as any).ended).toEqual([{ name, state: 'WORKLOAD_DEACTIVATED' }]);
    // The watch ended at the first look after the deactivation, not at its step budget.
    expect(google.clock.now() - google.kubernetes.jobsets[0].createdAt).toBeLessThan(7200 + 1200 + 60);
    // The Workload is found by Kueue's label with the JobSet's UID, and read only while the JobSet is suspended.
    const lists = run.httpCalls.filter((c) => listWorkloads(c.request));
    expect(lists.length).toBeGreaterThan(0);
    for (const c of lists) expect(c.request.query).toEqual({ labelSelector: `${JOB_UID_LABEL}=${google.kubernetes.jobsets[0].body.metadata.uid}` });
    expect(lists.length).toBeLessThan(readsOf(run, readJobset));
  });

  test.each([
    ['a rejected ProvisioningRequest', { reason: 'DeactivatedDueToAdmissionCheck', message: 'The workload is deactivated due to AdmissionCheck in Rejected state: "dws-prov"' }],
    ['a person (spec.active set false)', { reason: 'Deactivated', message: 'The workload is deactivated' }],
  ])('deactivation by %s is an end too, with its own reason', (_, evicted) => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.outcome = () => undefined;
    google.kubernetes.workload = (__, seconds) => (seconds < 600 ? { admitted: false } : { admitted: false, active: false, evicted });
    const run = google.run(definition, storageEvent(object));
    expect(logsOf(run, 'run_failed')).toEqual([expect.objectContaining({ state: 'WORKLOAD_DEACTIVATED', error: expect.objectContaining(evicted) })]);
  });

  test('an evicted Workload that Kueue admits again is no end: the run is watched until its JobSet completes', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.outcome = () => ({ state: 'Completed', afterSeconds: 6 * 3600 });
    google.kubernetes.workload = (_, seconds) => (seconds >= 1800 && seconds < 3 * 3600
      ? { admitted: false, evicted: { reason: 'Preempted', message: 'Preempted to accommodate a workload (UID: 1) due to prioritization in the ClusterQueue' } }
      : { admitted: true });
    const run = google.run(definition, storageEvent(object));
    expect(logsOf(run, 'run_failed')).toEqual([]);
    expect(logsOf(run, 'run_succeeded')).toEqual([expect.objectContaining({ state: 'JOBSET_COMPLETED' })]);
    // It was looked at while evicted (the Workload was read), and watched past it.
    expect(readsOf(run, listWorkloads)).toBeGreaterThan(0);
    expect(google.clock.now() - google.kubernetes.jobsets[0].createdAt).toBeGreaterThanOrEqual(6 * 3600);
  });

  test('a JobSet that stays queued stays within the step budget: the per-JobSet figure is what a suspended round costs', () => {
    const routes = ['a', 'b', 'c'].map((job) => ({ bucket: 'acme-ml-ml-data', prefix: '', job }));
    const google = new FakeGoogle();
    for (const route of routes) deploy(google, route.job, gkeManifest(route.job));
    google.kubernetes.outcome = () => undefined;
    google.kubernetes.workload = () => ({ admitted: false });
    const run = google.run(launcher(routes), storageEvent(google.storage.put('acme-ml-ml-data', 'x.csv', 'x', 'text/csv')));
    expect(run.state).toBe('SUCCEEDED');
    expect(logsOf(run, 'run_unwatched')).toHaveLength(3);
    const rounds = readsOf(run, readJobset) / 3;
    expect(readsOf(run, listWorkloads)).toBe(3 * rounds);
    expect(Math.abs(run.steps - rounds * (WATCH_ROUND_STEPS + 3 * WATCH_JOBSET_STEPS))).toBeLessThan(0.02 * run.steps + 500);
    expect(run.steps).toBeLessThan(WATCH_STEP_BUDGET + 1000);
  });
});

describe('a cluster that is not RUNNING', () => {
  test('RECONCILING for 2 calls, then RUNNING: the create is retried and makes one JobSet', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.reconcilingFor(2);
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('SUCCEEDED');
    expect(outcomes(run)[0]).toMatchObject({ status: 'launched', name: jobsetNameOf(key) });
    expect(run.httpCalls.filter((c) => createJobset(c.request)).map((c) => c.response?.code ?? c.failure)).toEqual(['ValueError', 'ValueError', 201]);
    expect(google.kubernetes.created).toBe(1);
    expect(logsOf(run, 'run_succeeded')).toHaveLength(1);
  });

  test('never RUNNING: the launch fails after the retries, saying the cluster was not RUNNING', () => {
    const { google, object, key } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.reconcilingFor(Infinity);
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('FAILED');
    expect((run.error as any).message).toBe('1 of 1 launches failed (logged as launch_failed)');
    const [failed] = logsOf(run, 'launch_failed');
    expect(failed.error).toMatchObject({ tags: ['JobSetNotCreated'], status: 0 });
    expect(failed.error.message).toMatch(new RegExp(`^could not create JobSet ${jobsetNameOf(key)} at ${JOBSETS_PATH} in cluster ml-training \\(us-central1, project acme-ml\\) \\(9 attempts\\): .*\\(the cluster was not RUNNING through every attempt, e\\.g\\. RECONCILING during an upgrade`));
    expect(failed.error.message).not.toContain('HTTP 0');
    expect(google.kubernetes.created).toBe(0);
  });

  test('an upgrade longer than the retries while the run is watched: the watch looks again next round, no run_failed', () => {
    const { google, object } = deployedOnGke('train', { launchOnChange: true });
    google.kubernetes.outcome = () => ({ state: 'Completed', afterSeconds: 4 * 3600 });
    // After the first look, the cluster reconciles through more calls than one read's 9 attempts.
    google.before(readJobset, () => google.kubernetes.reconcilingFor(20));
    const run = google.run(definition, storageEvent(object));
    expect(run.state).toBe('SUCCEEDED');
    expect(run.httpCalls.filter((c) => c.failure === 'ValueError').length).toBe(20);
    expect(logsOf(run, 'run_failed')).toEqual([]);
    expect(logsOf(run, 'run_succeeded')).toEqual([expect.objectContaining({ state: 'JOBSET_COMPLETED' })]);
  });
});
