import { join, relative } from 'path';
import { Testing } from 'cdktf';
import { CustomTrainingJob } from '../../lib';
import { TrainingConfig } from '../../lib/config/training-config';
import { FromConfigStack } from '../../examples/from-config/main';
import { QuickstartStack } from '../../examples/quickstart/main';
import { unresolvedReferences } from '../helpers/references';
import { TerraformJson } from '../helpers/synth';

/**
 * `examples/from-config` is the quickstart declared in `training.yaml`: it synthesizes the same kind
 * of environment as its TypeScript twin `examples/quickstart`, in another project.
 */

function synth(build: (app: any) => any): TerraformJson {
  return JSON.parse(Testing.synth(build(Testing.app())));
}

/** Resource (or data source) types and how many of each. */
function typeCounts(blocks: { [type: string]: { [name: string]: unknown } } | undefined): { [type: string]: number } {
  return Object.fromEntries(Object.entries(blocks ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]).sort());
}

describe('examples/from-config', () => {
  const fromConfig = synth((app) => new FromConfigStack(app, 'from-config'));
  const quickstart = synth((app) => new QuickstartStack(app, 'quickstart'));

  test('has the resource types and counts of examples/quickstart', () => {
    expect(Object.keys(typeCounts(fromConfig.resource)).length).toBeGreaterThan(10);
    expect(typeCounts(fromConfig.resource)).toEqual(typeCounts(quickstart.resource));
    expect(typeCounts(fromConfig.data)).toEqual(typeCounts(quickstart.data));
    expect(Object.keys(fromConfig.output ?? {}).sort()).toEqual(Object.keys(quickstart.output ?? {}).sort());
  });

  test('declares the same job: the request bodies differ only by the project', () => {
    const body = (json: TerraformJson) => json.locals?.vertex_ml_nightly;
    expect(body(fromConfig)).toBeDefined();
    const renamed = JSON.stringify(body(fromConfig)).split('acme-ml-config').join('acme-ml-sandbox');
    expect(JSON.parse(renamed)).toEqual(body(quickstart));
  });

  test('every reference resolves', () => {
    expect(unresolvedReferences(fromConfig)).toEqual([]);
  });

  test('exposes what the file declared', () => {
    const stack = new FromConfigStack(Testing.app(), 'from-config');
    expect(stack.config.environment.projectId).toBe('acme-ml-config');
    expect(stack.config.environment.prefix).toBe('ml');
    expect(stack.config.jobs.map((job) => job.jobId)).toEqual(['nightly']);
    expect(stack.config.job('nightly')).toBeInstanceOf(CustomTrainingJob);
    // Named relative to the working directory in messages.
    expect(stack.config.fileName).toBe(relative(process.cwd(), join(__dirname, '..', '..', 'examples', 'from-config', 'training.yaml')));
  });

  test('its config file is valid', () => {
    expect(TrainingConfig.validateFile(join(__dirname, '..', '..', 'examples', 'from-config', 'training.yaml'))).toEqual([]);
  });
});
