import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { EnvironmentBaselineStack } from '../bench/baseline/environment';
import { EnvironmentStack } from '../bench/library/environment';

/**
 * The benchmark's hand-written baseline must be a fair twin of the example it is compared with:
 * the same resources, data sources, arguments, wiring, providers, outputs and backend, so that the
 * measured difference is the library's cost and nothing else. Logical names (construct paths)
 * may differ, so they are replaced by canonical ones before comparing.
 */

type Json = { [key: string]: any };

function synth(build: (app: ReturnType<typeof Testing.app>) => TerraformStack): Json {
  return JSON.parse(Testing.synth(build(Testing.app())));
}

/** Every declared address (`type.name`, `data.type.name`) with its block, type and body. */
function declarations(json: Json): { address: string; type: string; body: any }[] {
  const found: { address: string; type: string; body: any }[] = [];
  for (const block of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries<Json>(json[block] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const prefix = block === 'data' ? 'data.' : '';
        found.push({ address: `${prefix}${type}.${name}`, type: `${prefix}${type}`, body });
      }
    }
  }
  return found;
}

const ADDRESS = /(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;

/**
 * A copy of `value` where each declared address has its logical name replaced by `names(address)`,
 * `//` metadata is dropped, and `depends_on` is sorted (its order means nothing to Terraform).
 */
function canonical(value: any, declared: Set<string>, names: (address: string) => string): any {
  if (typeof value === 'string') {
    return value.replace(ADDRESS, (match, data: string | undefined, type: string) =>
      declared.has(match) ? `${data ?? ''}${type}.${names(match)}` : match);
  }
  if (Array.isArray(value)) return value.map((item) => canonical(item, declared, names));
  if (value && typeof value === 'object') {
    const copy: Json = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '//') continue;
      copy[key] = canonical(value[key], declared, names);
    }
    if (Array.isArray(copy.depends_on)) copy.depends_on = [...copy.depends_on].sort();
    return copy;
  }
  return value;
}

/**
 * Structural names: each resource is named by a hash of its type and its body, in which references
 * carry the structural names of what they point to. Iterated to a fixed point (Terraform graphs are
 * acyclic, so it converges after at most depth + 1 rounds). Two resources get the same name exactly
 * when they have the same arguments and refer, argument by argument, to structurally equal resources.
 */
function structuralNames(json: Json): Map<string, string> {
  const all = declarations(json);
  const declared = new Set(all.map((d) => d.address));
  let names = new Map(all.map((d) => [d.address, 'X']));
  for (let round = 0; round <= all.length; round++) {
    const current = names;
    const next = new Map(all.map((d) => [
      d.address,
      createHash('sha256').update(d.type).update(JSON.stringify(canonical(d.body, declared, (a) => current.get(a)!))).digest('hex').slice(0, 12),
    ]));
    if ([...next].every(([address, name]) => current.get(address) === name)) return next;
    names = next;
  }
  throw new Error('structural names did not converge (a reference cycle?)');
}

/** Per resource / data source type, the sorted canonical bodies; and the canonical outputs. */
function canonicalForm(json: Json, naming: 'placeholder' | 'structural'): { byType: { [type: string]: string[] }; outputs: Json } {
  const all = declarations(json);
  const declared = new Set(all.map((d) => d.address));
  const structural = naming === 'structural' ? structuralNames(json) : undefined;
  const names = (address: string) => structural?.get(address) ?? 'X';
  const byType: { [type: string]: string[] } = {};
  for (const { type, body } of all) (byType[type] ??= []).push(JSON.stringify(canonical(body, declared, names), null, 2));
  for (const bodies of Object.values(byType)) bodies.sort();
  return { byType, outputs: canonical(json.output ?? {}, declared, names) };
}

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
