import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CustomTrainingJob, GpuType, PerimeterOptions, TrainingCode, TrainingEnvironment, TrainingEnvironmentProps, Trigger, WorkerPool,
} from '../../lib';
import { ContainerImage } from '../../lib/code/container-image';
import type { TerraformJson } from '../helpers/synth';
import { applyStack, describeWithTerraform, planStack, quotaDimensionsInfos, StackPlan, startAll } from '../helpers/terraform-core';

/**
 * Deploys after the first, under Terraform core: a stack applied (version 1), then a changed
 * version planned against its state. What must hold for a platform that deploys every day: the
 * waits for propagation run again exactly when what they wait for changes; a changed job replaces
 * its manifest before the old one goes; a new data route updates the workflow in place; a
 * perimeter moving between dry run and enforcement switches the peering's VPC Service Controls
 * with an update, never a removal. And quotas: a shortfall the stack itself requests warns, one
 * it does not request fails the plan.
 */

interface Variant {
  readonly triggers?: Trigger[];
  readonly team?: boolean;
  readonly dataRoutes?: number;
  readonly digest?: string;
  readonly env?: Partial<TrainingEnvironmentProps>;
}

function synth(variant: Variant = {}): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'deploys');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] }, ...variant.env });
  const team = variant.team ? env.addTeam('vision') : undefined;
  const routes = Array.from({ length: variant.dataRoutes ?? 0 }, (_, i) => Trigger.onNewData(env.dataBucket.bucketName, `incoming/${i}/`));
  new CustomTrainingJob(stack, 'train', {
    environment: env,
    team,
    workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
    code: TrainingCode.container({ image: ContainerImage.fromRepository(env.dockerRepository, 'trainer', { digest: variant.digest ?? `sha256:${'a'.repeat(64)}` }) }),
    triggers: [...(variant.triggers ?? [Trigger.schedule('0 3 * * *')]), ...routes],
  });
  return JSON.parse(Testing.synth(stack));
}

const DRY_RUN: PerimeterOptions = { accessPolicy: 'accessPolicies/123456789012', dryRun: true };
const ENFORCED: PerimeterOptions = { ...DRY_RUN, dryRun: false };
const NETWORK = { network: {} };

/** The address of the one resource of `type` whose name starts with `prefix`. */
function address(json: TerraformJson, type: string, prefix: string): string {
  const names = Object.keys(json.resource?.[type] ?? {}).filter((n) => n.startsWith(prefix));
  if (names.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${names.length}`);
  return `${type}.${names[0]}`;
}

/** Each first version is applied once, whatever number of next versions is planned against it. */
const applied = new Map<TerraformJson, Promise<string>>();

/** Plans `next` against the state of `first` applied. */
async function redeploy(first: TerraformJson, next: TerraformJson): Promise<StackPlan> {
  if (!applied.has(first)) applied.set(first, applyStack(first).then((a) => a.state));
  return planStack(next, { state: await applied.get(first)! });
}

/**
 * The stack as the library wrote it before the budget shared the alert channels: the same
 * resources at their former addresses (the sources of the stack's `moved` blocks), no moves.
 */
function beforeSharedChannels(json: TerraformJson): TerraformJson {
  const old: any = JSON.parse(JSON.stringify(json));
  for (const { from, to } of old.moved ?? []) {
    const [type, name] = to.split('.');
    old.resource[type][from.split('.')[1]] = old.resource[type][name];
    delete old.resource[type][name];
  }
  // References to the moved resources follow them.
  const text = JSON.stringify({ ...old, moved: undefined });
  return JSON.parse((old.moved ?? []).reduce((t: string, m: { from: string; to: string }) => t.split(`\${${m.to}.`).join(`\${${m.from}.`).split(`"${m.to}"`).join(`"${m.from}"`), text));
}

describeWithTerraform('deploys after the first, under Terraform core', () => {
  const base = synth();
  const withOnChange = synth({ triggers: [Trigger.schedule('0 3 * * *'), Trigger.onChange()] });
  const withTeam = synth({ team: true });
  const oneRoute = synth({ dataRoutes: 1 });
  const twoRoutes = synth({ dataRoutes: 2 });
  const newImage = synth({ digest: `sha256:${'b'.repeat(64)}` });
  const dryRun = synth({ env: { ...NETWORK, perimeter: DRY_RUN } });
  const enforced = synth({ env: { ...NETWORK, perimeter: ENFORCED } });

  const paging = synth({ env: { alerts: { emails: ['ml@acme.example'], pubsubTopics: ['projects/acme-ops/topics/pages'] } } });
  const plans = startAll({
    channelsMoved: () => redeploy(beforeSharedChannels(paging), paging),
    unchanged: () => redeploy(base, base),
    onChange: () => redeploy(base, withOnChange),
    team: () => redeploy(base, withTeam),
    route: () => redeploy(oneRoute, twoRoutes),
    image: () => redeploy(base, newImage),
    enforce: () => redeploy(dryRun, enforced),
    relax: () => redeploy(enforced, dryRun),
  });
  const grantsWait = (json: TerraformJson) => address(json, 'time_sleep', 'ml_launch_grants-propagated_');
  const readyWait = (json: TerraformJson) => address(json, 'time_sleep', 'ml_launch_ready_');

  test('alert channels deployed under the launcher move to the environment\'s shared channels: none recreated, the topic\'s publisher binding kept', () => {
    const moves = (paging as any).moved as { from: string; to: string }[];
    expect(moves.map((m) => m.to.split('.')[0]).sort()).toEqual(['google_monitoring_notification_channel', 'google_monitoring_notification_channel', 'google_pubsub_topic_iam_member']);
    for (const move of moves) {
      expect(plans.channelsMoved.change(move.to)).toMatchObject({ action: 'no-op', previousAddress: move.from });
    }
    // Nothing is created or destroyed (the stand-ins' fake channel names follow their addresses, so
    // the alert policies that name them show an update here that a real move does not have).
    expect(plans.channelsMoved.changes.filter((c) => !['no-op', 'update'].includes(c.action))).toEqual([]);
    expect(plans.channelsMoved.changes.filter((c) => c.action === 'update').map((c) => c.address.split('.')[0])).toEqual(['google_monitoring_alert_policy', 'google_monitoring_alert_policy']);
  });

  test('an unchanged stack changes nothing, and waits for nothing', () => {
    expect(plans.unchanged.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  });

  test('a new trigger (and its grants) replaces both waits: the deploy that adds it waits again', () => {
    expect(plans.onChange.action(grantsWait(withOnChange))).toBe('replace');
    expect(plans.onChange.action(readyWait(withOnChange))).toBe('replace');
    expect(plans.onChange.change(grantsWait(withOnChange)).replacedBy).toEqual(['triggers']);
  });

  test('a new team (new trainer grants) replaces the grants wait; the triggers wait stays', () => {
    expect(plans.team.action(grantsWait(withTeam))).toBe('replace');
    expect(plans.team.action(readyWait(withTeam))).toBe('no-op');
  });

  test('a new data route updates the workflow in place (a new revision), never replaces it', () => {
    expect(plans.route.action(address(twoRoutes, 'google_workflows_workflow', 'ml_launch_workflow_'))).toBe('update');
  });

  test('a new image replaces the manifest before the old one goes; the repository keeps the new digest out of cleanup', () => {
    const manifest = address(newImage, 'google_storage_bucket_object', 'train_manifest_');
    expect(plans.image.change(manifest)).toMatchObject({ action: 'replace', order: 'create-before-destroy' });
    const repository = plans.image.values(address(newImage, 'google_artifact_registry_repository', 'ml_docker-repository_'));
    expect(repository.cleanup_policies.find((p: any) => p.id === 'keep-referenced')).toEqual({
      id: 'keep-referenced', action: 'KEEP', condition: { version_name_prefixes: [`sha256:${'b'.repeat(64)}`] },
    });
  });

  test('enforcing the perimeter switches VPC Service Controls on the peering on, in place', () => {
    const controls = address(enforced, 'google_service_networking_vpc_service_controls', 'ml_network_peering-vpc-sc_');
    expect(plans.enforce.change(controls)).toMatchObject({ action: 'update', before: expect.objectContaining({ enabled: false }), after: expect.objectContaining({ enabled: true }) });
  });

  test('going back to dry run switches it off, in place: the resource stays declared, so the setting really changes', () => {
    const controls = address(dryRun, 'google_service_networking_vpc_service_controls', 'ml_network_peering-vpc-sc_');
    expect(plans.relax.change(controls)).toMatchObject({ action: 'update', before: expect.objectContaining({ enabled: true }), after: expect.objectContaining({ enabled: false }) });
    expect(plans.relax.changes.filter((c) => c.action === 'delete')).toEqual([]);
  });
});

describeWithTerraform('quota shortfalls at plan time, under Terraform core', () => {
  const gpuStack = (quotas: TrainingEnvironmentProps['quotas']): TerraformJson => {
    const stack = new TerraformStack(Testing.app(), 'quota');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const env = new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1', alerts: { emails: ['ml@acme.example'] }, quotas });
    new CustomTrainingJob(stack, 'train', {
      environment: env,
      workerPools: { primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_T4, gpusPerReplica: 4 }) },
      code: TrainingCode.container({ image: ContainerImage.fromUri(`us-docker.pkg.dev/acme/images/trainer@sha256:${'c'.repeat(64)}`) }),
      triggers: [Trigger.onChange()],
    });
    return JSON.parse(Testing.synth(stack));
  };
  const limits = [{ metric: 'custom_model_training_nvidia_t4_gpus', limit: 1 }];
  const requested = gpuStack({ limits, checkAtPlan: true, requestIncreases: { contactEmail: 'ml@acme.example' } });
  const checked = gpuStack({ limits: [{ metric: 'custom_model_training_nvidia_t4_gpus', limit: 8 }], checkAtPlan: true });
  const lowQuota = (json: TerraformJson) => {
    const type = 'google_cloud_quotas_quota_info';
    const lookups = [
      ...Object.keys(json.data?.[type] ?? {}),
      ...Object.values<any>(json.check ?? {}).flatMap((c) => Object.keys(c.data?.[type] ?? {})),
    ];
    return Object.fromEntries(lookups.map((n) => [`data.${type}.${n}`, { dimensions_infos: quotaDimensionsInfos({ regions: { 'us-central1': 1 } }) }]));
  };
  const plans = startAll({
    requested: () => planStack(requested, { fakes: lowQuota(requested), allowFailure: true }),
    checked: () => planStack(checked, { fakes: lowQuota(checked), allowFailure: true }),
  });

  test('a quota the stack requests never blocks the plan that requests it: a warning, and the request is planned', () => {
    const plan = plans.requested;
    expect(plan.errors).toEqual([]);
    expect(plan.warnings.map((w) => w.detail)).toEqual([expect.stringContaining('is below this stack\'s peak demand of 4 GPUs')]);
    expect(plan.changes.filter((c) => c.address.startsWith('google_cloud_quotas_quota_preference.')).map((c) => c.action)).toEqual(['create']);
    // Everything else is planned too: the shortfall blocks no unrelated change.
    expect(plan.changes.filter((c) => c.action === 'create').length).toBeGreaterThan(50);
  });

  test('a quota the stack does not request fails the plan, naming the quota and the demand', () => {
    const plan = plans.checked;
    expect(plan.ok).toBe(false);
    expect(plan.errorText).toContain('custom_model_training_nvidia_t4_gpus');
    expect(plan.errorText).toContain('peak demand of 4 GPUs');
  });
});
