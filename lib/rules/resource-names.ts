import { RuleResult } from './result';

/** The parts of a parsed regional resource name. */
export interface ParsedResourceName {
  readonly project: string;
  readonly location: string;
  readonly id: string;
}

function parser(pattern: RegExp) {
  return (value: string): ParsedResourceName | undefined => {
    const match = pattern.exec(value);
    if (!match) return undefined;
    return { project: match[1], location: match[2], id: match[3] };
  };
}

const SEGMENT = '([^/\\s]+)';

/** `projects/P/locations/L/keyRings/KR/cryptoKeys/K` (id = `KR/K`). */
export const parseCryptoKeyName = (value: string): ParsedResourceName | undefined => {
  const match = new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/keyRings/([a-zA-Z0-9_-]{1,63})/cryptoKeys/([a-zA-Z0-9_-]{1,63})$`).exec(value);
  if (!match) return undefined;
  return { project: match[1], location: match[2], id: `${match[3]}/${match[4]}` };
};

/** `projects/P/locations/L/keyRings/KR`. */
export const parseKeyRingName = parser(new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/keyRings/([a-zA-Z0-9_-]{1,63})$`));

/** `projects/P/locations/L/repositories/R`. */
export const parseRepositoryName = parser(new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/repositories/([a-z][a-z0-9-]{0,61}[a-z0-9])$`));

/** `projects/P/locations/L/tensorboards/ID`. */
export const parseTensorboardName = parser(new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/tensorboards/([0-9]+)$`));

/**
 * Checks that a parsed name exists and is in the expected region. Vertex AI (and this library's
 * buckets) need CMEK keys in the resource's own region: never `global` or a multi-region.
 * `region` is undefined when it is not known at synth time; only the shape is checked then.
 */
export function regionalName(parsed: ParsedResourceName | undefined, shape: string, region: string | undefined): RuleResult {
  if (!parsed) return `must be a resource name of the form ${shape}`;
  if (region !== undefined && parsed.location !== region) {
    return `must be in the environment's region ${region} (found location "${parsed.location}"; global and multi-region locations cannot be used)`;
  }
  return undefined;
}
