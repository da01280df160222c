import { Construct } from 'constructs';
import { JobKind } from './job-kind';
import { TrainingJob, TrainingJobOptions } from './training-job';
import type { renderTuning } from '../tuning/render';
import { TuningOptions } from '../tuning/tuning-options';
import { lazy } from '../core/lazy';
import { checkInput } from '../core/field-types';
import { HYPERPARAMETER_TUNING_JOB_PROPS } from '../core/input-types';

/** The study's renderer, loaded with the first tuning job. */
const deferred = lazy({
  renderTuning: (): typeof renderTuning => require('../tuning/render').renderTuning,
});

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
    checkInput(this, props, HYPERPARAMETER_TUNING_JOB_PROPS);
    const tuning = deferred.renderTuning(props);
    const { jobSpec } = this._renderJobSpec(tuning.parallelism, [...tuning.problems, ...this._trialCheckpointProblems()]);
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
