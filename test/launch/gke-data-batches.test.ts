import { FakeGoogle, storageEvent } from '../helpers/google-fakes';
import { RunResult } from '../helpers/workflows';
import { launcher } from './fixtures';
import { deployedOnGke, gkeRecord, jobsetBody } from './gke-fixtures';
import { outcomes } from './helpers';

/**
 * The executed launcher's data batches on GKE: the JobSet's every container gets
 * `VT_TRIGGER_OBJECTS`, and a coalesced window launches one JobSet, after the window.
 */

const DATA = 'acme-ml-ml-data';
const T0 = Date.UTC(2026, 11, 1, 3, 0, 0) / 1000;
const MINUTE = 60;

/** `VT_TRIGGER_OBJECTS` of every container of every replicated job of the only JobSet. */
function triggerObjects(google: FakeGoogle): (string[] | undefined)[] {
  expect(google.kubernetes.jobsets).toHaveLength(1);
  return google.kubernetes.jobsets[0].body.spec.replicatedJobs.flatMap((job: any) => job.template.spec.template.spec.containers.map((c: any) => {
    const found = (c.env ?? []).filter((e: any) => e.name === 'VT_TRIGGER_OBJECTS');
    return found.length === 1 ? JSON.parse(found[0].value) : undefined;
  }));
}

/** A JobSet of two replicated jobs, the second with a sidecar container and no env of its own. */
function twoJobs(): object {
  const body = jobsetBody('retrain') as any;
  const second = JSON.parse(JSON.stringify(body.spec.replicatedJobs[0]));
  second.name = 'workerpool1';
  second.template.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1.36', args: ['sleep', 'infinity'] });
  delete second.template.spec.template.spec.containers[0].env;
  body.spec.replicatedJobs.push(second);
  return body;
}

test('a marker launches one JobSet whose every container gets the marker, the job\'s own env kept', () => {
  const { google } = deployedOnGke('retrain', { body: twoJobs() });
  const definition = launcher([{ bucket: DATA, prefix: 'drops/', job: 'retrain', filter: { kind: 'marker', value: '_SUCCESS' } }]);
  const done = google.storage.put(DATA, 'drops/day=1/_SUCCESS', '', 'text/plain');
  expect(outcomes(google.run(definition, storageEvent(done)))[0].status).toBe('launched');
  const uri = `gs://${DATA}/drops/day=1/_SUCCESS`;
  expect(triggerObjects(google)).toEqual([[uri], [uri], [uri]]);
  const first = google.kubernetes.jobsets[0].body.spec.replicatedJobs[0].template.spec.template.spec.containers[0];
  expect(first.env.map((e: any) => e.name)).toEqual(['VT_RUN_NAME', 'AIP_MODEL_DIR', 'AIP_CHECKPOINT_DIR', 'AIP_TENSORBOARD_LOG_DIR', 'VT_TRIGGER_OBJECTS']);
  expect(google.kubernetes.invalidBodies).toEqual([]);
});

test('an hour\'s window: one JobSet after the window, with its objects; a racer past the lease launches nothing', () => {
  const { google } = deployedOnGke('retrain');
  const definition = launcher([{ bucket: DATA, prefix: 'incoming/', job: 'retrain', filter: { kind: 'suffix', value: '.csv' }, windowSeconds: 60 * MINUTE }]);
  google.clock.advance(MINUTE);
  const a = google.storage.put(DATA, 'incoming/a.csv', 'x', 'text/csv');
  let racer: RunResult | undefined;
  google.clock.at(T0 + 50 * MINUTE, () => {
    racer = google.run(definition, storageEvent(google.storage.put(DATA, 'incoming/b.csv', 'x', 'text/csv')));
  });
  const [launched] = outcomes(google.run(definition, storageEvent(a)));
  expect(launched.status).toBe('launched');
  expect(outcomes(racer!)[0].status).toBe('duplicate');
  expect(google.kubernetes.jobsets[0].createdAt).toBeGreaterThanOrEqual(T0 + 61 * MINUTE);
  expect(triggerObjects(google)).toEqual([[`gs://${DATA}/incoming/a.csv`, `gs://${DATA}/incoming/b.csv`]]);
  expect(gkeRecord(google, launched.key)).toMatchObject({ until: T0 + 61 * MINUTE, job: launched.name });
});
