/**
 * The service and metric prefix of Compute Engine quotas (those GKE nodes consume), defined once for
 * the catalog, the quota plan and the report. Pure data, free of imports: the quota plan reads it
 * without loading the GKE catalog.
 */

/** Service of the quotas GKE nodes consume (not Vertex AI's `aiplatform.googleapis.com`). */
export const COMPUTE_QUOTA_SERVICE = 'compute.googleapis.com';

/**
 * `compute.googleapis.com/`: the prefix of every Compute Engine metric in the quota plan, its limits
 * and the report (Vertex AI metrics carry none).
 */
export const COMPUTE_PREFIX = `${COMPUTE_QUOTA_SERVICE}/`;

/**
 * Region under which the plan, its limits and the report key a global (all-regions) quota such as
 * `compute.googleapis.com/GPUS_ALL_REGIONS`.
 */
export const GLOBAL_QUOTA_REGION = 'global';
