import { readFileSync } from 'fs';
import { dirname, isAbsolute, relative, resolve } from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { buildConfig } from './build';
import { ConfigProblem, formatProblem, TrainingConfigError } from './errors';
import type { SCHEMA_FILE_IN_PACKAGE, schemaFilePath, schemaProblems, schemaText } from './schema';
import type { semanticProblems } from './semantics';
import type { ConfigSource } from './source';
import { RawConfig } from './types';
import { TrainingTeam } from '../environment/team';
import { TrainingEnvironment } from '../environment/training-environment';
import type { GkeNodePool } from '../gke/node-pool';
import type { GkeTrainingAddons } from '../gke/training-addons';
import type { GkeTrainingCluster } from '../gke/training-cluster';
import type { GkeTrainingQueues } from '../gke/training-queues';
import { TrainingJob } from '../jobs/training-job';
import { lazy } from '../core/lazy';
import type { BuiltConfig } from './build';

/**
 * Where a config's GKE backend goes besides the config's scope. A file with a `gke` section deploys
 * in three stacks, in order: the environment, cluster and node pools in the scope given to
 * `TrainingConfig.fromFile` (the platform stack), Kueue and JobSet in `addonsStack`, the team queues
 * and the jobs with `backend: gke` in `workloadsStack`. A file without `gke` ignores these options.
 */
export interface TrainingConfigOptions {
  /**
   * The stack of the cluster add-ons (Kueue, JobSet), deployed after the scope's stack.
   * @default - none: a file with a `gke` section is refused
   */
  readonly addonsStack?: Construct;
  /**
   * The stack of the team queues and of the jobs with `backend: gke`, deployed after the add-ons' stack.
   * @default - none: a file with a `gke` section is refused
   */
  readonly workloadsStack?: Construct;
}

/** The front end (parser, schema, cross-references, builder), loaded with the first config: most stacks are code. */
const frontEnd = lazy({
  buildConfig: (): typeof buildConfig => require('./build').buildConfig,
  ConfigSource: (): typeof ConfigSource => require('./source').ConfigSource,
  SCHEMA_FILE_IN_PACKAGE: (): typeof SCHEMA_FILE_IN_PACKAGE => require('./schema').SCHEMA_FILE_IN_PACKAGE,
  schemaFilePath: (): typeof schemaFilePath => require('./schema').schemaFilePath,
  schemaProblems: (): typeof schemaProblems => require('./schema').schemaProblems,
  schemaText: (): typeof schemaText => require('./schema').schemaText,
  semanticProblems: (): typeof semanticProblems => require('./semantics').semanticProblems,
});

/**
 * A training environment, its teams and its jobs declared in a YAML or JSON file, for teams that do
 * not write TypeScript. The file is checked against the published JSON Schema
 * (`schema/training-config.schema.json` in the package, `TrainingConfig.schemaFile()`), then loaded into the same constructs as TypeScript code, so the
 * same validations apply. Every problem names the file, the line and column, and the field:
 * `training.yaml:12:7: jobs[0].workerPools.primary.gpu.count must be an integer`; errors of the
 * constructs are placed on the line of the field (or at least of the job) that caused them.
 *
 * Relative paths in the file (package directories and files) are relative to the file's folder.
 *
 * A file with a `gke` section (a GKE cluster, its node pools, add-ons and team queues, and jobs with
 * `backend: gke`) is loaded into three stacks: pass the add-ons and workloads stacks in `options`.
 *
 * @example
 * const config = TrainingConfig.fromFile(stack, 'training.yaml');
 * new GoogleProvider(stack, 'google', { project: config.environment.projectId, region: config.environment.region });
 *
 * // With a `gke` section: the platform, add-ons and workloads stacks, deployed in that order.
 * TrainingConfig.fromFile(platform, 'training.yaml', { addonsStack: addons, workloadsStack: workloads });
 */
export class TrainingConfig {
  /**
   * Loads a config file into `scope`: its environment (construct ID: the file's `environment.name`),
   * teams and jobs (construct IDs: their names), and the GKE cluster of its `gke` section (construct
   * ID `gke`), whose add-ons and queues go in `options.addonsStack` and `options.workloadsStack` with
   * the jobs that have `backend: gke`.
   * @param scope where the environment and the jobs are created, usually a stack
   * @param path the file (`.yaml`, `.yml` or `.json`), relative to the working directory
   * @param options the add-ons and workloads stacks of a file with a `gke` section
   */
  public static fromFile(scope: Construct, path: string, options: TrainingConfigOptions = {}): TrainingConfig {
    const { text, file } = readConfig(path);
    return TrainingConfig.load(scope, text, file, dirname(resolve(path)), options);
  }

  /**
   * Loads config text into `scope`.
   * @param scope where the environment and the jobs are created, usually a stack
   * @param text the YAML or JSON text
   * @param fileName the name errors give the text; `.json` is parsed as JSON, anything else as
   *   YAML; relative paths in the text resolve against its folder
   * @param options the add-ons and workloads stacks of a text with a `gke` section
   */
  public static fromString(scope: Construct, text: string, fileName: string, options: TrainingConfigOptions = {}): TrainingConfig {
    return TrainingConfig.load(scope, text, fileName, dirname(resolve(fileName)), options);
  }

  /**
   * Checks a config file without adding anything to an app (e.g. in CI, or a pre-commit hook):
   * its syntax, the schema, the references between its parts, and every validation of the
   * constructs (made in a scratch app). Checks that run at synth, such as the quota plan, are not made.
   * @param path the file, relative to the working directory
   * @returns the problems, one `file:line:column: field message` string each; empty when the file is valid
   */
  public static validateFile(path: string): string[] {
    let read: { text: string; file: string };
    try {
      read = readConfig(path);
    } catch (error) {
      return [(error as Error).message];
    }
    return TrainingConfig.validate(read.text, read.file, dirname(resolve(path)));
  }

  /**
   * Checks config text like `validateFile`.
   * @param text the YAML or JSON text
   * @param fileName the name problems give the text (`.json` is parsed as JSON)
   * @returns the problems, one `file:line:column: field message` string each; empty when the text is valid
   */
  public static validateString(text: string, fileName: string): string[] {
    return TrainingConfig.validate(text, fileName, dirname(resolve(fileName)));
  }

  /**
   * The absolute path of the JSON Schema of config files, `schema/training-config.schema.json` in
   * the package. Point editors at it, e.g. with the first line
   * `# yaml-language-server: $schema=./node_modules/cdktf-vertex-training/schema/training-config.schema.json`.
   */
  public static schemaFile(): string {
    const path = frontEnd.schemaFilePath();
    if (path === undefined) {
      throw new Error(`${frontEnd.SCHEMA_FILE_IN_PACKAGE} is missing from the installed package; TrainingConfig.schemaJson() returns its content`);
    }
    return path;
  }

  /**
   * The JSON Schema of config files, as JSON text (the content of `schemaFile()`), e.g. to write it
   * where an editor or a CI linter expects it.
   */
  public static schemaJson(): string {
    return frontEnd.schemaText();
  }

  private static load(scope: Construct, text: string, file: string, baseDirectory: string, options: TrainingConfigOptions): TrainingConfig {
    const { source, config } = check(text, file);
    const built = frontEnd.buildConfig(scope, config, source, baseDirectory, options ?? {});
    return new TrainingConfig(file, built);
  }

  private static validate(text: string, file: string, baseDirectory: string): string[] {
    try {
      const { source, config } = check(text, file);
      const app = new App();
      // The three stacks of a GKE backend, so that its constructs check their arrangement as in a real app.
      const stacks = config.gke ? { addonsStack: new TerraformStack(app, 'validate-addons'), workloadsStack: new TerraformStack(app, 'validate-workloads') } : {};
      frontEnd.buildConfig(new TerraformStack(app, 'validate'), config, source, baseDirectory, stacks);
      return [];
    } catch (error) {
      if (error instanceof TrainingConfigError) return error.problems.map(formatProblem);
      throw error;
    }
  }

  /** The file as named in errors. */
  public readonly fileName: string;
  /** The environment. */
  public readonly environment: TrainingEnvironment;
  /** The teams, in file order. */
  public readonly teams: TrainingTeam[];
  /** The jobs (custom jobs, tuning jobs and pipelines), in file order. */
  public readonly jobs: TrainingJob[];
  /** The GKE cluster of the `gke` section (construct ID `gke`, in the scope), when the file has one. */
  public readonly gkeCluster?: GkeTrainingCluster;
  /** The cluster's node pools, in file order. */
  public readonly gkeNodePools: GkeNodePool[];
  /** Kueue and JobSet (construct ID `addons`, in the add-ons stack), when the file has a `gke` section. */
  public readonly gkeAddons?: GkeTrainingAddons;
  /** The team queues (construct ID `queues`, in the workloads stack), when the file has a `gke` section. */
  public readonly gkeQueues?: GkeTrainingQueues;
  private readonly teamsByName: ReadonlyMap<string, TrainingTeam>;
  private readonly jobsByName: ReadonlyMap<string, TrainingJob>;
  private readonly nodePoolsByName: ReadonlyMap<string, GkeNodePool>;

  private constructor(fileName: string, built: BuiltConfig) {
    this.fileName = fileName;
    this.environment = built.environment;
    this.teamsByName = built.teams;
    this.jobsByName = built.jobs;
    this.nodePoolsByName = built.gke?.nodePools ?? new Map();
    this.teams = [...built.teams.values()];
    this.jobs = [...built.jobs.values()];
    this.gkeCluster = built.gke?.cluster;
    this.gkeNodePools = [...this.nodePoolsByName.values()];
    this.gkeAddons = built.gke?.addons;
    this.gkeQueues = built.gke?.queues;
  }

  /**
   * The GKE node pool of this name.
   * @param name the pool's key under `gke.nodePools` in the file
   */
  public gkeNodePool(name: string): GkeNodePool {
    const pool = this.nodePoolsByName.get(name);
    if (!pool) throw new Error(`${this.fileName}: no GKE node pool "${name}" (node pools: ${[...this.nodePoolsByName.keys()].join(', ') || 'none'})`);
    return pool;
  }

  /**
   * The job of this name (a CustomTrainingJob, HyperparameterTuningJob or TrainingPipeline).
   * @param name the job's `name` in the file
   */
  public job(name: string): TrainingJob {
    const job = this.jobsByName.get(name);
    if (!job) throw new Error(`${this.fileName}: no job "${name}" (jobs: ${[...this.jobsByName.keys()].join(', ') || 'none'})`);
    return job;
  }

  /**
   * The team of this name.
   * @param name the team's `name` in the file
   */
  public team(name: string): TrainingTeam {
    const team = this.teamsByName.get(name);
    if (!team) throw new Error(`${this.fileName}: no team "${name}" (teams: ${[...this.teamsByName.keys()].join(', ') || 'none'})`);
    return team;
  }
}

/** Syntax, schema and cross-references; throws every problem found at the first stage that finds any. */
function check(text: string, file: string): { source: ConfigSource; config: RawConfig } {
  const parsed = frontEnd.ConfigSource.parse(text, file);
  if (!parsed.source) throw new TrainingConfigError(parsed.problems);
  const source = parsed.source;
  const problems: ConfigProblem[] = frontEnd.schemaProblems(source);
  if (problems.length > 0) throw new TrainingConfigError(problems);
  const config = source.data as RawConfig;
  const semantic = frontEnd.semanticProblems(config, source);
  if (semantic.length > 0) throw new TrainingConfigError(semantic);
  return { source, config };
}

/** The file's text, and its name for messages: relative to the working directory when inside it. */
function readConfig(path: string): { text: string; file: string } {
  const absolute = resolve(path);
  const fromCwd = relative(process.cwd(), absolute);
  const file = fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolute;
  try {
    return { text: readFileSync(absolute, 'utf8'), file };
  } catch (error) {
    throw new Error(`${file}: cannot read the training config: ${(error as Error).message}`);
  }
}
