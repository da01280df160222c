import { Token } from 'cdktf';

/**
 * Reading synthesized attributes in policy rules. Tokens (values known at apply time) count as
 * set: a rule only judges what it can see.
 */

/** Whether `value` is an unresolved token (a string, number or list standing for a later value). */
export function isToken(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/** Whether an attribute is present: not undefined, null or empty; a token counts as present. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

/**
 * A nested block: Terraform JSON accepts a single block as an object or a one-element list (as an
 * override may write it).
 */
export function block(value: unknown): { [key: string]: any } | undefined {
  const single = Array.isArray(value) && !isToken(value) ? value[0] : value;
  return single !== null && typeof single === 'object' && !Array.isArray(single) ? single : undefined;
}

/** The value at a dotted path (`encryption.default_kms_key_name`), reading through nested blocks. */
export function at(config: { [key: string]: any } | undefined, path: string): unknown {
  let current: unknown = config;
  for (const key of path.split('.')) {
    const object = block(current);
    if (object === undefined) return undefined;
    current = object[key];
  }
  return current;
}

/** The literal strings of a list; `undefined` when the list itself is a token. Token elements are left out. */
export function literalStrings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (isToken(value)) return undefined;
  if (!Array.isArray(value)) return typeof value === 'string' ? [value] : [];
  // An encoded list token spliced into a literal list is only recognized inside a list.
  return value.filter((item): item is string => typeof item === 'string' && !isToken(item) && !isToken([item]));
}

const KMS_KEY = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/**
 * The problem with a CMEK key attribute, or undefined: unset, or a literal that is not a Cloud KMS
 * key name (`projects/P/locations/L/keyRings/R/cryptoKeys/K`). Tokens (references to a key) pass.
 */
export function kmsKeyProblem(value: unknown, attribute: string): string | undefined {
  if (!isSet(value)) return `${attribute} is not set`;
  if (isToken(value)) return undefined;
  if (typeof value !== 'string' || !KMS_KEY.test(value)) return `${attribute} ${JSON.stringify(value)} is not a Cloud KMS key name`;
  return undefined;
}
