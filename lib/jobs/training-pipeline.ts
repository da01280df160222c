import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { VertexAiDataset } from '@cdktf/provider-google/lib/vertex-ai-dataset';
import { ServingContainer } from './serving-container';
import { JobKind } from './job-kind';
import { TrainingJob, TrainingJobOptions } from './training-job';
import { predictionImageUri, predictionImageVersions } from '../catalog/prebuilt-images';
import { resolveImage } from '../code/resolve';
import { literal } from '../core/validation';
import { Problem } from '../spec/problem';
import { renderTuning } from '../tuning/render';
import { TuningOptions } from '../tuning/tuning-options';

const PIPELINE: JobKind = { kind: 'TrainingPipeline', collection: 'trainingPipelines', consolePage: 'training-pipelines' };
const CUSTOM_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';
const TUNING_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/hyperparameter_tuning_task_1.0.0.yaml';
const MODEL_ID = /^[a-z][a-z0-9-]{0,62}$/;

/** The model a pipeline registers in the Model Registry. */
export interface ModelUploadOptions {
  /**
   * ID of the registered model. The first run creates it; every later run adds a version to it
   * instead of registering another model.
   * @default the pipeline's ID
   */
  readonly modelId?: string;
  /**
   * Display name of the model.
   * @default the model ID
   */
  readonly displayName?: string;
  /**
   * Description of the model.
   * @default - none
   */
  readonly description?: string;
  /** The container that serves the model. */
  readonly servingContainer: ServingContainer;
}

/** A Vertex AI managed dataset as the pipeline's input, split by fractions. */
export interface ManagedDatasetOptions {
  /**
   * Use this existing dataset (its numeric ID) instead of creating an empty CMEK-encrypted one.
   * @default - a dataset is created (import data into it with the Vertex AI SDK or console)
   */
  readonly existingDatasetId?: string;
  /**
   * Metadata schema of a created dataset.
   * @default 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml'
   */
  readonly metadataSchemaUri?: string;
  /** Fraction of data items for training (the three fractions add up to at most 1). */
  readonly trainingFraction: number;
  /** Fraction for validation. */
  readonly validationFraction: number;
  /** Fraction for test. */
  readonly testFraction: number;
}

/** Properties of a {@link TrainingPipeline}. */
export interface TrainingPipelineProps extends TrainingJobOptions {
  /** The model the pipeline uploads to the Model Registry. */
  readonly model: ModelUploadOptions;
  /**
   * Make the training task a hyperparameter search; the best trial's model is uploaded.
   * @default - a custom training task
   */
  readonly tuning?: TuningOptions;
  /**
   * A managed dataset as input (`AIP_TRAINING_DATA_URI` and friends are set for the code).
   * @default - no dataset
   */
  readonly dataset?: ManagedDatasetOptions;
}

/**
 * A Vertex AI TrainingPipeline: a custom (or tuning) training task, then the model uploaded to the
 * Model Registry, as a new version of one registered model on every run (the launcher sets
 * `modelId` on the first run and `parentModel` after).
 */
export class TrainingPipeline extends TrainingJob {
  /** The v1 TrainingPipeline request body. */
  public readonly body: { [key: string]: unknown };
  /** The registered model's ID. */
  public readonly modelId: string;
  /** The created managed dataset, if any. */
  public readonly dataset?: VertexAiDataset;

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id, props);
    this.modelId = props.model.modelId ?? id;
    const problems: Problem[] = [];
    if (!MODEL_ID.test(this.modelId)) {
      problems.push({ field: 'model.modelId', value: this.modelId, allowed: 'a model ID: 1-63 lowercase letters, digits or hyphens, starting with a letter' });
    }
    const imageUri = this.servingImage(props.model.servingContainer, problems);
    const tuning = props.tuning ? renderTuning(props.tuning, 'tuning') : undefined;
    if (tuning) problems.push(...tuning.problems);
    const datasetConfig = props.dataset ? this.datasetInput(props.dataset, problems) : undefined;
    const { jobSpec } = this._renderJobSpec(tuning?.parallelism ?? 1, problems);

    const serving = props.model.servingContainer._spec;
    const containerSpec: { [key: string]: unknown } = { imageUri };
    if (serving.predictRoute !== undefined) containerSpec.predictRoute = serving.predictRoute;
    if (serving.healthRoute !== undefined) containerSpec.healthRoute = serving.healthRoute;
    if (serving.port !== undefined) containerSpec.ports = [{ containerPort: serving.port }];
    const labels = this._runLabels();
    this.body = {
      displayName: this.displayName,
      trainingTaskDefinition: tuning ? TUNING_TASK : CUSTOM_TASK,
      trainingTaskInputs: tuning ? { studySpec: tuning.studySpec, ...tuning.counts, trialJobSpec: jobSpec } : jobSpec,
      ...(datasetConfig ? { inputDataConfig: datasetConfig } : {}),
      modelToUpload: {
        displayName: props.model.displayName ?? this.modelId,
        ...(props.model.description !== undefined ? { description: props.model.description } : {}),
        containerSpec,
        labels,
      },
      labels,
      encryptionSpec: this._encryptionSpec(),
    };
    if (props.dataset && !props.dataset.existingDatasetId) {
      this.dataset = new VertexAiDataset(this, 'dataset', {
        project: this.environment.projectId,
        region: this.environment.region,
        displayName: `${this.environment.prefix}-${id}`,
        metadataSchemaUri: props.dataset.metadataSchemaUri ?? 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml',
        encryptionSpec: { kmsKeyName: this.environment.encryption.vertexKey.keyName },
        labels,
        dependsOn: [...this.environment.apis.require('aiplatform.googleapis.com'), ...this.environment.encryption.vertexKey.grants],
      });
      (this.body.inputDataConfig as { [key: string]: unknown }).datasetId = Fn.element(Fn.split('/', this.dataset.name), 5);
    }
    this._launchWith(PIPELINE, this.body, { modelId: this.modelId });
  }

  private servingImage(serving: ServingContainer, problems: Problem[]): string | undefined {
    const spec = serving._spec;
    if (spec.image) return resolveImage(spec.image._source, 'model.servingContainer.image', problems);
    const variant = spec.gpu ? 'gpu' : 'cpu';
    const uri = predictionImageUri(spec.framework!, spec.frameworkVersion!, variant, literal(this.environment.region) ?? 'us-central1');
    if (!uri) {
      const versions = predictionImageVersions(spec.framework!, variant);
      problems.push({
        field: 'model.servingContainer.frameworkVersion', value: spec.frameworkVersion,
        allowed: versions.length > 0 ? `prebuilt ${spec.framework} ${variant.toUpperCase()} prediction images: ${versions.join(', ')}` : `no prebuilt ${spec.framework} ${variant.toUpperCase()} prediction image; use ServingContainer.fromImage`,
      });
    }
    return uri;
  }

  private datasetInput(dataset: ManagedDatasetOptions, problems: Problem[]): { [key: string]: unknown } {
    const fractions = [dataset.trainingFraction, dataset.validationFraction, dataset.testFraction];
    const names = ['trainingFraction', 'validationFraction', 'testFraction'];
    fractions.forEach((f, i) => {
      if (!(f >= 0 && f <= 1)) problems.push({ field: `dataset.${names[i]}`, value: f, allowed: 'a fraction from 0 to 1' });
    });
    const sum = fractions.reduce((a, b) => a + b, 0);
    if (sum > 1 + 1e-9) problems.push({ field: 'dataset.testFraction', value: dataset.testFraction, allowed: `fractions adding up to at most 1 (they add up to ${sum})` });
    if (dataset.existingDatasetId !== undefined && !/^\d+$/.test(dataset.existingDatasetId)) {
      problems.push({ field: 'dataset.existingDatasetId', value: dataset.existingDatasetId, allowed: 'the numeric ID of a Vertex AI dataset' });
    }
    return {
      ...(dataset.existingDatasetId !== undefined ? { datasetId: dataset.existingDatasetId } : {}),
      fractionSplit: { trainingFraction: dataset.trainingFraction, validationFraction: dataset.validationFraction, testFraction: dataset.testFraction },
      gcsDestination: { outputUriPrefix: `${this.environment.artifactsBucket.url}/jobs/${this.jobId}/datasets/` },
    };
  }
}
