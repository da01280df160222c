import { block, isToken } from './inspect';

/** Where a request body's `CustomJobSpec` sits, and the spec itself. */
export interface LocatedJobSpec {
  /** The field path in the body: `jobSpec`, `trialJobSpec`, `trainingTaskInputs`, `trainingTaskInputs.trialJobSpec`. */
  readonly field: string;
  /** The spec (empty when the body has none). */
  readonly spec: { [key: string]: any };
}

/**
 * The `CustomJobSpec` a Vertex AI request body runs: `jobSpec` (CustomJob), `trialJobSpec`
 * (HyperparameterTuningJob), `trainingTaskInputs` or `trainingTaskInputs.trialJobSpec`
 * (TrainingPipeline of the custom or the tuning task). Undefined when it is a token the policy
 * cannot read; an empty spec when the body has none.
 */
export function jobSpecOf(body: { [key: string]: any }, kind: string | undefined): LocatedJobSpec | undefined {
  const inputs = body.trainingTaskInputs;
  const pipelineField = block(inputs) !== undefined && 'trialJobSpec' in block(inputs)! ? 'trainingTaskInputs.trialJobSpec' : 'trainingTaskInputs';
  const pipelineSpec = pipelineField === 'trainingTaskInputs' ? inputs : block(inputs)!.trialJobSpec;
  const candidates: [string, unknown][] = kind === 'CustomJob' ? [['jobSpec', body.jobSpec]]
    : kind === 'HyperparameterTuningJob' ? [['trialJobSpec', body.trialJobSpec]]
      : kind === 'TrainingPipeline' ? [[pipelineField, pipelineSpec]]
        : [['jobSpec', body.jobSpec], ['trialJobSpec', body.trialJobSpec], [pipelineField, pipelineSpec]];
  const present = candidates.find(([, value]) => value !== undefined && value !== null) ?? candidates[0];
  const [field, value] = present;
  if (isToken(value)) return undefined;
  return { field, spec: block(value) ?? {} };
}
