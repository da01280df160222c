/**
 * Google's prebuilt training and prediction images by framework, version and variant. Pure: no
 * cdktf import.
 *
 * Sources: shared reference `vertex-training.md` §5, checked against the docs pages it cites as read
 * from the docs.cloud.google.com mirror in 2026 — `training/pre-built-containers` and
 * `predictions/pre-built-containers`.
 *
 * Training images (§5.1): every version of TensorFlow, PyTorch, scikit-learn, XGBoost and Ray whose
 * image runs Python 3.10 or newer. Left out: the images that run Python 3.7 or 3.8 only. These are
 * TensorFlow 2.1–2.7 and 1.15, `tf-tpu.2-12`, PyTorch 1.4–1.11, `pytorch-tpu.2-0`,
 * `scikit-learn-cpu.0-23` and `xgboost-cpu.1-1`, and their end of availability passed in 2024–2025.
 * Where a version has images for two Python versions (TensorFlow 2.8, 2.9, 2.11; Ray 2.42), the
 * newer Python is used. PyTorch 1.12 and 1.13 have one image for CPU and GPU (`pytorch-gpu.*`);
 * PyTorch's CPU image is `pytorch-xla.*`. The docs page still lists images whose end of
 * availability has passed. They stay in the catalog, each with its date, because the page offers them.
 *
 * Prediction images (§5.2): the versions for which the current docs page gives image URIs —
 * TensorFlow 2.14–2.15, PyTorch 2.2–2.4 (CPU, GPU and TPU), scikit-learn 1.4–1.6 and XGBoost
 * 2.0–2.1. The older versions that §5.2 lists (`tf2-*.2-5` … `2-13`, `sklearn-cpu.0-20` … `1-3`,
 * `xgboost-cpu.0-82` … `1-7`, `pytorch-*.2-0`/`2-1`) have no image URI on the current page.
 *
 * Each image has `us-`, `europe-` and `asia-docker.pkg.dev` mirrors; Vertex AI accepts only the
 * `:latest` tag.
 */
import { imageMirror } from './images';

/** Catalog key of a framework (the `Framework` enum's values). */
export type FrameworkId = 'tensorflow' | 'pytorch' | 'scikit-learn' | 'xgboost' | 'ray';

/** Hardware an image is built for. */
export type ImageVariant = 'cpu' | 'gpu' | 'tpu';

/** Display names of the frameworks, for messages. */
export const FRAMEWORK_NAMES: { readonly [id in FrameworkId]: string } = {
  'tensorflow': 'TensorFlow',
  'pytorch': 'PyTorch',
  'scikit-learn': 'scikit-learn',
  'xgboost': 'XGBoost',
  'ray': 'Ray',
};

/** One prebuilt image. */
export interface PrebuiltImage {
  readonly framework: FrameworkId;
  /** Framework version as users write it: `2.17`. */
  readonly version: string;
  readonly variant: ImageVariant;
  /** Image name under `vertex-ai/training/` or `vertex-ai/prediction/`, without the tag. */
  readonly name: string;
  /** End of availability stated on the docs page (ISO date). */
  readonly endOfAvailability: string;
}

type Row = readonly [FrameworkId, string, ImageVariant, string, string];

const TRAINING_ROWS: readonly Row[] = [
  ['tensorflow', '2.17', 'cpu', 'tf-cpu.2-17.py310', '2026-07-11'],
  ['tensorflow', '2.17', 'gpu', 'tf-gpu.2-17.py310', '2026-07-11'],
  ['tensorflow', '2.16', 'cpu', 'tf-cpu.2-16.py310', '2026-06-28'],
  ['tensorflow', '2.16', 'gpu', 'tf-gpu.2-16.py310', '2026-06-28'],
  ['tensorflow', '2.15', 'cpu', 'tf-cpu.2-15.py310', '2025-11-14'],
  ['tensorflow', '2.15', 'gpu', 'tf-gpu.2-15.py310', '2025-11-14'],
  ['tensorflow', '2.15', 'tpu', 'tf-tpu.2-15.cp310', '2025-10-23'],
  ['tensorflow', '2.14', 'cpu', 'tf-cpu.2-14.py310', '2025-09-26'],
  ['tensorflow', '2.14', 'gpu', 'tf-gpu.2-14.py310', '2025-09-26'],
  ['tensorflow', '2.13', 'cpu', 'tf-cpu.2-13.py310', '2025-07-05'],
  ['tensorflow', '2.13', 'gpu', 'tf-gpu.2-13.py310', '2025-07-05'],
  ['tensorflow', '2.12', 'cpu', 'tf-cpu.2-12.py310', '2025-06-30'],
  ['tensorflow', '2.12', 'gpu', 'tf-gpu.2-12.py310', '2025-06-30'],
  ['tensorflow', '2.11', 'cpu', 'tf-cpu.2-11.py310', '2024-11-15'],
  ['tensorflow', '2.11', 'gpu', 'tf-gpu.2-11.py310', '2024-11-15'],
  ['tensorflow', '2.9', 'cpu', 'tf-cpu.2-9.py310', '2024-11-15'],
  ['tensorflow', '2.9', 'gpu', 'tf-gpu.2-9.py310', '2024-11-15'],
  ['tensorflow', '2.8', 'cpu', 'tf-cpu.2-8.py310', '2024-11-15'],
  ['tensorflow', '2.8', 'gpu', 'tf-gpu.2-8.py310', '2024-11-15'],

  ['pytorch', '2.4', 'cpu', 'pytorch-xla.2-4.py310', '2026-07-24'],
  ['pytorch', '2.4', 'gpu', 'pytorch-gpu.2-4.py310', '2026-07-24'],
  ['pytorch', '2.3', 'cpu', 'pytorch-xla.2-3.py310', '2026-04-24'],
  ['pytorch', '2.3', 'gpu', 'pytorch-gpu.2-3.py310', '2026-04-24'],
  ['pytorch', '2.2', 'cpu', 'pytorch-xla.2-2.py310', '2026-10-23'],
  ['pytorch', '2.2', 'gpu', 'pytorch-gpu.2-2.py310', '2026-01-30'],
  ['pytorch', '2.2', 'tpu', 'pytorch-tpu.2-2.cp310', '2025-11-06'],
  ['pytorch', '2.1', 'cpu', 'pytorch-xla.2-1.py310', '2025-10-04'],
  ['pytorch', '2.1', 'gpu', 'pytorch-gpu.2-1.py310', '2025-10-04'],
  ['pytorch', '2.1', 'tpu', 'pytorch-tpu.2-1.cp310', '2025-10-23'],
  ['pytorch', '2.0', 'cpu', 'pytorch-xla.2-0.py310', '2025-03-15'],
  ['pytorch', '2.0', 'gpu', 'pytorch-gpu.2-0.py310', '2025-03-15'],
  ['pytorch', '1.13', 'cpu', 'pytorch-gpu.1-13.py310', '2025-05-15'],
  ['pytorch', '1.13', 'gpu', 'pytorch-gpu.1-13.py310', '2025-05-15'],
  ['pytorch', '1.12', 'cpu', 'pytorch-gpu.1-12.py310', '2025-05-15'],
  ['pytorch', '1.12', 'gpu', 'pytorch-gpu.1-12.py310', '2025-05-15'],

  ['scikit-learn', '1.6', 'cpu', 'sklearn-cpu.1-6', '2026-07-11'],
  ['scikit-learn', '1.6', 'gpu', 'sklearn-gpu.1-6', '2026-07-11'],
  ['scikit-learn', '1.0', 'cpu', 'sklearn-cpu.1-0', '2025-06-30'],
  ['scikit-learn', '1.0', 'gpu', 'sklearn-gpu.1-0', '2025-06-30'],

  ['xgboost', '2.1', 'cpu', 'xgboost-cpu.2-1', '2026-07-11'],
  ['xgboost', '2.1', 'gpu', 'xgboost-gpu.2-1', '2026-07-11'],
  ['xgboost', '1.6', 'cpu', 'xgboost-cpu.1-6', '2025-06-30'],
  ['xgboost', '1.6', 'gpu', 'xgboost-gpu.1-6', '2025-06-30'],

  ['ray', '2.47', 'cpu', 'ray-cpu.2-47.py311', '2027-07-28'],
  ['ray', '2.47', 'gpu', 'ray-gpu.2-47.py311', '2027-07-28'],
  ['ray', '2.42', 'cpu', 'ray-cpu.2-42.py311', '2027-03-01'],
  ['ray', '2.42', 'gpu', 'ray-gpu.2-42.py311', '2027-03-01'],
  ['ray', '2.33', 'cpu', 'ray-cpu.2-33.py310', '2026-09-16'],
  ['ray', '2.33', 'gpu', 'ray-gpu.2-33.py310', '2026-09-16'],
  ['ray', '2.9', 'cpu', 'ray-cpu.2-9.py310', '2026-05-07'],
  ['ray', '2.9', 'gpu', 'ray-gpu.2-9.py310', '2026-05-07'],
];

const PREDICTION_ROWS: readonly Row[] = [
  ['tensorflow', '2.15', 'cpu', 'tf2-cpu.2-15', '2027-01-14'],
  ['tensorflow', '2.15', 'gpu', 'tf2-gpu.2-15', '2027-01-14'],
  ['tensorflow', '2.14', 'cpu', 'tf2-cpu.2-14', '2027-01-14'],
  ['tensorflow', '2.14', 'gpu', 'tf2-gpu.2-14', '2027-01-14'],

  ['pytorch', '2.4', 'cpu', 'pytorch-cpu.2-4', '2027-01-14'],
  ['pytorch', '2.4', 'gpu', 'pytorch-gpu.2-4', '2027-01-14'],
  ['pytorch', '2.4', 'tpu', 'pytorch-tpu.2-4', '2027-01-14'],
  ['pytorch', '2.3', 'cpu', 'pytorch-cpu.2-3', '2027-01-14'],
  ['pytorch', '2.3', 'gpu', 'pytorch-gpu.2-3', '2027-01-14'],
  ['pytorch', '2.3', 'tpu', 'pytorch-tpu.2-3', '2027-01-14'],
  ['pytorch', '2.2', 'cpu', 'pytorch-cpu.2-2', '2027-01-14'],
  ['pytorch', '2.2', 'gpu', 'pytorch-gpu.2-2', '2027-01-14'],
  ['pytorch', '2.2', 'tpu', 'pytorch-tpu.2-2', '2027-01-14'],

  ['scikit-learn', '1.6', 'cpu', 'sklearn-cpu.1-6', '2027-10-14'],
  ['scikit-learn', '1.5', 'cpu', 'sklearn-cpu.1-5', '2027-01-14'],
  ['scikit-learn', '1.4', 'cpu', 'sklearn-cpu.1-4', '2027-01-14'],

  ['xgboost', '2.1', 'cpu', 'xgboost-cpu.2-1', '2027-01-14'],
  ['xgboost', '2.0', 'cpu', 'xgboost-cpu.2-0', '2027-01-14'],
];

function toImages(rows: readonly Row[]): readonly PrebuiltImage[] {
  return rows.map(([framework, version, variant, name, endOfAvailability]) => ({ framework, version, variant, name, endOfAvailability }));
}

/** Every prebuilt training image in the catalog, newest version first within a framework. */
export const PREBUILT_TRAINING_IMAGES: readonly PrebuiltImage[] = toImages(TRAINING_ROWS);

/** Every prebuilt prediction image in the catalog, newest version first within a framework. */
export const PREBUILT_PREDICTION_IMAGES: readonly PrebuiltImage[] = toImages(PREDICTION_ROWS);

function find(images: readonly PrebuiltImage[], framework: string, version: string, variant: string): PrebuiltImage | undefined {
  return images.find((i) => i.framework === framework && i.version === version && i.variant === variant);
}

function versions(images: readonly PrebuiltImage[], framework: string, variant: string): string[] {
  return images.filter((i) => i.framework === framework && i.variant === variant).map((i) => i.version);
}

/** The training image of `framework` `version` (`2.17`) for `variant`; undefined when not offered. */
export function findTrainingImage(framework: FrameworkId, version: string, variant: ImageVariant): PrebuiltImage | undefined {
  return find(PREBUILT_TRAINING_IMAGES, framework, version, variant);
}

/**
 * URI of the prebuilt training image on the mirror nearest to `region`:
 * `{us|europe|asia}-docker.pkg.dev/vertex-ai/training/{name}:latest`. Undefined when the catalog has no
 * such image; throws (like `imageMirror`) for a region of no known continent.
 */
export function trainingImageUri(framework: FrameworkId, version: string, variant: ImageVariant, region: string): string | undefined {
  const image = findTrainingImage(framework, version, variant);
  return image && `${imageMirror(region)}-docker.pkg.dev/vertex-ai/training/${image.name}:latest`;
}

/** Versions with a training image for `variant`, newest first (empty when there is none). */
export function trainingImageVersions(framework: FrameworkId, variant: ImageVariant): string[] {
  return versions(PREBUILT_TRAINING_IMAGES, framework, variant);
}

/** The prediction image of `framework` `version` for `variant`; undefined when not offered. */
export function findPredictionImage(framework: FrameworkId, version: string, variant: ImageVariant): PrebuiltImage | undefined {
  return find(PREBUILT_PREDICTION_IMAGES, framework, version, variant);
}

/**
 * URI of the prebuilt prediction image on the mirror nearest to `region`:
 * `{us|europe|asia}-docker.pkg.dev/vertex-ai/prediction/{tf2|pytorch|sklearn|xgboost}-{cpu|gpu|tpu}.{X-Y}:latest`.
 * Undefined when the catalog has no such image; throws for a region of no known continent.
 */
export function predictionImageUri(framework: FrameworkId, version: string, variant: ImageVariant, region: string): string | undefined {
  const image = findPredictionImage(framework, version, variant);
  return image && `${imageMirror(region)}-docker.pkg.dev/vertex-ai/prediction/${image.name}:latest`;
}

/** Versions with a prediction image for `variant`, newest first (empty when there is none). */
export function predictionImageVersions(framework: FrameworkId, variant: ImageVariant): string[] {
  return versions(PREBUILT_PREDICTION_IMAGES, framework, variant);
}

/** Whether `framework` has a prebuilt training image for `variant` in any version. */
export function hasTrainingVariant(framework: FrameworkId, variant: ImageVariant): boolean {
  return PREBUILT_TRAINING_IMAGES.some((i) => i.framework === framework && i.variant === variant);
}

/** Whether `value` is a catalog framework key. */
export function isFrameworkId(value: unknown): value is FrameworkId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FRAMEWORK_NAMES, value);
}
