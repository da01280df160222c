/**
 * Command and args as Kubernetes must receive them to pass them on literally, as Vertex AI does
 * (it expands neither). Kubernetes expands `$(VAR)` in them and reads `$$` as `$`, so every `$`
 * the container must receive is doubled. The words are already escaped for Terraform (`$${` is a
 * literal `${`); a cdktf token (`${TfToken[...]}`) is a value Terraform fills in and stays as it is.
 */
export function literalForKubernetes(word: string): string {
  return word.replace(/\$\$\{|\$(?!\{TfToken\[)/g, (found) => (found === '$${' ? '$$${' : '$$'));
}

/** The inverse of {@link literalForKubernetes}: the words as the job's code gave them. */
export function fromKubernetesLiteral(word: string): string {
  return word.replace(/\$\$\$\{|\$\$/g, (found) => (found === '$$${' ? '$${' : '$'));
}
