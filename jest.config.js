/**
 * Type-checking happens once, in `npm test`'s `tsc --noEmit` step: the provider's declarations are
 * too large to type-check again for every test file, so the tests are only transpiled, by swc (a
 * fresh clone transpiles about 500 files: ts-jest took about 25 s longer for it).
 */
module.exports = {
  testEnvironment: 'node',
  // Jest defaults to one worker fewer than the cores: on a 2-core machine that is one.
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/setup/token-stack-traces.ts'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022', transform: { useDefineForClassFields: true } },
      module: { type: 'commonjs' },
    }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
