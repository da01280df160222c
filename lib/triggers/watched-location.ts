/**
 * Whether an on-new-data trigger can fire, and fire only on what it means to: pure rules on the
 * watched bucket, prefix and location, and on a data batch's filter and window. No cdktf import.
 *
 * Eventarc delivers a Cloud Storage event only to a trigger in the bucket's own location: a region
 * (`europe-west1`), a dual-region (`nam4`) or a multi-region (`us`); Cloud Storage triggers are not
 * global, and their location is written in lower case (Cloud Storage reports `US-CENTRAL1`).
 */
import { secondsInWords } from '../core/durations';
import { bucketName } from '../rules/bucket-name';
import { regionOfZone } from '../rules/regions';
import { RuleResult } from '../rules/result';
import { re2PatternProblem } from './re2-syntax';

const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
/** Cloud Storage multi-regions and predefined dual-regions (a configurable dual-region takes its multi-region's). */
const MULTI_AND_DUAL_REGIONS = ['us', 'eu', 'asia', 'nam4', 'eur4', 'eur5', 'eur7', 'eur8', 'asia1'];
/** Object names are at most 1,024 bytes. */
const MAX_OBJECT_NAME_BYTES = 1024;

/** The watched bucket's name: a bare bucket name, not a `gs://` URL. */
export function watchedBucketName(name: string): RuleResult {
  if (name.startsWith('gs://')) {
    return `must be a bucket name without gs:// (${JSON.stringify(name.slice(5).split('/')[0])}; a path after the bucket goes in the prefix)`;
  }
  return bucketName(name);
}

/**
 * The object name prefix routes match literally (`^prefix`): one that no object name can start with
 * would never launch anything.
 */
export function watchedPrefix(prefix: string): RuleResult {
  if (prefix.startsWith('gs://')) {
    const rest = prefix.slice(5);
    return `must be an object name prefix inside the bucket, without gs://BUCKET/ (e.g. ${JSON.stringify(rest.slice(rest.indexOf('/') + 1))})`;
  }
  if (prefix.startsWith('/')) {
    return `must be an object name prefix, which does not start with "/" (object names are relative to the bucket: ${JSON.stringify(prefix.replace(/^\/+/, ''))})`;
  }
  if (/[*?[\]]/.test(prefix)) {
    return 'must be a literal object name prefix: wildcards are not patterns here (every object whose name starts with the prefix launches a run)';
  }
  if (/[\r\n]/.test(prefix) || Buffer.byteLength(prefix) > MAX_OBJECT_NAME_BYTES) {
    return `must be an object name prefix: at most ${MAX_OBJECT_NAME_BYTES} bytes, no line breaks`;
  }
  return undefined;
}

/** The location Eventarc watches the bucket from: the bucket's own, in Eventarc's lower-case form. */
export function watchedLocation(location: string): RuleResult {
  const lower = location.toLowerCase();
  const allowed = `must be the bucket's location in lower case: a region (us-central1), a dual-region or a multi-region (${MULTI_AND_DUAL_REGIONS.join(', ')})`;
  if (lower === 'global') return `${allowed}; Eventarc has no global Cloud Storage triggers`;
  const zoneRegion = regionOfZone(lower);
  if (zoneRegion !== undefined) return `${allowed}; a bucket is not in a zone (did you mean ${zoneRegion}?)`;
  if (!REGION.test(lower) && !MULTI_AND_DUAL_REGIONS.includes(lower)) return allowed;
  if (lower !== location) return `${allowed} (did you mean ${lower}?)`;
  return undefined;
}

/**
 * Whether some object under `outputs` (a job's own output prefix, `jobs/<id>/runs/`) also starts
 * with `prefix`: then every run's outputs launch the job again.
 */
export function prefixCoversOutputs(prefix: string, outputs: string): boolean {
  return outputs.startsWith(prefix) || prefix.startsWith(outputs);
}

/** Text the launcher's definition would read as a Workflows expression. */
function expressionProblem(text: string): RuleResult {
  return text.includes('${') ? 'must not contain "${" (the launcher workflow would read it as an expression)' : undefined;
}

/** Line breaks and length: what no object name holds. */
function objectNameTextProblem(text: string): RuleResult {
  return /[\r\n]/.test(text) || Buffer.byteLength(text) > MAX_OBJECT_NAME_BYTES ? `must fit in an object name: at most ${MAX_OBJECT_NAME_BYTES} bytes, no line breaks` : undefined;
}

/** A marker object's name ({@link ObjectFilter.marker}): the last segment of an object name. */
export function markerName(name: string): RuleResult {
  if (name === '') return 'must be an object name segment such as _SUCCESS, not empty';
  if (name.includes('/')) {
    return `must be the last segment of the marker's name, without "/" (${JSON.stringify(name.slice(name.lastIndexOf('/') + 1))}; a directory goes in the prefix, and markers at any depth below it count)`;
  }
  if (name === '.' || name === '..') return 'must be an object name segment such as _SUCCESS (Cloud Storage has no objects named . or ..)';
  if (/[*?[\]]/.test(name)) return 'must be a literal name: wildcards are not patterns here (use ObjectFilter.pattern or ObjectFilter.suffix)';
  return objectNameTextProblem(name) ?? expressionProblem(name);
}

/** A name suffix ({@link ObjectFilter.suffix}). */
export function nameSuffix(suffix: string): RuleResult {
  if (suffix === '') return 'must not be empty (leave the filter out for every object)';
  if (/[*?[\]]/.test(suffix)) return `must be literal text: wildcards are not patterns here (${JSON.stringify(suffix.replace(/^\*+/, ''))}, or use ObjectFilter.pattern)`;
  return objectNameTextProblem(suffix) ?? expressionProblem(suffix);
}

/** An RE2 pattern of names after the prefix ({@link ObjectFilter.pattern}). */
export function namePattern(pattern: string): RuleResult {
  if (pattern === '') return 'must not be empty (it would match the prefix alone; leave the filter out for every object)';
  if (/[\r\n]/.test(pattern)) return 'must be on one line (object names hold no line breaks)';
  if (pattern.includes('${')) return 'must not contain "${" (the launcher workflow would read it as an expression; write \\x24{ for the characters)';
  const problem = re2PatternProblem(pattern);
  return problem === undefined ? undefined : `must be an RE2 expression matched as a whole: it ${problem}`;
}

/** The shortest window of {@link Trigger.onNewDataBatch}'s `coalesce`, in seconds. */
export const MIN_COALESCE_SECONDS = 60;
/** The longest window of {@link Trigger.onNewDataBatch}'s `coalesce`, in seconds. */
export const MAX_COALESCE_SECONDS = 86_400;

/** A coalescing window in seconds: from {@link MIN_COALESCE_SECONDS} to {@link MAX_COALESCE_SECONDS}, whole seconds. */
export function coalesceWindow(seconds: number): RuleResult {
  return Number.isInteger(seconds) && seconds >= MIN_COALESCE_SECONDS && seconds <= MAX_COALESCE_SECONDS
    ? undefined : `must be from ${secondsInWords(MIN_COALESCE_SECONDS)} to ${secondsInWords(MAX_COALESCE_SECONDS)}, in whole seconds`;
}
