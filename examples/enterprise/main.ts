import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  ContainerImage, CustomTrainingJob, Duration, GpuType, NetworkConnectivity, ObjectFilter, SchedulingStrategy, TrainingCode,
  TrainingEnvironment, TrainingTeam, Trigger, WorkerPool,
} from '../../lib';

/**
 * A regulated platform: CMEK everywhere, a dedicated network with private services access, a VPC
 * Service Controls perimeter in dry run (set `dryRun: false` to enforce), declared quota limits with
 * increase requests, and two teams sharing the environment — each with its own trainer, data and
 * artifacts, neither able to read the other's. Jobs use images from the environment's repository:
 * inside the perimeter there is no internet, so no package index either.
 */
export class EnterpriseStack extends TerraformStack {
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The computer vision team. */
  public readonly vision: TrainingTeam;
  /** The language team. */
  public readonly language: TrainingTeam;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const projectId = 'acme-ml-prod';
    const region = 'us-central1';
    // Access Context Manager and Cloud Quotas bill a quota project.
    new GoogleProvider(this, 'google', { project: projectId, region, userProjectOverride: true, billingProject: projectId });

    this.environment = new TrainingEnvironment(this, 'platform', {
      projectId,
      region,
      labels: { environment: 'prod', compliance: 'pci' },
      // Alerts go to the platform's paging integration (a Pub/Sub topic it reads) and to the on-call list.
      alerts: { pubsubTopics: ['projects/acme-ops/topics/ml-platform-pages'], emails: ['ml-platform-oncall@acme.example'] },
      // The platform's monthly spend, told to the same channels: half, 90% and all of it spent, or forecast to overrun.
      budget: { billingAccount: '01A2B3-C4D5E6-F7A8B9', amount: 40000 },
      network: {
        connectivity: NetworkConnectivity.PRIVATE_SERVICES_ACCESS,
        subnetCidr: '10.40.0.0/20',
        peeringCidr: '10.64.0.0/16',
        existingRanges: ['10.0.0.0/16', '192.168.0.0/16'],
      },
      perimeter: {
        accessPolicy: 'accessPolicies/482914736512',
        dryRun: true,
        deployerIdentities: ['serviceAccount:terraform@acme-cicd.iam.gserviceaccount.com'],
      },
      quotas: {
        limits: [
          { metric: 'custom_model_training_preemptible_nvidia_a100_gpus', limit: 8 },
          { metric: 'custom_model_training_cpus', limit: 2200 },
          { metric: 'custom_model_training_preemptible_cpus', limit: 2200 },
        ],
        requestIncreases: { contactEmail: 'ml-platform@acme.example', justification: 'Vision and language training on the shared platform' },
      },
    });
    this.environment.grantImagesAndPackagesWrite('serviceAccount:terraform@acme-cicd.iam.gserviceaccount.com');
    this.vision = this.environment.addTeam('vision', { members: ['group:vision-ml@acme.example'] });
    this.language = this.environment.addTeam('language', { members: ['group:language-ml@acme.example'] });

    const image = (name: string) => ContainerImage.fromRepository(this.environment.dockerRepository, name, {
      digest: 'sha256:9b1d6e0f4c3a2b1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e',
    });
    new CustomTrainingJob(this, 'detector', {
      environment: this.environment,
      team: this.vision,
      workerPools: {
        primary: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 8 }),
        workers: WorkerPool.gpu({ gpuType: GpuType.NVIDIA_TESLA_A100, gpusPerReplica: 8 }),
      },
      code: TrainingCode.container({ image: image('detector'), args: ['--data=${AIP_TRAINING_DATA_URI}'] }),
      scheduling: { strategy: SchedulingStrategy.SPOT, restartJobOnWorkerRestart: true },
      triggers: [Trigger.onChange()],
      // Paused while the labelling vendor re-delivers the data set: deploys still apply, nothing
      // launches on its own (a launch by hand still runs); `paused: false` resumes.
      paused: true,
    });
    new CustomTrainingJob(this, 'intent-classifier', {
      environment: this.environment,
      team: this.language,
      workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-32' }) },
      code: TrainingCode.container({ image: image('intent-classifier') }),
      triggers: [
        Trigger.schedule('0 2 * * *', 'Europe/Berlin'),
        // Annotators export one .jsonl file per batch, often dozens within minutes: one run per half hour of them.
        Trigger.onNewDataBatch({
          bucketName: this.language.dataBucket.bucketName, prefix: 'labelled/', filter: ObjectFilter.suffix('.jsonl'), coalesce: Duration.minutes(30),
        }),
      ],
    });
  }
}
