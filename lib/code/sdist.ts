/**
 * Deterministic Python source distributions (`<name>-<version>.tar.gz`) built at synth time from a
 * local directory, with Node built-ins only (no Python on the synthesizing machine).
 *
 * The same sources always give the same bytes: entries are sorted; every tar header has fixed
 * owner (0/0, no names), fixed modes (0755 directories, 0644 files) and a fixed mtime (1980-01-01,
 * the earliest time a zip, and so a wheel built from the sdist, can hold); the gzip header has mtime
 * 0 and OS "unknown" (255). Only regular files and directories are packaged; symbolic links and
 * other special files are reported as problems rather than silently dropped or followed.
 *
 * The archive holds one top directory `<name>-<version>/` with the directory's contents. The name
 * and version come from `pyproject.toml` (`[project]`), `setup.cfg` (`[metadata]`) or `setup.py`
 * when they are written there as plain strings; otherwise from the directory's name and `0.0.0`.
 * pip takes the real name and version from the build backend, not from the file name. No
 * `PKG-INFO` is generated: some backends (hatchling) trust a `PKG-INFO` they find over the project
 * file, and a minimal one would drop the dependencies.
 *
 * `contentHash` is the SHA-256 of the uncompressed tar stream, so it depends only on the packaged
 * files (their paths and bytes), not on the zlib build that compressed them.
 */
import { createHash } from 'crypto';
import { lstatSync, readdirSync, readFileSync, Stats, statSync } from 'fs';
import { basename, join, resolve } from 'path';
import { gzipSync } from 'zlib';
import { Problem } from '../spec/problem';

/** A built source distribution. */
export interface Sdist {
  /** Normalized distribution name (PEP 625: runs of `-_.` become `_`, lower case). */
  readonly name: string;
  readonly version: string;
  /** `<name>-<version>.tar.gz`. */
  readonly fileName: string;
  /** SHA-256 (hex) of the uncompressed tar stream. */
  readonly contentHash: string;
  /** The gzipped tar archive. */
  readonly bytes: Buffer;
  /** Paths inside the archive, in archive order (directories end with `/`). */
  readonly entries: readonly string[];
}

/** The outcome of building a source distribution. */
export interface SdistResult {
  readonly sdist?: Sdist;
  readonly problems: Problem[];
}

/** Names skipped at any depth (directories or files). */
export const SDIST_EXCLUDED_NAMES: readonly string[] = [
  '.git', '.hg', '.svn', '.venv', 'node_modules', '__pycache__',
  '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.ipynb_checkpoints', '.DS_Store',
];
/** Names skipped at the top of the directory only (build outputs of setuptools and friends). */
export const SDIST_EXCLUDED_TOP_NAMES: readonly string[] = ['dist', 'build'];
/** Name suffixes skipped at any depth. */
export const SDIST_EXCLUDED_SUFFIXES: readonly string[] = ['.pyc', '.pyo', '.egg-info'];

/** Files of which the directory must hold one at its top. */
export const SDIST_PROJECT_FILES: readonly string[] = ['pyproject.toml', 'setup.py'];

const FIXED_MTIME = 315_532_800; // 1980-01-01T00:00:00Z
const BLOCK = 512;
const MAX_FILE_BYTES = 8 ** 11 - 1; // ustar size field: 11 octal digits

interface Entry {
  /** Path inside the archive (posix, directories end with `/`). */
  readonly path: string;
  readonly absolute?: string;
  readonly directory: boolean;
}

/** Whether the packager skips `name` (at the top of the directory when `top`). */
export function isExcludedFromSdist(name: string, top: boolean): boolean {
  if (SDIST_EXCLUDED_NAMES.includes(name)) return true;
  if (top && SDIST_EXCLUDED_TOP_NAMES.includes(name)) return true;
  return SDIST_EXCLUDED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/**
 * Packages `directory` as a source distribution. `field` names the input in problems (for example
 * `code.packages[0]`). Reads the file system; never throws for bad input.
 */
export function buildSdist(directory: string, field = 'pythonPackage'): SdistResult {
  const root = resolve(directory);
  let rootStat: Stats | undefined;
  try {
    rootStat = statSync(root); // the directory itself may be reached through a link
  } catch {
    rootStat = undefined;
  }
  if (!rootStat || !rootStat.isDirectory()) {
    return { problems: [{ field, value: directory, allowed: 'must be an existing directory with the Python package sources' }] };
  }
  try {
    if (!SDIST_PROJECT_FILES.some((f) => statOrUndefined(join(root, f))?.isFile())) {
      return { problems: [{ field, value: directory, allowed: 'must contain setup.py or pyproject.toml at its top (a Python project that pip can build)' }] };
    }
    return pack(root, directory, field);
  } catch (error) {
    return { problems: [{ field, value: directory, allowed: `must be readable to be packaged (${(error as Error).message})` }] };
  }
}

function pack(root: string, directory: string, field: string): SdistResult {
  const problems: Problem[] = [];
  const { name, version } = projectIdentity(root);
  const top = `${name}-${version}`;
  const entries: Entry[] = [{ path: `${top}/`, directory: true }];
  walk(root, `${top}/`, true, entries, problems, field, directory);
  if (problems.length > 0) return { problems };

  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.directory ? undefined : readFileSync(entry.absolute!);
    if (data && data.length > MAX_FILE_BYTES) {
      problems.push({ field, value: entry.path, allowed: 'files of a source distribution must be smaller than 8 GiB' });
      continue;
    }
    const header = tarHeader(entry.path, entry.directory, data ? data.length : 0);
    if (!header) {
      problems.push({ field, value: entry.path, allowed: 'paths inside the package must fit a ustar header (at most 255 bytes, with a 100-byte last part)' });
      continue;
    }
    blocks.push(header);
    if (data) {
      blocks.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad > 0) blocks.push(Buffer.alloc(pad));
    }
  }
  if (problems.length > 0) return { problems };
  blocks.push(Buffer.alloc(2 * BLOCK));
  const tar = Buffer.concat(blocks);

  const bytes = gzipSync(tar, { level: 9 });
  bytes.writeUInt32LE(0, 4); // MTIME: none
  bytes[9] = 255; // OS: unknown (zlib writes the compiling platform's code)

  return {
    sdist: {
      name,
      version,
      fileName: `${top}.tar.gz`,
      contentHash: createHash('sha256').update(tar).digest('hex'),
      bytes,
      entries: entries.map((e) => e.path),
    },
    problems,
  };
}

function walk(dir: string, prefix: string, top: boolean, entries: Entry[], problems: Problem[], field: string, directory: string): void {
  const names = readdirSync(dir).sort(compareNames);
  for (const name of names) {
    if (isExcludedFromSdist(name, top)) continue;
    const absolute = join(dir, name);
    const stat = lstatSync(absolute);
    const path = `${prefix}${name}`;
    if (stat.isDirectory()) {
      entries.push({ path: `${path}/`, directory: true });
      walk(absolute, `${path}/`, false, entries, problems, field, directory);
    } else if (stat.isFile()) {
      entries.push({ path, absolute, directory: false });
    } else {
      problems.push({
        field,
        value: join(directory, path.slice(path.indexOf('/') + 1)),
        allowed: `only regular files and directories are packaged (this is a ${stat.isSymbolicLink() ? 'symbolic link' : 'special file'}: replace it with a copy or remove it)`,
      });
    }
  }
}

/** Code-point order, independent of locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// ustar

function tarHeader(path: string, directory: boolean, size: number): Buffer | undefined {
  const split = splitPath(path);
  if (!split) return undefined;
  const header = Buffer.alloc(BLOCK);
  header.write(split.name, 0, 100, 'utf8');
  writeOctal(header, directory ? 0o755 : 0o644, 100, 8);
  writeOctal(header, 0, 108, 8); // uid
  writeOctal(header, 0, 116, 8); // gid
  writeOctal(header, size, 124, 12);
  writeOctal(header, FIXED_MTIME, 136, 12);
  header.fill(0x20, 148, 156); // checksum field counts as spaces
  header.write(directory ? '5' : '0', 156, 1, 'ascii');
  header.write('ustar\u000000', 257, 8, 'ascii'); // magic "ustar\0", version "00"
  writeOctal(header, 0, 329, 8); // devmajor
  writeOctal(header, 0, 337, 8); // devminor
  header.write(split.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return header;
}

function writeOctal(buffer: Buffer, value: number, offset: number, length: number): void {
  buffer.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

/** ustar splits long paths into a prefix (≤155 bytes) and a name (≤100 bytes) at a `/`. */
function splitPath(path: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  const trailing = path.endsWith('/') ? '/' : '';
  for (let i = body.indexOf('/'); i >= 0; i = body.indexOf('/', i + 1)) {
    const prefix = body.slice(0, i);
    const name = body.slice(i + 1) + trailing;
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name.length > 0) return { name, prefix };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Name and version

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const VERSION = /^[0-9][A-Za-z0-9.+!]*$/;

/** PEP 625 file-name form of a distribution name. */
export function normalizeDistributionName(name: string): string {
  return name.replace(/[-_.]+/g, '_').toLowerCase();
}

function projectIdentity(root: string): { name: string; version: string } {
  const found = [fromPyproject(root), fromSetupCfg(root), fromSetupPy(root)];
  const name = found.map((f) => f.name).find((n) => n !== undefined && NAME.test(n));
  const version = found.map((f) => f.version).find((v) => v !== undefined && VERSION.test(v));
  const fallback = normalizeDistributionName(basename(root).replace(/[^A-Za-z0-9._-]/g, '_')).replace(/^_+|_+$/g, '');
  return {
    name: normalizeDistributionName(name ?? (fallback.length > 0 ? fallback : 'package')),
    version: version ?? '0.0.0',
  };
}

interface Identity { name?: string; version?: string }

function readText(path: string): string | undefined {
  const stat = statOrUndefined(path);
  return stat && stat.isFile() ? readFileSync(path, 'utf8') : undefined;
}

/** Lines of the `[section]` of an INI-like or TOML file, up to the next section header. */
function section(text: string, header: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `[${header}]`);
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^\s*\[/.test(l));
  return end < 0 ? rest : rest.slice(0, end);
}

function fromPyproject(root: string): Identity {
  const text = readText(join(root, 'pyproject.toml'));
  if (text === undefined) return {};
  const lines = section(text, 'project');
  const value = (key: string) => {
    for (const line of lines) {
      const m = new RegExp(`^\\s*${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)')\\s*(?:#.*)?$`).exec(line);
      if (m) return m[1] ?? m[2];
    }
    return undefined;
  };
  return { name: value('name'), version: value('version') };
}

function fromSetupCfg(root: string): Identity {
  const text = readText(join(root, 'setup.cfg'));
  if (text === undefined) return {};
  const lines = section(text, 'metadata');
  const value = (key: string) => {
    for (const line of lines) {
      const m = new RegExp(`^\\s*${key}\\s*[=:]\\s*([^\\s#;]+)\\s*$`).exec(line);
      if (m) return m[1];
    }
    return undefined;
  };
  return { name: value('name'), version: value('version') };
}

function fromSetupPy(root: string): Identity {
  const text = readText(join(root, 'setup.py'));
  if (text === undefined) return {};
  const call = text.indexOf('setup(');
  const body = call >= 0 ? text.slice(call) : text;
  const value = (key: string) => {
    const m = new RegExp(`\\b${key}\\s*=\\s*(?:"([^"\\n]*)"|'([^'\\n]*)')`).exec(body);
    return m ? (m[1] ?? m[2]) : undefined;
  };
  return { name: value('name'), version: value('version') };
}
