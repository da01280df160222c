import { CALL_TIMEOUT, RETRY, TRANSIENT } from './google-apis';
import { call, RetryPolicy, returns, Step, Subworkflow, switchOn, tryRetry, x } from './syntax';

/**
 * Calls to a GKE cluster's Kubernetes API, through Workflows' Kubernetes API connector
 * (`gke.request`, https://cloud.google.com/workflows/docs/reference/connectors/gke/request): the
 * connector finds the cluster's control plane from its project, location and ID, "even if the
 * cluster is private", and authenticates as the workflow's service account; IAM lets that account
 * reach the cluster and Kubernetes RBAC decides what it may do there. Answers and errors are those
 * of `http.*` (`{code, headers, body}`; HttpError maps with `code` and `body` for a status >= 400;
 * ConnectionError, TimeoutError), so the same retry predicate serves, plus one error of its own: the
 * connector raises ValueError while the cluster is not RUNNING (e.g. RECONCILING during a GKE
 * auto-upgrade, https://cloud.google.com/workflows/docs/reference/connectors/gke/request), which
 * {@link CLUSTER_RETRY} retries too. The launcher's own arguments (method, path, a 60 s timeout)
 * cannot raise it, so a ValueError from `gke.request` means the cluster's state.
 *
 * `cluster` is the launch manifest's `{project, location, name, namespace}`.
 */

/** Subworkflow names. */
export const KUBE_GET = 'kube_get';
/** The retry predicate of calls to a cluster: {@link TRANSIENT}, or the cluster not RUNNING. */
export const CLUSTER_TRANSIENT = 'cluster_transient_error';

/** {@link RETRY} (same count and backoff, about 4 minutes) with the cluster's predicate. */
export const CLUSTER_RETRY: RetryPolicy = { ...RETRY, predicate: CLUSTER_TRANSIENT };

/** The subworkflows of this file, by name. */
export function kubernetesApiSubworkflows(): { [name: string]: Subworkflow } {
  return {
    [KUBE_GET]: {
      params: ['cluster', 'path', { query: {} }],
      steps: [
        tryRetry('send', [kubeRequest('attempt', 'GET', 'path', { query: x('query') }, 'response')], CLUSTER_RETRY),
        returns('done', x('response.body')),
      ],
    },
    [CLUSTER_TRANSIENT]: {
      params: ['e'],
      steps: [
        // map.get of a non-map is null, so this needs no type check first.
        switchOn('not_running', [{ condition: x('"ValueError" in default(map.get(e, "tags"), [])'), steps: [returns('reconciling', true)] }]),
        call('others', TRANSIENT, { e: x('e') }, 'transient'),
        returns('decide', x('transient')),
      ],
    },
  };
}

/**
 * A `gke.request` call step to the cluster in variable `cluster`.
 * @param path the variable (or expression) holding the API path
 * @param extra more arguments (e.g. `body`)
 */
export function kubeRequest(name: string, method: 'GET' | 'POST', path: string, extra: { [key: string]: unknown }, result: string): Step {
  return call(name, 'gke.request', {
    cluster_id: x('cluster.name'),
    project: x('cluster.project'),
    location: x('cluster.location'),
    method,
    path: x(path),
    ...extra,
    timeout: CALL_TIMEOUT,
  }, result);
}
