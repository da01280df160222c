import { QuotaDemand } from '../../lib/quota/demand';
import { overLimitMessage, planRows, PlannedWorkload } from '../../lib/quota/plan';

const h100: QuotaDemand['quota'] = { metric: 'custom_model_training_nvidia_h100_gpus', quotaId: 'H100', confidence: 'confirmed' };
const cpus: QuotaDemand['quota'] = { metric: 'custom_model_training_cpus', confidence: 'observed' };
const workload = (name: string, gpus: number, region = 'us-central1', vcpus = 0): PlannedWorkload => ({
  name, region,
  demand: [{ quota: h100, unit: 'GPUs', amount: gpus }, ...(vcpus ? [{ quota: cpus, unit: 'vCPUs', amount: vcpus }] : [])],
});

describe('planRows', () => {
  test('sums every workload by default: all may run at once', () => {
    const [row] = planRows([workload('a', 16), workload('b', 16)], [], [{ region: 'us-central1', metric: h100.metric, limit: 16 }]);
    expect(row).toMatchObject({ region: 'us-central1', metric: h100.metric, demand: 32, limit: 16, unit: 'GPUs' });
    expect(overLimitMessage(row)).toBe('us-central1 custom_model_training_nvidia_h100_gpus: demand 32 > limit 16 (jobs: a=16, b=16)');
  });

  test('a never-concurrent group contributes its largest member', () => {
    const rows = planRows([workload('a', 16), workload('b', 8), workload('c', 4)], [['a', 'b']], []);
    expect(rows[0].demand).toBe(16 + 4);
    expect(rows[0].contributions).toEqual([{ workload: 'a', amount: 16 }, { workload: 'b', amount: 8 }, { workload: 'c', amount: 4 }]);
  });

  test('regions and quotas are planned apart, in a stable order', () => {
    const rows = planRows([workload('a', 8, 'us-east4', 208), workload('b', 8, 'us-central1', 208)], [], []);
    expect(rows.map((r) => `${r.region} ${r.metric} ${r.demand}`)).toEqual([
      'us-central1 custom_model_training_cpus 208',
      'us-central1 custom_model_training_nvidia_h100_gpus 8',
      'us-east4 custom_model_training_cpus 208',
      'us-east4 custom_model_training_nvidia_h100_gpus 8',
    ]);
    expect(rows.every((r) => r.limit === undefined)).toBe(true);
  });

  test('is linear: 10,000 workloads plan in well under a second', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => workload(`job-${i}`, 1));
    const started = Date.now();
    expect(planRows(many, [], [])[0].demand).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
