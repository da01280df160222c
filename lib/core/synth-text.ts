import { DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/*
 * What a value is at synth: cdktf tokens resolved to the Terraform text they synthesize to
 * (`${google_kms_crypto_key.x.id}`, never `${TfToken[...]}`), and the references whose values the
 * constructs know at synth (a bucket's name, a service account's email) replaced by those values.
 * What is left as `${...}` is known only at apply (a TensorBoard's server-assigned ID).
 */

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A Terraform interpolation `${...}` that is not the escape `$${` (no nested braces: plain references). */
const INTERPOLATION = /(?<!\$)\$\{[^{}]*\}/g;
/** Any interpolation left, nested ones included. */
const OPEN_INTERPOLATION = /(?<!\$)\$\{/;

/** A leaf of a value that is known only at apply: where it is, its Terraform text, and the original (a token). */
export interface ApplyTimeValue {
  /** JSON path of the leaf, e.g. `body.jobSpec.tensorboard`. */
  readonly path: string;
  /** Its Terraform text with known references replaced, e.g. `${google_vertex_ai_tensorboard.x.id}`. */
  readonly text: string;
  /** The value as the construct holds it (a cdktf token): what Terraform evaluates at apply. */
  readonly original: unknown;
}

/** A value with its tokens resolved at synth. */
export interface SynthValue {
  /** The value: known leaves as their values, apply-time leaves as `placeholder(text)`. */
  readonly value: unknown;
  /** The apply-time leaves, in the order of the value's keys (sorted) and list items. */
  readonly applyTime: ApplyTimeValue[];
}

/**
 * Resolves the tokens of one stack: `text` for one string, `value` for a structure. Each distinct
 * string is resolved once.
 */
export class SynthText {
  private readonly cache = new Map<string, string>();

  /**
   * @param scope any construct of the stack the tokens are resolved in
   * @param known values of Terraform references known at synth, by their text (`${type.name.attr}`)
   */
  constructor(private readonly scope: IConstruct, private readonly known: ReadonlyMap<string, string> = new Map()) {}

  /** The same resolution with `known` references replaced by their values. */
  public withKnown(known: ReadonlyMap<string, string>): SynthText {
    return new SynthText(this.scope, known);
  }

  /** A string as Terraform text, known references replaced; literal strings are returned as they are. */
  public text(value: string): string {
    if (!Token.isUnresolved(value)) return value;
    let result = this.cache.get(value);
    if (result === undefined) {
      result = this.substitute(this.raw(value));
      this.cache.set(value, result);
    }
    return result;
  }

  /**
   * `value` with every token resolved: leaves known at synth become their values; the others become
   * `placeholder(text)` and are listed, so that what Terraform evaluates can be hashed apart.
   * @param skip keys whose subtrees are left out (e.g. `labels`)
   */
  public value(value: unknown, placeholder: (text: string) => unknown = (text) => text, skip: (key: string) => boolean = () => false): SynthValue {
    const applyTime: ApplyTimeValue[] = [];
    const walk = (node: unknown, path: string): unknown => {
      if (Token.isUnresolved(node)) {
        const resolved = typeof node === 'string' ? this.text(node) : this.deepSubstitute(Tokenization.resolve(node, { scope: this.scope, resolver: RESOLVER }));
        const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
        if (!OPEN_INTERPOLATION.test(text)) return resolved;
        applyTime.push({ path, text, original: node });
        return placeholder(text);
      }
      if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
      if (node !== null && typeof node === 'object') {
        const copy: { [key: string]: unknown } = {};
        for (const key of Object.keys(node).sort()) {
          const child = (node as { [key: string]: unknown })[key];
          if (child === undefined || skip(key)) continue;
          copy[key] = walk(child, path === '' ? key : `${path}.${key}`);
        }
        return copy;
      }
      return node;
    };
    return { value: walk(value, ''), applyTime };
  }

  /** The Terraform text of a token, without known references replaced. */
  private raw(value: string): string {
    const resolved: unknown = Tokenization.resolve(value, { scope: this.scope, resolver: RESOLVER });
    return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  }

  private substitute(text: string): string {
    if (this.known.size === 0) return text;
    return text.replace(INTERPOLATION, (reference) => this.known.get(reference) ?? reference);
  }

  private deepSubstitute(value: unknown): unknown {
    if (typeof value === 'string') return this.substitute(value);
    if (Array.isArray(value)) return value.map((item) => this.deepSubstitute(item));
    if (value !== null && typeof value === 'object') {
      const copy: { [key: string]: unknown } = {};
      for (const [key, child] of Object.entries(value)) copy[key] = this.deepSubstitute(child);
      return copy;
    }
    return value;
  }
}

/** Whether a Terraform text holds a value known only at apply (an interpolation, not the escape `$${`). */
export function isApplyTime(text: string): boolean {
  return OPEN_INTERPOLATION.test(text);
}

/** A string as the API receives it: Terraform's escapes `$${` and `%%{` undone. */
export function unescapeTerraform(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
