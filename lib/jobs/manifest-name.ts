import { createHash } from 'crypto';
import { Fn, Lazy, TerraformLocal, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { withSortedKeys } from '../core/sorted-keys';
import { SynthText, SynthValue } from '../core/synth-text';
import { knownNames } from '../environment/known-names';
import type { TrainingEnvironment } from '../environment/training-environment';
import { jobPrefix } from './run-storage';

/*
 * How a launch manifest is named, and so which deploys launch a run.
 *
 * A job that launches on change is launched by the deploy that writes a manifest of a new name:
 * the launcher keys the run `c-<first 40 hex digits of the name>`, and a key runs once. The name
 * `jobs/<job>/<64 hex digits>.json` is three hashes end to end:
 *
 * | digits | what | known |
 * | --- | --- | --- |
 * | 1–24 | the launch hash: SHA-256 of the manifest's canonical JSON at synth, every value known at synth resolved, every apply-time value a placeholder | at synth (the report shows it) |
 * | 25–40 | SHA-256 of the JSON of the apply-time values (`jsonencode`), e.g. a TensorBoard's server-assigned ID | at apply; at synth when there are none |
 * | 41–64 | SHA-256 of the manifest as written (`jsonencode` of its content) | at apply |
 *
 * The key (digits 1–40) changes exactly when the applied request changes: a known value changes
 * the launch hash, an apply-time value its own digits. Two different applied manifests never share
 * a key, except by the user's choice: with `relaunchOnLabelChange: false` labels are left out of
 * both hashes, so that a label-only change writes a new manifest (digits 41–64 differ, and
 * the object is replaced, never rewritten in place) whose key already ran. The launch policy
 * (`paused`, `maxConcurrentRuns` and `jobLabel`) is left out of both hashes the same way, always:
 * it says how the launcher treats launches, not what runs, so pausing, resuming or changing the
 * concurrency of an on-change job rewrites its manifest under a key that already ran. The digits of
 * the written content keep two different manifests from ever sharing an object name.
 *
 * Why three parts: the launch hash alone would give two requests one key when a value Terraform
 * learns at apply changes without anything changing at synth (a TensorBoard created again gets a
 * new ID); a hash at apply alone (the former name) cannot be shown in the report. Known names are
 * hashed by their values (a renamed service account changes the hash, though the body refers to it
 * the same way) and references not at all (a construct moved to another path changes nothing).
 * The name keeps the shape the launcher reads (`[0-9a-f]{64}`, key `c-` and its first 40 digits:
 * 96 bits of launch hash, 64 of apply-time values), so the launcher is unchanged.
 *
 * Jobs that do not launch on change keep `jobs/<job>/<SHA-256 of the manifest as written>.json`:
 * nothing reads a key from their names.
 */

/** Hex digits of the launch hash in the name (and the launch key). */
export const LAUNCH_HASH_DIGITS = 24;
/** Hex digits of the apply-time values' hash in the name (and the launch key). */
export const APPLY_HASH_DIGITS = 16;
/** Hex digits of the written content's hash in the name (not in the key). */
export const CONTENT_HASH_DIGITS = 24;

/** What stands for an apply-time value in the hashed JSON. */
export const APPLY_TIME_PLACEHOLDER = '<apply-time value>';

/** The hash of no apply-time values: what Terraform's `sha256(jsonencode([]))` gives. */
export const NO_APPLY_TIME_HASH = sha256('[]').slice(0, APPLY_HASH_DIGITS);

/** The synth-time part of a manifest's name. */
export interface ManifestLaunchHash {
  /** SHA-256 (64 hex digits) of the canonical JSON of the manifest at synth. */
  readonly launchHash: string;
  /** The Terraform text of each apply-time value hashed apart, in hashing order. */
  readonly applyTimeInputs: string[];
  /** The originals (tokens) of the apply-time values, for Terraform to hash at apply. */
  readonly applyTimeOriginals: unknown[];
  /** Digits 25–40 when known at synth (no apply-time values). */
  readonly applyHash?: string;
}

/**
 * The launch hash of a manifest resolved with `SynthText.value` (apply-time leaves as
 * {@link APPLY_TIME_PLACEHOLDER}).
 */
export function launchHashOf(resolved: SynthValue): ManifestLaunchHash {
  return {
    launchHash: sha256(canonicalJson(resolved.value)),
    applyTimeInputs: resolved.applyTime.map((v) => v.text),
    applyTimeOriginals: resolved.applyTime.map((v) => v.original),
    applyHash: resolved.applyTime.length === 0 ? NO_APPLY_TIME_HASH : undefined,
  };
}

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(withSortedKeys(value)) ?? 'null';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What the report and the manifest's name read of a job's manifest. */
export interface ManifestNaming extends ManifestLaunchHash {
  /** Whether a deploy that writes a new manifest launches a run (the job has an on-change trigger). */
  readonly launchesOnDeploy: boolean;
  /** Whether labels are part of the launch hash (`relaunchOnLabelChange`). */
  readonly labelsRelaunch: boolean;
}

/** The manifest a job writes, before Terraform renders it. */
export interface ManifestSource {
  /** The manifest: kind, collection, launch settings and the request body, as the job holds them (with tokens). */
  readonly content: object;
  /** Whether the job launches on change. */
  readonly launchOnChange: boolean;
  /** Whether labels are part of the launch hash. */
  readonly relaunchOnLabelChange: boolean;
}

/**
 * The known names of an environment as the tokens of one stack resolve them. Computed at the first
 * job's naming (at synth, when the environment is complete) and shared by the environment's other
 * jobs in that stack: computing them creates tokens, and cdktf records a stack trace for each.
 */
const knownNamesByStack = new WeakMap<TrainingEnvironment, WeakMap<TerraformStack, Map<string, string>>>();

function knownNamesIn(stack: TerraformStack, env: TrainingEnvironment, raw: SynthText): Map<string, string> {
  let byStack = knownNamesByStack.get(env);
  if (!byStack) knownNamesByStack.set(env, byStack = new WeakMap());
  let known = byStack.get(stack);
  if (!known) byStack.set(stack, known = knownNames(env, (token) => raw.text(token)));
  return known;
}

/** The launch hash of a job's manifest, resolved in the job's stack with its environment's known names. */
export function manifestNaming(scope: IConstruct, env: TrainingEnvironment, source: ManifestSource): ManifestNaming {
  const raw = new SynthText(scope);
  const synth = raw.withKnown(knownNamesIn(TerraformStack.of(scope), env, raw));
  const labels = source.relaunchOnLabelChange;
  const resolved = synth.value(source.content, () => APPLY_TIME_PLACEHOLDER, (key) => !labels && key === 'labels');
  return { ...launchHashOf(resolved), launchesOnDeploy: source.launchOnChange, labelsRelaunch: labels };
}

/**
 * The name of an on-change job's manifest (see the table above): the launch hash (at synth), the
 * hash of the apply-time values (a local `inputsId` listing them, rendered at synth), the hash of
 * the written content.
 */
export function onChangeManifestName(scope: Construct, jobId: string, inputsId: string, content: TerraformLocal, naming: () => ManifestNaming): string {
  const inputs = new TerraformLocal(scope, 'launch-inputs', Lazy.anyValue({ produce: () => naming().applyTimeOriginals }));
  inputs.overrideLogicalId(inputsId);
  const launch = Lazy.stringValue({ produce: () => naming().launchHash.slice(0, LAUNCH_HASH_DIGITS) });
  const applied = Fn.substr(Fn.sha256(Fn.jsonencode(inputs.expression)), 0, APPLY_HASH_DIGITS);
  const written = Fn.substr(Fn.sha256(Fn.jsonencode(content.expression)), 0, CONTENT_HASH_DIGITS);
  return `${jobPrefix(jobId)}${launch}${applied}${written}.json`;
}
