import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { ScaleBaselineStack } from '../bench/baseline/scale';
import { ScaleStack } from '../bench/library/scale';

/**
 * The scale benchmark's hand-written baseline (bench/baseline/scale.ts) must be a fair twin of the
 * library stack it is compared with (bench/library/scale.ts): the same resources, data sources,
 * locals (request bodies, manifests, the quota lookup), arguments, wiring, providers, outputs and
 * backend, so that the measured difference is the library's cost and nothing else. The approach of
 * test/bench-baseline.test.ts, extended to locals: logical names (construct paths) may differ and
 * are replaced by canonical ones before comparing; `local.NAME` references are normalized like
 * resource addresses.
 */

type Json = { [key: string]: any };
interface Declaration { address: string; type: string; body: any }

function synth(build: (app: ReturnType<typeof Testing.app>) => TerraformStack): Json {
  return JSON.parse(Testing.synth(build(Testing.app())));
}

/** Every declared address (`type.name`, `data.type.name`, `local.name`) with its type and body. */
function declarations(json: Json): Declaration[] {
  const found: Declaration[] = [];
  for (const block of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries<Json>(json[block] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const prefix = block === 'data' ? 'data.' : '';
        found.push({ address: `${prefix}${type}.${name}`, type: `${prefix}${type}`, body });
      }
    }
  }
  for (const [name, body] of Object.entries(json.locals ?? {})) found.push({ address: `local.${name}`, type: 'local', body });
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
 * Structural names: each declaration is named by a hash of its type and body, in which references
 * carry the structural names of what they point to, iterated to a fixed point (see
 * test/bench-baseline.test.ts). Two declarations get the same name exactly when they have the same
 * arguments and refer, argument by argument, to structurally equal declarations.
 */
function structuralNames(all: Declaration[]): Map<string, string> {
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

/** Per type (locals as `local`), the sorted canonical bodies; and the canonical outputs. */
function canonicalForm(json: Json, naming: 'placeholder' | 'structural'): { byType: { [type: string]: string[] }; outputs: Json } {
  const all = declarations(json);
  const declared = new Set(all.map((d) => d.address));
  const structural = naming === 'structural' ? structuralNames(all) : undefined;
  const names = (address: string) => structural?.get(address) ?? 'X';
  const byType: { [type: string]: string[] } = {};
  for (const { type, body } of all) (byType[type] ??= []).push(JSON.stringify(canonical(body, declared, names), null, 2));
  for (const bodies of Object.values(byType)) bodies.sort();
  return { byType, outputs: canonical(json.output ?? {}, declared, names) };
}

describe.each([3, 1])('bench scale baseline: %i jobs', (jobs) => {
  const library = synth((app) => new ScaleStack(app, 'scale', jobs));
  const baseline = synth((app) => new ScaleBaselineStack(app, 'scale', jobs));

  test('has the same top-level blocks', () => {
    expect(Object.keys(baseline).sort()).toEqual(Object.keys(library).sort());
  });

  test('declares the same number of resources, data sources and locals of every type', () => {
    const counts = (json: Json) => Object.fromEntries(Object.entries(canonicalForm(json, 'placeholder').byType).map(([t, b]) => [t, b.length]));
    expect(counts(baseline)).toEqual(counts(library));
    expect(counts(library).google_cloud_scheduler_job).toBe(jobs);
    expect(counts(library).google_storage_bucket_object).toBe(jobs);
  });

  test('gives every resource, data source and local the same arguments (references to any name as X)', () => {
    // Readable diffs: an argument that differs shows up here as itself.
    expect(canonicalForm(baseline, 'placeholder').byType).toEqual(canonicalForm(library, 'placeholder').byType);
  });

  test('wires every reference and depends_on to the same declaration (structural names)', () => {
    // Catches what placeholders cannot: e.g. a schedule publishing another job's manifest.
    expect(canonicalForm(baseline, 'structural').byType).toEqual(canonicalForm(library, 'structural').byType);
  });

  test('names the request and manifest locals as the library documents them (vertex_<prefix>_<id>)', () => {
    const documented = (json: Json) => Object.keys(json.locals).filter((name) => name.startsWith('vertex_')).sort();
    expect(documented(library)).toHaveLength(2 * jobs);
    expect(documented(baseline)).toEqual(documented(library));
  });

  test('has the same outputs, pointing at the same declarations', () => {
    expect(Object.keys(baseline.output).sort()).toEqual(Object.keys(library.output).sort());
    expect(canonicalForm(baseline, 'structural').outputs).toEqual(canonicalForm(library, 'structural').outputs);
  });

  test('configures the same providers, backend and required providers', () => {
    expect(baseline.provider).toEqual(library.provider);
    expect(baseline.terraform).toEqual(library.terraform);
    expect(baseline.terraform.backend).toEqual({ local: { path: 'terraform.scale.tfstate' } });
  });

  test('exercises the quota plan: a plan-time precondition exactly when a job runs on a GPU', () => {
    const gate = Object.values<Json>(library.resource.terraform_data)[0];
    expect(gate.lifecycle?.precondition ?? []).toHaveLength(jobs >= 3 ? 1 : 0);
  });
});

describe('bench scale baseline: sources', () => {
  const source = (file: string) => readFileSync(join(__dirname, '..', 'bench', file), 'utf8');
  const imports = (text: string) => [...text.matchAll(/^import[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);

  test('the baseline imports nothing from lib/: only cdktf, constructs, deep provider modules and its own files', () => {
    const specifiers = imports(source('baseline/scale.ts'));
    expect(specifiers.length).toBeGreaterThan(0);
    const allowed = /^(cdktf|constructs|@cdktf\/provider-(google|google-beta|time)\/lib\/[a-z0-9-]+|\.\/environment|\.\/launcher-workflow|\.\.\/scale-shape)$/;
    expect(specifiers.filter((s) => !allowed.test(s))).toEqual([]);
    expect(source('baseline/scale.ts')).not.toMatch(/require\(/);
  });

  test('the shared shape and the workflow copy import nothing', () => {
    expect(imports(source('scale-shape.ts'))).toEqual([]);
    expect(imports(source('baseline/launcher-workflow.ts'))).toEqual([]);
  });
});
