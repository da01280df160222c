import { Token } from 'cdktf';
import { Construct } from 'constructs';

const counters = new WeakMap<Construct, Map<string, number>>();

/**
 * A construct ID for a grant of `role` to `member` under `scope`: readable and stable when the member
 * is known at synth time (`storage-objectViewer-user-ana-example-com`), numbered in call order when it is a
 * Terraform reference (`storage-objectViewer-1`).
 */
export function grantId(scope: Construct, role: string, member: string): string {
  const roleName = role.split('/').pop()!.replace(/[^A-Za-z0-9]+/g, '-');
  if (!Token.isUnresolved(member)) {
    return `${roleName}-${member.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  }
  const perScope = counters.get(scope) ?? new Map<string, number>();
  counters.set(scope, perScope);
  const index = (perScope.get(roleName) ?? 0) + 1;
  perScope.set(roleName, index);
  return `${roleName}-${index}`;
}
