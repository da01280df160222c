import { moduleProblem, modulesOf } from '../../lib/code/modules';

/**
 * The modules `python -m` can run from a local package, read from its sdist entries: `a/b.py` and
 * `a/b/__main__.py`, at the top or under `src/`; packages with only `__init__.py` are importable
 * but not runnable.
 */

const entries = (...paths: string[]) => ['trainer-1.0.0/', ...paths.map((p) => `trainer-1.0.0/${p}`)];

describe('modulesOf', () => {
  test('flat and src layouts, __main__ packages, and what is not a module', () => {
    const modules = modulesOf(entries(
      'setup.py', 'pyproject.toml', 'tool.py',
      'trainer/', 'trainer/__init__.py', 'trainer/task.py', 'trainer/data/', 'trainer/data/__init__.py', 'trainer/data/load.py',
      'serve/__main__.py', 'src/evaluate/__init__.py', 'src/evaluate/run.py',
      'tests-data/fixture.py', 'trainer/2nd.py', 'trainer/README.md',
    ));
    expect([...modules.runnable].sort()).toEqual(['evaluate.run', 'serve', 'tool', 'trainer.data.load', 'trainer.task']);
    expect([...modules.packages].sort()).toEqual(['evaluate', 'trainer', 'trainer.data']);
  });
});

describe('moduleProblem', () => {
  const trainer = { path: 'pkg/trainer', modules: modulesOf(entries('trainer/__init__.py', 'trainer/task.py', 'trainer/model.py')) };

  test('a module of one of the directories is fine', () => {
    const other = { path: 'pkg/other', modules: modulesOf(entries('other/run.py')) };
    expect(moduleProblem('other.run', [trainer, other])).toBeUndefined();
    expect(moduleProblem('trainer.task', [trainer])).toBeUndefined();
  });

  test('a typo gets the nearest module', () => {
    expect(moduleProblem('trainer.tsak', [trainer])).toBe('must name a module of the package: neither trainer/tsak.py nor trainer/tsak/__main__.py is in pkg/trainer (did you mean trainer.task?)');
  });

  test('without a near one, the modules there are listed', () => {
    expect(moduleProblem('train', [trainer])).toBe('must name a module of the package: neither train.py nor train/__main__.py is in pkg/trainer (modules there: trainer.model, trainer.task)');
    const many = { path: 'big', modules: modulesOf(entries(...Array.from({ length: 10 }, (_, i) => `m${i}.py`))) };
    expect(moduleProblem('trainer.task', [many])).toContain('(modules there: m0, m1, m2, m3, m4, m5, m6, m7, and 2 more)');
    expect(moduleProblem('trainer.task', [{ path: 'empty', modules: modulesOf(entries('README.md')) }])).toContain('(it holds no Python modules)');
  });

  test('a package without __main__.py cannot be run with python -m', () => {
    expect(moduleProblem('trainer', [trainer])).toBe('must name a module that python -m can run: trainer is a package without trainer/__main__.py in pkg/trainer (add __main__.py, or name a module inside it)');
  });
});
