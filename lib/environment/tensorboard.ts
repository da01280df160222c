import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { VertexAiTensorboard } from '@cdktf/provider-google/lib/vertex-ai-tensorboard';
import { check, literal } from '../core/validation';
import { displayName } from '../rules/names';
import { parseTensorboardName, regionalName } from '../rules/resource-names';

/** Options of the environment's Vertex AI TensorBoard. */
export interface TensorboardOptions {
  /**
   * Whether the environment has a TensorBoard at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Display name of the TensorBoard to create (1–128 characters).
   * @default `<prefix>-tensorboard`
   */
  readonly displayName?: string;
  /**
   * Adds Terraform's `prevent_destroy`: deleting a TensorBoard deletes its experiments and logs.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Use this existing TensorBoard (`projects/P/locations/REGION/tensorboards/ID`, in the
   * environment's region) instead of creating one.
   * @default - a TensorBoard is created
   */
  readonly existingTensorboardName?: string;
}

/** Properties of {@link TrainingTensorboard}. */
export interface TrainingTensorboardProps extends TensorboardOptions {
  /** Project of a created TensorBoard. */
  readonly projectId: string;
  /** Region of a created TensorBoard. */
  readonly region: string;
  /** Display name used when `displayName` is not given. */
  readonly defaultDisplayName: string;
  /** CMEK key of a created TensorBoard. */
  readonly kmsKeyName: string;
  /** Labels of a created TensorBoard. */
  readonly labels: { [key: string]: string };
  /** What a created TensorBoard depends on (API, key grants). */
  readonly dependsOn: ITerraformDependable[];
}

/** A CMEK-encrypted Vertex AI TensorBoard for training logs and profiles, or an imported one. */
export class TrainingTensorboard extends Construct {
  /** The created TensorBoard; undefined when imported. */
  public readonly tensorboard?: VertexAiTensorboard;
  /** Resource name: `projects/P/locations/L/tensorboards/ID`. */
  public readonly tensorboardName: string;

  constructor(scope: Construct, id: string, props: TrainingTensorboardProps) {
    super(scope, id);
    check(this, 'tensorboard.existingTensorboardName', props.existingTensorboardName, (v) =>
      regionalName(parseTensorboardName(v), 'projects/PROJECT/locations/REGION/tensorboards/NUMERIC_ID', literal(props.region)));
    if (props.existingTensorboardName !== undefined) {
      this.tensorboardName = props.existingTensorboardName;
      return;
    }
    const name = props.displayName ?? props.defaultDisplayName;
    check(this, 'tensorboard.displayName', name, displayName);
    this.tensorboard = new VertexAiTensorboard(this, 'tensorboard', {
      project: props.projectId,
      region: props.region,
      displayName: name,
      description: 'Training logs and profiles (managed by cdktf-vertex-training)',
      encryptionSpec: { kmsKeyName: props.kmsKeyName },
      labels: props.labels,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      dependsOn: props.dependsOn,
    });
    // The provider's `name` is the bare ID; `id` is the full resource name.
    this.tensorboardName = this.tensorboard.id;
  }
}
