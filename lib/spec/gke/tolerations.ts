/**
 * Tolerations of a node pool's taints, as both the Kueue ResourceFlavor and the JobSet's pods carry
 * them. A leaf module. Pure: no cdktf import.
 */
import type { NodeTaint } from './types';

/** A Kubernetes toleration. */
export interface Toleration {
  readonly key: string;
  readonly operator: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect: string;
}

/**
 * A toleration of each taint: `Equal` to its value, or `Exists` for a taint without a value (the
 * form Kubernetes documents for tolerating a key alone).
 */
export function tolerationsOf(taints: readonly NodeTaint[]): Toleration[] {
  return taints.map((t) => (t.value === ''
    ? { key: t.key, operator: 'Exists', effect: t.effect }
    : { key: t.key, operator: 'Equal', value: t.value, effect: t.effect }));
}
