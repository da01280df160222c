import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { TrainingReport, TrainingReportData } from '../../lib/report';
import { MANIFEST_PATTERN } from '../../lib/launch/definition';

/**
 * The README says to read the report in the pull request: a one-line change of an example's image
 * digest must show in it, as the new image and as a new launch hash (a run on merge), and nothing
 * else of the report may change. The example's source is copied with exactly that line changed and
 * loaded like the example itself.
 */

const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'distributed-gpu', 'main.ts');
const original = readFileSync(EXAMPLE, 'utf8');
/** The digest the example pins its image by. */
const OLD_DIGEST = /digest: '(sha256:[0-9a-f]{64})'/.exec(original)![1];
const NEW_DIGEST = `sha256:${OLD_DIGEST.startsWith('sha256:5') ? '6' : '5'}${OLD_DIGEST.slice(8)}`;
const directory = mkdtempSync(join(tmpdir(), 'vertex-training-digest-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The example's source with its imports made absolute, so that a copy elsewhere loads the same modules. */
function loadable(source: string): string {
  return source.replace(/from '([^']+)'/g, (_, specifier: string) =>
    `from ${JSON.stringify(specifier.startsWith('.') ? resolve(dirname(EXAMPLE), specifier) : require.resolve(specifier))}`);
}

function build(source: string, file: string): { report: TrainingReportData; markdown: string; terraform: any } {
  const path = join(directory, file);
  writeFileSync(path, loadable(source));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DistributedGpuStack } = require(path) as { DistributedGpuStack: new (scope: Construct, id: string) => TerraformStack };
  const stack = new DistributedGpuStack(Testing.app(), 'distributed-gpu');
  const terraform = JSON.parse(Testing.synth(stack));
  const report = TrainingReport.of(stack);
  return { report, markdown: TrainingReport.renderMarkdown(report), terraform };
}

/** Paths of the leaves that differ between two JSON values. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences((a as any)[key], (b as any)[key], path === '' ? key : `${path}.${key}`));
  }
  return a === b ? [] : [path];
}

const changed = original.replace(OLD_DIGEST, NEW_DIGEST);
const before = build(original, 'before.ts');
const after = build(changed, 'after.ts');

test('the change is one line of the example', () => {
  const lines = (text: string) => text.split('\n');
  const changedLines = lines(original).filter((line, i) => line !== lines(changed)[i]);
  expect(changedLines).toEqual([expect.stringContaining(OLD_DIGEST)]);
  expect(lines(changed)).toHaveLength(lines(original).length);
});

test('the Markdown shows the new image and a new launch hash, on the lines that name them', () => {
  const removed = before.markdown.split('\n').filter((line) => !after.markdown.includes(line));
  const added = after.markdown.split('\n').filter((line) => !before.markdown.includes(line));
  expect(added.length).toBeGreaterThan(0);
  expect(added.length).toBe(removed.length);
  const job = (data: TrainingReportData) => data.environments[0].jobs[0];
  const [oldHash, newHash] = [job(before.report), job(after.report)].map((j) => j.manifest.launchHash.slice(0, 24));
  expect(newHash).not.toBe(oldHash);
  // Every changed line names the new digest or the new launch hash; the image line is among them.
  for (const line of added) expect(line.includes(NEW_DIGEST) || line.includes(newHash)).toBe(true);
  expect(added.some((line) => line.startsWith('- **Image:**') && line.includes(`@${NEW_DIGEST}`))).toBe(true);
  expect(added.some((line) => line.includes('**A deploy launches a run**'))).toBe(true);
});

test('in the JSON, only the image and the launch hash (with the key and name it begins) change', () => {
  const paths = differences(before.report, after.report).map((p) => p.replace(/\.\d+\./g, '.N.').replace(/\.\d+$/, '.N'));
  expect([...new Set(paths)].sort()).toEqual([
    'environments.N.jobs.N.manifest.launchHash',
    'environments.N.jobs.N.manifest.launchKey',
    'environments.N.jobs.N.manifest.objectName',
    'environments.N.jobs.N.triggers.N.launchKey',
    'environments.N.jobs.N.workerPools.N.code.imageDigest',
    'environments.N.jobs.N.workerPools.N.code.imageUri',
  ]);
});

test('the manifest object takes a new name at synth: the deploy writes a new manifest, which launches', () => {
  const names = (terraform: any) => Object.entries<any>(terraform.resource.google_storage_bucket_object)
    .filter(([address]) => address.startsWith('resnet_manifest')).map(([, object]) => object.name as string);
  const [oldName, newName] = [names(before.terraform), names(after.terraform)].map((list) => { expect(list).toHaveLength(1); return list[0]; });
  expect(newName).not.toBe(oldName);
  const launchHash = after.report.environments[0].jobs[0].manifest.launchHash;
  expect(newName.startsWith(`jobs/resnet/${launchHash.slice(0, 24)}\${`)).toBe(true);
  // Evaluated, the name is one the launcher takes as a changed manifest (see test/terraform-core).
  expect(new RegExp(MANIFEST_PATTERN).test(`jobs/resnet/${launchHash.slice(0, 24)}${'0'.repeat(40)}.json`)).toBe(true);
});
