import {
  accessLevelName,
  accessPolicyName,
  cidr,
  cidrPrefixBetween,
  gcpResourceName,
  googleApiService,
  networkName,
  overlapping,
  parseCidr,
  perimeterShortName,
  privateCidr,
  resourceNameRegExp,
  servicePerimeterName,
  vpcScIdentity,
} from '../../lib/rules/network';

const CIDR_SHAPE = 'must be an IPv4 range in CIDR notation such as 10.8.0.0/20';
const PRIVATE = 'must be a private range within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918) or 100.64.0.0/10 (RFC 6598)';
const RESOURCE_NAME = 'must be 1-63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';
const SHORT_NAME = '1-50 letters, digits or underscores, starting with a letter';
const ACCESS_POLICY = 'must be an access policy name of the form accessPolicies/POLICY_NUMBER, such as accessPolicies/123456789012';
const PERIMETER = `must be a service perimeter name of the form accessPolicies/POLICY_NUMBER/servicePerimeters/NAME, where NAME is ${SHORT_NAME}`;
const ACCESS_LEVEL = `must be an access level name of the form accessPolicies/POLICY_NUMBER/accessLevels/NAME, where NAME is ${SHORT_NAME}`;
const IDENTITY = 'must be a VPC Service Controls identity: user:EMAIL, serviceAccount:EMAIL, group:EMAIL, principal://... or principalSet://...';
const PUBLIC = 'must not be a public principal (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)';
const DOMAIN = 'must not be a domain: principal: VPC Service Controls ingress and egress rules do not support domains; use a group:EMAIL instead';
const SERVICE = 'must be a Google API service name such as aiplatform.googleapis.com';
const NETWORK = `must be a VPC network name of the form projects/PROJECT_ID_OR_NUMBER/global/networks/NAME, where NAME is ${RESOURCE_NAME.replace('must be ', '')}`;

const hostBits = (suggestion: string) => `${CIDR_SHAPE}, with no host bits set (did you mean ${suggestion}?)`;
const ip = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/8', ip(10, 0, 0, 0), 8, ip(10, 0, 0, 0), ip(10, 255, 255, 255)],
    ['10.8.0.0/20', ip(10, 8, 0, 0), 20, ip(10, 8, 0, 0), ip(10, 8, 15, 255)],
    ['192.168.1.0/24', ip(192, 168, 1, 0), 24, ip(192, 168, 1, 0), ip(192, 168, 1, 255)],
    ['0.0.0.0/0', 0, 0, 0, 2 ** 32 - 1],
    ['255.255.255.255/32', 2 ** 32 - 1, 32, 2 ** 32 - 1, 2 ** 32 - 1], // above 2^31: no sign trouble
    ['200.1.2.3/32', ip(200, 1, 2, 3), 32, ip(200, 1, 2, 3), ip(200, 1, 2, 3)],
    ['10.0.0.1/24', ip(10, 0, 0, 1), 24, ip(10, 0, 0, 0), ip(10, 0, 0, 255)], // host bits set: still parsed
    ['172.31.255.255/12', ip(172, 31, 255, 255), 12, ip(172, 16, 0, 0), ip(172, 31, 255, 255)],
    ['128.0.0.0/1', ip(128, 0, 0, 0), 1, ip(128, 0, 0, 0), 2 ** 32 - 1],
    ['10.0.0.0/31', ip(10, 0, 0, 0), 31, ip(10, 0, 0, 0), ip(10, 0, 0, 1)],
  ])('parses %s', (value, address, prefixLength, first, last) => {
    expect(parseCidr(value)).toEqual({ address, prefixLength, first, last });
  });

  test.each([
    '',
    '10.0.0.0',
    '10.0.0.0/',
    '/24',
    '10.0.0/24',
    '10.0.0.0.0/24',
    '256.0.0.0/8',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '010.0.0.0/8', // leading zero in an octet
    '10.0.0.0/08', // leading zero in the prefix
    ' 10.0.0.0/8',
    '10.0.0.0/8 ',
    '10.0.0.0 /8',
    'a.b.c.d/8',
    '10.0.0.0/8/8',
    '::/0',
    'fd00::/8',
    '10.0.0.0\\8',
    '١٠.0.0.0/8', // non-ASCII digits
  ])('does not parse %j', (value) => {
    expect(parseCidr(value)).toBeUndefined();
  });
});

describe('cidr', () => {
  test.each([
    '10.0.0.0/8',
    '10.8.0.0/20',
    '10.8.16.0/20',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '192.168.10.0/24',
    '100.64.0.0/10',
    '0.0.0.0/0',
    '8.8.8.8/32',
    '10.0.0.0/29',
    '10.0.0.128/25',
    '255.255.255.0/24',
  ])('accepts %s', (value) => {
    expect(cidr(value)).toBeUndefined();
  });

  test.each([
    ['empty', '', CIDR_SHAPE],
    ['no prefix', '10.0.0.0', CIDR_SHAPE],
    ['octet out of range', '10.0.256.0/24', CIDR_SHAPE],
    ['prefix out of range', '10.0.0.0/33', CIDR_SHAPE],
    ['leading zero', '10.08.0.0/16', CIDR_SHAPE],
    ['three octets', '10.8.0/20', CIDR_SHAPE],
    ['IPv6', '2001:db8::/32', CIDR_SHAPE],
    ['whitespace', '10.0.0.0/24\n', CIDR_SHAPE],
    ['host bit in /24', '10.0.0.1/24', hostBits('10.0.0.0/24')],
    ['host bits in /20', '10.8.5.0/20', hostBits('10.8.0.0/20')],
    ['host bits in /12', '172.20.0.0/12', hostBits('172.16.0.0/12')],
    ['host bits in /0', '1.2.3.4/0', hostBits('0.0.0.0/0')],
    ['host bits in /31', '10.0.0.3/31', hostBits('10.0.0.2/31')],
    ['high address', '255.255.255.255/24', hostBits('255.255.255.0/24')],
  ])('rejects %s', (_label, value, message) => {
    expect(cidr(value)).toBe(message);
  });
});

describe('privateCidr', () => {
  test.each([
    '10.0.0.0/8',
    '10.8.0.0/20',
    '10.255.255.0/24',
    '172.16.0.0/12',
    '172.31.0.0/16',
    '192.168.0.0/16',
    '192.168.255.248/29',
    '100.64.0.0/10',
    '100.127.0.0/16',
    '10.0.0.1/24', // host bits are cidr()'s concern
  ])('accepts %s', (value) => {
    expect(privateCidr(value)).toBeUndefined();
  });

  test.each([
    ['public', '8.8.8.0/24', PRIVATE],
    ['0.0.0.0/0', '0.0.0.0/0', PRIVATE],
    ['bigger than 10/8', '10.0.0.0/7', PRIVATE],
    ['just below 172.16/12', '172.15.0.0/16', PRIVATE],
    ['just above 172.16/12', '172.32.0.0/16', PRIVATE],
    ['contains 172.16/12', '172.0.0.0/8', PRIVATE],
    ['bigger than 192.168/16', '192.168.0.0/15', PRIVATE],
    ['bigger than 100.64/10', '100.64.0.0/9', PRIVATE],
    ['just above 100.64/10', '100.128.0.0/16', PRIVATE],
    ['link-local', '169.254.0.0/16', PRIVATE],
    ['loopback', '127.0.0.0/8', PRIVATE],
    ['class E', '240.0.0.0/4', PRIVATE],
    ['not a range', '10.0.0.0', CIDR_SHAPE],
  ])('rejects %s', (_label, value, message) => {
    expect(privateCidr(value)).toBe(message);
  });
});

describe('cidrPrefixBetween', () => {
  const VERTEX = 'Vertex AI needs room for its training VMs';

  test.each([
    ['10.0.0.0/16', 16, 24],
    ['10.0.0.0/20', 16, 24],
    ['10.0.0.0/24', 16, 24],
    ['10.0.0.0/8', 8, 8],
    ['10.0.0.0/29', 29, 29],
    ['0.0.0.0/0', 0, 32],
    ['10.0.0.1/32', 0, 32],
    ['192.168.0.0/16', 16, 16],
  ])('accepts %s within /%i to /%i', (value, min, max) => {
    expect(cidrPrefixBetween(value, min, max, VERTEX)).toBeUndefined();
  });

  test.each([
    ['too big', '10.0.0.0/15', 16, 24, VERTEX, `must be a /16 to /24 range (${VERTEX})`],
    ['far too big', '10.0.0.0/8', 16, 24, VERTEX, `must be a /16 to /24 range (${VERTEX})`],
    ['too small', '10.0.0.0/25', 16, 24, VERTEX, `must be a /16 to /24 range (${VERTEX})`],
    ['far too small', '10.0.0.0/29', 16, 24, VERTEX, `must be a /16 to /24 range (${VERTEX})`],
    ['single length, bigger', '10.0.0.0/23', 24, 24, 'peering', 'must be a /24 range (peering)'],
    ['single length, smaller', '10.0.0.0/25', 24, 24, 'peering', 'must be a /24 range (peering)'],
    ['no reason', '10.0.0.0/30', 20, 28, undefined, 'must be a /20 to /28 range'],
    ['empty reason', '10.0.0.0/30', 20, 28, '', 'must be a /20 to /28 range'],
    ['not a range', '10.0.0.0', 16, 24, VERTEX, CIDR_SHAPE],
  ])('rejects %s', (_label, value, min, max, reason, message) => {
    expect(cidrPrefixBetween(value, min, max, reason)).toBe(message);
  });

  test.each([
    [24, 16],
    [-1, 8],
    [8, 33],
    [8.5, 16],
  ])('throws on bounds /%s to /%s', (min, max) => {
    expect(() => cidrPrefixBetween('10.0.0.0/16', min, max)).toThrow(RangeError);
  });
});

describe('overlapping', () => {
  test('no ranges, one range', () => {
    expect(overlapping([])).toEqual([]);
    expect(overlapping([{ name: 'subnet', cidr: '10.0.0.0/20' }])).toEqual([]);
  });

  test('partial overlap, in the words of the message', () => {
    expect(
      overlapping([
        { name: 'subnet', cidr: '10.0.0.0/20' },
        { name: 'peering range', cidr: '10.0.8.0/21' },
      ]),
    ).toEqual(['subnet 10.0.0.0/20 overlaps peering range 10.0.8.0/21']);
  });

  test.each([
    ['nested: big then small', '10.0.0.0/16', '10.0.128.0/24'],
    ['nested: small then big', '10.0.128.0/24', '10.0.0.0/16'],
    ['nested at the start', '10.0.0.0/16', '10.0.0.0/24'],
    ['nested at the end', '10.0.0.0/16', '10.0.255.0/24'],
    ['identical', '10.0.0.0/20', '10.0.0.0/20'],
    ['identical /32', '10.0.0.7/32', '10.0.0.7/32'],
    ['everything', '0.0.0.0/0', '192.168.0.0/16'],
    ['host bits set', '10.0.0.5/24', '10.0.0.200/28'], // both cover 10.0.0.0/24's space
  ])('%s overlaps', (_label, a, b) => {
    expect(overlapping([{ name: 'a', cidr: a }, { name: 'b', cidr: b }])).toEqual([`a ${a} overlaps b ${b}`]);
  });

  test.each([
    ['adjacent /20s', '10.0.0.0/20', '10.0.16.0/20'],
    ['adjacent, reversed', '10.0.16.0/20', '10.0.0.0/20'],
    ['adjacent, different sizes', '10.0.0.0/24', '10.0.1.0/25'],
    ['adjacent /32s', '10.0.0.0/32', '10.0.0.1/32'],
    ['far apart', '10.0.0.0/8', '192.168.0.0/16'],
    ['halves of 0/0', '0.0.0.0/1', '128.0.0.0/1'],
    ['one unparsable', '10.0.0.0/8', '10.0.0.0'],
  ])('%s do not overlap', (_label, a, b) => {
    expect(overlapping([{ name: 'a', cidr: a }, { name: 'b', cidr: b }])).toEqual([]);
  });

  test('every overlapping pair, in input order', () => {
    expect(
      overlapping([
        { name: 'subnet', cidr: '10.0.0.0/20' },
        { name: 'pods', cidr: '10.1.0.0/16' },
        { name: 'peering range', cidr: '10.0.8.0/21' },
        { name: 'services', cidr: '10.0.16.0/20' },
        { name: 'PSC range', cidr: '10.0.0.0/14' },
        { name: 'bad', cidr: 'not-a-range' },
      ]),
    ).toEqual([
      'subnet 10.0.0.0/20 overlaps peering range 10.0.8.0/21',
      'subnet 10.0.0.0/20 overlaps PSC range 10.0.0.0/14',
      'pods 10.1.0.0/16 overlaps PSC range 10.0.0.0/14',
      'peering range 10.0.8.0/21 overlaps PSC range 10.0.0.0/14',
      'services 10.0.16.0/20 overlaps PSC range 10.0.0.0/14',
    ]);
  });
});

describe('gcpResourceName', () => {
  test.each([
    'a',
    'ab',
    'a1',
    'vpc',
    'training-vpc',
    'subnet-europe-west4',
    'a-b-c-1-2-3',
    'x'.repeat(63),
    `a${'-'.repeat(61)}b`,
    'default',
  ])('accepts %s', (value) => {
    expect(gcpResourceName(value)).toBeUndefined();
  });

  test.each([
    '',
    '1vpc',
    '-vpc',
    'vpc-',
    'Vpc',
    'training_vpc',
    'training.vpc',
    'x'.repeat(64),
    'vpc ',
    'véc',
  ])('rejects %j', (value) => {
    expect(gcpResourceName(value)).toBe(RESOURCE_NAME);
  });
});

describe('resourceNameRegExp', () => {
  it('bounds the name at the given length with the same character rules (GKE clusters and node pools: 40)', () => {
    const gke = resourceNameRegExp(40);
    expect(['a', 'x'.repeat(40), `a${'-'.repeat(38)}b`].filter((v) => !gke.test(v))).toEqual([]);
    expect(['', 'x'.repeat(41), '1pool', 'pool-', 'Pool', 'a_b'].filter((v) => gke.test(v))).toEqual([]);
  });
});

describe('accessPolicyName', () => {
  test.each([
    'accessPolicies/1',
    'accessPolicies/0',
    'accessPolicies/123',
    'accessPolicies/123456789012',
    'accessPolicies/999999999999999',
    'accessPolicies/42',
    'accessPolicies/1000000',
    'accessPolicies/557233219011',
  ])('accepts %s', (value) => {
    expect(accessPolicyName(value)).toBeUndefined();
  });

  test.each([
    '',
    '123456789012',
    'accessPolicies/',
    'accessPolicies/abc',
    'accesspolicies/123',
    'accessPolicies/123/',
    '/accessPolicies/123',
    'accessPolicies/123/servicePerimeters/p',
    'organizations/123',
    'accessPolicies/-1',
  ])('rejects %j', (value) => {
    expect(accessPolicyName(value)).toBe(ACCESS_POLICY);
  });
});

describe('servicePerimeterName', () => {
  test.each([
    'accessPolicies/123/servicePerimeters/p',
    'accessPolicies/123/servicePerimeters/training',
    'accessPolicies/123/servicePerimeters/training_perimeter',
    'accessPolicies/123/servicePerimeters/Training',
    'accessPolicies/123/servicePerimeters/ml2',
    'accessPolicies/123/servicePerimeters/ml_2_prod',
    'accessPolicies/123/servicePerimeters/a_',
    `accessPolicies/123456789012/servicePerimeters/a${'b'.repeat(49)}`,
  ])('accepts %s', (value) => {
    expect(servicePerimeterName(value)).toBeUndefined();
  });

  test.each([
    '',
    'training',
    'accessPolicies/123/servicePerimeters/',
    'accessPolicies/123/servicePerimeters/training-perimeter',
    'accessPolicies/123/servicePerimeters/1training',
    'accessPolicies/123/servicePerimeters/_training',
    `accessPolicies/123/servicePerimeters/a${'b'.repeat(50)}`,
    'accessPolicies/abc/servicePerimeters/training',
    'accessPolicies/123/accessLevels/training',
    'accessPolicies/123/servicePerimeters/training/extra',
    'accessPolicies/123/serviceperimeters/training',
  ])('rejects %j', (value) => {
    expect(servicePerimeterName(value)).toBe(PERIMETER);
  });
});

describe('perimeterShortName', () => {
  test.each(['p', 'P', 'training', 'training_perimeter', 'ml2', 'ML_Prod_2', 'a_', `a${'b'.repeat(49)}`])('accepts %s', (value) => {
    expect(perimeterShortName(value)).toBeUndefined();
  });

  test.each([
    '',
    '1training',
    '_training',
    'training-perimeter',
    'training perimeter',
    'training.perimeter',
    `a${'b'.repeat(50)}`,
    'accessPolicies/123/servicePerimeters/training',
    'périmètre',
  ])('rejects %j', (value) => {
    expect(perimeterShortName(value)).toBe(`must be ${SHORT_NAME}`);
  });
});

describe('accessLevelName', () => {
  test.each([
    'accessPolicies/123/accessLevels/l',
    'accessPolicies/123/accessLevels/corp_network',
    'accessPolicies/123/accessLevels/CorpNetwork',
    'accessPolicies/123/accessLevels/office_2',
    'accessPolicies/1/accessLevels/trusted',
    'accessPolicies/123456789012/accessLevels/vpn_only',
    'accessPolicies/123/accessLevels/a_',
    `accessPolicies/123/accessLevels/a${'b'.repeat(49)}`,
  ])('accepts %s', (value) => {
    expect(accessLevelName(value)).toBeUndefined();
  });

  test.each([
    '',
    'corp_network',
    'accessPolicies/123/accessLevels/',
    'accessPolicies/123/accessLevels/corp-network',
    'accessPolicies/123/accessLevels/2corp',
    'accessPolicies/123/accessLevels/_corp',
    `accessPolicies/123/accessLevels/a${'b'.repeat(50)}`,
    'accessPolicies/x/accessLevels/corp',
    'accessPolicies/123/servicePerimeters/corp',
    'accessPolicies/123/accesslevels/corp',
  ])('rejects %j', (value) => {
    expect(accessLevelName(value)).toBe(ACCESS_LEVEL);
  });
});

describe('vpcScIdentity', () => {
  test.each([
    'user:alice@example.com',
    'user:alice.smith+ml@example.co.uk',
    'serviceAccount:trainer@my-project.iam.gserviceaccount.com',
    'serviceAccount:service-123@gcp-sa-aiplatform.iam.gserviceaccount.com',
    'group:ml-engineers@example.com',
    'principal://iam.googleapis.com/locations/global/workforcePools/pool/subject/alice',
    'principalSet://iam.googleapis.com/locations/global/workforcePools/pool/group/ml',
    'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/*',
    'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/attribute.repo/org-repo',
  ])('accepts %s', (value) => {
    expect(vpcScIdentity(value)).toBeUndefined();
  });

  test.each([
    ['domain', 'domain:example.com', DOMAIN],
    ['allUsers', 'allUsers', PUBLIC],
    ['allAuthenticatedUsers', 'allAuthenticatedUsers', PUBLIC],
    ['public principalSet', 'principalSet://goog/public:all', PUBLIC],
    ['empty', '', IDENTITY],
    ['bare email', 'alice@example.com', IDENTITY],
    ['user without email', 'user:alice', IDENTITY],
    ['serviceAccount without domain dot', 'serviceAccount:sa@localhost', IDENTITY],
    ['group with two @', 'group:a@b@example.com', IDENTITY],
    ['unknown prefix', 'projectOwner:my-project', IDENTITY],
    ['wrong case prefix', 'User:alice@example.com', IDENTITY],
    ['principal without //', 'principal:iam.googleapis.com/x', IDENTITY],
    ['empty principalSet', 'principalSet://', IDENTITY],
    ['space', 'user:alice @example.com', IDENTITY],
    ['deleted principal', 'deleted:user:alice@example.com?uid=123', IDENTITY],
  ])('rejects %s', (_label, value, message) => {
    expect(vpcScIdentity(value)).toBe(message);
  });
});

describe('googleApiService', () => {
  test.each([
    'aiplatform.googleapis.com',
    'storage.googleapis.com',
    'compute.googleapis.com',
    'artifactregistry.googleapis.com',
    'cloudkms.googleapis.com',
    'servicenetworking.googleapis.com',
    'europe-west4-aiplatform.googleapis.com',
    'bigquery-json.googleapis.com',
    'a.b.googleapis.com',
  ])('accepts %s', (value) => {
    expect(googleApiService(value)).toBeUndefined();
  });

  test.each([
    '',
    'aiplatform',
    'googleapis.com',
    '.googleapis.com',
    'AIPlatform.googleapis.com',
    '1storage.googleapis.com',
    'aiplatform.googleapis.com.',
    'aiplatform.google.com',
    'aiplatform.googleapis.com.evil.com',
    'https://aiplatform.googleapis.com',
    'aiplatform..googleapis.com',
    '*',
  ])('rejects %j', (value) => {
    expect(googleApiService(value)).toBe(SERVICE);
  });
});

describe('networkName', () => {
  test.each([
    'projects/my-project/global/networks/default',
    'projects/my-project/global/networks/training-vpc',
    'projects/host-project-123/global/networks/shared-vpc',
    'projects/abcdef/global/networks/a',
    'projects/example.com:my-project/global/networks/vpc', // legacy domain-scoped project
    `projects/my-project/global/networks/${'n'.repeat(63)}`,
    'projects/ml-prod/global/networks/vpc-1',
    'projects/ml-prod/global/networks/v',
    'projects/12345/global/networks/my-vpc', // the project-number form Vertex AI documents
    'projects/123456789012/global/networks/training-vpc',
  ])('accepts %s', (value) => {
    expect(networkName(value)).toBeUndefined();
  });

  test.each([
    '',
    'default',
    'projects/my-project/global/networks/',
    'projects/my-project/regions/europe-west4/networks/vpc',
    'projects/my-project/global/subnetworks/vpc',
    'projects/0123/global/networks/vpc', // project numbers have no leading zero
    'projects/my-project-/global/networks/vpc',
    'projects/My-Project/global/networks/vpc',
    'projects/my-project/global/networks/Training',
    'projects/my-project/global/networks/vpc-',
    `projects/my-project/global/networks/${'n'.repeat(64)}`,
    'https://www.googleapis.com/compute/v1/projects/my-project/global/networks/vpc',
    'projects/my-project/global/networks/vpc/extra',
    '//compute.googleapis.com/projects/my-project/global/networks/vpc',
  ])('rejects %j', (value) => {
    expect(networkName(value)).toBe(NETWORK);
  });
});
