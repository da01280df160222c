import { closest } from '../core/words';
import type { TrainingEnvironment } from '../environment/training-environment';
import type { TrainingTeam } from '../environment/team';

/**
 * `${{ environment.dataBucket.url }}`: references from a config file's strings to what the
 * environment creates (names derive from the project and prefix, or are tokens). Distinct from
 * `${...}`, which reaches Vertex AI unchanged for the training program's own expansion.
 */
const EXPRESSION = /\$\{\{\s*([^{}]*?)\s*\}\}/g;

const BUCKETS = ['stagingBucket', 'artifactsBucket', 'dataBucket'];
const TEAM_BUCKETS = ['dataBucket', 'artifactsBucket'];

/** Every reference a config may use, with `<team>` for a team's name. */
export const KNOWN_REFERENCES: readonly string[] = [
  'environment.projectId',
  'environment.region',
  'environment.prefix',
  ...BUCKETS.flatMap((b) => [`environment.${b}.name`, `environment.${b}.url`]),
  'environment.dockerRepository.url',
  'environment.pythonRepository.url',
  'environment.trainer.email',
  'environment.launcher.email',
  ...TEAM_BUCKETS.flatMap((b) => [`teams.<team>.${b}.name`, `teams.<team>.${b}.url`]),
  'teams.<team>.trainer.email',
];

/** What is wrong with the references in `text`, given the declared teams; undefined when nothing. */
export function referenceProblem(text: string, teamNames: readonly string[]): string | undefined {
  for (const match of text.matchAll(EXPRESSION)) {
    const reference = match[1];
    const team = /^teams\.([^.]+)\.(.+)$/.exec(reference);
    if (team) {
      if (!KNOWN_REFERENCES.includes(`teams.<team>.${team[2]}`)) return unknown(reference);
      if (!teamNames.includes(team[1])) {
        return `references the team "${team[1]}", which is not declared under teams${teamNames.length > 0 ? ` (teams: ${teamNames.join(', ')})` : ''}`;
      }
      continue;
    }
    if (!KNOWN_REFERENCES.includes(reference)) return unknown(reference);
  }
  if (text.replace(EXPRESSION, '').includes('${{')) return 'has a `${{` without its closing `}}`';
  return undefined;
}

function unknown(reference: string): string {
  const guess = closest(reference, KNOWN_REFERENCES.filter((r) => !r.includes('<team>')));
  const hint = guess ? `did you mean \${{ ${guess} }}?` : `known: ${KNOWN_REFERENCES.join(', ')}`;
  return `references \${{ ${reference} }}, which does not exist (${hint})`;
}

/** `text` with its references replaced by the constructs' values (tokens where not known at synth). */
export function substitute(text: string, environment: TrainingEnvironment, teams: ReadonlyMap<string, TrainingTeam>): string {
  return text.replace(EXPRESSION, (_, reference: string) => {
    const value = lookup(reference, environment, teams);
    if (value === undefined) throw new Error(`unknown reference \${{ ${reference} }}`);
    return value;
  });
}

function lookup(reference: string, env: TrainingEnvironment, teams: ReadonlyMap<string, TrainingTeam>): string | undefined {
  const parts = reference.split('.');
  if (parts[0] === 'teams') {
    const team = teams.get(parts[1]);
    if (!team) return undefined;
    const [, , what, property] = parts;
    if (what === 'trainer' && property === 'email') return team.trainer.email;
    const bucket = what === 'dataBucket' ? team.dataBucket : what === 'artifactsBucket' ? team.artifactsBucket : undefined;
    return bucket && property === 'name' ? bucket.bucketName : bucket && property === 'url' ? bucket.url : undefined;
  }
  const [, what, property] = parts;
  if (parts.length === 2) {
    return what === 'projectId' ? env.projectId : what === 'region' ? env.region : what === 'prefix' ? env.prefix : undefined;
  }
  const bucket = what === 'stagingBucket' ? env.stagingBucket : what === 'artifactsBucket' ? env.artifactsBucket : what === 'dataBucket' ? env.dataBucket : undefined;
  if (bucket) return property === 'name' ? bucket.bucketName : property === 'url' ? bucket.url : undefined;
  if (what === 'dockerRepository' && property === 'url') return env.dockerRepository.url;
  if (what === 'pythonRepository' && property === 'url') return env.pythonRepository.url;
  if (what === 'trainer' && property === 'email') return env.trainer.email;
  if (what === 'launcher' && property === 'email') return env.launcher.email;
  return undefined;
}
