import { API_GET, STORAGE_API } from './google-apis';
import { READ_JSON } from './launch-records';
import { MANIFEST_PATTERN } from './requests';
import { assign, call, forEach, quoted, raises, returns, Subworkflow, switchOn, tryExcept, x } from './syntax';

/**
 * Finding and reading launch manifests. A deploy writes a job's new manifest before it deletes the
 * old one (create-before-destroy), so a job's *current* manifest is the newest live object under
 * `jobs/<job>/`: schedules and data routes name the job, never a manifest that a later deploy may
 * have replaced.
 */

/** Subworkflow names. */
export const READ_MANIFEST = 'read_manifest';
export const CURRENT_MANIFEST = 'current_manifest';

/** The subworkflows of this file, by name. */
export function manifestSubworkflows(): { [name: string]: Subworkflow } {
  return {
    [READ_MANIFEST]: readManifest(),
    [CURRENT_MANIFEST]: currentManifest(),
  };
}

/** `read_manifest(staging, name)`: the manifest, or null when no live object has that name. */
function readManifest(): Subworkflow {
  return {
    params: ['staging', 'name'],
    steps: [
      tryExcept('read', [call('download', READ_JSON, { bucket: x('staging'), name: x('name') }, 'manifest')], 'e', [
        switchOn('missing', [{ condition: x('map.get(e, "code") == 404'), steps: [returns('gone', null)] }]),
        raises('rethrow', x('e')),
      ]),
      returns('found', x('manifest')),
    ],
  };
}

/** `current_manifest(staging, job)`: the name of the job's newest live manifest, or null. */
function currentManifest(): Subworkflow {
  return {
    params: ['staging', 'job'],
    steps: [
      call('list', API_GET, {
        url: x(`${STORAGE_API} + staging + "/o"`),
        query: { prefix: x('"jobs/" + job + "/"'), fields: 'items(name,timeCreated),nextPageToken' },
      }, 'listing'),
      assign('init', [['newest', null], ['newest_time', 0]]),
      forEach('pick', 'item', x('default(map.get(listing, "items"), [])'), [
        switchOn('is_manifest', [{
          condition: x(`text.match_regex(item.name, ${quoted(MANIFEST_PATTERN)})`),
          steps: [switchOn('is_newer', [{
            condition: x('time.parse(item.timeCreated) > newest_time'),
            steps: [assign('keep', [['newest', x('item.name')], ['newest_time', x('time.parse(item.timeCreated)')]])],
          }])],
        }]),
      ]),
      returns('done', x('newest')),
    ],
  };
}
