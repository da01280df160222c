/** Inputs of the queues in the pure Kueue layer's terms. Not public API. */
import { Token } from 'cdktf';
import { accountEmail, TrainingServiceAccount } from '../environment/identity';
import type { KueueFlavorQuota } from '../spec/gke/kueue';
import type { FlavorQuota } from './team-queue';

/** A quota with its node pool by name, as the pure Kueue layer takes it. */
export function kueueQuota(given: FlavorQuota): KueueFlavorQuota {
  const q = given ?? ({} as FlavorQuota);
  return {
    flavor: q.nodePool?.nodePoolName ?? String(q.nodePool),
    nominal: q.nominal,
    ...(q.borrowingLimit !== undefined ? { borrowingLimit: q.borrowingLimit } : {}),
    ...(q.lendingLimit !== undefined ? { lendingLimit: q.lendingLimit } : {}),
  };
}

/**
 * A service account's email as a literal when it can be known at synth (created with a literal
 * account ID, or existing by email), so that the workloads stack needs no cross-stack reference.
 */
export function literalEmail(account: TrainingServiceAccount): string {
  if (!Token.isUnresolved(account.email)) return account.email;
  return (account.serviceAccount && accountEmail(account.serviceAccount)) ?? account.email;
}
