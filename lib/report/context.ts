import { SynthText } from '../core/synth-text';
import { PriceBook } from '../catalog/prices';

/** What one report build shares: the stack's token resolution with every environment's known names. */
export interface ReportContext {
  /** Resolves tokens (once per distinct string), known names as their values. */
  readonly synth: SynthText;
  /** `synth.text`: a string as the report shows it. */
  readonly resolve: (value: string) => string;
  /** Cron descriptions, each computed once per report. */
  readonly cronWords: Map<string, string>;
}

/** What a job's section reads of its environment's report. */
export interface EnvironmentFacts {
  /** The prices of the environment's cost estimates. */
  readonly prices: PriceBook;
}
