/**
 * Resolves a job's `TrainingCode` to the `task` of its worker pools (`pythonPackageSpec` or
 * `containerSpec`), the packages to upload to the staging bucket, and every problem found. Not
 * public API.
 *
 * User strings (args, command, env values, URIs) are escaped for Terraform JSON (`${` → `$${`,
 * `%{` → `%%{`) so they reach Vertex AI as written; in strings that carry cdktf tokens only the
 * literal parts are escaped, so the tokens still resolve.
 */
import { MAX_CONTAINER_ENV } from '../spec/gke/labels';
import { createHash } from 'crypto';
import { lstatSync, readFileSync } from 'fs';
import { basename } from 'path';
import { Token } from 'cdktf';
import { buildSdist, SdistResult } from './sdist';
import { moduleProblem, modulesOf, PackageModules } from './modules';
import { CodeIntent, ImageSource } from './intent';
import { PythonPackage } from './python-package';
import { TrainingCode } from './training-code';
import {
  FRAMEWORK_NAMES, FrameworkId, hasTrainingVariant, ImageVariant, isFrameworkId, trainingImageUri, trainingImageVersions,
} from '../catalog/prebuilt-images';
import { literalForTerraform } from '../core/literal';
import { bucketName } from '../rules/bucket-name';
import { Problem } from '../spec/problem';

/** What resolution needs from the job. */
export interface CodeContext {
  /** Region of the job; undefined when it is a token (the `us` image mirror is used then). */
  readonly region: string | undefined;
  /** Hardware of the job's pools, which chooses the prebuilt image. */
  readonly variant: ImageVariant;
  /** Staging bucket of uploaded packages; may be a cdktf token string. */
  readonly stagingBucketName: string;
  /** Path of the code in the job's props, prefixed to problem fields (e.g. `code`). */
  readonly field: string;
}

/** A local package to upload to the staging bucket. */
export interface PackageUpload {
  /** `packages/<first 16 hex digits of contentHash>/<fileName>`. */
  readonly objectName: string;
  readonly fileName: string;
  /** SHA-256 (hex): of the uncompressed tar for a generated sdist, of the file otherwise. */
  readonly contentHash: string;
  /** Bytes of a generated sdist (`PythonPackage.fromDirectory`). */
  readonly bytes?: Buffer;
  /** Absolute path of a built file (`PythonPackage.fromFile`). */
  readonly sourcePath?: string;
}

/** The outcome of resolving a job's code. */
export interface CodeResolution {
  /** `{ pythonPackageSpec: {...} }` or `{ containerSpec: {...} }`, strings escaped for Terraform. */
  readonly task: { [key: string]: unknown };
  readonly uploads: PackageUpload[];
  readonly problems: Problem[];
  /** What could not be checked at synth time (a module in a package that is not local). */
  readonly notes: string[];
}

/** Most packages a PythonPackageSpec takes (`packageUris`, reference §1.2). */
export const MAX_PACKAGES = 100;
/** File names pip installs and this library uploads. */
export const PACKAGE_EXTENSIONS: readonly string[] = ['.tar.gz', '.zip', '.whl'];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PYTHON_MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IMAGE_NAME = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const WHEEL = /^[A-Za-z0-9_.]+-[A-Za-z0-9_.!+]+(-[0-9][A-Za-z0-9_.]*)?-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+\.whl$/;
/** Resolves `code` for a job; never throws for bad input. */
export function resolveCode(code: TrainingCode, context: CodeContext): CodeResolution {
  // JavaScript callers can pass anything: an image, a package or a plain object instead of the code.
  const intent: CodeIntent | undefined = (code as { _intent?: CodeIntent } | undefined)?._intent;
  if (intent?.kind !== 'prebuilt' && intent?.kind !== 'container') {
    const value = code === null || typeof code !== 'object' ? code : (code as object).constructor?.name ?? 'an object';
    return { task: {}, uploads: [], notes: [], problems: [{ field: context.field, value, allowed: 'a TrainingCode: TrainingCode.prebuilt({...}) or TrainingCode.container({...})' }] };
  }
  return intent.kind === 'prebuilt' ? resolvePrebuilt(intent, context) : resolveContainer(intent, context);
}

// ---------------------------------------------------------------------------------------------
// Prebuilt image + Python packages

type PrebuiltIntent = Extract<CodeIntent, { kind: 'prebuilt' }>;
type ContainerIntent = Extract<CodeIntent, { kind: 'container' }>;

function resolvePrebuilt(intent: PrebuiltIntent, context: CodeContext): CodeResolution {
  const { field } = context;
  const problems: Problem[] = [];
  const uploads: PackageUpload[] = [];

  const executorImageUri = resolveExecutorImage(intent.framework, intent.frameworkVersion, context, problems);

  const packageUris: string[] = [];
  const packages = choosePackages(intent, field, problems);
  const local: { path: string; modules: PackageModules }[] = [];
  const remote: string[] = [];
  let unresolved = false;
  for (const { pkg, packageField } of packages) {
    const resolved = resolvePackage(pkg, packageField, context.stagingBucketName, problems);
    if (!resolved) {
      unresolved = true;
      continue;
    }
    packageUris.push(resolved.uri);
    if (resolved.upload && !uploads.some((u) => u.objectName === resolved.upload!.objectName)) uploads.push(resolved.upload);
    const source = pkg._source;
    if (resolved.modules) local.push({ path: source.kind === 'gcs' ? source.uri : source.path, modules: resolved.modules });
    else remote.push(source.kind === 'gcs' ? source.uri : source.path);
  }

  const notes: string[] = [];
  if (typeof intent.module !== 'string' || (!Token.isUnresolved(intent.module) && (!PYTHON_MODULE.test(intent.module) || intent.module.endsWith('.py')))) {
    problems.push({ field: `${field}.module`, value: intent.module, allowed: 'must be a Python module name such as trainer.task (identifiers separated by dots, no .py)' });
  } else if (!Token.isUnresolved(intent.module) && !unresolved && packages.length > 0) {
    // The module must be in a local package, unless a package that cannot be read here holds it.
    const problem = moduleProblem(intent.module, local);
    if (problem && remote.length === 0) problems.push({ field: `${field}.module`, value: intent.module, allowed: problem });
    if (problem && remote.length > 0) {
      notes.push(`${field}.module ${intent.module} is not checked at synth time: it is not in a local package directory, and ${remote.join(', ')} `
        + `${remote.length === 1 ? 'is a built or Cloud Storage package' : 'are built or Cloud Storage packages'} that synth does not read (a missing module fails the run)`);
    }
  }
  const env = resolveEnv(intent.env, field, problems);

  const spec: { [key: string]: unknown } = {
    executorImageUri: executorImageUri ?? '',
    packageUris,
    pythonModule: literalForTerraform(intent.module ?? ''),
  };
  if (intent.args && intent.args.length > 0) spec.args = intent.args.map(literalForTerraform);
  if (env) spec.env = env;
  return { task: { pythonPackageSpec: spec }, uploads, problems, notes };
}

function resolveExecutorImage(framework: string, version: string, context: CodeContext, problems: Problem[]): string | undefined {
  const { field, variant } = context;
  if (!isFrameworkId(framework)) {
    problems.push({ field: `${field}.framework`, value: framework, allowed: `must be one of ${Object.keys(FRAMEWORK_NAMES).join(', ')}` });
    return undefined;
  }
  const display = FRAMEWORK_NAMES[framework];
  if (!hasTrainingVariant(framework, variant)) {
    const others = (Object.keys(FRAMEWORK_NAMES) as FrameworkId[]).filter((f) => hasTrainingVariant(f, variant)).map((f) => FRAMEWORK_NAMES[f]);
    problems.push({
      field: `${field}.framework`,
      value: framework,
      allowed: `${display} has no prebuilt ${variant.toUpperCase()} training image (${variant.toUpperCase()} images exist for ${others.join(', ')}); use TrainingCode.container for a custom image`,
    });
    return undefined;
  }
  const versions = trainingImageVersions(framework, variant);
  if (Token.isUnresolved(version) || !versions.includes(version)) {
    problems.push({
      field: `${field}.frameworkVersion`,
      value: version,
      allowed: `${display} ${variant.toUpperCase()} training images exist for versions ${versions.join(', ')} (written MAJOR.MINOR, known at synth time)`,
    });
    return undefined;
  }
  const region = context.region ?? 'us-central1';
  try {
    return trainingImageUri(framework, version, variant, region);
  } catch {
    problems.push({ field: 'region', value: region, allowed: 'must be a region of a known continent (us-, northamerica-, southamerica-, europe-, me-, africa-, asia-, australia-) to choose a prebuilt-image mirror' });
    return undefined;
  }
}

function choosePackages(intent: PrebuiltIntent, field: string, problems: Problem[]): { pkg: PythonPackage; packageField: string }[] {
  if (intent.pythonPackage !== undefined && intent.packages !== undefined) {
    problems.push({ field: `${field}.packages`, value: 'pythonPackage and packages', allowed: 'give either pythonPackage or packages, not both' });
    return [];
  }
  if (intent.pythonPackage !== undefined) return [{ pkg: intent.pythonPackage, packageField: `${field}.pythonPackage` }];
  const list = intent.packages ?? [];
  if (list.length === 0 || list.length > MAX_PACKAGES) {
    problems.push({
      field: `${field}.packages`,
      value: intent.packages === undefined ? 'none' : `${list.length} packages`,
      allowed: `a prebuilt-image job needs 1 to ${MAX_PACKAGES} Python packages (pythonPackage or packages)`,
    });
    return [];
  }
  return list.map((pkg, i) => ({ pkg, packageField: `${field}.packages[${i}]` }));
}

const sdistCache = new WeakMap<PythonPackage, SdistResult>();
const fileCache = new WeakMap<PythonPackage, { contentHash: string }>();

function resolvePackage(pkg: PythonPackage, field: string, stagingBucketName: string, problems: Problem[]): { uri: string; upload?: PackageUpload; modules?: PackageModules } | undefined {
  const source = pkg._source;
  const stagingUri = (objectName: string) => `gs://${stagingBucketName}/${objectName}`;
  switch (source.kind) {
    case 'gcs': {
      if (Token.isUnresolved(source.uri)) return { uri: literalForTerraform(source.uri) };
      const problem = gcsPackageUriProblem(source.uri);
      if (problem) {
        problems.push({ field, value: source.uri, allowed: problem });
        return undefined;
      }
      return { uri: literalForTerraform(source.uri) };
    }
    case 'directory': {
      let result = sdistCache.get(pkg);
      if (!result) {
        result = buildSdist(source.absolutePath, field);
        sdistCache.set(pkg, result);
      }
      problems.push(...result.problems.map((p) => ({ ...p, field })));
      if (!result.sdist) return undefined;
      const { fileName, contentHash, bytes } = result.sdist;
      const objectName = `packages/${contentHash.slice(0, 16)}/${fileName}`;
      return { uri: stagingUri(objectName), upload: { objectName, fileName, contentHash, bytes }, modules: modulesOf(result.sdist.entries) };
    }
    case 'file': {
      const fileName = basename(source.absolutePath);
      const problem = packageFileNameProblem(fileName);
      if (problem) {
        problems.push({ field, value: source.path, allowed: problem });
        return undefined;
      }
      let stat;
      try {
        stat = lstatSync(source.absolutePath);
      } catch {
        stat = undefined;
      }
      if (!stat || !stat.isFile()) {
        problems.push({ field, value: source.path, allowed: `must be an existing file (resolved to ${source.absolutePath})` });
        return undefined;
      }
      let cached = fileCache.get(pkg);
      if (!cached) {
        cached = { contentHash: createHash('sha256').update(readFileSync(source.absolutePath)).digest('hex') };
        fileCache.set(pkg, cached);
      }
      const objectName = `packages/${cached.contentHash.slice(0, 16)}/${fileName}`;
      return { uri: stagingUri(objectName), upload: { objectName, fileName, contentHash: cached.contentHash, sourcePath: source.absolutePath } };
    }
  }
}

function packageFileNameProblem(fileName: string): string | undefined {
  if (!PACKAGE_EXTENSIONS.some((ext) => fileName.endsWith(ext)) || PACKAGE_EXTENSIONS.includes(fileName)) {
    return 'must be a source distribution (.tar.gz, .zip) or a wheel (.whl)';
  }
  if (fileName.endsWith('.whl') && !WHEEL.test(fileName)) {
    return 'must be a wheel named NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl (pip reads these from the file name)';
  }
  return undefined;
}

function gcsPackageUriProblem(uri: string): string | undefined {
  const allowed = 'must be gs://BUCKET/OBJECT with a valid bucket name and an object ending in .tar.gz, .zip or .whl';
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) return allowed;
  const bucketProblem = bucketName(match[1]);
  if (bucketProblem) return `${allowed} (bucket ${bucketProblem})`;
  const object = match[2];
  if (Buffer.byteLength(object) > 1024 || /[\r\n]/.test(object)) return `${allowed} (object names have at most 1024 bytes and no line breaks)`;
  const fileProblem = packageFileNameProblem(object.slice(object.lastIndexOf('/') + 1));
  return fileProblem ? `${allowed} (the object ${fileProblem})` : undefined;
}

// ---------------------------------------------------------------------------------------------
// Custom container

function resolveContainer(intent: ContainerIntent, context: CodeContext): CodeResolution {
  const { field } = context;
  const problems: Problem[] = [];
  const imageUri = resolveImage(intent.image._source, `${field}.image`, problems);
  const env = resolveEnv(intent.env, field, problems);
  const spec: { [key: string]: unknown } = { imageUri: imageUri ?? '' };
  if (intent.command && intent.command.length > 0) spec.command = intent.command.map(literalForTerraform);
  if (intent.args && intent.args.length > 0) spec.args = intent.args.map(literalForTerraform);
  if (env) spec.env = env;
  return { task: { containerSpec: spec }, uploads: [], problems, notes: [] };
}

export function resolveImage(source: ImageSource, field: string, problems: Problem[]): string | undefined {
  if (source.kind === 'uri') {
    if (Token.isUnresolved(source.uri)) return literalForTerraform(source.uri);
    const problem = imageUriProblem(source.uri);
    if (problem) {
      problems.push({ field, value: source.uri, allowed: problem });
      return undefined;
    }
    return source.uri;
  }

  const before = problems.length;
  if (source.repositoryFormat !== 'DOCKER') {
    problems.push({ field, value: source.repositoryName, allowed: `must be a DOCKER repository (this one holds ${source.repositoryFormat} packages)` });
  }
  if (!Token.isUnresolved(source.image) && !IMAGE_PATH.test(source.image)) {
    problems.push({ field: `${field}.image`, value: source.image, allowed: 'must be an image path: lowercase letters and digits, separated by ".", "_", "__" or "-", with "/" between parts (e.g. trainer or team/trainer)' });
  }
  if (source.tag !== undefined && source.digest !== undefined) {
    problems.push({ field: `${field}.digest`, value: source.digest, allowed: 'give a tag or a digest, not both' });
  }
  if (source.digest !== undefined && !Token.isUnresolved(source.digest) && !DIGEST.test(source.digest)) {
    problems.push({ field: `${field}.digest`, value: source.digest, allowed: 'must be sha256: followed by 64 lowercase hex digits' });
  }
  if (source.tag !== undefined && !Token.isUnresolved(source.tag) && !TAG.test(source.tag)) {
    problems.push({ field: `${field}.tag`, value: source.tag, allowed: 'must be a tag: up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"' });
  }
  if (problems.length > before) return undefined;
  const reference = source.digest !== undefined ? `@${source.digest}` : `:${source.tag ?? 'latest'}`;
  return literalForTerraform(`${source.repositoryUrl}/${source.image}${reference}`);
}

/** Problem with an image URI that must carry a tag or a digest; undefined when valid. */
export function imageUriProblem(uri: string): string | undefined {
  const allowed = 'must be a container image URI with a tag or a digest: HOST/PATH:TAG or HOST/PATH@sha256:<64 hex digits> (e.g. us-central1-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:TAG)';
  let rest = uri;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return allowed;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return allowed;
  }
  if (tag === undefined && digest === undefined) return allowed;
  if (rest.length > 255 || !IMAGE_NAME.test(rest)) return allowed;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Environment variables

function resolveEnv(env: { readonly [name: string]: string } | undefined, field: string, problems: Problem[]): { name: string; value: string }[] | undefined {
  if (!env) return undefined;
  const names = Object.keys(env);
  if (names.length > MAX_CONTAINER_ENV) {
    problems.push({ field: `${field}.env`, value: `${names.length} variables`, allowed: `at most ${MAX_CONTAINER_ENV} environment variables` });
  }
  for (const name of names) {
    if (!Token.isUnresolved(name) && !ENV_NAME.test(name)) {
      problems.push({ field: `${field}.env`, value: name, allowed: 'environment variable names are letters, digits and underscores, not starting with a digit ([A-Za-z_][A-Za-z0-9_]*)' });
    }
    if (typeof env[name] !== 'string' || env[name] === '') {
      problems.push({ field: `${field}.env["${name}"]`, value: env[name], allowed: 'a non-empty value (the v1 API requires EnvVar.value; leave the variable out instead)' });
    }
  }
  if (names.length === 0) return undefined;
  return names.map((name) => ({ name: literalForTerraform(name), value: literalForTerraform(env[name]) }));
}
