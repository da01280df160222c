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
 * | new data: an object finalized in a watched bucket | each routed job's current manifest | `d-<SHA-256 of bucket/object#generation\|job>` |
 * | a person: `{"job": J}` or `{"manifest": M}`, optionally `"key": K` | as named | `m-<K>`, else `m-<execution ID>` |
 *
 * The key says what makes a run unique, so that a second delivery of the same thing (a schedule
 * firing one slot twice, a manifest rewritten, copied or restored, an event redelivered) finds the
 * run the first one started. A person's launch without a key always starts a run.
 */

/**
 * The manifest names a deploy writes: `jobs/<job>/<64 hex digits>.json`, the SHA-256 of the manifest,
 * or for an on-change job its launch hash, apply-time values and content hashes end to end
 * (lib/jobs/manifest-name.ts).
 */
export const MANIFEST_PATTERN = '^jobs/[a-z0-9-]+/[0-9a-f]{64}\\.json$';

/** Manual keys: what may follow `m-` (lowercase letters, digits, `_` and `-`; labels allow 63 characters). */
const MANUAL_KEY = '^[a-z0-9][a-z0-9_-]{0,60}$';

/** One on-new-data route: objects of `bucket` whose name matches `pattern` (a prefix) launch `job`. */
export interface LaunchRoute {
  /** The watched bucket (a Terraform reference or a name). */
  readonly bucket: string;
  /** The object name prefix ('' for every object). */
  readonly prefix: string;
  /** The job to launch. */
  readonly job: string;
}

/** Subworkflow names. */
export const REQUESTS_OF = 'requests_of';
const SCHEDULE_REQUEST = 'schedule_request';
const STORAGE_REQUESTS = 'storage_requests';
const MANUAL_REQUEST = 'manual_request';
const DATA_KEY = 'data_key';

/** The routes as the workflow holds them: with an RE2 pattern of each prefix. */
export function routesLiteral(routes: readonly LaunchRoute[]): { bucket: string; prefix: string; pattern: string; job: string }[] {
  return routes.map((r) => ({ bucket: r.bucket, prefix: r.prefix, pattern: `^${escapeRe2(r.prefix)}`, job: r.job }));
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
  return {
    params: ['object', 'staging', 'routes'],
    steps: [
      assign('read', [
        ['bucket', x('object.bucket')],
        ['name', x('object.name')],
        ['generation', x('object.generation')],
        ['requests', []],
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
          steps: [switchOn('under_prefix', [{
            condition: x('text.match_regex(name, route.pattern)'),
            steps: [
              call('key', DATA_KEY, { bucket: x('bucket'), name: x('name'), generation: x('generation'), job: x('route.job') }, 'key'),
              assign('request', [['found', request('route.job', 'null', false, 'key', '"new data gs://" + bucket + "/" + name + "#" + generation')]]),
              assign('add', [['requests', x('list.concat(requests, found)')]]),
            ],
          }])],
        }]),
      ]),
      returns('routed', x('requests')),
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

function dataKey(): Subworkflow {
  return {
    params: ['bucket', 'name', 'generation', 'job'],
    steps: [
      assign('digest', [['digest', x('base64.encode(hash.compute_checksum(text.encode(bucket + "/" + name + "#" + generation + "|" + job), "SHA256"))')]]),
      // Base64 made label-safe: `+` and `/` become `-` and `_`, padding goes, letters are lowercased
      // (43 characters, about 220 bits: collisions stay out of reach).
      returns('key', x('"d-" + text.to_lower(text.replace_all(text.replace_all(text.replace_all(digest, "+", "-"), "/", "_"), "=", ""))')),
    ],
  };
}

