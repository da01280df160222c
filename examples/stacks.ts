import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DistributedGpuStack } from './distributed-gpu/main';
import { EnterpriseStack } from './enterprise/main';
import { FromConfigStack } from './from-config/main';
import { HyperparameterTuningStack } from './hyperparameter-tuning/main';
import { QuickstartStack } from './quickstart/main';
import { ScheduledPipelineStack } from './scheduled-pipeline/main';
import { TpuStack } from './tpu/main';

/**
 * Every example stack, by folder name: `examples/<name>/main.ts` becomes the stack `<name>`.
 * test/examples.test.ts checks that each folder is listed here.
 */
export const EXAMPLE_STACKS: { [name: string]: (scope: Construct, name: string) => TerraformStack } = {
  'distributed-gpu': (scope, name) => new DistributedGpuStack(scope, name),
  'enterprise': (scope, name) => new EnterpriseStack(scope, name),
  'from-config': (scope, name) => new FromConfigStack(scope, name),
  'hyperparameter-tuning': (scope, name) => new HyperparameterTuningStack(scope, name),
  'quickstart': (scope, name) => new QuickstartStack(scope, name),
  'scheduled-pipeline': (scope, name) => new ScheduledPipelineStack(scope, name),
  'tpu': (scope, name) => new TpuStack(scope, name),
};
