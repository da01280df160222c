import { ResolvedPool } from '../spec/worker-pools';

/** What a job kind contributes to the shared launch machinery. */
export interface JobKind {
  /** Vertex resource kind, e.g. `CustomJob`. */
  readonly kind: string;
  /** REST collection, e.g. `customJobs`. */
  readonly collection: string;
  /** Console page listing runs of this kind. */
  readonly consolePage: string;
}

/** A validated CustomJobSpec and what was resolved to build it. */
export interface RenderedJobSpec {
  readonly jobSpec: { [key: string]: unknown };
  readonly pools: ResolvedPool[];
  readonly preemptible: boolean;
}
