import { BinaryOp, Expr, expressionOf } from './expression-parser';
import {
  indexError, InvalidWorkflow, keyError, typeError, UnsupportedFeature, zeroDivisionError,
} from './errors';
import {
  Callable, codePoints, deepEqual, describe, fromJs, INT64_MAX, INT64_MIN, isNumber, typeOf, WfMap, WfValue,
} from './values';

/**
 * Evaluation of expressions and of definition values that contain them.
 *
 * Semantic choices (each documented where Google's pages say something, otherwise the stricter
 * reading, also listed in /work/notes/workflows-semantics.md):
 * - `and`/`or` evaluate both operands, so an error on the right fails even when the left decides
 *   (the docs do not promise short-circuiting); both operands must be booleans
 *   (https://cloud.google.com/workflows/docs/reference/syntax/datatypes#logical-operators:
 *   "Logical operators can be used only on boolean values").
 * - `+` adds numbers or concatenates two strings; anything else (string + number, lists, maps) is
 *   a TypeError: the docs convert explicitly (`my_string+" "+string(my_integer)` in
 *   https://cloud.google.com/workflows/docs/reference/syntax/syntax-cheat-sheet).
 * - `/` is "float division" and always gives a double; `//` is floor division and `%` the
 *   remainder (https://cloud.google.com/workflows/docs/reference/syntax/expressions). For `//`
 *   and `%` the rounding is not documented; Python's (floor, remainder with the divisor's sign)
 *   is used, matching the Python names of Workflows' error tags.
 * - int arithmetic that leaves 64 bits and double arithmetic that leaves the finite range are
 *   refused: the behaviour is not documented.
 * - `==`/`!=` compare any two values deeply (ints and doubles by value) and are false across
 *   types; ordering compares two numbers or two strings, anything else is a TypeError.
 * - `x in list` tests membership, `key in map` tests a key (the key must be a string)
 *   (https://cloud.google.com/workflows/docs/reference/stdlib/expression-helpers: "Checks whether a
 *   given key is present in a list or map"); any other right operand is a TypeError.
 * - `map.key` / `map["key"]` of a missing key is a KeyError, `list[i]` out of range (or negative)
 *   an IndexError (https://cloud.google.com/workflows/docs/reference/syntax/error-types); use
 *   `map.get` for optional keys.
 */

/** What an expression can see. */
export interface EvalScope {
  /** A variable's value, or undefined when no variable has that name. */
  lookup(name: string): WfValue | undefined;
  /** Whether a subworkflow has that name (a bare name may reference it as a retry predicate). */
  isSubworkflow(name: string): boolean;
  /** Calls a non-blocking standard-library function; `undefined` when the name is not one. */
  callFunction(name: string, args: WfValue[]): WfValue;
  /** A named standard-library value (`http.default_retry`) or function reference, if any. */
  libraryValue(name: string): WfValue | undefined;
  /** Whether a name is a standard-library module prefix (`http`, `text`, `googleapis.storage`). */
  isModule(name: string): boolean;
}

/** A module name while a dotted name is being resolved. */
class ModuleRef {
  constructor(readonly name: string) {}
}

type Evaluated = WfValue | ModuleRef;

/** Evaluates an expression to a value. */
export function evaluate(expr: Expr, scope: EvalScope): WfValue {
  const value = evaluateRaw(expr, scope);
  if (value instanceof ModuleRef) throw new UnsupportedFeature(`"${value.name}" is a module, not a value`);
  return value;
}

function evaluateRaw(expr: Expr, scope: EvalScope): Evaluated {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ident':
      return identifier(expr.name, scope);
    case 'member': {
      const object = evaluateRaw(expr.object, scope);
      if (object instanceof ModuleRef) return moduleMember(`${object.name}.${expr.name}`, scope);
      return member(object, expr.name);
    }
    case 'index':
      return index(evaluate(expr.object, scope), evaluate(expr.index, scope));
    case 'call':
      return call(expr.callee, expr.args, scope);
    case 'unary':
      return unary(expr.op, evaluate(expr.operand, scope));
    case 'binary':
      // Both operands are always evaluated, left first (see the module comment on and/or).
      return binary(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'list':
      return expr.items.map((item) => evaluate(item, scope));
    case 'map': {
      const map: WfMap = new Map();
      for (const [key, item] of expr.entries) map.set(key, evaluate(item, scope));
      return map;
    }
  }
}

function identifier(name: string, scope: EvalScope): Evaluated {
  const variable = scope.lookup(name);
  if (variable !== undefined) return variable;
  if (scope.isSubworkflow(name)) return new Callable('subworkflow', name);
  const library = scope.libraryValue(name);
  if (library !== undefined) return library;
  if (scope.isModule(name)) return new ModuleRef(name);
  // Workflows rejects references to variables that are not in scope when deploying
  // (https://cloud.google.com/workflows/docs/reference/syntax/variables#variable-scope).
  throw new InvalidWorkflow(`variable "${name}" is not defined here`);
}

function moduleMember(name: string, scope: EvalScope): Evaluated {
  const library = scope.libraryValue(name);
  if (library !== undefined) return library;
  if (scope.isModule(name)) return new ModuleRef(name);
  throw new UnsupportedFeature(`standard-library name ${name} is not implemented`);
}

function call(callee: string, args: Expr[], scope: EvalScope): WfValue {
  const head = callee.split('.')[0];
  if (scope.lookup(head) !== undefined) {
    throw new UnsupportedFeature(`calling ${callee}: "${head}" is a variable, and calling through a variable is not supported`);
  }
  if (!callee.includes('.') && scope.isSubworkflow(callee)) {
    throw new UnsupportedFeature(`calling subworkflow ${callee} inside an expression (use a call step)`);
  }
  return scope.callFunction(callee, args.map((arg) => evaluate(arg, scope)));
}

/** `object.name`. */
export function member(object: WfValue, name: string): WfValue {
  if (!(object instanceof Map)) throw typeError(`cannot read key "${name}" of ${typeOf(object)} ${describe(object)}`);
  if (!object.has(name)) throw keyError(`key not found: ${name}`);
  return object.get(name)!;
}

/** `object[index]`. */
export function index(object: WfValue, key: WfValue): WfValue {
  if (Array.isArray(object)) {
    if (typeof key !== 'bigint') throw typeError(`list index must be an integer, got ${typeOf(key)}`);
    // Negative indexes are not documented; an index outside 0..len-1 is an IndexError.
    if (key < 0n || key >= BigInt(object.length)) throw indexError(`list index out of range: ${key}`);
    return object[Number(key)];
  }
  if (object instanceof Map) {
    if (typeof key !== 'string') throw typeError(`map key must be a string, got ${typeOf(key)}`);
    if (!object.has(key)) throw keyError(`key not found: ${key}`);
    return object.get(key)!;
  }
  throw typeError(`cannot index ${typeOf(object)} ${describe(object)}`);
}

/** A checked int result. */
export function checkedInt(value: bigint): bigint {
  if (value < INT64_MIN || value > INT64_MAX) throw new UnsupportedFeature(`integer overflow (${value}): not documented`);
  return value;
}

function checkedDouble(value: number): number {
  if (!Number.isFinite(value)) throw new UnsupportedFeature('a double leaving the finite range: not documented');
  return value;
}

function unary(op: '-' | 'not', value: WfValue): WfValue {
  if (op === 'not') {
    if (typeof value !== 'boolean') throw typeError(`"not" needs a boolean, got ${typeOf(value)}`);
    return !value;
  }
  if (typeof value === 'bigint') return checkedInt(-value);
  if (typeof value === 'number') return -value;
  throw typeError(`unary "-" needs a number, got ${typeOf(value)}`);
}

/** A binary operation on two evaluated operands. */
export function binary(op: BinaryOp, left: WfValue, right: WfValue): WfValue {
  switch (op) {
    case 'and':
    case 'or':
      if (typeof left !== 'boolean' || typeof right !== 'boolean') {
        throw typeError(`"${op}" needs booleans, got ${typeOf(left)} and ${typeOf(right)}`);
      }
      return op === 'and' ? left && right : left || right;
    case '==':
      return deepEqual(left, right);
    case '!=':
      return !deepEqual(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(op, left, right);
    case 'in':
      return contains(right, left);
    case '+':
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      return arithmetic(op, left, right);
    default:
      return arithmetic(op, left, right);
  }
}

function compare(op: '<' | '<=' | '>' | '>=', left: WfValue, right: WfValue): boolean {
  let order: number;
  if (isNumber(left) && isNumber(right)) {
    order = typeof left === typeof right ? (left < right ? -1 : left > right ? 1 : 0) : Math.sign(Number(left) - Number(right));
  } else if (typeof left === 'string' && typeof right === 'string') {
    order = compareCodePoints(left, right);
  } else {
    throw typeError(`cannot compare ${typeOf(left)} with ${typeOf(right)} using "${op}"`);
  }
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
}

function compareCodePoints(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

function contains(container: WfValue, item: WfValue): boolean {
  if (Array.isArray(container)) return container.some((element) => deepEqual(element, item));
  if (container instanceof Map) {
    if (typeof item !== 'string') throw typeError(`"in" a map needs a string key, got ${typeOf(item)}`);
    return container.has(item);
  }
  throw typeError(`"in" needs a list or a map on the right, got ${typeOf(container)}`);
}

function arithmetic(op: BinaryOp, left: WfValue, right: WfValue): WfValue {
  if (!isNumber(left) || !isNumber(right)) {
    throw typeError(`unsupported operand types for "${op}": ${typeOf(left)} and ${typeOf(right)}`);
  }
  if ((op === '/' || op === '//' || op === '%') && Number(right) === 0) throw zeroDivisionError(`division by zero ("${op}")`);
  if (op === '/') return checkedDouble(Number(left) / Number(right));
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    switch (op) {
      case '+': return checkedInt(left + right);
      case '-': return checkedInt(left - right);
      case '*': return checkedInt(left * right);
      case '//': return checkedInt(floorDiv(left, right));
      case '%': return left - right * floorDiv(left, right);
      default: break;
    }
  }
  const a = Number(left);
  const b = Number(right);
  switch (op) {
    case '+': return checkedDouble(a + b);
    case '-': return checkedDouble(a - b);
    case '*': return checkedDouble(a * b);
    case '//': return checkedDouble(Math.floor(a / b));
    case '%': return checkedDouble(a - b * Math.floor(a / b));
    default: throw new UnsupportedFeature(`operator ${op}`);
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/**
 * Evaluates a definition value: a `${...}` string is an expression, a map or list is evaluated
 * item by item (map keys may be expressions too:
 * https://cloud.google.com/workflows/docs/reference/syntax/maps, `${dynamicKey}: "Apple"`), any
 * other JSON value is itself.
 */
export function evaluateValue(raw: unknown, scope: EvalScope): WfValue {
  if (typeof raw === 'string') {
    const expr = expressionOf(raw);
    return expr ? evaluate(expr, scope) : raw;
  }
  if (Array.isArray(raw)) return raw.map((item) => evaluateValue(item, scope));
  if (raw !== null && typeof raw === 'object') {
    const map: WfMap = new Map();
    for (const [rawKey, item] of Object.entries(raw)) {
      const keyExpr = expressionOf(rawKey);
      const key = keyExpr ? evaluate(keyExpr, scope) : rawKey;
      if (typeof key !== 'string') throw typeError(`a map key must be a string, got ${typeOf(key)}`);
      map.set(key, evaluateValue(item, scope));
    }
    return map;
  }
  return fromJs(raw);
}
