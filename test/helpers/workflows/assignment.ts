import { Expr, parseExpression } from './expression-parser';
import { EvalScope, evaluate, index } from './expressions';
import { indexError, InvalidWorkflow, typeError, UnsupportedFeature } from './errors';
import { Frame } from './scope';
import { typeOf, WfValue } from './values';

/**
 * Assignment targets: `name`, `name.key`, `name["key"]`, `name[expr]`, `name[0]` and chains of
 * them (https://cloud.google.com/workflows/docs/reference/syntax/syntax-cheat-sheet:
 * `my_list[idx + 1]: 1`, `my_map[key_str + "3"]: "Value3"`,
 * `my_nested_map.NestedMapKey.Key2: "Value2"`).
 *
 * The docs show assignments into existing containers only; what happens when an intermediate key
 * is missing is not documented. The stricter reading is taken: every container on the path must
 * already exist (a missing map key on the way is a KeyError, as reading it would be), and only
 * the last key may be new. A list element must already exist (IndexError otherwise): assigning
 * does not append.
 */

/** One step of a target path. */
type Segment = { kind: 'key'; name: string } | { kind: 'index'; expr: Expr };

/** A parsed target: a variable and the path into it. */
export interface Target {
  variable: string;
  path: Segment[];
}

const targets = new Map<string, Target>();

/** Parses an assign key or a call step's `result`. */
export function parseTarget(text: string): Target {
  let target = targets.get(text);
  if (target) return target;
  const path: Segment[] = [];
  let expr: Expr = parseExpression(text);
  while (expr.kind === 'member' || expr.kind === 'index') {
    path.unshift(expr.kind === 'member' ? { kind: 'key', name: expr.name } : { kind: 'index', expr: expr.index });
    expr = expr.object;
  }
  if (expr.kind !== 'ident') throw new UnsupportedFeature(`assignment target not understood: ${text}`);
  target = { variable: expr.name, path };
  targets.set(text, target);
  return target;
}

/** Assigns a value (already copied) to a target. */
export function assign(frame: Frame, target: Target, value: WfValue, scope: EvalScope): void {
  if (target.path.length === 0) {
    frame.set(target.variable, value);
    return;
  }
  let container = frame.lookup(target.variable);
  if (container === undefined) throw new InvalidWorkflow(`assignment into "${target.variable}", which is not defined here`);
  const keys = target.path.map((segment) => (segment.kind === 'key' ? segment.name : evaluate(segment.expr, scope)));
  for (const key of keys.slice(0, -1)) container = index(container, key);
  const last = keys[keys.length - 1];
  frame.touch(target.variable);
  if (container instanceof Map) {
    if (typeof last !== 'string') throw typeError(`map key must be a string, got ${typeOf(last)}`);
    container.set(last, value);
  } else if (Array.isArray(container)) {
    if (typeof last !== 'bigint') throw typeError(`list index must be an integer, got ${typeOf(last)}`);
    if (last < 0n || last >= BigInt(container.length)) throw indexError(`list assignment index out of range: ${last}`);
    container[Number(last)] = value;
  } else {
    throw typeError(`cannot assign into ${typeOf(container)}`);
  }
}
