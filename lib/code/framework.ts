/**
 * A machine learning framework with prebuilt Vertex AI training images. The values are the
 * catalog's framework keys.
 */
export enum Framework {
  /** TensorFlow (`tf-cpu`, `tf-gpu`, `tf-tpu` images). */
  TENSORFLOW = 'tensorflow',
  /** PyTorch (`pytorch-xla` for CPU, `pytorch-gpu`, `pytorch-tpu` images). */
  PYTORCH = 'pytorch',
  /** scikit-learn (`sklearn-cpu`, `sklearn-gpu` images). */
  SCIKIT_LEARN = 'scikit-learn',
  /** XGBoost (`xgboost-cpu`, `xgboost-gpu` images). */
  XGBOOST = 'xgboost',
  /** Ray on Vertex AI (`ray-cpu`, `ray-gpu` images). */
  RAY = 'ray',
}
