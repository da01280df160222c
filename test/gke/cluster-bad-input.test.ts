import { GkeTrainingCluster, GkeTrainingClusterProps, TrainingEnvironmentProps } from '../../lib';
import { formatValue, ValidationError } from '../../lib/core/validation';
import { environmentStack } from '../helpers/synth';

const ALERTS = { emails: ['ml-oncall@example.com'] };
const PATH = 'test/gke';

/** The error thrown while declaring the cluster; fails the test when nothing is thrown. */
function clusterError(props: Partial<GkeTrainingClusterProps>, envProps: Partial<TrainingEnvironmentProps> = { network: {} }): Error {
  const { stack, env } = environmentStack({ alerts: ALERTS, ...envProps });
  let error: unknown;
  try {
    new GkeTrainingCluster(stack, 'gke', { environment: env, ...props });
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error('expected an error, but nothing was thrown');
  expect(error).toBeInstanceOf(ValidationError);
  return error as Error;
}

/** The line of `error` about `field`: `${path}: ${field} ${value} is not valid: ...allowed...`. */
function expectLine(error: Error, field: string, value: unknown, allowed: string): void {
  const shown = formatValue(value);
  const line = error.message.split('\n').find((l) => l.startsWith(`${PATH}: ${field} ${shown} is not valid: `));
  expect(line).toBeDefined();
  expect(line!.slice(line!.indexOf(' is not valid: '))).toContain(allowed);
}

type Case = [title: string, props: Partial<GkeTrainingClusterProps>, field: string, value: string | number | boolean, allowed: string];

const CASES: Case[] = [
  ['a cluster name with capitals', { clusterName: 'ML_Training' }, 'clusterName', 'ML_Training', 'must be a GKE cluster name: 1-40 lowercase letters'],
  ['a cluster name over 40 characters', { clusterName: `a${'b'.repeat(40)}` }, 'clusterName', `a${'b'.repeat(40)}`, 'must be a GKE cluster name'],
  ['an authorized network with host bits', { authorizedNetworks: ['10.1.2.3/16'] }, 'authorizedNetworks[0]', '10.1.2.3/16', 'did you mean 10.1.0.0/16?'],
  ['an authorized network that is not a CIDR', { authorizedNetworks: ['office'] }, 'authorizedNetworks[0]', 'office', 'must be an IPv4 range in CIDR notation'],
  ['0.0.0.0/0 as an authorized network', { authorizedNetworks: ['0.0.0.0/0'], publicEndpoint: true }, 'authorizedNetworks[0]', '0.0.0.0/0', 'must not be 0.0.0.0/0, which authorizes the whole internet'],
  ['a public range for a private IP endpoint', { authorizedNetworks: ['203.0.113.0/24'] }, 'authorizedNetworks[0]', '203.0.113.0/24', 'must be a private range while the IP endpoint is private (publicEndpoint: false)'],
  ['a repeated authorized network', { authorizedNetworks: ['10.1.0.0/16', '10.1.0.0/16'] }, 'authorizedNetworks[1]', '10.1.0.0/16', 'must not repeat an earlier authorized network'],
  ['a public endpoint without authorized networks', { publicEndpoint: true }, 'publicEndpoint', true, 'a public IP endpoint needs authorizedNetworks'],
  ['a pods range too small', { podsCidr: '10.20.0.0/24' }, 'podsCidr', '10.20.0.0/24', 'must be a /9 to /21 range (each node takes a /24 of pods addresses by default)'],
  ['a public pods range', { podsCidr: '8.8.0.0/16' }, 'podsCidr', '8.8.0.0/16', 'must be a private range'],
  ['a services range inside the pods range', { servicesCidr: '10.21.0.0/20' }, 'servicesCidr', '10.21.0.0/20', 'must not overlap podsCidr 10.20.0.0/14'],
  ['a pods range overlapping the subnet', { podsCidr: '10.8.0.0/16' }, 'podsCidr', '10.8.0.0/16', 'must not overlap the subnet 10.8.0.0/20 (network.subnetCidr)'],
  ['a services range overlapping the peering range', { servicesCidr: '10.16.0.0/20' }, 'servicesCidr', '10.16.0.0/20', 'must not overlap the peering range 10.16.0.0/16 (network.peeringCidr)'],
  ['only one of the range names', { podsRangeName: 'pods' }, 'servicesRangeName', 'undefined', 'podsRangeName and servicesRangeName name existing secondary ranges together'],
  ['a system machine type that is not one', { systemPool: { machineType: 'big' } }, 'systemPool.machineType', 'big', 'must be a Compute Engine machine type'],
  ['a system pool whose maximum is under its minimum', { systemPool: { minNodes: 3, maxNodes: 2 } }, 'systemPool.maxNodes', 2, 'must be at least systemPool.minNodes (3)'],
  ['a system pool without nodes', { systemPool: { minNodes: 0 } }, 'systemPool.minNodes', 0, 'must be a whole number from 1 to 100'],
  [
    'a maintenance window with a local time', { maintenanceWindow: { startTime: '2026-01-03 00:00', endTime: '2026-01-03T08:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA' } },
    'maintenanceWindow.startTime', '2026-01-03 00:00', 'must be an RFC 3339 time in UTC',
  ],
  [
    'a maintenance window shorter than 4 hours', { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T02:00:00Z', recurrence: 'FREQ=DAILY' } },
    'maintenanceWindow.endTime', '2026-01-03T02:00:00Z', 'must be at least 4 hours after startTime',
  ],
  [
    'a maintenance recurrence that is not RFC 5545', { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T08:00:00Z', recurrence: 'weekends' } },
    'maintenanceWindow.recurrence', 'weekends', 'must be an RFC 5545 daily or weekly recurrence',
  ],
  [
    'a weekly 4-hour maintenance window (16 of the 48 hours GKE needs in 32 days)',
    { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T04:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA' } },
    'maintenanceWindow.recurrence', 'FREQ=WEEKLY;BYDAY=SA',
    'must give GKE at least 48 hours of maintenance in any 32 days: 4-hour windows (startTime to endTime) on SA give 16 hours in the worst 32 days; add days to BYDAY or make each window at least 12 hours long (endTime)',
  ],
  [
    'weekend 4-hour maintenance windows (32 hours in the worst 32 days)',
    { maintenanceWindow: { startTime: '2026-01-03T22:00:00Z', endTime: '2026-01-04T02:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' } },
    'maintenanceWindow.recurrence', 'FREQ=WEEKLY;BYDAY=SA,SU', '4-hour windows (startTime to endTime) on SA,SU give 32 hours in the worst 32 days; add days to BYDAY or make each window at least 6 hours long',
  ],
  [
    'a weekly window without BYDAY repeats the start\'s day (a Saturday)',
    { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T10:00:00Z', recurrence: 'FREQ=WEEKLY' } },
    'maintenanceWindow.recurrence', 'FREQ=WEEKLY', '10-hour windows (startTime to endTime) on SA give 40 hours in the worst 32 days',
  ],
  [
    'a recurrence with an INTERVAL, whose hours are not checked',
    { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-04T00:00:00Z', recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA' } },
    'maintenanceWindow.recurrence', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA',
    'in a form checked against GKE\'s 48 hours of maintenance in any 32 days (FREQ=DAILY or FREQ=WEEKLY, optionally with BYDAY=<days among MO,TU,WE,TH,FR,SA,SU>): INTERVAL=2 cannot be evaluated',
  ],
  [
    'a monthly recurrence', { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-05T00:00:00Z', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=3' } },
    'maintenanceWindow.recurrence', 'FREQ=MONTHLY;BYMONTHDAY=3', 'FREQ=MONTHLY cannot be evaluated',
  ],
  [
    'a BYDAY with an ordinal', { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-05T00:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=1SA' } },
    'maintenanceWindow.recurrence', 'FREQ=WEEKLY;BYDAY=1SA', 'BYDAY 1SA is not one of MO,TU,WE,TH,FR,SA,SU (did you mean SA?)',
  ],
  [
    'a misspelt BYDAY', { maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T12:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SAT,SU' } },
    'maintenanceWindow.recurrence', 'FREQ=WEEKLY;BYDAY=SAT,SU', 'BYDAY SAT is not one of MO,TU,WE,TH,FR,SA,SU (did you mean SA?)',
  ],
  ['a boot disk key in another region', { bootDiskKeyName: 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k' }, 'bootDiskKeyName', 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k', 'us-central1'],
];

describe('GkeTrainingCluster refuses bad input, naming the field, the value and what is allowed', () => {
  test.each(CASES)('%s', (_title, props, field, value, allowed) => {
    expectLine(clusterError(props), field, value, allowed);
  });

  test.each([
    ['weekly, one day, 12 hours', '2026-01-03T00:00:00Z', '2026-01-03T12:00:00Z', 'FREQ=WEEKLY;BYDAY=SA'],
    ['weekends, 6 hours across midnight', '2026-01-03T21:00:00Z', '2026-01-04T03:00:00Z', 'FREQ=WEEKLY;BYDAY=SA,SU'],
    ['three weekdays, 4 hours', '2026-01-05T01:00:00Z', '2026-01-05T05:00:00Z', 'FREQ=WEEKLY;BYDAY=MO,TU,WE'],
    ['daily, 4 hours', '2026-01-03T00:00:00Z', '2026-01-03T04:00:00Z', 'FREQ=DAILY'],
    ['parts in another order', '2026-01-03T00:00:00Z', '2026-01-03T08:00:00Z', 'BYDAY=SA,SU;FREQ=WEEKLY'],
  ])('a maintenance window with 48 hours in any 32 days is accepted: %s', (_title, startTime, endTime, recurrence) => {
    const { stack, env } = environmentStack({ alerts: ALERTS, network: {} });
    expect(() => new GkeTrainingCluster(stack, 'gke', { environment: env, maintenanceWindow: { startTime, endTime, recurrence } })).not.toThrow();
  });

  test('a window under 4 hours is reported once, as endTime (its coverage is not computed)', () => {
    const error = clusterError({ maintenanceWindow: { startTime: '2026-01-03T00:00:00Z', endTime: '2026-01-03T03:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA' } });
    expect(error.message.split('\n').map((l) => l.split(' ')[1])).toEqual(['maintenanceWindow.endTime']);
  });

  test('a created cluster needs the environment\'s network', () => {
    expectLine(clusterError({}, {}), 'environment.network', 'undefined', 'declare network on the TrainingEnvironment, or import a cluster with existingClusterName');
  });

  test('an imported network needs the subnet of the nodes', () => {
    const error = clusterError({}, { network: { existingNetworkName: 'projects/acme-ml/global/networks/shared', existingPeeringRangeName: 'vertex' } });
    expectLine(error, 'subnetwork', 'undefined', 'a subnet of network.existingNetworkName');
  });

  test('an imported cluster refuses what only a created one uses, and a bad name', () => {
    const error = clusterError({ existingClusterName: 'Shared', authorizedNetworks: ['10.1.0.0/16'], clusterName: 'other', systemPool: {}, secretsKeyName: 'projects/acme-ml/locations/us-central1/keyRings/r/cryptoKeys/k' }, {});
    expectLine(error, 'existingClusterName', 'Shared', 'must be a GKE cluster name');
    expectLine(error, 'authorizedNetworks', ['10.1.0.0/16'], 'only applies to a cluster this construct creates');
    expectLine(error, 'systemPool', {}, 'only applies to a cluster this construct creates');
    // The imported name is checked once, as existingClusterName.
    expect(error.message).not.toMatch(/clusterName "Shared"/);
    expectLine(error, 'clusterName', 'other', 'cannot be combined with existingClusterName');
    expectLine(error, 'secretsKeyName', 'projects/acme-ml/locations/us-central1/keyRings/r/cryptoKeys/k', 'only applies to a cluster this construct creates');
  });

  test('every problem is reported at once', () => {
    const error = clusterError({ clusterName: 'Bad', authorizedNetworks: ['x'], publicEndpoint: true, podsCidr: '10.20.0.0/30', systemPool: { maxNodes: 0 } });
    const lines = error.message.split('\n');
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['clusterName', 'authorizedNetworks[0]', 'podsCidr', 'systemPool.maxNodes', 'systemPool.maxNodes']);
    for (const line of lines) expect(line.startsWith(`${PATH}: `)).toBe(true);
  });

  test('overlaps with the network are reported with the other problems', () => {
    const error = clusterError({ clusterName: 'Bad', podsCidr: '10.8.0.0/16' });
    expect(error.message.split('\n').map((l) => l.split(' ')[1])).toEqual(['clusterName', 'podsCidr']);
    expectLine(error, 'podsCidr', '10.8.0.0/16', 'must not overlap the subnet 10.8.0.0/20 (network.subnetCidr)');
  });

  test('an additional key of the environment refuses the purposes of its own keys', () => {
    const { env } = environmentStack({ alerts: ALERTS });
    expect(() => env.encryption.additionalKey('storage')).toThrow(/additionalKey purpose "storage" is not valid: must not be a purpose of the environment's own keys \(storage, registry, vertex, pubsub, workflows, eventarc\)/);
    expect(env.encryption.additionalKey('gke-disks')).toBe(env.encryption.additionalKey('gke-disks'));
    expect(() => env.encryption.additionalKey('gke-disks', 'projects/acme-ml/locations/us-central1/keyRings/r/cryptoKeys/k'))
      .toThrow(/gke-disks key "projects\/acme-ml\/locations\/us-central1\/keyRings\/r\/cryptoKeys\/k" is not valid: the environment already uses its created key ml-gke-disks for gke-disks/);
  });

  test('two clusters of one name in a project and region are refused', () => {
    const { stack, env } = environmentStack({ network: {}, alerts: ALERTS });
    new GkeTrainingCluster(stack, 'a', { environment: env });
    expect(() => new GkeTrainingCluster(stack, 'b', { environment: env, nodeServiceAccount: { accountId: 'ml-gke-nodes-b' }, podsCidr: '10.28.0.0/16', servicesCidr: '10.29.0.0/20' }))
      .toThrow(/test\/b: cluster name "ml-training" is not valid: must be unique in the app: test\/a\/cluster already creates the GKE cluster "ml-training" in project acme-ml, location us-central1/);
  });
});
