import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ConcurrencyPolicy, ContainerImage, CustomTrainingJob, Duration, ObjectFilter, TrainingCode, TrainingEnvironment, Trigger, WorkerPool,
} from '../../lib';
import type { TerraformJson } from '../helpers/synth';
import { applyStack, describeWithTerraform, planStack, StackPlan, startAll } from '../helpers/terraform-core';

/**
 * The launch policies of issue 12 under Terraform core: what the launcher reads (the evaluated
 * manifests, the workflow's routes) and what Cloud Scheduler gets, as Terraform evaluates them; and
 * pausing an on-change job as a redeploy: the schedule is updated in place, the manifest replaced
 * under the same launch key (which has run, so nothing launches), nothing destroyed.
 */

interface Variant {
  /** Whether `nightly` is paused. */
  readonly paused?: boolean;
}

function synth(variant: Variant = {}): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'policies');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] } });
  const job = (id: string, props: object) => new CustomTrainingJob(stack, id, {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { digest: `sha256:${'a'.repeat(64)}` }) }),
    ...props,
  });
  job('nightly', { paused: variant.paused ?? true, triggers: [Trigger.schedule('0 3 * * *'), Trigger.onChange()] });
  job('hourly', { concurrency: ConcurrencyPolicy.upTo(2), triggers: [Trigger.schedule('0 * * * *')] });
  job('drops', {
    concurrency: ConcurrencyPolicy.skip(),
    triggers: [
      Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'landing/', filter: ObjectFilter.marker('_SUCCESS') }),
      Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'events/', filter: ObjectFilter.suffix('.json'), coalesce: Duration.hours(1) }),
    ],
  });
  return JSON.parse(Testing.synth(stack));
}

/** The addresses of the resources of `type` in a synthesized stack, by the job their logical name starts with. */
function addressOf(json: TerraformJson, type: string, prefix: string): string {
  const names = Object.keys(json.resource?.[type] ?? {}).filter((n) => n.startsWith(prefix));
  if (names.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${names.length}`);
  return `${type}.${names[0]}`;
}

describeWithTerraform('launch policies under Terraform core', () => {
  const paused = synth();
  const resumed = synth({ paused: false });
  const plans: { readonly [name: string]: StackPlan } = startAll({
    first: () => planStack(paused),
    resume: async () => planStack(resumed, { state: (await applyStack(paused)).state }),
  });

  const manifest = (plan: StackPlan, json: TerraformJson, job: string) => {
    const values = plan.values(addressOf(json, 'google_storage_bucket_object', `${job}_manifest_`));
    return { name: String(values.name), content: JSON.parse(values.content) };
  };

  test('the paused job\'s schedule is paused; the other job\'s is not', () => {
    const plan = plans.first;
    expect(plan.values(addressOf(paused, 'google_cloud_scheduler_job', 'nightly_schedule-0_')).paused).toBe(true);
    expect(plan.values(addressOf(paused, 'google_cloud_scheduler_job', 'hourly_schedule-0_')).paused).toBe(false);
  });

  test('the evaluated manifests carry paused, maxConcurrentRuns and the job label for the launcher', () => {
    const plan = plans.first;
    const nightly = manifest(plan, paused, 'nightly').content;
    expect(nightly).toMatchObject({ kind: 'CustomJob', launchOnChange: true, paused: true });
    expect(nightly).not.toHaveProperty('maxConcurrentRuns');
    const hourly = manifest(plan, paused, 'hourly').content;
    expect(hourly).toMatchObject({ maxConcurrentRuns: 2, jobLabel: { key: 'vertex-training-job', value: 'hourly' } });
    expect(hourly).not.toHaveProperty('paused');
    // The label the launcher counts runs by is the one on the body it creates.
    expect(hourly.body.labels['vertex-training-job']).toBe('hourly');
    expect(manifest(plan, paused, 'drops').content).toMatchObject({ maxConcurrentRuns: 1, jobLabel: { key: 'vertex-training-job', value: 'drops' } });
  });

  test('the evaluated workflow routes carry each batch\'s pattern and window, its bucket filled in', () => {
    const source = JSON.parse(plans.first.values(addressOf(paused, 'google_workflows_workflow', 'ml_launch_workflow_')).source_contents);
    const routes = source.main.steps[0].init.assign.find((a: object) => 'routes' in a).routes;
    expect(routes).toEqual([
      { bucket: 'acme-ml-ml-data', prefix: 'landing/', pattern: '^landing/(.*/)?_SUCCESS$', job: 'drops' },
      { bucket: 'acme-ml-ml-data', prefix: 'events/', pattern: '^events/.*\\.json$', job: 'drops', window: 3600 },
    ]);
  });

  test('resuming updates the schedule in place and replaces the manifest first; nothing is destroyed', () => {
    const plan = plans.resume;
    const schedule = addressOf(resumed, 'google_cloud_scheduler_job', 'nightly_schedule-0_');
    expect(plan.change(schedule)).toMatchObject({ action: 'update', before: expect.objectContaining({ paused: true }), after: expect.objectContaining({ paused: false }) });
    const object = addressOf(resumed, 'google_storage_bucket_object', 'nightly_manifest_');
    expect(plan.change(object)).toMatchObject({ action: 'replace', order: 'create-before-destroy' });
    expect(plan.changes.filter((c) => c.action !== 'no-op').map((c) => c.address).sort()).toEqual([object, schedule].sort());
  });

  test('resuming keeps the launch key (digits 1-40 of the name, which ran when the job was deployed); the content digits differ', () => {
    const before = manifest(plans.first, paused, 'nightly').name;
    const after = manifest(plans.resume, resumed, 'nightly').name;
    const digits = (name: string) => /^jobs\/nightly\/([0-9a-f]{64})\.json$/.exec(name)![1];
    expect(digits(after).slice(0, 40)).toBe(digits(before).slice(0, 40));
    expect(digits(after).slice(40)).not.toBe(digits(before).slice(40));
  });
});
