import type { TerraformJson } from '../synth';
import { bareExpression } from './model';
import { referencesInTemplate } from './references';

/**
 * The part of a stack that some of its blocks need: those blocks (`google_x.y`, `data.t.n`,
 * `local.l`, `output.o`, `check.c`) and, transitively, everything they reference or depend on
 * (resources, data sources, locals, variables), unchanged, with the providers and settings. A
 * smaller configuration for tests that exercise one mechanism of a real stack many times (e.g. its
 * quota checks with several live values) without planning the whole stack each time.
 */
export function sliceStack(json: TerraformJson, roots: string[]): TerraformJson {
  const keep = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const address = pending.pop()!;
    if (keep.has(address)) continue;
    const body = bodyOf(json, address);
    if (body === undefined) throw new Error(`sliceStack: ${address} is not declared in the stack`);
    keep.add(address);
    const scoped = address.startsWith('check.') ? scopedData(body) : new Set<string>();
    for (const found of referencedAddresses(body)) if (!scoped.has(found)) pending.push(found);
  }

  const out: TerraformJson = {};
  for (const key of ['//', 'provider', 'terraform']) if (json[key] !== undefined) out[key] = json[key];
  for (const address of keep) {
    const [kind, ...rest] = address.split('.');
    if (kind === 'local') (out.locals ??= {})[rest[0]] = json.locals[rest[0]];
    else if (kind === 'var') (out.variable ??= {})[rest[0]] = json.variable[rest[0]];
    else if (kind === 'output') (out.output ??= {})[rest[0]] = json.output[rest[0]];
    else if (kind === 'check') (out.check ??= {})[rest[0]] = json.check[rest[0]];
    else if (kind === 'data') ((out.data ??= {})[rest[0]] ??= {})[rest[1]] = json.data![rest[0]][rest[1]];
    else ((out.resource ??= {})[kind] ??= {})[rest[0]] = json.resource![kind][rest[0]];
  }
  return out;
}

function bodyOf(json: TerraformJson, address: string): any {
  const [kind, a, b] = address.split('.');
  if (kind === 'local') return json.locals?.[a];
  if (kind === 'var') return json.variable?.[a];
  if (kind === 'output') return json.output?.[a];
  if (kind === 'check') return json.check?.[a];
  if (kind === 'data') return json.data?.[a]?.[b];
  return json.resource?.[kind]?.[a];
}

/** The addresses of the data sources a check block declares for itself. */
function scopedData(check: any): Set<string> {
  return new Set(Object.entries(check.data ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `data.${type}.${name}`)));
}

/** What a block references in its expressions and names in `depends_on`, as block addresses. */
export function referencedAddresses(value: unknown, key?: string): string[] {
  if (typeof value === 'string') {
    if (key === 'depends_on') return [bareExpression(value)];
    return referencesInTemplate(value).flatMap((r) => (['count', 'each', 'self', 'path', 'terraform'].includes(r.root) ? [] : [r.address]));
  }
  if (Array.isArray(value)) return value.flatMap((item) => referencedAddresses(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => referencedAddresses(v, k));
  return [];
}
