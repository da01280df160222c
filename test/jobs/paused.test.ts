import { Testing } from 'cdktf';
import { ConcurrencyPolicy, CustomTrainingJob, CustomTrainingJobProps, Trigger } from '../../lib';
import { TerraformJson, environmentStack, ofType } from '../helpers/synth';
import { gkeJob, gkeJobApp } from '../gke/job-fixtures';
import { cpuPools, gcsCode, uriCode } from './fixtures';

/**
 * Pausing a job (issue 12): its schedules are created paused, its manifest says so for the launcher
 * (which ignores event launches of a paused job), and pausing or resuming is not a change of the
 * launch hash, so an on-change job neither launches nor relaunches for it.
 */

/** A job `train` synthesized with `props`. */
function synth(props: Partial<CustomTrainingJobProps>): TerraformJson {
  const { stack, env } = environmentStack();
  new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), ...props });
  return JSON.parse(Testing.synth(stack));
}

const schedules = (json: TerraformJson) => Object.values(ofType(json, 'google_cloud_scheduler_job'));

/** The name of the job's manifest object. */
function manifestName(json: TerraformJson): string {
  return String(Object.values(ofType(json, 'google_storage_bucket_object')).find((o) => String(o.name).startsWith('jobs/train/'))!.name);
}

describe('schedules', () => {
  test('a paused job\'s schedules are created paused; a job not paused writes paused = false, so resuming resumes them', () => {
    const triggers = [Trigger.schedule('0 3 * * *'), Trigger.schedule('0 4 * * 6')];
    expect(schedules(synth({ triggers, paused: true })).map((s) => s.paused)).toEqual([true, true]);
    // The provider keeps a paused state when the argument is left out: it is written either way.
    expect(schedules(synth({ triggers, paused: false })).map((s) => s.paused)).toEqual([false, false]);
    expect(schedules(synth({ triggers })).map((s) => s.paused)).toEqual([false, false]);
  });

  test('pausing destroys nothing: the same resources, only the schedules\' paused and the manifest differ', () => {
    const triggers = [Trigger.schedule('0 3 * * *'), Trigger.onNewData('acme-landing', 'in/')];
    const running = synth({ triggers });
    const paused = synth({ triggers, paused: true });
    const addresses = (json: TerraformJson) => Object.entries(json.resource!).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
    expect(addresses(paused)).toEqual(addresses(running));
    expect(ofType(paused, 'google_eventarc_trigger')).toEqual(ofType(running, 'google_eventarc_trigger'));
    expect(ofType(paused, 'google_workflows_workflow')).toEqual(ofType(running, 'google_workflows_workflow'));
  });
});

describe('the manifest', () => {
  test('says paused only when paused', () => {
    expect(synth({ paused: true }).locals!.vertex_ml_train_manifest.paused).toBe(true);
    expect(synth({ paused: false }).locals!.vertex_ml_train_manifest).not.toHaveProperty('paused');
    expect(synth({}).locals!.vertex_ml_train_manifest).not.toHaveProperty('paused');
  });

  test('a GKE job\'s manifest says paused, and its schedule is paused', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { paused: true, triggers: [Trigger.schedule('0 3 * * *')] });
    const json = JSON.parse(Testing.synth(fixture.workloads));
    expect(json.locals.jobset_ml_train_manifest).toMatchObject({ backend: 'gke', paused: true });
    expect(schedules(json).map((s) => s.paused)).toEqual([true]);
  });
});

describe('the launch hash of an on-change job', () => {
  /** The launch hash in the manifest's name, and the apply-time inputs whose hash follows it: the launch key's parts. */
  function launchKeyParts(json: TerraformJson): { launchHash: string; rest: string; inputs: unknown } {
    const name = manifestName(json);
    const match = /^jobs\/train\/([0-9a-f]{24})(\$\{.*)$/.exec(name);
    expect(match).not.toBeNull();
    return { launchHash: match![1], rest: match![2], inputs: json.locals!.vertex_ml_train_launch_inputs };
  }

  test('pausing and resuming keep the launch key (the manifest is rewritten under it, which launches nothing)', () => {
    const triggers = [Trigger.onChange()];
    const running = synth({ triggers, code: uriCode(['--epochs=3']) });
    const paused = synth({ triggers, code: uriCode(['--epochs=3']), paused: true });
    expect(launchKeyParts(paused)).toEqual(launchKeyParts(running));
    // The written manifest differs (its content hash, digits 41-64 at apply), so the object is replaced.
    expect(paused.locals!.vertex_ml_train_manifest).not.toEqual(running.locals!.vertex_ml_train_manifest);
  });

  test('a changed body while paused changes the key (it launches once on resume)', () => {
    const triggers = [Trigger.onChange()];
    const before = synth({ triggers, code: uriCode(['--epochs=3']), paused: true });
    const changed = synth({ triggers, code: uriCode(['--epochs=4']), paused: true });
    expect(launchKeyParts(changed).launchHash).not.toBe(launchKeyParts(before).launchHash);
  });

  test('the concurrency policy is a launch setting too: changing it keeps the key', () => {
    const triggers = [Trigger.onChange()];
    const allowed = synth({ triggers, code: uriCode(['--epochs=3']) });
    const limited = synth({ triggers, code: uriCode(['--epochs=3']), concurrency: ConcurrencyPolicy.upTo(2) });
    expect(launchKeyParts(limited)).toEqual(launchKeyParts(allowed));
    expect(limited.locals!.vertex_ml_train_manifest.maxConcurrentRuns).toBe(2);
  });
});
