import { Testing } from 'cdktf';
import { EXAMPLE_STACKS } from '../examples/stacks';
import { postureFindings } from './helpers/posture';
import { environmentStack, synthJson, TerraformJson } from './helpers/synth';

describe.each(Object.keys(EXAMPLE_STACKS).sort())('example %s passes the security review', (name) => {
  const json: TerraformJson = JSON.parse(Testing.synth(EXAMPLE_STACKS[name](Testing.app(), name)));
  test('no findings', () => {
    expect(postureFindings(json, json.provider.google[0].region)).toEqual([]);
  });
});

describe('the security review', () => {
  test('is not vacuous: it flags a weakened environment', () => {
    const { stack } = environmentStack({ encryption: { rotationPeriodDays: 365 } });
    const json = synthJson(stack);
    const bucket = Object.values(json.resource!.google_storage_bucket)[0] as any;
    bucket.public_access_prevention = 'inherited';
    delete bucket.encryption;
    json.resource!.google_project_iam_binding = { x: { role: 'roles/editor', members: ['allUsers'] } };
    const findings = postureFindings(json, 'us-central1');
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(/no CMEK default key/),
      expect.stringMatching(/public access prevention not enforced/),
      expect.stringMatching(/authoritative IAM/),
      expect.stringMatching(/rotation 31536000s is not within 90 days/),
    ]));
  });
});
