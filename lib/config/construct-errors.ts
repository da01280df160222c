import type { IConstruct } from 'constructs';
import { locateProblemsOf, ValidationError } from '../core/validation';
import { ConfigPath, ConfigProblem, displayPath, formatProblem } from './errors';
import { ConfigSource, valueAt } from './source';
import { RawEnvironment, RawJob, RawPool, RawTeam } from './types';

/**
 * Errors of the constructs, placed in the config file. A construct's `ValidationError` reads
 * `<construct path>: <field> <value> is not valid: <allowed>`, with the field named as in the
 * TypeScript props (`workerPools.primary.gpusPerReplica`); here the field is translated to the
 * config path (`workerPools.primary.gpu.count`) and the error is placed on its line. A field that
 * cannot be translated falls back to the rejected value found in the entity, then to the entity
 * (the environment, the team or the job) itself.
 */

/** What a config entity created, for placing its construct errors. */
export interface EntityContext {
  /** Config path of the entity: `['environment']`, `['teams', 0]`, `['jobs', 2]`. */
  readonly at: ConfigPath;
  /** Construct path of the entity's construct. */
  readonly constructPath: string;
  /** Translates a field of the entity's construct (or one below it) into a path below `at`. */
  readonly translate: (relativeConstruct: readonly string[], field: readonly (string | number)[], allowed: string) => ConfigPath | undefined;
}

/** The parts of a construct's validation message. */
interface ParsedError {
  readonly constructPath: string;
  readonly field: (string | number)[];
  readonly value?: string;
  readonly allowed: string;
}

/** A construct error as problems of the file: one per problem a `ValidationError` lists, a line each. */
export function constructProblems(error: unknown, entity: EntityContext, source: ConfigSource): ConfigProblem[] {
  const message = error instanceof Error ? error.message : String(error);
  // The lines as the construct wrote them: a construct built earlier may have placed them already.
  const lines = error instanceof ValidationError ? error.lines : [message];
  return lines.map((line) => constructProblem(line, entity, source));
}

/**
 * Places the problems `construct` (or one below it) finds from now on, at synth or in a later call,
 * as problems of the entity in the file: `training.yaml:8:34: jobs[0]...: <construct error>`.
 * Registered once the entity is built; its construction errors are placed by {@link constructProblems}.
 */
export function locateLater(construct: IConstruct, entity: EntityContext, source: ConfigSource): void {
  locateProblemsOf(construct, (line, scope) => formatProblem(constructProblem(line, entity, source, scope.node.path)));
}

/**
 * @param scopePath for a message that is not a validation problem (an error annotation), the path of
 *   the construct it is about: a part of the entity maps to its field (`quotas`), else to the entity
 */
function constructProblem(message: string, entity: EntityContext, source: ConfigSource, scopePath?: string): ConfigProblem {
  const parsed = parseValidationMessage(message);
  let path: ConfigPath = entity.at;
  const relativeOf = (constructPath: string) => (constructPath === entity.constructPath ? []
    : constructPath.startsWith(`${entity.constructPath}/`) ? constructPath.slice(entity.constructPath.length + 1).split('/') : undefined);
  const relative = parsed ? relativeOf(parsed.constructPath) : undefined;
  if (parsed && relative) {
    path = place(entity.translate(relative, parsed.field, parsed.allowed), parsed.value, entity.at, source);
  } else if (parsed?.value !== undefined) {
    path = place(undefined, parsed.value, entity.at, source);
  } else if (!parsed && scopePath !== undefined && (relativeOf(scopePath)?.length ?? 0) > 0) {
    path = place(entity.translate(relativeOf(scopePath)!, [], ''), undefined, entity.at, source);
  }
  const { line, column } = source.locate(path);
  return { file: source.file, line, column, path: displayPath(path), message, fromConstruct: true };
}

/** The translated path if it is in the file, else the one scalar holding the rejected value, else the deepest existing part. */
function place(translated: ConfigPath | undefined, value: string | undefined, entityAt: ConfigPath, source: ConfigSource): ConfigPath {
  if (translated && source.locate(translated).exact) {
    const found = valueAt(source.data, translated);
    // A list or mapping (e.g. a team's `members`): the rejected value in it, when it is there once.
    const matches = value !== undefined && found !== null && typeof found === 'object' ? source.findScalar(translated, value) : [];
    return matches.length === 1 ? matches[0] : translated;
  }
  const base = translated ? deepestExisting(translated, source) : entityAt;
  if (value !== undefined) {
    const matches = source.findScalar(base, value);
    if (matches.length === 1) return matches[0];
  }
  return base;
}

function deepestExisting(path: ConfigPath, source: ConfigSource): ConfigPath {
  for (let n = path.length; n > 0; n--) {
    if (valueAt(source.data, path.slice(0, n)) !== undefined) return path.slice(0, n);
  }
  return [];
}

/** `stack/env: buckets.data.name "My_Bucket" is not valid: must be ...` in parts. */
export function parseValidationMessage(message: string): ParsedError | undefined {
  const match = /^(\S+): ([\s\S]*?) is not valid: ([\s\S]*)$/.exec(message);
  if (!match) return undefined;
  const [, constructPath, head, allowed] = match;
  const { field, rest } = splitField(head);
  const valueText = rest.trim();
  let value: string | undefined = valueText === '' || valueText === 'undefined' ? undefined : valueText;
  if (value?.startsWith('"')) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      // not a JSON string: keep the text
    }
  }
  return { constructPath, field: fieldPath(field), value, allowed };
}

/** The field (up to the first space outside brackets and quotes) and the rest. */
function splitField(head: string): { field: string; rest: string } {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ' ' && depth === 0) {
      // `quotaIds key`: a field of two words
      if (head.slice(i + 1).startsWith('key ')) return { field: head.slice(0, i), rest: head.slice(i + 5) };
      return { field: head.slice(0, i), rest: head.slice(i + 1) };
    }
  }
  return { field: head, rest: '' };
}

/** `triggers[0].cron` → `['triggers', 0, 'cron']`; `env["A B"]` → `['env', 'A B']`. */
export function fieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of field.matchAll(pattern)) {
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(JSON.parse(`"${match[3]}"`) as string);
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Environment and teams

/** Construct IDs of the environment's parts, by the config key that configures them. */
const ENVIRONMENT_PARTS: { readonly [constructId: string]: keyof RawEnvironment } = {
  'encryption': 'encryption',
  'staging-bucket': 'stagingBucket',
  'artifacts-bucket': 'artifactsBucket',
  'data-bucket': 'dataBucket',
  'docker-repository': 'dockerRepository',
  'python-repository': 'pythonRepository',
  'trainer': 'trainerServiceAccount',
  'launcher': 'launcherServiceAccount',
  'tensorboard': 'tensorboard',
  'network': 'network',
  'perimeter': 'perimeter',
  'quotas': 'quotas',
  'budget': 'budget',
  'metadata-store': 'metadataStore',
  'notifications': 'alerts',
};

/** Environment fields: `encryption.rotationPeriodDays`, or a part's own field (`data-bucket` + `name`). */
export function translateEnvironmentField(relative: readonly string[], field: readonly (string | number)[]): ConfigPath | undefined {
  if (field[0] === 'member') return ['environment', 'grants'];
  if (relative.length === 0) return ['environment', ...field];
  const key = ENVIRONMENT_PARTS[relative[0]];
  if (!key) return ['environment'];
  if (field[0] === key) return ['environment', ...field];
  if (key === 'encryption' && field[0] === 'keyRingName') return ['environment', 'encryption', 'existingKeyRingName'];
  if (key === 'quotas' && field[0] === 'quotaIds') return ['environment', 'quotas', 'quotaIds'];
  if (key === 'quotas' && field[0] === 'limit') return ['environment', 'quotas', 'limits'];
  // The budget refuses more channels than it takes: the alerts name them.
  if (key === 'budget' && field[0] === 'alerts') return ['environment', 'alerts'];
  return ['environment', key, ...field];
}

const TEAM_PARTS: { readonly [constructId: string]: keyof RawTeam } = {
  trainer: 'trainerServiceAccount',
  data: 'dataBucket',
  artifacts: 'artifactsBucket',
};

/** Team fields: the team's `name`, its members, its trainer and buckets. */
export function translateTeamField(at: ConfigPath, relative: readonly string[], field: readonly (string | number)[]): ConfigPath | undefined {
  if (field[0] === 'member') return [...at, 'members'];
  if (relative.length === 0) return [...at, ...field];
  const key = TEAM_PARTS[relative[0]];
  return key ? [...at, key, ...field] : at;
}

// ---------------------------------------------------------------------------------------------
// Jobs

/** Job fields, from the TypeScript props' names to the config's. */
export function translateJobField(at: ConfigPath, job: RawJob, field: readonly (string | number)[], allowed: string): ConfigPath {
  const [head, ...rest] = field;
  switch (head) {
    case 'id':
      return [...at, 'name'];
    case 'workerPools':
      return [...at, 'workerPools', ...poolField(job, rest)];
    case 'code':
      return [...at, 'code', ...codeField(job, rest)];
    case 'triggers':
      return [...at, 'triggers', ...triggerField(rest)];
    case 'study':
      return [...at, 'study', ...studyField(rest, allowed)];
    case 'tuning':
      return [...at, 'tuning', ...(rest[0] === 'study' ? ['study', ...studyField(rest.slice(1), allowed)] : rest)];
    case 'model':
      return [...at, 'model', ...modelField(job, rest)];
    case 'region':
      return ['environment', 'region'];
    case 'concurrency':
      // `concurrency.maxConcurrentRuns`: the up-to count is the job's own field.
      return rest.length > 0 ? [...at, ...rest] : [...at, 'concurrency'];
    case 'backend':
      // `backend.priorityClass`: the options of TrainingBackend.gke are the job's own fields.
      return rest.length > 0 ? [...at, ...rest] : [...at, 'backend'];
    default:
      return [...at, ...field];
  }
}

/** Pool fields whose config name differs from the TypeScript props'. */
const POOL_FIELDS: { [field: string]: readonly string[] } = {
  gpuType: ['gpu', 'type'],
  gpusPerReplica: ['gpu', 'count'],
  version: ['tpu', 'version'],
  topology: ['tpu', 'topology'],
  cores: ['tpu', 'cores'],
  replicaCount: ['replicas'],
};

function poolField(job: RawJob, rest: readonly (string | number)[]): (string | number)[] {
  const [role, name, ...more] = rest;
  if (role === undefined || name === undefined) return [...rest];
  if (role === 'reductionServer') return [role, name === 'replicaCount' ? 'replicas' : name, ...more];
  const pool = (job.workerPools as unknown as { [role: string]: RawPool | undefined })[role as string];
  if (name === 'code' && pool?.code) return [role, 'code', ...codeField({ ...job, code: pool.code }, more)];
  return [role, ...poolConfigField(pool, name, more)];
}

/**
 * A WorkerPool field in the config's terms, for a job's worker pool and a GKE node pool alike:
 * `gpusPerReplica` is `gpu.count`, `replicaCount` is `replicas`, `machineType` is under `gpu`, `tpu` or `cpu`.
 */
export function poolConfigField(pool: Pick<RawPool, 'gpu' | 'tpu'> | undefined, name: string | number, more: readonly (string | number)[]): (string | number)[] {
  if (name === 'machineType') return [pool?.gpu ? 'gpu' : pool?.tpu ? 'tpu' : 'cpu', 'machineType'];
  return [...(POOL_FIELDS[name as string] ?? [name]), ...more];
}

function codeField(job: RawJob, rest: readonly (string | number)[]): (string | number)[] {
  const variant = job.code.prebuilt ? 'prebuilt' : 'container';
  const [name, ...more] = rest;
  if (name === undefined) return [variant];
  if (name === 'frameworkVersion') return [variant, 'version'];
  if (name === 'pythonPackage') return [variant, 'package', ...more];
  if (name === 'image') return [variant, 'image', ...imageField(more)];
  return [variant, name, ...more];
}

function imageField(rest: readonly (string | number)[]): (string | number)[] {
  return rest[0] === 'image' ? ['name'] : [...rest];
}

function triggerField(rest: readonly (string | number)[]): (string | number)[] {
  const [index, name, sub] = rest;
  if (name === 'cron' || name === 'timeZone') return [index, 'schedule', name];
  if (name === 'bucketName') return [index, 'onNewData', 'bucket'];
  if (name === 'prefix' || name === 'location' || name === 'coalesce') return [index, 'onNewData', name];
  // `filter.marker`: the filter's kind is the config's key.
  if (name === 'filter') return sub === undefined ? [index, 'onNewData'] : [index, 'onNewData', sub];
  return [...rest];
}

function studyField(rest: readonly (string | number)[], allowed: string): (string | number)[] {
  const [name, index, ...more] = rest;
  if (name === 'metrics' && index !== undefined) return ['metrics', index, ...more.map((m) => (m === 'metricId' ? 'id' : m))];
  if (name === 'parameters' && index !== undefined) return ['parameters', index, ...parameterField(more, allowed)];
  return [...rest];
}

function parameterField(rest: readonly (string | number)[], allowed: string): (string | number)[] {
  const [name, index, ...more] = rest;
  if (name === 'parameterId') return ['id'];
  if (name === 'children' && index !== undefined) {
    // `children[j].values` is the condition when the message speaks of the parent's values.
    if (more[0] === 'values' && /parent/.test(allowed)) return ['children', index, 'when', ...more.slice(1)];
    return more.length === 0 ? ['children', index] : ['children', index, 'parameter', ...parameterField(more, allowed)];
  }
  return [...rest];
}

function modelField(job: RawJob, rest: readonly (string | number)[]): (string | number)[] {
  const [name, sub, ...more] = rest;
  if (name !== 'servingContainer') return [...rest];
  if (job.model?.servingContainer.custom) return ['servingContainer', 'custom', ...(sub === 'image' ? ['image', ...imageField(more)] : sub === undefined ? [] : [sub, ...more])];
  return ['servingContainer', 'prebuilt', ...(sub === 'frameworkVersion' ? ['version'] : sub === undefined ? [] : [sub, ...more])];
}
