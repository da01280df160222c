import { isVertexRegion, VERTEX_REGIONS } from '../lib/catalog/regions';
import { bucketName } from '../lib/rules/bucket-name';
import { iamMember } from '../lib/rules/iam-member';
import { labelKey, labelValue } from '../lib/rules/labels';
import { displayName, kmsId, namePrefix, repositoryId, serviceAccountEmail, serviceAccountId } from '../lib/rules/names';
import { integerInRange, zeroOrIntegerInRange } from '../lib/rules/numbers';
import { projectId } from '../lib/rules/project';
import {
  parseCryptoKeyName,
  parseKeyRingName,
  parseRepositoryName,
  parseTensorboardName,
  ParsedResourceName,
  regionalName,
} from '../lib/rules/resource-names';
import { RuleResult } from '../lib/rules/result';

/** `n` repetitions of `c`. */
const chars = (c: string, n: number): string => c.repeat(n);

/**
 * Every rejection is a sentence saying what is allowed; `expected` pins the sentence (or a part of
 * it for rules with several messages), so a rule cannot pass by returning some unrelated string.
 */
function expectRejected(result: RuleResult, expected: string | RegExp): void {
  expect(typeof result).toBe('string');
  if (typeof expected === 'string') expect(result).toBe(expected);
  else expect(result).toMatch(expected);
}

describe('projectId', () => {
  const FORMAT = 'must be a project ID: 6-30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';

  test.each([
    'acme-ml',
    'abcdef', // 6, the minimum
    `a${chars('b', 29)}`, // 30, the maximum
    'my-project-123',
    'a1b2c3',
    'a-----b',
    'example.com:my-project', // legacy domain-scoped
  ])('accepts %j', (value) => {
    expect(projectId(value)).toBeUndefined();
  });

  test.each([
    ['too short (5)', 'abcde'],
    ['too long (31)', `a${chars('b', 30)}`],
    ['uppercase', 'Acme-ml'],
    ['underscore', 'acme_ml'],
    ['starts with a digit', '1acme-ml'],
    ['starts with a hyphen', '-acme-ml'],
    ['ends with a hyphen', 'acme-ml-'],
    ['a dot without a domain scope', 'acme.ml'],
    ['a space', 'acme ml'],
    ['empty', ''],
    ['domain scope with an invalid project part', 'example.com:ab'],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(projectId(value), FORMAT);
  });

  test.each(['my-google-project', 'google-ml', 'acme-google'])('rejects %j because it contains "google"', (value) => {
    expectRejected(projectId(value), 'must not contain "google"');
  });
});

describe('labelKey', () => {
  const ALLOWED = 'must be a label key: 1-63 lowercase letters, digits, underscores or hyphens, starting with a lowercase letter';

  test.each([
    'team',
    'a', // 1, the minimum
    chars('a', 63), // the maximum
    'cost-center',
    'env_1',
    'é', // international lowercase letters are allowed
    '日本', // letters without case (\p{Lo}) are allowed
  ])('accepts %j', (value) => {
    expect(labelKey(value)).toBeUndefined();
  });

  test.each([
    ['empty', ''],
    ['uppercase', 'Team'],
    ['starts with a digit', '1team'],
    ['starts with a hyphen', '-team'],
    ['starts with an underscore', '_team'],
    ['a dot', 'team.name'],
    ['a space', 'team name'],
    ['too long (64)', chars('a', 64)],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(labelKey(value), ALLOWED);
  });
});

describe('labelValue', () => {
  const ALLOWED = 'must be a label value: 0-63 lowercase letters, digits, underscores or hyphens';

  test.each(['', 'prod', '123', 'a_b-c', '-leading-hyphen', chars('a', 63), 'é'])('accepts %j', (value) => {
    expect(labelValue(value)).toBeUndefined();
  });

  test.each([
    ['uppercase', 'Prod'],
    ['a dot', 'v1.2'],
    ['a slash', 'a/b'],
    ['a space', 'a b'],
    ['too long (64)', chars('a', 64)],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(labelValue(value), ALLOWED);
  });
});

describe('namePrefix', () => {
  const ALLOWED = 'must be 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';

  test.each(['ml', 'a1', 'team-ml-2024', 'a--b', chars('a', 20)])('accepts %j', (value) => {
    expect(namePrefix(value)).toBeUndefined();
  });

  test.each([
    ['too short (1)', 'a'],
    ['too long (21)', chars('a', 21)],
    ['uppercase', 'ML'],
    ['underscore', 'm_l'],
    ['starts with a digit', '1ml'],
    ['ends with a hyphen', 'ml-'],
    ['empty', ''],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(namePrefix(value), ALLOWED);
  });
});

describe('serviceAccountId', () => {
  const ALLOWED = 'must be a service account ID: 6-30 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';

  test.each(['trainer', 'abcdef', chars('a', 30), 'ml-trainer-2', 'ml-launcher'])('accepts %j', (value) => {
    expect(serviceAccountId(value)).toBeUndefined();
  });

  test.each([
    ['too short (5)', 'abcde'],
    ['too long (31)', chars('a', 31)],
    ['uppercase', 'Trainer'],
    ['starts with a digit', '1trainer'],
    ['ends with a hyphen', 'trainer-'],
    ['underscore', 'train_er'],
    ['an email', 'trainer@acme-ml.iam.gserviceaccount.com'],
    ['empty', ''],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(serviceAccountId(value), ALLOWED);
  });
});

describe('serviceAccountEmail', () => {
  const ALLOWED = 'must be a service account email ending in .gserviceaccount.com';

  test.each([
    'trainer@acme-ml.iam.gserviceaccount.com',
    '123456789-compute@developer.gserviceaccount.com',
    'acme-ml@appspot.gserviceaccount.com',
  ])('accepts %j', (value) => {
    expect(serviceAccountEmail(value)).toBeUndefined();
  });

  test.each([
    ['a user email', 'alice@example.com'],
    ['gserviceaccount.com not at the end', 'trainer@acme-ml.iam.gserviceaccount.com.evil.example'],
    ['no @', 'trainer'],
    ['empty local part', '@acme-ml.iam.gserviceaccount.com'],
    ['two @', 'a@b@acme-ml.iam.gserviceaccount.com'],
    ['a space', 'train er@acme-ml.iam.gserviceaccount.com'],
    ['a trailing space', 'trainer@acme-ml.iam.gserviceaccount.com '],
    ['empty', ''],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(serviceAccountEmail(value), ALLOWED);
  });

  // An IAM member passed where an email is expected is a likely mistake; it would become the member
  // `serviceAccount:serviceAccount:...`, which fails only at apply time.
  test('rejects an IAM member ("serviceAccount:" prefix) instead of an email', () => {
    expectRejected(serviceAccountEmail('serviceAccount:trainer@acme-ml.iam.gserviceaccount.com'), ALLOWED);
  });
});

describe('repositoryId', () => {
  const ALLOWED = 'must be a repository ID: 2-63 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';

  test.each(['ml-images', 'ab', 'images2', chars('a', 63)])('accepts %j', (value) => {
    expect(repositoryId(value)).toBeUndefined();
  });

  test.each([
    ['too short (1)', 'a'],
    ['too long (64)', chars('a', 64)],
    ['uppercase', 'Images'],
    ['starts with a digit', '1images'],
    ['ends with a hyphen', 'images-'],
    ['underscore', 'ml_images'],
    ['a dot', 'ml.images'],
    ['empty', ''],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(repositoryId(value), ALLOWED);
  });
});

describe('kmsId', () => {
  const ALLOWED = 'must be 1-63 letters, digits, underscores or hyphens';

  test.each(['r', 'Ring_1', 'ml-training', '-leading', chars('a', 63)])('accepts %j', (value) => {
    expect(kmsId(value)).toBeUndefined();
  });

  test.each([
    ['empty', ''],
    ['too long (64)', chars('a', 64)],
    ['a dot', 'ring.1'],
    ['a slash', 'ring/1'],
    ['a space', 'ring 1'],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(kmsId(value), ALLOWED);
  });
});

describe('displayName', () => {
  const ALLOWED = 'must be 1-128 characters';

  test.each(['x', 'My TensorBoard (prod) / run #1', chars('a', 128)])('accepts %j', (value) => {
    expect(displayName(value)).toBeUndefined();
  });

  test.each([
    ['empty', ''],
    ['too long (129)', chars('a', 129)],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(displayName(value), ALLOWED);
  });
});

describe('bucketName', () => {
  const ALLOWED = 'must be a bucket name: 3-63 lowercase letters, digits, hyphens, underscores or dots (up to 222 with dots, 63 per dot-separated part), starting and ending with a letter or digit, not an IP address, not starting with "goog" and not containing "google"';
  const part63 = chars('a', 63);
  const dotted222 = `${part63}.${part63}.${part63}.${chars('b', 30)}`;
  const dotted223 = `${part63}.${part63}.${part63}.${chars('b', 31)}`;

  test('the dotted fixtures have the intended lengths', () => {
    expect(dotted222).toHaveLength(222);
    expect(dotted223).toHaveLength(223);
  });

  test.each([
    ['3 characters, the minimum', 'abc'],
    ['a derived name', 'acme-ml-ml-data'],
    ['63 characters without dots', chars('a', 63)],
    ['underscores', 'my_training_bucket'],
    ['dots', 'data.example.com'],
    ['222 characters with dots, 63 per part', dotted222],
    ['starts with a digit', '1bucket'],
    ['ends with a digit', 'bucket9'],
    ['"goog" not at the start', 'my-goog-bucket'],
    ['four numbers that are not an IP address', '192.168.5.4a'],
  ])('accepts %s: %j', (_why, value) => {
    expect(bucketName(value)).toBeUndefined();
  });

  test.each([
    ['too short (2)', 'ab'],
    ['empty', ''],
    ['too long without dots (64)', chars('a', 64)],
    ['too long with dots (223)', dotted223],
    ['a dot-separated part longer than 63', `${chars('a', 64)}.com`],
    ['uppercase', 'My-bucket'],
    ['starts with an underscore', '_bucket'],
    ['ends with an underscore', 'bucket_'],
    ['starts with a hyphen', '-bucket'],
    ['ends with a hyphen', 'bucket-'],
    ['starts with a dot', '.bucket'],
    ['ends with a dot', 'bucket.'],
    ['an empty dot-separated part', 'a..b'],
    ['an IP address', '192.168.5.4'],
    ['starts with "goog"', 'goog-bucket'],
    ['starts with "goog" without a separator', 'googbucket'],
    ['contains "google"', 'my-google-bucket'],
    ['contains the misspelling "g00gle"', 'my-g00gle-bucket'],
    ['a space', 'my bucket'],
    ['a non-ASCII letter', 'bücket'],
    ['a gs:// URL', 'gs://bucket'],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(bucketName(value), ALLOWED);
  });
});

describe('iamMember', () => {
  const PUBLIC = 'must not be a public principal (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)';
  const FORMAT = 'must be an IAM principal such as user:EMAIL, serviceAccount:EMAIL, group:EMAIL, domain:DOMAIN, principal://... or principalSet://...';
  const EMAIL = 'must carry an email address after the prefix';

  test.each([
    ['user:', 'user:alice@example.com'],
    ['serviceAccount:', 'serviceAccount:trainer@acme-ml.iam.gserviceaccount.com'],
    ['group:', 'group:data-scientists@example.com'],
    ['domain:', 'domain:example.com'],
    ['principal:', 'principal://iam.googleapis.com/locations/global/workforcePools/pool/subject/alice'],
    ['principalSet:', 'principalSet://iam.googleapis.com/locations/global/workforcePools/pool/group/ml'],
  ])('accepts the %s prefix: %j', (_prefix, value) => {
    expect(iamMember(value)).toBeUndefined();
  });

  test.each(['allUsers', 'allAuthenticatedUsers'])('refuses the public principal %j', (value) => {
    expectRejected(iamMember(value), PUBLIC);
  });

  test.each([
    ['a bare email (no prefix)', 'alice@example.com'],
    ['an unknown prefix', 'owner:alice@example.com'],
    ['a prefix in the wrong case', 'User:alice@example.com'],
    ['a prefix with nothing after it', 'user:'],
    ['a space after the prefix', 'user: alice@example.com'],
    ['empty', ''],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(iamMember(value), FORMAT);
  });

  test.each([
    ['user: without an email', 'user:alice'],
    ['serviceAccount: without an email', 'serviceAccount:trainer'],
    ['group: without a domain', 'group:ml@'],
    ['an email without a dot in the domain', 'user:alice@example'],
    ['two @', 'user:a@b@example.com'],
    ['a public principal behind user:', 'user:allUsers'],
  ])('rejects %s: %j', (_why, value) => {
    expectRejected(iamMember(value), EMAIL);
  });
});

describe('integerInRange', () => {
  const ALLOWED = 'must be a whole number from 1 to 365';

  test.each([1, 2, 90, 364, 365])('accepts %p in [1, 365]', (value) => {
    expect(integerInRange(value, 1, 365)).toBeUndefined();
  });

  test.each([
    ['below the minimum', 0],
    ['above the maximum', 366],
    ['negative', -1],
    ['a fraction', 1.5],
    ['a fraction inside the range', 89.9],
    ['NaN', NaN],
    ['Infinity', Infinity],
  ])('rejects %s: %p', (_why, value) => {
    expectRejected(integerInRange(value, 1, 365), ALLOWED);
  });

  test('names the bounds it was given', () => {
    expectRejected(integerInRange(0, 1, 3650), 'must be a whole number from 1 to 3650');
  });
});

describe('zeroOrIntegerInRange', () => {
  const ALLOWED = 'must be 0 (off) or a whole number from 7 to 90';

  test.each([0, -0, 7, 8, 30, 89, 90])('accepts %p (0 or [7, 90])', (value) => {
    expect(zeroOrIntegerInRange(value, 7, 90)).toBeUndefined();
  });

  test.each([
    ['between 0 and the minimum', 1],
    ['just below the minimum', 6],
    ['just above the maximum', 91],
    ['negative', -7],
    ['-1', -1],
    ['a fraction inside the range', 7.5],
    ['a fraction near 0', 0.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
  ])('rejects %s: %p', (_why, value) => {
    expectRejected(zeroOrIntegerInRange(value, 7, 90), ALLOWED);
  });
});

describe('resource-name parsers', () => {
  describe('parseCryptoKeyName', () => {
    test.each([
      ['projects/acme-ml/locations/us-central1/keyRings/ml-training/cryptoKeys/ml-storage',
        { project: 'acme-ml', location: 'us-central1', id: 'ml-training/ml-storage' }],
      ['projects/other-proj/locations/global/keyRings/R_1/cryptoKeys/K-2',
        { project: 'other-proj', location: 'global', id: 'R_1/K-2' }],
    ])('parses %j', (value, expected) => {
      expect(parseCryptoKeyName(value)).toEqual(expected);
    });

    test.each([
      ['a key ring, not a key', 'projects/p/locations/us-central1/keyRings/r'],
      ['a key version', 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1'],
      ['no location', 'projects/p/keyRings/r/cryptoKeys/k'],
      ['an empty project', 'projects//locations/us-central1/keyRings/r/cryptoKeys/k'],
      ['a leading slash', '/projects/p/locations/us-central1/keyRings/r/cryptoKeys/k'],
      ['a trailing slash', 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k/'],
      ['a dot in the key ring', 'projects/p/locations/us-central1/keyRings/r.1/cryptoKeys/k'],
      ['a space', 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k 1'],
      ['"project/" instead of "projects/"', 'project/p/locations/us-central1/keyRings/r/cryptoKeys/k'],
      ['a bare key ID', 'ml-storage'],
      ['empty', ''],
    ])('rejects %s: %j', (_why, value) => {
      expect(parseCryptoKeyName(value)).toBeUndefined();
    });
  });

  describe('parseKeyRingName', () => {
    test.each([
      ['projects/acme-ml/locations/us-central1/keyRings/ml-training', { project: 'acme-ml', location: 'us-central1', id: 'ml-training' }],
      ['projects/p/locations/europe-west4/keyRings/R_1', { project: 'p', location: 'europe-west4', id: 'R_1' }],
    ])('parses %j', (value, expected) => {
      expect(parseKeyRingName(value)).toEqual(expected);
    });

    test.each([
      ['a key, not a key ring', 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k'],
      ['an empty key ring', 'projects/p/locations/us-central1/keyRings/'],
      ['a key ring ID longer than 63', `projects/p/locations/us-central1/keyRings/${chars('r', 64)}`],
      ['no location', 'projects/p/keyRings/r'],
      ['a bare key ring ID', 'ml-training'],
    ])('rejects %s: %j', (_why, value) => {
      expect(parseKeyRingName(value)).toBeUndefined();
    });
  });

  describe('parseRepositoryName', () => {
    test.each([
      ['projects/acme-ml/locations/us-central1/repositories/ml-images', { project: 'acme-ml', location: 'us-central1', id: 'ml-images' }],
      ['projects/shared/locations/us/repositories/base-images', { project: 'shared', location: 'us', id: 'base-images' }],
    ])('parses %j', (value, expected) => {
      expect(parseRepositoryName(value)).toEqual(expected);
    });

    test.each([
      ['an uppercase repository ID', 'projects/p/locations/us-central1/repositories/ML-Images'],
      ['a one-character repository ID', 'projects/p/locations/us-central1/repositories/a'],
      ['a trailing slash', 'projects/p/locations/us-central1/repositories/ml-images/'],
      ['"repository/" instead of "repositories/"', 'projects/p/locations/us-central1/repository/ml-images'],
      ['a registry URL', 'us-central1-docker.pkg.dev/acme-ml/ml-images'],
      ['empty', ''],
    ])('rejects %s: %j', (_why, value) => {
      expect(parseRepositoryName(value)).toBeUndefined();
    });
  });

  describe('parseTensorboardName', () => {
    test.each([
      ['projects/acme-ml/locations/us-central1/tensorboards/1234567890', { project: 'acme-ml', location: 'us-central1', id: '1234567890' }],
      ['projects/123456/locations/europe-west4/tensorboards/7', { project: '123456', location: 'europe-west4', id: '7' }],
    ])('parses %j', (value, expected) => {
      expect(parseTensorboardName(value)).toEqual(expected);
    });

    test.each([
      ['a non-numeric ID', 'projects/p/locations/us-central1/tensorboards/ml-tensorboard'],
      ['an empty ID', 'projects/p/locations/us-central1/tensorboards/'],
      ['an experiment under the TensorBoard', 'projects/p/locations/us-central1/tensorboards/1/experiments/e'],
      ['no location', 'projects/p/tensorboards/1'],
      ['a bare ID', '1234567890'],
    ])('rejects %s: %j', (_why, value) => {
      expect(parseTensorboardName(value)).toBeUndefined();
    });
  });
});

describe('regionalName', () => {
  const SHAPE = 'projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY';
  const key = (location: string) => `projects/acme-ml/locations/${location}/keyRings/r/cryptoKeys/k`;
  const check = (value: string, region = 'us-central1') => regionalName(parseCryptoKeyName(value), SHAPE, region);

  test.each([
    [key('us-central1'), 'us-central1'],
    [key('europe-west4'), 'europe-west4'],
    ['projects/other-project/locations/us-central1/keyRings/r/cryptoKeys/k', 'us-central1'],
  ])('accepts %j in %s', (value, region) => {
    expect(check(value, region)).toBeUndefined();
  });

  test.each([
    ['another region', 'europe-west4'],
    ['a neighbouring region', 'us-east1'],
    ['the global location', 'global'],
    ['the us multi-region', 'us'],
    ['the eu multi-region', 'eu'],
    ['the region in uppercase', 'US-CENTRAL1'],
  ])('rejects a key in %s (%s)', (_why, location) => {
    expectRejected(check(key(location)),
      `must be in the environment's region us-central1 (found location "${location}"; global and multi-region locations cannot be used)`);
  });

  test.each([
    ['a key version', `${key('us-central1')}/cryptoKeyVersions/1`],
    ['a key ring', 'projects/acme-ml/locations/us-central1/keyRings/r'],
    ['a bare key ID', 'k'],
    ['empty', ''],
  ])('rejects a malformed name: %s', (_why, value) => {
    expectRejected(check(value), `must be a resource name of the form ${SHAPE}`);
  });

  test('reports the shape it was given for an unparsed name', () => {
    const shape = 'projects/PROJECT/locations/REGION/tensorboards/NUMERIC_ID';
    const missing: ParsedResourceName | undefined = parseTensorboardName('tb');
    expectRejected(regionalName(missing, shape, 'us-central1'), `must be a resource name of the form ${shape}`);
  });
});

describe('isVertexRegion', () => {
  test.each(['us-central1', 'europe-west4', 'asia-northeast1', 'us-east4', 'me-central2', 'africa-south1'])('accepts %j', (region) => {
    expect(isVertexRegion(region)).toBe(true);
  });

  test.each(VERTEX_REGIONS.map((region) => [region]))('accepts every catalogued region: %s', (region) => {
    expect(isVertexRegion(region)).toBe(true);
  });

  test.each([
    ['the us multi-region', 'us'],
    ['the eu multi-region', 'eu'],
    ['the asia multi-region', 'asia'],
    ['global', 'global'],
    ['a zone', 'us-central1-a'],
    ['uppercase', 'US-CENTRAL1'],
    ['a trailing space', 'us-central1 '],
    ['a region family without a number', 'us-central'],
    ['an unknown region', 'mars-north1'],
    ['empty', ''],
  ])('rejects %s: %j', (_why, region) => {
    expect(isVertexRegion(region)).toBe(false);
  });

  test('the catalogue holds regions only, no multi-region', () => {
    expect(VERTEX_REGIONS.length).toBeGreaterThan(0);
    for (const region of VERTEX_REGIONS) expect(region).toMatch(/^[a-z]+-[a-z]+\d+$/);
  });
});
