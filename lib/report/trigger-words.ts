import { secondsInWords } from '../core/durations';
import { BATCH_GRACE_SECONDS } from '../launch/definition/data-batch';
import { ObjectFilterKind } from '../triggers/object-filter';

/*
 * A data trigger's filter and window in the report's words, once for the JSON report's plain text
 * and the Markdown (`show` formats names and values: as they are, or as code).
 */

const plain = (text: string): string => text;

/** `, when ...`: what a data trigger's filter lets launch, `value` being its marker, suffix or RE2 expression. */
export function filterClause(kind: ObjectFilterKind, value: string, show: (text: string) => string = plain): string {
  switch (kind) {
    case ObjectFilterKind.MARKER: return `, when its last path segment is ${show(value)}, a marker completing a drop at any depth`;
    case ObjectFilterKind.SUFFIX: return `, when its name ends in ${show(value)}`;
    default: return `, when its name after the prefix matches the RE2 expression ${show(value)}`;
  }
}

/** `coalesced: ...`: one run per window of `seconds`, and when it starts. */
export function windowWords(seconds: number, show: (text: string) => string = plain): string {
  return `coalesced: one run per window of ${secondsInWords(seconds)} (tumbling, aligned to the Unix epoch, by the objects' ${show('timeCreated')}), `
    + `started ${secondsInWords(BATCH_GRACE_SECONDS)} after the window ends`;
}
