import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { GpuType, ReductionServer, SchedulingStrategy, TpuVersion, WorkerPool } from '../../lib';
import { unresolvedReferences } from '../helpers/references';
import { environmentStack, ofType, onlyOfType, synthJson } from '../helpers/synth';

const h100x8 = (replicaCount = 1) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount });

/** Warning annotations after a synth (aspects and validations run). */
function warnings(stack: ReturnType<typeof environmentStack>['stack']): string[] {
  Testing.synth(stack, true);
  return stack.node.findAll().flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}

describe('synth-time quota check', () => {
  test('demand above a declared limit fails validation with the numbers', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: 'custom_model_training_nvidia_h100_gpus', limit: 16 }] } });
    env.quotas.addWorkload('a', { workerPools: { primary: h100x8(), workers: h100x8(1) } });
    env.quotas.addWorkload('b', { workerPools: { primary: h100x8(), workers: h100x8(1) } });
    expect(() => stack.runAllValidations()).toThrow(
      'us-central1 custom_model_training_nvidia_h100_gpus: demand 32 > limit 16 (jobs: a=16, b=16)');
  });

  test('never-concurrent jobs fit where concurrent ones do not', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: 'aiplatform.googleapis.com/custom_model_training_nvidia_h100_gpus', limit: 16 }] } });
    env.quotas.addWorkload('a', { workerPools: { primary: h100x8(), workers: h100x8(1) } });
    env.quotas.addWorkload('b', { workerPools: { primary: h100x8(), workers: h100x8(1) } });
    env.quotas.neverConcurrent('a', 'b');
    expect(() => stack.runAllValidations()).not.toThrow();
    expect(env.quotas.plan().find((r) => r.metric === 'custom_model_training_nvidia_h100_gpus')).toMatchObject({ demand: 16, limit: 16 });
  });

  test('an undeclared quota gives a warning annotation, not silence', () => {
    const { stack, env } = environmentStack();
    env.quotas.addWorkload('a', { workerPools: { primary: h100x8() } });
    expect(warnings(stack)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^us-central1 custom_model_training_nvidia_h100_gpus: demand 8 GPUs and no declared limit/),
    ]));
  });

  test('the plan counts accelerators, CPUs by family, preemptible quota for spot and parallel trials', () => {
    const { env } = environmentStack();
    env.quotas.addWorkload('spot', {
      workerPools: { primary: h100x8(), workers: h100x8(3), reductionServer: ReductionServer.of({ replicaCount: 4 }) },
      scheduling: { strategy: SchedulingStrategy.SPOT },
    });
    env.quotas.addWorkload('tuning', {
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-16' }) },
      parallelism: 5,
    });
    expect(env.quotas.plan().map((r) => [r.metric, r.demand, r.unit])).toEqual([
      ['custom_model_training_n2_cpus', 80, 'vCPUs'],
      ['custom_model_training_preemptible_cpus', 4 * 208 + 4 * 16, 'vCPUs'],
      ['custom_model_training_preemptible_nvidia_h100_gpus', 32, 'GPUs'],
    ]);
  });

  test('TPU demand is counted in chips', () => {
    const { env } = environmentStack();
    env.quotas.addWorkload('tpu', { workerPools: { primary: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }) } });
    expect(env.quotas.plan()).toEqual([expect.objectContaining({ metric: 'custom_model_training_tpu_v6e', demand: 16, unit: 'TPU chips' })]);
  });

  test('bad workloads, limits and names fail with the construct path', () => {
    const { env } = environmentStack();
    expect(() => env.quotas.addWorkload('x', { workerPools: { primary: h100x8(2) } }))
      .toThrow('test/ml/quotas: workloads.x.workerPools.primary.replicaCount 2 is not valid: the primary pool has exactly 1 replica');
    env.quotas.addWorkload('y', { workerPools: { primary: h100x8() } });
    expect(() => env.quotas.addWorkload('y', { workerPools: { primary: h100x8() } })).toThrow('workload "y" is not valid: workload names are unique');
    expect(() => env.quotas.declareLimit({ metric: 'H100 GPUs', limit: 1 })).toThrow('limit.metric "H100 GPUs" is not valid');
    expect(() => env.quotas.declareLimit({ metric: 'custom_model_training_cpus', limit: -1 })).toThrow('limit.limit -1 is not valid');
    expect(() => env.quotas.neverConcurrent('y', 'z')).not.toThrow();
    expect(() => env.quotas.neverConcurrent('y')).toThrow('neverConcurrent "y" is not valid');
  });
});

describe('plan-time check', () => {
  test('looks up each used quota and guards launches with a precondition', () => {
    const { stack, env } = environmentStack({ quotas: { checkAtPlan: true, quotaIds: { custom_model_training_cpus: 'CustomModelTrainingCPUsPerProjectPerRegion' } } });
    env.quotas.addWorkload('a', { workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 1 }) } });
    const json = synthJson(stack);
    const infos = Object.values(ofType(json, 'google_cloud_quotas_quota_info', 'data'));
    expect(infos.map((i) => i.quota_id).sort()).toEqual(['CustomModelTrainingCPUsPerProjectPerRegion', 'CustomModelTrainingT4GPUsPerProjectPerRegion']);
    for (const info of infos) expect(info).toMatchObject({ parent: 'projects/acme-ml', service: 'aiplatform.googleapis.com' });
    const gate = onlyOfType(json, 'terraform_data');
    expect(gate.lifecycle.precondition).toHaveLength(2);
    expect(gate.lifecycle.precondition[1]).toEqual({
      condition: expect.stringMatching(/^\$\{local\.[\w-]+ == -1 \|\| local\.[\w-]+ >= 1\}$/),
      error_message: expect.stringContaining('custom_model_training_nvidia_t4_gpus (CustomModelTrainingT4GPUsPerProjectPerRegion) in us-central1 is below'),
    });
    expect(Object.values(json.locals)[1]).toMatch(/try\(d\.dimensions\["region"\], ""\) == "us-central1"/);
    expect(unresolvedReferences(json)).toEqual([]);
    expect(Object.values(ofType(json, 'google_project_service')).map((s) => s.service)).toContain('cloudquotas.googleapis.com');
  });

  test('a quota without a known ID is skipped with a warning', () => {
    const { stack, env } = environmentStack({ quotas: { checkAtPlan: true } });
    env.quotas.addWorkload('a', { workerPools: { primary: WorkerPool.cpu({ machineType: 'n1-standard-8' }) } });
    const json = synthJson(stack);
    expect(ofType(json, 'google_cloud_quotas_quota_info', 'data')).toEqual({});
    expect(warnings(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/custom_model_training_cpus: no Cloud Quotas quota ID is known/)]));
  });
});

describe('quota requests', () => {
  test('request the demand for each quota over its limit instead of failing', () => {
    const { stack, env } = environmentStack({
      quotas: {
        limits: [{ metric: 'custom_model_training_nvidia_h100_gpus', limit: 8 }],
        requestIncreases: { contactEmail: 'ml-platform@example.com' },
      },
    });
    env.quotas.addWorkload('a', { workerPools: { primary: h100x8(), workers: h100x8(1) } });
    expect(() => stack.runAllValidations()).not.toThrow();
    const json = synthJson(stack);
    expect(onlyOfType(json, 'google_cloud_quotas_quota_preference')).toMatchObject({
      parent: 'projects/acme-ml',
      name: 'ml-us-central1-nvidia-h100-gpus',
      service: 'aiplatform.googleapis.com',
      quota_id: 'CustomModelTrainingH100GPUsPerProjectPerRegion',
      dimensions: { region: 'us-central1' },
      quota_config: { preferred_value: '16' },
      contact_email: 'ml-platform@example.com',
      justification: 'Vertex AI custom training (cdktf-vertex-training)',
    });
    expect(warnings(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/quota ID CustomModelTrainingH100GPUsPerProjectPerRegion follows Google's naming pattern but is unconfirmed/)]));
  });

  test('no request when demand fits, and the contact email is validated', () => {
    const { stack, env } = environmentStack({ quotas: { limits: [{ metric: 'custom_model_training_nvidia_h100_gpus', limit: 64 }], requestIncreases: { contactEmail: 'ml@example.com' } } });
    env.quotas.addWorkload('a', { workerPools: { primary: h100x8() } });
    expect(ofType(synthJson(stack), 'google_cloud_quotas_quota_preference')).toEqual({});
    expect(() => environmentStack({ quotas: { requestIncreases: { contactEmail: 'nobody' } } }))
      .toThrow('requestIncreases.contactEmail "nobody" is not valid: must be an email address');
  });
});
