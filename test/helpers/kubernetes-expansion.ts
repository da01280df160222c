/**
 * Kubernetes' expansion of `$(VAR)` in a container's command, args and env values, as the kubelet
 * does it (k8s.io/kubernetes third_party/forked/golang/expansion): `$$` is one `$`, `$(NAME)` is the
 * value of an earlier variable or stays as written when there is none, any other `$` is itself.
 * Written from that rule, independently of lib/spec/gke/jobset.ts, to check what reaches a container.
 */
export function kubernetesExpand(text: string, env: { readonly [name: string]: string } = {}): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] !== '$' || next === undefined) {
      out += text[i];
    } else if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = text.indexOf(')', i + 2);
      if (end < 0) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, end);
      out += name in env ? env[name] : `$(${name})`;
      i = end;
    } else {
      out += '$';
    }
  }
  return out;
}

/** What Terraform makes of a JSON string's template escapes: `$${` is `${`, `%%{` is `%{`. */
export function terraformUnescape(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
