import { JsonValue, templateToHcl } from './hcl';

/** Strings at least this long are hoisted into native-syntax locals. */
export const HOIST_LENGTH = 2048;

/**
 * Replaces every long string in expression positions (resource arguments, locals, output values)
 * by a reference to a native-syntax local holding the same template; identical strings share one.
 */
export function hoistLongStrings(
  resources: { [type: string]: { [name: string]: any } },
  locals: { [name: string]: JsonValue },
  outputs: { [name: string]: any },
  userLocals: { [name: string]: JsonValue },
): { [name: string]: string } {
  const hoisted = new Map<string, string>();
  const native: { [name: string]: string } = {};
  const visit = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') {
      if (value.length < HOIST_LENGTH) return value;
      if (!hoisted.has(value)) {
        const name = `text__${hoisted.size + 1}`;
        if (userLocals[name] !== undefined) throw new Error(`local ${name} of the stack collides with a hoisted string`);
        hoisted.set(value, name);
        native[name] = templateToHcl(value);
      }
      return `\${local.${hoisted.get(value)}}`;
    }
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    return value;
  };
  for (const byName of Object.values(resources)) {
    for (const body of Object.values(byName)) {
      for (const key of ['input', 'triggers_replace', 'count', 'for_each']) if (body[key] !== undefined) body[key] = visit(body[key]);
    }
  }
  for (const name of Object.keys(locals)) locals[name] = visit(locals[name]);
  for (const body of Object.values(outputs)) if (body.value !== undefined) body.value = visit(body.value);
  return native;
}
