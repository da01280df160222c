import { Limits } from './types';
import { WfValue } from './values';

/**
 * Default limits, from https://cloud.google.com/workflows/quotas ("Resource limits") unless noted:
 * - memory: 512 KB, "the cumulative size of all variables defined in a single execution"
 *   (https://cloud.google.com/workflows/docs/reference/syntax/variables#memory-usage, linking the
 *   quotas page; the page itself lists "Data size 512 KB", variables, arguments and events);
 * - string length: 256 KB ("unicode <= 256 KB length",
 *   https://cloud.google.com/workflows/docs/reference/syntax/syntax-cheat-sheet);
 * - HTTP response: 2 MB;
 * - the following could only be read in a public summary of the quotas page, not on it:
 *   100,000 steps per execution, call stack depth 20, expression length 400 characters, 50
 *   assignments per assign step; result size is taken as the HTTP response size (2 MB);
 * - 50 conditions per switch ("Each switch block can include a maximum of 50 conditions",
 *   https://cloud.google.com/workflows/docs/reference/syntax/conditions).
 */
export const DEFAULT_LIMITS: Limits = {
  maxSteps: 100_000,
  maxMemoryBytes: 512 * 1024,
  maxStringBytes: 256 * 1024,
  maxResultBytes: 2 * 1024 * 1024,
  maxHttpResponseBytes: 2 * 1024 * 1024,
  maxCallDepth: 20,
  maxExpressionLength: 400,
  maxAssignments: 50,
  maxConditions: 50,
};

/**
 * The memory a value uses, as documented: "Integer, double, boolean: 8 bytes; String, byte,
 * array: 8 bytes + size of EACH_ELEMENT; Map (dict): 8 bytes + size of EACH_KEY + size of
 * EACH_VALUE", applied recursively; a string's elements counted as its UTF-8 bytes (the docs'
 * example: a 28-byte string uses 36 bytes)
 * (https://cloud.google.com/workflows/docs/reference/syntax/variables#memory-usage). Null is
 * counted as 8 bytes (not documented).
 */
export function memorySize(value: WfValue): number {
  if (typeof value === 'string') return 8 + Buffer.byteLength(value, 'utf8');
  if (value instanceof Uint8Array) return 8 + value.length;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + memorySize(item), 8);
  if (value instanceof Map) {
    let sum = 8;
    for (const [key, item] of value) sum += 8 + Buffer.byteLength(key, 'utf8') + memorySize(item);
    return sum;
  }
  return 8;
}

/** The longest string inside a value, in UTF-8 bytes. */
export function longestString(value: WfValue): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (Array.isArray(value)) return value.reduce<number>((max, item) => Math.max(max, longestString(item)), 0);
  if (value instanceof Map) {
    let max = 0;
    for (const [key, item] of value) max = Math.max(max, Buffer.byteLength(key, 'utf8'), longestString(item));
    return max;
  }
  return 0;
}
