import type { TerraformJson } from '../helpers/synth';
import { synthJson } from '../helpers/synth';
import { applyStack, describeWithTerraform, planStack, StackPlan, startAll } from '../helpers/terraform-core';
import { queuesApp } from './queues-helpers';

/**
 * The workloads stack's queues under Terraform core (stand-ins for the Kubernetes and IAM
 * resources): a first deploy needs nothing of the platform stack's plan, and a quota change
 * updates the team's ClusterQueue in place (a replacement would delete the queue and with it every
 * pending workload of the team).
 */

function synth(nominal: number): TerraformJson {
  const a = queuesApp();
  a.queues.addTeamQueue(a.vision, { quotas: [{ nodePool: a.h100, nominal, borrowingLimit: 8 }, { nodePool: a.v6e, nominal: 16 }] });
  a.queues.addTeamQueue(a.speech, { quotas: [{ nodePool: a.l4, nominal: 8 }] });
  return synthJson(a.workloads);
}

const addressOf = (json: TerraformJson, kind: string, name: string): string => {
  const [found] = Object.entries<any>(json.resource!.kubernetes_manifest).find(([, r]) => r.manifest.kind === kind && r.manifest.metadata.name === name)!;
  return `kubernetes_manifest.${found}`;
};

async function redeploy(first: TerraformJson, next: TerraformJson): Promise<StackPlan> {
  const { state } = await applyStack(first);
  return planStack(next, { state });
}

describeWithTerraform('the queues under Terraform core', () => {
  const before = synth(16);
  const after = synth(24);
  const plans = startAll({
    first: () => planStack(before),
    quota: () => redeploy(before, after),
  });

  test('the first deploy creates every object, namespaces before what lives in them', () => {
    const plan = plans.first;
    expect(plan.errors).toEqual([]);
    const declared = Object.entries(before.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
    expect(plan.changes.map((c) => c.address).sort()).toEqual(declared);
    expect(plan.changes.filter((c) => c.action !== 'create')).toEqual([]);
    // Only data sources of this stack configure anything: no reference into the platform stack's state.
    expect(plan.standIn.references.filter((r) => !r.address.startsWith('data.') && r.address.includes('google_service_account.'))).toEqual([]);
    const config = plan.raw.configuration.root_module.resources;
    const standIn = (address: string) => config.find((r: any) => r.address === `terraform_data.${address.replace('.', '__')}`);
    const localQueue = Object.entries<any>(before.resource!.kubernetes_manifest).find(([, r]) => r.manifest.kind === 'LocalQueue' && r.manifest.metadata.namespace === 'ml-vision')![0];
    expect(standIn(`kubernetes_manifest.${localQueue}`).depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^terraform_data\.kubernetes_namespace_v1__queues_vision_namespace/),
      `terraform_data.${addressOf(before, 'ClusterQueue', 'ml-vision').replace('.', '__')}`,
    ]));
  });

  test('a quota change updates the team\'s ClusterQueue in place and leaves everything else alone', () => {
    const plan = plans.quota;
    expect(plan.errors).toEqual([]);
    const cq = addressOf(after, 'ClusterQueue', 'ml-vision');
    expect(plan.action(cq)).toBe('update');
    expect(plan.values(cq).manifest.spec.resourceGroups[0].flavors[0].resources[0].nominalQuota).toBe('24');
    expect(plan.changes.filter((c) => c.address !== cq && c.action !== 'no-op')).toEqual([]);
  });
});
