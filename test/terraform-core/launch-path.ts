import { cronMatcher, wallClock } from '../helpers/cron-reference';
import { FakeGoogle } from '../helpers/google-fakes';
import type { TerraformJson } from '../helpers/synth';
import type { GkeClusterRef } from '../helpers/workflows';
import type { StackPlan } from '../helpers/terraform-core';

/**
 * The launch path of a stack as Terraform evaluated it: the workflow source, the manifests and the
 * schedules' payloads read from the plan (or, for a multi-stack example, from the plans of the stacks
 * that hold them), for the executed-launcher tests of test/terraform-core/examples.test.ts and gke-training.test.ts.
 */

/** What the launcher reads, as evaluated. */
export interface Evaluated {
  readonly definition: object;
  readonly env: { project: string; region: string; staging: string };
  readonly manifests: { name: string; content: string }[];
  readonly schedules: any[];
}

/** The launch path of a stack that holds both the launcher and the jobs. */
export function evaluate(plan: StackPlan, json: TerraformJson): Evaluated {
  return { ...launcherOf(plan, json), ...jobsOf(plan, json) };
}

/**
 * The launch path across stacks: the launcher workflow of one stack's plan (e.g. a platform stack),
 * the manifests and schedules of another's (a workloads stack that deploys after it).
 */
export function evaluateAcross(launcher: { plan: StackPlan; json: TerraformJson }, jobs: { plan: StackPlan; json: TerraformJson }): Evaluated {
  return { ...launcherOf(launcher.plan, launcher.json), ...jobsOf(jobs.plan, jobs.json) };
}

/** The evaluated launcher workflow of a stack (its only one) and the environment it runs with. */
function launcherOf(plan: StackPlan, json: TerraformJson): Pick<Evaluated, 'definition' | 'env'> {
  const [workflowAddress] = Object.keys(json.resource?.google_workflows_workflow ?? {}).map((n) => `google_workflows_workflow.${n}`);
  if (!workflowAddress) throw new Error('the stack has no launcher workflow');
  const workflow = plan.values(workflowAddress);
  return {
    definition: JSON.parse(workflow.source_contents),
    env: { project: workflow.project, region: workflow.user_env_vars.VERTEX_REGION, staging: workflow.user_env_vars.STAGING_BUCKET },
  };
}

/** The evaluated manifest objects (`jobs/<job>/<hash>.json`) and schedule payloads of a stack. */
function jobsOf(plan: StackPlan, json: TerraformJson): Pick<Evaluated, 'manifests' | 'schedules'> {
  const manifests = Object.entries(json.resource?.google_storage_bucket_object ?? {})
    .filter(([, body]: [string, any]) => String(body.name).includes('sha256('))
    .map(([n]) => plan.values(`google_storage_bucket_object.${n}`))
    .map((object) => ({ name: object.name, content: object.content }));
  const schedules = Object.keys(json.resource?.google_cloud_scheduler_job ?? {}).map((n) => {
    const target = plan.values(`google_cloud_scheduler_job.${n}`).pubsub_target;
    const data = (Array.isArray(target) ? target[0] : target).data;
    return JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  });
  return { manifests, schedules };
}

/** A data route as the evaluated workflow holds it. */
export interface EvaluatedRoute {
  readonly bucket: string;
  readonly prefix: string;
  readonly job: string;
  /** RE2 the whole object name must match. */
  readonly pattern: string;
  /** Seconds of a coalescing window. */
  readonly window?: number;
}

/** The data routes the evaluated workflow holds. */
export function routesOf(evaluated: Evaluated): EvaluatedRoute[] {
  return (evaluated.definition as any).main.steps[0].init.assign.find((a: object) => 'routes' in a).routes;
}

/**
 * An object name that the route launches for, checked against the route's own pattern: a file
 * under its prefix, a drop's marker (`(.*\/)?MARKER$`), a name with its suffix (`.*SUFFIX$`).
 */
export function objectNameFor(route: EvaluatedRoute, index: number): string {
  const literal = (re2: string) => re2.replace(/\\(.)/g, '$1');
  const marker = route.pattern.match(/\(\.\*\/\)\?((?:[^$]|\\\$)*)\$$/);
  const suffix = route.pattern.match(/\.\*((?:[^$]|\\\$)*)\$$/);
  const name = marker ? `${route.prefix}drop-${index}/${literal(marker[1])}`
    : suffix ? `${route.prefix}batch-${index}${literal(suffix[1])}`
      : `${route.prefix}batch-${index}.csv`;
  if (!new RegExp(route.pattern).test(name)) throw new Error(`no sample object name for the route of ${route.job} (${route.pattern}): give one here`);
  return name;
}

/** The jobs whose evaluated manifest says they are paused. */
export function pausedJobs(evaluated: Evaluated): Set<string> {
  return new Set(evaluated.manifests.filter((m) => JSON.parse(m.content).paused === true).map((m) => jobOf(m.name)));
}

/**
 * A Google with the evaluated manifests deployed.
 * @param cluster the GKE cluster whose Kubernetes API it serves @default the fakes' GKE_CLUSTER
 */
export function deployed(evaluated: Evaluated, cluster?: GkeClusterRef): FakeGoogle {
  const google = new FakeGoogle(Date.UTC(2026, 11, 1, 0, 0, 0) / 1000, cluster);
  for (const manifest of evaluated.manifests) google.storage.put(evaluated.env.staging, manifest.name, manifest.content);
  return google;
}

/** The first minute at or after `from` (seconds) whose wall clock in `zone` the cron matches (read independently of lib/rules/cron.ts). */
export function nextSlot(cron: string, zone: string, from: number): number {
  const matches = cronMatcher(cron);
  for (let t = Math.ceil(from / 60) * 60; t < from + 400 * 86400; t += 60) {
    if (matches(wallClock(t, zone))) return t;
  }
  throw new Error('no slot within 400 days');
}

export const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
export const jobOf = (manifest: string): string => manifest.split('/')[1];

