import { regionOfZone } from './regions';
import { RuleResult } from './result';

const RESERVATION = /^projects\/[^/]+\/zones\/([a-z0-9-]+)\/reservations\/([\s\S]*)$/;
const SHORT_NAME = /^[a-z0-9-]+$/;

/** The parts of a reservation's full name `projects/PROJECT/zones/ZONE/reservations/NAME`. */
export interface ReservationNameParts {
  /** ZONE, as written (not checked to be a zone). */
  readonly zone: string;
  /** NAME, as written (not checked: {@link reservationName} does). */
  readonly name: string;
}

/** The zone and name of a reservation's full name, or undefined when it is not of the form `projects/PROJECT/zones/ZONE/reservations/...`. */
export function parseReservationName(name: string): ReservationNameParts | undefined {
  const match = RESERVATION.exec(name);
  return match ? { zone: match[1], name: match[2] } : undefined;
}

/**
 * A Compute Engine reservation that a job in `region` can consume: its full name, in a zone of the
 * job's region (a VM is created in the region's zones only, so a reservation elsewhere is never used
 * and, with a SPECIFIC affinity, the job never starts). `region` undefined (a Terraform reference):
 * only the form is checked.
 */
export function reservationName(name: string, region: string | undefined): RuleResult {
  const parts = parseReservationName(name);
  const form = 'one or more reservation names of the form projects/PROJECT/zones/ZONE/reservations/NAME';
  if (!parts || !SHORT_NAME.test(parts.name)) return form;
  const zoneRegion = regionOfZone(parts.zone);
  if (zoneRegion === undefined) return `${form}, ZONE a zone such as us-central1-a (${parts.zone} is not a zone)`;
  if (region !== undefined && zoneRegion !== region) {
    return `must be a reservation in a zone of the job's region ${region} (${parts.zone} is in ${zoneRegion}): Vertex AI only creates the job's VMs in its own region`;
  }
  return undefined;
}
