import { createHash } from 'crypto';
import { TerraformStack, Testing } from 'cdktf';

/**
 * Comparison of a library stack with its hand-written benchmark twin: logical names (construct
 * paths) may differ and are replaced by canonical ones before comparing; `local.NAME` references
 * are normalized like resource addresses. Used by test/bench-baseline.test.ts and
 * test/bench-scale.test.ts.
 */

export type Json = { [key: string]: any };
export interface Declaration { address: string; type: string; body: any }

/**
 * The stack's Terraform JSON. Throws on error annotations (a policy finding, say), which
 * `Testing.synth` lets pass but which stop `cdktf synth` and so `npm run bench`.
 */
export function synth(build: (app: ReturnType<typeof Testing.app>) => TerraformStack): Json {
  const stack = build(Testing.app());
  const json = JSON.parse(Testing.synth(stack));
  const errors = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => `${c.node.path}: ${m.data}`));
  if (errors.length > 0) throw new Error(`the stack would not synthesize:\n${errors.join('\n')}`);
  return json;
}

/** Every declared address (`type.name`, `data.type.name`, `local.name`) with its type and body. */
export function declarations(json: Json): Declaration[] {
  const found: Declaration[] = [];
  for (const block of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries<Json>(json[block] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const prefix = block === 'data' ? 'data.' : '';
        found.push({ address: `${prefix}${type}.${name}`, type: `${prefix}${type}`, body });
      }
    }
  }
  for (const [name, body] of Object.entries(json.locals ?? {})) found.push({ address: `local.${name}`, type: 'local', body });
  return found;
}

const ADDRESS = /(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;

/**
 * A copy of `value` where each declared address has its logical name replaced by `names(address)`,
 * `//` metadata is dropped, and `depends_on` is sorted (its order means nothing to Terraform).
 */
export function canonical(value: any, declared: Set<string>, names: (address: string) => string): any {
  if (typeof value === 'string') {
    return value.replace(ADDRESS, (match, data: string | undefined, type: string) =>
      declared.has(match) ? `${data ?? ''}${type}.${names(match)}` : match);
  }
  if (Array.isArray(value)) return value.map((item) => canonical(item, declared, names));
  if (value && typeof value === 'object') {
    const copy: Json = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '//') continue;
      copy[key] = canonical(value[key], declared, names);
    }
    if (Array.isArray(copy.depends_on)) copy.depends_on = [...copy.depends_on].sort();
    return copy;
  }
  return value;
}

/**
 * Structural names: each declaration is named by a hash of its type and body, in which references
 * carry the structural names of what they point to, iterated to a fixed point (see
 * test/bench-baseline.test.ts). Two declarations get the same name exactly when they have the same
 * arguments and refer, argument by argument, to structurally equal declarations.
 */
export function structuralNames(all: Declaration[]): Map<string, string> {
  const declared = new Set(all.map((d) => d.address));
  let names = new Map(all.map((d) => [d.address, 'X']));
  for (let round = 0; round <= all.length; round++) {
    const current = names;
    const next = new Map(all.map((d) => [
      d.address,
      createHash('sha256').update(d.type).update(JSON.stringify(canonical(d.body, declared, (a) => current.get(a)!))).digest('hex').slice(0, 12),
    ]));
    if ([...next].every(([address, name]) => current.get(address) === name)) return next;
    names = next;
  }
  throw new Error('structural names did not converge (a reference cycle?)');
}

/** Per type (locals as `local`), the sorted canonical bodies; and the canonical outputs. */
export function canonicalForm(json: Json, naming: 'placeholder' | 'structural'): { byType: { [type: string]: string[] }; outputs: Json } {
  const all = declarations(json);
  const declared = new Set(all.map((d) => d.address));
  const structural = naming === 'structural' ? structuralNames(all) : undefined;
  const names = (address: string) => structural?.get(address) ?? 'X';
  const byType: { [type: string]: string[] } = {};
  for (const { type, body } of all) (byType[type] ??= []).push(JSON.stringify(canonical(body, declared, names), null, 2));
  for (const bodies of Object.values(byType)) bodies.sort();
  return { byType, outputs: canonical(json.output ?? {}, declared, names) };
}
