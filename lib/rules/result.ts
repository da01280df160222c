/**
 * A pure validation rule returns `undefined` when the value is acceptable, or a sentence that says
 * what is allowed. The construct layer adds the construct path, the field and the value.
 */
export type RuleResult = string | undefined;
