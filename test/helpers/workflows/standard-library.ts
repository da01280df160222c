import { InvalidWorkflow, UnsupportedFeature } from './errors';
import { gkeFunctions } from './gke';
import { httpFunctions } from './http';
import { bindPositional, LibraryFunction, Services } from './library';
import { retryFunctions, retryValues } from './retry';
import { dataFunctions } from './stdlib-data';
import { helperFunctions } from './stdlib-helpers';
import { sysFunctions } from './stdlib-sys';
import { textFunctions } from './stdlib-text';
import { Callable, WfValue } from './values';

/**
 * The registry of implemented standard-library functions and values
 * (https://cloud.google.com/workflows/docs/reference/stdlib/overview), and of the one connector
 * function implemented, the Kubernetes API connector's `gke.request` (gke.ts). Anything else — other
 * functions of documented modules (uuid, sys.sleep_until, text.url_decode, hash.compute_hmac …),
 * connectors (`googleapis.*`, the other `gke.*` functions), `events.*`, `experimental.*` — is
 * refused when used.
 */

const FUNCTIONS = new Map<string, LibraryFunction>(
  [...helperFunctions, ...textFunctions, ...dataFunctions, ...sysFunctions, ...retryFunctions, ...httpFunctions, ...gkeFunctions].map((f) => [f.name, f]),
);

/** Module prefixes, so that `http.default_retry` resolves and `googleapis.x.y` is recognized and refused. */
const MODULES = ['base64', 'events', 'experimental', 'gke', 'googleapis', 'hash', 'http', 'json', 'list', 'map', 'math', 'retry', 'sys', 'text', 'time', 'uuid'];

/** The function of a name, if implemented. */
export function libraryFunction(name: string): LibraryFunction | undefined {
  return FUNCTIONS.get(name);
}

/** Whether a dotted name is a module or a prefix of one. */
export function isModule(name: string): boolean {
  const head = name.split('.')[0];
  return MODULES.includes(head) && !FUNCTIONS.has(name) && !(name in retryValues);
}

/** A library value by name: a function reference or a built-in policy. */
export function libraryValue(name: string): WfValue | undefined {
  if (name in retryValues) return retryValues[name]();
  if (FUNCTIONS.has(name) && name.includes('.')) return new Callable('stdlib', name);
  return undefined;
}

/**
 * Calls a function from an expression. Blocking functions are rejected: "only non-blocking
 * functions can be used inside an expression. For example, HTTP calls, sys.sleep, and sys.log
 * cannot be used inside an expression" (https://cloud.google.com/workflows/docs/reference/stdlib/overview).
 */
export function callFromExpression(name: string, args: WfValue[], services: Services): WfValue {
  const f = FUNCTIONS.get(name);
  if (!f) throw new UnsupportedFeature(`function ${name} is not implemented`);
  if (f.blocking) throw new InvalidWorkflow(`${name} is a blocking call and cannot be used inside an expression`);
  return f.impl(bindPositional(f, args), services);
}
