import { runWorkflow, UnsupportedFeature } from '../helpers/workflows';

/**
 * The expression language of the Workflows interpreter: literals, operators, precedence, type
 * errors and refusals.
 */

/** The value of one expression, evaluated as a workflow's result. */
function value(expression: string, variables: { [name: string]: unknown } = {}): unknown {
  const run = runWorkflow([
    ...(Object.keys(variables).length ? [{ init: { assign: Object.entries(variables).map(([k, v]) => ({ [k]: v })) } }] : []),
    { done: { return: `\${${expression}}` } },
  ]);
  if (run.state !== 'SUCCEEDED') throw new Error(`failed: ${JSON.stringify(run.error)}`);
  return run.result;
}

/** The type of a value, through get_type (so that int and double can be told apart). */
const typeOf = (expression: string) => value(`get_type(${expression})`);

/** The error of an expression that fails. */
function failure(expression: string, variables: { [name: string]: unknown } = {}): any {
  const run = runWorkflow([
    { init: { assign: [{ dummy: 0 }, ...Object.entries(variables).map(([k, v]) => ({ [k]: v }))] } },
    { done: { return: `\${${expression}}` } },
  ]);
  if (run.state !== 'FAILED') throw new Error(`expected a failure, got ${JSON.stringify(run.result)}`);
  return run.error;
}

const tags = (expression: string, variables = {}) => failure(expression, variables).tags;

describe('literals', () => {
  test('numbers, strings, booleans and null', () => {
    expect(value('42')).toBe(42);
    expect(typeOf('42')).toBe('integer');
    expect(value('4.5')).toBe(4.5);
    expect(typeOf('4.0')).toBe('double');
    expect(typeOf('1e3')).toBe('double');
    expect(value('"a\\"b\\\\c\\n\\u00e9"')).toBe('a"b\\c\né');
    expect(value("'single'")).toBe('single');
    expect(value('true')).toBe(true);
    expect(value('False')).toBe(false);
    expect(value('TRUE')).toBe(true);
    expect(value('null')).toBeNull();
  });

  test('lists and maps', () => {
    expect(value('[1, "a", [true], {"k": null}]')).toEqual([1, 'a', [true], { k: null }]);
    expect(value('{}')).toEqual({});
    expect(value('[]')).toEqual([]);
  });

  test('an unknown escape, a mixed string or unknown syntax is refused', () => {
    expect(() => value('"\\q"')).toThrow(UnsupportedFeature);
    expect(() => runWorkflow([{ r: { return: 'id: ${x}' } }])).toThrow(/UnsupportedFeature.*does not interpolate/);
    expect(() => runWorkflow([{ r: { return: '${a} ${b}' } }])).toThrow(UnsupportedFeature);
    expect(() => value('1 && 2')).toThrow(UnsupportedFeature);
    expect(() => value('a not in b', { a: 1, b: [] })).toThrow(UnsupportedFeature);
    expect(() => value('{1: 2}')).toThrow(UnsupportedFeature);
  });
});

describe('arithmetic', () => {
  test('int and double', () => {
    expect(value('2 + 3')).toBe(5);
    expect(typeOf('2 + 3')).toBe('integer');
    expect(typeOf('2 + 3.0')).toBe('double');
    expect(value('7 - 10')).toBe(-3);
    expect(value('6 * 7')).toBe(42);
    expect(value('-(3)')).toBe(-3);
  });

  test('/ always gives a double; // floors; % takes the sign of the divisor', () => {
    expect(value('6 / 3')).toBe(2);
    expect(typeOf('6 / 3')).toBe('double');
    expect(value('7 / 2')).toBe(3.5);
    expect(value('7 // 2')).toBe(3);
    expect(typeOf('7 // 2')).toBe('integer');
    expect(value('-7 // 2')).toBe(-4);
    expect(value('7.5 // 2')).toBe(3);
    expect(typeOf('7.5 // 2')).toBe('double');
    expect(value('7 % 3')).toBe(1);
    expect(value('-7 % 3')).toBe(2);
    expect(value('7 % -3')).toBe(-2);
    expect(value('7.5 % 2')).toBe(1.5);
  });

  test('division by zero is a ZeroDivisionError', () => {
    expect(tags('1 / 0')).toEqual(['ZeroDivisionError']);
    expect(tags('1 // 0')).toEqual(['ZeroDivisionError']);
    expect(tags('1 % 0.0')).toEqual(['ZeroDivisionError']);
  });

  test('strings concatenate with strings only', () => {
    expect(value('"a" + "b"')).toBe('ab');
    expect(tags('"n=" + 1')).toEqual(['TypeError']);
    expect(tags('1 + "1"')).toEqual(['TypeError']);
    expect(tags('[1] + [2]')).toEqual(['TypeError']);
    expect(tags('"ab" * 2')).toEqual(['TypeError']);
    expect(tags('null + 1')).toEqual(['TypeError']);
    expect(tags('-"a"')).toEqual(['TypeError']);
  });

  test('64-bit overflow is refused', () => {
    expect(() => value('9223372036854775807 + 1')).toThrow(UnsupportedFeature);
    // Compared as text: as a JS number, -2^63 + 1 and -2^63 are the same double.
    expect(value('string(-9223372036854775807 - 1)')).toBe('-9223372036854775808');
    expect(value('string(-9223372036854775807)')).toBe('-9223372036854775807');
  });
});

describe('comparison and logic', () => {
  test('== and != compare deeply; ints equal doubles of the same value; types never equal', () => {
    expect(value('1 == 1.0')).toBe(true);
    expect(value('[1, {"a": "b"}] == [1, {"a": "b"}]')).toBe(true);
    expect(value('{"a": 1, "b": 2} == {"b": 2, "a": 1}')).toBe(true);
    expect(value('"1" == 1')).toBe(false);
    expect(value('null == null')).toBe(true);
    expect(value('null != 0')).toBe(true);
  });

  test('ordering compares numbers or strings only', () => {
    expect(value('1 < 2.5')).toBe(true);
    expect(value('"abc" < "abd"')).toBe(true);
    expect(value('"b" >= "a"')).toBe(true);
    expect(value('3 <= 3')).toBe(true);
    expect(tags('1 < "2"')).toEqual(['TypeError']);
    expect(tags('[1] < [2]')).toEqual(['TypeError']);
    expect(tags('true > false')).toEqual(['TypeError']);
  });

  test('in: membership in a list, a key of a map', () => {
    expect(value('2 in [1, 2]')).toBe(true);
    expect(value('{"a": 1} in [{"a": 1}]')).toBe(true);
    expect(value('"k" in {"k": null}')).toBe(true);
    expect(value('"x" in {"k": 1}')).toBe(false);
    expect(tags('1 in {"1": 1}')).toEqual(['TypeError']);
    expect(tags('"a" in "abc"')).toEqual(['TypeError']);
  });

  test('and, or, not need booleans', () => {
    expect(value('true and false')).toBe(false);
    expect(value('true AND true')).toBe(true);
    expect(value('false or true')).toBe(true);
    expect(value('not false')).toBe(true);
    expect(value('NOT true')).toBe(false);
    expect(tags('1 and true')).toEqual(['TypeError']);
    expect(tags('not null')).toEqual(['TypeError']);
    expect(() => value('true And false')).toThrow(UnsupportedFeature);
  });

  test('and/or evaluate both operands: an error on the right fails even when the left decides', () => {
    expect(tags('false and m.missing', { m: {} })).toEqual(['KeyError']);
    expect(tags('true or m.missing', { m: {} })).toEqual(['KeyError']);
    expect(tags('false and 1')).toEqual(['TypeError']);
  });
});

describe('precedence', () => {
  test('* binds tighter than +, + tighter than comparison, comparison tighter than and, and tighter than or', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('2 * 3 // 4')).toBe(1);
    expect(value('1 + 1 == 2')).toBe(true);
    expect(value('true or true and false')).toBe(true);
    expect(value('(true or true) and false')).toBe(false);
    expect(value('1 < 2 == true')).toBe(true);
  });

  test('not binds tighter than comparison and in: not a == b is (not a) == b', () => {
    expect(value('not true == false')).toBe(true);
    expect(tags('not "x" in ["y"]')).toEqual(['TypeError']);
    expect(value('not ("x" in ["y"])')).toBe(true);
  });

  test('unary minus binds tighter than *, member access tighter than unary minus', () => {
    expect(value('-2 * 3')).toBe(-6);
    expect(value('-m.a', { m: { a: 5 } })).toBe(-5);
    expect(value('- - 2')).toBe(2);
  });
});

describe('member and index access', () => {
  const vars = { m: { a: { b: [10, 20] }, 'special!key': 1 }, l: [1, 2, 3], k: 'a' };

  test('reads maps by dot or brackets, lists by integer index', () => {
    expect(value('m.a.b[1]', vars)).toBe(20);
    expect(value('m["a"]["b"][0]', vars)).toBe(10);
    expect(value('m[k].b', vars)).toEqual([10, 20]);
    expect(value('m["special!key"]', vars)).toBe(1);
    expect(value('l[len(l) - 1]', vars)).toBe(3);
    expect(value('[5, 6][1]')).toBe(6);
  });

  test('a missing key is a KeyError, an index out of range (or negative) an IndexError', () => {
    expect(tags('m.nope', vars)).toEqual(['KeyError']);
    expect(tags('m["nope"]', vars)).toEqual(['KeyError']);
    expect(tags('l[3]', vars)).toEqual(['IndexError']);
    expect(tags('l[-1]', vars)).toEqual(['IndexError']);
  });

  test('accessing the wrong type is a TypeError', () => {
    expect(tags('l.a', vars)).toEqual(['TypeError']);
    expect(tags('l["0"]', vars)).toEqual(['TypeError']);
    expect(tags('l[1.0]', vars)).toEqual(['TypeError']);
    expect(tags('m[0]', vars)).toEqual(['TypeError']);
    expect(tags('k[0]', vars)).toEqual(['TypeError']);
    expect(tags('k.x', vars)).toEqual(['TypeError']);
  });

  test('an undefined variable is a definition Workflows rejects', () => {
    expect(() => value('nope')).toThrow(/InvalidWorkflow: variable "nope"/);
  });

  test('calling through a variable or an unknown function is refused', () => {
    expect(() => value('text.to_upper("a")', { text: 'shadow' })).toThrow(UnsupportedFeature);
    expect(() => value('uuid.generate()')).toThrow(/UnsupportedFeature.*uuid.generate/);
    expect(() => value('len(l)(1)', { l: [] })).toThrow(UnsupportedFeature);
  });
});

describe('guarding optional keys', () => {
  test('"k" in m and m.k... fails when k is missing; map.get with a list of keys does not', () => {
    expect(tags('"data" in input and "message" in input.data', { input: {} })).toEqual(['KeyError']);
    expect(value('map.get(input, ["data", "message"]) != null', { input: {} })).toBe(false);
    expect(value('map.get(input, ["data", "message"]) != null', { input: { data: { message: 'm' } } })).toBe(true);
  });
});
