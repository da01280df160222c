import { UnsupportedFeature, valueError } from './errors';

/**
 * Workflows' regular expressions use RE2 syntax (https://github.com/google/re2/wiki/Syntax, as
 * linked from https://cloud.google.com/workflows/docs/reference/stdlib/text/replace_all_regex).
 * JS regular expressions are run instead, with the `u` flag (code points, strict syntax), after
 * refusing the constructs where the two languages differ:
 * - RE2-only syntax JS would misread: `(?P<name>`, inline flags `(?i)`, `\A`, `\z`, `\Q…\E`,
 *   `\C`, POSIX classes `[[:alpha:]]`, one-letter Unicode classes `\pL`;
 * - JS-only syntax RE2 rejects: lookahead/lookbehind, backreferences, `(?<name>`, `\k<…>`;
 * - classes whose meaning differs: `\s`/`\S` (RE2: ASCII whitespace only; JS: all Unicode spaces).
 * An invalid pattern is a ValueError, as documented for every text.*_regex function.
 */
export function compileRegex(pattern: string, flags = 'u'): RegExp {
  const refused: [RegExp, string][] = [
    [/\(\?P?</, 'named groups'],
    [/\(\?[=!]/, 'lookahead'],
    [/\(\?<[=!]/, 'lookbehind'],
    [/\(\?[a-zA-Z-]+[:)]/, 'inline flags'],
    [/\(\?>/, 'atomic groups'],
    [/\[\[?:[a-z]+:\]/, 'POSIX character classes'],
  ];
  for (const [construct, name] of refused) {
    if (construct.test(pattern)) throw new UnsupportedFeature(`regular expression with ${name} (RE2 and JS differ): ${pattern}`);
  }
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[i + 1] ?? '';
    if (/[1-9]/.test(next) || 'kAzQECsS'.includes(next) || ((next === 'p' || next === 'P') && pattern[i + 2] !== '{')) {
      throw new UnsupportedFeature(`regular expression escape \\${next} (RE2 and JS differ): ${pattern}`);
    }
    i++;
  }
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    throw valueError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}
