import { projectId } from './project';
import { RuleResult } from './result';

/** An IPv4 range in CIDR notation, as numbers (unsigned 32-bit values). */
export interface ParsedCidr {
  /** The address as written, host bits included. */
  readonly address: number;
  readonly prefixLength: number;
  /** The first address of the range (the address with its host bits cleared). */
  readonly first: number;
  /** The last address of the range. */
  readonly last: number;
}

// Octets 0-255 written without leading zeros (`010` is octal to some parsers and decimal to others).
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(3[0-2]|[12][0-9]|[0-9])$`);
const TWO_TO_32 = 2 ** 32;

const CIDR_SHAPE = 'must be an IPv4 range in CIDR notation such as 10.8.0.0/20';

/**
 * Parses `a.b.c.d/n`. Any syntactically valid range is accepted, host bits set or not; `cidr()`
 * is the rule that refuses host bits.
 */
export function parseCidr(value: string): ParsedCidr | undefined {
  const match = CIDR.exec(value);
  if (!match) return undefined;
  const address = ((Number(match[1]) * 256 + Number(match[2])) * 256 + Number(match[3])) * 256 + Number(match[4]);
  const prefixLength = Number(match[5]);
  const size = TWO_TO_32 / 2 ** prefixLength;
  const first = address - (address % size);
  return { address, prefixLength, first, last: first + size - 1 };
}

function dotted(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** An IPv4 range in CIDR notation whose address is the first address of the range. */
export function cidr(value: string): RuleResult {
  const parsed = parseCidr(value);
  if (!parsed) return CIDR_SHAPE;
  if (parsed.address !== parsed.first) {
    return `${CIDR_SHAPE}, with no host bits set (did you mean ${dotted(parsed.first)}/${parsed.prefixLength}?)`;
  }
  return undefined;
}

// Google Cloud accepts more for subnets (RFC 6890 blocks, privately used public ranges), but this
// library keeps training networks in the ranges everyone recognises as private.
const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((block) => parseCidr(block) as ParsedCidr);

/** A range within RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 6598 (100.64/10) space. */
export function privateCidr(value: string): RuleResult {
  const parsed = parseCidr(value);
  if (!parsed) return CIDR_SHAPE;
  if (!PRIVATE_BLOCKS.some((block) => parsed.first >= block.first && parsed.last <= block.last)) {
    return 'must be a private range within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918) or 100.64.0.0/10 (RFC 6598)';
  }
  return undefined;
}

/**
 * A range whose prefix length is from `min` to `max` inclusive. A smaller prefix length is a
 * bigger range: `/16` holds 65,536 addresses, `/24` holds 256. `reason` (optional) says why.
 */
export function cidrPrefixBetween(value: string, min: number, max: number, reason?: string): RuleResult {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max > 32 || min > max) {
    throw new RangeError(`cidrPrefixBetween: invalid prefix bounds /${min} to /${max}`);
  }
  const parsed = parseCidr(value);
  if (!parsed) return CIDR_SHAPE;
  if (parsed.prefixLength < min || parsed.prefixLength > max) {
    const range = min === max ? `/${min}` : `/${min} to /${max}`;
    return `must be a ${range} range${reason ? ` (${reason})` : ''}`;
  }
  return undefined;
}

/** A named range for `overlapping()`. */
export interface NamedCidr {
  /** What the range is, e.g. `subnet` or `peering range`. */
  readonly name: string;
  readonly cidr: string;
}

/**
 * Every pair of ranges that share at least one address, in input order, as
 * `"<name> <cidr> overlaps <name> <cidr>"`. Ranges that do not parse are skipped: `cidr()` reports
 * them. Nested and identical ranges overlap; adjacent ranges do not.
 */
export function overlapping(ranges: readonly NamedCidr[]): string[] {
  const parsed = ranges.map((range) => parseCidr(range.cidr));
  const messages: string[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const a = parsed[i];
    if (!a) continue;
    for (let j = i + 1; j < ranges.length; j++) {
      const b = parsed[j];
      if (!b) continue;
      if (a.first <= b.last && b.first <= a.last) {
        messages.push(`${ranges[i].name} ${ranges[i].cidr} overlaps ${ranges[j].name} ${ranges[j].cidr}`);
      }
    }
  }
  return messages;
}

/** A GCP resource name of 1 to `max` characters: a lowercase letter, then lowercase letters, digits or hyphens, not ending with a hyphen. */
function resourceNamePattern(max: number): string {
  return `[a-z](?:[-a-z0-9]{0,${max - 2}}[a-z0-9])?`;
}

/** Matches a whole GCP resource name of 1 to `max` characters (Compute Engine's 63; GKE clusters' and node pools' 40). */
export function resourceNameRegExp(max: number): RegExp {
  return new RegExp(`^${resourceNamePattern(max)}$`);
}

const RESOURCE_NAME = resourceNamePattern(63);
const GCP_RESOURCE_NAME = resourceNameRegExp(63);

/** A Compute Engine resource name (networks, subnets, routers, addresses, firewall rules...). */
export function gcpResourceName(value: string): RuleResult {
  if (!GCP_RESOURCE_NAME.test(value)) {
    return 'must be 1-63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';
  }
  return undefined;
}

// The Access Context Manager API: "The short_name component must begin with a letter and only
// include alphanumeric and '_'". The 50-character cap is this library's assumption: the API
// reference states no length.
const SHORT_NAME = '[A-Za-z][A-Za-z0-9_]{0,49}';
const SHORT_NAME_RULE = '1-50 letters, digits or underscores, starting with a letter';
const ACCESS_POLICY = /^accessPolicies\/[0-9]+$/;
const SERVICE_PERIMETER = new RegExp(`^accessPolicies/[0-9]+/servicePerimeters/${SHORT_NAME}$`);
const ACCESS_LEVEL = new RegExp(`^accessPolicies/[0-9]+/accessLevels/${SHORT_NAME}$`);
const PERIMETER_SHORT_NAME = new RegExp(`^${SHORT_NAME}$`);

/** `accessPolicies/NUMBER`. */
export function accessPolicyName(value: string): RuleResult {
  if (!ACCESS_POLICY.test(value)) {
    return 'must be an access policy name of the form accessPolicies/POLICY_NUMBER, such as accessPolicies/123456789012';
  }
  return undefined;
}

/** `accessPolicies/NUMBER/servicePerimeters/NAME`. */
export function servicePerimeterName(value: string): RuleResult {
  if (!SERVICE_PERIMETER.test(value)) {
    return `must be a service perimeter name of the form accessPolicies/POLICY_NUMBER/servicePerimeters/NAME, where NAME is ${SHORT_NAME_RULE}`;
  }
  return undefined;
}

/** The NAME part of a service perimeter name. */
export function perimeterShortName(value: string): RuleResult {
  if (!PERIMETER_SHORT_NAME.test(value)) {
    return `must be ${SHORT_NAME_RULE}`;
  }
  return undefined;
}

/** `accessPolicies/NUMBER/accessLevels/NAME`. */
export function accessLevelName(value: string): RuleResult {
  if (!ACCESS_LEVEL.test(value)) {
    return `must be an access level name of the form accessPolicies/POLICY_NUMBER/accessLevels/NAME, where NAME is ${SHORT_NAME_RULE}`;
  }
  return undefined;
}

const EMAIL_IDENTITY = /^(?:user|serviceAccount|group):[^@\s]+@[^@\s]+\.[^@\s]+$/;
const FEDERATED_IDENTITY = /^(?:principal|principalSet):\/\/\S+$/;

/**
 * An identity in a VPC Service Controls ingress or egress rule. VPC-SC supports only the IAM v1
 * principal identifiers with the `user:`, `serviceAccount:`, `group:`, `principal://` and
 * `principalSet://` prefixes: `domain:` and the public principals are refused by the API.
 */
export function vpcScIdentity(value: string): RuleResult {
  if (value.startsWith('domain:')) {
    return 'must not be a domain: principal: VPC Service Controls ingress and egress rules do not support domains; use a group:EMAIL instead';
  }
  if (value === 'allUsers' || value === 'allAuthenticatedUsers' || value.startsWith('principalSet://goog/public:')) {
    return 'must not be a public principal (allUsers, allAuthenticatedUsers, principalSet://goog/public:...)';
  }
  if (!EMAIL_IDENTITY.test(value) && !FEDERATED_IDENTITY.test(value)) {
    return 'must be a VPC Service Controls identity: user:EMAIL, serviceAccount:EMAIL, group:EMAIL, principal://... or principalSet://...';
  }
  return undefined;
}

const GOOGLE_API_SERVICE = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.googleapis\.com$/;

/** A Google API service name such as `aiplatform.googleapis.com`. */
export function googleApiService(value: string): RuleResult {
  if (!GOOGLE_API_SERVICE.test(value)) {
    return 'must be a Google API service name such as aiplatform.googleapis.com';
  }
  return undefined;
}

const NETWORK = new RegExp(`^projects/([^/\\s]+)/global/networks/(${RESOURCE_NAME})$`);
const PROJECT_NUMBER = /^[1-9][0-9]*$/;

/**
 * An existing VPC network: `projects/PROJECT/global/networks/NAME`, where PROJECT is a project ID
 * or a project number. Compute Engine and Service Networking take either; Vertex AI's
 * `CustomJobSpec.network` documents the project *number* form (`projects/12345/global/networks/myVPC`).
 */
export function networkName(value: string): RuleResult {
  const match = NETWORK.exec(value);
  if (!match || (projectId(match[1]) !== undefined && !PROJECT_NUMBER.test(match[1]))) {
    return 'must be a VPC network name of the form projects/PROJECT_ID_OR_NUMBER/global/networks/NAME, where NAME is 1-63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';
  }
  return undefined;
}
