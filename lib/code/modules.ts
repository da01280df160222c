/**
 * Which Python modules a local package holds, from the files of its source distribution, so that a
 * prebuilt-image job's `module` is checked at synth time instead of failing the run with
 * `No module named ...`. The image runs `python -m MODULE` after pip installs the packages: a module
 * `a.b` is `a/b.py`, or a package `a/b/` with `__main__.py` (`python -m` runs a package's
 * `__main__`; an `__init__.py` alone is not runnable). Modules are looked up at the project's top
 * (flat layout) and under `src/` (src layout). Pure: no file system access.
 */
import { closest } from '../core/words';

/** The modules of one local package. */
export interface PackageModules {
  /** Modules `python -m` can run: `a.b` for `a/b.py` and for `a/b/__main__.py`. */
  readonly runnable: ReadonlySet<string>;
  /** Packages (`a/b/__init__.py`), importable but not runnable without `__main__.py`. */
  readonly packages: ReadonlySet<string>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Top-level files of a project that are not installed modules. */
const PROJECT_SCRIPTS = new Set(['setup', 'conftest', 'noxfile']);
/** Most modules a message lists. */
const LISTED = 8;

/**
 * The modules of a source distribution from its entries (`<name>-<version>/path`, directories
 * ending with `/`, as `buildSdist` lists them).
 */
export function modulesOf(entries: readonly string[]): PackageModules {
  const runnable = new Set<string>();
  const packages = new Set<string>();
  for (const entry of entries) {
    if (!entry.endsWith('.py')) continue;
    let parts = entry.split('/').slice(1);
    if (parts[0] === 'src' && parts.length > 1) parts = parts.slice(1);
    const file = parts.pop()!.slice(0, -'.py'.length);
    if (!IDENTIFIER.test(file) || !parts.every((p) => IDENTIFIER.test(p))) continue;
    const dotted = parts.join('.');
    if (file === '__main__') {
      if (dotted) runnable.add(dotted);
    } else if (file === '__init__') {
      if (dotted) packages.add(dotted);
    } else if (parts.length > 0 || !PROJECT_SCRIPTS.has(file)) {
      runnable.add(dotted ? `${dotted}.${file}` : file);
    }
  }
  return { runnable, packages };
}

/**
 * What is wrong with running `module` from packages of `directories` (each with its modules), or
 * undefined when one of them holds it.
 */
export function moduleProblem(module: string, directories: readonly { readonly path: string; readonly modules: PackageModules }[]): string | undefined {
  if (directories.some((d) => d.modules.runnable.has(module))) return undefined;
  const path = module.replace(/\./g, '/');
  const where = directories.map((d) => d.path).join(', ');
  if (directories.some((d) => d.modules.packages.has(module))) {
    return `must name a module that python -m can run: ${module} is a package without ${path}/__main__.py in ${where} (add __main__.py, or name a module inside it)`;
  }
  const runnable = [...new Set(directories.flatMap((d) => [...d.modules.runnable]))].sort();
  const nearest = closest(module, runnable);
  const hint = nearest !== undefined ? `did you mean ${nearest}?`
    : runnable.length === 0 ? 'it holds no Python modules'
      : `modules there: ${runnable.slice(0, LISTED).join(', ')}${runnable.length > LISTED ? `, and ${runnable.length - LISTED} more` : ''}`;
  return `must name a module of the package: neither ${path}.py nor ${path}/__main__.py is in ${where} (${hint})`;
}
