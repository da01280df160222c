import { TerraformVariable } from 'cdktf';
import { environmentStack, named, ofType, synthJson } from '../helpers/synth';

describe('buckets', () => {
  test('three regional, private, versioned buckets named after project, prefix and role', () => {
    const json = synthJson(environmentStack().stack);
    const buckets = Object.values(ofType(json, 'google_storage_bucket'));
    expect(buckets.map((b) => b.name).sort()).toEqual(['acme-ml-ml-artifacts', 'acme-ml-ml-data', 'acme-ml-ml-staging']);
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({
        project: 'acme-ml',
        location: 'US-CENTRAL1',
        storage_class: 'STANDARD',
        uniform_bucket_level_access: true,
        public_access_prevention: 'enforced',
        force_destroy: false,
        versioning: { enabled: true },
        soft_delete_policy: { retention_duration_seconds: 604800 },
        labels: { 'managed-by': 'cdktf-vertex-training', 'vertex-training-env': 'ml' },
      });
      expect(bucket.lifecycle_rule).toEqual(expect.arrayContaining([
        { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' } },
      ]));
    }
  });

  test('data and artifacts are protected from destroy; staging objects under tmp/ expire', () => {
    const json = synthJson(environmentStack().stack);
    expect(named(json, 'google_storage_bucket', 'ml_data-bucket_').lifecycle).toEqual({ prevent_destroy: true });
    expect(named(json, 'google_storage_bucket', 'ml_artifacts-bucket_').lifecycle).toEqual({ prevent_destroy: true });
    const staging = named(json, 'google_storage_bucket', 'ml_staging-bucket_');
    expect(staging.lifecycle).toEqual({ prevent_destroy: false });
    expect(staging.lifecycle_rule).toContainEqual({
      action: { type: 'Delete' }, condition: { age: 14, with_state: 'LIVE', matches_prefix: ['tmp/'] },
    });
    expect(named(json, 'google_storage_bucket', 'ml_data-bucket_').lifecycle_rule).toHaveLength(2);
  });

  test('names, retention, soft delete, expiration and destroy protection are configurable', () => {
    const json = synthJson(environmentStack({
      dataBucket: {
        name: 'acme-training-data',
        noncurrentVersionRetentionDays: 365,
        softDeleteRetentionDays: 0,
        objectExpirationDays: 90,
        objectExpirationPrefixes: [],
        preventDestroy: false,
      },
    }).stack);
    const data = named(json, 'google_storage_bucket', 'ml_data-bucket_');
    expect(data.name).toBe('acme-training-data');
    expect(data.soft_delete_policy).toEqual({ retention_duration_seconds: 0 });
    expect(data.lifecycle).toEqual({ prevent_destroy: false });
    expect(data.lifecycle_rule).toContainEqual({ action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 365, with_state: 'ARCHIVED' } });
    expect(data.lifecycle_rule).toContainEqual({ action: { type: 'Delete' }, condition: { age: 90, with_state: 'LIVE' } });
  });

  test('an existing bucket is not created but still granted to the trainer', () => {
    const { stack, env } = environmentStack({ dataBucket: { existingBucketName: 'corp-datalake' } });
    const json = synthJson(stack);
    expect(Object.values(ofType(json, 'google_storage_bucket')).map((b) => b.name)).not.toContain('corp-datalake');
    expect(env.dataBucket.bucket).toBeUndefined();
    expect(env.dataBucket.url).toBe('gs://corp-datalake');
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_data-bucket_trainer_')).toMatchObject({
      bucket: 'corp-datalake', role: 'roles/storage.objectViewer',
    });
  });

  test('grant methods add additive members with readable, stable IDs', () => {
    const { stack, env } = environmentStack();
    env.grantDataRead('group:data-scientists@example.com');
    env.grantDataReadWrite('serviceAccount:etl@acme-ml.iam.gserviceaccount.com');
    env.grantArtifactsRead('user:ana@example.com');
    const json = synthJson(stack);
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_data-bucket_storage-objectViewer-group-data-scientists-example-com_'))
      .toMatchObject({ role: 'roles/storage.objectViewer', member: 'group:data-scientists@example.com' });
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_data-bucket_storage-objectUser-serviceaccount-etl-acme-ml-iam-gserviceaccount-com_'))
      .toMatchObject({ role: 'roles/storage.objectUser' });
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_artifacts-bucket_storage-objectViewer-user-ana-example-com_'))
      .toMatchObject({ role: 'roles/storage.objectViewer' });
  });

  test('grants to Terraform-known members are numbered in call order', () => {
    const { stack, env } = environmentStack();
    const member = new TerraformVariable(stack, 'reader', { type: 'string' }).stringValue;
    env.grantDataRead(member);
    env.grantDataRead(member);
    const json = synthJson(stack);
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_data-bucket_storage-objectViewer-1_').member).toBe('${var.reader}');
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_data-bucket_storage-objectViewer-2_').member).toBe('${var.reader}');
  });

  test('default names of a domain-scoped project replace the characters bucket names cannot hold', () => {
    const json = synthJson(environmentStack({ projectId: 'example.com:acme-ml' }).stack);
    expect(Object.values(ofType(json, 'google_storage_bucket')).map((b) => b.name).sort())
      .toEqual(['example-com-acme-ml-ml-artifacts', 'example-com-acme-ml-ml-data', 'example-com-acme-ml-ml-staging']);
  });
});
