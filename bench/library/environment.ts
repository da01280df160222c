import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingEnvironment } from '../../lib';

/**
 * The library side of the environment benchmark: a TrainingEnvironment with every default and a few
 * outputs, no jobs. bench/baseline/environment.ts writes the same Terraform by hand.
 */
export class EnvironmentStack extends TerraformStack {
  /** The environment, for tests and for stacks that extend this one. */
  public readonly environment: TrainingEnvironment;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // A relative state path keeps the synthesized JSON identical on every machine.
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-ml-sandbox';
    const region = 'us-central1';
    new GoogleProvider(this, 'google', { project: projectId, region });

    this.environment = new TrainingEnvironment(this, 'ml', {
      projectId,
      region,
      labels: { team: 'ml-platform' },
    });

    new TerraformOutput(this, 'staging_bucket', { value: this.environment.stagingBucket.url });
    new TerraformOutput(this, 'artifacts_bucket', { value: this.environment.artifactsBucket.url });
    new TerraformOutput(this, 'data_bucket', { value: this.environment.dataBucket.url });
    new TerraformOutput(this, 'docker_repository', { value: this.environment.dockerRepository.url });
    new TerraformOutput(this, 'trainer_service_account', { value: this.environment.trainer.email });
  }
}
