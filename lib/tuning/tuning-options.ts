import { StudyOptions } from './study';

/** A hyperparameter search: the study and its trial budget. */
export interface TuningOptions {
  /** Metrics to optimize and parameters to search. */
  readonly study: StudyOptions;
  /** Trials in total. */
  readonly maxTrialCount: number;
  /** Trials that run at once; each is a full copy of the worker pools, counted in the quota plan. */
  readonly parallelTrialCount: number;
  /**
   * Failed trials after which the job fails.
   * @default - Vertex AI decides
   */
  readonly maxFailedTrialCount?: number;
}
