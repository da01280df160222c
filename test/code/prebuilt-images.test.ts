import {
  findTrainingImage, FRAMEWORK_NAMES, FrameworkId, hasTrainingVariant, PREBUILT_PREDICTION_IMAGES, PREBUILT_TRAINING_IMAGES,
  predictionImageUri, predictionImageVersions, trainingImageUri, trainingImageVersions,
} from '../../lib/catalog/prebuilt-images';
import { Framework } from '../../lib/code/framework';

describe('training images', () => {
  test.each([
    ['tensorflow', '2.17', 'cpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-17.py310:latest'],
    ['tensorflow', '2.17', 'gpu', 'europe-west4', 'europe-docker.pkg.dev/vertex-ai/training/tf-gpu.2-17.py310:latest'],
    ['tensorflow', '2.15', 'tpu', 'us-east5', 'us-docker.pkg.dev/vertex-ai/training/tf-tpu.2-15.cp310:latest'],
    ['pytorch', '2.4', 'cpu', 'asia-southeast1', 'asia-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest'],
    ['pytorch', '2.4', 'gpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest'],
    ['pytorch', '2.2', 'tpu', 'europe-west4', 'europe-docker.pkg.dev/vertex-ai/training/pytorch-tpu.2-2.cp310:latest'],
    ['pytorch', '1.13', 'cpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.1-13.py310:latest'],
    ['scikit-learn', '1.6', 'cpu', 'me-central2', 'europe-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest'],
    ['scikit-learn', '1.6', 'gpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/sklearn-gpu.1-6:latest'],
    ['xgboost', '2.1', 'gpu', 'australia-southeast1', 'asia-docker.pkg.dev/vertex-ai/training/xgboost-gpu.2-1:latest'],
    ['xgboost', '2.1', 'cpu', 'southamerica-east1', 'us-docker.pkg.dev/vertex-ai/training/xgboost-cpu.2-1:latest'],
    ['ray', '2.47', 'gpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/ray-gpu.2-47.py311:latest'],
    ['ray', '2.33', 'cpu', 'europe-west1', 'europe-docker.pkg.dev/vertex-ai/training/ray-cpu.2-33.py310:latest'],
  ] as const)('%s %s %s in %s', (framework, version, variant, region, uri) => {
    expect(trainingImageUri(framework, version, variant, region)).toBe(uri);
  });

  test.each([
    ['tensorflow', '2.10', 'cpu'], // no training image for 2.10
    ['tensorflow', '1.15', 'gpu'], // Python 3.7 only: left out
    ['tensorflow', '2.17', 'tpu'],
    ['tensorflow', '2-17', 'cpu'], // users write 2.17
    ['pytorch', '2.5', 'gpu'],
    ['pytorch', '2.0', 'tpu'], // Python 3.8 only: left out
    ['scikit-learn', '1.6', 'tpu'],
    ['xgboost', '1.1', 'cpu'],
    ['ray', '2.47', 'tpu'],
  ] as const)('%s %s %s is not offered', (framework, version, variant) => {
    expect(trainingImageUri(framework, version, variant, 'us-central1')).toBeUndefined();
  });

  test('versions, newest first, for error messages', () => {
    expect(trainingImageVersions('tensorflow', 'gpu')).toEqual(['2.17', '2.16', '2.15', '2.14', '2.13', '2.12', '2.11', '2.9', '2.8']);
    expect(trainingImageVersions('tensorflow', 'tpu')).toEqual(['2.15']);
    expect(trainingImageVersions('pytorch', 'cpu')).toEqual(['2.4', '2.3', '2.2', '2.1', '2.0', '1.13', '1.12']);
    expect(trainingImageVersions('pytorch', 'tpu')).toEqual(['2.2', '2.1']);
    expect(trainingImageVersions('scikit-learn', 'cpu')).toEqual(['1.6', '1.0']);
    expect(trainingImageVersions('xgboost', 'gpu')).toEqual(['2.1', '1.6']);
    expect(trainingImageVersions('ray', 'cpu')).toEqual(['2.47', '2.42', '2.33', '2.9']);
    expect(trainingImageVersions('ray', 'tpu')).toEqual([]);
  });

  test('TPU images exist for TensorFlow and PyTorch only', () => {
    const withTpu = (Object.keys(FRAMEWORK_NAMES) as FrameworkId[]).filter((f) => hasTrainingVariant(f, 'tpu'));
    expect(withTpu).toEqual(['tensorflow', 'pytorch']);
  });

  test('every image name follows the documented naming and is unique per framework/version/variant', () => {
    const keys = new Set<string>();
    for (const image of PREBUILT_TRAINING_IMAGES) {
      const key = `${image.framework}/${image.version}/${image.variant}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      const dashed = image.version.replace('.', '-');
      expect(image.name).toMatch(/^(tf|pytorch|sklearn|xgboost|ray)-(cpu|gpu|tpu|xla)\.\d+-\d+(\.(py310|py311|cp310))?$/);
      expect(image.name).toContain(`.${dashed}`);
      expect(image.endOfAvailability).toMatch(/^20\d\d-\d\d-\d\d$/);
    }
  });

  test('the Framework enum values are the catalog keys', () => {
    expect(Object.values(Framework).sort()).toEqual(Object.keys(FRAMEWORK_NAMES).sort());
    for (const f of Object.values(Framework)) expect(trainingImageVersions(f, 'cpu').length).toBeGreaterThan(0);
  });

  test('an unknown region throws like imageMirror', () => {
    expect(() => trainingImageUri('tensorflow', '2.17', 'cpu', 'mars-north1')).toThrow(/No prebuilt-image mirror/);
    expect(findTrainingImage('tensorflow', '2.17', 'cpu')?.name).toBe('tf-cpu.2-17.py310');
  });
});

describe('prediction images', () => {
  test.each([
    ['tensorflow', '2.15', 'cpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest'],
    ['tensorflow', '2.14', 'gpu', 'europe-west4', 'europe-docker.pkg.dev/vertex-ai/prediction/tf2-gpu.2-14:latest'],
    ['pytorch', '2.4', 'gpu', 'asia-northeast1', 'asia-docker.pkg.dev/vertex-ai/prediction/pytorch-gpu.2-4:latest'],
    ['pytorch', '2.3', 'tpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/prediction/pytorch-tpu.2-3:latest'],
    ['scikit-learn', '1.6', 'cpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-6:latest'],
    ['xgboost', '2.0', 'cpu', 'europe-west1', 'europe-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.2-0:latest'],
  ] as const)('%s %s %s in %s', (framework, version, variant, region, uri) => {
    expect(predictionImageUri(framework, version, variant, region)).toBe(uri);
  });

  test.each([
    ['tensorflow', '2.17', 'cpu'],
    ['tensorflow', '2.15', 'tpu'],
    ['scikit-learn', '1.6', 'gpu'],
    ['xgboost', '2.1', 'gpu'],
    ['ray', '2.47', 'cpu'],
    ['pytorch', '2.1', 'cpu'],
  ] as const)('%s %s %s is not offered', (framework, version, variant) => {
    expect(predictionImageUri(framework, version, variant, 'us-central1')).toBeUndefined();
  });

  test('versions', () => {
    expect(predictionImageVersions('tensorflow', 'gpu')).toEqual(['2.15', '2.14']);
    expect(predictionImageVersions('pytorch', 'tpu')).toEqual(['2.4', '2.3', '2.2']);
    expect(predictionImageVersions('scikit-learn', 'cpu')).toEqual(['1.6', '1.5', '1.4']);
    expect(predictionImageVersions('xgboost', 'cpu')).toEqual(['2.1', '2.0']);
    expect(predictionImageVersions('ray', 'cpu')).toEqual([]);
  });

  test('names follow {tf2|pytorch|sklearn|xgboost}-{cpu|gpu|tpu}.{X-Y}', () => {
    for (const image of PREBUILT_PREDICTION_IMAGES) {
      expect(image.name).toBe(`${{ 'tensorflow': 'tf2', 'pytorch': 'pytorch', 'scikit-learn': 'sklearn', 'xgboost': 'xgboost', 'ray': '?' }[image.framework]}-${image.variant}.${image.version.replace('.', '-')}`);
    }
  });
});
