import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { QuickstartStack } from './quickstart/main';

/**
 * Every example stack, by folder name: `examples/<name>/main.ts` becomes the stack `<name>`.
 * test/examples.test.ts checks that each folder is listed here.
 */
export const EXAMPLE_STACKS: { [name: string]: (scope: Construct, name: string) => TerraformStack } = {
  quickstart: (scope, name) => new QuickstartStack(scope, name),
};
