import { FakeGoogle, LAUNCHER_ENV, StoredObject } from '../helpers/google-fakes';
import { HttpRequest } from '../helpers/workflows';
import { deploy } from './fixtures';

/**
 * The launch-time policies' manifest fields, written into the tests' manifests by hand to the
 * contract of /work/notes/day2-design.md ("Manifest fields"): `maxConcurrentRuns` with `jobLabel
 * {key: 'vertex-training-job', value: <job>}` for skip and upTo, `paused: true` for a paused job.
 */

/** The label every run of a job carries (Vertex AI labels, JobSet metadata labels). */
export const JOB_LABEL_KEY = 'vertex-training-job';

/** `content` with a concurrency policy of at most `maxConcurrentRuns` active runs of `job`. */
export function limitedTo(job: string, content: { [key: string]: unknown }, maxConcurrentRuns: number): { [key: string]: unknown } {
  return { ...content, maxConcurrentRuns, jobLabel: { key: JOB_LABEL_KEY, value: job } };
}

/** `content` of a paused job. */
export function pausedManifest(content: { [key: string]: unknown }): { [key: string]: unknown } {
  return { ...content, paused: true };
}

/** A fresh Google with `content` deployed as job `job`'s manifest; `key` is its on-change launch key. */
export function deployedAs(job: string, content: { [key: string]: unknown }, google = new FakeGoogle()): { google: FakeGoogle; object: StoredObject; key: string } {
  const object = deploy(google, job, content);
  const hash = object.name.slice(`jobs/${job}/`.length, -'.json'.length);
  return { google, object, key: `c-${hash.slice(0, 40)}` };
}

/** The gate object of a job's concurrency policy. */
export const gateName = (job: string): string => `launches/gates/${job}.json`;

/** The live gate of a job, if any. */
export function gateOf(google: FakeGoogle, job: string): StoredObject | undefined {
  return google.storage.live(LAUNCHER_ENV.staging, gateName(job));
}

/** Puts job `job`'s gate there as another execution holding it would. */
export function holdGate(google: FakeGoogle, job: string, execution = 'another-execution'): StoredObject {
  return google.storage.put(LAUNCHER_ENV.staging, gateName(job), { job, execution, key: 's-other', acquired: google.clock.now() });
}

/** The create (or takeover) of a gate. */
export const insertGate = (r: HttpRequest): boolean => r.method === 'POST' && r.url.includes('/upload/') && r.url.includes('launches%2Fgates%2F');
/** The delete of a gate. */
export const deleteGate = (r: HttpRequest): boolean => r.method === 'DELETE' && r.url.includes('launches%2Fgates%2F');
/** An insert or rewrite of a launch record (not a gate). */
export const writeRecord = (r: HttpRequest): boolean => r.method === 'POST' && r.url.includes('/upload/') && r.url.includes('launches%2F') && !insertGate(r);
/** A listing of the active Vertex AI jobs of a collection (counting). */
export const listActive = (r: HttpRequest): boolean => r.method === 'GET' && r.url.includes('aiplatform.googleapis.com') && /[?&]filter=state/.test(r.url);
/** The watch reading a Vertex AI job. */
export const readJob = (r: HttpRequest): boolean => r.method === 'GET' && /aiplatform\.googleapis\.com\/v1\/projects\/[^/]+\/locations\/[^/]+\/customJobs\/[0-9]+$/.test(r.url);
