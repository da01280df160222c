import type { JsonValue } from './hcl';

/** Resource types that Terraform core implements itself: kept as they are. */
export const BUILT_IN_TYPES = new Set(['terraform_data']);

/** A resource or data source of the stack. */
export interface Declared {
  address: string;
  type: string;
  name: string;
  body: { [key: string]: any };
  mode: 'resource' | 'data';
  /** The check block that scopes a data source. */
  check?: string;
  fake: string;
}

/** What an expression depends on: a resource, a data source (maybe check-scoped) or a local. */
export type Target = { kind: 'resource' | 'data'; address: string; check?: string } | { kind: 'local'; name: string };

/** Where a value is rewritten: for messages, for the dependency graph and for scoping. */
export interface Context {
  where: string;
  owner: string;
  check?: string;
  /** The resource whose postconditions may read `self`. */
  self?: Declared;
}

/** Rewrites the references of a JSON value (strings are templates) in a context. */
export type Rewrite = (value: JsonValue, ctx: Context) => JsonValue;

/** A block that JSON syntax allows as one object or a list of them, as a list. */
/** A `depends_on` or lifecycle entry (`"${google_x.y}"` or `"google_x.y"`) as the bare expression. */
export function bareExpression(entry: unknown): string {
  return String(entry).replace(/^\$\{(.*)\}$/s, '$1').trim();
}

export function asList(value: unknown): any[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
