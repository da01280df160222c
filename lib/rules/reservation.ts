import { RuleResult } from './result';

const RESERVATION = /^projects\/[^/]+\/zones\/([a-z0-9-]+)\/reservations\/[a-z0-9-]+$/;
const ZONE = /^([a-z]+-[a-z]+[0-9]+)-[a-z]$/;

/**
 * A Compute Engine reservation that a job in `region` can consume: its full name, in a zone of the
 * job's region (a VM is created in the region's zones only, so a reservation elsewhere is never used
 * and, with a SPECIFIC affinity, the job never starts). `region` undefined (a Terraform reference):
 * only the form is checked.
 */
export function reservationName(name: string, region: string | undefined): RuleResult {
  const match = RESERVATION.exec(name);
  const form = 'one or more reservation names of the form projects/PROJECT/zones/ZONE/reservations/NAME';
  if (!match) return form;
  const zone = ZONE.exec(match[1]);
  if (!zone) return `${form}, ZONE a zone such as us-central1-a (${match[1]} is not a zone)`;
  if (region !== undefined && zone[1] !== region) {
    return `must be a reservation in a zone of the job's region ${region} (${match[1]} is in ${zone[1]}): Vertex AI only creates the job's VMs in its own region`;
  }
  return undefined;
}
