import { re2PatternProblem } from '../../lib/triggers/re2-syntax';

/**
 * The RE2 check of ObjectFilter.pattern (issue 12): RE2's syntax (github.com/google/re2/wiki/Syntax),
 * not JavaScript's. Accepted: what RE2 reads, including what JavaScript refuses (flag groups).
 * Refused: what RE2 does not have, including what JavaScript accepts, and anchors (the launcher
 * anchors the pattern itself).
 */

describe('accepted', () => {
  test.each([
    'shard-[0-9]+\\.tfrecord',
    '.*\\.csv',
    'day=\\d{4}-\\d{2}-\\d{2}/part-\\d{5}\\.parquet',
    '(?:images|labels)/.*',
    '(a|b)*?c',
    'x{2,}y{0,3}?z{1000}',
    '(?i)report\\.CSV',
    '(?i:data)/(?-i:Raw)/.*',
    '(?s).*',
    '(?U)a+b',
    '(?P<day>\\d+)/.*',
    '[^/]+/_DONE',
    '[a-z0-9_-]+',
    '[-a]',
    '[a-]',
    '[\\]\\[]',
    '[[:alpha:][:digit:]]+',
    '[[:^space:]]',
    '\\pL+\\p{Greek}\\P{Han}\\p{^Latin}',
    '[\\p{L}\\d]',
    '\\x41\\x{1F600}\\0\\012',
    '\\Q*.csv\\E',
    '\\Q(unterminated',
    '\\.\\-\\/\\ \\#',
    'a\\b\\Bz',
    '\\C',
    'é+',
    '{',
    'a{',
    'a{,3}',
    '}]',
    '[\\t\\n\\r\\f\\v\\a]',
  ])('%s', (pattern) => {
    expect(re2PatternProblem(pattern)).toBeUndefined();
  });
});

describe('refused, with what to write instead', () => {
  test.each([
    // JavaScript accepts these; RE2 does not.
    ['(?=\\.csv)', 'lookaheads are not RE2'],
    ['a(?!b)', 'lookaheads are not RE2'],
    ['(?<=x)y', 'lookbehinds are not RE2'],
    ['(?<!x)y', 'lookbehinds are not RE2'],
    ['(a)\\1', 'backreferences are not RE2'],
    ['(?<day>\\d+)', 'write a named group as (?P<name>...)'],
    ['\\k<day>', 'backreferences (\\k) are not RE2'],
    ['\\cJ', 'control escapes (\\cX) are not RE2'],
    ['\\u00e9', '\\u escapes are not RE2 (write \\x{00E9})'],
    ['\\q', 'which is not an RE2 escape'],
    ['[]a]', 'which RE2 and JavaScript read differently'],
    ['[^]', 'which RE2 and JavaScript read differently'],
    ['[\\b]', 'RE2 has no backspace escape'],
    ['[\\d-z]', 'range from a character class'],
    ['\\e', 'is not RE2 (write \\x1B)'],
    // Neither accepts these, or only PCRE does.
    ['a*+', 'possessive quantifier'],
    ['a++', 'possessive quantifier'],
    ['a{2}+', 'has a possessive quantifier "{2}+" at position 2'],
    ['(?>abc)', 'atomic groups are not RE2'],
    ['(?#note)', 'comments are not RE2'],
    ['(?P=day)', 'backreferences are not RE2'],
    ['(?R)', 'recursion is not RE2'],
    ['(?1)', 'recursion is not RE2'],
    ['(?(1)a|b)', 'conditionals are not RE2'],
    ['(?|a|b)', 'branch reset groups are not RE2'],
    ['(?x)a b', 'not an RE2 group'],
    ['(?)', 'not an RE2 group'],
    ['(?i-)', 'not an RE2 group'],
    ['a**', 'repeats a repetition'],
    ['a{2}{3}', 'repeats a repetition'],
    ['*a', 'nothing to repeat'],
    ['(|+)', 'nothing to repeat'],
    ['a{1001}', 'more than 1000'],
    ['(a{100}){20}', 'nests counted repetitions to more than 1000'],
    ['a{3,2}', 'maximum is below its minimum'],
    ['[z-a]', 'whose end is before its start'],
    ['(ab', 'without its ")"'],
    ['ab)', 'unmatched ")"'],
    ['[ab', 'without its "]"'],
    ['ab\\', 'lone "\\"'],
    ['\\xZ', 'without two hex digits'],
    ['\\x{110000}', 'beyond Unicode'],
    ['\\p', 'without a Unicode class name'],
    ['[[:alpah:]]', 'which RE2 does not have'],
    ['\\Z', '\\Z is not RE2'],
    ['\\R', '\\R is not RE2'],
    ['\\h', '\\h is not RE2'],
    ['\\é', 'RE2 escapes punctuation only'],
    // Anchors: the pattern is anchored for the user.
    ['^data/.*', 'has "^" at position 1, an anchor, but the pattern is already anchored to the whole name after the prefix: leave it out'],
    ['.*\\.csv$', 'has "$" at position 8, an anchor'],
    ['a|^b', 'has "^" at position 3, an anchor'],
    ['\\Adata', 'has "\\A" at position 1, an anchor'],
    ['data\\z', 'has "\\z" at position 5, an anchor'],
  ])('%s', (pattern, expected) => {
    expect(re2PatternProblem(pattern)).toContain(expected);
  });

  test('a literal ^ or $ is written escaped', () => {
    expect(re2PatternProblem('^a')).toContain('write \\^ for a literal ^');
    expect(re2PatternProblem('\\^a\\$')).toBeUndefined();
    expect(re2PatternProblem('[$^]')).toBeUndefined();
  });

  test('positions count from 1', () => {
    expect(re2PatternProblem('abc(?=x)')).toContain('at position 4');
  });
});
