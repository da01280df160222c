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
