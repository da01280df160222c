import { TerraformLocal, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import { GkeJobSetIdentityRule } from '../../lib/policy/rules/gke-jobset-identity';
import { GkeJobSetQueueOutputsRule } from '../../lib/policy/rules/gke-jobset-queue-outputs';
import { JobCmekRule } from '../../lib/policy/rules/job-cmek';
import { TrainingPolicy } from '../../lib/policy/training-policy';

function example(name: string): TerraformStack {
  const stack = EXAMPLE_STACKS[name](Testing.app(), name);
  TrainingPolicy.applyTo(stack);
  return stack;
}

describe.each(Object.keys(EXAMPLE_STACKS).sort())('example %s', (name) => {
  test('has no policy violation', () => {
    const stack = example(name);
    Testing.synth(stack);
    expect(TrainingPolicy.findingsOf(stack).filter((f) => !f.acknowledged)).toEqual([]);
    // Every acknowledged exception carries its reason into the report.
    for (const acknowledgement of TrainingPolicy.acknowledgementsOf(stack)) expect(acknowledgement.reason.trim()).not.toBe('');
  });

  test('the policy reads its request bodies, JobSet templates and buckets (a broken bucket is caught)', () => {
    const stack = example(name);
    const check = jest.spyOn(JobCmekRule.prototype, 'check');
    const identity = jest.spyOn(GkeJobSetIdentityRule.prototype, 'check');
    const outputs = jest.spyOn(GkeJobSetQueueOutputsRule.prototype, 'check');
    try {
      const buckets = stack.node.findAll().filter((c): c is TerraformResource =>
        TerraformResource.isTerraformResource(c) && (c as TerraformResource).terraformResourceType === 'google_storage_bucket');
      // Of a multi-stack example, the platform stack holds the buckets and the workloads stack the jobs.
      if (!/-(addons|workloads)$/.test(name)) expect(buckets.length).toBeGreaterThan(0);
      for (const bucket of buckets) bucket.addOverride('force_destroy', true);
      Testing.synth(stack);
      const manifests = (prefix: string) => stack.node.findAll().filter((c): c is TerraformLocal =>
        c instanceof TerraformLocal && c.friendlyUniqueId.startsWith(prefix) && c.friendlyUniqueId.endsWith('_manifest'));
      const requests = manifests('vertex_');
      const jobSets = manifests('jobset_');
      if (!/-(platform|addons)$/.test(name)) expect(requests.length + jobSets.length).toBeGreaterThan(0);
      // The GKE example's workloads stack runs its jobs as JobSets.
      if (/^gke-.*-workloads$/.test(name)) expect(jobSets.length).toBeGreaterThan(0);
      expect(check).toHaveBeenCalledTimes(requests.length);
      for (const rule of [identity, outputs]) {
        expect(rule).toHaveBeenCalledTimes(jobSets.length);
        // Each JobSet template is read once, as a JobSet.
        expect(rule.mock.calls.map(([subject]) => [subject.address, subject.jobKind]).sort())
          .toEqual(jobSets.map((m) => [`local.${m.friendlyUniqueId.replace(/_manifest$/, '')}`, 'JobSet']).sort());
      }
      expect(TrainingPolicy.findingsOf(stack).filter((f) => f.ruleId === 'VT-GCS-4').map((f) => f.path))
        .toEqual(buckets.map((b) => b.node.path).sort());
    } finally {
      check.mockRestore();
      identity.mockRestore();
      outputs.mockRestore();
    }
  });
});
