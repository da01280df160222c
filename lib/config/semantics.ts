import { ConfigPath, ConfigProblem } from './errors';
import { gkeProblems } from './gke-semantics';
import { referenceProblem } from './references';
import { ConfigSource } from './source';
import { RawConfig, RawJob } from './types';

/**
 * Checks across the file that a schema cannot express: unique team and job names, teams and jobs
 * that references name, `${{ ... }}` references, and the names the `gke` section uses. Run after the schema, on valid data.
 */
export function semanticProblems(config: RawConfig, source: ConfigSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const teams = config.teams ?? [];
  const jobs = config.jobs ?? [];
  const teamNames = teams.map((t) => t.name);
  const jobNames = jobs.map((j) => j.name);

  unique(teamNames, 'team', (i) => ['teams', i, 'name'], source, problems);
  unique(jobNames, 'job', (i) => ['jobs', i, 'name'], source, problems);

  const referencing = new Set<string>();
  jobs.forEach((job, i) => {
    for (const { path } of referenceFields(job, ['jobs', i])) referencing.add(JSON.stringify(path));
  });
  strayReferences(config, [], referencing, source, problems);

  jobs.forEach((job, i) => {
    if (job.team !== undefined && !teamNames.includes(job.team)) {
      const known = teamNames.length > 0 ? `one of the teams declared under teams: ${teamNames.join(', ')}` : 'a team declared under teams (there are none)';
      problems.push(source.problem(['jobs', i, 'team'], `"${job.team}" is not a team of this file: must be ${known}`));
    }
    for (const { path, text } of referenceFields(job, ['jobs', i])) {
      const problem = referenceProblem(text, teamNames);
      if (problem) problems.push(source.problem(path, problem));
    }
  });

  (config.environment.quotas?.neverConcurrent ?? []).forEach((group, g) => {
    group.forEach((name, k) => {
      if (!jobNames.includes(name)) {
        problems.push(source.problem(['environment', 'quotas', 'neverConcurrent', g, k], `"${name}" is not a job of this file${jobNames.length > 0 ? ` (jobs: ${jobNames.join(', ')})` : ''}`));
      }
    });
  });
  problems.push(...gkeProblems(config, source));
  return problems;
}

function unique(names: readonly string[], what: string, pathOf: (i: number) => ConfigPath, source: ConfigSource, problems: ConfigProblem[]): void {
  const firstIndex = new Map<string, number>();
  names.forEach((name, i) => {
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, i);
      return;
    }
    const { line } = source.locate(pathOf(first));
    problems.push(source.problem(pathOf(i), `"${name}" is already the name of a ${what} (line ${line}): ${what} names are unique`));
  });
}

/** `${{` anywhere but where references are replaced would reach the cloud as written: refused. */
function strayReferences(data: unknown, at: ConfigPath, allowed: ReadonlySet<string>, source: ConfigSource, problems: ConfigProblem[]): void {
  if (typeof data === 'string') {
    if (data.includes('${{') && !allowed.has(JSON.stringify(at))) {
      problems.push(source.problem(at, 'holds a ${{ ... }} reference, which is only replaced in code args, env and command and in onNewData.bucket'));
    }
  } else if (Array.isArray(data)) {
    data.forEach((item, i) => strayReferences(item, [...at, i], allowed, source, problems));
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) strayReferences(value, [...at, key], allowed, source, problems);
  }
}

/** The strings of a job that may hold `${{ ... }}` references, with their paths. */
export function referenceFields(job: RawJob, at: ConfigPath): { path: ConfigPath; text: string }[] {
  const fields: { path: ConfigPath; text: string }[] = [];
  const add = (path: ConfigPath, text: string | undefined) => {
    if (text !== undefined) fields.push({ path, text });
  };
  const variant = job.code.prebuilt ? 'prebuilt' : 'container';
  const code = job.code.prebuilt ?? job.code.container;
  (code?.args ?? []).forEach((arg, k) => add([...at, 'code', variant, 'args', k], arg));
  for (const [name, value] of Object.entries(code?.env ?? {})) add([...at, 'code', variant, 'env', name], value);
  (job.code.container?.command ?? []).forEach((part, k) => add([...at, 'code', 'container', 'command', k], part));
  (job.triggers ?? []).forEach((trigger, k) => add([...at, 'triggers', k, 'onNewData', 'bucket'], trigger.onNewData?.bucket));
  return fields;
}
