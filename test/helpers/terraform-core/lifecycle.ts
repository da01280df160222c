import { forceNewArguments } from './force-new';
import { asList, bareExpression, BUILT_IN_TYPES, Context, Declared, Rewrite, Target } from './model';

const LIFECYCLE = new Set(['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition']);

/**
 * The lifecycle of a stand-in: create_before_destroy and prevent_destroy as they are, conditions
 * rewritten (`self` in postconditions reads the resource's fake), ignore_changes mapped into
 * `input` (and `triggers_replace` for ForceNew arguments), replace_triggered_by onto stand-ins.
 * What terraform_data cannot express is dropped with a note.
 */
export function mapLifecycle(
  r: Declared,
  ctx: Context,
  rewrite: Rewrite,
  notes: string[],
  resources: Map<string, Declared>,
  standIns: { [address: string]: string },
  addTarget: (owner: string, target: Target) => void,
  builtIn: boolean,
): { [key: string]: any } | undefined {
  const lifecycle = r.body.lifecycle;
  if (lifecycle === undefined) return undefined;
  const out: { [key: string]: any } = {};
  for (const [key, value] of Object.entries(lifecycle as object)) {
    if (!LIFECYCLE.has(key)) throw new Error(`${r.address}: unsupported lifecycle argument ${key}`);
    if (key === 'create_before_destroy' || key === 'prevent_destroy') out[key] = value;
    else if (key === 'precondition') out[key] = asList(value).map((c) => rewrite(c, ctx));
    else if (key === 'postcondition') out[key] = asList(value).map((c) => rewrite(c, { ...ctx, self: r }));
    else if (key === 'ignore_changes') {
      if (builtIn) out[key] = value;
      else if (value === 'all' || (Array.isArray(value) && value.includes('all'))) out[key] = 'all';
      else {
        const forced = forceNewArguments(r.type);
        const mapped: string[] = [];
        for (const entry of asList(value)) {
          const path = bareExpression(entry);
          if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(path)) {
            notes.push(`${r.address}: ignore_changes ${path} dropped: terraform_data can only ignore attribute paths of input (an index into input ignores all of it)`);
            continue;
          }
          mapped.push(`input.${path}`);
          if (forced.includes(path) || forced.includes('*')) mapped.push(`triggers_replace.${path}`);
        }
        if (mapped.length > 0) out[key] = mapped;
      }
    } else if (key === 'replace_triggered_by') {
      out[key] = asList(value).map((entry) => {
        const text = bareExpression(entry);
        const [type, name, attribute, ...rest] = text.split('.');
        const declared = resources.get(`${type}.${name}`);
        if (!declared) throw new Error(`${r.address}: replace_triggered_by ${text} is not a declared resource`);
        addTarget(ctx.owner, { kind: 'resource', address: declared.address });
        const standIn = standIns[declared.address];
        if (BUILT_IN_TYPES.has(declared.type) || attribute === undefined) return [standIn, attribute, ...rest].filter(Boolean).join('.');
        const isArgument = attribute in (declared.body ?? {});
        return isArgument ? [standIn, 'input', attribute, ...rest].join('.') : `${standIn}.id`;
      });
    }
  }
  return out;
}
