import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { App } from 'cdktf';
import type { EXAMPLES } from '../examples/stacks';
import { SCALE_SIZES } from './scale-shape';

// Example names from the folders, so that listing targets loads no example (nor lib/).
const EXAMPLES_DIR = join(__dirname, '..', 'examples');
const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR).filter((entry) => statSync(join(EXAMPLES_DIR, entry)).isDirectory()).sort();

/** The scale targets: `scale-<jobs>` (library) and `scale-<jobs>-baseline` (hand-written twin). */
export function scaleTarget(jobs: number, side: 'library' | 'baseline'): string {
  return side === 'library' ? `scale-${jobs}` : `scale-${jobs}-baseline`;
}

/**
 * What the benchmark can synthesize: the environment (library and hand-written twin), every
 * example, and stacks of 1, 10, 100 and 1,000 jobs (library and hand-written twin). Each target
 * requires its modules only when built, so that a process pays only for what its target loads (the
 * baselines never load lib/).
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
  // An example with all its stacks (gke-training: platform, add-ons and workloads).
  ...Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, (app: App) => {
    const { EXAMPLES: examples } = require('../examples/stacks') as { EXAMPLES: typeof EXAMPLES };
    if (!examples[name]) throw new Error(`examples/${name} is not listed in EXAMPLES (examples/stacks.ts)`);
    examples[name](app);
  }])),
  ...Object.fromEntries(SCALE_SIZES.flatMap((jobs) => [
    [scaleTarget(jobs, 'library'), (app: App) => {
      const { ScaleStack } = require('./library/scale') as typeof import('./library/scale');
      new ScaleStack(app, 'scale', jobs);
    }],
    [scaleTarget(jobs, 'baseline'), (app: App) => {
      const { ScaleBaselineStack } = require('./baseline/scale') as typeof import('./baseline/scale');
      new ScaleBaselineStack(app, 'scale', jobs);
    }],
  ])),
};

/** Pairs of (library target, hand-written baseline) whose ratio the benchmark reports. */
export const COMPARISONS: { [target: string]: string } = {
  environment: 'environment-baseline',
  ...Object.fromEntries(SCALE_SIZES.map((jobs) => [scaleTarget(jobs, 'library'), scaleTarget(jobs, 'baseline')])),
};

/**
 * Targets too slow to synthesize as often as the others (about 3.5 s each on a 2-core machine):
 * they run `--heavy-runs` times (default 5) instead of `--runs`, so that `npm run bench` stays
 * within a few minutes. Their spread is small next to their duration, so 5 runs give a stable median.
 */
export const HEAVY_TARGETS: ReadonlySet<string> = new Set([scaleTarget(1000, 'library'), scaleTarget(1000, 'baseline')]);

/** The targets (issue 6, "Scale"), checked on the medians. */
export const SCALE_TARGETS = {
  /** Library time for 1,000 jobs at most this multiple of the hand-written baseline's. */
  maxRatioToBaseline: 1.3,
  /** Library time for 1,000 jobs at most this multiple of its time for 100 (linear growth). */
  maxGrowth100To1000: 11,
};
