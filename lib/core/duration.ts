import { NUMBER, withInput } from './field-types';

/**
 * A length of time, rendered as a Google duration string (`"86400s"`).
 */
export class Duration {
  /** @param amount whole seconds */
  public static seconds(amount: number): Duration {
    return withInput(new Duration(amount, 1, 'seconds'), '', amount, NUMBER);
  }

  /** @param amount whole minutes */
  public static minutes(amount: number): Duration {
    return withInput(new Duration(amount, 60, 'minutes'), '', amount, NUMBER);
  }

  /** @param amount whole hours */
  public static hours(amount: number): Duration {
    return withInput(new Duration(amount, 3_600, 'hours'), '', amount, NUMBER);
  }

  /** @param amount whole days */
  public static days(amount: number): Duration {
    return withInput(new Duration(amount, 86_400, 'days'), '', amount, NUMBER);
  }

  /** The amount as given. */
  public readonly amount: number;
  /** The unit the amount was given in. */
  public readonly unit: string;
  private readonly secondsPerUnit: number;

  private constructor(amount: number, secondsPerUnit: number, unit: string) {
    this.amount = amount;
    this.secondsPerUnit = secondsPerUnit;
    this.unit = unit;
  }

  /** Whole seconds; NaN or fractions stay as given so that validation can report them. */
  public toSeconds(): number {
    return this.amount * this.secondsPerUnit;
  }

  /** The Google duration string, e.g. `"3600s"`. */
  public toGoogleDuration(): string {
    return `${this.toSeconds()}s`;
  }

  /** How the user wrote it, e.g. `2 hours`, for error messages. */
  public toString(): string {
    return `${this.amount} ${this.amount === 1 ? this.unit.slice(0, -1) : this.unit}`;
  }
}
