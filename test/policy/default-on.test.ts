import { Aspects, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingEnvironment } from '../../lib/environment/training-environment';
import { TrainingPolicy } from '../../lib/policy/training-policy';
import { cryptoKey, synthError } from './helpers';

/** Needs the hook `TrainingPolicy.applyTo(TerraformStack.of(this))` in TrainingEnvironment's constructor. */
describe('the policy is on by default in a stack with a TrainingEnvironment', () => {
  function stackWithEnvironment(environments = 1): TerraformStack {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    for (let i = 0; i < environments; i++) new TrainingEnvironment(stack, `ml${i}`, { projectId: 'acme-ml', region: 'us-central1', metadataStore: i === 0 });
    return stack;
  }

  test('once per stack, however many environments it has', () => {
    const stack = stackWithEnvironment(2);
    expect(Aspects.of(stack).all.filter((a) => a instanceof TrainingPolicy)).toHaveLength(1);
  });

  test('a rule broken beside the environment fails synth', () => {
    const stack = stackWithEnvironment();
    cryptoKey(stack, 'legacy', { rotationPeriod: '31536000s' });
    expect(synthError(stack)).toContain('[test/legacy] [VT-KMS-1]');
  });

  test('the environment\'s own resources comply', () => {
    const stack = stackWithEnvironment();
    Testing.synth(stack);
    expect(TrainingPolicy.findingsOf(stack)).toEqual([]);
  });
});
