import { FakeClock, runWorkflow, UnsupportedFeature } from '../helpers/workflows';

/**
 * The standard library of the Workflows interpreter: normal behaviour, argument checks and edge
 * cases of each function.
 */

function value(expression: string, variables: { [name: string]: unknown } = {}, env: { [name: string]: string } = {}): unknown {
  const run = runWorkflow([
    { init: { assign: [{ dummy: 0 }, ...Object.entries(variables).map(([k, v]) => ({ [k]: v }))] } },
    { done: { return: `\${${expression}}` } },
  ], { env, clock: new FakeClock(1_700_000_000.25) });
  if (run.state !== 'SUCCEEDED') throw new Error(`failed: ${JSON.stringify(run.error)}`);
  return run.result;
}

function tags(expression: string, variables: { [name: string]: unknown } = {}): string[] {
  const run = runWorkflow([
    { init: { assign: [{ dummy: 0 }, ...Object.entries(variables).map(([k, v]) => ({ [k]: v }))] } },
    { done: { return: `\${${expression}}` } },
  ]);
  if (run.state !== 'FAILED') throw new Error(`expected a failure, got ${JSON.stringify(run.result)}`);
  return (run.error as any).tags;
}

describe('expression helpers', () => {
  test('default returns the value unless it is null', () => {
    expect(value('default(null, "x")')).toBe('x');
    expect(value('default(0, "x")')).toBe(0);
    expect(value('default(map.get({}, "k"), [])')).toEqual([]);
    expect(tags('default(1)')).toEqual(['TypeError']);
  });

  test('if returns ifTrue for true, ifFalse for false or null, and evaluates every argument', () => {
    expect(value('if(true, 1, 2)')).toBe(1);
    expect(value('if(false, 1, 2)')).toBe(2);
    expect(value('if(null, 1, 2)')).toBe(2);
    expect(tags('if(1, 1, 2)')).toEqual(['TypeError']);
    expect(tags('if(true, 1, m.missing)', { m: {} })).toEqual(['KeyError']);
  });

  test('len of strings (characters), lists and maps', () => {
    expect(value('len("héllo")')).toBe(5);
    expect(value('len("😀")')).toBe(1);
    expect(value('len([1, 2])')).toBe(2);
    expect(value('len({"a": 1, "b": 2})')).toBe(2);
    expect(tags('len(3)')).toEqual(['TypeError']);
    expect(tags('len(null)')).toEqual(['TypeError']);
  });

  test('keys of a map, in insertion order', () => {
    expect(value('keys(json.decode("{\\"b\\": 1, \\"a\\": 2, \\"10\\": 3}"))')).toEqual(['b', 'a', '10']);
    expect(tags('keys([1])')).toEqual(['TypeError']);
  });

  test('int accepts a string or a double', () => {
    expect(value('int("3")')).toBe(3);
    expect(value('int("-42")')).toBe(-42);
    expect(value('int(2.7)')).toBe(2);
    expect(value('int(-2.7)')).toBe(-2);
    expect(tags('int("3.5")')).toEqual(['ValueError']);
    expect(tags('int("abc")')).toEqual(['ValueError']);
    expect(tags('int(" 3")')).toEqual(['ValueError']);
    expect(tags('int("99999999999999999999")')).toEqual(['ValueError']);
    expect(tags('int(true)')).toEqual(['TypeError']);
    expect(tags('int(3)')).toEqual(['TypeError']);
  });

  test('double accepts a string or an integer', () => {
    expect(value('double("2.5")')).toBe(2.5);
    expect(value('get_type(double(2))')).toBe('double');
    expect(value('double("1e3")')).toBe(1000);
    expect(tags('double("x")')).toEqual(['ValueError']);
    expect(tags('double(2.5)')).toEqual(['TypeError']);
  });

  test('string accepts an integer, a double or a boolean', () => {
    expect(value('string(42)')).toBe('42');
    expect(value('string(1.5)')).toBe('1.5');
    expect(value('string(true)')).toBe('true');
    expect(tags('string("s")')).toEqual(['TypeError']);
    expect(tags('string(null)')).toEqual(['TypeError']);
    expect(tags('string([1])')).toEqual(['TypeError']);
  });

  test('get_type names each type', () => {
    expect(value('[get_type(1), get_type(1.5), get_type("s"), get_type(true), get_type(null), get_type([]), get_type({}), get_type(text.encode("x"))]'))
      .toEqual(['integer', 'double', 'string', 'boolean', 'null', 'list', 'map', 'bytes']);
  });

  test('a wrong number of arguments is a TypeError', () => {
    expect(tags('len()')).toEqual(['TypeError']);
    expect(tags('len("a", "b")')).toEqual(['TypeError']);
    expect(tags('text.substring("a", 0)')).toEqual(['TypeError']);
  });

  test('bool() is not documented and is refused', () => {
    expect(() => value('bool("true")')).toThrow(UnsupportedFeature);
  });
});

describe('map', () => {
  const vars = { m: { a: { b: 1 }, n: null } };

  test('map.get: a string or a list of keys, null when missing or not a map', () => {
    expect(value('map.get(m, "a")', vars)).toEqual({ b: 1 });
    expect(value('map.get(m, ["a", "b"])', vars)).toBe(1);
    expect(value('map.get(m, ["a", "x"])', vars)).toBeNull();
    expect(value('map.get(m, ["n", "x"])', vars)).toBeNull();
    expect(value('map.get(m, "x")', vars)).toBeNull();
    expect(value('map.get("not a map", "x")')).toBeNull();
    expect(value('map.get(null, "x")')).toBeNull();
    expect(tags('map.get(m, 1)', vars)).toEqual(['TypeError']);
    expect(tags('map.get(m, ["a", 1])', vars)).toEqual(['TypeError']);
    expect(tags('map.get(m, "a", "default")', vars)).toEqual(['TypeError']);
  });

  test('map.merge is shallow, map.merge_nested recursive; neither changes its arguments', () => {
    const run = runWorkflow([
      { init: { assign: [{ a: { k: { x: 1 }, y: 1 } }, { b: { k: { z: 2 }, y: 2 } }] } },
      { done: { return: { merge: '${map.merge(a, b)}', nested: '${map.merge_nested(a, b)}', a: '${a}' } } },
    ]);
    expect(run.result).toEqual({
      merge: { k: { z: 2 }, y: 2 },
      nested: { k: { x: 1, z: 2 }, y: 2 },
      a: { k: { x: 1 }, y: 1 },
    });
    expect(tags('map.merge({}, [])')).toEqual(['TypeError']);
    expect(tags('map.merge_nested(1, {})')).toEqual(['TypeError']);
  });

  test('map.delete returns a copy without the key', () => {
    expect(value('map.delete({"a": 1, "b": 2}, "a")')).toEqual({ b: 2 });
    expect(value('map.delete({"a": 1}, "x")')).toEqual({ a: 1 });
    expect(tags('map.delete({"a": 1}, 1)')).toEqual(['TypeError']);
  });
});

describe('list', () => {
  test('list.concat appends one element to a copy; list.prepend puts it first', () => {
    expect(value('list.concat([1, 2], 3)')).toEqual([1, 2, 3]);
    expect(value('list.concat([1], [2])')).toEqual([1, [2]]);
    expect(value('list.prepend([1, 2], 0)')).toEqual([0, 1, 2]);
    expect(tags('list.concat("a", 1)')).toEqual(['TypeError']);
    expect(tags('list.prepend({}, 1)')).toEqual(['TypeError']);
  });
});

describe('text', () => {
  test('text.substring: zero-based, end exclusive, negative from the end, clamped', () => {
    expect(value('text.substring("hello", 2, 4)')).toBe('ll');
    expect(value('text.substring("hello", -10, 10)')).toBe('hello');
    expect(value('text.substring("hello", -3, -1)')).toBe('ll');
    expect(value('text.substring("hello", 4, 2)')).toBe('');
    expect(value('text.substring("héllo", 1, 2)')).toBe('é');
    expect(tags('text.substring(1, 0, 1)')).toEqual(['TypeError']);
    expect(tags('text.substring("a", 0.5, 1)')).toEqual(['TypeError']);
  });

  test('text.split', () => {
    expect(value('text.split("a/b//c", "/")')).toEqual(['a', 'b', '', 'c']);
    expect(value('text.split("abc", "/")')).toEqual(['abc']);
    expect(() => value('text.split("abc", "")')).toThrow(UnsupportedFeature);
    expect(tags('text.split("abc", 1)')).toEqual(['TypeError']);
  });

  test('text.replace_all and text.replace_all_regex (literal replacement, no backreferences)', () => {
    expect(value('text.replace_all("a.b.c", ".", "-")')).toBe('a-b-c');
    expect(value('text.replace_all_regex("one two", "one|two", "three")')).toBe('three three');
    expect(value('text.replace_all_regex("ab", "(a)", "$1\\\\1")')).toBe('$1\\1b');
    expect(value('text.replace_all_regex("abc", "", "-")')).toBe('-a-b-c-');
    expect(value('text.replace_all_regex("Train-2", "[^a-z0-9_-]", "-")')).toBe('-rain-2');
    expect(tags('text.replace_all_regex("a", "(", "b")')).toEqual(['ValueError']);
    expect(tags('text.replace_all_regex("a", "a", 1)')).toEqual(['TypeError']);
  });

  test('text.match_regex matches anywhere unless anchored', () => {
    expect(value('text.match_regex("jobs/train/00ff.json", "^jobs/[a-z0-9-]+/[0-9a-f]+\\\\.json$")')).toBe(true);
    expect(value('text.match_regex("xjobs/a/0.json", "^jobs/")')).toBe(false);
    expect(value('text.match_regex("abc", "b")')).toBe(true);
    expect(tags('text.match_regex("abc", "[")')).toEqual(['ValueError']);
  });

  test('RE2 and JS differences are refused', () => {
    for (const pattern of ['(?=a)', '(?<!a)', '(?P<n>a)', '(?<n>a)', '(a)\\\\1', '(?i)a', '\\\\s', '[[:alpha:]]', '\\\\pL', '\\\\Aa', 'a\\\\z']) {
      expect(() => value(`text.match_regex("a", "${pattern}")`)).toThrow(UnsupportedFeature);
    }
    expect(value('text.match_regex("a b", "a\\\\x20b")')).toBe(true);
  });

  test('text.find_all and text.find_all_regex: {index, match} sorted by index', () => {
    expect(value('text.find_all_regex("HelloWorld", "Hello|World")')).toEqual([{ index: 0, match: 'Hello' }, { index: 5, match: 'World' }]);
    expect(value('text.find_all_regex("abc", "x")')).toEqual([]);
    expect(value('text.find_all("a.b.c", ".")')).toEqual([{ index: 1, match: '.' }, { index: 3, match: '.' }]);
    expect(value('text.find_all("aaaa", "aa")')).toEqual([{ index: 0, match: 'aa' }, { index: 2, match: 'aa' }]);
  });

  test('text.to_lower, text.to_upper', () => {
    expect(value('text.to_lower("AbC")')).toBe('abc');
    expect(value('text.to_upper("AbC")')).toBe('ABC');
    expect(tags('text.to_lower(1)')).toEqual(['TypeError']);
  });

  test('text.url_encode escapes all but letters, digits and .-_ (the docs examples)', () => {
    expect(value('text.url_encode("a/b/c?item=d+e f")')).toBe('a%2Fb%2Fc%3Fitem%3Dd%2Be%20f');
    expect(value('text.url_encode_plus("a/b/c?item=d+e f")')).toBe('a%2Fb%2Fc%3Fitem%3Dd%2Be+f');
    expect(value('text.url_encode("~é")')).toBe('%7E%C3%A9');
    expect(value('text.url_encode("jobs/train/routes.json")')).toBe('jobs%2Ftrain%2Froutes.json');
  });

  test('text.encode and text.decode (UTF-8)', () => {
    expect(value('text.decode(text.encode("héllo"))')).toBe('héllo');
    expect(value('len(json.encode_to_string(text.decode(text.encode("x", "UTF-8"), "utf-8")))')).toBe(3);
    expect(() => value('text.encode("x", "latin1")')).toThrow(UnsupportedFeature);
    expect(tags('text.decode(base64.decode("/w=="))')).toEqual(['ValueError']);
    expect(tags('text.decode("not bytes")')).toEqual(['TypeError']);
  });
});

describe('json and base64', () => {
  test('json.decode of a string or bytes, keeping ints and doubles apart', () => {
    expect(value('json.decode("{\\"a\\": [1, 2.0, true, null, \\"s\\"]}")')).toEqual({ a: [1, 2, true, null, 's'] });
    expect(value('get_type(json.decode("2.0"))')).toBe('double');
    expect(value('get_type(json.decode("2"))')).toBe('integer');
    expect(value('json.decode(text.encode("[1]"))')).toEqual([1]);
    expect(tags('json.decode("{")')).toEqual(['ValueError']);
    expect(tags('json.decode("[1,]")')).toEqual(['ValueError']);
  });

  test('json.encode gives bytes, json.encode_to_string a string; indent options', () => {
    expect(value('json.encode_to_string({"a": [1, "x"], "b": null})')).toBe('{"a":[1,"x"],"b":null}');
    expect(value('get_type(json.encode({}))')).toBe('bytes');
    expect(value('text.decode(json.encode([1]))')).toBe('[1]');
    expect(value('json.encode_to_string({"a": [1]}, true)')).toBe('{\n    "a": [\n        1\n    ]\n}');
    expect(value('json.encode_to_string({"a": 1}, {"prefix": ">", "indent": " "})')).toBe('{\n> "a": 1\n>}');
    expect(tags('json.encode_to_string(text.encode("x"))')).toEqual(['ValueError']);
  });

  test('base64.decode ignores CR/LF, checks the alphabet and padding; base64.encode takes bytes', () => {
    expect(value('text.decode(base64.decode("aGVs\\r\\nbG8="))')).toBe('hello');
    expect(value('json.decode(base64.decode(m))', { m: Buffer.from('{"manifest":"jobs/a/1.json"}').toString('base64') })).toEqual({ manifest: 'jobs/a/1.json' });
    expect(value('text.decode(base64.decode("aGVsbG8", false))')).toBe('hello');
    expect(tags('base64.decode("aGVsbG8")')).toEqual(['ValueError']);
    expect(tags('base64.decode("a$==")')).toEqual(['ValueError']);
    expect(value('base64.encode(text.encode("hello"))')).toBe('aGVsbG8=');
    expect(value('base64.encode(text.encode("hello"), false)')).toBe('aGVsbG8');
    expect(tags('base64.encode("hello")')).toEqual(['TypeError']);
  });
});

describe('hash and math', () => {
  test('hash.compute_checksum digests bytes', () => {
    expect(value('base64.encode(hash.compute_checksum(text.encode("abc"), "SHA256"))')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(tags('hash.compute_checksum(text.encode("abc"), "CRC")')).toEqual(['ValueError']);
    expect(tags('hash.compute_checksum("abc", "SHA256")')).toEqual(['TypeError']);
    expect(() => value('hash.compute_hmac(text.encode("k"), text.encode("d"), "SHA256")')).toThrow(UnsupportedFeature);
  });

  test('hash.compute_checksum knows the documented algorithms (SHA224 included), as written', () => {
    // The reference page's own example: SHA-256 of "Hello World".
    expect(value('base64.encode(hash.compute_checksum(text.encode("Hello World", "UTF-8"), "SHA256"))')).toBe('pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=');
    expect(value('base64.encode(hash.compute_checksum(text.encode("abc"), "SHA224"))')).toBe('Iwl9IjQF2CKGQqR3vaJVsyqtvOS9oLP342ydpw==');
    expect(tags('hash.compute_checksum(text.encode("abc"), "sha256")')).toEqual(['ValueError']);
    expect(tags('hash.compute_checksum(text.encode("abc"), 256)')).toEqual(['TypeError']);
  });

  test('there is no hex module in the reference: hex.encode is refused', () => {
    expect(() => value('hex.encode(text.encode("abc"))')).toThrow(UnsupportedFeature);
  });

  test('there are no random numbers in the reference: math.random and a random module are refused', () => {
    expect(() => value('math.random()')).toThrow(UnsupportedFeature);
    expect(() => value('random.randint(10, 40)')).toThrow(UnsupportedFeature);
    expect(() => value('sys.random()')).toThrow(UnsupportedFeature);
  });

  test('math.abs, math.floor, math.max, math.min', () => {
    expect(value('math.abs(-3)')).toBe(3);
    expect(value('math.abs(-2.5)')).toBe(2.5);
    expect(value('math.floor(2.7)')).toBe(2);
    expect(value('math.floor(-2.5)')).toBe(-3);
    expect(value('get_type(math.floor(2.7))')).toBe('integer');
    expect(value('math.max(1, 2.5)')).toBe(2.5);
    expect(value('math.min(1, 2.5)')).toBe(1);
    expect(tags('math.abs("1")')).toEqual(['TypeError']);
  });
});

describe('sys and time', () => {
  test('sys.get_env returns the variable, the default, or null', () => {
    const env = { GOOGLE_CLOUD_PROJECT_ID: 'acme-ml', STAGING_BUCKET: 'b' };
    expect(value('sys.get_env("GOOGLE_CLOUD_PROJECT_ID")', {}, env)).toBe('acme-ml');
    expect(value('sys.get_env("MISSING")', {}, env)).toBeNull();
    expect(value('sys.get_env("MISSING", "fallback")', {}, env)).toBe('fallback');
    expect(value('sys.get_env("constructor")', {}, env)).toBeNull();
    expect(tags('sys.get_env(1)')).toEqual(['TypeError']);
    expect(tags('sys.get_env("X", 1)')).toEqual(['TypeError']);
  });

  test('sys.now reads the fake clock as a double', () => {
    expect(value('sys.now()')).toBe(1_700_000_000.25);
    expect(value('get_type(sys.now())')).toBe('double');
  });

  test('time.format: ISO 8601 up to microseconds, UTC by default, a time zone by name', () => {
    expect(value('time.format(0)')).toBe('1970-01-01T00:00:00Z');
    expect(value('time.format(1704903354.615087)')).toBe('2024-01-10T16:15:54.615087Z');
    expect(value('time.format(1704903354.5, "")')).toBe('2024-01-10T16:15:54.5Z');
    expect(value('time.format(1704903354, "America/New_York")')).toBe('2024-01-10T11:15:54-05:00');
    expect(value('time.format(1720000000, "Europe/Paris")')).toBe('2024-07-03T11:46:40+02:00');
    expect(tags('time.format(0, "Mars/Olympus")')).toEqual(['ValueError']);
    expect(tags('time.format("0")')).toEqual(['TypeError']);
  });

  test('time.parse: RFC 3339 to seconds', () => {
    expect(value('time.parse("2024-01-10T16:15:54.5Z")')).toBe(1704903354.5);
    expect(value('time.parse("2024-01-10T11:15:54-05:00")')).toBe(1704903354);
    expect(value('time.format(time.parse("2024-02-29T00:00:00Z"))')).toBe('2024-02-29T00:00:00Z');
    expect(tags('time.parse("2024-01-10")')).toEqual(['ValueError']);
    expect(tags('time.parse("2023-02-29T00:00:00Z")')).toEqual(['ValueError']);
  });

  test('blocking functions cannot be used inside an expression', () => {
    expect(() => value('sys.sleep(1)')).toThrow(/InvalidWorkflow.*blocking/);
    expect(() => value('sys.log("x")')).toThrow(/InvalidWorkflow.*blocking/);
    expect(() => value('http.get("https://example.com")')).toThrow(/InvalidWorkflow.*blocking/);
  });

  test('sys.sleep advances the clock and is recorded; out-of-range seconds are a ValueError', () => {
    const clock = new FakeClock(100);
    const run = runWorkflow([
      { wait: { call: 'sys.sleep', args: { seconds: 30 } } },
      { wait2: { call: 'sys.sleep', args: [1.5] } },
      { done: { return: '${sys.now()}' } },
    ], { clock });
    expect(run.result).toBe(131.5);
    expect(run.sleeps).toEqual([{ seconds: 30, reason: 'sys.sleep', at: 100 }, { seconds: 1.5, reason: 'sys.sleep', at: 130 }]);
    const bad = runWorkflow([{ wait: { call: 'sys.sleep', args: { seconds: -1 } } }]);
    expect((bad.error as any).tags).toEqual(['ValueError']);
    const tooLong = runWorkflow([{ wait: { call: 'sys.sleep', args: { seconds: 31_536_001 } } }]);
    expect((tooLong.error as any).tags).toEqual(['ValueError']);
    const wrong = runWorkflow([{ wait: { call: 'sys.sleep', args: { secs: 1 } } }]);
    expect((wrong.error as any).tags).toEqual(['TypeError']);
  });

  test('FakeClock.at: what is scheduled during a sleep runs at its time, in order, and the sleep still ends on time', () => {
    const clock = new FakeClock(100);
    const seen: [string, number][] = [];
    clock.at(120, () => seen.push(['b', clock.now()]));
    clock.at(110, () => seen.push(['a', clock.now()]));
    clock.at(200, () => seen.push(['late', clock.now()]));
    const run = runWorkflow([
      { wait: { call: 'sys.sleep', args: { seconds: 30 } } },
      { done: { return: '${sys.now()}' } },
    ], { clock });
    expect(run.result).toBe(130);
    expect(seen).toEqual([['a', 110], ['b', 120]]);
    expect(() => clock.at(130, () => undefined)).toThrow(/not after now/);
  });

  test('sys.log: data, text or json with a severity, named or positional', () => {
    const seen: unknown[] = [];
    const run = runWorkflow([
      { a: { call: 'sys.log', args: { data: 'hello', severity: 'INFO' } } },
      { b: { call: 'sys.log', args: { json: { k: [1] } } } },
      { c: { call: 'sys.log', args: ['${null}', 'ERROR', 'as text'] } },
      { d: { call: 'sys.log', args: { text: { m: 1 }, severity: 'WARNING' } } },
    ], { log: (entry) => seen.push(entry) });
    expect(run.state).toBe('SUCCEEDED');
    expect(run.logs).toEqual([
      { severity: 'INFO', data: 'hello' },
      { severity: 'DEFAULT', json: { k: [1] } },
      { severity: 'ERROR', text: 'as text' },
      { severity: 'WARNING', text: { m: 1 } },
    ]);
    expect(seen).toEqual(run.logs);
  });

  test('sys.log rejects zero or several payloads, a non-map json and an unknown severity', () => {
    const fails = (args: unknown) => (runWorkflow([{ l: { call: 'sys.log', args } }]).error as any).tags;
    expect(fails({ severity: 'INFO' })).toEqual(['TypeError']);
    expect(fails({ data: 'a', text: 'b' })).toEqual(['TypeError']);
    expect(fails({ json: 'not a map' })).toEqual(['TypeError']);
    expect(fails({ data: 'a', severity: 'LOUD' })).toEqual(['TypeError']);
    expect(fails({ data: null })).toEqual(['TypeError']);
  });

  test('stdlib functions can be called from call steps with named args', () => {
    const run = runWorkflow([
      { sub: { call: 'text.substring', args: { source: 'hello', start: 1, end: 3 }, result: 's' } },
      { done: { return: '${s}' } },
    ]);
    expect(run.result).toBe('el');
  });
});
