import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { CustomTrainingJob, GpuType, SchedulingStrategy, WorkerPool } from '../../lib';
import { TrainingReport } from '../../lib/report';
import { gcsCode } from '../jobs/fixtures';
import { environmentStack } from '../helpers/synth';

/** Vertex AI quota slices per team (issue 11): a team's jobs may not demand more than its share. */

const H100 = 'custom_model_training_nvidia_h100_gpus';
const h100 = (replicaCount = 1) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount });

function warnings(stack: ReturnType<typeof environmentStack>['stack']): string[] {
  Testing.synth(stack, true);
  return stack.node.findAll().flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}

describe('team quota shares', () => {
  test('the team\'s jobs over its share fail synth with the jobs, the demand and the share', () => {
    const { stack, env } = environmentStack();
    const vision = env.addTeam('vision', { quotaShares: [{ metric: H100, limit: 16 }] });
    new CustomTrainingJob(stack, 'big', { environment: env, team: vision, code: gcsCode(), workerPools: { primary: h100(), workers: h100(1) } });
    new CustomTrainingJob(stack, 'small', { environment: env, team: vision, code: gcsCode(), workerPools: { primary: h100() } });
    expect(() => stack.runAllValidations()).toThrow(
      `[test/ml/quotas] team "vision": us-central1 ${H100}: demand 24 GPUs > share 16 (jobs: big=16, small=8)`);
  });

  test('other teams\' jobs and jobs without a team do not count against a share', () => {
    const { stack, env } = environmentStack();
    const vision = env.addTeam('vision', { quotaShares: [{ metric: H100, limit: 8 }] });
    const speech = env.addTeam('speech');
    new CustomTrainingJob(stack, 'mine', { environment: env, team: vision, code: gcsCode(), workerPools: { primary: h100() } });
    new CustomTrainingJob(stack, 'theirs', { environment: env, team: speech, code: gcsCode(), workerPools: { primary: h100(), workers: h100(3) } });
    new CustomTrainingJob(stack, 'nobody', { environment: env, code: gcsCode(), workerPools: { primary: h100() } });
    expect(() => stack.runAllValidations()).not.toThrow();
    expect(env.quotas.teamShares()).toEqual([
      { team: 'vision', region: 'us-central1', metric: H100, unit: 'GPUs', share: 8, demand: 8, contributions: ['mine=8'] },
    ]);
  });

  test('never-concurrent jobs of a team count as the largest; spot jobs use the preemptible share', () => {
    const { stack, env } = environmentStack();
    env.addTeam('vision', { quotaShares: [
      { metric: H100, limit: 16 },
      { metric: 'aiplatform.googleapis.com/custom_model_training_preemptible_nvidia_h100_gpus', limit: 8 },
    ] });
    env.quotas.addWorkload('a', { team: 'vision', workerPools: { primary: h100(), workers: h100(1) } });
    env.quotas.addWorkload('b', { team: 'vision', workerPools: { primary: h100(), workers: h100(1) } });
    env.quotas.addWorkload('spot', { team: 'vision', workerPools: { primary: h100(), workers: h100(1) }, scheduling: { strategy: SchedulingStrategy.SPOT } });
    expect(() => stack.runAllValidations()).toThrow(
      'team "vision": us-central1 custom_model_training_preemptible_nvidia_h100_gpus: demand 16 GPUs > share 8 (jobs: spot=16)');
    expect(() => stack.runAllValidations()).toThrow(`team "vision": us-central1 ${H100}: demand 32 GPUs > share 16 (jobs: a=16, b=16)`);
    env.quotas.neverConcurrent('a', 'b');
    expect(env.quotas.teamShares().find((s) => s.metric === H100)).toMatchObject({ demand: 16, share: 16 });
    expect(() => stack.runAllValidations()).not.toThrow(/ custom_model_training_nvidia_h100_gpus: demand/);
  });

  test('a share nothing uses is reported with no demand, in the unit of its metric', () => {
    const { env } = environmentStack();
    env.addTeam('vision', { quotaShares: [{ metric: 'custom_model_training_tpu_v3', limit: 32, region: 'europe-west4' }] });
    expect(env.quotas.teamShares()).toEqual([
      { team: 'vision', region: 'europe-west4', metric: 'custom_model_training_tpu_v3', unit: 'TPU cores', share: 32, demand: 0, contributions: [] },
    ]);
  });

  test('shares that sum over the environment\'s limit warn with every team\'s share', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: H100, limit: 24 }] } });
    env.addTeam('vision', { quotaShares: [{ metric: H100, limit: 16 }] });
    env.addTeam('speech', { quotaShares: [{ metric: H100, limit: 16 }] });
    env.addTeam('ads', { quotaShares: [{ metric: H100, limit: 8, region: 'europe-west4' }] });
    expect(warnings(stack).filter((w) => w.includes('team shares'))).toEqual([
      `us-central1 ${H100}: team shares sum to 32 > limit 24 (speech=16, vision=16): a team within its share may still find the quota used up by others`,
    ]);
  });

  test('the environment\'s limit still applies to teams within their shares', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: H100, limit: 8 }] } });
    env.addTeam('vision', { quotaShares: [{ metric: H100, limit: 8 }] });
    env.addTeam('speech', { quotaShares: [{ metric: H100, limit: 8 }] });
    env.quotas.addWorkload('a', { team: 'vision', workerPools: { primary: h100() } });
    env.quotas.addWorkload('b', { team: 'speech', workerPools: { primary: h100() } });
    expect(() => stack.runAllValidations()).toThrow(`us-central1 ${H100}: demand 16 > limit 8 (jobs: a=8, b=8)`);
  });

  test('bad shares fail at the team with the field, the value and what is allowed', () => {
    const { env } = environmentStack();
    const error = (() => {
      try {
        env.addTeam('vision', { quotaShares: [
          { metric: 'nvidia_h100_gpus', limit: 8 },
          { metric: H100, limit: 1.5 },
          { metric: 'custom_model_training_cpus', limit: 8, region: 'mars-central1' },
          { metric: 'compute.googleapis.com/NVIDIA_H100_GPUS', limit: 8 },
        ] });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toContain('test/ml/team-vision');
    expect(error).toContain('quotaShares[0].metric "nvidia_h100_gpus" is not valid');
    expect(error).toContain(`did you mean ${H100} or custom_model_training_preemptible_nvidia_h100_gpus?`);
    expect(error).toContain('quotaShares[1].limit 1.5 is not valid: must be a whole number ≥ 0');
    expect(error).toContain('quotaShares[2].region "mars-central1" is not valid');
    expect(error).toContain('quotaShares[3].metric "compute.googleapis.com/NVIDIA_H100_GPUS" is not valid: must be a Vertex AI quota');
    expect(env.quotas.teamShares()).toEqual([]);
  });

  test('two shares of one quota and region are refused', () => {
    const { env } = environmentStack();
    expect(() => env.addTeam('vision', { quotaShares: [{ metric: H100, limit: 8 }, { metric: `aiplatform.googleapis.com/${H100}`, limit: 16 }] }))
      .toThrow(`quotaShares[1].metric "${H100}" is not valid: a team has one share per quota and region (us-central1 already has one)`);
  });

  test('the report shows each team\'s use of its share', () => {
    const { stack, env } = environmentStack();
    const vision = env.addTeam('vision', { quotaShares: [{ metric: H100, limit: 16 }] });
    new CustomTrainingJob(stack, 'train', { environment: env, team: vision, code: gcsCode(), workerPools: { primary: h100() } });
    const report = TrainingReport.of(stack);
    expect(report.environments[0].teamQuotaShares).toEqual([
      { team: 'vision', region: 'us-central1', metric: H100, unit: 'GPUs', share: 16, demand: 8, status: 'WITHIN_LIMIT', contributions: ['train=8'] },
    ]);
    const markdown = TrainingReport.renderMarkdown(report);
    expect(markdown).toContain('### Team shares of Vertex AI quotas');
    expect(markdown).toContain(`| \`vision\` | \`us-central1\` | \`${H100}\` | 8 GPUs | 16 | within the share | train=8 |`);
  });

  test('a report without shares has no share table', () => {
    const { stack, env } = environmentStack();
    env.addTeam('vision');
    const report = TrainingReport.of(stack);
    expect(report.environments[0].teamQuotaShares).toBeUndefined();
    expect(TrainingReport.renderMarkdown(report)).not.toContain('Team shares');
  });
});
