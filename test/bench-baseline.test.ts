import { readFileSync } from 'fs';
import { join } from 'path';
import { EnvironmentBaselineStack } from '../bench/baseline/environment';
import { EnvironmentStack } from '../bench/library/environment';
import { canonicalForm, Json, synth } from './helpers/twins';

/**
 * The benchmark's hand-written baseline must be a fair twin of the example it is compared with:
 * the same resources, data sources, arguments, wiring, providers, outputs and backend, so that the
 * measured difference is the library's cost and nothing else. Logical names (construct paths)
 * may differ, so they are replaced by canonical ones before comparing.
 */

describe('bench baseline: environment', () => {
  const example = synth((app) => new EnvironmentStack(app, 'quickstart'));
  const baseline = synth((app) => new EnvironmentBaselineStack(app, 'quickstart'));

  test('has the same top-level blocks', () => {
    expect(Object.keys(baseline).sort()).toEqual(Object.keys(example).sort());
  });

  test('declares the same number of resources and data sources of every type', () => {
    const counts = (json: Json) => Object.fromEntries(Object.entries(canonicalForm(json, 'placeholder').byType).map(([t, b]) => [t, b.length]));
    expect(counts(baseline)).toEqual(counts(example));
  });

  test('gives every resource and data source the same arguments (references to any name as X)', () => {
    // Readable diffs: an argument that differs shows up here as itself.
    expect(canonicalForm(baseline, 'placeholder').byType).toEqual(canonicalForm(example, 'placeholder').byType);
  });

  test('wires every reference and depends_on to the same resource (structural names)', () => {
    // Catches what placeholders cannot: e.g. a bucket encrypted with the registry key instead of the storage key.
    expect(canonicalForm(baseline, 'structural').byType).toEqual(canonicalForm(example, 'structural').byType);
  });

  test('has the same outputs, pointing at the same resources', () => {
    expect(Object.keys(baseline.output).sort()).toEqual(Object.keys(example.output).sort());
    expect(canonicalForm(baseline, 'structural').outputs).toEqual(canonicalForm(example, 'structural').outputs);
  });

  test('configures the same providers, backend and required providers', () => {
    expect(baseline.provider).toEqual(example.provider);
    expect(baseline.terraform).toEqual(example.terraform);
    expect(baseline.terraform.backend).toEqual({ local: { path: 'terraform.quickstart.tfstate' } });
  });

  test('imports nothing from lib/ and only deep provider modules', () => {
    const source = readFileSync(join(__dirname, '..', 'bench', 'baseline', 'environment.ts'), 'utf8');
    const specifiers = [...source.matchAll(/^import[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    const allowed = /^(cdktf|constructs|@cdktf\/provider-google(-beta)?\/lib\/[a-z0-9-]+)$/;
    expect(specifiers.filter((s) => !allowed.test(s))).toEqual([]);
    expect(source).not.toMatch(/require\(/);
  });
});

describe('bench baseline: canonical form', () => {
  const stack = (bucketKey: 'a' | 'b'): Json => ({
    resource: {
      google_kms_crypto_key: { a: { name: 'k1' }, b: { name: 'k2' } },
      google_storage_bucket: { s: { encryption: { default_kms_key_name: `\${google_kms_crypto_key.${bucketKey}.id}` }, depends_on: ['google_kms_crypto_key.a'] } },
    },
  });

  test('ignores logical names but not what a reference points to', () => {
    const renamed: Json = {
      resource: {
        google_kms_crypto_key: { other: { name: 'k2' }, first: { name: 'k1' } },
        google_storage_bucket: { x: { encryption: { default_kms_key_name: '${google_kms_crypto_key.first.id}' }, depends_on: ['google_kms_crypto_key.first'] } },
      },
    };
    expect(canonicalForm(renamed, 'structural')).toEqual(canonicalForm(stack('a'), 'structural'));
    expect(canonicalForm(stack('b'), 'placeholder')).toEqual(canonicalForm(stack('a'), 'placeholder'));
    expect(canonicalForm(stack('b'), 'structural')).not.toEqual(canonicalForm(stack('a'), 'structural'));
  });

  test('leaves undeclared addresses and literal text alone', () => {
    const json: Json = { resource: { google_x: { a: { m: 'serviceAccount:s@gcp-sa-aiplatform.iam.gserviceaccount.com', p: 'google-beta.alias' } } } };
    expect(canonicalForm(json, 'placeholder').byType.google_x[0]).toContain('gcp-sa-aiplatform.iam.gserviceaccount.com');
    expect(canonicalForm(json, 'placeholder').byType.google_x[0]).toContain('google-beta.alias');
  });
});
