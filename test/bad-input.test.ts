import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingEnvironment, TrainingEnvironmentProps } from '../lib';
import { ValidationError } from '../lib/core/validation';
import { environmentStack } from './helpers/synth';

const chars = (c: string, n: number): string => c.repeat(n);

/** `n` user labels `l0: v`, `l1: v`, ... */
function manyLabels(n: number): { [key: string]: string } {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, 'v']));
}

/** The error thrown while building the environment; fails the test when nothing is thrown. */
function constructionError(props: Partial<TrainingEnvironmentProps>, id?: string): Error {
  return thrown(() => environmentStack(props, id));
}

function thrown(action: () => unknown): Error {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error('expected an error, but nothing was thrown');
  expect(error).toBeInstanceOf(ValidationError);
  return error as Error;
}

/**
 * Checks the whole `${path}: ${field} ${value} is not valid: ${allowed}` shape: the construct path,
 * the field, the bad value (JSON-quoted strings, bare numbers and booleans) and what is allowed.
 */
function expectMessage(error: Error, path: string, field: string, value: string | number | boolean, allowed: string): void {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  expect(error.message.startsWith(`${path}: ${field} ${shown} is not valid: `)).toBe(true);
  expect(error.message).toContain(path);
  expect(error.message).toContain(field);
  expect(error.message).toContain(shown);
  expect(error.message.slice(error.message.indexOf(' is not valid: '))).toContain(allowed);
}

type Case = [
  title: string,
  props: Partial<TrainingEnvironmentProps>,
  path: string,
  field: string,
  value: string | number | boolean,
  allowed: string,
];

const ENV = 'test/ml';
const PROJECT_ID = 'must be a project ID: 6-30 lowercase letters, digits or hyphens';
const REGION = 'one of africa-south1, ';
/** The region message with the nearest valid value, before the list of regions. */
// With a suggestion, the message ends there: the list of every region would bury it.
const REGION_HINT = (hint: string) => `must be a region with a Vertex AI endpoint: ${hint}`;
const PREFIX = 'must be 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';
const BUCKET = 'must be a bucket name: 3-63 lowercase letters, digits, hyphens, underscores or dots';
const KEY_SHAPE = 'must be a resource name of the form projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY';
const IN_REGION = (found: string) => `must be in the environment's region us-central1 (found location "${found}"; global and multi-region locations cannot be used)`;
const SOFT_DELETE = 'must be 0 (off) or a whole number from 7 to 90';
const NONCURRENT = 'must be a whole number from 1 to 3650';
const EXPIRATION = 'must be 0 (off) or a whole number from 1 to 3650';
const otherRegionKey = 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k';
const globalKey = 'projects/p/locations/global/keyRings/r/cryptoKeys/k';

const cases: Case[] = [
  // Environment-level fields.
  ['invalid projectId', { projectId: 'Acme_ML' }, ENV, 'projectId', 'Acme_ML', PROJECT_ID],
  ['too short projectId', { projectId: 'acme' }, ENV, 'projectId', 'acme', PROJECT_ID],
  ['projectId containing "google"', { projectId: 'my-google-ml' }, ENV, 'projectId', 'my-google-ml', 'must not contain "google"'],
  ['unknown region', { region: 'us-central9' }, ENV, 'region', 'us-central9', `${REGION_HINT('did you mean "us-central1" or "us-central2"?')}`],
  ['a misspelt region', { region: 'europe-wset4' }, ENV, 'region', 'europe-wset4', `${REGION_HINT('did you mean "europe-west4"?')}`],
  ['multi-region us', { region: 'us' }, ENV, 'region', 'us', `${REGION_HINT('"us" is a multi-region; training needs a region, e.g. "us-central1"')}`],
  ['multi-region eu', { region: 'eu' }, ENV, 'region', 'eu', `${REGION_HINT('"eu" is a multi-region; training needs a region, e.g. "europe-west4"')}`],
  ['a zone as region', { region: 'us-central1-a' }, ENV, 'region', 'us-central1-a', `${REGION_HINT('"us-central1-a" is a zone; its region is "us-central1"')}`],
  ['a region far from any', { region: 'moon-base1' }, ENV, 'region', 'moon-base1', `must be a region with a Vertex AI endpoint: ${REGION}`],
  ['uppercase prefix', { prefix: 'ML' }, ENV, 'prefix', 'ML', PREFIX],
  ['prefix too long', { prefix: chars('a', 21) }, ENV, 'prefix', chars('a', 21), PREFIX],
  ['prefix ending with a hyphen', { prefix: 'ml-' }, ENV, 'prefix', 'ml-', PREFIX],
  ['label key with uppercase', { labels: { Team: 'ml' } }, ENV, 'labels key', 'Team',
    'must be a label key: 1-63 lowercase letters, digits, underscores or hyphens, starting with a lowercase letter'],
  ['label value too long', { labels: { team: chars('x', 64) } }, ENV, 'labels["team"]', chars('x', 64),
    'must be a label value: 0-63 lowercase letters, digits, underscores or hyphens'],
  ['label value with uppercase', { labels: { team: 'ML' } }, ENV, 'labels["team"]', 'ML', 'must be a label value'],
  ['more labels than leave a run room for the library\'s and the launcher\'s', { labels: manyLabels(61) }, ENV, 'labels', 61, 'a run carries at most 64 labels (Vertex AI) and 4 are taken'],

  // Buckets.
  ['stagingBucket.name invalid', { stagingBucket: { name: 'Staging_Bucket' } }, `${ENV}/staging-bucket`, 'name', 'Staging_Bucket', BUCKET],
  ['artifactsBucket.name invalid', { artifactsBucket: { name: 'goog-artifacts' } }, `${ENV}/artifacts-bucket`, 'name', 'goog-artifacts', BUCKET],
  ['dataBucket.name invalid', { dataBucket: { name: '192.168.0.1' } }, `${ENV}/data-bucket`, 'name', '192.168.0.1', BUCKET],
  ['dataBucket.name too long', { dataBucket: { name: chars('d', 64) } }, `${ENV}/data-bucket`, 'name', chars('d', 64), BUCKET],
  ['dataBucket.existingBucketName invalid', { dataBucket: { existingBucketName: 'gs://acme-data' } }, `${ENV}/data-bucket`,
    'existingBucketName', 'gs://acme-data', BUCKET],
  ['stagingBucket.existingBucketName invalid', { stagingBucket: { existingBucketName: 'my-google-staging' } }, `${ENV}/staging-bucket`,
    'existingBucketName', 'my-google-staging', BUCKET],
  ['softDeleteRetentionDays 3', { dataBucket: { softDeleteRetentionDays: 3 } }, `${ENV}/data-bucket`, 'softDeleteRetentionDays', 3, SOFT_DELETE],
  ['softDeleteRetentionDays 91', { artifactsBucket: { softDeleteRetentionDays: 91 } }, `${ENV}/artifacts-bucket`, 'softDeleteRetentionDays', 91, SOFT_DELETE],
  ['noncurrentVersionRetentionDays 0', { dataBucket: { noncurrentVersionRetentionDays: 0 } }, `${ENV}/data-bucket`,
    'noncurrentVersionRetentionDays', 0, NONCURRENT],
  ['noncurrentVersionRetentionDays 1.5', { stagingBucket: { noncurrentVersionRetentionDays: 1.5 } }, `${ENV}/staging-bucket`,
    'noncurrentVersionRetentionDays', 1.5, NONCURRENT],
  ['objectExpirationDays -1', { stagingBucket: { objectExpirationDays: -1 } }, `${ENV}/staging-bucket`, 'objectExpirationDays', -1, EXPIRATION],

  // Encryption.
  ['encryption.rotationPeriodDays 0', { encryption: { rotationPeriodDays: 0 } }, `${ENV}/encryption`, 'encryption.rotationPeriodDays', 0,
    'must be a whole number from 1 to 365'],
  ['encryption.rotationPeriodDays 400', { encryption: { rotationPeriodDays: 400 } }, `${ENV}/encryption`, 'encryption.rotationPeriodDays', 400,
    'must be a whole number from 1 to 365'],
  ['encryption.destroyScheduledDays 121', { encryption: { destroyScheduledDays: 121 } }, `${ENV}/encryption`, 'encryption.destroyScheduledDays', 121,
    'must be a whole number from 1 to 120'],
  ['encryption.storageKeyName malformed', { encryption: { storageKeyName: 'projects/acme-ml/keyRings/r/cryptoKeys/k' } }, `${ENV}/encryption`,
    'encryption.storageKeyName', 'projects/acme-ml/keyRings/r/cryptoKeys/k', KEY_SHAPE],
  ['encryption.storageKeyName a key version', { encryption: { storageKeyName: `${otherRegionKey.replace('europe-west4', 'us-central1')}/cryptoKeyVersions/1` } },
    `${ENV}/encryption`, 'encryption.storageKeyName', 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1', KEY_SHAPE],
  ['encryption.storageKeyName in another region', { encryption: { storageKeyName: otherRegionKey } }, `${ENV}/encryption`,
    'encryption.storageKeyName', otherRegionKey, IN_REGION('europe-west4')],
  ['encryption.storageKeyName global', { encryption: { storageKeyName: globalKey } }, `${ENV}/encryption`,
    'encryption.storageKeyName', globalKey, IN_REGION('global')],
  ['encryption.registryKeyName in another region', { encryption: { registryKeyName: otherRegionKey } }, `${ENV}/encryption`,
    'encryption.registryKeyName', otherRegionKey, IN_REGION('europe-west4')],
  ['encryption.vertexKeyName global', { encryption: { vertexKeyName: globalKey } }, `${ENV}/encryption`,
    'encryption.vertexKeyName', globalKey, IN_REGION('global')],
  ['encryption.existingKeyRingName in another region', { encryption: { existingKeyRingName: 'projects/p/locations/europe-west4/keyRings/r' } },
    `${ENV}/encryption`, 'encryption.existingKeyRingName', 'projects/p/locations/europe-west4/keyRings/r', IN_REGION('europe-west4')],
  ['encryption.existingKeyRingName malformed', { encryption: { existingKeyRingName: 'ml-training' } }, `${ENV}/encryption`,
    'encryption.existingKeyRingName', 'ml-training', 'must be a resource name of the form projects/PROJECT/locations/REGION/keyRings/RING'],
  ['encryption.keyRingId invalid', { encryption: { keyRingId: 'ml.training' } }, `${ENV}/encryption`, 'encryption.keyRingId', 'ml.training',
    'must be 1-63 letters, digits, underscores or hyphens'],

  // Repositories.
  ['dockerRepository.repositoryId invalid', { dockerRepository: { repositoryId: 'ML_Images' } }, `${ENV}/docker-repository`, 'repositoryId', 'ML_Images',
    'must be a repository ID: 2-63 lowercase letters, digits or hyphens'],
  ['pythonRepository.repositoryId invalid', { pythonRepository: { repositoryId: '1-packages' } }, `${ENV}/python-repository`, 'repositoryId', '1-packages',
    'must be a repository ID: 2-63 lowercase letters, digits or hyphens'],
  ['keepMostRecentVersions 0', { dockerRepository: { keepMostRecentVersions: 0 } }, `${ENV}/docker-repository`, 'keepMostRecentVersions', 0,
    'must be a whole number from 1 to 1000'],
  ['deleteUntaggedAfterDays -3', { pythonRepository: { deleteUntaggedAfterDays: -3 } }, `${ENV}/python-repository`, 'deleteUntaggedAfterDays', -3,
    'must be 0 (off) or a whole number from 1 to 3650'],
  ['immutableTags on the python repository', { pythonRepository: { immutableTags: true } }, `${ENV}/python-repository`, 'immutableTags', true,
    'only Docker repositories have tags (remove the option)'],
  ['existingRepositoryName malformed', { dockerRepository: { existingRepositoryName: 'us-central1-docker.pkg.dev/acme-ml/images' } },
    `${ENV}/docker-repository`, 'existingRepositoryName', 'us-central1-docker.pkg.dev/acme-ml/images',
    'must be a literal repository name of the form projects/PROJECT/locations/LOCATION/repositories/REPOSITORY'],

  // Identities.
  ['trainerServiceAccount.accountId too short', { trainerServiceAccount: { accountId: 'abc' } }, `${ENV}/trainer`, 'accountId', 'abc',
    'must be a service account ID: 6-30 lowercase letters, digits or hyphens'],
  ['launcherServiceAccount.accountId with uppercase', { launcherServiceAccount: { accountId: 'Launcher-1' } }, `${ENV}/launcher`, 'accountId', 'Launcher-1',
    'must be a service account ID: 6-30 lowercase letters, digits or hyphens'],
  ['trainerServiceAccount.existingEmail not a service account email', { trainerServiceAccount: { existingEmail: 'alice@example.com' } },
    `${ENV}/trainer`, 'existingEmail', 'alice@example.com', 'must be a service account email ending in .gserviceaccount.com'],

  // TensorBoard.
  ['tensorboard.displayName empty', { tensorboard: { displayName: '' } }, `${ENV}/tensorboard`, 'tensorboard.displayName', '', 'must be 1-128 characters'],
  ['tensorboard.displayName of 129 characters', { tensorboard: { displayName: chars('t', 129) } }, `${ENV}/tensorboard`, 'tensorboard.displayName',
    chars('t', 129), 'must be 1-128 characters'],
  ['tensorboard.existingTensorboardName in another region',
    { tensorboard: { existingTensorboardName: 'projects/acme-ml/locations/europe-west4/tensorboards/123' } }, `${ENV}/tensorboard`,
    'tensorboard.existingTensorboardName', 'projects/acme-ml/locations/europe-west4/tensorboards/123', IN_REGION('europe-west4')],
  ['tensorboard.existingTensorboardName malformed', { tensorboard: { existingTensorboardName: 'projects/acme-ml/locations/us-central1/tensorboards/tb' } },
    `${ENV}/tensorboard`, 'tensorboard.existingTensorboardName', 'projects/acme-ml/locations/us-central1/tensorboards/tb',
    'must be a resource name of the form projects/PROJECT/locations/REGION/tensorboards/NUMERIC_ID'],
  ['tensorboard disabled with existingTensorboardName',
    { tensorboard: { enabled: false, existingTensorboardName: 'projects/acme-ml/locations/us-central1/tensorboards/123' } }, ENV,
    'tensorboard.existingTensorboardName', 'projects/acme-ml/locations/us-central1/tensorboards/123', 'cannot be combined with tensorboard.enabled: false'],
];

describe('TrainingEnvironment refuses invalid input at construction', () => {
  test('the defaults construct without error (so every refusal below comes from its one bad field)', () => {
    expect(() => environmentStack()).not.toThrow();
  });

  test.each(cases)('%s', (_title, props, path, field, value, allowed) => {
    expectMessage(constructionError(props), path, field, value, allowed);
  });

  // serviceAccountEmail accepts an IAM member, so the environment grants `serviceAccount:serviceAccount:...`
  // and the mistake surfaces only at apply time.
  test('trainerServiceAccount.existingEmail given as an IAM member ("serviceAccount:" prefix)', () => {
    const member = 'serviceAccount:trainer@acme-ml.iam.gserviceaccount.com';
    expectMessage(constructionError({ trainerServiceAccount: { existingEmail: member } }), `${ENV}/trainer`, 'existingEmail', member,
      'must be a service account email ending in .gserviceaccount.com');
  });

  test('a prefix that cannot be derived from the construct ID "9" names the ID and says to set prefix', () => {
    const error = constructionError({}, '9');
    expectMessage(error, 'test/9', 'prefix', '9', 'cannot be derived from the construct ID; set prefix to 2-20 lowercase letters, digits or hyphens');
  });

  test('a single-character construct ID cannot give a prefix either', () => {
    expectMessage(constructionError({}, 'a'), 'test/a', 'prefix', 'a', 'cannot be derived from the construct ID');
  });

  test('an explicit prefix makes any construct ID usable', () => {
    expect(() => environmentStack({ prefix: 'ml' }, '9')).not.toThrow();
  });

  test('the region error lists the allowed regions when it has no suggestion', () => {
    const error = constructionError({ region: 'moon-base1' });
    expect(error.message).toContain('us-central1');
    expect(error.message).toContain('europe-west4');
    expect(error.message).not.toMatch(/[(,] us[,)]/);
  });
});

describe('TrainingEnvironment accepts the boundaries of every range', () => {
  test.each<[string, Partial<TrainingEnvironmentProps>]>([
    ['60 labels of your own: 64 with the library\'s 3 and the launcher\'s 1 on each run', { labels: manyLabels(60) }],
    ['a user label overriding a library label does not count twice', { labels: { ...manyLabels(60), 'managed-by': 'platform' } }],
    ['an empty label value', { labels: { team: '' } }],
    ['a 20-character prefix', { prefix: chars('a', 20) }],
    ['softDeleteRetentionDays 0 (off)', { dataBucket: { softDeleteRetentionDays: 0 } }],
    ['softDeleteRetentionDays 7', { dataBucket: { softDeleteRetentionDays: 7 } }],
    ['softDeleteRetentionDays 90', { dataBucket: { softDeleteRetentionDays: 90 } }],
    ['noncurrentVersionRetentionDays 1', { dataBucket: { noncurrentVersionRetentionDays: 1 } }],
    ['objectExpirationDays 0 (never)', { stagingBucket: { objectExpirationDays: 0 } }],
    ['a valid existingBucketName', { dataBucket: { existingBucketName: 'acme-shared-data' } }],
    ['rotationPeriodDays 1 and destroyScheduledDays 120', { encryption: { rotationPeriodDays: 1, destroyScheduledDays: 120 } }],
    ['rotationPeriodDays 365', { encryption: { rotationPeriodDays: 365 } }],
    ['keys brought in the environment\'s region', { encryption: {
      storageKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/s',
      registryKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/a',
      vertexKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/v',
    } }],
    ['an existing key ring in the environment\'s region', { encryption: { existingKeyRingName: 'projects/p/locations/us-central1/keyRings/r' } }],
    ['keepMostRecentVersions 1 and deleteUntaggedAfterDays 0', { dockerRepository: { keepMostRecentVersions: 1, deleteUntaggedAfterDays: 0 } }],
    ['immutableTags on the Docker repository', { dockerRepository: { immutableTags: true } }],
    ['an existing repository', { pythonRepository: { existingRepositoryName: 'projects/shared/locations/us/repositories/packages' } }],
    ['an existing service account', { trainerServiceAccount: { existingEmail: 'trainer@acme-ml.iam.gserviceaccount.com' } }],
    ['a 128-character TensorBoard display name', { tensorboard: { displayName: chars('t', 128) } }],
    ['an existing TensorBoard in the region', { tensorboard: { existingTensorboardName: 'projects/acme-ml/locations/us-central1/tensorboards/123' } }],
    ['no TensorBoard', { tensorboard: { enabled: false } }],
  ])('%s', (_title, props) => {
    expect(() => environmentStack(props)).not.toThrow();
  });
});

describe('grants refuse invalid principals', () => {
  test.each([
    ['allUsers', 'must not be a public principal (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)'],
    ['allAuthenticatedUsers', 'must not be a public principal (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)'],
    ['alice@example.com', 'must be an IAM principal such as user:EMAIL, serviceAccount:EMAIL, group:EMAIL'],
    ['user:alice', 'must carry an email address after the prefix'],
  ])('grantDataRead(%j)', (member, allowed) => {
    const { env } = environmentStack();
    expectMessage(thrown(() => env.grantDataRead(member)), `${ENV}/data-bucket`, 'member', member, allowed);
  });

  test('the other grant methods refuse public principals too', () => {
    const { env } = environmentStack();
    expectMessage(thrown(() => env.grantDataReadWrite('allUsers')), `${ENV}/data-bucket`, 'member', 'allUsers', 'public principal');
    expectMessage(thrown(() => env.grantArtifactsRead('allAuthenticatedUsers')), `${ENV}/artifacts-bucket`, 'member', 'allAuthenticatedUsers', 'public principal');
    expectMessage(thrown(() => env.grantImagesAndPackagesRead('allUsers')), `${ENV}/docker-repository`, 'member', 'allUsers', 'public principal');
    expectMessage(thrown(() => env.grantImagesAndPackagesWrite('allUsers')), `${ENV}/docker-repository`, 'member', 'allUsers', 'public principal');
    expectMessage(thrown(() => env.trainer.grantActAs('allUsers')), `${ENV}/trainer`, 'member', 'allUsers', 'public principal');
  });

  test('a valid principal is granted', () => {
    const { env } = environmentStack();
    expect(() => env.grantDataRead('group:data-scientists@example.com')).not.toThrow();
  });
});

describe('Terraform tokens are not validated at synth time', () => {
  function tokenStack(): { stack: TerraformStack; variable: (name: string) => string } {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    return { stack, variable: (name) => new TerraformVariable(stack, name, { type: 'string' }).stringValue };
  }

  test('a projectId variable is not rejected, and reaches the resources', () => {
    const { stack, variable } = tokenStack();
    const projectId = variable('project');
    expect(() => new TrainingEnvironment(stack, 'ml', { projectId, region: 'us-central1' })).not.toThrow();
    const json = JSON.parse(Testing.synth(stack));
    const buckets = Object.values(json.resource.google_storage_bucket) as any[];
    expect(buckets.map((b) => b.name).sort()).toEqual([
      '${var.project}-ml-artifacts',
      '${var.project}-ml-data',
      '${var.project}-ml-staging',
    ]);
  });

  test('a token projectId does not switch off the other checks', () => {
    const { stack, variable } = tokenStack();
    const error = thrown(() => new TrainingEnvironment(stack, 'ml', { projectId: variable('project'), region: 'us-central1', prefix: 'ML' }));
    expectMessage(error, ENV, 'prefix', 'ML', PREFIX);
  });

  // The bucket's location is `region.toUpperCase()`, which upper-cases the token's placeholder text
  // as well, so Terraform receives a broken `${TFTOKEN[...]}` instead of `${var.region}`.
  test('a region variable is not rejected, and reaches the bucket location as a reference', () => {
    const { stack, variable } = tokenStack();
    const region = variable('region');
    expect(() => new TrainingEnvironment(stack, 'ml', { projectId: 'acme-ml', region })).not.toThrow();
    const json = JSON.parse(Testing.synth(stack));
    const locations = (Object.values(json.resource.google_storage_bucket) as any[]).map((b) => b.location);
    expect(locations).toHaveLength(3);
    for (const location of locations) expect(location).toMatch(/\bvar\.region\b/);
  });
});
