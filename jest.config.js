/**
 * Type-checking happens once, in `npm test`'s `tsc --noEmit` step: the provider's declarations are
 * too large to type-check again for every test file, so ts-jest only transpiles here.
 */
module.exports = {
  testEnvironment: 'node',
  // Jest defaults to one worker fewer than the cores: on a 2-core machine that is one.
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/setup/token-stack-traces.ts'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
