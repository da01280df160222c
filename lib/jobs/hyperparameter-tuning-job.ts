import { Construct } from 'constructs';
import { JobKind } from './job-kind';
import { TrainingJob, TrainingJobOptions } from './training-job';
import { renderTuning } from '../tuning/render';
import { TuningOptions } from '../tuning/tuning-options';

const TUNING_JOB: JobKind = { kind: 'HyperparameterTuningJob', collection: 'hyperparameterTuningJobs', consolePage: 'hyperparameter-tuning-jobs' };

/** Properties of a {@link HyperparameterTuningJob}. */
export interface HyperparameterTuningJobProps extends TrainingJobOptions, TuningOptions {}

/**
 * A Vertex AI HyperparameterTuningJob: trials of the training code, each on the worker pools, with
 * parameters chosen by the study's algorithm. Trial code reports metrics with `cloudml-hypertune`;
 * each trial writes under `<run output>/<trial id>/`.
 */
export class HyperparameterTuningJob extends TrainingJob {
  /** The v1 HyperparameterTuningJob request body. */
  public readonly body: { [key: string]: unknown };

  constructor(scope: Construct, id: string, props: HyperparameterTuningJobProps) {
    super(scope, id, props);
    const tuning = renderTuning(props);
    const { jobSpec } = this._renderJobSpec(tuning.parallelism, tuning.problems);
    this.body = {
      displayName: this.displayName,
      studySpec: tuning.studySpec,
      ...tuning.counts,
      trialJobSpec: jobSpec,
      labels: this._runLabels(),
      encryptionSpec: this._encryptionSpec(),
    };
    this._launchWith(TUNING_JOB, this.body);
  }
}
