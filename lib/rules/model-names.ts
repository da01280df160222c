import { RuleResult } from './result';

/**
 * Names of Model Registry models. A model this library creates is given an ID by Vertex AI's rule
 * (`TrainingPipeline.modelId`, `UploadModelRequest.model_id`: "up to 63 characters, and valid
 * characters are `[a-z0-9_-]`. The first character cannot be a number or hyphen."); a model that
 * exists already may also carry the numeric ID Vertex AI assigns when none is given (the console,
 * the SDK), and is named in requests by its resource name
 * `projects/PROJECT/locations/REGION/models/ID` (`parentModel`).
 */

const CUSTOM_ID = /^[a-z_][a-z0-9_-]{0,62}$/;
const NUMERIC_ID = /^[0-9]{1,63}$/;
const MODEL_NAME = /^projects\/([^/\s]+)\/locations\/([^/\s]+)\/models\/([^/\s]+)$/;
const PROJECT_NUMBER = /^[0-9]+$/;

/** What a new model's ID may be. */
export const MODEL_ID_ALLOWED = 'a model ID by Vertex AI\'s rule: 1-63 characters a-z, 0-9, "_" or "-", the first not a digit or "-"';

/** What names an existing model. */
export const EXISTING_MODEL_ALLOWED = 'an existing model: its numeric ID (what the console and the SDK assign, e.g. 1234567890123456789), '
  + 'its custom ID (a-z, 0-9, "_", "-"), or its resource name projects/PROJECT/locations/REGION/models/ID';

/** An existing model, as named by a user. */
export interface ModelReference {
  /** Project of a resource name (an ID or a number); undefined for a bare ID. */
  readonly project?: string;
  /** Location of a resource name; undefined for a bare ID. */
  readonly location?: string;
  /** The model's ID, numeric or custom. */
  readonly id: string;
}

/** Whether `value` is a valid ID of an existing model: custom (Vertex AI's rule) or numeric. */
export function isModelId(value: string): boolean {
  return CUSTOM_ID.test(value) || NUMERIC_ID.test(value);
}

/** A new model's ID by Vertex AI's rule; a numeric ID or a resource name is pointed to `existingModel`. */
export function newModelId(value: string): RuleResult {
  if (CUSTOM_ID.test(value)) return undefined;
  if (NUMERIC_ID.test(value) || MODEL_NAME.test(value)) {
    return `${MODEL_ID_ALLOWED} (a numeric ID or a resource name names a model that exists already: give it as model.existingModel)`;
  }
  const suggestion = value.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[0-9-]+/, '').slice(0, 63);
  return CUSTOM_ID.test(suggestion) && suggestion !== value ? `${MODEL_ID_ALLOWED} (did you mean "${suggestion}"?)` : MODEL_ID_ALLOWED;
}

/** The parts of an existing model's name, or what is wrong with it. */
export function parseModelReference(value: string): { reference?: ModelReference; problem?: string } {
  const name = MODEL_NAME.exec(value);
  const id = name ? name[3] : value;
  if (id.includes('@')) {
    return { problem: `${EXISTING_MODEL_ALLOWED}; name the model, not one of its versions (without "@${id.slice(id.indexOf('@') + 1)}"): every run adds a version to it` };
  }
  if (!isModelId(id)) {
    return { problem: name ? `${EXISTING_MODEL_ALLOWED} (the ID "${id}" is neither numeric nor a-z, 0-9, "_", "-")` : EXISTING_MODEL_ALLOWED };
  }
  return { reference: name ? { project: name[1], location: name[2], id } : { id } };
}

/**
 * A model of another project or region than the pipeline's: Vertex AI adds the version of a
 * pipeline's model to a model of the pipeline's own project and region. `project` and `region` are
 * undefined when they are tokens; a project number cannot be compared at synth time and is accepted.
 */
export function modelPlacement(reference: ModelReference, project: string | undefined, region: string | undefined): RuleResult {
  if (region !== undefined && reference.location !== undefined && reference.location !== region) {
    return `a model in the environment's region ${region} (this one is in ${reference.location}; a pipeline adds versions only to models of its own region: `
      + `copy the model to ${region} or train in an environment of ${reference.location})`;
  }
  if (project !== undefined && reference.project !== undefined && !PROJECT_NUMBER.test(reference.project) && reference.project !== project) {
    return `a model of the environment's project ${project} (this one is in project ${reference.project}; a pipeline adds versions only to models of its own project)`;
  }
  return undefined;
}
