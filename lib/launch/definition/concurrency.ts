import { API_DELETE, API_GET, API_POST, STORAGE_API, STORAGE_UPLOAD } from './google-apis';
import { KUBE_GET } from './kubernetes-api';
import { LOCK_PREFIX, READ_JSON, WRITE_RECORD } from './launch-records';
import { assign, call, forEach, forRange, log, quoted, raises, returns, Step, Subworkflow, switchOn, tryExcept, x } from './syntax';

/**
 * A job's concurrency policy at launch time: a manifest with `maxConcurrentRuns` (and `jobLabel
 * {key, value}`, the label every run of the job carries) starts a run only while fewer runs of the
 * job are active; otherwise the launch is skipped, and its launch key is spent (the launch record
 * says `skipped`), so a redelivery of the same event after the active runs ended launches nothing.
 *
 * Counting and creating are one step for every launch of the job, whichever execution makes it,
 * through a per-job gate: the object `launches/gates/<job>.json` in the staging bucket, created
 * with `ifGenerationMatch=0` (exactly one execution wins; the others wait and try again). A launch
 * counts before it tries the gate, and skips without it when the job is at its limit already. The
 * holder counts the job's active runs, creates the run and records it, then deletes the gate with
 * `ifGenerationMatch=<generation>`; every failure path deletes it too. A run, once created, is
 * listed as active at once (Vertex AI: QUEUED; a JobSet has no terminal state), so the next
 * holder counts it.
 *
 * The gate covers only counting, the create and its record: a training pipeline's model version is
 * picked before (that pick may wait hours for another pipeline's first version), and a launch
 * skipped after it claimed a first version releases the claim (launch.ts).
 *
 * A holder that went silent is taken over once its gate is {@link GATE_LEASE_SECONDS} old (again
 * with a generation precondition, so one execution wins), and a holder never creates once its gate
 * is older than the lease less {@link GATE_MARGIN_SECONDS} (the create subworkflows check, as they
 * do for the launch key's lease): two holders never count and create at the same time.
 *
 * Counting: Vertex AI lists the job's collection with a filter on the active states and reads
 * only `name` and `labels` (`readMask`), counting the runs whose `labels[jobLabel.key]` is the
 * job's, client-side (a hyphenated label key in the filter would need quoting the filter syntax
 * leaves open); GKE lists the JobSets of the manifest's namespace by label selector `<key>=<value>`
 * and counts those without `status.terminalState` (a JobSet Kueue keeps suspended is queued:
 * active). Listing is bounded ({@link VERTEX_MAX_PAGES}, {@link JOBSET_MAX_PAGES} pages); beyond,
 * the count is what the pages held, with a WARNING `concurrency_count_partial`. The run being
 * launched never counts itself: a run that already carries its launch key (Vertex AI) or its
 * JobSet name (GKE) means it was launched, and the launch goes on to find it.
 */

/** Where the per-job gates live in the staging bucket (under the launcher's own prefix). */
export const GATE_PREFIX = `${LOCK_PREFIX}gates/`;

/**
 * Seconds after which a gate's holder counts as gone and the gate may be taken over: it covers
 * counting (a few listings) and a create with its retries (about 4 minutes at worst) with room.
 */
export const GATE_LEASE_SECONDS = 600;

/** Seconds before the gate's lease ends after which its holder no longer creates (more than one call's timeout). */
export const GATE_MARGIN_SECONDS = 120;

/** Seconds between two tries for a gate another launch holds, at least and at most (jittered between). */
export const GATE_POLL_MIN_SECONDS = 10;
export const GATE_POLL_MAX_SECONDS = 40;

/** How long a launch waits for a gate before it fails: past the lease, so a silent holder is always taken over. */
export const GATE_WAIT_SECONDS = GATE_LEASE_SECONDS + 60;

/** Tries for a gate, at most (a gate released between two looks is tried again without a wait). */
const GATE_ATTEMPTS = 2 * Math.ceil(GATE_WAIT_SECONDS / GATE_POLL_MIN_SECONDS);

/** Vertex AI jobs per listing page, and pages read at most (1,000 active jobs of the collection in the region). */
export const VERTEX_PAGE_SIZE = 100;
export const VERTEX_MAX_PAGES = 10;

/** JobSets per listing page (whole objects: kept small for the execution's memory), and pages read at most. */
export const JOBSET_PAGE_SIZE = 20;
export const JOBSET_MAX_PAGES = 25;

/** Active runs a skip note names; more are counted. */
const NAMES_SHOWN = 3;

/** Vertex AI states of a job that is not over. */
export const ACTIVE_JOB_STATES = ['JOB_STATE_QUEUED', 'JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_CANCELLING', 'JOB_STATE_UPDATING', 'JOB_STATE_PAUSED'];
/** Vertex AI states of a training pipeline that is not over. */
export const ACTIVE_PIPELINE_STATES = ['PIPELINE_STATE_QUEUED', 'PIPELINE_STATE_PENDING', 'PIPELINE_STATE_RUNNING', 'PIPELINE_STATE_CANCELLING', 'PIPELINE_STATE_PAUSED'];

/** A Vertex AI list filter for any of `states` (AIP-160: `state="A" OR state="B"`). */
export function stateFilter(states: readonly string[]): string {
  return states.map((s) => `state="${s}"`).join(' OR ');
}

/** Subworkflow names. */
export const ADMIT_RUN = 'admit_run';
export const RELEASE_GATE = 'release_gate';
const TRY_GATE = 'try_gate';
const ACTIVE_VERTEX_RUNS = 'active_vertex_runs';
const ACTIVE_JOBSETS = 'active_jobsets';

/** The subworkflows of this file, by name. */
export function concurrencySubworkflows(): { [name: string]: Subworkflow } {
  return {
    [ADMIT_RUN]: admitRun(),
    [TRY_GATE]: tryGate(),
    [RELEASE_GATE]: releaseGate(),
    [ACTIVE_VERTEX_RUNS]: activeVertexRuns(),
    [ACTIVE_JOBSETS]: activeJobsets(),
  };
}

/**
 * `admit_run(staging, job_id, manifest, held, root?, parent?, cluster?, jobsets?, name?)`:
 * `{gate, skip}`. Counts the job's active runs (Vertex AI with `root` and `parent`; GKE with
 * `cluster`, the `jobsets` path and the JobSet's `name`) before it tries the job's gate, and again
 * before every later try and once it holds the gate: a job already at its limit is skipped without
 * writing the gate (a burst of launches would otherwise queue on one object, which Cloud Storage
 * lets change about once a second). Room for one more under the gate: `{gate, skip: null}`, the
 * caller holding the gate until it recorded the run ({@link RELEASE_GATE}). No room: the launch
 * record `held` gets `skipped: <note>`, a gate held is released, and `{gate: null, skip: <note>}`
 * names the active runs. A gate held by a live holder is tried again after a jittered pause
 * ({@link GATE_POLL_MIN_SECONDS} to {@link GATE_POLL_MAX_SECONDS}), and given up after
 * {@link GATE_WAIT_SECONDS} seconds (ConcurrencyGateBusy).
 */
function admitRun(): Subworkflow {
  return {
    params: ['staging', 'job_id', 'manifest', 'held', { root: null }, { parent: null }, { cluster: null }, { jobsets: null }, { name: null }],
    steps: [
      assign('read', [
        ['limit', x('manifest.maxConcurrentRuns')], ['label', x('map.get(manifest, "jobLabel")')], ['key', x('held.record.key')],
        ['gate', null], ['full', false], ['match', '0'], ['start', x('sys.now()')], ['holding', null], ['active', null],
      ]),
      switchOn('valid', [{
        condition: x('if(get_type(limit) == "integer", limit, 0) < 1 or get_type(map.get(label, "key")) != "string" or get_type(map.get(label, "value")) != "string"'),
        steps: [raises('invalid', {
          code: 0,
          tags: ['InvalidManifest'],
          message: x('"manifest " + held.record.manifest + " has maxConcurrentRuns " + json.encode_to_string(limit) + " and jobLabel " + json.encode_to_string(label) + ": the launcher needs a whole number, at least 1, and {key, value} strings"'),
        })],
      }]),
      forRange('attempts', 'attempt', 1, GATE_ATTEMPTS, [
        tryExcept('count', [
          switchOn('backend', [
            { condition: x('jobsets != null'), steps: [call('count_jobsets', ACTIVE_JOBSETS, { cluster: x('cluster'), jobsets: x('jobsets'), label: x('label'), name: x('name') }, 'active')] },
            { condition: true, steps: [call('count_jobs', ACTIVE_VERTEX_RUNS, { root: x('root'), parent: x('parent'), collection: x('manifest.collection'), label: x('label'), key: x('key') }, 'active')] },
          ]),
        ], 'e', [
          call('release_after_error', RELEASE_GATE, { staging: x('staging'), gate: x('gate') }),
          raises('rethrow', x('e')),
        ]),
        // At the limit, with or without the gate: skipping is the conservative answer.
        assign('room_left', [['full', x('not active.own and active.count >= limit')]]),
        switchOn('no_room', [{ condition: x('full'), next: 'break' }]),
        // Counted under the gate: the gate is the authority for the final count and the create.
        switchOn('room', [{ condition: x('gate != null'), steps: [returns('admitted', { gate: x('gate'), skip: null })] }]),
        call('take', TRY_GATE, { staging: x('staging'), job: x('job_id'), execution: x('held.record.execution'), key: x('key'), match: x('match') }, 'tried'),
        assign('tried', [['gate', x('tried.gate')], ['match', x('tried.match')], ['wait', x('tried.wait')]]),
        switchOn('out_of_time', [{ condition: x(`gate == null and sys.now() + wait - start > ${GATE_WAIT_SECONDS}`), next: 'break' }]),
        switchOn('pause', [{ condition: x('wait > 0'), steps: [call('sleep', 'sys.sleep', { seconds: x('wait') })] }]),
      ]),
      switchOn('busy', [{
        condition: x('not full'),
        steps: [
          tryExcept('who', [call('read_holder', READ_JSON, { bucket: x('staging'), name: x(`"${GATE_PREFIX}" + job_id + ".json"`) }, 'holding')], 'e', [assign('unknown', [['holding', null]])]),
          raises('gate_busy', {
            code: 0,
            tags: ['ConcurrencyGateBusy'],
            message: x(`"other launches of job " + job_id + " held its concurrency gate gs://" + staging + "/${GATE_PREFIX}" + job_id + ".json for ${GATE_WAIT_SECONDS} s (last execution " + default(map.get(holding, "execution"), "unknown") + "): launch " + key + " again later"`),
          }),
        ],
      }]),
      assign('describe', [
        ['more', x(`if(active.count > ${NAMES_SHOWN}, " and " + string(active.count - ${NAMES_SHOWN}) + " more", "")`)],
        ['note', x('"job " + job_id + " has " + string(active.count) + " active run(s), at most " + string(limit) + " at once: " + active.names + more')],
        ['record', x('held.record')],
        ['record.skipped', x('note')],
      ]),
      // The key is spent: a redelivery finds the decision in the record (contended_record).
      tryExcept('spend_key', [
        call('rewrite', WRITE_RECORD, { staging: x('staging'), name: x('held.name'), record: x('record'), generation: x('held.generation') }),
      ], 'e', [log('not_recorded', 'WARNING', { event: 'launch_not_recorded', record: x('held.name'), skipped: x('note'), error: x('e') })]),
      call('release', RELEASE_GATE, { staging: x('staging'), gate: x('gate') }),
      returns('skipped', { gate: null, skip: x('note') }),
    ],
  };
}

/**
 * `try_gate(staging, job, execution, key, match)`: one try for the job's gate, `{gate, match,
 * wait}`. Taken (created with `ifGenerationMatch=0`, or with `match`, the generation of a gate
 * found stale): `gate` is `{name, generation, acquired}`. Not taken: `gate` is null, and `wait`
 * says when to try again: at once when the gate was released since, or is
 * {@link GATE_LEASE_SECONDS} old (`match` is then its generation, to take it over); else after a
 * pause of {@link GATE_POLL_MIN_SECONDS} to {@link GATE_POLL_MAX_SECONDS} seconds. Workflows has no
 * random numbers: the pause is drawn from the SHA-256 of the execution, the key and the time
 * (one Base64 digit of it, 0 to 63), so that launches that found the gate together do not all try
 * again together.
 */
function tryGate(): Subworkflow {
  const draw = `text.substring(base64.encode(hash.compute_checksum(text.encode(execution + "|" + key + "|" + string(sys.now())), "SHA256")), 0, 1)`;
  return {
    params: ['staging', 'job', 'execution', 'key', 'match'],
    steps: [
      assign('init', [['name', x(`"${GATE_PREFIX}" + job + ".json"`)], ['holder', { job: x('job'), execution: x('execution'), key: x('key'), acquired: x('sys.now()') }], ['meta', null]]),
      tryExcept('create', [
        call('insert', API_POST, {
          url: x(`${STORAGE_UPLOAD} + staging + "/o"`),
          query: { uploadType: 'media', name: x('name'), ifGenerationMatch: x('match') },
          body: x('holder'),
        }, 'created'),
        switchOn('taken_over', [{ condition: x('match != "0"'), steps: [log('took_over', 'WARNING', { event: 'gate_taken_over', gate: x('name'), job: x('job'), launchKey: x('key') })] }]),
        returns('taken', { gate: { name: x('name'), generation: x('created.generation'), acquired: x('holder.acquired') }, match: '0', wait: 0 }),
      ], 'e', [switchOn('other_error', [{ condition: x('map.get(e, "code") != 412'), steps: [raises('rethrow', x('e'))] }])]),
      tryExcept('look', [
        call('metadata', API_GET, { url: x(`${STORAGE_API} + staging + "/o/" + text.url_encode(name)`) }, 'meta'),
      ], 'e', [switchOn('not_gone', [{ condition: x('map.get(e, "code") != 404'), steps: [raises('rethrow_look', x('e'))] }])]),
      // Released since the create: try again at once; its holder silent past the lease: take it over at once.
      switchOn('held', [
        { condition: x('meta == null'), steps: [returns('released', { gate: null, match: '0', wait: 0 })] },
        { condition: x(`sys.now() - time.parse(meta.updated) >= ${GATE_LEASE_SECONDS}`), steps: [returns('stale', { gate: null, match: x('meta.generation'), wait: 0 })] },
      ]),
      // This very execution created it: a retried create whose first answer was lost (as for launch records).
      tryExcept('whose', [call('read_holder', READ_JSON, { bucket: x('staging'), name: x('name'), generation: x('meta.generation') }, 'holding')], 'e', [
        switchOn('gone_meanwhile', [{ condition: x('map.get(e, "code") == 404'), steps: [returns('released_meanwhile', { gate: null, match: '0', wait: 0 })] }]),
        raises('rethrow_read', x('e')),
      ]),
      switchOn('ours', [{
        condition: x('map.get(holding, "execution") == execution and map.get(holding, "key") == key'),
        steps: [returns('ours_already', { gate: { name: x('name'), generation: x('meta.generation'), acquired: x('holding.acquired') }, match: '0', wait: 0 })],
      }]),
      assign('draw', [['digit', x(`text.find_all(${quoted(BASE64_DIGITS)}, ${draw})[0].index`)]]),
      returns('busy', { gate: null, match: '0', wait: x(`${GATE_POLL_MIN_SECONDS} + digit * ${GATE_POLL_MAX_SECONDS - GATE_POLL_MIN_SECONDS} // 63`) }),
    ],
  };
}

/** The Base64 alphabet, in order: a digit's place in it is its value. */
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * `release_gate(staging, gate)`: deletes the gate this execution holds, `{name, generation}` (null:
 * nothing to do; a first-version claim of model-version.ts is released the same way). A failed
 * delete only warns: the object frees itself when its lease ends.
 */
function releaseGate(): Subworkflow {
  return {
    params: ['staging', 'gate'],
    steps: [
      switchOn('none', [{ condition: x('gate == null'), steps: [returns('nothing', null)] }]),
      tryExcept('delete', [
        call('remove', API_DELETE, { url: x(`${STORAGE_API} + staging + "/o/" + text.url_encode(gate.name)`), query: { ifGenerationMatch: x('gate.generation') } }),
      ], 'e', [
        // Gone already: an earlier attempt of this delete, whose answer was lost, removed it.
        switchOn('gone', [{ condition: x('map.get(e, "code") == 404'), steps: [returns('already_gone', null)] }]),
        log('not_released', 'WARNING', { event: 'gate_not_released', gate: x('gate.name'), error: x('e'), note: 'it frees itself when its lease ends' }),
      ]),
      returns('released', null),
    ],
  };
}

/** Counts one listed run into `count` and (the first few) `names`. */
const counted = (name: string): Step => assign('counted', [
  ['count', x('count + 1')],
  ['names', x(`if(count > ${NAMES_SHOWN}, names, names + if(names == "", "", ", ") + ${name})`)],
]);

/** The end of one listing page: the next page's token, or the count when there is none. */
const nextPage = (token: string, target: string): Step[] => [
  assign('next', [['token', x(token)]]),
  switchOn('last_page', [{ condition: x('default(token, "") == ""'), steps: [returns('counted_all', { count: x('count'), names: x('names'), own: x('own') })] }]),
  assign('next_page', [[target, x('token')]]),
];

const partial = (pages: number, where: string): Step[] => [
  log('partial', 'WARNING', { event: 'concurrency_count_partial', where: x(where), counted: x('count'), note: `more than ${pages} pages of runs to list: the launch counted those on the first ${pages}` }),
  returns('counted_some', { count: x('count'), names: x('names'), own: x('own') }),
];

/**
 * `active_vertex_runs(root, parent, collection, label, key)`: `{count, names, own}`, the active
 * jobs of `collection` labelled `label` other than the one with launch key `key` (`own`: there is
 * one), and the first few of their names.
 */
function activeVertexRuns(): Subworkflow {
  return {
    params: ['root', 'parent', 'collection', 'label', 'key'],
    steps: [
      assign('init', [['count', 0], ['names', ''], ['own', false], ['token', null], ['query', { pageSize: VERTEX_PAGE_SIZE, readMask: 'name,labels' }]]),
      switchOn('states', [
        { condition: x('collection == "trainingPipelines"'), steps: [assign('pipeline_states', [['query.filter', stateFilter(ACTIVE_PIPELINE_STATES)]])] },
        { condition: true, steps: [assign('job_states', [['query.filter', stateFilter(ACTIVE_JOB_STATES)]])] },
      ]),
      forRange('pages', 'page', 1, VERTEX_MAX_PAGES, [
        call('list', API_GET, { url: x('root + "/" + parent + "/" + collection'), query: x('query') }, 'listing'),
        forEach('runs', 'run', x('default(map.get(listing, collection), [])'), [
          switchOn('of_job', [{
            condition: x('map.get(run, ["labels", label.key]) == label.value'),
            steps: [switchOn('which', [
              { condition: x('map.get(run, ["labels", "launch_key"]) == key'), steps: [assign('ours', [['own', true]])] },
              { condition: true, steps: [counted('run.name')] },
            ])],
          }]),
        ]),
        ...nextPage('map.get(listing, "nextPageToken")', 'query.pageToken'),
      ]),
      ...partial(VERTEX_MAX_PAGES, 'parent + "/" + collection'),
    ],
  };
}

/**
 * `active_jobsets(cluster, jobsets, label, name)`: `{count, names, own}`, the JobSets at path
 * `jobsets` labelled `label` without a terminal state other than `name` (`own`: JobSet `name` is
 * there, in whatever state), and the first few of their names.
 */
function activeJobsets(): Subworkflow {
  return {
    params: ['cluster', 'jobsets', 'label', 'name'],
    steps: [
      assign('init', [['count', 0], ['names', ''], ['own', false], ['token', null], ['query', { labelSelector: x('label.key + "=" + label.value'), limit: JOBSET_PAGE_SIZE }]]),
      forRange('pages', 'page', 1, JOBSET_MAX_PAGES, [
        call('list', KUBE_GET, { cluster: x('cluster'), path: x('jobsets'), query: x('query') }, 'listing'),
        forEach('items', 'item', x('default(map.get(listing, "items"), [])'), [
          switchOn('which', [
            { condition: x('map.get(item, ["metadata", "name"]) == name'), steps: [assign('ours', [['own', true]])] },
            { condition: x('map.get(item, ["status", "terminalState"]) == null'), steps: [counted('item.metadata.name')] },
          ]),
        ]),
        ...nextPage('map.get(listing, ["metadata", "continue"])', 'query["continue"]'),
      ]),
      ...partial(JOBSET_MAX_PAGES, 'jobsets'),
    ],
  };
}
