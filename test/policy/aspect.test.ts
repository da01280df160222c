import { Aspects, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { TrainingEnvironment } from '../../lib/environment/training-environment';
import { BucketCmekRule } from '../../lib/policy/rules/bucket-cmek';
import { KeyRotationRule } from '../../lib/policy/rules/key-rotation';
import { TrainingPolicy } from '../../lib/policy/training-policy';
import { bucket, cryptoKey, jobSpec, KEY, policyStack, requestBody, violations } from './helpers';

/** A stack with many resources of checked and unchecked kinds. */
function bigStack(count: number): TerraformStack {
  const { stack } = policyStack();
  for (let i = 0; i < count; i++) {
    bucket(stack, `bucket-${i}`);
    cryptoKey(stack, `key-${i}`);
    requestBody(stack, `job_${i}`, 'CustomJob', { jobSpec: jobSpec(), encryptionSpec: { kmsKeyName: KEY } });
  }
  return stack;
}

describe('the policy aspect', () => {
  test('visits every construct exactly once per synth, and checks each resource once per rule', () => {
    const stack = bigStack(150);
    const visit = jest.spyOn(TrainingPolicy.prototype, 'visit');
    const bucketCheck = jest.spyOn(BucketCmekRule.prototype, 'check');
    const keyCheck = jest.spyOn(KeyRotationRule.prototype, 'check');
    try {
      const constructs = stack.node.findAll().map((c) => c.node.path);
      Testing.synth(stack);
      const visited = visit.mock.calls.map(([node]) => (node as IConstruct).node.path);
      expect(visited).toHaveLength(constructs.length);
      expect(new Set(visited).size).toBe(visited.length);
      expect(new Set(visited)).toEqual(new Set(constructs));
      expect(bucketCheck).toHaveBeenCalledTimes(150);
      expect(keyCheck).toHaveBeenCalledTimes(150);
      expect(violations(stack)).toEqual([]);
    } finally {
      visit.mockRestore();
      bucketCheck.mockRestore();
      keyCheck.mockRestore();
    }
  });

  test('applying it twice (or through several environments) adds it once', () => {
    const { stack } = policyStack();
    TrainingPolicy.applyTo(stack);
    TrainingPolicy.applyTo(stack);
    expect(Aspects.of(stack).all.filter((a) => a instanceof TrainingPolicy)).toHaveLength(1);
  });

  test('findings are sorted by path, rule and problem, the same at every synth', () => {
    const { stack } = policyStack();
    cryptoKey(stack, 'z-key', { rotationPeriod: undefined, lifecycle: undefined });
    bucket(stack, 'a-bucket', { versioning: undefined, encryption: undefined });
    Testing.synth(stack);
    const findings = TrainingPolicy.findingsOf(stack);
    expect(findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual([
      'test/a-bucket VT-CMEK-1',
      'test/a-bucket VT-GCS-3',
      'test/z-key VT-KMS-1',
      'test/z-key VT-KMS-2',
    ]);
    Testing.synth(stack);
    expect(TrainingPolicy.findingsOf(stack)).toEqual(findings);
  });

  test('a default TrainingEnvironment complies', () => {
    const { stack } = policyStack();
    new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region: 'us-central1' });
    Testing.synth(stack);
    expect(TrainingPolicy.findingsOf(stack).filter((f) => !f.acknowledged)).toEqual([]);
  });

  test('a TrainingPerimeter is judged by the services it will restrict; an API enabled beside it is caught', () => {
    const { stack } = policyStack();
    const env = new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml', region: 'us-central1', perimeter: { accessPolicy: 'accessPolicies/1' },
    });
    new ProjectService(stack, 'notebooks', { project: 'acme-ml', service: 'notebooks.googleapis.com', disableOnDestroy: false });
    const found = violations(stack);
    expect(found.map((f) => [f.ruleId, f.path])).toEqual([['VT-VPCSC-1', `${env.perimeter!.node.path}/perimeter`]]);
    expect(found[0].problem).toBe('its dry-run configuration (spec) does not restrict notebooks.googleapis.com, which google_project_service.notebooks enables');
  });

  test('additionalRestrictedServices closes the gap', () => {
    const { stack } = policyStack();
    new TrainingEnvironment(stack, 'ml', {
      projectId: 'acme-ml', region: 'us-central1',
      perimeter: { accessPolicy: 'accessPolicies/1', additionalRestrictedServices: ['notebooks.googleapis.com'] },
    });
    new ProjectService(stack, 'notebooks', { project: 'acme-ml', service: 'notebooks.googleapis.com', disableOnDestroy: false });
    expect(violations(stack)).toEqual([]);
  });
});
