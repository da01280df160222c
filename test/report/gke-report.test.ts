import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import {
  CustomTrainingJob, GkeTrainingAddons, GkeTrainingCluster, GkeTrainingQueues, GpuType, NodeProvisioning, SchedulingStrategy,
  TpuVersion, TrainingBackend, TrainingEnvironment, WorkerPool,
} from '../../lib';
import { GkeAdmission, TrainingReport, TrainingReportData } from '../../lib/report';
import { admissionOf } from '../../lib/report/gke-collect';
import { admissionCeiling } from '../../lib/spec/gke/placement';
import { googleStack } from '../gke/addons-helpers';
import { containerCode } from '../gke/job-fixtures';

/**
 * The GKE part of the training report (issue 11): the platform stack reports its cluster's node
 * pools with their Compute Engine quotas, the workloads stack its queues (flavors, team quotas) and
 * each GKE job's demand against its team's quota.
 */

interface Fixture {
  readonly app: App;
  readonly platform: TerraformStack;
  readonly addons: TerraformStack;
  readonly workloads: TerraformStack;
}

function gkeApp(outdir?: string): Fixture {
  const app = outdir === undefined ? Testing.app() : new App({ outdir, skipValidation: false });
  const platform = googleStack(app, 'platform');
  const env = new TrainingEnvironment(platform, 'ml', {
    projectId: 'acme-ml', region: 'us-central1', network: {}, alerts: { emails: ['ml-platform@acme.example'] },
    quotas: { limits: [{ metric: 'compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS', limit: 32 }] },
  });
  const vision = env.addTeam('vision');
  const speech = env.addTeam('speech');
  const cluster = new GkeTrainingCluster(platform, 'gke', { environment: env });
  const h100 = cluster.addNodePool('h100-spot', {
    pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8 }), provisioning: NodeProvisioning.SPOT, maxNodes: 4,
  });
  const l4 = cluster.addNodePool('l4', { pool: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }), minNodes: 1, maxNodes: 3 });
  const v6e = cluster.addNodePool('v6e', {
    pool: WorkerPool.tpu({ version: TpuVersion.V6E, topology: '4x4' }), provisioning: NodeProvisioning.QUEUED_PROVISIONING,
    maxNodes: 4, zones: ['us-central1-b'],
    catalogOverrides: { skipLocationCheck: true },
  });
  const addons = googleStack(app, 'addons');
  const installed = new GkeTrainingAddons(addons, 'addons', { cluster });
  const workloads = googleStack(app, 'workloads');
  const queues = new GkeTrainingQueues(workloads, 'queues', { cluster, addons: installed });
  queues.addTeamQueue(vision, { quotas: [{ nodePool: h100, nominal: 16, borrowingLimit: 16, lendingLimit: 8 }, { nodePool: v6e, nominal: 16 }] });
  queues.addTeamQueue(speech, { quotas: [{ nodePool: h100, nominal: 16 }, { nodePool: l4, nominal: 12, borrowingLimit: 4 }] });
  const h100x8 = (replicaCount: number) => WorkerPool.gpu({ gpuType: GpuType.NVIDIA_H100_80GB, gpusPerReplica: 8, replicaCount });
  new CustomTrainingJob(workloads, 'pretrain', {
    environment: env, team: vision, backend: TrainingBackend.gke(queues), code: containerCode(),
    workerPools: { primary: h100x8(1), workers: h100x8(2) }, scheduling: { strategy: SchedulingStrategy.SPOT },
  });
  new CustomTrainingJob(workloads, 'finetune', {
    environment: env, team: speech, backend: TrainingBackend.gke(queues), code: containerCode(),
    workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4 }), workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_L4, gpusPerReplica: 4, replicaCount: 1 }) },
  });
  return { app, platform, addons, workloads };
}

const fixture = gkeApp();
const platform = TrainingReport.of(fixture.platform);
const workloads = TrainingReport.of(fixture.workloads);
const gkeOf = (report: TrainingReportData) => report.environments[0].gke!;

describe('the platform stack\'s report', () => {
  test('lists the cluster\'s node pools with machine, accelerators, provisioning, nodes, zones and taints', () => {
    const [cluster] = gkeOf(platform).clusters;
    expect(gkeOf(platform).queues).toEqual([]);
    expect(cluster).toMatchObject({ path: 'platform/gke', clusterName: 'ml-training', location: 'us-central1' });
    expect(cluster.nodePools.map((p) => [p.name, p.machineType, p.accelerator, p.provisioning, p.minNodes, p.maxNodes, p.zones, p.resource, p.perNode])).toEqual([
      // GPU pools without zones get the first zone the catalog has their GPU in.
      ['h100-spot', 'a3-highgpu-8g', '8 × NVIDIA_H100_80GB', 'SPOT', 0, 4, ['us-central1-a'], 'nvidia.com/gpu', 8],
      ['l4', 'g2-standard-48', '4 × NVIDIA_L4', 'STANDARD', 1, 3, ['us-central1-a'], 'nvidia.com/gpu', 4],
      ['v6e', 'ct6e-standard-4t', 'TPU v6e 4x4 slice: 4 chips on each of 4 VMs', 'QUEUED_PROVISIONING', 0, 4, ['us-central1-b'], 'google.com/tpu', 4],
    ]);
    expect(cluster.nodePools[0].taints).toContain('vertex-training/provisioning=spot:NoSchedule');
  });

  test('gives each node pool\'s Compute Engine quota rows at maxNodes, per node and in all', () => {
    const byPool = Object.fromEntries(gkeOf(platform).clusters[0].nodePools.map((p) => [p.name, p.quotaDemand.map((q) => `${q.metric} ${q.perNode}×=${q.amount} ${q.unit}`)]));
    expect(byPool).toEqual({
      'h100-spot': ['compute.googleapis.com/CPUS_ALL_REGIONS 208×=832 vCPUs', 'compute.googleapis.com/GPUS_ALL_REGIONS 8×=32 GPUs', 'compute.googleapis.com/PREEMPTIBLE_CPUS 208×=832 vCPUs', 'compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS 8×=32 GPUs'],
      'l4': ['compute.googleapis.com/CPUS_ALL_REGIONS 48×=144 vCPUs', 'compute.googleapis.com/G2_CPUS 48×=144 vCPUs', 'compute.googleapis.com/GPUS_ALL_REGIONS 4×=12 GPUs', 'compute.googleapis.com/NVIDIA_L4_GPUS 4×=12 GPUs'],
      'v6e': ['compute.googleapis.com/PREEMPTIBLE_TPU_V6E 4×=16 TPU chips'],
    });
  });

  test('the environment\'s quota table has the node pools on Compute Engine quotas and no GKE job on Vertex AI\'s', () => {
    const rows = platform.environments[0].quotas;
    expect(rows.find((r) => r.metric === 'compute.googleapis.com/PREEMPTIBLE_NVIDIA_H100_GPUS')).toMatchObject({
      service: 'compute.googleapis.com', demand: 32, limit: 32, status: 'WITHIN_LIMIT', contributions: ['ml-training/h100-spot=32'],
    });
    expect(rows.filter((r) => r.service !== 'compute.googleapis.com')).toEqual([]);
    expect(rows.flatMap((r) => r.contributions).filter((c) => /^(pretrain|finetune)=/.test(c))).toEqual([]);
  });

  test('the Markdown has the node pool table', () => {
    const markdown = TrainingReport.renderMarkdown(platform);
    expect(markdown).toContain('### GKE cluster `ml-training` (`us-central1`)');
    expect(markdown).toContain('| `v6e` | `ct6e-standard-4t` | TPU v6e 4x4 slice: 4 chips on each of 4 VMs | QUEUED_PROVISIONING | 0–4 | `us-central1-b` | 4 `google.com/tpu` per node | `compute.googleapis.com/PREEMPTIBLE_TPU_V6E` 16 TPU chips (4 per node) |');
    expect(markdown).not.toContain('Kueue queues');
  });
});

describe('the workloads stack\'s report', () => {
  test('lists one flavor per node pool with its node labels, tolerations and admission check', () => {
    const { flavors, clusterName, cohort, localQueue } = gkeOf(workloads).queues[0];
    expect(gkeOf(workloads).clusters).toEqual([]);
    expect({ clusterName, cohort, localQueue }).toEqual({ clusterName: 'ml-training', cohort: 'ml', localQueue: 'training' });
    expect(flavors.map((f) => f.name)).toEqual(['h100-spot', 'l4', 'v6e']);
    expect(flavors[0].nodeLabels).toEqual(expect.arrayContaining(['cloud.google.com/gke-nodepool=h100-spot', 'cloud.google.com/gke-accelerator=nvidia-h100-80gb']));
    expect(flavors[0].tolerations).toContain('vertex-training/provisioning=spot:NoSchedule');
    expect(flavors[0].admissionCheck).toBeUndefined();
    expect(flavors[2].admissionCheck).toBe('queued-provisioning');
  });

  test('lists every team\'s nominal, borrowing and lending limits per flavor, sorted by team and flavor', () => {
    expect(gkeOf(workloads).queues[0].teamQuotas.map((q) => [q.team, q.clusterQueue, q.flavor, q.resource, q.nominal, q.borrowingLimit, q.lendingLimit])).toEqual([
      ['speech', 'ml-speech', 'h100-spot', 'nvidia.com/gpu', 16, undefined, undefined],
      ['speech', 'ml-speech', 'l4', 'nvidia.com/gpu', 12, 4, undefined],
      ['vision', 'ml-vision', 'h100-spot', 'nvidia.com/gpu', 16, 16, 8],
      ['vision', 'ml-vision', 'v6e', 'google.com/tpu', 16, undefined, undefined],
    ]);
  });

  test('gives each GKE job\'s demand per flavor against its team\'s quota', () => {
    expect(gkeOf(workloads).queues[0].jobs).toEqual([
      { jobId: 'finetune', team: 'speech', flavor: 'l4', resource: 'nvidia.com/gpu', demand: 8, nominal: 12, borrowingLimit: 4, admission: GkeAdmission.WITHIN_NOMINAL },
      { jobId: 'pretrain', team: 'vision', flavor: 'h100-spot', resource: 'nvidia.com/gpu', demand: 24, nominal: 16, borrowingLimit: 16, admission: GkeAdmission.NEEDS_BORROWING },
    ]);
  });

  test('a GKE job\'s section says where it runs and how its pools are placed', () => {
    const job = workloads.environments[0].jobs.find((j) => j.jobId === 'pretrain')!;
    expect(job.kind).toBe('JobSet');
    expect(job.gke).toEqual({
      clusterName: 'ml-training', namespaceName: 'ml-vision', localQueue: 'training', priorityClass: 'training-normal',
      placements: ['primary → h100-spot: 1 pod × 8 nvidia.com/gpu', 'workers → h100-spot: 2 pods × 8 nvidia.com/gpu'],
    });
    expect(job.workerPools[0].code).toMatchObject({ kind: 'container', command: ['python', '-m', 'trainer.task'], env: [{ name: 'EPOCHS', value: '3' }, { name: 'DATA', value: 'gs://acme-ml-data/train/' }] });
  });

  test('the Markdown has the flavors, team quotas and job demand tables', () => {
    const markdown = TrainingReport.renderMarkdown(workloads);
    expect(markdown).toContain('### Kueue queues `workloads/queues` (cluster `ml-training`, cohort `ml`, LocalQueue `training`)');
    expect(markdown).toContain('| `vision` | `ml-vision` | `h100-spot` | 16 `nvidia.com/gpu` | 16 | 8 |');
    expect(markdown).toContain('| `speech` | `ml-speech` | `h100-spot` | 16 `nvidia.com/gpu` | no limit (the cohort\'s unused quota) | all of the nominal quota |');
    expect(markdown).toContain('| `pretrain` | `vision` | `h100-spot` | 24 `nvidia.com/gpu` | 16 | 16 | needs borrowing from the cohort |');
    expect(markdown).toContain('- **Runs on:** GKE cluster `ml-training`, a JobSet per run in namespace `ml-vision`, LocalQueue `training`, priority `training-normal`');
    expect(markdown).toContain('- **On GKE:** estimated at the Vertex AI training prices');
  });

  test('the add-ons stack has nothing of the GKE report', () => {
    expect(TrainingReport.of(fixture.addons).environments).toEqual([]);
  });
});

describe('admission of a run\'s demand on one flavor', () => {
  test('within nominal, by borrowing (bounded or not), or never', () => {
    // The same ceiling synth checks: nominal, plus what the cohort's other queues lend, within the borrowing limit.
    const cohort = (own: object, lender?: object) => [{ team: 'a', quotas: [{ flavor: 'f', ...own }] as any }, ...(lender ? [{ team: 'b', quotas: [{ flavor: 'f', ...lender }] as any }] : [])];
    const of = (demand: number, own: object, lender?: object) => admissionOf(demand, admissionCeiling('a', 'f', cohort(own, lender)));
    expect(of(16, { nominal: 16 })).toBe(GkeAdmission.WITHIN_NOMINAL);
    expect(of(17, { nominal: 16 }, { nominal: 8 })).toBe(GkeAdmission.NEEDS_BORROWING);
    expect(of(24, { nominal: 16, borrowingLimit: 8 }, { nominal: 16 })).toBe(GkeAdmission.NEEDS_BORROWING);
    expect(of(25, { nominal: 16, borrowingLimit: 8 }, { nominal: 16 })).toBe(GkeAdmission.NEVER_ADMITTED);
    // Alone in its cohort, or with a lender lending nothing, a team gets its nominal only.
    expect(of(17, { nominal: 16 })).toBe(GkeAdmission.NEVER_ADMITTED);
    expect(of(17, { nominal: 16 }, { nominal: 8, lendingLimit: 0 })).toBe(GkeAdmission.NEVER_ADMITTED);
    expect(admissionOf(1, undefined)).toBe(GkeAdmission.NEVER_ADMITTED);
  });
});

describe('written at synth', () => {
  test('the platform and the workloads stacks each write their report; two synths are byte-identical', () => {
    const read = () => {
      const outdir = mkdtempSync(join(tmpdir(), 'gke-report-'));
      gkeApp(outdir).app.synth();
      const file = (stack: string) => join(outdir, 'stacks', stack, 'training-report.md');
      const written = {
        platform: readFileSync(file('platform'), 'utf8'),
        workloads: readFileSync(file('workloads'), 'utf8'),
        addons: existsSync(file('addons')),
      };
      rmSync(outdir, { recursive: true, force: true });
      return written;
    };
    const first = read();
    expect(first.platform).toContain('### GKE cluster `ml-training`');
    expect(first.workloads).toContain('### Kueue queues `workloads/queues`');
    expect(first.addons).toBe(false);
    expect(read()).toEqual(first);
  });
});
