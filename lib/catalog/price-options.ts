/**
 * The prices users give over the price catalog (lib/catalog/prices.ts): an environment's `prices`
 * option. Pure data.
 */

/** The price of one machine, GPU, TPU chip or TPU core for one hour. */
export interface HourlyPrice {
  /** On-demand price per hour, in the catalog's currency (USD unless `currency` says otherwise). */
  readonly onDemand: number;
  /**
   * Spot price per hour.
   * @default - no Spot price: the Spot cost is not estimated
   */
  readonly spot?: number;
}

/** Prices that replace or extend the catalog's (an environment's `prices` option). */
export interface PriceOptions {
  /**
   * Price of each machine type per VM-hour, without its GPUs, e.g. `{ 'n1-standard-8': { onDemand: 0.437, spot: 0.11 } }`.
   * @default - the catalog's
   */
  readonly machines?: { [machineType: string]: HourlyPrice };
  /**
   * Price of each GPU type (`acceleratorType`, e.g. `NVIDIA_TESLA_A100`) per GPU-hour.
   * @default - the catalog's
   */
  readonly gpus?: { [acceleratorType: string]: HourlyPrice };
  /**
   * Price of each TPU version (`v5e`, `v6e`, `7x`, `v2`, `v3`) per chip-hour (core-hour for v2 and v3).
   * @default - the catalog's
   */
  readonly tpus?: { [version: string]: HourlyPrice };
  /**
   * Where the given prices come from (a price list, a contract), shown in the report.
   * @default - the catalog's source
   */
  readonly source?: string;
  /**
   * Date of the given prices (`YYYY-MM-DD`), shown in the report.
   * @default - the catalog's date
   */
  readonly date?: string;
  /**
   * Currency of the given prices. Another currency than the catalog's (USD) replaces the catalog
   * whole: what the given prices leave out is reported as unpriced, never counted in dollars.
   * @default 'USD'
   */
  readonly currency?: string;
}
