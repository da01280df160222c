import { CALL_TIMEOUT, RETRY } from './google-apis';
import { call, returns, Step, Subworkflow, tryRetry, x } from './syntax';

/**
 * Calls to a GKE cluster's Kubernetes API, through Workflows' Kubernetes API connector
 * (`gke.request`, https://cloud.google.com/workflows/docs/reference/connectors/gke/request): the
 * connector finds the cluster's control plane from its project, location and ID, "even if the
 * cluster is private", and authenticates as the workflow's service account; IAM lets that account
 * reach the cluster and Kubernetes RBAC decides what it may do there. Answers and errors are those
 * of `http.*` (`{code, headers, body}`; HttpError maps with `code` and `body` for a status >= 400;
 * ConnectionError, TimeoutError), so the same retry predicate serves.
 *
 * `cluster` is the launch manifest's `{project, location, name, namespace}`.
 */

/** Subworkflow names. */
export const KUBE_GET = 'kube_get';

/** The subworkflows of this file, by name. */
export function kubernetesApiSubworkflows(): { [name: string]: Subworkflow } {
  return {
    [KUBE_GET]: {
      params: ['cluster', 'path'],
      steps: [
        tryRetry('send', [kubeRequest('attempt', 'GET', 'path', {}, 'response')], RETRY),
        returns('done', x('response.body')),
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
