import { at, isSet, isToken } from '../inspect';
import { jobSpecOf } from '../job-body';
import { PolicyRule, PolicySubject, VERTEX_REQUEST_TYPE } from '../rule';

/** VT-JOB-2: every job writes under a declared output directory. */
export class JobOutputDirectoryRule extends PolicyRule {
  public readonly id = 'VT-JOB-2';
  public readonly description = 'Vertex AI jobs write their model, checkpoints and logs under a declared Cloud Storage output directory';
  public readonly fix = 'set baseOutputDirectory.outputUriPrefix in the job spec to a gs:// prefix in a CMEK bucket (the library\'s jobs use gs://ARTIFACTS/jobs/JOB/runs/)';
  public readonly resourceTypes = [VERTEX_REQUEST_TYPE];

  public check(subject: PolicySubject): string[] {
    const located = jobSpecOf(subject.config, subject.jobKind);
    if (located === undefined) return [];
    const prefix = at(located.spec, 'baseOutputDirectory.outputUriPrefix');
    const field = `${located.field}.baseOutputDirectory.outputUriPrefix`;
    if (!isSet(prefix)) return [`${field} is not set: AIP_MODEL_DIR, AIP_CHECKPOINT_DIR and AIP_TENSORBOARD_LOG_DIR are undefined`];
    // A prefix assembled from a bucket reference is a token string; it must still start with gs://.
    if (typeof prefix === 'string' && !prefix.startsWith('gs://') && !(isToken(prefix) && /^\$\{/.test(prefix))) {
      return [`${field} ${JSON.stringify(prefix)} is not a gs:// URI`];
    }
    return [];
  }
}
