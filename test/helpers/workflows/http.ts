import {
  ClusterNotRunning, ConnectionFailure, resourceLimitError, Timeout, typeError, UnsupportedFeature, valueError, workflowError,
} from './errors';
import { encodeJson, parseJson } from './json';
import { badType, fn, LibraryFunction, opt, Services, wantMap, wantNumber, wantString } from './library';
import { HttpCallRecord, HttpRequest, HttpResponse } from './types';
import { fromJs, toJs, typeOf, WfMap, WfValue } from './values';

/**
 * The http module: http.get/post/put/patch/delete/request. Arguments and errors follow
 * https://cloud.google.com/workflows/docs/reference/stdlib/http/request:
 * - `method` one of GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH (http.request only);
 * - `timeout` in seconds, default 300, "The maximum allowed timeout is 1800 seconds" (ValueError);
 * - `body`: "If a Content-Type header is not specified and if the body value is bytes, the header
 *   is set to Content-Type: application/octet-stream; otherwise, the body is JSON-encoded and the
 *   header is set to Content-type: application/json; charset=utf-8";
 * - `headers`: "must be a map of strings";
 * - `query`: "a map that will get URL-encoded and appended to the URL. The map values must be
 *   strings, ints, floats, booleans, or lists of those";
 * - `auth`: "a map with type attribute in ["OIDC", "OAuth2"]";
 * - returns "a map with body, code (status code), and headers attributes";
 * - raises HttpError "If the response status is >= 400", ConnectionError, ConnectionFailedError,
 *   TimeoutError.
 * `private_service_name` and `ca_certificate` are refused.
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
const DEFAULT_TIMEOUT = 300;
const MAX_TIMEOUT = 1800;
const ARGS = ['url', opt('headers'), opt('body'), opt('query'), opt('auth'), opt('timeout'), opt('private_service_name'), opt('ca_certificate')];

export function headerValue(headers: { [name: string]: string }, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function stringHeaders(f: string, headers: WfValue | undefined): { [name: string]: string } {
  if (headers === undefined || headers === null) return {};
  const out: { [name: string]: string } = {};
  for (const [name, value] of wantMap(f, 'headers', headers)) {
    if (typeof value !== 'string') throw badType(f, `headers.${name}`, 'a string', value);
    out[name] = value;
  }
  return out;
}

function queryValue(f: string, name: string, value: WfValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badType(f, `query.${name}`, 'a string, int, float or boolean', value);
}

function encodeForm(map: WfMap): string {
  return [...map].map(([k, v]) => {
    if (typeof v !== 'string') throw typeError(`form-encoded body values must be strings, got ${typeOf(v)}`);
    return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  }).join('&');
}

/** Encodes the body into the request, setting Content-Type as documented. */
export function encodeBody(request: HttpRequest, body: WfValue): void {
  const contentType = headerValue(request.headers, 'Content-Type');
  if (contentType === undefined) {
    if (body instanceof Uint8Array) {
      request.headers['Content-Type'] = 'application/octet-stream';
      request.body = Buffer.from(body);
    } else {
      request.headers['Content-Type'] = 'application/json; charset=utf-8';
      request.body = encodeJson(body);
      request.json = toJs(body);
    }
    return;
  }
  // "If a Content-Type header is specified, the request body is encoded as prescribed. For example,
  // it might be JSON or URL-encoded." Other types take bytes or a string as they are.
  const type = mediaType(contentType);
  if (body instanceof Uint8Array) request.body = Buffer.from(body);
  else if (type === 'application/json') {
    request.body = encodeJson(body);
    request.json = toJs(body);
  } else if (type === 'application/x-www-form-urlencoded' && body instanceof Map) request.body = encodeForm(body);
  else if (typeof body === 'string') request.body = body;
  else throw new UnsupportedFeature(`a ${typeOf(body)} body with Content-Type ${contentType}`);
}

/** Builds the request the fake receives from a call's arguments. */
function buildRequest(f: string, method: string, args: (WfValue | undefined)[]): HttpRequest {
  const [url, headers, body, query, auth, timeout, privateService, caCertificate] = args;
  if (privateService !== undefined) throw new UnsupportedFeature(`${f}: private_service_name`);
  if (caCertificate !== undefined) throw new UnsupportedFeature(`${f}: ca_certificate`);
  const target = wantString(f, 'url', url);
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    throw valueError(`${f}: invalid URL ${target}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw valueError(`${f}: invalid URL ${target}`);
  const seconds = timeout === undefined ? DEFAULT_TIMEOUT : wantNumber(f, 'timeout', timeout);
  if (seconds > MAX_TIMEOUT) throw valueError(`${f}: timeout ${seconds} is greater than ${MAX_TIMEOUT}`);
  if (seconds <= 0) throw valueError(`${f}: timeout must be positive`);
  const request: HttpRequest = { method, url: target, headers: stringHeaders(f, headers), timeout: seconds };
  if (query !== undefined && query !== null) {
    request.query = {};
    for (const [name, value] of wantMap(f, 'query', query)) {
      const encoded = Array.isArray(value) ? value.map((v) => queryValue(f, name, v)) : queryValue(f, name, value);
      request.query[name] = encoded;
      for (const v of Array.isArray(encoded) ? encoded : [encoded]) parsed.searchParams.append(name, v);
    }
    request.url = parsed.toString();
  }
  if (auth !== undefined && auth !== null) {
    const type = wantMap(f, 'auth', auth).get('type');
    if (type !== 'OIDC' && type !== 'OAuth2') throw valueError(`${f}: auth.type must be "OIDC" or "OAuth2", got ${JSON.stringify(toJs(type ?? null))}`);
    request.auth = toJs(auth) as { [key: string]: unknown };
  }
  if (body !== undefined && body !== null) encodeBody(request, body);
  return request;
}

/**
 * The response as the workflow sees it: `{code, headers, body}` with a JSON body decoded when its
 * Content-Type is application/json, text (`text/*`) as a string, anything else as bytes. The
 * decoding rule is the one Google's HTTP pages describe for Workflows' "built-in parser"; a body
 * that says application/json but does not parse is refused (behaviour not documented).
 */
function toResponse(response: HttpResponse, limit: number): WfMap {
  if (!Number.isInteger(response.code) || response.code < 100 || response.code > 599) {
    throw new Error(`HTTP fake returned an invalid status code ${response.code}`);
  }
  const headers: { [name: string]: string } = { ...(response.headers ?? {}) };
  let raw: Buffer | undefined;
  const given = response.body;
  if (given === undefined || given === null) raw = undefined;
  else if (Buffer.isBuffer(given) || given instanceof Uint8Array) {
    raw = Buffer.from(given);
    if (headerValue(headers, 'Content-Type') === undefined) headers['Content-Type'] = 'application/octet-stream';
  } else if (typeof given === 'string') {
    raw = Buffer.from(given, 'utf8');
    if (headerValue(headers, 'Content-Type') === undefined) headers['Content-Type'] = 'text/plain; charset=utf-8';
  } else {
    const type = headerValue(headers, 'Content-Type');
    if (type !== undefined && mediaType(type) !== 'application/json') {
      throw new Error(`HTTP fake returned a JS value body with Content-Type ${type}`);
    }
    if (type === undefined) headers['Content-Type'] = 'application/json';
    raw = Buffer.from(encodeJson(fromJs(given, 'HTTP response body')), 'utf8');
  }
  if (raw && raw.length > limit) throw resourceLimitError(`HTTP response of ${raw.length} bytes exceeds the limit of ${limit}`);
  let body: WfValue = null;
  if (raw) {
    const type = mediaType(headerValue(headers, 'Content-Type'));
    if (type === 'application/json') {
      try {
        body = parseJson(raw.toString('utf8'));
      } catch {
        throw new UnsupportedFeature('an application/json response body that is not valid JSON');
      }
    } else if (type.startsWith('text/')) body = raw.toString('utf8');
    else body = new Uint8Array(raw);
  }
  return new Map<string, WfValue>([['code', BigInt(response.code)], ['headers', fromJs(headers)], ['body', body]]);
}

/**
 * Sends a request and maps the outcome to a result or a Workflows error.
 * @param connectionTag the tag of every connection failure, for a function that documents only one
 */
export function send(request: HttpRequest, services: Services, connectionTag?: 'ConnectionError'): WfValue {
  const record: HttpCallRecord = { request };
  let response: HttpResponse;
  try {
    response = services.http(request, record);
  } catch (e) {
    if (e instanceof ConnectionFailure) {
      const tag = connectionTag ?? e.tag;
      record.failure = tag;
      throw workflowError(tag, e.message);
    }
    if (e instanceof Timeout) {
      record.failure = 'TimeoutError';
      throw workflowError('TimeoutError', e.message);
    }
    if (e instanceof ClusterNotRunning) {
      if (!request.cluster) throw new Error(`HTTP fake threw ClusterNotRunning for ${request.method} ${request.url}, which is no gke.request`);
      record.failure = 'ValueError';
      throw valueError(`cluster ${request.cluster.clusterId} is ${e.status}, not RUNNING`);
    }
    throw e;
  }
  record.response = response;
  const result = toResponse(response, services.limits.maxHttpResponseBytes);
  if (response.code >= 400) {
    // The error map of an HTTP error: tags, message, code, headers, body
    // (https://cloud.google.com/workflows/docs/reference/syntax/catching-errors). The message text
    // is not documented; this is the one Workflows is commonly seen to report.
    throw workflowError('HttpError', `HTTP server responded with error code ${response.code}`, [
      ['code', result.get('code')!], ['headers', result.get('headers')!], ['body', result.get('body')!],
    ]);
  }
  return result;
}

function method(name: string, verb: string): LibraryFunction {
  return fn(`http.${name}`, ARGS, (args, services) => send(buildRequest(`http.${name}`, verb, args), services), { blocking: true });
}

/** http.get, http.post, http.put, http.patch, http.delete, http.request. */
export const httpFunctions: LibraryFunction[] = [
  method('get', 'GET'),
  method('post', 'POST'),
  method('put', 'PUT'),
  method('patch', 'PATCH'),
  method('delete', 'DELETE'),
  fn('http.request', ['method', ...ARGS], ([verb, ...args], services) => {
    const m = wantString('http.request', 'method', verb);
    if (!METHODS.includes(m)) throw valueError(`http.request: method must be one of ${METHODS.join(', ')}, got ${m}`);
    return send(buildRequest('http.request', m, args), services);
  }, { blocking: true }),
];
