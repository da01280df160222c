import { findGpu, GPUS } from '../../lib/catalog/accelerators';
import { cpuQuota, gpuQuota, QUOTA_SERVICE, tpuQuota, tpuQuotaUnit } from '../../lib/catalog/quotas';
import { findTpu, TPUS } from '../../lib/catalog/tpus';
import { Confidence, CpuFamily, GpuInfo, TpuInfo } from '../../lib/catalog/types';

const gpu = (name: string): GpuInfo => findGpu(name) as GpuInfo;
const tpu = (version: string): TpuInfo => findTpu(version) as TpuInfo;

test('QUOTA_SERVICE', () => {
  expect(QUOTA_SERVICE).toBe('aiplatform.googleapis.com');
});

describe('gpuQuota', () => {
  test.each<[string, boolean, string, string, Confidence, Confidence]>([
    ['h100', false, 'custom_model_training_nvidia_h100_gpus', 'CustomModelTrainingH100GPUsPerProjectPerRegion', 'confirmed', 'unconfirmed'],
    ['h100', true, 'custom_model_training_preemptible_nvidia_h100_gpus', 'CustomModelTrainingPreemptibleH100GPUsPerProjectPerRegion', 'confirmed', 'unconfirmed'],
    ['t4', false, 'custom_model_training_nvidia_t4_gpus', 'CustomModelTrainingT4GPUsPerProjectPerRegion', 'observed', 'observed'],
    ['t4', true, 'custom_model_training_preemptible_nvidia_t4_gpus', 'CustomModelTrainingPreemptibleT4GPUsPerProjectPerRegion', 'observed', 'observed'],
    ['a100', false, 'custom_model_training_nvidia_a100_gpus', 'CustomModelTrainingA100GPUsPerProjectPerRegion', 'observed', 'unconfirmed'],
    ['a100', true, 'custom_model_training_preemptible_nvidia_a100_gpus', 'CustomModelTrainingPreemptibleA100GPUsPerProjectPerRegion', 'observed', 'observed'],
    ['a100_80gb', false, 'custom_model_training_nvidia_a100_80gb_gpus', 'CustomModelTrainingA10080GBGPUsPerProjectPerRegion', 'observed', 'observed'],
    ['l4', false, 'custom_model_training_nvidia_l4_gpus', 'CustomModelTrainingL4GPUsPerProjectPerRegion', 'observed', 'unconfirmed'],
    ['v100', false, 'custom_model_training_nvidia_v100_gpus', 'CustomModelTrainingV100GPUsPerProjectPerRegion', 'unconfirmed', 'unconfirmed'],
    ['h100_mega', true, 'custom_model_training_preemptible_nvidia_h100_mega_gpus', 'CustomModelTrainingPreemptibleH100MEGAGPUsPerProjectPerRegion', 'unconfirmed', 'unconfirmed'],
    ['rtx_pro_6000', false, 'custom_model_training_nvidia_rtx_pro_6000_gpus', 'CustomModelTrainingRTXPRO6000GPUsPerProjectPerRegion', 'unconfirmed', 'unconfirmed'],
    ['gb200', false, 'custom_model_training_nvidia_gb200_gpus', 'CustomModelTrainingGB200GPUsPerProjectPerRegion', 'unconfirmed', 'unconfirmed'],
  ])('(%s, preemptible %s)', (name, preemptible, metric, quotaId, confidence, idConfidence) => {
    expect(gpuQuota(gpu(name), preemptible)).toEqual({ metric, quotaId, confidence, quotaIdConfidence: idConfidence });
  });

  test('every GPU has a quota row with the metric shape', () => {
    for (const g of GPUS) {
      for (const p of [false, true]) {
        expect(gpuQuota(g, p).metric).toMatch(/^custom_model_training_(preemptible_)?nvidia_[a-z0-9_]+_gpus$/);
        expect(gpuQuota(g, p).quotaId).toMatch(/^CustomModelTraining(Preemptible)?[A-Z0-9]+GPUsPerProjectPerRegion$/);
      }
    }
  });
});

describe('tpuQuota', () => {
  test.each<[string, boolean, string, Confidence]>([
    ['v5e', false, 'custom_model_training_tpu_v5e', 'observed'],
    ['v3', false, 'custom_model_training_tpu_v3', 'observed'],
    ['v5e', true, 'custom_model_training_preemptible_tpu_v5e', 'unconfirmed'],
    ['v6e', false, 'custom_model_training_tpu_v6e', 'unconfirmed'],
    ['v2', false, 'custom_model_training_tpu_v2', 'unconfirmed'],
    ['7x', false, 'custom_model_training_tpu_tpu7x', 'unconfirmed'],
  ])('(%s, preemptible %s) → %s', (version, preemptible, metric, confidence) => {
    expect(tpuQuota(tpu(version), preemptible)).toEqual({ metric, quotaId: undefined, confidence });
  });

  test('every TPU has a quota', () => {
    for (const t of TPUS) expect(tpuQuota(t, false).metric).toMatch(/^custom_model_training_tpu_/);
  });

  test.each([['v5e', 'chips'], ['v6e', 'chips'], ['7x', 'chips'], ['v2', 'cores'], ['v3', 'cores']])('%s counts %s', (version, unit) => {
    expect(tpuQuotaUnit(tpu(version))).toBe(unit);
  });
});

describe('cpuQuota', () => {
  test.each<[CpuFamily, string, Confidence]>([
    ['n1', 'custom_model_training_cpus', 'observed'],
    ['e2', 'custom_model_training_cpus', 'observed'],
    ['n2', 'custom_model_training_n2_cpus', 'observed'],
    ['c2', 'custom_model_training_c2_cpus', 'observed'],
    ['n4', 'custom_model_training_n4_cpus', 'unconfirmed'],
    ['m1', 'custom_model_training_m1_cpus', 'unconfirmed'],
    ['a2', 'custom_model_training_a2_cpus', 'unconfirmed'],
    ['a3', 'custom_model_training_a3_cpus', 'unconfirmed'],
    ['a4', 'custom_model_training_a4_cpus', 'unconfirmed'],
    ['a4x', 'custom_model_training_a4x_cpus', 'unconfirmed'],
    ['g2', 'custom_model_training_g2_cpus', 'unconfirmed'],
    ['g4', 'custom_model_training_g4_cpus', 'unconfirmed'],
  ])('%s on-demand → %s (%s), preemptible → shared metric', (family, metric, confidence) => {
    expect(cpuQuota(family, false)).toEqual({ metric, quotaId: undefined, confidence });
    expect(cpuQuota(family, true)).toEqual({ metric: 'custom_model_training_preemptible_cpus', quotaId: undefined, confidence: 'observed' });
  });

  test('TPU VMs consume no CPU quota', () => {
    expect(cpuQuota('tpu', false)).toBeUndefined();
    expect(cpuQuota('tpu', true)).toBeUndefined();
  });
});
