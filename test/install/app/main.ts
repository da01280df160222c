// The app a new user writes after `cdktf init --template=typescript`: it imports only the installed
// package (never this repository's sources), by the names the README documents. .ci/install-check
// copies this folder into a fresh cdktf app outside the repository and synthesizes it.
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CustomTrainingJob, Framework, PythonPackage, TrainingCode, TrainingConfig, TrainingEnvironment, Trigger, WorkerPool,
} from 'cdktf-vertex-training';

class TrainingStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'acme-ml-sandbox', region: 'us-central1' });
    const env = new TrainingEnvironment(this, 'ml', {
      projectId: 'acme-ml-sandbox',
      region: 'us-central1',
      labels: { team: 'ml-platform' },
      alerts: { emails: ['ml-platform@acme.example'] },
    });
    new CustomTrainingJob(this, 'nightly', {
      environment: env,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
      code: TrainingCode.prebuilt({
        framework: Framework.SCIKIT_LEARN,
        frameworkVersion: '1.6',
        pythonPackage: PythonPackage.fromDirectory(`${__dirname}/trainer`),
        module: 'trainer.task',
        args: ['--model-dir=${AIP_MODEL_DIR}'],
      }),
      triggers: [Trigger.schedule('0 3 * * *', 'Europe/Lisbon')],
    });
  }
}

/** The same environment and job from a config file, checked against the schema the package ships. */
class ConfigStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const config = TrainingConfig.fromFile(this, `${__dirname}/training.yaml`);
    new GoogleProvider(this, 'google', { project: config.environment.projectId, region: config.environment.region });
  }
}

const app = new App();
new TrainingStack(app, 'training');
new ConfigStack(app, 'from-config');
app.synth();
