import { readFileSync } from 'fs';
import { join } from 'path';
import { ScaleBaselineStack } from '../bench/baseline/scale';
import { ScaleStack } from '../bench/library/scale';
import { canonicalForm, Json, synth } from './helpers/twins';

/**
 * The scale benchmark's hand-written baseline (bench/baseline/scale.ts) must be a fair twin of the
 * library stack it is compared with (bench/library/scale.ts): the same resources, data sources,
 * locals (request bodies, manifests, the quota lookup), arguments, wiring, providers, outputs and
 * backend, so that the measured difference is the library's cost and nothing else. The approach of
 * test/bench-baseline.test.ts, extended to locals: logical names (construct paths) may differ and
 * are replaced by canonical ones before comparing; `local.NAME` references are normalized like
 * resource addresses.
 */

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
