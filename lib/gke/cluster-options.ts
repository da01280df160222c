/** Public option shapes of {@link GkeTrainingCluster} (interfaces only). */

/** The system node pool of a {@link GkeTrainingCluster}: where cluster add-ons run. */
export interface GkeSystemPoolOptions {
  /**
   * Machine type of the system nodes (Kueue, JobSet, kube-dns, metrics agents). General purpose,
   * never an accelerator machine.
   * @default 'e2-standard-4'
   */
  readonly machineType?: string;
  /**
   * Fewest system nodes across the region's zones (1-100).
   * @default 1
   */
  readonly minNodes?: number;
  /**
   * Most system nodes across the region's zones (1-100).
   * @default 3
   */
  readonly maxNodes?: number;
}

/**
 * A recurring maintenance window of a GKE cluster (`maintenance_policy.recurring_window`): the first
 * occurrence's start and end, and an RFC 5545 recurrence. GKE needs at least 48 hours of maintenance
 * in any 32 days, each occurrence at least 4 hours long: both are checked at synth, for recurrences
 * of the forms `FREQ=DAILY` and `FREQ=WEEKLY`, each optionally with `BYDAY=<MO,TU,WE,TH,FR,SA,SU>`
 * (others are refused, since their hours cannot be checked). A weekly 4-hour window falls short:
 * `FREQ=WEEKLY;BYDAY=SA,SU` needs 6 hours per occurrence, one day a week 12.
 */
export interface GkeMaintenanceWindow {
  /** Start of the first occurrence, RFC 3339 in UTC, e.g. `2026-01-03T00:00:00Z`. */
  readonly startTime: string;
  /** End of the first occurrence, RFC 3339 in UTC, after `startTime`, e.g. `2026-01-03T08:00:00Z`. */
  readonly endTime: string;
  /** RFC 5545 recurrence, e.g. `FREQ=WEEKLY;BYDAY=SA,SU`. */
  readonly recurrence: string;
}
