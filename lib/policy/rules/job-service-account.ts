import { isSet, isToken } from '../inspect';
import { jobSpecOf } from '../job-body';
import { PolicyRule, PolicySubject, VERTEX_REQUEST_TYPE } from '../rule';

/** Google's shared default identities, which no workload should run as. */
const DEFAULT_IDENTITIES = [
  /-compute@developer\.gserviceaccount\.com$/,
  /@appspot\.gserviceaccount\.com$/,
  /@gcp-sa-aiplatform-cc\.iam\.gserviceaccount\.com$/,
];

/** VT-JOB-1: every job runs as a dedicated service account. */
export class JobServiceAccountRule extends PolicyRule {
  public readonly id = 'VT-JOB-1';
  public readonly description = 'Vertex AI jobs run as a dedicated service account, not Vertex AI\'s or Compute Engine\'s default identity';
  public readonly fix = 'set serviceAccount in the job spec to a service account made for training (the library\'s jobs run as the environment\'s or the team\'s trainer)';
  public readonly resourceTypes = [VERTEX_REQUEST_TYPE];

  public check(subject: PolicySubject): string[] {
    const located = jobSpecOf(subject.config, subject.jobKind);
    if (located === undefined) return [];
    const account = located.spec.serviceAccount;
    const field = `${located.field}.serviceAccount`;
    if (!isSet(account)) return [`${field} is not set: the job runs as Vertex AI's default identity`];
    if (isToken(account)) return [];
    const email = String(account).replace(/^serviceAccount:/, '');
    return DEFAULT_IDENTITIES.some((pattern) => pattern.test(email)) ? [`${field} ${email} is a default identity shared by other workloads`] : [];
  }
}
