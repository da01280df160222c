import { studyIntent } from './intent';
import { TuningOptions } from './tuning-options';
import { Problem } from '../spec/problem';
import { studySpecJson, trialCountsProblems } from '../spec/study';

/** The study and trial counts of a tuning job or a tuning pipeline, validated. */
export function renderTuning(options: TuningOptions, field = '') {
  const at = (name: string) => (field === '' ? name : `${field}.${name}`);
  const study = studySpecJson(studyIntent(options.study), at('study'));
  const countProblems = trialCountsProblems(options, field);
  const problems: Problem[] = [...study.problems, ...countProblems];
  const counts: { [key: string]: number } = { maxTrialCount: options.maxTrialCount, parallelTrialCount: options.parallelTrialCount };
  if (options.maxFailedTrialCount !== undefined) counts.maxFailedTrialCount = options.maxFailedTrialCount;
  const parallelism = Number.isInteger(options.parallelTrialCount) && options.parallelTrialCount >= 1 ? options.parallelTrialCount : 1;
  return { studySpec: study.json, counts, problems, parallelism };
}
