import { Token } from 'cdktf';

/**
 * Escapes a user string for Terraform JSON, so it reaches the API unchanged. In Terraform JSON
 * every string is a template: `${...}` would be read as an interpolation and `%{...}` as a directive.
 * Terraform turns `$${` back into `${` and `%%{` into `%{`. This lets a shell-style
 * `--model-dir=${AIP_MODEL_DIR}` arrive at Vertex AI as written.
 *
 * Do not apply it to strings that carry cdktf tokens: their `${TfToken[...]}` markers must stay
 * interpolations (the code resolver escapes only the literal parts of such strings).
 */
export function terraformLiteral(value: string): string {
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** cdktf's marker of a string token inside a string (`${TfToken[TOKEN.12]}`). */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * A user string as it must appear in Terraform JSON to reach the API unchanged: {@link terraformLiteral}
 * for a plain string; for a string with cdktf tokens, the literal parts only.
 */
export function literalForTerraform(value: string): string {
  if (!Token.isUnresolved(value)) return terraformLiteral(value);
  let out = '';
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    out += terraformLiteral(value.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + terraformLiteral(value.slice(last));
}
