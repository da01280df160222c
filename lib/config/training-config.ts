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
import { TrainingJob } from '../jobs/training-job';
import { lazy } from '../core/lazy';

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
 * @example
 * const config = TrainingConfig.fromFile(stack, 'training.yaml');
 * new GoogleProvider(stack, 'google', { project: config.environment.projectId, region: config.environment.region });
 */
export class TrainingConfig {
  /**
   * Loads a config file into `scope`: its environment (construct ID: the file's `environment.name`),
   * teams and jobs (construct IDs: their names).
   * @param scope where the environment and the jobs are created, usually a stack
   * @param path the file (`.yaml`, `.yml` or `.json`), relative to the working directory
   */
  public static fromFile(scope: Construct, path: string): TrainingConfig {
    const { text, file } = readConfig(path);
    return TrainingConfig.load(scope, text, file, dirname(resolve(path)));
  }

  /**
   * Loads config text into `scope`.
   * @param scope where the environment and the jobs are created, usually a stack
   * @param text the YAML or JSON text
   * @param fileName the name errors give the text; `.json` is parsed as JSON, anything else as
   *   YAML; relative paths in the text resolve against its folder
   */
  public static fromString(scope: Construct, text: string, fileName: string): TrainingConfig {
    return TrainingConfig.load(scope, text, fileName, dirname(resolve(fileName)));
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

  private static load(scope: Construct, text: string, file: string, baseDirectory: string): TrainingConfig {
    const { source, config } = check(text, file);
    const built = frontEnd.buildConfig(scope, config, source, baseDirectory);
    return new TrainingConfig(file, built.environment, built.teams, built.jobs);
  }

  private static validate(text: string, file: string, baseDirectory: string): string[] {
    try {
      const { source, config } = check(text, file);
      frontEnd.buildConfig(new TerraformStack(new App(), 'validate'), config, source, baseDirectory);
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
  private readonly teamsByName: ReadonlyMap<string, TrainingTeam>;
  private readonly jobsByName: ReadonlyMap<string, TrainingJob>;

  private constructor(fileName: string, environment: TrainingEnvironment, teams: ReadonlyMap<string, TrainingTeam>, jobs: ReadonlyMap<string, TrainingJob>) {
    this.fileName = fileName;
    this.environment = environment;
    this.teamsByName = teams;
    this.jobsByName = jobs;
    this.teams = [...teams.values()];
    this.jobs = [...jobs.values()];
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
