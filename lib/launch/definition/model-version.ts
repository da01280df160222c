import { API_GET, API_POST, STORAGE_API, STORAGE_UPLOAD } from './google-apis';
import { LEASE_SECONDS, LOCK_PREFIX, READ_JSON, WRITE_RECORD } from './launch-records';
import { assign, call, forRange, raises, returns, Subworkflow, switchOn, tryExcept, x } from './syntax';

/**
 * Which model a training pipeline's run registers into: a new version of the registered model
 * (`parentModel`), or, while the model does not exist yet, its first version (`modelId`).
 *
 * Two launches of different keys can both find no model (a schedule and a deploy at the same
 * moment); Vertex AI would then upload two models with one ID, and the second pipeline would fail
 * at its very end. The first version is therefore claimed with a model record,
 * `launches/models/<model>.json` (created with `ifGenerationMatch=0`, like launch records): its
 * holder registers the first version; everyone else waits until the holder's pipeline has ended
 * (polling, and keeping their own launch record alive) and then registers the next version, or
 * takes the claim over when that pipeline failed or its holder went silent.
 */

/** The subworkflow's name. */
export const MODEL_VERSION = 'model_version';
/** Records the pipeline that registers a model's first version. */
export const RECORD_FIRST_VERSION = 'record_first_version';
/**
 * Checks that the existing model a pipeline versions (`parentModel` in its body,
 * `model.existingModel`) exists, before hours of training would end in a failed upload. An existing
 * model never takes a first-version claim: it is the parent of every run.
 */
export const EXISTING_MODEL = 'existing_model';

/** Rounds of waiting for another pipeline's first version before giving up. */
export const MODEL_WAIT_ROUNDS = 1000;
/** Seconds between two looks at the pipeline that registers the first version. */
export const MODEL_WAIT_SECONDS = 300;

/** The subworkflows of this file, by name. */
export function modelVersionSubworkflows(): { [name: string]: Subworkflow } {
  return { [MODEL_VERSION]: modelVersion(), [RECORD_FIRST_VERSION]: recordFirstVersion(), [EXISTING_MODEL]: existingModel() };
}

const claimArgs = (generation: string) => ({
  url: x(`${STORAGE_UPLOAD} + staging + "/o"`),
  query: { uploadType: 'media', name: x('claim_name'), ifGenerationMatch: x(generation) },
  body: x('claim'),
});

const FIRST = { modelId: x('model_id'), parentModel: null, claim: { name: x('claim_name'), generation: x('claimed.generation'), record: x('claim') }, held: x('held') };

/**
 * `model_version(root, parent, staging, execution, model_id, held)` (`root`: the regional Vertex AI API): `{modelId | parentModel, claim, held}`;
 * `held` is the caller's launch record, refreshed while waiting.
 */
function modelVersion(): Subworkflow {
  const rethrowUnless = (code: number, where: string) => switchOn(`${where}_other_error`, [{
    condition: x(`map.get(e, "code") != ${code}`), steps: [raises(`${where}_rethrow`, x('e'))],
  }]);
  return {
    params: ['root', 'parent', 'staging', 'execution', 'model_id', 'held'],
    steps: [
      assign('init', [
        ['model', x('parent + "/models/" + model_id')],
        ['claim_name', x(`"${LOCK_PREFIX}models/" + model_id + ".json"`)],
        ['claim', { execution: x('execution'), model: x('model_id'), pipeline: null, acquired: x('sys.now()') }],
        ['succeeded_before', null],
      ]),
      forRange('wait', 'round', 1, MODEL_WAIT_ROUNDS, [
        tryExcept('find_model', [
          call('get', API_GET, { url: x('root + "/" + model') }, 'found'),
          returns('next_version', { modelId: null, parentModel: x('model'), claim: null, held: x('held') }),
        ], 'e', [rethrowUnless(404, 'find_model')]),
        tryExcept('claim_first', [
          call('create', API_POST, claimArgs('"0"'), 'claimed'),
          returns('first_version', FIRST),
        ], 'e', [rethrowUnless(412, 'claim_first')]),
        call('claim_metadata', API_GET, { url: x(`${STORAGE_API} + staging + "/o/" + text.url_encode(claim_name)`) }, 'meta'),
        call('claim_content', READ_JSON, { bucket: x('staging'), name: x('claim_name'), generation: x('meta.generation') }, 'holder'),
        assign('holder_state', [
          ['take_over', false],
          ['pause', MODEL_WAIT_SECONDS],
          ['pipeline', x('map.get(holder, "pipeline")')],
        ]),
        switchOn('whose', [
          {
            condition: x('map.get(holder, "execution") == execution'),
            steps: [assign('ours', [['claimed', x('meta')]]), returns('first_version_again', FIRST)],
          },
          {
            condition: x('pipeline != null'),
            steps: [
              call('pipeline_state', API_GET, { url: x('root + "/" + pipeline') }, 'run'),
              switchOn('run_state', [
                { condition: x('run.state in ["PIPELINE_STATE_FAILED", "PIPELINE_STATE_CANCELLED"]'), steps: [assign('failed', [['take_over', true]])] },
                // The model should exist now; if it still does not on the next round, it was deleted since.
                { condition: x('run.state == "PIPELINE_STATE_SUCCEEDED" and succeeded_before == pipeline'), steps: [assign('deleted', [['take_over', true]])] },
                { condition: x('run.state == "PIPELINE_STATE_SUCCEEDED"'), steps: [assign('succeeded', [['succeeded_before', x('pipeline')], ['pause', 0]])] },
              ]),
            ],
          },
          { condition: x(`sys.now() - time.parse(meta.updated) >= ${LEASE_SECONDS}`), steps: [assign('silent', [['take_over', true]])] },
          { condition: true, steps: [assign('starting', [['pause', 60]])] },
        ]),
        switchOn('act', [
          {
            condition: x('take_over'),
            steps: [tryExcept('replace', [
              call('replace_claim', API_POST, claimArgs('meta.generation'), 'claimed'),
              returns('first_version_taken_over', FIRST),
            ], 'e', [rethrowUnless(412, 'replace')])],
          },
          {
            condition: x('pause > 0'),
            steps: [
              // Keep this launch's own record alive while it waits, so that no duplicate takes it over.
              assign('refresh', [['held.record.acquired', x('sys.now()')]]),
              tryExcept('heartbeat', [
                call('rewrite', WRITE_RECORD, { staging: x('staging'), name: x('held.name'), record: x('held.record'), generation: x('held.generation') }, 'generation'),
                assign('refreshed', [['held.generation', x('generation')]]),
              ], 'e', [
                rethrowUnless(412, 'heartbeat'),
                raises('lost', x('"another execution took over launch " + held.record.key + " while it waited for the first version of model " + model_id')),
              ]),
              call('sleep', 'sys.sleep', { seconds: x('pause') }),
            ],
          },
        ]),
      ]),
      raises('gave_up', x(`"gave up waiting for the first version of model " + model_id + " (" + string(${MODEL_WAIT_ROUNDS}) + " rounds)"`)),
    ],
  };
}

/** `record_first_version(staging, claim, pipeline)`: names the pipeline in the model record it holds. */
function recordFirstVersion(): Subworkflow {
  return {
    params: ['staging', 'claim', 'pipeline'],
    steps: [
      assign('named', [['record', x('claim.record')], ['record.pipeline', x('pipeline')]]),
      call('write', WRITE_RECORD, { staging: x('staging'), name: x('claim.name'), record: x('record'), generation: x('claim.generation') }, 'generation'),
      returns('done', x('generation')),
    ],
  };
}

/** `existing_model(root, model, job)`: the model's resource name; raises `ModelNotFound` when it does not exist. */
function existingModel(): Subworkflow {
  return {
    params: ['root', 'model', 'job'],
    steps: [
      tryExcept('find', [
        call('get', API_GET, { url: x('root + "/" + model') }, 'found'),
      ], 'e', [
        switchOn('missing', [{
          condition: x('map.get(e, "code") == 404'),
          steps: [raises('not_found', {
            code: 0,
            tags: ['ModelNotFound'],
            message: x('"job " + job + " adds a version to model " + model + ", which does not exist (model.existingModel names a model that is registered already; register it first, or give model.modelId to let the first run create it)"'),
          })],
        }]),
        raises('rethrow', x('e')),
      ]),
      returns('exists', x('model')),
    ],
  };
}
