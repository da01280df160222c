import { API_GET, STORAGE_API } from './google-apis';
import { WRITE_RECORD } from './launch-records';
import { assign, call, forEach, forRange, log, returns, Subworkflow, switchOn, x } from './syntax';

/**
 * A coalesced data route's batch: one run per tumbling window, receiving every matching object
 * created in it. Every event of a window computes the window's launch key (requests.ts), so one
 * execution holds it; that holder marks its record with the window's end (`until`, which keeps
 * other executions from taking the key over while it waits, launch-records.ts), sleeps until the
 * window has ended, lists the route's prefix and keeps the objects that match the route's pattern
 * and were created in the window. The others find the record and launch nothing.
 *
 * Listing rather than gathering the events makes the batch whole even when an event was lost or
 * its execution failed; its cost is one listing of the prefix per window, so old data is best kept
 * outside a coalesced route's prefix (at most {@link MAX_LISTED_OBJECTS} objects are looked at, in
 * name order: past them, a WARNING `batch_objects_missing`). The object whose event started the
 * launch reaches the run whatever the listing found.
 */

/** Subworkflow names. */
export const COLLECT_BATCH = 'collect_batch';

/** At most this many objects reach a run (the first ones by name); more are logged as `batch_truncated`. */
export const MAX_BATCH_OBJECTS = 500;

/**
 * At most this many characters of JSON text of the objects' URIs reach a run (about 500 URIs of 48
 * characters). The text is copied into every container's environment, and the execution's
 * variables (at most 512 KB in all) hold it for each of up to 4 pools three times over while the
 * job is created (the launch's body, the create call's, and the created job the API answers with).
 */
export const MAX_BATCH_CHARACTERS = 24_576;

/**
 * Seconds the holder waits past the window's end before listing: an object whose upload started
 * before the end can be finalized a little after, and the clocks of Workflows and Cloud Storage
 * need not agree to the second.
 */
export const BATCH_GRACE_SECONDS = 60;

/** Objects per listing page (bounded: a page is held in the execution's memory). */
export const LIST_PAGE_SIZE = 250;

/** Pages listed at most: a step per object looked at and four per match, well inside an execution's 100,000. */
export const MAX_LIST_PAGES = 32;

/** Objects looked at, at most. */
export const MAX_LISTED_OBJECTS = LIST_PAGE_SIZE * MAX_LIST_PAGES;

/** The subworkflows of this file, by name. */
export function dataBatchSubworkflows(): { [name: string]: Subworkflow } {
  return { [COLLECT_BATCH]: collectBatch() };
}

/**
 * `collect_batch(staging, held, window, own)`: `{objects, held}` — the URIs `gs://<bucket>/<name>`
 * of the objects of `window` `{bucket, prefix, pattern, start, end}` (seconds since the epoch,
 * `end` excluded), and the launch record `held` as rewritten with `until` (the holder's lease,
 * `acquired`, starts then too, or later for a holder that took the key over after it, so that
 * creating the run after the wait is still within it). `own`, the URIs of the objects whose
 * event started this launch, come first and always: the listing is bounded and in name order, so
 * it may not reach them.
 */
function collectBatch(): Subworkflow {
  const inWindow = 'text.match_regex(item.name, window.pattern) and time.parse(item.timeCreated) >= window.start and time.parse(item.timeCreated) < window.end';
  return {
    params: ['staging', 'held', 'window', { own: [] }],
    steps: [
      assign('mark', [
        ['until', x(`window.end + ${BATCH_GRACE_SECONDS}`)],
        ['held.record.until', x('until')],
        // A holder that took the key over after the window ended holds a lease from then.
        ['held.record.acquired', x('math.max(held.record.acquired, until)')],
      ]),
      call('write_until', WRITE_RECORD, { staging: x('staging'), name: x('held.name'), record: x('held.record'), generation: x('held.generation') }, 'generation'),
      assign('marked', [['held.generation', x('generation')], ['wait', x('until - sys.now()')]]),
      switchOn('window_open', [{ condition: x('wait > 0'), steps: [call('wait_for_end', 'sys.sleep', { seconds: x('int(wait) + 1') })] }]),
      // Room is kept for `own` (a window's first event: one object) whatever the listing finds.
      assign('init', [
        ['objects', []],
        ['matched', 0],
        ['size', x('len(json.encode_to_string(own))')],
        ['reserved', x('len(own)')],
        ['kept_all', true],
        ['query', { prefix: x('window.prefix'), fields: 'items(name,timeCreated),nextPageToken', maxResults: LIST_PAGE_SIZE }],
        ['more', false],
      ]),
      forRange('pages', 'page', 1, MAX_LIST_PAGES, [
        call('list', API_GET, { url: x(`${STORAGE_API} + window.bucket + "/o"`), query: x('query') }, 'listing'),
        forEach('keep', 'item', x('default(map.get(listing, "items"), [])'), [
          assign('uri', [['uri', x('"gs://" + window.bucket + "/" + item.name')]]),
          switchOn('in_window', [{
            condition: x(inWindow),
            steps: [
              assign('count', [['matched', x('matched + 1')]]),
              switchOn('room', [
                { condition: x('uri in own'), steps: [assign('add_own', [['objects', x('list.concat(objects, uri)')], ['reserved', x('reserved - 1')]])] },
                // Only while every earlier match was kept: the run gets the first objects by name.
                {
                  condition: x(`kept_all and len(objects) + reserved < ${MAX_BATCH_OBJECTS} and size + len(json.encode_to_string(uri)) < ${MAX_BATCH_CHARACTERS}`),
                  steps: [assign('add', [['objects', x('list.concat(objects, uri)')], ['size', x('size + len(json.encode_to_string(uri)) + 1')]])],
                },
                { condition: true, steps: [assign('full', [['kept_all', false]])] },
              ]),
            ],
          }]),
        ]),
        assign('next_page', [['more', x('map.get(listing, "nextPageToken") != null')]]),
        switchOn('last_page', [{ condition: x('not more'), next: 'break' }]),
        assign('page_token', [['query.pageToken', x('listing.nextPageToken')]]),
      ]),
      // An object of `own` the listing did not reach (past its bound, or deleted since) still reaches the run.
      forEach('own_objects', 'uri', x('own'), [
        switchOn('unlisted', [{ condition: x('not (uri in objects)'), steps: [assign('add_unlisted', [['objects', x('list.concat(objects, uri)')], ['matched', x('matched + 1')]])] }]),
      ]),
      switchOn('truncated', [{
        condition: x('len(objects) < matched'),
        steps: [log('batch_truncated', 'WARNING', {
          event: 'batch_truncated', window: x('window'), matched: x('matched'), delivered: x('len(objects)'),
          note: `a run receives at most ${MAX_BATCH_OBJECTS} objects (${MAX_BATCH_CHARACTERS} characters of JSON): the first by name, and the object of the event that started the launch`,
        })],
      }]),
      switchOn('not_listed_all', [{
        condition: x('more'),
        steps: [log('batch_objects_missing', 'WARNING', {
          event: 'batch_objects_missing', window: x('window'), listed: MAX_LISTED_OBJECTS, delivered: x('len(objects)'),
          note: `the launcher lists ${MAX_LISTED_OBJECTS} objects under the prefix at most, in name order: objects of the window named after those may be missing from the run (keep old data outside a coalesced route's prefix)`,
        })],
      }]),
      returns('collected', { objects: x('objects'), held: x('held') }),
    ],
  };
}
