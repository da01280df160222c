import { App } from 'cdktf';

/**
 * What the benchmark can synthesize: every example, and hand-written baselines that create the same
 * resources with the provider classes directly. Each target requires its modules only when built,
 * so that a process pays only for what its target loads (the baseline never loads lib/).
 */
export const TARGETS: { [name: string]: (app: App) => void } = {
  'quickstart': (app) => {
    const { QuickstartStack } = require('../examples/quickstart/main') as typeof import('../examples/quickstart/main');
    new QuickstartStack(app, 'quickstart');
  },
  'quickstart-baseline': (app) => {
    const { QuickstartBaselineStack } = require('./baseline/quickstart') as typeof import('./baseline/quickstart');
    new QuickstartBaselineStack(app, 'quickstart');
  },
};

/** Pairs of (library target, hand-written baseline) whose ratio the benchmark reports. */
export const COMPARISONS: { [target: string]: string } = {
  quickstart: 'quickstart-baseline',
};
