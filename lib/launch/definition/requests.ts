import { SCHEDULE_SLOT } from './schedule-slot';
import { assign, Branch, call, forEach, log, quoted, raises, returns, Subworkflow, switchOn, x } from './syntax';

/**
 * What a launcher execution was started for, as a list of launch requests
 * `{job, manifest, onChangeOnly, key, reason}` (`job` or `manifest` null):
 *
 * | started by | request | launch key |
 * | --- | --- | --- |
 * | a schedule: Pub/Sub message `{job, cron, timeZone, slot}` | the job's current manifest | `s-<job>-<UTC yyyymmddhhmm of the scheduled slot>` (`-l<yyyymmddhh>` for a firing published over an hour late) |
 * | a deploy: a manifest finalized in the staging bucket | that manifest, if the job launches on change | `c-<first 40 hex digits of the manifest's name>`: an on-change job's launch hash and apply-time values (lib/jobs/manifest-name.ts) |
 * | new data: an object finalized in a watched bucket, matching a route's pattern | each routed job's current manifest; `objects`, the object's URI | `d-<SHA-256 of bucket/object#generation\|job>` |
 * | new data on a coalesced route (`windowSeconds`) | as above, with `window` `{bucket, prefix, pattern, start, end}`: the launch collects the window's objects (data-batch.ts) | `d-<SHA-256 of bucket\|pattern\|w<window start>+<window seconds>\|job>` |
 * | a person: `{"job": J}` or `{"manifest": M}`, optionally `"key": K` | as named | `m-<K>`, else `m-<execution ID>` |
 *
 * The key says what makes a run unique, so that a second delivery of the same thing (a schedule
 * firing one slot twice, a manifest rewritten, copied or restored, an event redelivered) finds the
 * run the first one started. A person's launch without a key always starts a run. Every event of
 * one window of a coalesced route computes the same key, so the window launches once.
 */

/**
 * The manifest names a deploy writes: `jobs/<job>/<64 hex digits>.json`, the SHA-256 of the manifest,
 * or for an on-change job its launch hash, apply-time values and content hashes end to end
 * (lib/jobs/manifest-name.ts).
 */
export const MANIFEST_PATTERN = '^jobs/[a-z0-9-]+/[0-9a-f]{64}\\.json$';

/** Manual keys: what may follow `m-` (lowercase letters, digits, `_` and `-`; labels allow 63 characters). */
const MANUAL_KEY = '^[a-z0-9][a-z0-9_-]{0,60}$';

/** Which objects under a route's prefix launch: see {@link routePattern}. */
export interface RouteFilter {
  /** `marker`: the last path segment is `value`; `suffix`: the name ends in `value`; `pattern`: the rest of the name matches the RE2 `value`. */
  readonly kind: 'marker' | 'suffix' | 'pattern';
  /** The marker name, suffix or RE2 expression. */
  readonly value: string;
}

/** One on-new-data route: objects of `bucket` under `prefix` that pass `filter` launch `job`. */
export interface LaunchRoute {
  /** The watched bucket (a Terraform reference or a name). */
  readonly bucket: string;
  /** The object name prefix ('' for every object). */
  readonly prefix: string;
  /** The job to launch. */
  readonly job: string;
  /** Which objects under the prefix launch. @default - every object */
  readonly filter?: RouteFilter;
  /** The length of the tumbling windows (aligned to the Unix epoch) whose objects launch one run together. @default - one run per object */
  readonly windowSeconds?: number;
}

/** A route as the workflow holds it: `pattern` is RE2 on the whole object name; `window` only on coalesced routes. */
export interface RouteLiteral {
  readonly bucket: string;
  readonly prefix: string;
  readonly pattern: string;
  readonly job: string;
  readonly window?: number;
}

/** Subworkflow names. */
export const REQUESTS_OF = 'requests_of';
const SCHEDULE_REQUEST = 'schedule_request';
const STORAGE_REQUESTS = 'storage_requests';
const MANUAL_REQUEST = 'manual_request';
const DATA_KEY = 'data_key';
const WINDOW_REQUEST = 'window_request';

/** The routes as the workflow holds them: with one RE2 pattern of each prefix and filter. */
export function routesLiteral(routes: readonly LaunchRoute[]): RouteLiteral[] {
  return routes.map((r) => ({
    bucket: r.bucket, prefix: r.prefix, pattern: routePattern(r.prefix, r.filter), job: r.job,
    ...(r.windowSeconds !== undefined ? { window: r.windowSeconds } : {}),
  }));
}

/**
 * The RE2 expression a route matches whole object names with: `^<prefix>` without a filter; for a
 * marker, the prefix, any directories below it and the marker as the last segment; for a suffix,
 * `^<prefix>.*<suffix>$`; for a pattern, `^<prefix>(?:<re2>)$` (anchored to the rest of the name).
 * Literals are escaped. (`.` not matching a newline is moot: Cloud Storage names hold no CR or LF.)
 */
export function routePattern(prefix: string, filter?: RouteFilter): string {
  const start = `^${escapeRe2(prefix)}`;
  switch (filter?.kind) {
    case undefined: return start;
    case 'marker': return `${start}(.*/)?${escapeRe2(filter.value)}$`;
    case 'suffix': return `${start}.*${escapeRe2(filter.value)}$`;
    case 'pattern': return `${start}(?:${filter.value})$`;
  }
}

/** Escapes the characters RE2 treats specially. */
export function escapeRe2(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/** The subworkflows of this file, by name. */
export function requestSubworkflows(): { [name: string]: Subworkflow } {
  return {
    [REQUESTS_OF]: requestsOf(),
    [SCHEDULE_REQUEST]: scheduleRequest(),
    [STORAGE_REQUESTS]: storageRequests(),
    [MANUAL_REQUEST]: manualRequest(),
    [DATA_KEY]: dataKey(),
    [WINDOW_REQUEST]: windowRequest(),
  };
}

/** A launch request whose fields are the given expressions (a map written in the definition, not in an expression). */
function request(job: string, manifest: string, onChangeOnly: boolean, key: string, reason: string): { [field: string]: unknown } {
  return { job: x(job), manifest: x(manifest), onChangeOnly, key: x(key), reason: x(reason) };
}

function requestsOf(): Subworkflow {
  const branch = (name: string, condition: string, target: string, args: { [key: string]: unknown }, single: boolean): Branch => ({
    condition: x(condition),
    steps: [call(`read_${name}`, target, args, 'found'), returns(`${name}_requests`, single ? [x('found')] : x('found'))],
  });
  return {
    params: ['event', 'staging', 'execution', 'routes'],
    steps: [
      switchOn('shape', [{
        condition: x('get_type(event) != "map"'),
        steps: [raises('not_a_map', x('"the launcher takes a JSON object ({\\"job\\": NAME} or {\\"manifest\\": NAME}) or an event, not a " + get_type(event)'))],
      }]),
      assign('fields', [
        ['message', x('map.get(event, ["data", "message"])')],
        ['bucket', x('map.get(event, ["data", "bucket"])')],
      ]),
      switchOn('kind', [
        branch('message', 'message != null', SCHEDULE_REQUEST, { message: x('message'), execution: x('execution') }, true),
        branch('object', 'bucket != null', STORAGE_REQUESTS, { object: x('event.data'), staging: x('staging'), routes: x('routes') }, false),
        branch('job', 'map.get(event, "job") != null', MANUAL_REQUEST, { event: x('event'), execution: x('execution') }, true),
        branch('manifest', 'map.get(event, "manifest") != null', MANUAL_REQUEST, { event: x('event'), execution: x('execution') }, true),
      ]),
      raises('unknown', x('"not a launch request: " + json.encode_to_string(event)')),
    ],
  };
}

function scheduleRequest(): Subworkflow {
  const digits = (seconds: string, length: number) => `text.replace_all_regex(text.substring(time.format(${seconds}), 0, ${length}), "[^0-9]", "")`;
  return {
    params: ['message', 'execution'],
    steps: [
      assign('decode', [['payload', x('json.decode(base64.decode(message.data))')]]),
      switchOn('valid', [{
        condition: x('get_type(payload) != "map"'),
        steps: [raises('not_a_map', x('"a launch request on the topic is a JSON object, not: " + json.encode_to_string(payload)'))],
      }]),
      switchOn('has_job', [{
        condition: x('get_type(map.get(payload, "job")) != "string"'),
        steps: [raises('no_job', x('"a launch request on the topic names a job: " + json.encode_to_string(payload)'))],
      }]),
      switchOn('published_by_hand', [{
        condition: x('map.get(payload, "slot") == null'),
        steps: [returns('by_hand', request('payload.job', 'null', false, '"m-" + message.messageId', '"published request " + message.messageId'))],
      }]),
      assign('published', [['published', x('time.parse(message.publishTime)')]]),
      call('find_slot', SCHEDULE_SLOT, { published: x('published'), table: x('payload.slot'), zone: x('payload.timeZone') }, 'slot'),
      switchOn('keyed', [{
        condition: x('slot == null'),
        steps: [
          log('no_slot', 'WARNING', {
            event: 'late_schedule_firing', job: x('payload.job'), publishTime: x('message.publishTime'),
            note: 'no scheduled time of the cron in the hour before the publish time; keyed by the hour of publishing',
          }),
          returns('by_publish_hour', request('payload.job', 'null', false, `"s-" + payload.job + "-l" + ${digits('published', 13)}`, '"schedule " + payload.cron + ", late firing published " + message.publishTime')),
        ],
      }]),
      returns('by_slot', request('payload.job', 'null', false, `"s-" + payload.job + "-" + ${digits('slot', 16)}`,
        '"schedule " + payload.cron + " (" + payload.timeZone + "), slot " + time.format(slot, payload.timeZone)')),
    ],
  };
}

function storageRequests(): Subworkflow {
  const uri = '"gs://" + bucket + "/" + name';
  return {
    params: ['object', 'staging', 'routes'],
    steps: [
      assign('read', [
        ['bucket', x('object.bucket')],
        ['name', x('object.name')],
        ['generation', x('object.generation')],
        ['created', x('map.get(object, "timeCreated")')],
        ['requests', []],
        ['windowed', []],
      ]),
      // Cloud Storage events carry the generation as a string (an int64 in JSON); be safe with a number.
      switchOn('generation_text', [{ condition: x('get_type(generation) != "string"'), steps: [assign('as_text', [['generation', x('string(generation)')]])] }]),
      switchOn('in_staging', [{
        condition: x('bucket == staging'),
        steps: [
          switchOn('manifest', [{
            condition: x(`text.match_regex(name, ${quoted(MANIFEST_PATTERN)})`),
            steps: [
              assign('hash', [['parts', x('text.split(name, "/")')]]),
              returns('changed', [request('parts[1]', 'name', true, '"c-" + text.substring(parts[2], 0, 40)', '"deploy of " + name')]),
            ],
          }]),
          // Packages and launch records: nothing to launch.
          returns('not_a_manifest', []),
        ],
      }]),
      forEach('match_routes', 'route', x('routes'), [
        switchOn('same_bucket', [{
          condition: x('route.bucket == bucket'),
          steps: [switchOn('matches', [{
            condition: x('text.match_regex(name, route.pattern)'),
            steps: [
              switchOn('coalesced', [
                {
                  condition: x('map.get(route, "window") != null'),
                  steps: [
                    call('window_of', WINDOW_REQUEST, { route: x('route'), bucket: x('bucket'), uri: x(uri), generation: x('generation'), created: x('created') }, 'found'),
                    // Inserted by window end: a pass over the few coalesced routes this object matched.
                    assign('insert_at_end', [['sorted', []], ['placed', false]]),
                    forEach('by_end', 'other', x('windowed'), [
                      switchOn('before_other', [{ condition: x('not placed and found.window.end < other.window.end'), steps: [assign('place', [['sorted', x('list.concat(sorted, found)')], ['placed', true]])] }]),
                      assign('keep_other', [['sorted', x('list.concat(sorted, other)')]]),
                    ]),
                    switchOn('last_end', [{ condition: x('not placed'), steps: [assign('place_last', [['sorted', x('list.concat(sorted, found)')]])] }]),
                    assign('add_windowed', [['windowed', x('sorted')]]),
                  ],
                },
                {
                  condition: true,
                  steps: [
                    call('key', DATA_KEY, { source: x('bucket + "/" + name + "#" + generation'), job: x('route.job') }, 'key'),
                    assign('request', [['found', { ...request('route.job', 'null', false, 'key', `"new data " + ${uri} + "#" + generation`), objects: [x(uri)] }]]),
                    assign('add', [['requests', x('list.concat(requests, found)')]]),
                  ],
                },
              ]),
            ],
          }])],
        }]),
      ]),
      // Launches run in order, and a window's holder waits for its end: the other routes' launches
      // go first, then the windows by their end (windowed is kept in that order), so that a short
      // window never waits for a long one.
      forEach('windows_last', 'pending', x('windowed'), [assign('add_window', [['requests', x('list.concat(requests, pending)')]])]),
      // A watched bucket's object that no route's prefix and filter match launches nothing.
      switchOn('unrouted', [{
        condition: x('len(requests) == 0'),
        steps: [call('no_route', 'sys.log', { severity: 'DEBUG', json: { event: 'not_routed', object: x(uri), note: 'no data route matches the object' } })],
      }]),
      returns('routed', x('requests')),
    ],
  };
}

/**
 * `window_request(route, bucket, uri, generation, created)`: the request of a coalesced route for
 * the object `uri` created at `created` (its event's `timeCreated`; the execution's time if the
 * event has none): the tumbling window `[start, end)` of `route.window` seconds that holds it,
 * aligned to the Unix epoch, keyed by bucket, route pattern, start and length.
 */
function windowRequest(): Subworkflow {
  return {
    params: ['route', 'bucket', 'uri', 'generation', 'created'],
    steps: [
      assign('init', [['at', x('sys.now()')]]),
      switchOn('event_time', [{ condition: x('created != null'), steps: [assign('parsed', [['at', x('time.parse(created)')]])] }]),
      assign('window', [
        ['start', x('int(at / route.window) * route.window')],
        ['window', { bucket: x('bucket'), prefix: x('route.prefix'), pattern: x('route.pattern'), start: x('start'), end: x('start + route.window') }],
        ['span', x('time.format(start) + " to " + time.format(window.end)')],
      ]),
      // The window's length too: windows of 1 h and 2 h both start at 00:00 on the epoch's grid.
      call('key', DATA_KEY, { source: x('bucket + "|" + route.pattern + "|w" + string(start) + "+" + string(route.window)'), job: x('route.job') }, 'key'),
      returns('windowed', {
        ...request('route.job', 'null', false, 'key', '"new data in gs://" + bucket + "/" + route.prefix + " from " + span + " (first event " + uri + "#" + generation + ")"'),
        objects: [x('uri')],
        window: x('window'),
      }),
    ],
  };
}

function manualRequest(): Subworkflow {
  return {
    params: ['event', 'execution'],
    steps: [
      assign('read', [['given', x('map.get(event, "key")')], ['key', x('"m-" + execution')]]),
      switchOn('given_key', [{
        condition: x('given != null'),
        steps: [
          switchOn('string_key', [{ condition: x('get_type(given) != "string"'), steps: [raises('bad_type', x('"key must be a string, not a " + get_type(given)'))] }]),
          switchOn('valid_key', [{
            condition: x(`not text.match_regex(given, ${quoted(MANUAL_KEY)})`),
            steps: [raises('bad_key', x('"key " + given + " must be 1-61 lowercase letters, digits, _ or -, starting with a letter or digit"'))],
          }]),
          assign('use_given', [['key', x('"m-" + given')]]),
        ],
      }]),
      returns('manual', request('map.get(event, "job")', 'map.get(event, "manifest")', false, 'key', '"by hand (execution " + execution + ")"')),
    ],
  };
}

/** `data_key(source, job)`: `d-` and the label-safe SHA-256 of `source|job`. */
function dataKey(): Subworkflow {
  return {
    params: ['source', 'job'],
    steps: [
      assign('digest', [['digest', x('base64.encode(hash.compute_checksum(text.encode(source + "|" + job), "SHA256"))')]]),
      // Base64 made label-safe: `+` and `/` become `-` and `_`, padding goes, letters are lowercased
      // (43 characters, about 220 bits: collisions stay out of reach).
      returns('key', x('"d-" + text.to_lower(text.replace_all(text.replace_all(text.replace_all(digest, "+", "-"), "/", "_"), "=", ""))')),
    ],
  };
}
