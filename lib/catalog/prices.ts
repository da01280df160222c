/**
 * Hourly prices of Vertex AI custom training, for the training report's cost estimates. Pure data:
 * no cdktf import.
 *
 * Source: the Vertex AI pricing page, custom-trained models, training
 * (https://cloud.google.com/vertex-ai/pricing#custom-trained_models), us-central1, USD, as compiled
 * on the catalog's date. The page could not be read from where this catalog was written, so every
 * row is [unconfirmed]: the on-demand figures are Compute Engine's us-central1 prices with Vertex
 * AI's training surcharge (about 15%), and the Spot figures are estimates, a fixed share of the
 * on-demand price (Spot prices move, at most monthly). Prices differ by region; other regions are
 * estimated at these rates. Override any row, the source and the date with the environment's
 * `prices` option (`{ machines: { 'n1-standard-8': { onDemand: 0.44, spot: 0.1 } } }`), as with
 * every other [unconfirmed] catalog fact.
 *
 * How a run is priced: every replica of every pool pays its machine's rate (without accelerators)
 * plus its GPUs' rate per GPU; a TPU pool pays per TPU chip (v5e, v6e, 7x) or core (v2, v3), its host
 * VMs included. Boot disks, storage, network and the launcher are not counted. FLEX_START
 * (Dynamic Workload Scheduler) has prices of its own, not catalogued: on-demand is its upper bound.
 */
import { HourlyPrice, PriceOptions } from './price-options';
import { Confidence } from './types';
import { lazy } from '../core/lazy';
import { closest } from '../core/words';

/** The catalogs prices are checked against, loaded when an environment gives prices. */
const catalogs = lazy({
  machines: (): string[] => (require('./machines') as typeof import('./machines')).MACHINE_TYPES.map((m) => m.name),
  gpus: (): string[] => (require('./accelerators') as typeof import('./accelerators')).GPUS.map((g) => g.acceleratorType),
  tpus: (): string[] => (require('./tpus') as typeof import('./tpus')).TPUS.map((t) => t.version),
});

const GROUP_WORDS = {
  machines: 'a machine type accepted for custom training, e.g. n1-standard-8',
  gpus: 'a GPU acceleratorType, e.g. NVIDIA_TESLA_A100',
  tpus: 'a TPU version: v5e, v6e, 7x, v2 or v3',
} as const;

/** One catalog row. */
interface PriceRow {
  readonly onDemand: number;
  readonly spot: number;
  readonly confidence: Confidence;
}

/** Spot as a share of on-demand: GPUs and TPUs, CPU machines ([unconfirmed] estimates). */
const SPOT_SHARE = { accelerator: 0.4, machine: 0.25 } as const;

const row = (onDemand: number, share: number): PriceRow => ({ onDemand, spot: round(onDemand * share), confidence: 'unconfirmed' });
const machine = (onDemand: number) => row(onDemand, SPOT_SHARE.machine);
const accelerator = (onDemand: number) => row(onDemand, SPOT_SHARE.accelerator);

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The catalog: date, source and the rows, keyed like {@link PriceOptions}. */
export const PRICE_CATALOG = {
  date: '2026-12-01',
  source: 'https://cloud.google.com/vertex-ai/pricing#custom-trained_models (us-central1; every row [unconfirmed])',
  currency: 'USD',
  region: 'us-central1',
  machines: {
    'n1-standard-4': machine(0.2185), 'n1-standard-8': machine(0.4370), 'n1-standard-16': machine(0.8740),
    'n1-standard-32': machine(1.7480), 'n1-standard-64': machine(3.4960), 'n1-standard-96': machine(5.2440),
    'n1-highmem-2': machine(0.1361), 'n1-highmem-4': machine(0.2721), 'n1-highmem-8': machine(0.5442),
    'n1-highmem-16': machine(1.0885), 'n1-highmem-32': machine(2.1769),
    'n1-highcpu-16': machine(0.6522), 'n1-highcpu-32': machine(1.3044), 'n1-highcpu-64': machine(2.6088), 'n1-highcpu-96': machine(3.9132),
    'n2-standard-4': machine(0.2234), 'n2-standard-8': machine(0.4467), 'n2-standard-16': machine(0.8935),
    'n2-standard-32': machine(1.7870), 'n2-standard-48': machine(2.6805), 'n2-standard-64': machine(3.5740), 'n2-standard-80': machine(4.4675),
    'n2-highmem-8': machine(0.6026), 'n2-highmem-16': machine(1.2052), 'n2-highcpu-16': machine(0.6599), 'n2-highcpu-32': machine(1.3198),
    'e2-standard-4': machine(0.1541), 'e2-standard-8': machine(0.3083), 'e2-standard-16': machine(0.6165), 'e2-standard-32': machine(1.2330),
    'c2-standard-4': machine(0.2401), 'c2-standard-8': machine(0.4802), 'c2-standard-16': machine(0.9604),
    'c2-standard-30': machine(1.8008), 'c2-standard-60': machine(3.6016),
    // A2: the VM without its A100s (priced per GPU below).
    'a2-highgpu-1g': machine(0.8504), 'a2-highgpu-2g': machine(1.7008), 'a2-highgpu-4g': machine(3.4016), 'a2-highgpu-8g': machine(6.8032),
  } as { readonly [machineType: string]: PriceRow },
  gpus: {
    NVIDIA_TESLA_T4: accelerator(0.4025),
    NVIDIA_TESLA_P4: accelerator(0.6900),
    NVIDIA_TESLA_P100: accelerator(1.6790),
    NVIDIA_TESLA_V100: accelerator(2.8520),
    NVIDIA_TESLA_A100: accelerator(3.3741),
    NVIDIA_A100_80GB: accelerator(4.5166),
    NVIDIA_L4: accelerator(0.6440),
  } as { readonly [acceleratorType: string]: PriceRow },
  tpus: {
    v5e: accelerator(1.3800),
    v6e: accelerator(3.1050),
    v2: accelerator(0.6469),
    v3: accelerator(1.1500),
  } as { readonly [version: string]: PriceRow },
} as const;

/** A price found for one machine, GPU or TPU, and how sure it is. */
export interface PriceLookup {
  readonly onDemand: number;
  readonly spot?: number;
  /** `given` when it comes from the user's `prices`, else the catalog row's confidence. */
  readonly confidence: Confidence | 'given';
}

/** The prices a report uses: the catalog with the user's options over it. */
export interface PriceBook {
  readonly date: string;
  readonly source: string;
  readonly currency: string;
  /** Region the catalog's rows are for. */
  readonly region: string;
  /** What the user's options replace or add, e.g. `machine n1-standard-8`, sorted. */
  readonly overridden: string[];
  machine(machineType: string): PriceLookup | undefined;
  gpu(acceleratorType: string): PriceLookup | undefined;
  tpu(version: string): PriceLookup | undefined;
}

/**
 * The catalog with `options` over it. Prices in another currency than the catalog's replace it
 * whole: a catalog row would be counted in the wrong currency, so what they do not price is unpriced.
 */
export function priceBook(options: PriceOptions = {}): PriceBook {
  const ownCurrency = (options.currency ?? PRICE_CATALOG.currency) === PRICE_CATALOG.currency;
  const table = (given: { readonly [name: string]: HourlyPrice } | undefined, catalog: { readonly [name: string]: PriceRow }) =>
    (name: string): PriceLookup | undefined => {
      const mine = given?.[name];
      if (mine !== undefined) return { onDemand: mine.onDemand, spot: mine.spot, confidence: 'given' };
      const found = ownCurrency && Object.prototype.hasOwnProperty.call(catalog, name) ? catalog[name] : undefined;
      return found && { onDemand: found.onDemand, spot: found.spot, confidence: found.confidence };
    };
  const overridden = [
    ...Object.keys(options.machines ?? {}).map((name) => `machine ${name}`),
    ...Object.keys(options.gpus ?? {}).map((name) => `GPU ${name}`),
    ...Object.keys(options.tpus ?? {}).map((name) => `TPU ${name}`),
  ].sort();
  return {
    date: options.date ?? PRICE_CATALOG.date,
    source: options.source ?? PRICE_CATALOG.source,
    currency: options.currency ?? PRICE_CATALOG.currency,
    region: PRICE_CATALOG.region,
    overridden,
    machine: table(options.machines, PRICE_CATALOG.machines),
    gpu: table(options.gpus, PRICE_CATALOG.gpus),
    tpu: table(options.tpus, PRICE_CATALOG.tpus),
  };
}

/**
 * Problems with user prices: each names a machine type, GPU type or TPU version of the catalog, and
 * each price is a number ≥ 0; `field` names where they were given.
 */
export function priceProblems(options: PriceOptions | undefined, field = 'prices'): { field: string; value: unknown; allowed: string }[] {
  const problems: { field: string; value: unknown; allowed: string }[] = [];
  const check = (group: keyof typeof GROUP_WORDS, prices: { readonly [name: string]: HourlyPrice } | undefined) => {
    for (const [name, price] of Object.entries(prices ?? {})) {
      const names = catalogs[group];
      if (!names.includes(name)) {
        const near = closest(name, names);
        problems.push({ field: `${field}.${group}`, value: name, allowed: `${GROUP_WORDS[group]}${near === undefined ? '' : ` (did you mean ${near}?)`}` });
      }
      for (const kind of ['onDemand', 'spot'] as const) {
        const value: unknown = price?.[kind];
        if (kind === 'spot' && value === undefined) continue;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          problems.push({ field: `${field}.${group}["${name}"].${kind}`, value, allowed: 'a price per hour: a number, 0 or more' });
        }
      }
    }
  };
  check('machines', options?.machines);
  check('gpus', options?.gpus);
  check('tpus', options?.tpus);
  return problems;
}
