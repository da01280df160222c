import { API_GET, API_POST, STORAGE_API, STORAGE_UPLOAD } from './google-apis';
import { assign, call, log, returns, Subworkflow, switchOn, tryExcept, raises, x } from './syntax';

/**
 * Launch records make one launch key start one run, even when two executions race for it (a
 * redelivered event while the first execution is still creating the job).
 *
 * A record is the object `launches/<key>.json` in the staging bucket, created with
 * `ifGenerationMatch=0`: Cloud Storage lets exactly one create succeed and answers 412 to the
 * others. The winner holds the key; it looks for a job with the key's label (an earlier holder may
 * have created one and stopped before recording it), creates the job, and records the job's name
 * in the record. A loser reads the record: if it names a job, or its holder is still within its
 * lease, the loser launches nothing. A holder that went silent (no job recorded, lease over) is
 * taken over with `ifGenerationMatch=<generation>`, which again only one execution can win.
 *
 * Holders never act on an expired lease: the launch step fails instead of creating a job once the
 * lease (less a safety margin) has passed, so two holders never create at the same time.
 *
 * A coalesced launch (data-batch.ts) holds its key while it sleeps until its window ends: its
 * record's `until` (seconds since the epoch) moves the start of its lease to then, for the holder
 * (its `acquired`) and for the others alike.
 */

/** Where launch records live in the staging bucket (the launcher may write nothing else). */
export const LOCK_PREFIX = 'launches/';

/** How long a holder may take from taking a key to recording its job, in seconds. */
export const LEASE_SECONDS = 1800;

/** Seconds before the lease ends after which a holder no longer creates a job. */
export const LEASE_MARGIN_SECONDS = 300;

/** Subworkflow names. */
export const ACQUIRE_RECORD = 'acquire_record';
export const WRITE_RECORD = 'write_record';
export const READ_JSON = 'read_json';
const CONTENDED_RECORD = 'contended_record';

/** The subworkflows of this file, by name. */
export function launchRecordSubworkflows(): { [name: string]: Subworkflow } {
  return {
    [ACQUIRE_RECORD]: acquireRecord(),
    [CONTENDED_RECORD]: contendedRecord(),
    [WRITE_RECORD]: writeRecord(),
    [READ_JSON]: readJson(),
  };
}

const upload = (generation: string) => ({
  url: x(`${STORAGE_UPLOAD} + staging + "/o"`),
  query: { uploadType: 'media', name: x('name'), ifGenerationMatch: x(generation) },
  body: x('record'),
});

const isNot412 = x('map.get(e, "code") != 412');

/**
 * `acquire_record(staging, key, execution, manifest)`: `{owner, name, generation, record, note}`,
 * `owner` true when this execution holds the key.
 */
function acquireRecord(): Subworkflow {
  return {
    params: ['staging', 'key', 'execution', 'manifest'],
    steps: [
      assign('init', [
        ['name', x(`"${LOCK_PREFIX}" + key + ".json"`)],
        ['record', { key: x('key'), execution: x('execution'), manifest: x('manifest'), job: null, acquired: x('sys.now()') }],
      ]),
      tryExcept('create', [call('insert', API_POST, upload('"0"'), 'created')], 'e', [
        switchOn('other_error', [{ condition: isNot412, steps: [raises('rethrow', x('e'))] }]),
        call('contended', CONTENDED_RECORD, { staging: x('staging'), name: x('name'), record: x('record') }, 'outcome'),
        returns('contended_outcome', x('outcome')),
      ]),
      returns('owned', { owner: true, name: x('name'), generation: x('created.generation'), record: x('record'), note: 'new launch' }),
    ],
  };
}

function contendedRecord(): Subworkflow {
  const not = (note: string) => ({ owner: false, name: x('name'), generation: null, record: x('held'), note: x(note) });
  return {
    params: ['staging', 'name', 'record'],
    steps: [
      call('metadata', API_GET, { url: x(`${STORAGE_API} + staging + "/o/" + text.url_encode(name)`) }, 'meta'),
      call('content', READ_JSON, { bucket: x('staging'), name: x('name'), generation: x('meta.generation') }, 'held'),
      switchOn('decide', [
        // An earlier attempt of this very call created the record (its answer was lost and retried).
        { condition: x('map.get(held, "execution") == record.execution'), steps: [returns('ours', { owner: true, name: x('name'), generation: x('meta.generation'), record: x('held'), note: 'new launch' })] },
        { condition: x('map.get(held, "job") != null'), steps: [returns('launched', not('"already launched as " + held.job'))] },
        // A launch skipped by the job's concurrency policy is decided too: its key launches nothing.
        { condition: x('map.get(held, "skipped") != null'), steps: [returns('skipped', not('"already decided: skipped (" + held.skipped + ")"'))] },
        // A coalesced launch's holder sleeps until its window ends (`until`): its lease counts from then.
        { condition: x(`sys.now() - math.max(time.parse(meta.updated), default(map.get(held, "until"), 0)) < ${LEASE_SECONDS}`), steps: [returns('in_progress', not('"being launched by execution " + map.get(held, "execution")'))] },
      ]),
      tryExcept('take_over', [call('replace', API_POST, upload('meta.generation'), 'replaced')], 'e', [
        switchOn('other_error', [{ condition: isNot412, steps: [raises('rethrow', x('e'))] }]),
        returns('lost', not('"another execution took the launch over from " + map.get(held, "execution")')),
      ]),
      log('took_over', 'WARNING', { event: 'launch_taken_over', record: x('name'), from: x('map.get(held, "execution")') }),
      returns('taken_over', { owner: true, name: x('name'), generation: x('replaced.generation'), record: x('record'), note: x('"took over from execution " + map.get(held, "execution")') }),
    ],
  };
}

/**
 * `write_record(staging, name, record, generation)`: the new generation; 412 when another execution
 * wrote it since. A 412 after a write of this very record whose answer was lost (the retry meets the
 * generation that write made) is the write done: the record there is this execution's, with the
 * same job, decision and window.
 */
function writeRecord(): Subworkflow {
  const same = ['execution', 'job', 'skipped', 'until'].map((field) => `map.get(stored, "${field}") == map.get(record, "${field}")`).join(' and ');
  return {
    params: ['staging', 'name', 'record', 'generation'],
    steps: [
      tryExcept('replace', [call('write', API_POST, upload('generation'), 'written')], 'e', [
        switchOn('other_error', [{ condition: isNot412, steps: [raises('rethrow', x('e'))] }]),
        call('metadata', API_GET, { url: x(`${STORAGE_API} + staging + "/o/" + text.url_encode(name)`) }, 'meta'),
        call('content', READ_JSON, { bucket: x('staging'), name: x('name'), generation: x('meta.generation') }, 'stored'),
        switchOn('written_before', [{ condition: x(same), steps: [returns('lost_answer', x('meta.generation'))] }]),
        raises('written_by_another', x('e')),
      ]),
      returns('done', x('written.generation')),
    ],
  };
}

/**
 * `read_json(bucket, name, generation)`: the object's content as data. Workflows decodes a JSON
 * response into a map; should it hand over text or bytes instead, the content is decoded here.
 */
function readJson(): Subworkflow {
  return {
    params: ['bucket', 'name', { generation: null }],
    steps: [
      assign('query', [['query', { alt: 'media' }]]),
      switchOn('pinned', [{ condition: x('generation != null'), steps: [assign('at_generation', [['query.generation', x('generation')]])] }]),
      call('download', API_GET, { url: x(`${STORAGE_API} + bucket + "/o/" + text.url_encode(name)`), query: x('query') }, 'content'),
      switchOn('decoded', [{ condition: x('get_type(content) == "map"'), steps: [returns('as_map', x('content'))] }]),
      returns('as_text', x('json.decode(content)')),
    ],
  };
}
