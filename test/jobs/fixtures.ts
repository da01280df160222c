/**
 * Shared fixtures of the job tests (issue 4): a Python project directory created in the OS temp
 * directory, default pools and code, the synthesized request body of a job, Terraform references of
 * resources by logical-name prefix, and checks of thrown validation errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack } from 'cdktf';
import {
  ContainerImage, Framework, PrebuiltCodeOptions, PythonPackage, TrainingCode, TrainingEnvironment,
  TrainingEnvironmentProps, WorkerPool, WorkerPoolsProps,
} from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { validateAgainstProto } from '../helpers/proto-schema';
import { unresolvedReferences } from '../helpers/references';
import { environmentStack, ofType, synthJson, TerraformJson } from '../helpers/synth';

/** A CPU pool: one n2-standard-8 (8 vCPUs). */
export const cpuPools = (): WorkerPoolsProps => ({ primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) });

/** A package already in Cloud Storage. */
export const GCS_PACKAGE = 'gs://acme-packages/trainer/trainer-0.3.0.tar.gz';

/** Prebuilt scikit-learn 1.6 code with a package from Cloud Storage. */
export function gcsCode(options: Partial<PrebuiltCodeOptions> = {}): TrainingCode {
  return TrainingCode.prebuilt({
    framework: Framework.SCIKIT_LEARN,
    frameworkVersion: '1.6',
    pythonPackage: PythonPackage.fromGcsUri(GCS_PACKAGE),
    module: 'trainer.task',
    ...options,
  });
}

/** A custom container from any registry. */
export function uriCode(args?: string[]): TrainingCode {
  return TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme-tools/images/trainer:v1'), args });
}

/** Temporary directories made by `pythonProject`, removed by `removeTemporaryDirectories`. */
const temporary: string[] = [];

/**
 * A small Python project in a fresh directory of the OS temp directory: `pyproject.toml` naming
 * `trainer` `version`, and the `trainer` package with `task.py` (whose text is `task`).
 */
export function pythonProject(version = '0.1.0', task = 'print("training")\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vertex-job-test-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'pyproject.toml'), `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "trainer"\nversion = "${version}"\n`);
  mkdirSync(join(dir, 'trainer'));
  writeFileSync(join(dir, 'trainer', '__init__.py'), '');
  writeFileSync(join(dir, 'trainer', 'task.py'), task);
  return dir;
}

/** A built distribution file named `fileName`, holding `content`, in a fresh temp directory. */
export function packageFile(fileName: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vertex-job-test-'));
  temporary.push(dir);
  const path = join(dir, fileName);
  writeFileSync(path, content);
  return path;
}

/** Removes every directory made by `pythonProject` and `packageFile` (call in `afterAll`). */
export function removeTemporaryDirectories(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A stack with an environment, jobs added by `build`, synthesized. */
export function synthWith<T>(
  build: (stack: TerraformStack, env: TrainingEnvironment) => T,
  props: Partial<TrainingEnvironmentProps> = {},
  envId?: string,
): { json: TerraformJson; env: TrainingEnvironment; stack: TerraformStack; built: T } {
  const { stack, env } = environmentStack(props, envId);
  const built = build(stack, env);
  return { json: synthJson(stack), env, stack, built };
}

/** The request body of a job: the Terraform local `vertex_<prefix>_<id>`. */
export function bodyOf(json: TerraformJson, local: string): any {
  const body = json.locals?.[local];
  if (body === undefined) throw new Error(`no local ${local}; locals: ${Object.keys(json.locals ?? {}).join(', ')}`);
  return body;
}

/**
 * The body of a job, checked against the v1 proto of `kind`, with every reference of the stack
 * resolving.
 */
export function validBody(json: TerraformJson, local: string, kind: 'CustomJob' | 'HyperparameterTuningJob' | 'TrainingPipeline'): any {
  const body = bodyOf(json, local);
  expect(validateAgainstProto(kind, body)).toEqual([]);
  expect(unresolvedReferences(json)).toEqual([]);
  return body;
}

/** The logical name of the one resource of `type` whose name starts with `prefix`. */
export function logicalName(json: TerraformJson, type: string, prefix: string): string {
  const names = Object.keys(ofType(json, type)).filter((name) => name.startsWith(prefix));
  if (names.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${names.join(', ') || 'none'}`);
  return names[0];
}

/** The Terraform expression `type.<name>.attribute` of the one resource named `prefix*`. */
export function ref(json: TerraformJson, type: string, prefix: string, attribute: string): string {
  return `${type}.${logicalName(json, type, prefix)}.${attribute}`;
}

/** The interpolation `${type.<name>.attribute}`. */
export function interpolated(json: TerraformJson, type: string, prefix: string, attribute: string): string {
  return `\${${ref(json, type, prefix, attribute)}}`;
}

/** Common references of an environment `ml` (logical names start with the environment's ID). */
export function environmentRefs(json: TerraformJson, envId = 'ml') {
  return {
    trainerEmail: interpolated(json, 'google_service_account', `${envId}_trainer_`, 'email'),
    launcherEmail: interpolated(json, 'google_service_account', `${envId}_launcher_`, 'email'),
    launcherMember: interpolated(json, 'google_service_account', `${envId}_launcher_`, 'member'),
    vertexKey: interpolated(json, 'google_kms_crypto_key', `${envId}_encryption_vertex_`, 'id'),
    artifactsBucket: interpolated(json, 'google_storage_bucket', `${envId}_artifacts-bucket_`, 'name'),
    stagingBucket: interpolated(json, 'google_storage_bucket', `${envId}_staging-bucket_`, 'name'),
    dataBucket: interpolated(json, 'google_storage_bucket', `${envId}_data-bucket_`, 'name'),
    tensorboard: interpolated(json, 'google_vertex_ai_tensorboard', `${envId}_tensorboard_`, 'id'),
    workflowId: interpolated(json, 'google_workflows_workflow', `${envId}_launch_workflow_`, 'id'),
    workflowName: interpolated(json, 'google_workflows_workflow', `${envId}_launch_workflow_`, 'name'),
  };
}

/** The error `action` throws, which must be a ValidationError; fails when nothing is thrown. */
export function thrown(action: () => unknown): Error {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error('expected an error, but nothing was thrown');
  expect(error).toBeInstanceOf(ValidationError);
  return error as Error;
}

/**
 * Checks the `${path}: ${field} ${value} is not valid: ${allowed}` shape: the construct path, the
 * field, the rejected value (JSON-quoted strings, bare numbers) and part of what is allowed.
 */
export function expectMessage(error: Error, path: string, field: string, value: string | number, allowed: string): void {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const head = `${path}: ${field} ${shown} is not valid: `;
  expect(error.message.slice(0, head.length)).toBe(head);
  expect(error.message.slice(head.length)).toContain(allowed);
}
