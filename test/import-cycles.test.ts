import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { importCycles, importGraph, runtimeImports } from './helpers/import-graph';

/**
 * No import cycles among the library's modules: in a cycle, whichever module Node loads first sees
 * the others half-initialised (an `undefined` class at load, a `TypeError` far from the cause), and
 * which one that is depends on what the user imports first.
 */

/** Cycles known and being removed, each as its sorted modules; empty when there are none. */
const ALLOWED: readonly (readonly string[])[] = [];

const ROOT = join(__dirname, '..');

function librarySources(dir = join(ROOT, 'lib'), found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) librarySources(path, found);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) found.set(relative(ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return found;
}

describe('lib/ has no import cycle', () => {
  test('the runtime imports of lib/ form no cycle (but the allowed ones)', () => {
    const sources = librarySources();
    expect(sources.size).toBeGreaterThan(100);
    const cycles = importCycles(importGraph(sources));
    const unexpected = cycles.filter((cycle) => !ALLOWED.some((allowed) => allowed.join(' ') === cycle.join(' ')));
    // A readable failure: each cycle's modules, one a line.
    expect(unexpected.map((cycle) => `cycle of ${cycle.length} modules:\n  ${cycle.join('\n  ')}`)).toEqual([]);
    // An allowed cycle that is gone is removed from the list.
    expect(ALLOWED.filter((allowed) => !cycles.some((cycle) => cycle.join(' ') === allowed.join(' ')))).toEqual([]);
  });
});

describe('the import graph', () => {
  test('counts imports, re-exports and requires, and leaves type-only imports and text out', () => {
    expect(runtimeImports([
      `import { a } from './a';`,
      `import type { B } from './b';`,
      `import { type C } from './c';`,
      `import { type D, d } from './d';`,
      `import * as e from './e';`,
      `import './f';`,
      `export { g } from './g';`,
      `export type { H } from './h';`,
      `export * from './i';`,
      `import j = require('./j');`,
      `const k = () => require('./k').k;`,
      `const l = () => import('./l');`,
      `type M = typeof import('./m');`,
      `// import { n } from './n';`,
      `const o = "import { o } from './o'";`,
      `import { p } from 'package';`,
    ].join('\n'))).toEqual(['./a', './d', './e', './f', './g', './i', './j', './k', './l', 'package']);
  });

  test('resolves relative imports to files and folders, and finds each cycle once', () => {
    const graph = importGraph(new Map([
      ['lib/a.ts', `import { b } from './b';`],
      ['lib/b.ts', `import { c } from './c';\nimport { x } from 'cdktf';`],
      ['lib/c.ts', `import { a } from './a';\nimport { d } from './d';`],
      ['lib/d/index.ts', `import type { A } from '../a';`],
      ['lib/e.ts', `import { e } from './e';`],
      ['lib/f.ts', `const g = () => require('./g');`],
      ['lib/g.ts', `import { f } from './f';`],
    ]));
    expect(graph.get('lib/c.ts')).toEqual(['lib/a.ts', 'lib/d/index.ts']);
    expect(graph.get('lib/d/index.ts')).toEqual([]);
    expect(importCycles(graph)).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/c.ts'], ['lib/e.ts'], ['lib/f.ts', 'lib/g.ts']]);
  });
});
