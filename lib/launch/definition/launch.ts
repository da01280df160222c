import { ADMIT_RUN, GATE_LEASE_SECONDS, GATE_MARGIN_SECONDS, RELEASE_GATE } from './concurrency';
import { COLLECT_BATCH } from './data-batch';
import { API_GET, CALL_TIMEOUT, RETRY } from './google-apis';
import { ACQUIRE_RECORD, LEASE_MARGIN_SECONDS, LEASE_SECONDS, WRITE_RECORD } from './launch-records';
import { LABEL_VALUE_PATTERN, LAUNCH_JOBSET } from './jobset-launch';
import { CURRENT_MANIFEST, READ_MANIFEST } from './manifests';
import { EXISTING_MODEL, MODEL_VERSION, RECORD_FIRST_VERSION } from './model-version';
import { outcome } from './outcome';
import { assign, call, log, quoted, raises, returns, Subworkflow, switchOn, tryExcept, tryRetry, x } from './syntax';
import { ADD_TRIGGER_ENV } from './trigger-env';

/**
 * One launch: from a request to a created Vertex AI job (or, for a manifest with `backend: "gke"`,
 * a JobSet: `jobset-launch.ts`). The request's key is taken with a launch
 * record (`launch-records.ts`); the holder looks for a job that already carries the key (its
 * `launch_key` label), places the run's output under the job's output prefix and the key, picks the
 * model version of a pipeline, creates the job — retrying on transient errors, and looking for the
 * key again before every retry, since a create whose answer was lost may have succeeded — and
 * records the job in the launch record.
 *
 * A paused job (`paused: true` in its manifest) ignores every launch but one by hand (key `m-`)
 * before it takes a key, so an event ignored while paused can still launch once resumed. A job
 * with `maxConcurrentRuns` counts its active runs under its gate before it creates
 * (`concurrency.ts`): a launch without room is skipped, and its key spent.
 */

/** Subworkflow names. */
export const LAUNCH = 'launch';
const FIND_LAUNCHED = 'find_launched';
const CREATE_JOB = 'create_job';
const RECORD_JOB = 'record_job';

/** The subworkflows of this file, by name. */
export function launchSubworkflows(): { [name: string]: Subworkflow } {
  return { [LAUNCH]: launch(), [FIND_LAUNCHED]: findLaunched(), [CREATE_JOB]: createJob(), [RECORD_JOB]: recordJob() };
}

/**
 * `launch(root, parent, staging, execution, request)`: `{status, job, manifest, key, reason, name?, collection?, note?}`
 * with status `launched`, `duplicate` or `ignored` (a JobSet's adds `output`, its run's directory, and
 * `url`, where the watch reads it); anything else raises.
 */
function launch(): Subworkflow {
  return {
    params: ['root', 'parent', 'staging', 'execution', 'request'],
    steps: [
      assign('init', [['manifest_name', x('request.manifest')], ['job_id', x('request.job')]]),
      switchOn('which_manifest', [{
        condition: x('manifest_name == null'),
        steps: [
          call('current', CURRENT_MANIFEST, { staging: x('staging'), job: x('job_id') }, 'manifest_name'),
          switchOn('deployed', [{
            condition: x('manifest_name == null'),
            steps: [raises('no_manifest', x('"job " + job_id + " has no manifest under gs://" + staging + "/jobs/" + job_id + "/ (is the stack deployed?)"'))],
          }]),
        ],
      }]),
      assign('job_of_manifest', [['parts', x('text.split(manifest_name, "/")')], ['job_id', x('parts[1]')]]),
      call('read', READ_MANIFEST, { staging: x('staging'), name: x('manifest_name') }, 'manifest'),
      switchOn('readable', [{
        condition: x('manifest == null'),
        steps: [
          // A deploy's event for a manifest that a later deploy has already replaced: that deploy launches.
          switchOn('superseded', [{ condition: x('request.onChangeOnly'), steps: [returns('ignore_superseded', outcome('ignored', { note: 'superseded: a later deploy replaced this manifest' }))] }]),
          raises('missing', x('"manifest gs://" + staging + "/" + manifest_name + " does not exist"')),
        ],
      }]),
      switchOn('on_change', [{
        condition: x('request.onChangeOnly and map.get(manifest, "launchOnChange") != true'),
        steps: [returns('not_on_change', outcome('ignored', { note: 'the job does not launch on change' }))],
      }]),
      switchOn('paused', [{
        condition: x('map.get(manifest, "paused") == true and not text.match_regex(request.key, "^m-")'),
        steps: [returns('ignore_paused', outcome('ignored', { note: 'the job is paused' }))],
      }]),
      assign('backend', [['backend', x('default(map.get(manifest, "backend"), "vertex")')]]),
      switchOn('known_backend', [
        {
          condition: x('backend == "gke" and not text.match_regex(request.key, ' + quoted(LABEL_VALUE_PATTERN) + ')'),
          steps: [raises('key_not_a_label', {
            code: 0,
            tags: ['LaunchKeyNotALabel'],
            message: x('"launch key " + request.key + " cannot label a JobSet (Kubernetes label values are at most 63 characters and begin and end with a letter or digit); use another key to launch " + job_id'),
          })],
        },
        {
          condition: x('backend != "gke" and backend != "vertex"'),
          steps: [raises('unknown_backend', {
            code: 0,
            tags: ['UnknownBackend'],
            message: x('"manifest " + manifest_name + " names backend " + json.encode_to_string(backend) + "; this launcher knows \\"vertex\\" (or none) and \\"gke\\""'),
          })],
        },
      ]),
      call('take_key', ACQUIRE_RECORD, { staging: x('staging'), key: x('request.key'), execution: x('execution'), manifest: x('manifest_name') }, 'held'),
      // A key names one launch of one job: a person reusing a manual key for another job is told so.
      switchOn('same_job', [{
        condition: x('text.split(held.record.manifest, "/")[1] != job_id'),
        steps: [raises('key_of_another_job', {
          code: 0,
          tags: ['LaunchKeyConflict'],
          message: x('"launch key " + request.key + " already belongs to job " + text.split(held.record.manifest, "/")[1] + " (" + held.note + "); use another key to launch " + job_id'),
        })],
      }]),
      switchOn('holder', [{
        condition: x('not held.owner'),
        steps: [returns('held_elsewhere', outcome('duplicate', { note: x('held.note') }))],
      }]),
      // A coalesced data route's window: wait for its end, then collect its objects (data-batch.ts).
      switchOn('batch', [{
        condition: x('map.get(request, "window") != null'),
        steps: [
          call('collect', COLLECT_BATCH, { staging: x('staging'), held: x('held'), window: x('request.window'), own: x('default(map.get(request, "objects"), [])') }, 'batch'),
          assign('collected', [['request.objects', x('batch.objects')], ['held', x('batch.held')], ['batch', null]]),
        ],
      }]),
      // GKE: one JobSet named after the key; the model-version paths below are Vertex AI only.
      switchOn('on_gke', [{
        condition: x('backend == "gke"'),
        steps: [
          call('launch_on_gke', LAUNCH_JOBSET, {
            staging: x('staging'), held: x('held'), manifest: x('manifest'), request: x('request'), job_id: x('job_id'), manifest_name: x('manifest_name'),
          }, 'jobset'),
          returns('jobset_outcome', x('jobset')),
        ],
      }]),
      call('look_for_key', FIND_LAUNCHED, { root: x('root'), parent: x('parent'), collection: x('manifest.collection'), key: x('request.key') }, 'existing'),
      switchOn('already_launched', [{
        condition: x('existing != null'),
        steps: [
          call('record_existing', RECORD_JOB, { staging: x('staging'), held: x('held'), name: x('existing') }),
          returns('found_by_label', outcome('duplicate', { name: x('existing'), note: 'a job with this launch key exists' })),
        ],
      }]),
      assign('body', [
        ['body', x('manifest.body')],
        ['body.labels["launch_key"]', x('request.key')],
        ['output', x('manifest.outputPrefix + request.key + "/"')],
      ]),
      // Every run writes to its own directory under the job's, named by its launch key.
      switchOn('place_output', [
        { condition: x('manifest.collection == "customJobs"'), steps: [assign('custom', [['body.jobSpec.baseOutputDirectory.outputUriPrefix', x('output')]])] },
        { condition: x('manifest.collection == "hyperparameterTuningJobs"'), steps: [assign('tuning', [['body.trialJobSpec.baseOutputDirectory.outputUriPrefix', x('output')]])] },
        { condition: x('map.get(body, ["trainingTaskInputs", "trialJobSpec"]) != null'), steps: [assign('tuned_pipeline', [['body.trainingTaskInputs.trialJobSpec.baseOutputDirectory.outputUriPrefix', x('output')]])] },
        { condition: true, steps: [assign('pipeline', [['body.trainingTaskInputs.baseOutputDirectory.outputUriPrefix', x('output')]])] },
      ]),
      assign('no_claim', [['version', { claim: null }]]),
      switchOn('model_version', [{
        condition: x('map.get(manifest, "modelId") != null'),
        steps: [
          call('pick_version', MODEL_VERSION, {
            root: x('root'), parent: x('parent'), staging: x('staging'), execution: x('execution'), model_id: x('manifest.modelId'), held: x('held'),
          }, 'version'),
          assign('refreshed_record', [['held', x('version.held')]]),
          switchOn('version_kind', [
            { condition: x('version.parentModel != null'), steps: [assign('next', [['body.parentModel', x('version.parentModel')]])] },
            { condition: true, steps: [assign('first', [['body.modelId', x('version.modelId')]])] },
          ]),
        ],
      }, {
        condition: x('map.get(body, "parentModel") != null'),
        steps: [call('check_existing_model', EXISTING_MODEL, { root: x('root'), model: x('body.parentModel'), job: x('job_id') })],
      }]),
      switchOn('trigger_env', [{
        condition: x('map.get(request, "objects") != null'),
        steps: [call('add_trigger_env', ADD_TRIGGER_ENV, { body: x('body'), collection: x('manifest.collection'), objects: x('request.objects') }, 'body')],
      }]),
      // Counting and creating under the job's gate (concurrency.ts), after the model version: its pick may wait for hours.
      assign('ungated', [['admitted', { gate: null, skip: null }]]),
      switchOn('limited', [{
        condition: x('map.get(manifest, "maxConcurrentRuns") != null'),
        steps: [
          // A first-version claim (model-version.ts) is released when no run is created: skipped, or the gate or the count failed.
          tryExcept('admit_or_unclaim', [
            call('admit', ADMIT_RUN, {
              staging: x('staging'), job_id: x('job_id'), manifest: x('manifest'), held: x('held'), root: x('root'), parent: x('parent'),
            }, 'admitted'),
          ], 'e', [
            call('unclaim_after_error', RELEASE_GATE, { staging: x('staging'), gate: x('version.claim') }),
            raises('rethrow_admit', x('e')),
          ]),
          switchOn('no_room', [{
            condition: x('admitted.skip != null'),
            steps: [
              call('unclaim', RELEASE_GATE, { staging: x('staging'), gate: x('version.claim') }),
              returns('skipped', outcome('skipped', { note: x('admitted.skip') })),
            ],
          }]),
        ],
      }]),
      // The gate (if any) is held until the job is recorded, and released whatever happens.
      tryExcept('gated', [
        call('create', CREATE_JOB, {
          root: x('root'), parent: x('parent'), collection: x('manifest.collection'), body: x('body'), key: x('request.key'), acquired: x('held.record.acquired'), gate: x('admitted.gate'),
        }, 'name'),
        call('record', RECORD_JOB, { staging: x('staging'), held: x('held'), name: x('name') }),
      ], 'e', [
        call('release_after_error', RELEASE_GATE, { staging: x('staging'), gate: x('admitted.gate') }),
        raises('rethrow', x('e')),
      ]),
      call('release', RELEASE_GATE, { staging: x('staging'), gate: x('admitted.gate') }),
      switchOn('first_version', [{
        condition: x('version.claim != null'),
        steps: [tryExcept('name_pipeline', [
          call('write_claim', RECORD_FIRST_VERSION, { staging: x('staging'), claim: x('version.claim'), pipeline: x('name') }),
        ], 'e', [log('claim_not_recorded', 'WARNING', { event: 'model_claim_not_recorded', model: x('manifest.modelId'), pipeline: x('name'), error: x('e') })])],
      }]),
      log('launched', 'INFO', { event: 'launched', job: x('job_id'), name: x('name'), manifest: x('manifest_name'), launchKey: x('request.key'), reason: x('request.reason') }),
      returns('done', outcome('launched', { name: x('name'), collection: x('manifest.collection'), note: x('held.note') })),
    ],
  };
}

/** `find_launched(root, parent, collection, key)`: the name of a job labelled with the key, or null. */
function findLaunched(): Subworkflow {
  return {
    params: ['root', 'parent', 'collection', 'key'],
    steps: [
      call('list', API_GET, {
        url: x('root + "/" + parent + "/" + collection'),
        query: { filter: x('"labels.launch_key=\\"" + key + "\\""'), pageSize: 1 },
      }, 'listing'),
      assign('read', [['jobs', x('default(map.get(listing, collection), [])')]]),
      switchOn('found', [{ condition: x('len(jobs) > 0'), steps: [returns('existing', x('jobs[0].name'))] }]),
      returns('none', null),
    ],
  };
}

/**
 * `create_job(root, parent, collection, body, key, acquired, gate?)`: the created job's name. Each
 * attempt first looks for the key, and refuses to create once the key's lease, or the lease of
 * the concurrency gate `gate` this execution holds, has (nearly) run out.
 */
function createJob(): Subworkflow {
  return {
    params: ['root', 'parent', 'collection', 'body', 'key', 'acquired', { gate: null }],
    steps: [
      assign('init', [['name', null]]),
      tryRetry('attempt', [
        call('look_again', FIND_LAUNCHED, { root: x('root'), parent: x('parent'), collection: x('collection'), key: x('key') }, 'existing'),
        switchOn('create_unless_found', [
          { condition: x('existing != null'), steps: [assign('found', [['name', x('existing')]])] },
          {
            condition: x(`sys.now() - acquired > ${LEASE_SECONDS - LEASE_MARGIN_SECONDS}`),
            steps: [raises('lease_over', { code: 0, tags: ['LeaseExpired'], message: x('"the lease on launch key " + key + " ran out before the job could be created; another execution may now take it"') })],
          },
          {
            condition: x(`sys.now() - default(map.get(gate, "acquired"), sys.now()) > ${GATE_LEASE_SECONDS - GATE_MARGIN_SECONDS}`),
            steps: [raises('gate_over', { code: 0, tags: ['LeaseExpired'], message: x('"the concurrency gate " + gate.name + " ran out before launch " + key + " could be created; another launch of the job may now count its runs"') })],
          },
          {
            condition: true,
            steps: [
              call('post', 'http.post', { url: x('root + "/" + parent + "/" + collection'), body: x('body'), auth: { type: 'OAuth2' }, timeout: CALL_TIMEOUT }, 'created'),
              assign('created_name', [['name', x('created.body.name')]]),
            ],
          },
        ]),
      ], RETRY),
      returns('done', x('name')),
    ],
  };
}

/** `record_job(staging, held, name)`: writes the job into the launch record (a failure only warns: the label still finds it). */
function recordJob(): Subworkflow {
  return {
    params: ['staging', 'held', 'name'],
    steps: [
      assign('record', [['record', x('held.record')], ['record.job', x('name')]]),
      tryExcept('write', [
        call('rewrite', WRITE_RECORD, { staging: x('staging'), name: x('held.name'), record: x('record'), generation: x('held.generation') }),
      ], 'e', [log('not_recorded', 'WARNING', { event: 'launch_not_recorded', record: x('held.name'), job: x('name'), error: x('e') })]),
      returns('done', x('name')),
    ],
  };
}
