import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CustomTrainingJob, PythonPackage, TrainingCode, TrainingEnvironment, WorkerPool, Framework } from '../../lib';
import { environmentStack, ofType, synthJson, TerraformJson } from '../helpers/synth';

/** Every IAM grant of a member, as `type role on-resource`. */
function grantsOf(json: TerraformJson, memberPattern: RegExp): string[] {
  const found: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    if (!type.endsWith('_iam_member')) continue;
    for (const grant of Object.values(byName as { [name: string]: any })) {
      if (memberPattern.test(grant.member)) found.push(`${type} ${grant.role} ${grant.bucket ?? grant.repository ?? grant.service_account_id ?? grant.project}`);
    }
  }
  return found.sort();
}

const code = TrainingCode.prebuilt({
  framework: Framework.SCIKIT_LEARN, frameworkVersion: '1.6', pythonPackage: PythonPackage.fromGcsUri('gs://acme-code/trainer-0.1.tar.gz'), module: 'trainer.task',
});

describe('teams', () => {
  test('a team has its own trainer, data and artifacts buckets', () => {
    const { stack, env } = environmentStack();
    const vision = env.addTeam('vision', { members: ['group:vision@acme.example'] });
    const json = synthJson(stack);
    expect(Object.values(ofType(json, 'google_service_account')).map((a) => a.account_id).sort()).toEqual(['ml-launcher', 'ml-trainer', 'ml-vision-tr']);
    expect(Object.values(ofType(json, 'google_storage_bucket')).map((b) => b.name).sort()).toEqual([
      'acme-ml-ml-artifacts', 'acme-ml-ml-data', 'acme-ml-ml-staging', 'acme-ml-ml-vision-artifacts', 'acme-ml-ml-vision-data',
    ]);
    expect(vision.dataBucket.bucket).toBeDefined();
    expect(grantsOf(json, /^group:vision@acme\.example$/)).toEqual([
      expect.stringMatching(/roles\/storage\.objectUser .*team-vision_data_bucket/),
      expect.stringMatching(/roles\/storage\.objectViewer .*team-vision_artifacts_bucket/),
    ]);
  });

  test('neither team can read the other team\'s data or artifacts, nor the environment\'s', () => {
    const { stack, env } = environmentStack();
    env.addTeam('vision');
    env.addTeam('nlp');
    const json = synthJson(stack);
    const visionGrants = grantsOf(json, /ml_team-vision_trainer_account/);
    const nlpGrants = grantsOf(json, /ml_team-nlp_trainer_account/);
    for (const grant of visionGrants) expect(grant).not.toMatch(/nlp|ml-data|ml-artifacts|ml_data-bucket|ml_artifacts-bucket/);
    for (const grant of nlpGrants) expect(grant).not.toMatch(/vision|ml_data-bucket|ml_artifacts-bucket/);
    expect(visionGrants.filter((g) => g.startsWith('google_storage_bucket_iam_member'))).toEqual([
      expect.stringMatching(/objectUser .*team-vision_artifacts/),
      expect.stringMatching(/objectViewer .*ml_staging-bucket/),
      expect.stringMatching(/objectViewer .*team-vision_data/),
    ]);
  });

  test('a team job runs as the team trainer and writes to the team artifacts bucket', () => {
    const { stack, env } = environmentStack();
    const vision = env.addTeam('vision');
    const job = new CustomTrainingJob(stack, 'train', { environment: env, team: vision, workerPools: { primary: WorkerPool.cpu({ machineType: 'n1-standard-8' }) }, code });
    const body = synthJson(stack).locals.vertex_ml_train;
    expect(body.jobSpec.serviceAccount).toMatch(/^\$\{google_service_account\.ml_team-vision_trainer_account_[0-9A-F]+\.email\}$/);
    expect(body.jobSpec.baseOutputDirectory.outputUriPrefix).toMatch(/^gs:\/\/\$\{google_storage_bucket\.ml_team-vision_artifacts_bucket_[0-9A-F]+\.name\}\/jobs\/train\/runs\/$/);
    expect(body.labels['vertex-training-team']).toBe('vision');
    expect(job.trainer).toBe(vision.trainer);
  });

  test('bad team names, over-long derived names and foreign teams are refused', () => {
    const { env, stack } = environmentStack();
    expect(() => env.addTeam('Vision')).toThrow('test/ml/team-Vision: name "Vision" is not valid: must be 2-16 lowercase letters');
    const long = environmentStack({ prefix: 'platform-research' }, 'research').env;
    expect(() => long.addTeam('computer-vision')).toThrow('test/research/team-computer-vision/trainer: accountId "platform-research-computer-vision-tr" is not valid');
    const other = new TrainingEnvironment(new TerraformStack(Testing.app(), 'other'), 'other', { projectId: 'acme-other', region: 'us-central1' });
    new GoogleProvider(stack, 'g2', { alias: 'x' });
    const foreign = other.addTeam('vision');
    expect(() => new CustomTrainingJob(stack, 'train', { environment: env, team: foreign, workerPools: { primary: WorkerPool.cpu({ machineType: 'n1-standard-8' }) }, code }))
      .toThrow('test/train: team "vision" is not valid: must be a team of test/ml (it belongs to other/other)');
  });
});
