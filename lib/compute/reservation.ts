import { list, STRING, withInput } from '../core/field-types';

/**
 * Which Compute Engine reservations a pool's VMs may consume. A reservation must be shared with
 * Vertex AI (`ALLOW_ALL`), match the machine exactly, and cannot be combined with FLEX_START.
 */
export class Reservation {
  /** Never consume a reservation. */
  public static none(): Reservation {
    return new Reservation('NO_RESERVATION', []);
  }

  /** Consume any matching reservation, falling back to on-demand capacity. */
  public static any(): Reservation {
    return new Reservation('ANY_RESERVATION', []);
  }

  /**
   * Consume only the named reservations.
   * @param names `projects/PROJECT/zones/ZONE/reservations/NAME`, one or more
   */
  public static specific(...names: string[]): Reservation {
    return withInput(new Reservation('SPECIFIC_RESERVATION', names), '', names, list(STRING));
  }

  /** The v1 `reservationAffinityType`. */
  public readonly affinityType: string;
  /** Reservation names of a SPECIFIC_RESERVATION affinity. */
  public readonly names: string[];

  private constructor(affinityType: string, names: string[]) {
    this.affinityType = affinityType;
    this.names = names;
  }
}
