import { LAUNCHER_VERTEX_PERMISSIONS, TRAINER_VERTEX_PERMISSIONS } from '../../lib';
import { environmentStack, named, ofType, synthJson, TerraformJson } from '../helpers/synth';

const TRAINER = /^\$\{google_service_account\.ml_trainer_account_[0-9A-F]+\.member\}$/;
const LAUNCHER = /^\$\{google_service_account\.ml_launcher_account_[0-9A-F]+\.member\}$/;

function grantsTo(json: TerraformJson, member: RegExp): string[] {
  const found: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    if (!type.endsWith('_iam_member')) continue;
    for (const grant of Object.values(byName as { [name: string]: any })) {
      if (member.test(grant.member)) found.push(`${type} ${grant.role}`);
    }
  }
  return found.sort();
}

describe('identities', () => {
  test('a trainer and a launcher service account, without keys', () => {
    const json = synthJson(environmentStack().stack);
    const accounts = Object.values(ofType(json, 'google_service_account'));
    expect(accounts.map((a) => a.account_id).sort()).toEqual(['ml-launcher', 'ml-trainer']);
    expect(ofType(json, 'google_service_account_key')).toEqual({});
  });

  test('the trainer gets exactly: data and staging read, artifacts read-write, repositories read, logs, metrics, its Vertex role', () => {
    const json = synthJson(environmentStack().stack);
    expect(grantsTo(json, TRAINER)).toEqual([
      'google_artifact_registry_repository_iam_member roles/artifactregistry.reader',
      'google_artifact_registry_repository_iam_member roles/artifactregistry.reader',
      'google_project_iam_member ${google_project_iam_custom_role.ml_trainer_vertex-role_5BA278E0.name}',
      'google_project_iam_member roles/logging.logWriter',
      'google_project_iam_member roles/monitoring.metricWriter',
      'google_storage_bucket_iam_member roles/storage.objectUser',
      'google_storage_bucket_iam_member roles/storage.objectViewer',
      'google_storage_bucket_iam_member roles/storage.objectViewer',
    ]);
    expect(named(json, 'google_storage_bucket_iam_member', 'ml_artifacts-bucket_trainer_').role).toBe('roles/storage.objectUser');
  });

  test('the launcher gets exactly its job role and acting as the trainer, on the trainer alone', () => {
    const json = synthJson(environmentStack().stack);
    expect(grantsTo(json, LAUNCHER)).toEqual([
      'google_project_iam_member ${google_project_iam_custom_role.ml_launcher_vertex-role_928757A7.name}',
      'google_service_account_iam_member roles/iam.serviceAccountUser',
    ]);
    expect(named(json, 'google_service_account_iam_member', 'ml_trainer_launcher_').service_account_id)
      .toMatch(/^\$\{google_service_account\.ml_trainer_account_[0-9A-F]+\.name\}$/);
  });

  test('custom roles carry only Vertex AI permissions of their job', () => {
    const json = synthJson(environmentStack().stack);
    const trainerRole = named(json, 'google_project_iam_custom_role', 'ml_trainer_vertex-role_');
    expect(trainerRole).toMatchObject({ role_id: 'ml_vertexTrainingWriter', stage: 'GA', project: 'acme-ml' });
    expect(trainerRole.permissions).toEqual([...TRAINER_VERTEX_PERMISSIONS].sort());
    expect(trainerRole.permissions.some((p: string) => /\.(create|cancel)$/.test(p) && /Jobs|Pipelines/.test(p))).toBe(false);
    const launcherRole = named(json, 'google_project_iam_custom_role', 'ml_launcher_vertex-role_');
    expect(launcherRole.permissions).toEqual([...LAUNCHER_VERTEX_PERMISSIONS].sort());
    expect(launcherRole.permissions.every((p: string) => /^aiplatform\.(customJobs|hyperparameterTuningJobs|trainingPipelines|models)\./.test(p))).toBe(true);
  });

  test('existing service accounts are used by email and still granted', () => {
    const { stack, env } = environmentStack({
      trainerServiceAccount: { existingEmail: 'trainer@corp-iam.iam.gserviceaccount.com' },
      launcherServiceAccount: { accountId: 'ml-submitter' },
    });
    const json = synthJson(stack);
    expect(Object.values(ofType(json, 'google_service_account')).map((a) => a.account_id)).toEqual(['ml-submitter']);
    expect(env.trainer.member).toBe('serviceAccount:trainer@corp-iam.iam.gserviceaccount.com');
    expect(grantsTo(json, /^serviceAccount:trainer@corp-iam/)).toHaveLength(8);
    expect(named(json, 'google_service_account_iam_member', 'ml_trainer_launcher_').service_account_id)
      .toBe('projects/-/serviceAccounts/trainer@corp-iam.iam.gserviceaccount.com');
  });

  test('no primitive, public or authoritative IAM anywhere', () => {
    const json = synthJson(environmentStack().stack);
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/roles\/(owner|editor|viewer)"/);
    expect(text).not.toMatch(/allUsers|allAuthenticatedUsers/);
    expect(Object.keys(json.resource ?? {}).filter((t) => /_iam_(policy|binding)$/.test(t))).toEqual([]);
  });

  test('the Vertex AI agent may pull images from the Docker repository (custom containers)', () => {
    const json = synthJson(environmentStack().stack);
    expect(named(json, 'google_artifact_registry_repository_iam_member', 'ml_docker-repository_vertex-ai-agent_')).toMatchObject({
      role: 'roles/artifactregistry.reader',
      member: expect.stringMatching(/@gcp-sa-aiplatform\.iam\.gserviceaccount\.com$/),
      depends_on: [expect.stringMatching(/^google_project_service_identity\./), expect.stringMatching(/^google_project_service\.ml_apis_artifactregistry_/)],
    });
  });
});

describe('TensorBoard', () => {
  test('a CMEK TensorBoard in the region by default', () => {
    const { stack, env } = environmentStack();
    const json = synthJson(stack);
    expect(named(json, 'google_vertex_ai_tensorboard', 'ml_tensorboard_')).toMatchObject({
      display_name: 'ml-tensorboard', region: 'us-central1', project: 'acme-ml',
    });
    expect(env.tensorboard?.tensorboardName).toMatch(/^\$\{TfToken/);
  });

  test('can be turned off', () => {
    const { stack, env } = environmentStack({ tensorboard: { enabled: false } });
    expect(ofType(synthJson(stack), 'google_vertex_ai_tensorboard')).toEqual({});
    expect(env.tensorboard).toBeUndefined();
  });

  test('can be imported', () => {
    const name = 'projects/acme-ml/locations/us-central1/tensorboards/123456';
    const { stack, env } = environmentStack({ tensorboard: { existingTensorboardName: name } });
    expect(ofType(synthJson(stack), 'google_vertex_ai_tensorboard')).toEqual({});
    expect(env.tensorboard?.tensorboardName).toBe(name);
  });
});
