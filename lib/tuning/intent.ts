import { StudyOptions } from './study';
import { StudyIntent } from '../spec/study';

/** The pure intent of a study declared with the public classes (input to `studySpecJson`). */
export function studyIntent(options: StudyOptions): StudyIntent {
  return {
    metrics: (options.metrics ?? []).map((m) => m._intent),
    parameters: (options.parameters ?? []).map((p) => p._intent),
    algorithm: options.algorithm,
    measurementSelection: options.measurementSelection,
    stopping: options.automatedStopping?._intent,
  };
}

