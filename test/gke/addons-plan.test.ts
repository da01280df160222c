import { AddonInstallation } from '../../lib';
import type { TerraformJson } from '../helpers/synth';
import { synthJson } from '../helpers/synth';
import { applyStack, describeWithTerraform, planStack, StackPlan, startAll } from '../helpers/terraform-core';
import { addonsApp } from './addons-helpers';

/**
 * The add-ons stack under Terraform core (stand-ins for the Helm releases): its first deploy needs
 * nothing of the plan that creates the cluster, and a version bump upgrades a release in place.
 * A replacement would uninstall Kueue first, and with it its CRDs and every queue of the cluster.
 */

const synth = (kueueVersion?: string): TerraformJson =>
  synthJson(addonsApp({ kueue: AddonInstallation.helm({ version: kueueVersion }) }).addonsStack);

const releaseAddress = (json: TerraformJson, release: string): string => {
  const [name] = Object.entries(json.resource!.helm_release).find(([, r]) => (r as any).name === release)!;
  return `helm_release.${name}`;
};

async function redeploy(first: TerraformJson, next: TerraformJson): Promise<StackPlan> {
  const { state } = await applyStack(first);
  return planStack(next, { state });
}

describeWithTerraform('the add-ons stack under Terraform core', () => {
  const pinned = synth();
  const bumped = synth('v0.19.3');
  const plans = startAll({
    first: () => planStack(pinned),
    bump: () => redeploy(pinned, bumped),
  });

  test('the first deploy creates both releases, JobSet before Kueue', () => {
    expect(plans.first.changes.map((c) => [c.address, c.action]).sort()).toEqual(
      [[releaseAddress(pinned, 'jobset'), 'create'], [releaseAddress(pinned, 'kueue'), 'create']].sort(),
    );
    const config = plans.first.raw.configuration.root_module.resources;
    const standIn = (address: string) => config.find((r: any) => r.address === `terraform_data.${address.replace('.', '__')}`);
    expect(standIn(releaseAddress(pinned, 'kueue')).depends_on).toEqual([`terraform_data.${releaseAddress(pinned, 'jobset').replace('.', '__')}`]);
  });

  test('a new Kueue version upgrades the release in place, and leaves JobSet alone', () => {
    expect(plans.bump.action(releaseAddress(bumped, 'kueue'))).toBe('update');
    expect(plans.bump.change(releaseAddress(bumped, 'kueue')).after.version).toBe('0.19.3');
    expect(plans.bump.action(releaseAddress(bumped, 'jobset'))).toBe('no-op');
  });
});
