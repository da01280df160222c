import { terraformLiteral } from '../../../lib/core/literal';
import { parseTemplate } from './template';

/** A JSON value of a Terraform JSON configuration, whose strings are templates. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The native-syntax expression equivalent to a JSON-syntax template string: `"${x}"` becomes `(x)`
 * (keeping its type), anything else a quoted template whose literal parts are re-escaped for a
 * quoted string (`\`, `"` and control characters) and whose `${}`, `%{}` and `$${` stay as written.
 */
export function templateToHcl(template: string): string {
  const { parts } = parseTemplate(template);
  if (parts.length === 1 && parts[0].kind === 'interpolation' && parts[0].start === 0 && parts[0].end === template.length && template[2] !== '~' && template[template.length - 2] !== '~') {
    return `(${template.slice(2, -1)})`;
  }
  let out = '"';
  for (const part of parts) {
    const text = template.slice(part.start, part.end);
    out += part.kind === 'literal' ? escapeQuoted(text) : text;
  }
  return out + '"';
}

/** The native-syntax expression for a JSON value whose strings are templates. */
export function jsonToHcl(value: JsonValue): string {
  if (typeof value === 'string') return templateToHcl(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(jsonToHcl).join(', ')}]`;
  return `{${Object.entries(value).map(([key, item]) => `${templateToHcl(key)} = ${jsonToHcl(item)}`).join(', ')}}`;
}

/** A JSON value as a literal: every string escaped so that Terraform reads it back unchanged. */
export function literal(value: unknown): JsonValue {
  if (typeof value === 'string') return terraformLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map(literal);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [terraformLiteral(k), literal(v)]));
  throw new Error(`not a JSON value: ${String(value)}`);
}

function escapeQuoted(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}
