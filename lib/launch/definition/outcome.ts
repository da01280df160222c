import { x } from './syntax';

/**
 * What one launch returns, whatever the backend: `{status, job, manifest, key, reason, ...extra}`,
 * built from the launch subworkflows' variables `job_id`, `manifest_name` and `request`.
 */
export function outcome(status: string, extra: { [key: string]: unknown }): { [key: string]: unknown } {
  return { status, job: x('job_id'), manifest: x('manifest_name'), key: x('request.key'), reason: x('request.reason'), ...extra };
}
