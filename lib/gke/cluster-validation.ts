import { FieldProblem, problemsOf } from '../core/validation';
import { RuleResult } from '../rules/result';
import { GKE_CLUSTER_NAME } from '../rules/gke-names';
import { cidr, cidrPrefixBetween, overlapping, parseCidr, privateCidr } from '../rules/network';
import { integerInRange } from '../rules/numbers';
import { GkeMaintenanceWindow } from './cluster-options';
import {
  EVALUATED_FORMS, GKE_MAINTENANCE_MIN_HOURS, GKE_MAINTENANCE_MIN_WINDOW_HOURS, GKE_MAINTENANCE_PERIOD_DAYS,
  hours, parseRecurrence, shortestSufficientHours, WEEKDAYS, worstCoverageMs,
} from './maintenance-recurrence';

const MACHINE_TYPE = /^[a-z][a-z0-9]*-[a-z0-9-]+$/;

/** A GKE cluster name: 1-40 lowercase letters, digits or hyphens, starting with a letter, ending with a letter or digit. */
export function gkeClusterName(value: string): RuleResult {
  return GKE_CLUSTER_NAME.test(value)
    ? undefined
    : 'must be a GKE cluster name: 1-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit';
}

/** What {@link clusterProblems} checks: the cluster's props after defaults, plus what the environment has. */
export interface ClusterInputs {
  readonly clusterName: string;
  readonly existingClusterName?: string;
  /** Whether the environment declares a network. */
  readonly hasNetwork: boolean;
  /** Whether the environment created its network (and so its subnet). */
  readonly createdNetwork: boolean;
  readonly subnetwork?: string;
  readonly authorizedNetworks: readonly string[];
  readonly publicEndpoint: boolean;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  readonly podsRangeName?: string;
  readonly servicesRangeName?: string;
  readonly systemMachineType: string;
  readonly systemMinNodes: number;
  readonly systemMaxNodes: number;
}

/** Every problem of a cluster's inputs at once, each naming the field, the value and what is allowed. */
export function clusterProblems(i: ClusterInputs): FieldProblem[] {
  const imported = i.existingClusterName !== undefined;
  const problems: FieldProblem[] = [
    ...(imported ? [] : problemsOf('clusterName', i.clusterName, gkeClusterName)),
    ...problemsOf('existingClusterName', i.existingClusterName, gkeClusterName),
  ];
  // What an imported cluster refuses (options its owner chose) is the construct's to say.
  if (imported) return problems;
  problems.push(...authorizedNetworkProblems(i.authorizedNetworks, i.publicEndpoint));
  if (!i.hasNetwork) {
    problems.push({
      field: 'environment.network', value: 'undefined',
      allowed: 'a GKE cluster runs in the environment\'s private network: declare network on the TrainingEnvironment, or import a cluster with existingClusterName',
    });
  }
  if (i.publicEndpoint && i.authorizedNetworks.length === 0) {
    problems.push({
      field: 'publicEndpoint', value: true,
      allowed: 'a public IP endpoint needs authorizedNetworks (the CIDRs allowed to reach it); without them, keep it private and use the DNS endpoint, which IAM authorizes',
    });
  }
  if (i.hasNetwork && !i.createdNetwork && i.subnetwork === undefined) {
    problems.push({ field: 'subnetwork', value: 'undefined', allowed: 'a subnet of network.existingNetworkName (its name or self link) is needed: the environment created no subnet' });
  }
  if ((i.podsRangeName === undefined) !== (i.servicesRangeName === undefined)) {
    const [field, value] = i.podsRangeName === undefined ? ['podsRangeName', 'undefined'] : ['servicesRangeName', 'undefined'];
    problems.push({ field, value, allowed: 'podsRangeName and servicesRangeName name existing secondary ranges together (or neither: the ranges come from podsCidr and servicesCidr)' });
  }
  if (i.podsRangeName === undefined) {
    problems.push(
      ...rangeProblems('podsCidr', i.podsCidr, 9, 21, 'each node takes a /24 of pods addresses by default'),
      ...rangeProblems('servicesCidr', i.servicesCidr, 16, 27, 'one address per Kubernetes Service'),
    );
    if (parseCidr(i.podsCidr) && parseCidr(i.servicesCidr) && overlapping([{ name: 'pods', cidr: i.podsCidr }, { name: 'services', cidr: i.servicesCidr }]).length > 0) {
      problems.push({ field: 'servicesCidr', value: i.servicesCidr, allowed: `must not overlap podsCidr ${i.podsCidr}` });
    }
  }
  problems.push(
    ...problemsOf('systemPool.machineType', i.systemMachineType, (v) => MACHINE_TYPE.test(v) ? undefined : 'must be a Compute Engine machine type such as e2-standard-4'),
    ...problemsOf('systemPool.minNodes', i.systemMinNodes, (v) => integerInRange(v, 1, 100)),
    ...problemsOf('systemPool.maxNodes', i.systemMaxNodes, (v) => integerInRange(v, 1, 100)),
  );
  if (Number.isInteger(i.systemMinNodes) && Number.isInteger(i.systemMaxNodes) && i.systemMaxNodes < i.systemMinNodes) {
    problems.push({ field: 'systemPool.maxNodes', value: i.systemMaxNodes, allowed: `must be at least systemPool.minNodes (${i.systemMinNodes})` });
  }
  return problems;
}

/**
 * Authorized networks reach the IP endpoint: each a CIDR without host bits, no duplicates, never
 * `0.0.0.0/0`; a private endpoint only accepts private ranges (GKE refuses others there).
 */
function authorizedNetworkProblems(networks: readonly string[], publicEndpoint: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  networks.forEach((value, index) => {
    const field = `authorizedNetworks[${index}]`;
    const shape = problemsOf(field, value, cidr);
    if (shape.length > 0) {
      problems.push(...shape);
      return;
    }
    if (seen.has(value)) problems.push({ field, value, allowed: 'must not repeat an earlier authorized network' });
    seen.add(value);
    if (parseCidr(value)?.prefixLength === 0) {
      problems.push({ field, value, allowed: 'must not be 0.0.0.0/0, which authorizes the whole internet: name the ranges that operate the cluster, or use the DNS endpoint' });
    } else if (!publicEndpoint) {
      problems.push(...problemsOf(field, value, (v) => privateCidr(v) === undefined ? undefined
        : 'must be a private range while the IP endpoint is private (publicEndpoint: false): GKE only accepts RFC 1918 and RFC 6598 ranges there; set publicEndpoint: true for public ones'));
    }
  });
  return problems;
}

function rangeProblems(field: string, value: string, min: number, max: number, reason: string): FieldProblem[] {
  const shape = problemsOf(field, value, cidr);
  if (shape.length > 0) return shape;
  return [...problemsOf(field, value, privateCidr), ...problemsOf(field, value, (v) => cidrPrefixBetween(v, min, max, reason))];
}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const RECURRENCE_SHAPE = 'must be an RFC 5545 daily or weekly recurrence such as FREQ=WEEKLY;BYDAY=SA,SU';

/** Every problem of a maintenance window, each naming its field. */
export function maintenanceProblems(window: GkeMaintenanceWindow | undefined): FieldProblem[] {
  if (window === undefined) return [];
  const problems: FieldProblem[] = [];
  const time = (field: 'startTime' | 'endTime'): number | undefined => {
    const value = window[field];
    const ms = typeof value === 'string' && RFC3339_UTC.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) {
      problems.push({ field: `maintenanceWindow.${field}`, value, allowed: 'must be an RFC 3339 time in UTC such as 2026-01-03T00:00:00Z' });
      return undefined;
    }
    return ms;
  };
  const start = time('startTime');
  const end = time('endTime');
  const longEnough = start !== undefined && end !== undefined && end - start >= GKE_MAINTENANCE_MIN_WINDOW_HOURS * HOUR_MS;
  if (start !== undefined && end !== undefined && !longEnough) {
    problems.push({ field: 'maintenanceWindow.endTime', value: window.endTime, allowed: `must be at least 4 hours after startTime ${window.startTime} (GKE's shortest window)` });
  }
  const recurrence = window.recurrence;
  if (typeof recurrence !== 'string') {
    problems.push({ field: 'maintenanceWindow.recurrence', value: recurrence, allowed: RECURRENCE_SHAPE });
    return problems;
  }
  const startWeekday = start === undefined ? 0 : (new Date(start).getUTCDay() + 6) % 7;
  const parsed = parseRecurrence(recurrence, startWeekday);
  if (parsed.days === undefined) {
    problems.push({
      field: 'maintenanceWindow.recurrence', value: recurrence,
      allowed: `${RECURRENCE_SHAPE}, in a form checked against GKE's ${GKE_MAINTENANCE_MIN_HOURS} hours of maintenance in any ${GKE_MAINTENANCE_PERIOD_DAYS} days `
        + `(${EVALUATED_FORMS}): ${parsed.problem}`,
    });
  } else if (longEnough) {
    problems.push(...coverageProblems(recurrence, parsed.days, start!, end! - start!));
  }
  return problems;
}

/** GKE refuses a recurring window with less than 48 hours of maintenance in some 32 days. */
function coverageProblems(recurrence: string, days: readonly number[], start: number, durationMs: number): FieldProblem[] {
  const timeOfDay = ((start % DAY_MS) + DAY_MS) % DAY_MS;
  const worst = worstCoverageMs(days, timeOfDay, durationMs);
  if (worst >= GKE_MAINTENANCE_MIN_HOURS * HOUR_MS) return [];
  const needed = shortestSufficientHours(days, timeOfDay);
  const on = days.length === WEEKDAYS.length ? 'every day' : `on ${days.map((d) => WEEKDAYS[d]).join(',')}`;
  return [{
    field: 'maintenanceWindow.recurrence', value: recurrence,
    allowed: `must give GKE at least ${GKE_MAINTENANCE_MIN_HOURS} hours of maintenance in any ${GKE_MAINTENANCE_PERIOD_DAYS} days: `
      + `${hours(durationMs)}-hour windows (startTime to endTime) ${on} give ${hours(worst)} hours in the worst ${GKE_MAINTENANCE_PERIOD_DAYS} days; `
      + `add days to BYDAY${needed === undefined ? '' : ` or make each window at least ${needed} hours long (endTime)`}`,
  }];
}
