import { TerraformLocal, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { EXAMPLE_STACKS } from '../../examples/stacks';
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

  test('the policy reads its request bodies and buckets (a broken bucket is caught)', () => {
    const stack = example(name);
    const check = jest.spyOn(JobCmekRule.prototype, 'check');
    try {
      const buckets = stack.node.findAll().filter((c): c is TerraformResource =>
        TerraformResource.isTerraformResource(c) && (c as TerraformResource).terraformResourceType === 'google_storage_bucket');
      expect(buckets.length).toBeGreaterThan(0);
      for (const bucket of buckets) bucket.addOverride('force_destroy', true);
      Testing.synth(stack);
      const manifests = stack.node.findAll().filter((c) => c instanceof TerraformLocal && c.friendlyUniqueId.endsWith('_manifest'));
      expect(manifests.length).toBeGreaterThan(0);
      expect(check).toHaveBeenCalledTimes(manifests.length);
      expect(TrainingPolicy.findingsOf(stack).filter((f) => f.ruleId === 'VT-GCS-4').map((f) => f.path))
        .toEqual(buckets.map((b) => b.node.path).sort());
    } finally {
      check.mockRestore();
    }
  });
});
