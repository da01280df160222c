/**
 * The one table of the ways a node pool obtains its VMs: each kind's name in the public API (the
 * `NodeProvisioning` enum's value, what messages and the report show) and the scheduling strategy of
 * the jobs it runs. A leaf module (no imports but types). Pure: no cdktf import.
 */
import type { NodeProvisioningKind } from './types';

/** One kind of node provisioning. */
export interface ProvisioningKindInfo {
  /** The `NodeProvisioning` enum value: `STANDARD`, `SPOT`, `FLEX_START`, `QUEUED_PROVISIONING`. */
  readonly name: string;
  /** The `scheduling.strategy` of the jobs placed on such pools. */
  readonly strategy: 'STANDARD' | 'SPOT' | 'FLEX_START';
}

/** Every kind, in the enum's order. */
export const PROVISIONING_KINDS: { readonly [kind in NodeProvisioningKind]: ProvisioningKindInfo } = {
  'standard': { name: 'STANDARD', strategy: 'STANDARD' },
  'spot': { name: 'SPOT', strategy: 'SPOT' },
  'flex-start': { name: 'FLEX_START', strategy: 'FLEX_START' },
  'queued': { name: 'QUEUED_PROVISIONING', strategy: 'FLEX_START' },
};

const KINDS = Object.keys(PROVISIONING_KINDS) as NodeProvisioningKind[];
const KIND_OF_NAME = new Map(KINDS.map((kind) => [PROVISIONING_KINDS[kind].name, kind]));

/** The public name of a kind (`queued` → `QUEUED_PROVISIONING`). */
export function provisioningName(kind: NodeProvisioningKind): string {
  return PROVISIONING_KINDS[kind].name;
}

/** The kind of a public name (`QUEUED_PROVISIONING` → `queued`); undefined for anything else. */
export function provisioningKindOf(name: unknown): NodeProvisioningKind | undefined {
  return typeof name === 'string' ? KIND_OF_NAME.get(name) : undefined;
}

/** The kinds of node pool a job of this scheduling strategy runs on (FLEX_START: flex-start and queued). */
export function provisioningKindsFor(strategy: string): NodeProvisioningKind[] {
  return KINDS.filter((kind) => PROVISIONING_KINDS[kind].strategy === strategy);
}
