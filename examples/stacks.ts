import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DistributedGpuStack } from './distributed-gpu/main';
import { EnterpriseStack } from './enterprise/main';
import { FromConfigStack } from './from-config/main';
import { gkeTrainingStacks } from './gke-training/main';
import { HyperparameterTuningStack } from './hyperparameter-tuning/main';
import { QuickstartStack } from './quickstart/main';
import { ScheduledPipelineStack } from './scheduled-pipeline/main';
import { TpuStack } from './tpu/main';

/**
 * Every example stack, by name: `examples/<name>/main.ts` becomes the stack `<name>`, or, for an
 * example of several stacks deployed in order, the stacks `<name>-<part>`. Each entry builds its
 * whole example in `scope` and returns the stack of that name. test/examples.test.ts checks that
 * each folder is listed here.
 */
export const EXAMPLE_STACKS: { [name: string]: (scope: Construct, name: string) => TerraformStack } = {
  'distributed-gpu': (scope, name) => new DistributedGpuStack(scope, name),
  'enterprise': (scope, name) => new EnterpriseStack(scope, name),
  'from-config': (scope, name) => new FromConfigStack(scope, name),
  'gke-training-platform': (scope) => gkeTrainingStacks(scope, 'gke-training').platform,
  'gke-training-addons': (scope) => gkeTrainingStacks(scope, 'gke-training').addons,
  'gke-training-workloads': (scope) => gkeTrainingStacks(scope, 'gke-training').workloads,
  'hyperparameter-tuning': (scope, name) => new HyperparameterTuningStack(scope, name),
  'quickstart': (scope, name) => new QuickstartStack(scope, name),
  'scheduled-pipeline': (scope, name) => new ScheduledPipelineStack(scope, name),
  'tpu': (scope, name) => new TpuStack(scope, name),
};

/**
 * Every example, by folder, built once with all its stacks: what `cdktf synth` of examples/app.ts
 * synthesizes. A multi-stack example's stacks come in the order they deploy.
 */
export const EXAMPLES: { [folder: string]: (scope: Construct) => TerraformStack[] } = {
  'distributed-gpu': (scope) => [new DistributedGpuStack(scope, 'distributed-gpu')],
  'enterprise': (scope) => [new EnterpriseStack(scope, 'enterprise')],
  'from-config': (scope) => [new FromConfigStack(scope, 'from-config')],
  'gke-training': (scope) => {
    const { platform, addons, workloads } = gkeTrainingStacks(scope, 'gke-training');
    return [platform, addons, workloads];
  },
  'hyperparameter-tuning': (scope) => [new HyperparameterTuningStack(scope, 'hyperparameter-tuning')],
  'quickstart': (scope) => [new QuickstartStack(scope, 'quickstart')],
  'scheduled-pipeline': (scope) => [new ScheduledPipelineStack(scope, 'scheduled-pipeline')],
  'tpu': (scope) => [new TpuStack(scope, 'tpu')],
};
