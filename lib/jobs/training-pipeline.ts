import { Annotations, Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { VertexAiDataset } from '@cdktf/provider-google/lib/vertex-ai-dataset';
import { ServingContainer } from './serving-container';
import { JobKind } from './job-kind';
import { TrainingJob, TrainingJobOptions } from './training-job';
import type { predictionImageUri, predictionImageVersions } from '../catalog/prebuilt-images';
import type { resolveImage } from '../code/resolve';
import { literal, problemsOf } from '../core/validation';
import { containerPort } from '../rules/port';
import type { modelPlacement, newModelId, parseModelReference } from '../rules/model-names';
import { Problem } from '../spec/problem';
import type { renderTuning } from '../tuning/render';
import { TuningOptions } from '../tuning/tuning-options';
import { lazy } from '../core/lazy';
import { checkInput } from '../core/field-types';
import { TRAINING_PIPELINE_PROPS } from '../core/input-types';

/** The dataset's provider class, loaded with the first pipeline that creates one. */
const google = lazy({
  VertexAiDataset: (): typeof VertexAiDataset => require('@cdktf/provider-google/lib/vertex-ai-dataset').VertexAiDataset,
});

/** What a pipeline's model and tuning are made of, loaded with the first pipeline. */
const deferred = lazy({
  modelPlacement: (): typeof modelPlacement => require('../rules/model-names').modelPlacement,
  newModelId: (): typeof newModelId => require('../rules/model-names').newModelId,
  parseModelReference: (): typeof parseModelReference => require('../rules/model-names').parseModelReference,
  predictionImageUri: (): typeof predictionImageUri => require('../catalog/prebuilt-images').predictionImageUri,
  predictionImageVersions: (): typeof predictionImageVersions => require('../catalog/prebuilt-images').predictionImageVersions,
  renderTuning: (): typeof renderTuning => require('../tuning/render').renderTuning,
  resolveImage: (): typeof resolveImage => require('../code/resolve').resolveImage,
});

const PIPELINE: JobKind = { kind: 'TrainingPipeline', collection: 'trainingPipelines', consolePage: 'training-pipelines' };
const CUSTOM_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';
const TUNING_TASK = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/hyperparameter_tuning_task_1.0.0.yaml';

/** The model a pipeline registers in the Model Registry. */
export interface ModelUploadOptions {
  /**
   * ID of the model this pipeline registers: the first run creates it (unless a model of this ID
   * exists already), every later run adds a version to it. Vertex AI's rule: 1-63 characters
   * `a-z`, `0-9`, `_` or `-`, the first not a digit or `-`. Give `existingModel` instead for a
   * model that exists already, in particular one with a numeric ID.
   * @default the pipeline's ID, unless `existingModel` is given
   */
  readonly modelId?: string;
  /**
   * A model that already exists in the Model Registry (registered in the console, by the SDK or by
   * another stack), to which every run adds a version: its numeric ID (`1234567890123456789`, what
   * the console and the SDK assign), its custom ID (`churn_model`), or its resource name
   * `projects/PROJECT/locations/REGION/models/ID` (in the environment's project and region). The
   * request body names it as `parentModel`; the launcher never creates it and refuses to launch
   * while it does not exist. Not with `modelId`.
   * @default - the pipeline registers the model `modelId`
   */
  readonly existingModel?: string;
  /**
   * Display name of the model.
   * @default the model ID (the pipeline's ID for an existing model named by a numeric ID)
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
 * Model Registry, as a new version of one registered model on every run: of `model.modelId` (the
 * launcher sets `modelId` on the first run and `parentModel` after), or of `model.existingModel`
 * (`parentModel` in the body, on every run).
 */
export class TrainingPipeline extends TrainingJob {
  /** The v1 TrainingPipeline request body. */
  public readonly body: { [key: string]: unknown };
  /** The registered model's ID (numeric or custom). */
  public readonly modelId: string;
  /**
   * Resource name of the existing model every run adds a version to (`model.existingModel`).
   * @default - the pipeline registers its own model, `modelId`
   */
  public readonly parentModel?: string;
  /** The created managed dataset, if any. */
  public readonly dataset?: VertexAiDataset;

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id, props);
    checkInput(this, props, TRAINING_PIPELINE_PROPS);
    const problems: Problem[] = [];
    const existing = this.existingModel(props.model, id, problems);
    this.modelId = existing?.id ?? this.newModel(props.model, id, problems);
    this.parentModel = existing?.name;
    const imageUri = this.servingImage(props.model.servingContainer, problems);
    problems.push(...problemsOf('model.servingContainer.port', props.model.servingContainer._spec.port, containerPort));
    const tuning = props.tuning ? deferred.renderTuning(props.tuning, 'tuning') : undefined;
    if (tuning) problems.push(...tuning.problems, ...this._trialCheckpointProblems());
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
      ...(this.parentModel !== undefined ? { parentModel: this.parentModel } : {}),
      modelToUpload: {
        displayName: props.model.displayName ?? existing?.displayName ?? this.modelId,
        ...(props.model.description !== undefined ? { description: props.model.description } : {}),
        containerSpec,
        labels,
      },
      labels,
      encryptionSpec: this._encryptionSpec(),
    };
    if (props.dataset && !props.dataset.existingDatasetId) {
      this.dataset = new google.VertexAiDataset(this, 'dataset', {
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
    // An existing model is always the parent: only a model this pipeline creates needs the
    // launcher's first-version claim, keyed by its ID.
    this._launchWith(PIPELINE, this.body, this.parentModel === undefined ? { modelId: this.modelId } : {});
    if (props.retention?.runOutputs !== undefined) {
      Annotations.of(this).addWarning(`retention.runOutputs: each registered version of ${this.modelId} keeps its artifacts in its run's model/ directory under ${this.outputUriPrefix}, `
        + 'which the rule deletes at that age: an older version can then no longer be deployed or exported. Copy the versions you keep elsewhere, or leave runOutputs out');
    }
  }

  /** The ID of a model this pipeline registers, by Vertex AI's rule. */
  private newModel(model: ModelUploadOptions, id: string, problems: Problem[]): string {
    const modelId = model.modelId ?? id;
    if (typeof modelId !== 'string') {
      problems.push({ field: 'model.modelId', value: modelId, allowed: 'a string' });
      return id;
    }
    if (Token.isUnresolved(modelId)) {
      problems.push({ field: 'model.modelId', value: modelId, allowed: 'a model ID known at synth time (the launcher claims the first version by it)' });
      return modelId;
    }
    const problem = deferred.newModelId(modelId);
    if (problem) problems.push({ field: 'model.modelId', value: modelId, allowed: problem });
    return modelId;
  }

  /** The resource name, ID and default display name of `model.existingModel`, if given. */
  private existingModel(model: ModelUploadOptions, pipelineId: string, problems: Problem[]): { name: string; id: string; displayName: string } | undefined {
    const value: unknown = model.existingModel;
    if (value === undefined) return undefined;
    const field = 'model.existingModel';
    if (model.modelId !== undefined) {
      problems.push({ field: 'model.modelId', value: model.modelId, allowed: 'give modelId (a model this pipeline registers) or existingModel (a model that exists), not both' });
    }
    if (typeof value !== 'string') {
      problems.push({ field, value: typeof value === 'object' ? JSON.stringify(value) : value, allowed: 'a string: a numeric or custom model ID, or a model resource name' });
      return undefined;
    }
    const env = this.environment;
    // A token (another stack's output, a variable) is taken as the model's resource name.
    if (Token.isUnresolved(value)) return { name: value, id: value, displayName: pipelineId };
    const { reference, problem } = deferred.parseModelReference(value);
    if (!reference) {
      problems.push({ field, value, allowed: problem! });
      return undefined;
    }
    const placement = deferred.modelPlacement(reference, literal(env.projectId), literal(env.region));
    if (placement) problems.push({ field, value, allowed: placement });
    const name = reference.project !== undefined ? value : `projects/${env.projectId}/locations/${env.region}/models/${reference.id}`;
    return { name, id: reference.id, displayName: /^[0-9]+$/.test(reference.id) ? pipelineId : reference.id };
  }

  private servingImage(serving: ServingContainer, problems: Problem[]): string | undefined {
    const spec = serving._spec;
    if (spec.image) return deferred.resolveImage(spec.image._source, 'model.servingContainer.image', problems);
    const variant = spec.gpu ? 'gpu' : 'cpu';
    const uri = deferred.predictionImageUri(spec.framework!, spec.frameworkVersion!, variant, literal(this.environment.region) ?? 'us-central1');
    if (!uri) {
      const versions = deferred.predictionImageVersions(spec.framework!, variant);
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
