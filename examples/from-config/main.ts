import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingConfig } from '../../lib/config/training-config';
import { sourcePath } from '../source-path';

/**
 * The quickstart declared in a config file: `training.yaml` holds the environment and the nightly
 * job, for teams that do not write TypeScript; this stack only adds what belongs to the stack (the
 * backend, the provider, outputs). The file is checked against the published JSON Schema and loaded
 * into the same constructs as `examples/quickstart`, whose twin it is.
 */
export class FromConfigStack extends TerraformStack {
  /** What the file declared: the environment and its jobs. */
  public readonly config: TrainingConfig;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    // The app runs compiled from dist/examples: the file is read from the sources.
    this.config = TrainingConfig.fromFile(this, sourcePath(__dirname, 'training.yaml'));
    const environment = this.config.environment;
    new GoogleProvider(this, 'google', { project: environment.projectId, region: environment.region });

    new TerraformOutput(this, 'data_bucket', { value: environment.dataBucket.url });
    new TerraformOutput(this, 'artifacts_bucket', { value: environment.artifactsBucket.url });
  }
}
