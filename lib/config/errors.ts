/** A config path: keys and indexes from the document root, e.g. `['jobs', 0, 'code']`. */
export type ConfigPath = readonly (string | number)[];

/** One problem of a config file, at a line and column (both from 1). */
export interface ConfigProblem {
  /** The file as the user named it. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Config path of the field, `jobs[0].workerPools.primary.gpu.count`; '' for the whole document. */
  readonly path: string;
  /** What is wrong, e.g. `must be an integer`, written to follow the path. */
  readonly message: string;
  /**
   * Whether `message` is a construct's own error (`stack/job: field value is not valid: ...`),
   * quoted after the path rather than continuing it.
   */
  readonly fromConstruct?: boolean;
}

/**
 * `file:line:column: path message` (`file:line:column: path: construct error` for errors of the
 * constructs), the form editors and CI logs turn into links.
 */
export function formatProblem(problem: ConfigProblem): string {
  const subject = problem.path === '' ? '' : problem.fromConstruct ? `${problem.path}: ` : `${problem.path} `;
  return `${problem.file}:${problem.line}:${problem.column}: ${subject}${problem.message}`;
}

/** At most this many problems are listed in one error; the rest are counted. */
const MAX_LISTED = 25;

/**
 * A training config that cannot be loaded: every problem with its file, line, column and field.
 * The message lists them one per line (`training.yaml:12:7: jobs[0].workerPools.primary.gpu.count must be an integer`).
 */
export class TrainingConfigError extends Error {
  /** The problems, in file order. */
  public readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    const listed = sorted.slice(0, MAX_LISTED).map(formatProblem);
    const more = sorted.length - listed.length;
    if (more > 0) listed.push(`... and ${more} more problem${more > 1 ? 's' : ''}`);
    super(listed.join('\n'), options);
    this.name = 'TrainingConfigError';
    this.problems = sorted;
  }
}

/** `jobs[0].workerPools.primary`: keys that are not identifiers are quoted (`env["MY-VAR"]`). */
export function displayPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
