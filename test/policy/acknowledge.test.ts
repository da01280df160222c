import { AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct } from 'constructs';
import { ProjectIamBinding } from '@cdktf/provider-google/lib/project-iam-binding';
import { TrainingPolicy } from '../../lib/policy/training-policy';
import { bucket, cryptoKey, policyStack, synthError, violations } from './helpers';

function infos(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.INFO).map((m) => `${c.node.path}: ${m.data}`));
}

function errors(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.ERROR).map((m) => `${c.node.path}: ${m.data}`));
}

describe('acknowledgements', () => {
  test('an acknowledgement with a reason silences the rule on that construct and is reported', () => {
    const { stack } = policyStack();
    const key = cryptoKey(stack, 'archive', { rotationPeriod: '31536000s' });
    TrainingPolicy.acknowledge(key, 'VT-KMS-1', 'Archive key: yearly rotation agreed with security (SEC-142)');
    expect(synthError(stack)).toBeUndefined();
    expect(TrainingPolicy.acknowledgementsOf(stack)).toEqual([{
      ruleId: 'VT-KMS-1',
      path: 'test/archive',
      address: 'google_kms_crypto_key.archive',
      reason: 'Archive key: yearly rotation agreed with security (SEC-142)',
      acknowledgedAt: 'test/archive',
      problems: ['rotation_period 31536000s is 365 days, more than 90'],
    }]);
    expect(TrainingPolicy.findingsOf(stack)).toEqual([expect.objectContaining({ ruleId: 'VT-KMS-1', acknowledged: true, reason: 'Archive key: yearly rotation agreed with security (SEC-142)' })]);
    expect(infos(stack)).toEqual([expect.stringContaining('test/archive: [VT-KMS-1] acknowledged: ')]);
    expect(infos(stack)[0]).toContain('Reason: Archive key: yearly rotation agreed with security (SEC-142)');
  });

  test('it covers only the acknowledged rule: other rules still fail', () => {
    const { stack } = policyStack();
    const key = cryptoKey(stack, 'archive', { rotationPeriod: '31536000s', lifecycle: undefined });
    TrainingPolicy.acknowledge(key, 'VT-KMS-1', 'yearly rotation agreed');
    expect(violations(stack).map((f) => f.ruleId)).toEqual(['VT-KMS-2']);
    expect(synthError(stack)).toContain('[test/archive] [VT-KMS-2]');
  });

  test('an acknowledgement on a scope covers its descendants, not its siblings', () => {
    const { stack } = policyStack();
    const scratch = new Construct(stack, 'scratch');
    bucket(scratch, 'tmp-a', { versioning: undefined });
    bucket(scratch, 'tmp-b', { versioning: { enabled: false } });
    const kept = bucket(stack, 'kept', { versioning: undefined });
    TrainingPolicy.acknowledge(scratch, 'VT-GCS-3', 'scratch data is recomputed, versions would only cost');
    expect(violations(stack).map((f) => [f.ruleId, f.path])).toEqual([['VT-GCS-3', kept.node.path]]);
    expect(TrainingPolicy.acknowledgementsOf(stack).map((a) => [a.path, a.acknowledgedAt])).toEqual([
      ['test/scratch/tmp-a', 'test/scratch'],
      ['test/scratch/tmp-b', 'test/scratch'],
    ]);
    expect(infos(stack)[0]).toContain('(acknowledged on test/scratch)');
  });

  test('the acknowledgement nearest to the resource wins', () => {
    const { stack } = policyStack();
    const team = new Construct(stack, 'team');
    const key = cryptoKey(team, 'k', { rotationPeriod: '31536000s' });
    TrainingPolicy.acknowledge(stack, 'VT-KMS-1', 'stack-wide');
    TrainingPolicy.acknowledge(key, 'VT-KMS-1', 'this key specifically');
    Testing.synth(stack);
    expect(TrainingPolicy.acknowledgementsOf(stack).map((a) => a.reason)).toEqual(['this key specifically']);
  });

  test('a blank or missing reason is refused where the acknowledgement is made', () => {
    const { stack } = policyStack();
    const key = cryptoKey(stack, 'k');
    expect(() => TrainingPolicy.acknowledge(key, 'VT-KMS-1', '')).toThrow(/test\/k: policy acknowledgement of VT-KMS-1: reason "" is not valid: must say why/);
    expect(() => TrainingPolicy.acknowledge(key, 'VT-KMS-1', '   ')).toThrow(/reason/);
    expect(() => TrainingPolicy.acknowledge(key, 'VT-KMS-1', undefined as unknown as string)).toThrow(/reason/);
  });

  test('an unknown rule ID is refused', () => {
    const { stack } = policyStack();
    expect(() => TrainingPolicy.acknowledge(stack, 'VT-NOPE-1', 'because')).toThrow(/ruleId "VT-NOPE-1" is not valid: must be a rule of the training policy \(VT-CMEK-1, /);
  });

  test('a second synth neither duplicates annotations nor findings', () => {
    const { stack } = policyStack();
    const key = cryptoKey(stack, 'k', { rotationPeriod: '31536000s' });
    new ProjectIamBinding(stack, 'binding', { project: 'acme-ml', role: 'roles/aiplatform.user', members: ['group:ml@acme.example'] });
    TrainingPolicy.acknowledge(key, 'VT-KMS-1', 'agreed');
    const first = Testing.synth(stack);
    const findings = TrainingPolicy.findingsOf(stack);
    expect(Testing.synth(stack)).toBe(first);
    expect(TrainingPolicy.findingsOf(stack)).toEqual(findings);
    expect(errors(stack)).toHaveLength(1);
    expect(infos(stack)).toHaveLength(1);
  });

  test('the policy is off in a stack it is not applied to', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'plain');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    cryptoKey(stack, 'k', { rotationPeriod: '31536000s' });
    expect(violations(stack)).toEqual([]);
    expect(synthError(stack)).toBeUndefined();
  });
});
