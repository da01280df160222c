import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { buildSdist, isExcludedFromSdist, normalizeDistributionName } from '../../lib/code/sdist';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdist-test-'));
  roots.push(dir);
  return dir;
}

/** A small setuptools project, with the clutter a working tree has. */
function fixture(files: { [path: string]: string } = {}): string {
  const dir = join(tempDir(), 'trainer-src');
  const all: { [path: string]: string } = {
    'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "Demo.Trainer"\nversion = "0.3.1"\n\n[tool.setuptools]\npackages = ["trainer"]\n',
    'trainer/__init__.py': '',
    'trainer/task.py': 'def main():\n    return 42\n',
    'trainer/data/labels.txt': 'cat\ndog\n',
    'trainer/build/keep.py': '# a package directory named build below the top is kept\n',
    'trainer/__pycache__/task.cpython-311.pyc': 'bytecode',
    'trainer/old.pyc': 'bytecode',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.venv/bin/python': '',
    'node_modules/x/index.js': '',
    'Demo_Trainer.egg-info/PKG-INFO': 'stale',
    'dist/old.tar.gz': 'stale',
    'build/lib/trainer/task.py': 'stale',
    '.pytest_cache/v/cache/lastfailed': '{}',
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Entries of a ustar archive: path, type flag, size, mode, mtime, uid, gid, content. */
function readTar(tar: Buffer) {
  const out: { path: string; type: string; size: number; mode: number; mtime: number; uid: number; gid: number; content: Buffer }[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const str = (start: number, len: number) => h.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const oct = (start: number, len: number) => parseInt(str(start, len).trim() || '0', 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    expect(oct(148, 8)).toBe(sum);
    expect(str(257, 6)).toBe('ustar');
    const prefix = str(345, 155);
    const path = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const size = oct(124, 12);
    out.push({ path, type: str(156, 1), size, mode: oct(100, 8), mtime: oct(136, 12), uid: oct(108, 8), gid: oct(116, 8), content: tar.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe('buildSdist', () => {
  test('packages the directory under <name>-<version>/, without clutter', () => {
    const result = buildSdist(fixture());
    expect(result.problems).toEqual([]);
    const sdist = result.sdist!;
    expect(sdist.name).toBe('demo_trainer');
    expect(sdist.version).toBe('0.3.1');
    expect(sdist.fileName).toBe('demo_trainer-0.3.1.tar.gz');
    expect(sdist.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sdist.entries).toEqual([
      'demo_trainer-0.3.1/',
      'demo_trainer-0.3.1/pyproject.toml',
      'demo_trainer-0.3.1/trainer/',
      'demo_trainer-0.3.1/trainer/__init__.py',
      'demo_trainer-0.3.1/trainer/build/',
      'demo_trainer-0.3.1/trainer/build/keep.py',
      'demo_trainer-0.3.1/trainer/data/',
      'demo_trainer-0.3.1/trainer/data/labels.txt',
      'demo_trainer-0.3.1/trainer/task.py',
    ]);
  });

  test('tar headers are fixed: modes, owner, mtime; contents are the files', () => {
    const sdist = buildSdist(fixture()).sdist!;
    const tar = gunzipSync(sdist.bytes);
    const entries = readTar(tar);
    expect(entries.map((e) => e.path)).toEqual(sdist.entries);
    for (const e of entries) {
      expect(e.mtime).toBe(315532800);
      expect(e.uid).toBe(0);
      expect(e.gid).toBe(0);
      expect(e.mode).toBe(e.type === '5' ? 0o755 : 0o644);
      expect(e.path.endsWith('/')).toBe(e.type === '5');
    }
    expect(entries.find((e) => e.path.endsWith('task.py'))!.content.toString()).toBe('def main():\n    return 42\n');
    expect(tar.length % 512).toBe(0);
  });

  test('gzip header: mtime 0, OS unknown', () => {
    const bytes = buildSdist(fixture()).sdist!.bytes;
    expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(bytes.readUInt32LE(4)).toBe(0);
    expect(bytes[9]).toBe(255);
  });

  test('two builds of the same sources are byte-identical, wherever the sources are', () => {
    const a = buildSdist(fixture()).sdist!;
    const b = buildSdist(fixture()).sdist!;
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(b.contentHash).toBe(a.contentHash);
  });

  test('the content hash changes when a file changes or is added; not for excluded files', () => {
    const base = buildSdist(fixture()).sdist!.contentHash;
    expect(buildSdist(fixture({ 'trainer/task.py': 'def main():\n    return 43\n' })).sdist!.contentHash).not.toBe(base);
    expect(buildSdist(fixture({ 'trainer/extra.py': '' })).sdist!.contentHash).not.toBe(base);
    expect(buildSdist(fixture({ 'trainer/__pycache__/other.pyc': 'x', '.git/ORIG_HEAD': 'x', 'dist/new.whl': 'x' })).sdist!.contentHash).toBe(base);
  });

  test('extracts with tar when tar is available', () => {
    const sdist = buildSdist(fixture()).sdist!;
    const hasTar = spawnSync('tar', ['--version']).status === 0;
    if (!hasTar) return;
    const dir = tempDir();
    writeFileSync(join(dir, sdist.fileName), sdist.bytes);
    execFileSync('tar', ['-xzf', sdist.fileName], { cwd: dir });
    expect(readdirSync(join(dir, 'demo_trainer-0.3.1')).sort()).toEqual(['pyproject.toml', 'trainer']);
    expect(readFileSync(join(dir, 'demo_trainer-0.3.1/trainer/data/labels.txt'), 'utf8')).toBe('cat\ndog\n');
  });

  test('long paths use the ustar prefix field', () => {
    const deep = `trainer/${'a'.repeat(60)}/${'b'.repeat(60)}/module.py`;
    const sdist = buildSdist(fixture({ [deep]: 'x = 1\n' })).sdist!;
    const entries = readTar(gunzipSync(sdist.bytes));
    expect(entries.map((e) => e.path)).toContain(`demo_trainer-0.3.1/${deep}`);
  });

  test('a directory without setup.py or pyproject.toml is a problem', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'task.py'), '');
    expect(buildSdist(dir, 'code.package')).toEqual({
      problems: [{ field: 'code.package', value: dir, allowed: expect.stringContaining('setup.py or pyproject.toml') }],
    });
  });

  test('a missing directory is a problem', () => {
    const missing = join(tempDir(), 'nope');
    expect(buildSdist(missing, 'code.package').problems).toEqual([
      { field: 'code.package', value: missing, allowed: expect.stringContaining('existing directory') },
    ]);
  });

  test('the directory itself may be a symbolic link', () => {
    const dir = fixture();
    const link = join(tempDir(), 'linked');
    symlinkSync(dir, link);
    const result = buildSdist(link);
    expect(result.problems).toEqual([]);
    expect(result.sdist!.contentHash).toBe(buildSdist(dir).sdist!.contentHash);
  });

  test('symbolic links inside are refused', () => {
    const dir = fixture();
    symlinkSync(join(dir, 'trainer/task.py'), join(dir, 'trainer/link.py'));
    const result = buildSdist(dir, 'code.package');
    expect(result.sdist).toBeUndefined();
    expect(result.problems).toEqual([
      { field: 'code.package', value: join(dir, 'trainer/link.py'), allowed: expect.stringContaining('symbolic link') },
    ]);
  });

  test('name and version from setup.py, setup.cfg, or the directory', () => {
    const withSetupPy = fixture({ 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n', 'setup.py': 'from setuptools import setup\nsetup(\n    name="my-trainer",\n    version=\'1.2.0\',\n)\n' });
    expect(buildSdist(withSetupPy).sdist!.fileName).toBe('my_trainer-1.2.0.tar.gz');
    const withCfg = fixture({ 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n', 'setup.cfg': '[metadata]\nname = cfg.trainer\nversion = 2.0\n' });
    expect(buildSdist(withCfg).sdist!.fileName).toBe('cfg_trainer-2.0.tar.gz');
    const dynamic = fixture({ 'pyproject.toml': '[project]\nname = "dyn"\ndynamic = ["version"]\n' });
    expect(buildSdist(dynamic).sdist!.fileName).toBe('dyn-0.0.0.tar.gz');
    const bare = fixture({ 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n' });
    expect(buildSdist(bare).sdist!.fileName).toBe('trainer_src-0.0.0.tar.gz');
  });

  test('exclusion rules', () => {
    expect(isExcludedFromSdist('__pycache__', false)).toBe(true);
    expect(isExcludedFromSdist('x.pyc', false)).toBe(true);
    expect(isExcludedFromSdist('pkg.egg-info', false)).toBe(true);
    expect(isExcludedFromSdist('dist', true)).toBe(true);
    expect(isExcludedFromSdist('dist', false)).toBe(false);
    expect(isExcludedFromSdist('build', false)).toBe(false);
    expect(isExcludedFromSdist('task.py', false)).toBe(false);
    expect(normalizeDistributionName('My.Cool--Trainer_x')).toBe('my_cool_trainer_x');
  });
});

/**
 * pip must install what we build. Uses `SDIST_TEST_PYTHON` or `python3`; needs pip and setuptools,
 * and wheel when setuptools is older than 70.1 (older setuptools builds wheels through it).
 */
const python = process.env.SDIST_TEST_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', [
  'import setuptools',
  'if tuple(int(x) for x in setuptools.__version__.split(".")[:2]) < (70, 1): import wheel.bdist_wheel',
  'import pip',
].join('\n')]);
const pipReady = probe.status === 0;

(pipReady ? test : test.skip)(`pip installs the generated sdist${pipReady ? '' : ' (skipped: needs python3 with pip, setuptools and wheel)'}`, () => {
  for (const variant of ['pyproject', 'setup.py'] as const) {
    const src = variant === 'pyproject'
      ? fixture()
      : fixture({ 'pyproject.toml': '', 'setup.py': 'from setuptools import setup\nsetup(name="demo-trainer", version="0.3.1", packages=["trainer"], package_data={"trainer": ["data/*.txt"]})\n' });
    if (variant === 'setup.py') rmSync(join(src, 'pyproject.toml'));
    const sdist = buildSdist(src).sdist!;
    const dir = tempDir();
    writeFileSync(join(dir, sdist.fileName), sdist.bytes);
    const target = join(dir, 'site');
    const run = spawnSync(python, ['-m', 'pip', 'install', '--no-deps', '--no-index', '--no-build-isolation', '--disable-pip-version-check', '--target', target, join(dir, sdist.fileName)], { encoding: 'utf8' });
    expect(`${variant}: ${run.status}\n${run.stdout}\n${run.stderr}`).toMatch(new RegExp(`^${variant}: 0`));
    const check = spawnSync(python, ['-c', 'import trainer.task as t; print(t.main())'], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: target } });
    expect(check.stdout.trim()).toBe('42');
  }
});
