import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CustomTrainingJob, Duration, TrainingCode, TrainingEnvironment, WorkerPool } from '../../lib';
import { ContainerImage } from '../../lib/code/container-image';
import type { TerraformJson } from '../helpers/synth';
import { describeWithTerraform, planStack, startAll } from '../helpers/terraform-core';

/**
 * Checkpoints and run retention under Terraform core (issue 12): the lifecycle rules jobs add to the
 * buckets after they are made are what Terraform evaluates and would send (the lazily rendered list
 * plans as the provider's blocks), two jobs sharing a retention are one rule, and the checkpoint
 * location in the request body evaluates to the artifacts bucket's name.
 */

function synth(): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'run-storage');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
  const job = (id: string, props: object) => new CustomTrainingJob(stack, id, {
    environment: env,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromUri(`us-docker.pkg.dev/acme-ml/ml/trainer@sha256:${'a'.repeat(64)}`) }),
    ...props,
  });
  job('train', { retention: { runOutputs: Duration.days(30), manifests: Duration.days(14) } });
  job('score', { retention: { runOutputs: Duration.days(30) } });
  job('resume', { checkpoints: { keepLast: 4, maxAge: Duration.days(90) } });
  return JSON.parse(Testing.synth(stack));
}

/** The address of the one bucket whose logical name starts with `prefix`. */
function bucket(json: TerraformJson, prefix: string): string {
  const names = Object.keys(json.resource?.google_storage_bucket ?? {}).filter((n) => n.startsWith(prefix));
  if (names.length !== 1) throw new Error(`expected one bucket ${prefix}*, found ${names.length}`);
  return `google_storage_bucket.${names[0]}`;
}

/** A planned lifecycle rule with its unset (null) fields left out. */
function compact(rule: any): any {
  const set = (o: any) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
  const action = Array.isArray(rule.action) ? rule.action[0] : rule.action;
  const condition = Array.isArray(rule.condition) ? rule.condition[0] : rule.condition;
  return { action: set(action), condition: set(condition) };
}

describeWithTerraform('checkpoints and run retention under Terraform core', () => {
  const json = synth();
  const plans = startAll({ plan: () => planStack(json) });

  test('two jobs with the same run retention are one rule; the checkpoint rules are the resuming job\'s', () => {
    const rules = plans.plan.values(bucket(json, 'ml_artifacts-bucket_')).lifecycle_rule.map(compact);
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { age: 30, with_state: 'LIVE', matches_prefix: ['jobs/score/runs/', 'jobs/train/runs/'] } });
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { num_newer_versions: 4, with_state: 'ARCHIVED', matches_prefix: ['jobs/resume/checkpoints/'] } });
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { age: 90, with_state: 'LIVE', matches_prefix: ['jobs/resume/checkpoints/'] } });
    expect(rules.filter((r: any) => r.condition.matches_prefix?.some((p: string) => p.endsWith('/runs/')))).toHaveLength(1);
    expect(rules).toHaveLength(5);
  });

  test('replaced manifests of one job go after 14 days, on the staging bucket, never live ones', () => {
    const rules = plans.plan.values(bucket(json, 'ml_staging-bucket_')).lifecycle_rule.map(compact);
    const mine = rules.filter((r: any) => r.condition.matches_prefix?.includes('jobs/train/'));
    expect(mine).toEqual([{ action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 14, with_state: 'ARCHIVED', matches_prefix: ['jobs/train/'] } }]);
  });

  test('the resuming job\'s containers read the shared location in the artifacts bucket Terraform names', () => {
    const artifacts = plans.plan.values(bucket(json, 'ml_artifacts-bucket_')).name;
    expect(typeof artifacts).toBe('string');
    const env = plans.plan.locals.vertex_ml_resume.jobSpec.workerPoolSpecs[0].containerSpec.env;
    expect(env).toEqual([
      { name: 'AIP_CHECKPOINT_DIR', value: `gs://${artifacts}/jobs/resume/checkpoints/` },
      { name: 'VT_CHECKPOINT_DIR', value: `gs://${artifacts}/jobs/resume/checkpoints/` },
    ]);
  });
});
