import { join } from 'path';
import { LocalBackend, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CustomTrainingJob, HyperparameterTuningJob, TrainingPipeline } from '../../lib';
import { TrainingConfig } from '../../lib/config/training-config';
import { DistributedGpuStack } from '../../examples/distributed-gpu/main';
import { EnterpriseStack } from '../../examples/enterprise/main';
import { HyperparameterTuningStack } from '../../examples/hyperparameter-tuning/main';
import { QuickstartStack } from '../../examples/quickstart/main';
import { ScheduledPipelineStack } from '../../examples/scheduled-pipeline/main';
import { TpuStack } from '../../examples/tpu/main';

/**
 * Every kind of construct loaded from a config file: each TypeScript example declared again in YAML
 * synthesizes exactly the same Terraform JSON as the example itself. The config front end adds no
 * resource, loses no setting and maps every enumeration and option to the same construct props.
 */

const EXAMPLES = join(__dirname, '..', '..', 'examples');

interface Twin {
  /** The TypeScript example. */
  readonly example: (scope: any, id: string) => TerraformStack;
  /** The provider settings of the example. */
  readonly provider: { project: string; region: string; userProjectOverride?: boolean; billingProject?: string };
  /** The example in YAML. */
  readonly yaml: string;
  /** What the loaded file must hold. */
  readonly expect: (config: TrainingConfig) => void;
  /** What the example's stack adds besides the environment and jobs (outputs). */
  readonly stackExtras?: (stack: TerraformStack, config: TrainingConfig) => void;
}

const TWINS: { [name: string]: Twin } = {
  'quickstart': {
    example: (scope, id) => new QuickstartStack(scope, id),
    provider: { project: 'acme-ml-sandbox', region: 'us-central1' },
    yaml: `
environment:
  name: ml
  projectId: acme-ml-sandbox
  region: us-central1
  labels: {team: ml-platform}
  alerts: {emails: [ml-platform@acme.example]}
jobs:
  - name: nightly
    workerPools:
      primary: {cpu: {machineType: n2-standard-8}}
    code:
      prebuilt:
        framework: scikit-learn
        version: "1.6"
        package: {directory: ../quickstart/trainer}
        module: trainer.task
        args: ["--data=\${{ environment.dataBucket.url }}/iris/train.csv", --trees=200]
    triggers:
      - schedule: {cron: "0 3 * * *", timeZone: Etc/UTC}
`,
    expect: (config) => expect(config.job('nightly')).toBeInstanceOf(CustomTrainingJob),
    stackExtras: (stack, config) => {
      new TerraformOutput(stack, 'data_bucket', { value: config.environment.dataBucket.url });
      new TerraformOutput(stack, 'artifacts_bucket', { value: config.environment.artifactsBucket.url });
    },
  },
  'hyperparameter-tuning': {
    example: (scope, id) => new HyperparameterTuningStack(scope, id),
    provider: { project: 'acme-ml-sandbox', region: 'us-central1' },
    yaml: `
environment:
  name: tuning
  projectId: acme-ml-sandbox
  region: us-central1
  alerts: {emails: [ml-platform@acme.example]}
  metadataStore: false
  quotas:
    limits:
      - {metric: custom_model_training_nvidia_t4_gpus, limit: 12}
      - {metric: custom_model_training_cpus, limit: 2200}
jobs:
  - name: classifier-search
    kind: tuning
    workerPools:
      primary:
        gpu: {type: t4, count: 1, machineType: n1-standard-8}
    code:
      container:
        image: {name: classifier, tag: v3}
        args: [--data=gs://acme-ml-sandbox-tuning-data/classifier/]
    study:
      metrics:
        - {id: accuracy, goal: maximize}
      parameters:
        - {id: learning_rate, type: double, min: 1e-5, max: 1e-1, scale: log}
        - {id: batch_size, type: discrete, values: [32, 64, 128, 256]}
        - id: optimizer
          type: categorical
          values: [adam, sgd]
          children:
            - when: [sgd]
              parameter: {id: momentum, type: double, min: 0.5, max: 0.99}
      automatedStopping: {rule: median}
    maxTrialCount: 40
    parallelTrialCount: 5
    maxFailedTrialCount: 5
    triggers:
      - onChange: true
`,
    expect: (config) => expect(config.job('classifier-search')).toBeInstanceOf(HyperparameterTuningJob),
  },
  'scheduled-pipeline': {
    example: (scope, id) => new ScheduledPipelineStack(scope, id),
    provider: { project: 'acme-churn-prod', region: 'europe-west4' },
    yaml: `
environment: {name: churn, projectId: acme-churn-prod, region: europe-west4, labels: {team: growth}, alerts: {emails: [growth-ml@acme.example]}}
jobs:
  - name: weekly-retrain
    kind: pipeline
    workerPools:
      primary: {cpu: {machineType: n1-standard-8}}
    code:
      prebuilt:
        framework: scikit-learn
        version: "1.6"
        package: {directory: ../quickstart/trainer}
        module: trainer.task
        args: ["--data=\${{ environment.dataBucket.url }}/incoming/latest.csv"]
    model:
      modelId: churn-classifier
      description: Weekly churn classifier
      servingContainer:
        prebuilt: {framework: scikit-learn, version: "1.6"}
    triggers:
      - schedule: {cron: "0 4 * * 1", timeZone: Europe/Lisbon}
      - onNewData: {bucket: data, prefix: incoming/, marker: _SUCCESS}
    concurrency: skip
    retention: {manifests: 14d}
`,
    expect: (config) => expect(config.job('weekly-retrain')).toBeInstanceOf(TrainingPipeline),
  },
  'distributed-gpu': {
    example: (scope, id) => new DistributedGpuStack(scope, id),
    provider: { project: 'acme-vision-prod', region: 'us-central1', userProjectOverride: true, billingProject: 'acme-vision-prod' },
    yaml: `
environment:
  name: vision
  projectId: acme-vision-prod
  region: us-central1
  labels: {team: vision}
  alerts:
    emails: [vision-ml@acme.example]
    notificationChannels: [projects/acme-vision-prod/notificationChannels/4217391025]
  quotas:
    limits:
      - metric: custom_model_training_preemptible_nvidia_a100_gpus
        limit: 16
    checkAtPlan: true
    requestIncreases:
      contactEmail: ml-platform@acme.example
      justification: ResNet training on Spot A100s (4 × 8 GPUs)
  grants:
    imagesAndPackagesWrite: ["serviceAccount:ci@acme-ci.iam.gserviceaccount.com"]
jobs:
  - name: resnet
    workerPools:
      primary: &a100x8
        gpu: {type: NVIDIA_TESLA_A100, count: 8}
        bootDiskSizeGb: 500
      workers:
        <<: *a100x8
        replicas: 3
      reductionServer: {}
    code:
      container:
        image:
          name: resnet-trainer
          digest: sha256:4f2a1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19
        args: [--epochs=90, "--checkpoint-dir=\${AIP_CHECKPOINT_DIR}", "--tensorboard-dir=\${AIP_TENSORBOARD_LOG_DIR}"]
        env: {NCCL_DEBUG: INFO}
    scheduling: {strategy: spot, timeout: 2d, restartJobOnWorkerRestart: true}
    triggers: [{onChange: true}]
    checkpoints: {keepLast: 3}
    retention: {runOutputs: 30d}
`,
    expect: (config) => expect(config.job('resnet')).toBeInstanceOf(CustomTrainingJob),
  },
  'tpu': {
    example: (scope, id) => new TpuStack(scope, id),
    provider: { project: 'acme-research', region: 'us-central1' },
    yaml: `
environment:
  name: research
  projectId: acme-research
  region: us-central1
  quotas: {limits: [{metric: custom_model_training_tpu_v6e, limit: 32}]}
  alerts: {emails: [research-infra@acme.example]}
jobs:
  - name: llm-pretrain
    workerPools:
      primary: {tpu: {version: v6e, topology: 4x4}}
    code:
      container:
        image: {name: jax-pretrain, tag: v2026.11.1}
        command: [python3, -m, pretrain.main]
        args: [--config=configs/v6e-4x4.yaml]
    triggers:
      - schedule: {cron: "0 22 * * 0", timeZone: America/Los_Angeles}
    checkpoints: {keepLast: 2}
    concurrency: skip
`,
    expect: (config) => expect(config.job('llm-pretrain')).toBeInstanceOf(CustomTrainingJob),
  },
  'enterprise': {
    example: (scope, id) => new EnterpriseStack(scope, id),
    provider: { project: 'acme-ml-prod', region: 'us-central1', userProjectOverride: true, billingProject: 'acme-ml-prod' },
    yaml: `
environment:
  name: platform
  projectId: acme-ml-prod
  region: us-central1
  labels: {environment: prod, compliance: pci}
  alerts:
    pubsubTopics: [projects/acme-ops/topics/ml-platform-pages]
    emails: [ml-platform-oncall@acme.example]
  budget: {billingAccount: 01A2B3-C4D5E6-F7A8B9, amount: 40000}
  network:
    connectivity: private-services-access
    subnetCidr: 10.40.0.0/20
    peeringCidr: 10.64.0.0/16
    existingRanges: [10.0.0.0/16, 192.168.0.0/16]
  perimeter:
    accessPolicy: accessPolicies/482914736512
    dryRun: true
    deployerIdentities: ["serviceAccount:terraform@acme-cicd.iam.gserviceaccount.com"]
  quotas:
    limits:
      - {metric: custom_model_training_preemptible_nvidia_a100_gpus, limit: 8}
      - {metric: custom_model_training_cpus, limit: 2200}
      - {metric: custom_model_training_preemptible_cpus, limit: 2200}
    requestIncreases:
      contactEmail: ml-platform@acme.example
      justification: Vision and language training on the shared platform
  grants:
    imagesAndPackagesWrite: ["serviceAccount:terraform@acme-cicd.iam.gserviceaccount.com"]
teams:
  - name: vision
    members: ["group:vision-ml@acme.example"]
  - name: language
    members: ["group:language-ml@acme.example"]
jobs:
  - name: detector
    team: vision
    workerPools:
      primary: {gpu: {type: a100, count: 8}}
      workers: {gpu: {type: a100, count: 8}}
    code:
      container:
        image: {name: detector, digest: "sha256:9b1d6e0f4c3a2b1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e"}
        args: ["--data=\${AIP_TRAINING_DATA_URI}"]
    scheduling: {strategy: spot, restartJobOnWorkerRestart: true}
    triggers: [{onChange: true}]
    paused: true
  - name: intent-classifier
    team: language
    workerPools:
      primary: {cpu: {machineType: n2-standard-32}}
    code:
      container:
        image: {name: intent-classifier, digest: "sha256:9b1d6e0f4c3a2b1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e"}
    triggers:
      - schedule: {cron: "0 2 * * *", timeZone: Europe/Berlin}
      - onNewData: {prefix: labelled/, suffix: .jsonl, coalesce: 30m}
`,
    expect: (config) => {
      expect(config.teams.map((t) => t.teamName)).toEqual(['vision', 'language']);
      expect(config.team('language').dataBucket).toBeDefined();
      expect(config.environment.network).toBeDefined();
      expect(config.environment.perimeter).toBeDefined();
      expect(config.jobs.map((j) => j.jobId)).toEqual(['detector', 'intent-classifier']);
    },
  },
};

describe.each(Object.keys(TWINS))('the %s example declared in YAML', (name) => {
  const twin = TWINS[name];

  test('synthesizes the same Terraform JSON as the TypeScript example', () => {
    const fromTypeScript = JSON.parse(Testing.synth(twin.example(Testing.app(), name)));

    const stack = new TerraformStack(Testing.app(), name);
    new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
    new GoogleProvider(stack, 'google', twin.provider);
    // Named as if it sat in the example's folder, so that ../quickstart/trainer resolves the same.
    const config = TrainingConfig.fromString(stack, twin.yaml, join(EXAMPLES, name, 'training.yaml'));
    twin.expect(config);
    twin.stackExtras?.(stack, config);
    const fromConfig = JSON.parse(Testing.synth(stack));

    expect(fromConfig).toEqual(fromTypeScript);
  });

  test('is valid for TrainingConfig.validateString', () => {
    expect(TrainingConfig.validateString(twin.yaml, join(EXAMPLES, name, 'training.yaml'))).toEqual([]);
  });
});
