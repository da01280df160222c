import { closest } from '../core/words';
import { ConfigPath, ConfigProblem } from './errors';
import { ConfigSource } from './source';
import { RawConfig } from './types';

/**
 * Cross-references of the `gke` section that a schema cannot check: the teams of `gke.teams` are
 * teams of the file, their quotas name node pools of `gke.nodePools`, and a job with `backend: gke`
 * has a cluster to run on and a queue for its team. Unknown names are placed on their key, with the
 * nearest known name.
 */
export function gkeProblems(config: RawConfig, source: ConfigSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const gke = config.gke;
  const teamNames = (config.teams ?? []).map((t) => t.name);
  const poolNames = Object.keys(gke?.nodePools ?? {});
  const queuedTeams = Object.keys(gke?.teams ?? {});

  for (const [team, queue] of Object.entries(gke?.teams ?? {})) {
    if (!teamNames.includes(team)) {
      problems.push(source.problem(['gke', 'teams', team], unknownName(team, 'team', 'teams', teamNames), true));
    }
    for (const pool of Object.keys(queue.quotas)) {
      if (!poolNames.includes(pool)) {
        problems.push(source.problem(['gke', 'teams', team, 'quotas', pool], unknownName(pool, 'node pool', 'gke.nodePools', poolNames), true));
      }
    }
  }

  (config.jobs ?? []).forEach((job, i) => {
    if (job.backend !== 'gke') return;
    const at: ConfigPath = ['jobs', i];
    if (!gke) {
      problems.push(source.problem([...at, 'backend'], 'is gke, but the file declares no cluster: add a `gke` section with the cluster, its node pools and the team queues'));
    } else if (job.team !== undefined && teamNames.includes(job.team) && !queuedTeams.includes(job.team)) {
      problems.push(source.problem([...at, 'team'], `"${job.team}" has no Kueue queue to run a GKE job in: give it quotas under gke.teams.${job.team}${queuedTeams.length > 0 ? ` (teams with queues: ${queuedTeams.join(', ')})` : ''}`));
    }
  });
  return problems;
}

function unknownName(name: string, what: string, where: string, known: readonly string[]): string {
  if (known.length === 0) return `is not a ${what} of this file: there are none under ${where}`;
  const guess = closest(name, known);
  return `is not a ${what} of this file${guess ? ` (did you mean "${guess}"?)` : ''}: must be one of the ${what}s under ${where}: ${known.join(', ')}`;
}
