import { IConstruct } from 'constructs';
import { throwProblems } from './validation';
import { listAnd, listOr } from './words';
import { labelKey, labelValue, MAX_LABELS } from '../rules/labels';

/** A problem of a label map: field, value and what is allowed (see `lib/spec/problem.ts`). */
interface Problem {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
}

/** Labels every resource of the library carries, so that billing and inventory can find them. */
export const MANAGED_BY_LABEL = { 'managed-by': 'cdktf-vertex-training' };

/** Label of every resource of an environment: its prefix. */
export const ENVIRONMENT_LABEL = 'vertex-training-env';
/** Label of every run: the job's ID. */
export const JOB_LABEL = 'vertex-training-job';
/** Label of every run of a team's job: the team's name. */
export const TEAM_LABEL = 'vertex-training-team';

/**
 * Labels the launcher workflow adds to each run's request body (`lib/launch/definition/launch.ts`):
 * the launch key, by which it finds a run it already created.
 */
export const LAUNCHER_LABELS: readonly string[] = ['launch_key'];

/** Keys the library or the launcher sets on a run after the user's labels: a user value would be lost. */
const RUN_KEYS: readonly string[] = [JOB_LABEL, TEAM_LABEL, ...LAUNCHER_LABELS];

/**
 * Merges the library's labels with the user's (the user's win) and validates the result: every
 * problem at once, including labels that would leave a run no room for the ones the library and
 * the launcher add to it.
 */
export function environmentLabels(
  scope: IConstruct,
  field: string,
  prefix: string,
  user: { [key: string]: string } | undefined,
): { [key: string]: string } {
  const library: { [key: string]: string } = { ...MANAGED_BY_LABEL, [ENVIRONMENT_LABEL]: prefix };
  const merged: { [key: string]: string } = { ...library, ...(user ?? {}) };
  const problems = [...keyProblems(field, user), ...valueProblems(field, merged)];
  const own = Object.keys(user ?? {}).filter((key) => !(key in library)).length;
  // Every run adds its job ID and the launcher's labels to the environment's.
  problems.push(...countProblems(field, own, { environment: Object.keys(library), library: [JOB_LABEL], launcher: LAUNCHER_LABELS }));
  throwProblems(scope, problems);
  return sortKeys(merged);
}

/**
 * The labels of each run of a job: the environment's (already merged), the job's, and the library's
 * own (`library`: job ID, team). Their problems: {@link runLabelProblems}.
 */
export function runLabels(
  environment: { [key: string]: string },
  user: { [key: string]: string } | undefined,
  library: { [key: string]: string },
): { [key: string]: string } {
  return sortKeys({ ...environment, ...(user ?? {}), ...library });
}

/**
 * What is wrong with a job's labels: invalid keys or values, keys the library or the launcher sets
 * on every run, and more labels than a run can carry once the environment's, the library's and the
 * launcher's are added (Vertex AI takes at most 64), saying how many are left.
 */
export function runLabelProblems(
  field: string,
  environment: { [key: string]: string },
  user: { [key: string]: string } | undefined,
  library: { [key: string]: string },
): Problem[] {
  const own = Object.keys(user ?? {}).filter((key) => !(key in environment)).length;
  return [
    ...keyProblems(field, user),
    ...valueProblems(field, user ?? {}),
    ...countProblems(field, own, { environment: Object.keys(environment), library: Object.keys(library), launcher: LAUNCHER_LABELS }),
  ];
}

/**
 * More labels than fit: `labels 62 is not valid: a run carries at most 64 labels (Vertex AI)
 * and 4 are taken (the environment's managed-by and vertex-training-env; the library's
 * vertex-training-job; the launcher's launch_key): room for 60 of yours, 2 too many`.
 */
function countProblems(field: string, own: number, taken: { environment: readonly string[]; library: readonly string[]; launcher: readonly string[] }): Problem[] {
  const takenCount = taken.environment.length + taken.library.length + taken.launcher.length;
  if (own + takenCount <= MAX_LABELS) return [];
  const room = MAX_LABELS - takenCount;
  const environment = taken.environment.length <= 4 ? listAnd(taken.environment) : `${taken.environment.length} labels`;
  const parts = [
    `the environment's ${environment}`,
    `the library's ${listAnd(taken.library)}`,
    `the launcher's ${listAnd(taken.launcher)}`,
  ];
  const allowed = takenCount > MAX_LABELS
    ? `a run carries at most ${MAX_LABELS} labels (Vertex AI), and ${parts.join('; ')} already make ${takenCount}: the environment's labels leave this job no room (remove ${takenCount - MAX_LABELS} of them)`
    : `a run carries at most ${MAX_LABELS} labels (Vertex AI) and ${takenCount} are taken (${parts.join('; ')}): room for ${room} of yours, ${own + takenCount - MAX_LABELS} too many`;
  return [{ field, value: own, allowed }];
}

/** Malformed keys, and keys the library or the launcher would overwrite on a run. */
function keyProblems(field: string, user: { [key: string]: string } | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(user ?? {})) {
    const malformed = labelKey(key);
    if (malformed) problems.push({ field: `${field} key`, value: key, allowed: malformed });
    else if (RUN_KEYS.includes(key)) {
      const setter = LAUNCHER_LABELS.includes(key) ? 'the launcher' : 'the library';
      problems.push({ field: `${field} key`, value: key, allowed: `must not be one of ${listOr(RUN_KEYS)}: ${setter} sets it on every run, and your value would be lost` });
    }
  }
  return problems;
}

function valueProblems(field: string, labels: { [key: string]: string }): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (labelKey(key) !== undefined) continue;
    const allowed = typeof value === 'string' ? labelValue(value) : 'must be a string';
    if (allowed) problems.push({ field: `${field}["${key}"]`, value, allowed });
  }
  return problems;
}

function sortKeys(labels: { [key: string]: string }): { [key: string]: string } {
  const sorted: { [key: string]: string } = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key];
  return sorted;
}
