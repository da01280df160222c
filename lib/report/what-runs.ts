import {
  EnvironmentVariableReport, PackageReport, PoolCodeReport, ServingContainerReport, StudyParameterReport, StudyReport,
} from './report-data';
import { unescapeTerraform } from '../core/synth-text';

/*
 * What a job runs, read from its request body as resolved at synth (known names as values,
 * apply-time values as their Terraform references): each pool's image, command, args, env and
 * packages, a tuning job's study, a pipeline's serving container and the run's scheduling. Reading
 * the body rather than the props reports what Vertex AI receives, a pool's own code included.
 */

type Json = { readonly [key: string]: unknown };

const asObject = (value: unknown): Json | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : undefined);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string | undefined => (typeof value === 'string' ? unescapeTerraform(value) : value === undefined ? undefined : String(value));

/** The parts of a resolved request body the report reads. */
export interface BodyParts {
  /** The `CustomJobSpec` every trial or run uses. */
  readonly jobSpec: Json;
  /** The study of a tuning job or tuning pipeline, with its trial counts. */
  readonly study?: { readonly spec: Json; readonly counts: Json };
  /** A pipeline's `modelToUpload.containerSpec`. */
  readonly servingContainer?: Json;
}

/** The job spec, study and serving container of a CustomJob, HyperparameterTuningJob or TrainingPipeline body. */
export function bodyParts(body: unknown): BodyParts {
  const root = asObject(body) ?? {};
  const task = asObject(root.trainingTaskInputs);
  const tuning = asObject(root.studySpec) ? root : task && asObject(task.studySpec) ? task : undefined;
  const jobSpec = asObject(root.jobSpec) ?? asObject(root.trialJobSpec) ?? asObject(task?.trialJobSpec) ?? task ?? {};
  const model = asObject(root.modelToUpload);
  return {
    jobSpec,
    study: tuning && { spec: asObject(tuning.studySpec)!, counts: tuning },
    servingContainer: asObject(model?.containerSpec),
  };
}

/** The pool specs of a job spec by Vertex AI position (0 primary, 1 workers, 2 parameter servers or reducers, 3 evaluators). */
export function poolSpecs(jobSpec: Json): (Json | undefined)[] {
  return asList(jobSpec.workerPoolSpecs).map(asObject);
}

/**
 * What one pool spec runs.
 * @param packageHashes SHA-256 of each package the job uploads, by object name
 */
export function poolCode(spec: Json | undefined, packageHashes: { readonly [objectName: string]: string }): PoolCodeReport | undefined {
  const container = asObject(spec?.containerSpec);
  const python = asObject(spec?.pythonPackageSpec);
  const common = (source: Json) => withoutUndefined({
    args: textList(source.args),
    env: envOf(source.env),
  });
  if (container) {
    const imageUri = asText(container.imageUri) ?? '';
    return withoutUndefined({ kind: 'container', imageUri, ...imageReference(imageUri), command: textList(container.command), ...common(container) });
  }
  if (python) {
    const imageUri = asText(python.executorImageUri) ?? '';
    const packages: PackageReport[] = asList(python.packageUris).map((value) => {
      const uri = asText(value) ?? '';
      const objectName = uri.replace(/^gs:\/\/[^/]+\//, '');
      return withoutUndefined({ uri, contentHash: packageHashes[objectName] });
    });
    return withoutUndefined({ kind: 'pythonPackage', imageUri, ...imageReference(imageUri), packages, pythonModule: asText(python.pythonModule), ...common(python) });
  }
  return undefined;
}

/** The digest or tag an image URI is named by. */
export function imageReference(uri: string): { imageDigest?: string; imageTag?: string } {
  const at = uri.indexOf('@');
  if (at >= 0) return { imageDigest: uri.slice(at + 1) };
  const colon = uri.lastIndexOf(':');
  return colon > uri.lastIndexOf('/') ? { imageTag: uri.slice(colon + 1) } : {};
}

/** A pipeline's serving container. */
export function servingContainer(spec: Json | undefined): ServingContainerReport | undefined {
  if (!spec) return undefined;
  const imageUri = asText(spec.imageUri) ?? '';
  const port = asObject(asList(spec.ports)[0])?.containerPort;
  return withoutUndefined({
    imageUri,
    ...imageReference(imageUri),
    predictRoute: asText(spec.predictRoute),
    healthRoute: asText(spec.healthRoute),
    port: typeof port === 'number' ? port : undefined,
  });
}

const STOPPING: { readonly [key: string]: string } = {
  decayCurveStoppingSpec: 'decay curve (stops trials whose curve is unlikely to beat the best)',
  medianAutomatedStoppingSpec: 'median (stops trials below the median of earlier trials)',
  convexAutomatedStoppingSpec: 'convex (stops trials unlikely to improve)',
};

/** The study of a tuning job, in the API's names. */
export function studyReport(study: BodyParts['study']): StudyReport | undefined {
  if (!study) return undefined;
  const { spec, counts } = study;
  const parameters: StudyParameterReport[] = [];
  const visit = (parameter: Json | undefined, when?: string) => {
    if (!parameter) return;
    parameters.push(parameterReport(parameter, when));
    for (const conditional of asList(parameter.conditionalParameterSpecs).map(asObject)) {
      const parent = conditional && (asObject(conditional.parentCategoricalValues) ?? asObject(conditional.parentDiscreteValues) ?? asObject(conditional.parentIntValues));
      const values = asList(parent?.values).map(String);
      visit(asObject(conditional?.parameterSpec), `${asText(parameter.parameterId)} is ${values.join(' or ')}`);
    }
  };
  for (const parameter of asList(spec.parameters)) visit(asObject(parameter));
  const stopping = Object.keys(STOPPING).find((key) => spec[key] !== undefined);
  return withoutUndefined({
    metrics: asList(spec.metrics).map(asObject).map((m) => ({ metricId: asText(m?.metricId) ?? '', goal: asText(m?.goal) ?? '' })),
    parameters,
    algorithm: asText(spec.algorithm) ?? 'ALGORITHM_UNSPECIFIED',
    measurementSelection: asText(spec.measurementSelectionType),
    stopping: stopping && STOPPING[stopping],
    maxTrials: Number(counts.maxTrialCount),
    parallelTrials: Number(counts.parallelTrialCount),
    maxFailedTrials: counts.maxFailedTrialCount === undefined ? undefined : Number(counts.maxFailedTrialCount),
  });
}

function parameterReport(parameter: Json, when: string | undefined): StudyParameterReport {
  const ranges: [string, string][] = [['doubleValueSpec', 'double'], ['integerValueSpec', 'integer'], ['categoricalValueSpec', 'categorical'], ['discreteValueSpec', 'discrete']];
  const [key, kind] = ranges.find(([k]) => parameter[k] !== undefined) ?? ['', 'unknown'];
  const spec = asObject(parameter[key]) ?? {};
  const values = spec.values !== undefined ? asList(spec.values).map(String).join(', ') : `${String(spec.minValue)} to ${String(spec.maxValue)}`;
  return withoutUndefined({ parameterId: asText(parameter.parameterId) ?? '', kind, values, scale: asText(parameter.scaleType), when });
}

function textList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value.map((v) => asText(v) ?? '') : undefined;
}

function envOf(value: unknown): EnvironmentVariableReport[] | undefined {
  const list = asList(value).map(asObject).filter((v): v is Json => v !== undefined);
  return list.length > 0 ? list.map((v) => ({ name: asText(v.name) ?? '', value: asText(v.value) ?? '' })) : undefined;
}

/** The struct without its undefined fields (absent, not `undefined`, in the JSON and in tests). */
export function withoutUndefined<T extends object>(value: T): T {
  const copy: { [key: string]: unknown } = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = field;
  return copy as T;
}
