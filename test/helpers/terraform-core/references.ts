import { parseTemplate, ScanError, Template, Token } from './template';

/**
 * One reference found in a template: `google_x.y.attr`, `data.t.n.attr`, `var.v`, `local.l`,
 * `self.attr`, `count.index`, `each.key`... `start`/`end` cover the address part only
 * (`google_x.y`, `data.t.n`, `var.v`, `self`), so that rewriting it keeps what follows.
 */
export interface Reference {
  /** The first name: a resource type, `data`, `var`, `local`, `self`, `count`, `each`, `path`, `terraform`, `module`... */
  root: string;
  /** `google_x.y`, `data.t.n`, `var.v`, `local.l`, `count.index`, `each.key`, `self`, `path.module`... */
  address: string;
  /** The first attribute read after the address (and after an instance key such as `[0]`), if any. */
  attribute?: string;
  /** Whether an instance key (`[0]`, `["k"]`, `[*]`, `.*`) follows the address. */
  indexed: boolean;
  start: number;
  end: number;
}

/** Roots whose second name is part of the address (`var.v`, `local.l`, `count.index`...). */
const TWO_PART_ROOTS = new Set(['var', 'local', 'count', 'each', 'path', 'terraform', 'module', 'ephemeral']);
const KEYWORDS = new Set(['true', 'false', 'null']);

/** Every reference in a template string (a JSON string value of a Terraform configuration). */
export function referencesInTemplate(source: string, bound: readonly string[] = []): Reference[] {
  const found: Reference[] = [];
  walkTemplate(source, parseTemplate(source), new Set(bound), found);
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Rewrites a template string: each reference for which `replace` returns a string has its address
 * span replaced; everything else (literals, escapes, other references) is kept byte for byte.
 */
export function rewriteTemplate(source: string, replace: (reference: Reference) => string | undefined, bound: readonly string[] = []): string {
  let out = '';
  let last = 0;
  for (const reference of referencesInTemplate(source, bound)) {
    const replacement = replace(reference);
    if (replacement === undefined) continue;
    out += source.slice(last, reference.start) + replacement;
    last = reference.end;
  }
  return out + source.slice(last);
}

function walkTemplate(source: string, template: Template, bound: Set<string>, found: Reference[]): void {
  const loops: string[][] = [];
  const scope = (): Set<string> => new Set([...bound, ...loops.flat()]);
  for (const part of template.parts) {
    if (part.kind === 'interpolation') walkTokens(source, part.expression.tokens, scope(), found);
    else if (part.kind === 'directive') {
      if (part.keyword === 'for') {
        const tokens = part.expression.tokens;
        const inAt = tokens.findIndex((t) => t.kind === 'ident' && t.text === 'in');
        walkTokens(source, tokens.slice(inAt + 1), scope(), found);
        loops.push(part.bound);
      } else if (part.keyword === 'endfor') loops.pop();
      else if (part.keyword === 'if') walkTokens(source, part.expression.tokens.slice(1), scope(), found);
    }
  }
}

interface Frame {
  opener: string;
  /** An object constructor (`{ a = 1 }`), where names before `=` or `:` are keys. */
  object: boolean;
  atKey: boolean;
  /** A for expression: its names, bound from the `:` after `in` on. */
  forNames?: string[];
  forActive: boolean;
  pendingQuestions: number;
}

/**
 * Finds the references among the tokens of one expression. Frames track brackets: object
 * constructors (where a name before `=` or `:` is a key) and for expressions (whose names are
 * bound after the `:` that follows `in`).
 */
function walkTokens(source: string, tokens: Token[], outer: Set<string>, found: Reference[]): void {
  const frames: Frame[] = [{ opener: '', object: false, atKey: false, forActive: false, pendingQuestions: 0 }];
  const top = (): Frame => frames[frames.length - 1];
  const bound = (name: string): boolean => outer.has(name) || frames.some((f) => f.forActive && f.forNames!.includes(name));
  const next = (k: number): Token | undefined => {
    for (let j = k + 1; j < tokens.length; j++) if (tokens[j].kind !== 'newline') return tokens[j];
    return undefined;
  };
  const previous = (k: number): Token | undefined => {
    for (let j = k - 1; j >= 0; j--) if (tokens[j].kind !== 'newline') return tokens[j];
    return undefined;
  };
  const isPunct = (t: Token | undefined, text: string): boolean => t?.kind === 'punct' && t.text === text;

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const frame = top();
    if (t.kind === 'newline') {
      if (frame.object) frame.atKey = true;
      continue;
    }
    if (t.kind === 'string') {
      const scope = new Set([...outer, ...frames.filter((f) => f.forActive).flatMap((f) => f.forNames!)]);
      walkTemplate(source, t.template, scope, found);
      frame.atKey = false;
      continue;
    }
    if (t.kind === 'number') {
      frame.atKey = false;
      continue;
    }
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') {
        const n = next(k);
        const opened: Frame = { opener: t.text, object: false, atKey: false, forActive: false, pendingQuestions: 0 };
        if (t.text !== '(' && n?.kind === 'ident' && n.text === 'for') {
          // `[for a, b in coll : body]`: skip to `in`; the names are bound once the `:` is reached.
          const names: string[] = [];
          let j = tokens.indexOf(n) + 1;
          for (; j < tokens.length; j++) {
            const u = tokens[j];
            if (u.kind === 'ident' && u.text === 'in') break;
            if (u.kind === 'ident') names.push(u.text);
            else if (!(u.kind === 'punct' && u.text === ',') && u.kind !== 'newline') throw new ScanError('malformed for expression', source, u.start);
          }
          opened.forNames = names;
          k = j;
        } else if (t.text === '{') {
          opened.object = true;
          opened.atKey = true;
        }
        frame.atKey = false;
        frames.push(opened);
        continue;
      }
      if (t.text === ')' || t.text === ']' || t.text === '}') {
        if (frames.length > 1) frames.pop();
        continue;
      }
      if (t.text === ',' && frame.object) frame.atKey = true;
      else if (t.text === '?') frame.pendingQuestions++;
      else if (t.text === ':' && frame.pendingQuestions > 0) frame.pendingQuestions--;
      else if (t.text === ':' && frame.forNames && !frame.forActive) frame.forActive = true;
      else frame.atKey = false;
      continue;
    }

    // An identifier.
    const after = next(k);
    if (frame.object && frame.atKey && (isPunct(after, '=') || isPunct(after, ':'))) {
      frame.atKey = false; // an object key, not a reference
      continue;
    }
    frame.atKey = false;
    const before = previous(k);
    if (isPunct(before, '.') || isPunct(before, '::')) continue; // an attribute, or a provider function's name
    if (isPunct(after, '(') || isPunct(after, '::')) continue; // a function call
    if (KEYWORDS.has(t.text)) continue;
    if (frame.forNames && (t.text === 'if' || t.text === 'in' || t.text === 'for')) continue;
    if (bound(t.text)) continue;
    found.push(traversal(source, tokens, k));
  }
}

/** The reference that starts at `tokens[k]`. */
function traversal(source: string, tokens: Token[], k: number): Reference {
  const root = (tokens[k] as { text: string }).text;
  const segments: { text: string; end: number }[] = [];
  let j = k + 1;
  while (j + 1 < tokens.length && tokens[j].kind === 'punct' && (tokens[j] as { text: string }).text === '.') {
    const u = tokens[j + 1];
    if (u.kind === 'ident' || u.kind === 'number') segments.push({ text: u.text, end: u.end });
    else if (u.kind === 'punct' && u.text === '*') segments.push({ text: '*', end: u.end });
    else break;
    j += 2;
  }
  const need = root === 'data' ? 2 : root === 'self' ? 0 : 1;
  if (segments.length < need) {
    throw new ScanError(`incomplete reference ${[root, ...segments.map((s) => s.text)].join('.')}`, source, tokens[k].start);
  }
  const address = [root, ...segments.slice(0, need).map((s) => s.text)].join('.');
  const end = need === 0 ? tokens[k].end : segments[need - 1].end;
  const rest = segments.slice(need);
  let attribute: string | undefined;
  let indexed = false;
  if (rest.length > 0) {
    if (rest[0].text === '*' || /^[0-9]/.test(rest[0].text)) {
      indexed = true;
      attribute = rest[1]?.text;
    } else attribute = rest[0].text;
  } else {
    // `[0].attr`, `["key"].attr`, `[*].attr`: skip one balanced index, then read the attribute.
    const afterAddress = k + 1 + 2 * need;
    if (tokens[afterAddress]?.kind === 'punct' && (tokens[afterAddress] as { text: string }).text === '[') {
      indexed = true;
      let depth = 0;
      let m = afterAddress;
      for (; m < tokens.length; m++) {
        const u = tokens[m];
        if (u.kind === 'punct' && (u.text === '[' || u.text === '(' || u.text === '{')) depth++;
        if (u.kind === 'punct' && (u.text === ']' || u.text === ')' || u.text === '}')) depth--;
        if (depth === 0) break;
      }
      const dot = tokens[m + 1];
      const name = tokens[m + 2];
      if (dot?.kind === 'punct' && dot.text === '.' && name?.kind === 'ident') attribute = name.text;
    }
  }
  if (TWO_PART_ROOTS.has(root) || root === 'self') attribute = root === 'self' ? attribute : undefined;
  return { root, address, attribute, indexed, start: tokens[k].start, end };
}
