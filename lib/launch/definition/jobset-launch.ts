import { ADMIT_RUN, GATE_LEASE_SECONDS, GATE_MARGIN_SECONDS, RELEASE_GATE } from './concurrency';
import { CLUSTER_RETRY, KUBE_GET, kubeRequest } from './kubernetes-api';
import { LEASE_MARGIN_SECONDS, LEASE_SECONDS, WRITE_RECORD } from './launch-records';
import { outcome } from './outcome';
import { assign, call, forRange, log, quoted, raises, returns, Subworkflow, switchOn, tryExcept, tryRetry, x } from './syntax';
import { ADD_TRIGGER_ENV } from './trigger-env';
import { JOBSET_API_VERSION } from '../../spec/gke/labels';

/**
 * One launch on GKE: from a launch manifest with `backend: "gke"` to one JobSet, created (and read)
 * through the Kubernetes API connector in the manifest's cluster `{project, location, name,
 * namespace}` (kubernetes-api.ts).
 *
 * Two authorities make a key start one run, in this order:
 * 1. The launch record in the staging bucket (taken by `launch` before it gets here, exactly as for
 *    Vertex AI). It serializes racing executions, and it outlives the JobSet: once a finished
 *    JobSet is deleted (its `ttlSecondsAfterFinished`, or a person), only the record still knows
 *    that the key was launched, so a redelivered event or a restored manifest starts nothing.
 * 2. The JobSet's name, chosen by the launcher from the key (`vt-` + the first 20 hex digits of
 *    its SHA-256): the API server creates a name once and answers 409 AlreadyExists after, so the
 *    create is idempotent by itself. A holder that took a silent holder's record over, a record
 *    lost, or a create whose answer was lost and that is retried, cannot make a second JobSet
 *    while the first exists; no lookup by label before the create is needed (Vertex AI names
 *    jobs itself, which is why its path lists jobs by label first).
 * A 409 is only "already launched" when the existing object carries this key's
 * `vertex-training/launch-key` label; any other object of that name fails the launch.
 *
 * The holder still refuses to create once its lease has (nearly) run out, like on Vertex AI: a
 * holder that stalled past its lease while another execution took over, launched, and saw its
 * JobSet deleted by TTL would otherwise create the run a second time.
 *
 * The run's directories are `<outputPrefix><JobSet name>/`: the JobSet's pods compute them from
 * their own JobSet's name through the downward API (lib/spec/gke/jobset.ts), and the launcher records
 * the directory in the launch record and the outcome. Model upload and versions (TrainingPipeline)
 * are Vertex AI only: this path never reaches them.
 *
 * A job with `maxConcurrentRuns` counts the non-terminal JobSets of its label in the namespace
 * under its gate before the create, and holds the gate until the JobSet is recorded
 * (`concurrency.ts`); the key's own JobSet, if an earlier holder created it, is not counted.
 */

/** Subworkflow names. */
export const LAUNCH_JOBSET = 'launch_jobset';
export const JOBSET_NAME = 'jobset_name';
const CREATE_JOBSET = 'create_jobset';

/** The label that carries the launch key on every JobSet the launcher creates. */
export const LAUNCH_KEY_LABEL = 'vertex-training/launch-key';

/** Where JobSets live in a cluster's Kubernetes API (JobSet v0.12.0 serves v1alpha2). */
export const JOBSET_API_PATH = `/apis/${JOBSET_API_VERSION}/namespaces/`;

/** `vt-` and this many hex digits of the key's SHA-256 (≤ 23 characters, so pod hostnames stay ≤ 63). */
export const JOBSET_NAME_DIGITS = 20;

/**
 * A Kubernetes label value (≤ 63 characters, alphanumeric at both ends; the library's keys are
 * lowercase). Every generated key matches; a manual key ending in `-` or `_` does not.
 */
export const LABEL_VALUE_PATTERN = '^[a-z0-9]([a-z0-9_.-]{0,61}[a-z0-9])?$';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The subworkflows of this file, by name. */
export function jobsetSubworkflows(): { [name: string]: Subworkflow } {
  return { [LAUNCH_JOBSET]: launchJobset(), [CREATE_JOBSET]: createJobset(), [JOBSET_NAME]: jobsetName() };
}

/**
 * `launch_jobset(staging, held, manifest, request, job_id, manifest_name)`: the outcome, status
 * `launched`, `duplicate` or `skipped`; `held` is the launch record this execution holds.
 */
function launchJobset(): Subworkflow {
  // The run's outcome says where the JobSet is (the cluster and its API path): the watch reads it there.
  const extra = (note: string) => ({ name: x('name'), collection: 'jobsets', note: x(note), output: x('output'), cluster: x('cluster'), path: x('path') });
  const fields = ['project', 'location', 'name', 'namespace'].map((f) => `get_type(map.get(manifest, ["cluster", "${f}"])) != "string"`);
  return {
    params: ['staging', 'held', 'manifest', 'request', 'job_id', 'manifest_name'],
    steps: [
      switchOn('cluster_given', [{
        condition: x(fields.join(' or ')),
        steps: [raises('no_cluster', { code: 0, tags: ['InvalidManifest'], message: x('"manifest " + manifest_name + " launches on GKE but names no cluster {project, location, name, namespace}"') })],
      }]),
      call('name_it', JOBSET_NAME, { key: x('request.key') }, 'name'),
      assign('place', [
        ['cluster', x('manifest.cluster')],
        ['jobsets', x(`${quoted(JOBSET_API_PATH)} + cluster.namespace + "/jobsets"`)],
        ['path', x('jobsets + "/" + name')],
        ['output', x('manifest.outputPrefix + name + "/"')],
        ['patch', { metadata: { name: x('name'), labels: { [LAUNCH_KEY_LABEL]: x('request.key') } } }],
        ['body', x('map.merge_nested(manifest.body, patch)')],
      ]),
      switchOn('trigger_env', [{
        condition: x('map.get(request, "objects") != null'),
        steps: [call('add_trigger_env', ADD_TRIGGER_ENV, { body: x('body'), collection: 'jobsets', objects: x('request.objects') }, 'body')],
      }]),
      assign('ungated', [['admitted', { gate: null, skip: null }]]),
      switchOn('limited', [{
        condition: x('map.get(manifest, "maxConcurrentRuns") != null'),
        steps: [
          call('admit', ADMIT_RUN, {
            staging: x('staging'), job_id: x('job_id'), manifest: x('manifest'), held: x('held'),
            cluster: x('cluster'), jobsets: x('jobsets'), name: x('name'),
          }, 'admitted'),
          switchOn('no_room', [{ condition: x('admitted.skip != null'), steps: [returns('skipped', outcome('skipped', { note: x('admitted.skip') }))] }]),
        ],
      }]),
      // The gate (if any) is held until the JobSet is recorded, and released whatever happens.
      tryExcept('gated', [
        call('create', CREATE_JOBSET, { cluster: x('cluster'), jobsets: x('jobsets'), name: x('name'), body: x('body'), key: x('request.key'), acquired: x('held.record.acquired'), gate: x('admitted.gate') }, 'how'),
        switchOn('ours', [{
          condition: x('how != "created"'),
          steps: [
            call('read_existing', KUBE_GET, { cluster: x('cluster'), path: x('path') }, 'existing'),
            assign('existing_key', [['label', x(`map.get(existing, ["metadata", "labels", ${quoted(LAUNCH_KEY_LABEL)}])`)]]),
            switchOn('foreign', [{
              condition: x('label != request.key'),
              steps: [
                assign('collision', [
                  ['found', x('"\\"" + default(label, "") + "\\""')],
                  ['where', x('cluster.namespace + "/" + name')],
                ]),
                raises('name_taken', {
                  code: 0,
                  tags: ['JobSetNameCollision'],
                  message: x(`"JobSet " + where + " exists but is not launch " + request.key + "'s (its ${LAUNCH_KEY_LABEL} label is " + found + "): the launcher names JobSets vt-<SHA-256 of the launch key>; delete or rename that object"`),
                }),
              ],
            }]),
          ],
        }]),
        assign('record_output', [['held.record.output', x('output')], ['held.record.job', x('name')]]),
        tryExcept('record', [
          call('rewrite', WRITE_RECORD, { staging: x('staging'), name: x('held.name'), record: x('held.record'), generation: x('held.generation') }),
        ], 'e', [log('not_recorded', 'WARNING', { event: 'launch_not_recorded', record: x('held.name'), job: x('name'), error: x('e') })]),
      ], 'e', [
        call('release_after_error', RELEASE_GATE, { staging: x('staging'), gate: x('admitted.gate') }),
        raises('rethrow_gated', x('e')),
      ]),
      call('release', RELEASE_GATE, { staging: x('staging'), gate: x('admitted.gate') }),
      switchOn('existed', [{
        condition: x('how == "existed"'),
        steps: [returns('found_by_name', outcome('duplicate', extra('"a JobSet with this launch key exists"')))],
      }]),
      log('launched', 'INFO', { event: 'launched', job: x('job_id'), name: x('name'), manifest: x('manifest_name'), launchKey: x('request.key'), reason: x('request.reason'), output: x('output') }),
      returns('done', outcome('launched', extra('held.note'))),
    ],
  };
}

/**
 * `create_jobset(cluster, jobsets, name, body, key, acquired, gate?)`: `created`, `existed` (409 on the
 * first attempt: the JobSet was there before this execution tried) or `created_or_existed` (409
 * after a retry: most likely an earlier attempt created it and its answer was lost). POSTs through
 * the Kubernetes API connector to the path `jobsets` of `cluster`; retries 429, 5xx and connection
 * failures like every other call, and a cluster that is not RUNNING (an upgrade): the name makes a
 * repeated POST safe. Whatever error remains fails the launch with the cluster's own words.
 */
function createJobset(): Subworkflow {
  return {
    params: ['cluster', 'jobsets', 'name', 'body', 'key', 'acquired', { gate: null }],
    steps: [
      assign('init', [['how', null], ['attempts', 0]]),
      tryExcept('create', [
        tryRetry('attempt', [
          assign('count', [['attempts', x('attempts + 1')]]),
          switchOn('lease', [{
            condition: x(`sys.now() - acquired > ${LEASE_SECONDS - LEASE_MARGIN_SECONDS}`),
            steps: [raises('lease_over', { code: 0, tags: ['LeaseExpired'], message: x('"the lease on launch key " + key + " ran out before JobSet " + name + " could be created; another execution may now take it"') })],
          }, {
            condition: x(`sys.now() - default(map.get(gate, "acquired"), sys.now()) > ${GATE_LEASE_SECONDS - GATE_MARGIN_SECONDS}`),
            steps: [raises('gate_over', { code: 0, tags: ['LeaseExpired'], message: x('"the concurrency gate " + gate.name + " ran out before JobSet " + name + " could be created; another launch of the job may now count its runs"') })],
          }]),
          tryExcept('post_once', [
            kubeRequest('send', 'POST', 'jobsets', { body: x('body') }, 'created'),
            assign('made', [['how', 'created']]),
          ], 'e', [
            switchOn('already_exists', [
              { condition: x('map.get(e, "code") == 409 and attempts == 1'), steps: [assign('before', [['how', 'existed']])] },
              { condition: x('map.get(e, "code") == 409'), steps: [assign('after_retry', [['how', 'created_or_existed']])] },
              { condition: true, steps: [raises('rethrow', x('e'))] },
            ]),
          ]),
        ], CLUSTER_RETRY),
      ], 'e', [
        switchOn('lease_error', [{ condition: x('"LeaseExpired" in default(map.get(e, "tags"), [])'), steps: [raises('rethrow_lease', x('e'))] }]),
        assign('describe', [
          ['code', x('default(map.get(e, "code"), 0)')],
          ['detail', x('default(map.get(e, ["body", "message"]), default(map.get(e, "message"), json.encode_to_string(e)))')],
          ['hint', ''],
          ['status', x('if(code == 0, "", "HTTP " + string(code) + ": ")')],
          ['where', x('jobsets + " in cluster " + cluster.name + " (" + cluster.location + ", project " + cluster.project + ")"')],
        ]),
        switchOn('denied', [
          {
            condition: x('code == 401 or code == 403'),
            steps: [assign('rbac', [['hint', ' (the launcher needs container.clusters.get/connect on the cluster and an RBAC Role bound to it that allows create and get on jobsets in the namespace)']])],
          },
          {
            condition: x('"ValueError" in default(map.get(e, "tags"), [])'),
            steps: [assign('not_running', [['hint', ' (the cluster was not RUNNING through every attempt, e.g. RECONCILING during an upgrade: the Kubernetes API connector refuses calls until it is; launch again once it is RUNNING)']])],
          },
        ]),
        raises('not_created', {
          code: 0,
          tags: ['JobSetNotCreated'],
          status: x('code'),
          message: x('"could not create JobSet " + name + " at " + where + " (" + string(attempts) + " attempts): " + status + detail + hint'),
          error: x('e'),
        }),
      ]),
      returns('done', x('how')),
    ],
  };
}

/**
 * `jobset_name(key)`: `vt-` and the first 20 hex digits of the SHA-256 of the key (UTF-8).
 * Workflows has `hash.compute_checksum` and `base64.encode` but no hex encoding, so the digest's
 * Base64 is read back two characters (12 bits, three hex digits) at a time: 7 pairs give 21 digits.
 */
function jobsetName(): Subworkflow {
  const sextets = Object.fromEntries([...BASE64].map((c, i) => [c, i]));
  const digit = (value: string) => `text.substring(hex_digits, ${value}, ${value} + 1)`;
  return {
    params: ['key'],
    steps: [
      assign('digest', [
        ['digest', x('base64.encode(hash.compute_checksum(text.encode(key, "UTF-8"), "SHA256"))')],
        ['sextets', sextets],
        ['hex_digits', '0123456789abcdef'],
        ['hex', ''],
      ]),
      forRange('pairs', 'pair', 0, Math.ceil(JOBSET_NAME_DIGITS / 3) - 1, [
        assign('pair_value', [
          ['bits', x('64 * sextets[text.substring(digest, 2 * pair, 2 * pair + 1)] + sextets[text.substring(digest, 2 * pair + 1, 2 * pair + 2)]')],
          ['hex', x(`hex + ${digit('bits // 256')} + ${digit('bits // 16 % 16')} + ${digit('bits % 16')}`)],
        ]),
      ]),
      returns('named', x(`"vt-" + text.substring(hex, 0, ${JOBSET_NAME_DIGITS})`)),
    ],
  };
}
