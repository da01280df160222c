import { UnsupportedFeature, valueError } from './errors';
import { encodeBody, send } from './http';
import { badType, fn, LibraryFunction, opt, Services, wantMap, wantNumber, wantString } from './library';
import { HttpRequest } from './types';
import { WfValue } from './values';

/**
 * The Kubernetes API connector's `gke.request`: "Send an HTTP request to a GKE cluster's control
 * plane" (https://cloud.google.com/workflows/docs/reference/connectors/gke/request). The connector
 * "uses a provided cluster_id field and optional project and location fields to make a request to a
 * cluster's control plane endpoint, even if the cluster is private"
 * (https://cloud.google.com/workflows/docs/reference/connectors/gke/Overview). Its arguments:
 * - `cluster_id` "The ID of the cluster", `path` "Path to the API endpoint", `method` "The HTTP
 *   request method" (all three required here);
 * - `project` / `location`: "Default value is this workflow's project" / "… location" (the
 *   GOOGLE_CLOUD_PROJECT_ID / GOOGLE_CLOUD_LOCATION of the execution);
 * - `timeout` in seconds; ValueError "If timeout is > 1800";
 * - `body`: encoded like http.* ("If a Content-Type header is not specified and if the body value
 *   is bytes, … application/octet-stream; otherwise, the body is JSON-encoded …");
 * - `headers`: "If present, must be a map of simple types"; `query`: "If present, must be a map of
 *   simple types that will be URL-encoded and appended to the URL";
 * - returns "The HTTP response as a map with body, code (status code), and headers attributes";
 * - raises ConnectionError "In case of a network problem (DNS failure, refused connection, etc.)",
 *   TimeoutError, HttpError "If the response status is >= 400" (the http.* error map: code, headers,
 *   body), ValueError (timeout, or a cluster not RUNNING: a fake throws `ClusterNotRunning`, e.g.
 *   for a cluster RECONCILING during an upgrade; the message text is the interpreter's own).
 * There is no `auth` argument: the connector authenticates as the workflow's service account.
 * Readings where the page says less [open]: the method list is cut off in the stored copy, so the
 * http.request list is taken; the default timeout is the 300 s that gke.create_job documents; the
 * path must begin with `/` and carry no query (that goes in `query`); lists in `query` are refused;
 * the connector's own retries (https://cloud.google.com/workflows/docs/connectors: GET idempotent,
 * others non-idempotent) are not modelled, so a definition must retry by itself.
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
const DEFAULT_TIMEOUT = 300;
const MAX_TIMEOUT = 1800;
const F = 'gke.request';

/** A simple value as the string it travels as (header values, query values). */
function simple(param: string, value: WfValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badType(F, param, 'a string, int, float or boolean', value);
}

function simpleMap(param: string, value: WfValue | undefined): [string, string][] {
  if (value === undefined || value === null) return [];
  return [...wantMap(F, param, value)].map(([name, v]) => [name, simple(`${param}.${name}`, v)]);
}

/** The project or location: given, or the execution's own. */
function placed(param: string, value: WfValue | undefined, variable: string, services: Services): string {
  if (value !== undefined) return wantString(F, param, value);
  const own = services.env(variable);
  if (own === undefined) throw new UnsupportedFeature(`${F}: no ${param} given and the execution has no ${variable}`);
  return own;
}

function request(args: (WfValue | undefined)[], services: Services): WfValue {
  const [clusterId, path, verb, project, location, timeout, body, headers, query] = args;
  const cluster = { clusterId: wantString(F, 'cluster_id', clusterId), project: placed('project', project, 'GOOGLE_CLOUD_PROJECT_ID', services), location: placed('location', location, 'GOOGLE_CLOUD_LOCATION', services) };
  const method = wantString(F, 'method', verb);
  if (!METHODS.includes(method)) throw valueError(`${F}: method must be one of ${METHODS.join(', ')}, got ${method}`);
  const target = wantString(F, 'path', path);
  if (!target.startsWith('/') || /[?#]/.test(target)) throw new UnsupportedFeature(`${F}: path ${JSON.stringify(target)} is not an absolute API path without query (pass the query as "query")`);
  const seconds = timeout === undefined ? DEFAULT_TIMEOUT : wantNumber(F, 'timeout', timeout);
  if (seconds > MAX_TIMEOUT) throw valueError(`${F}: timeout ${seconds} is greater than ${MAX_TIMEOUT}`);
  if (seconds <= 0) throw valueError(`${F}: timeout must be positive`);
  const sent: HttpRequest = { method, url: target, headers: Object.fromEntries(simpleMap('headers', headers)), timeout: seconds, cluster };
  const params = simpleMap('query', query);
  if (params.length > 0) {
    sent.query = Object.fromEntries(params);
    sent.url = `${target}?${new URLSearchParams(params).toString()}`;
  }
  if (body !== undefined && body !== null) encodeBody(sent, body);
  return send(sent, services, 'ConnectionError');
}

/** gke.request. */
export const gkeFunctions: LibraryFunction[] = [
  fn(F, ['cluster_id', 'path', 'method', opt('project'), opt('location'), opt('timeout'), opt('body'), opt('headers'), opt('query')], request, { blocking: true }),
];
