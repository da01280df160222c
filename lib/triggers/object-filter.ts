import { LITERAL, withInput } from '../core/field-types';

/** The kinds of object filter. */
export enum ObjectFilterKind {
  /** An object of a given last path segment (`_SUCCESS`) completes a drop. */
  MARKER = 'MARKER',
  /** Names ending in a given text. */
  SUFFIX = 'SUFFIX',
  /** Names matching an RE2 regular expression. */
  PATTERN = 'PATTERN',
}

/**
 * Which of the objects landing under a watched prefix launch a run (see
 * {@link Trigger.onNewDataBatch}). Every filter is matched against the object's name after the
 * watched prefix; the launcher matches prefix and filter as one RE2 expression on the whole name.
 */
export class ObjectFilter {
  /**
   * An object whose last path segment is `name` (e.g. `_SUCCESS`, written by Spark and Hadoop when
   * a job's output is complete) completes a drop: the run gets the marker object, and the drop is
   * the marker's "directory" (`gs://bucket/<prefix>day=2026-12-01/` for
   * `<prefix>day=2026-12-01/_SUCCESS`). Markers at any depth below the prefix count.
   * @param name an object name segment known at synth: not empty, no `/`, no wildcards
   */
  public static marker(name: string): ObjectFilter {
    return withInput(new ObjectFilter(ObjectFilterKind.MARKER, name), 'marker', name, LITERAL);
  }

  /**
   * Objects whose names end in `suffix` (e.g. `.parquet`), at any depth below the prefix.
   * @param suffix literal text known at synth, not empty and without wildcards (`.csv`, not `*.csv`)
   */
  public static suffix(suffix: string): ObjectFilter {
    return withInput(new ObjectFilter(ObjectFilterKind.SUFFIX, suffix), 'suffix', suffix, LITERAL);
  }

  /**
   * Objects whose names after the prefix match `re2` as a whole (the expression is anchored for
   * you: `shard-[0-9]+\.tfrecord` matches `shard-12.tfrecord`, not `old/shard-12.tfrecord.tmp`).
   * RE2 syntax (what Cloud Workflows' `text.match_regex` runs): refused at synth are what RE2 does
   * not have (lookarounds, backreferences, possessive quantifiers, atomic groups, escapes such as
   * `\Z` or `\cX`) and the anchors `^`, `$`, `\A` and `\z` (the pattern is already anchored).
   * @param re2 an RE2 regular expression known at synth
   */
  public static pattern(re2: string): ObjectFilter {
    return withInput(new ObjectFilter(ObjectFilterKind.PATTERN, re2), 'pattern', re2, LITERAL);
  }

  /** The kind of filter. */
  public readonly kind: ObjectFilterKind;
  /** The marker name, suffix or pattern. */
  public readonly value: string;

  private constructor(kind: ObjectFilterKind, value: string) {
    this.kind = kind;
    this.value = value;
  }
}
