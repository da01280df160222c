import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { App } from 'cdktf';
import type { EXAMPLE_STACKS } from '../examples/stacks';

// Example names from the folders, so that listing targets loads no example (nor lib/).
const EXAMPLES_DIR = join(__dirname, '..', 'examples');
const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR).filter((entry) => statSync(join(EXAMPLES_DIR, entry)).isDirectory()).sort();

/**
 * What the benchmark can synthesize: the environment (library and hand-written twin) and every
 * example. Each target requires its modules only when built, so that a process pays only for what
 * its target loads (the baseline never loads lib/).
 */
export const TARGETS: { [name: string]: (app: App) => void } = {
  'environment': (app) => {
    const { EnvironmentStack } = require('./library/environment') as typeof import('./library/environment');
    new EnvironmentStack(app, 'environment');
  },
  'environment-baseline': (app) => {
    const { EnvironmentBaselineStack } = require('./baseline/environment') as typeof import('./baseline/environment');
    new EnvironmentBaselineStack(app, 'environment');
  },
  ...Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, (app: App) => {
    const { EXAMPLE_STACKS: stacks } = require('../examples/stacks') as { EXAMPLE_STACKS: typeof EXAMPLE_STACKS };
    stacks[name](app, name);
  }])),
};

/** Pairs of (library target, hand-written baseline) whose ratio the benchmark reports. */
export const COMPARISONS: { [target: string]: string } = {
  environment: 'environment-baseline',
};
