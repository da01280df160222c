import { QUEUE_NAME_LABEL } from '../../spec/gke/labels';
import { block, isSet, isToken } from '../inspect';
import { containersOf, podSpecsOf } from '../jobset-template';
import { JOBSET_TEMPLATE_TYPE, PolicyRule, PolicySubject } from '../rule';

const OUTPUT_VARIABLES = ['AIP_MODEL_DIR', 'AIP_CHECKPOINT_DIR'];
/** `$$` (an escaped `$`) or a `$(NAME)` reference, as Kubernetes expands them in `env` values. */
const REFERENCE = /\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)/g;
/** A value the policy cannot see (a token, `valueFrom`, or one built on such a value). */
const UNKNOWN = Symbol('unknown');

/**
 * VT-GKE-8: a GKE job's JobSet goes through Kueue (its `kueue.x-k8s.io/queue-name` label names a
 * LocalQueue: a JobSet without it is not a Kueue workload, and its pods bypass the teams' quotas)
 * and every training container writes its model and checkpoints to Cloud Storage
 * (`AIP_MODEL_DIR` and `AIP_CHECKPOINT_DIR` are `gs://` locations, as Vertex AI's
 * `baseOutputDirectory` makes them), not to the pod's disk, which goes with the pod.
 *
 * Values are read as Kubernetes expands them: `$(NAME)` refers to an earlier variable of the same
 * container. Tokens, `valueFrom` and `envFrom` (values known only in the cluster) count as set.
 */
export class GkeJobSetQueueOutputsRule extends PolicyRule {
  public readonly id = 'VT-GKE-8';
  public readonly description = 'GKE JobSets are admitted by Kueue (a queue-name label) and write their model and checkpoints to Cloud Storage';
  public readonly fix = 'declare the job with backend: TrainingBackend.gke(queues) (its JobSet names the team\'s LocalQueue and sets AIP_MODEL_DIR and AIP_CHECKPOINT_DIR under gs://ARTIFACTS/jobs/JOB/runs/); in a JobSet of your own set the label kueue.x-k8s.io/queue-name and both variables to gs:// locations in the environment\'s CMEK buckets';
  public readonly resourceTypes = [JOBSET_TEMPLATE_TYPE];

  public check(subject: PolicySubject): string[] {
    const problems: string[] = [];
    const metadata = subject.config.metadata;
    const labels = isToken(metadata) ? undefined : block(metadata)?.labels;
    if (!isToken(metadata) && !isToken(labels) && !isSet(block(labels)?.[QUEUE_NAME_LABEL])) {
      problems.push(`metadata.labels has no ${QUEUE_NAME_LABEL}: the JobSet is not a Kueue workload, and its pods bypass the teams' quotas`);
    }
    for (const pod of podSpecsOf(subject.config)) {
      for (const { field, container } of containersOf(pod)) problems.push(...outputProblems(field, container));
    }
    return problems;
  }
}

/** What is wrong with a container's output variables. */
function outputProblems(field: string, container: { [key: string]: any }): string[] {
  const env = container.env;
  if (isToken(env)) return [];
  const values = expandedEnv(Array.isArray(env) ? env : []);
  const fromElsewhere = isSet(container.envFrom);
  const problems: string[] = [];
  for (const name of OUTPUT_VARIABLES) {
    const value = values.get(name);
    if (value === undefined) {
      if (!fromElsewhere) problems.push(`${field}.env does not set ${name}: the container has no Cloud Storage location for it, and what it writes there is lost with the pod`);
    } else if (value !== UNKNOWN && !/^gs:\/\/[^/]/.test(value)) {
      problems.push(`${field}.env ${name} ${JSON.stringify(value)} is not a gs:// location: it stays on the pod's disk, outside the environment's CMEK buckets`);
    }
  }
  return problems;
}

/**
 * The variables of an `env` list as the container sees them: the last definition of a name wins,
 * and `$(NAME)` expands to an earlier variable's value (left as is when there is none, as
 * Kubernetes does). A value starting with a token (`${...}`), a `valueFrom`, or a reference to such
 * a variable is unknown; a token later in a literal (`gs://${bucket}/...`) leaves its start readable.
 */
function expandedEnv(env: unknown[]): Map<string, string | typeof UNKNOWN> {
  const values = new Map<string, string | typeof UNKNOWN>();
  for (const entry of env) {
    const variable = block(entry);
    const name = variable?.name;
    if (variable === undefined || typeof name !== 'string' || isToken(name)) continue;
    const value = variable.value;
    if (value === undefined || value === null) {
      values.set(name, isSet(variable.valueFrom) ? UNKNOWN : '');
    } else if (typeof value !== 'string' ? isToken(value) : value.startsWith('${')) {
      values.set(name, UNKNOWN);
    } else {
      let unknownStart = false;
      const expanded = String(value).replace(REFERENCE, (match: string, ref: string | undefined, offset: number) => {
        if (ref === undefined) return '$';
        const earlier = values.get(ref);
        if (earlier === UNKNOWN && offset === 0) unknownStart = true;
        return typeof earlier === 'string' ? earlier : match;
      });
      values.set(name, unknownStart ? UNKNOWN : expanded);
    }
  }
  return values;
}
