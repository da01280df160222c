/**
 * Whether an on-new-data trigger can fire, and fire only on what it means to: pure rules on the
 * watched bucket, prefix and location. No cdktf import.
 *
 * Eventarc delivers a Cloud Storage event only to a trigger in the bucket's own location: a region
 * (`europe-west1`), a dual-region (`nam4`) or a multi-region (`us`); Cloud Storage triggers are not
 * global, and their location is written in lower case (Cloud Storage reports `US-CENTRAL1`).
 */
import { bucketName } from '../rules/bucket-name';
import { regionOfZone } from '../rules/regions';
import { RuleResult } from '../rules/result';

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
