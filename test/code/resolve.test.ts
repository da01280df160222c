import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ContainerImage } from '../../lib/code/container-image';
import { Framework } from '../../lib/code/framework';
import { PythonPackage } from '../../lib/code/python-package';
import { CodeContext, imageUriProblem, resolveCode } from '../../lib/code/resolve';
import { buildSdist } from '../../lib/code/sdist';
import { PrebuiltCodeOptions, TrainingCode } from '../../lib/code/training-code';
import { RepositoryFormat, TrainingRepository } from '../../lib/environment/registry';
import { validateAgainstProto } from '../helpers/proto-schema';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'code-test-'));
  roots.push(dir);
  return dir;
}

function project(): string {
  const dir = join(tempDir(), 'trainer');
  mkdirSync(join(dir, 'trainer'), { recursive: true });
  writeFileSync(join(dir, 'setup.py'), 'from setuptools import setup\nsetup(name="trainer", version="1.0.0", packages=["trainer"])\n');
  writeFileSync(join(dir, 'trainer', '__init__.py'), '');
  writeFileSync(join(dir, 'trainer', 'task.py'), 'print("hi")\n');
  return dir;
}

function file(name: string, content = 'package bytes'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

const CONTEXT: CodeContext = { region: 'us-central1', variant: 'gpu', stagingBucketName: 'acme-ml-staging', field: 'code' };

function prebuilt(options: Partial<PrebuiltCodeOptions> = {}): TrainingCode {
  return TrainingCode.prebuilt({
    framework: Framework.PYTORCH,
    frameworkVersion: '2.4',
    pythonPackage: PythonPackage.fromGcsUri('gs://acme-ml-code/trainer-1.0.0.tar.gz'),
    module: 'trainer.task',
    ...options,
  });
}

/** The task's spec, checked against the official v1 proto. */
function validSpec(task: { [key: string]: unknown }): any {
  const [kind, spec] = Object.entries(task)[0];
  expect(validateAgainstProto(kind === 'pythonPackageSpec' ? 'PythonPackageSpec' : 'ContainerSpec', spec)).toEqual([]);
  expect(validateAgainstProto('WorkerPoolSpec', { machineSpec: { machineType: 'n1-standard-4' }, replicaCount: '1', ...task })).toEqual([]);
  return spec;
}

function repository(format: RepositoryFormat = RepositoryFormat.DOCKER, location = 'europe-west4'): TrainingRepository {
  const stack = new TerraformStack(Testing.app(), 'stack');
  return new TrainingRepository(stack, 'repo', {
    projectId: 'acme-ml',
    region: location,
    format,
    defaultRepositoryId: format === RepositoryFormat.DOCKER ? 'ml-images' : 'ml-python',
    kmsKeyName: 'projects/acme-ml/locations/europe-west4/keyRings/kr/cryptoKeys/k',
    labels: {},
    dependsOn: [],
  });
}

describe('prebuilt image with Python packages', () => {
  test('a local directory becomes a content-addressed sdist in the staging bucket', () => {
    const dir = project();
    const result = resolveCode(prebuilt({ pythonPackage: PythonPackage.fromDirectory(dir), args: ['--epochs=3'] }), CONTEXT);
    expect(result.problems).toEqual([]);
    const sdist = buildSdist(dir).sdist!;
    const objectName = `packages/${sdist.contentHash.slice(0, 16)}/trainer-1.0.0.tar.gz`;
    expect(result.uploads).toEqual([{ objectName, fileName: 'trainer-1.0.0.tar.gz', contentHash: sdist.contentHash, bytes: sdist.bytes }]);
    expect(validSpec(result.task)).toEqual({
      executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
      packageUris: [`gs://acme-ml-staging/${objectName}`],
      pythonModule: 'trainer.task',
      args: ['--epochs=3'],
    });
  });

  test.each([
    [Framework.TENSORFLOW, '2.17', 'cpu', 'europe-west4', 'europe-docker.pkg.dev/vertex-ai/training/tf-cpu.2-17.py310:latest'],
    [Framework.TENSORFLOW, '2.15', 'tpu', 'us-east5', 'us-docker.pkg.dev/vertex-ai/training/tf-tpu.2-15.cp310:latest'],
    [Framework.PYTORCH, '2.4', 'cpu', 'asia-northeast1', 'asia-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest'],
    [Framework.SCIKIT_LEARN, '1.6', 'cpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest'],
    [Framework.XGBOOST, '2.1', 'gpu', 'europe-west1', 'europe-docker.pkg.dev/vertex-ai/training/xgboost-gpu.2-1:latest'],
    [Framework.RAY, '2.47', 'gpu', 'us-central1', 'us-docker.pkg.dev/vertex-ai/training/ray-gpu.2-47.py311:latest'],
    [Framework.PYTORCH, '2.4', 'gpu', undefined, 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest'],
  ] as const)('%s %s on %s in %s', (framework, frameworkVersion, variant, region, uri) => {
    const result = resolveCode(prebuilt({ framework, frameworkVersion }), { ...CONTEXT, variant, region });
    expect(result.problems).toEqual([]);
    expect(validSpec(result.task).executorImageUri).toBe(uri);
  });

  test('built files are uploaded as is; gs:// URIs are used as is; order is kept', () => {
    const wheel = file('trainer-1.0.0-py3-none-any.whl', 'wheel bytes');
    const tarball = file('helpers-0.2.tar.gz', 'sdist bytes');
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    const result = resolveCode(prebuilt({
      pythonPackage: undefined,
      packages: [PythonPackage.fromFile(wheel), PythonPackage.fromGcsUri('gs://acme-shared/libs/common-2.0.zip'), PythonPackage.fromFile(tarball)],
    }), CONTEXT);
    expect(result.problems).toEqual([]);
    expect(result.uploads).toEqual([
      { objectName: `packages/${hash('wheel bytes').slice(0, 16)}/trainer-1.0.0-py3-none-any.whl`, fileName: 'trainer-1.0.0-py3-none-any.whl', contentHash: hash('wheel bytes'), sourcePath: wheel },
      { objectName: `packages/${hash('sdist bytes').slice(0, 16)}/helpers-0.2.tar.gz`, fileName: 'helpers-0.2.tar.gz', contentHash: hash('sdist bytes'), sourcePath: tarball },
    ]);
    expect(validSpec(result.task).packageUris).toEqual([
      `gs://acme-ml-staging/packages/${hash('wheel bytes').slice(0, 16)}/trainer-1.0.0-py3-none-any.whl`,
      'gs://acme-shared/libs/common-2.0.zip',
      `gs://acme-ml-staging/packages/${hash('sdist bytes').slice(0, 16)}/helpers-0.2.tar.gz`,
    ]);
  });

  test('the same package twice is uploaded once', () => {
    const pkg = PythonPackage.fromDirectory(project());
    const result = resolveCode(prebuilt({ pythonPackage: undefined, packages: [pkg, pkg] }), CONTEXT);
    expect(result.uploads).toHaveLength(1);
    expect((result.task.pythonPackageSpec as any).packageUris).toHaveLength(2);
  });

  test('a token staging bucket stays a token', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' }).stringValue;
    const result = resolveCode(prebuilt({ pythonPackage: PythonPackage.fromFile(file('t-1.0.tar.gz')) }), { ...CONTEXT, stagingBucketName: bucket });
    expect(result.problems).toEqual([]);
    expect((result.task.pythonPackageSpec as any).packageUris[0]).toMatch(/^gs:\/\/\$\{TfToken\[TOKEN\.\d+\]\}\/packages\/[0-9a-f]{16}\/t-1\.0\.tar\.gz$/);
  });

  test('args and env values reach Vertex unchanged through Terraform: ${ and %{ are escaped', () => {
    const result = resolveCode(prebuilt({
      args: ['--model-dir=${AIP_MODEL_DIR}', '--fmt=%{x}', '$HOME'],
      env: { CHECKPOINTS: '${AIP_CHECKPOINT_DIR}/ckpt', MODE: 'train' },
    }), CONTEXT);
    expect(result.problems).toEqual([]);
    const spec = validSpec(result.task);
    expect(spec.args).toEqual(['--model-dir=$${AIP_MODEL_DIR}', '--fmt=%%{x}', '$HOME']);
    expect(spec.env).toEqual([{ name: 'CHECKPOINTS', value: '$${AIP_CHECKPOINT_DIR}/ckpt' }, { name: 'MODE', value: 'train' }]);
  });

  test('tokens in args resolve; the literal parts are escaped', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const data = new TerraformVariable(stack, 'data', { type: 'string' }).stringValue;
    const result = resolveCode(prebuilt({ args: [`--data=${data}`, `--out=${data}/\${AIP_MODEL_DIR}`] }), CONTEXT);
    expect((result.task.pythonPackageSpec as any).args).toEqual([`--data=${data}`, `--out=${data}/$\${AIP_MODEL_DIR}`]);
  });

  describe('problems', () => {
    test('unknown version lists the versions for the hardware', () => {
      expect(resolveCode(prebuilt({ framework: Framework.TENSORFLOW, frameworkVersion: '2.18' }), CONTEXT).problems).toEqual([{
        field: 'code.frameworkVersion',
        value: '2.18',
        allowed: 'TensorFlow GPU training images exist for versions 2.17, 2.16, 2.15, 2.14, 2.13, 2.12, 2.11, 2.9, 2.8 (written MAJOR.MINOR, known at synth time)',
      }]);
      expect(resolveCode(prebuilt({ framework: Framework.TENSORFLOW, frameworkVersion: '2.17' }), { ...CONTEXT, variant: 'tpu' }).problems).toEqual([{
        field: 'code.frameworkVersion', value: '2.17', allowed: expect.stringContaining('TensorFlow TPU training images exist for versions 2.15 '),
      }]);
    });

    test.each([Framework.SCIKIT_LEARN, Framework.XGBOOST, Framework.RAY])('%s has no TPU image', (framework) => {
      expect(resolveCode(prebuilt({ framework, frameworkVersion: '2.1' }), { ...CONTEXT, variant: 'tpu' }).problems).toEqual([{
        field: 'code.framework', value: framework, allowed: expect.stringMatching(/no prebuilt TPU training image \(TPU images exist for TensorFlow, PyTorch\); use TrainingCode.container/),
      }]);
    });

    test('unknown framework', () => {
      expect(resolveCode(prebuilt({ framework: 'jax' as Framework }), CONTEXT).problems).toEqual([
        { field: 'code.framework', value: 'jax', allowed: 'must be one of tensorflow, pytorch, scikit-learn, xgboost, ray' },
      ]);
    });

    test('missing, doubled and too many packages', () => {
      expect(resolveCode(prebuilt({ pythonPackage: undefined }), CONTEXT).problems).toEqual([
        { field: 'code.packages', value: 'none', allowed: 'a prebuilt-image job needs 1 to 100 Python packages (pythonPackage or packages)' },
      ]);
      expect(resolveCode(prebuilt({ pythonPackage: undefined, packages: [] }), CONTEXT).problems).toEqual([
        { field: 'code.packages', value: '0 packages', allowed: expect.any(String) },
      ]);
      const many = Array.from({ length: 101 }, (_, i) => PythonPackage.fromGcsUri(`gs://acme-code/p${i}.whl`));
      expect(resolveCode(prebuilt({ pythonPackage: undefined, packages: many }), CONTEXT).problems).toEqual([
        { field: 'code.packages', value: '101 packages', allowed: expect.any(String) },
      ]);
      const pkg = PythonPackage.fromGcsUri('gs://acme-code/p.tar.gz');
      expect(resolveCode(prebuilt({ pythonPackage: pkg, packages: [pkg] }), CONTEXT).problems).toEqual([
        { field: 'code.packages', value: 'pythonPackage and packages', allowed: 'give either pythonPackage or packages, not both' },
      ]);
    });

    test('a directory without setup.py or pyproject.toml', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'task.py'), '');
      expect(resolveCode(prebuilt({ pythonPackage: undefined, packages: [PythonPackage.fromGcsUri('gs://acme-code/a-1.0-py3-none-any.whl'), PythonPackage.fromDirectory(dir)] }), CONTEXT).problems).toEqual([
        { field: 'code.packages[1]', value: dir, allowed: expect.stringContaining('setup.py or pyproject.toml') },
      ]);
    });

    test('missing file and unsupported file names', () => {
      const missing = join(tempDir(), 'gone-1.0.tar.gz');
      expect(resolveCode(prebuilt({ pythonPackage: PythonPackage.fromFile(missing) }), CONTEXT).problems).toEqual([
        { field: 'code.pythonPackage', value: missing, allowed: expect.stringContaining('must be an existing file') },
      ]);
      expect(resolveCode(prebuilt({ pythonPackage: PythonPackage.fromFile(file('trainer.egg')) }), CONTEXT).problems).toEqual([
        { field: 'code.pythonPackage', value: expect.stringMatching(/trainer\.egg$/), allowed: 'must be a source distribution (.tar.gz, .zip) or a wheel (.whl)' },
      ]);
      expect(resolveCode(prebuilt({ pythonPackage: PythonPackage.fromFile(file('trainer.whl')) }), CONTEXT).problems).toEqual([
        { field: 'code.pythonPackage', value: expect.stringMatching(/trainer\.whl$/), allowed: expect.stringContaining('NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl') },
      ]);
    });

    test.each([
      'acme-code/trainer.tar.gz',
      'gs://acme-code',
      'gs://acme-code/',
      'gs://Acme_Code/trainer.tar.gz',
      'gs://acme-code/trainer.py',
      'gs://acme-code/dir/',
      'gs://acme-code/trainer.whl',
      'https://storage.googleapis.com/acme-code/trainer.tar.gz',
    ])('bad gs:// URI %p', (uri) => {
      expect(resolveCode(prebuilt({ pythonPackage: PythonPackage.fromGcsUri(uri) }), CONTEXT).problems).toEqual([
        { field: 'code.pythonPackage', value: uri, allowed: expect.stringContaining('must be gs://BUCKET/OBJECT') },
      ]);
    });

    test.each(['trainer/task.py', 'trainer.task.py', '1trainer.task', 'trainer-x.task', '', 'trainer..task'])('bad module %p', (module) => {
      expect(resolveCode(prebuilt({ module }), CONTEXT).problems).toEqual([
        { field: 'code.module', value: module, allowed: expect.stringContaining('Python module name') },
      ]);
    });

    test('env names and count', () => {
      expect(resolveCode(prebuilt({ env: { '1ST': 'a', 'MY-VAR': 'b', 'OK_1': 'c' } }), CONTEXT).problems).toEqual([
        { field: 'code.env', value: '1ST', allowed: expect.stringContaining('[A-Za-z_][A-Za-z0-9_]*') },
        { field: 'code.env', value: 'MY-VAR', allowed: expect.stringContaining('[A-Za-z_][A-Za-z0-9_]*') },
      ]);
      const env = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`V${i}`, 'x']));
      expect(resolveCode(prebuilt({ env }), CONTEXT).problems).toEqual([
        { field: 'code.env', value: '101 variables', allowed: 'at most 100 environment variables' },
      ]);
      const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`V${i}`, 'x']));
      expect(resolveCode(prebuilt({ env: hundred }), CONTEXT).problems).toEqual([]);
    });

    test('every problem is reported, not only the first', () => {
      const result = resolveCode(prebuilt({ frameworkVersion: '9.9', pythonPackage: undefined, module: 'x/y', env: { 'A-B': '' } }), { ...CONTEXT, field: 'jobs.nightly.code' });
      expect(result.problems.map((p) => p.field)).toEqual(['jobs.nightly.code.frameworkVersion', 'jobs.nightly.code.packages', 'jobs.nightly.code.module', 'jobs.nightly.code.env', 'jobs.nightly.code.env["A-B"]']);
    });
  });
});

describe('the module of a prebuilt-image job', () => {
  test('a module missing from the package directory fails synth with the nearest one; a module there passes', () => {
    const dir = project();
    const ok = resolveCode(prebuilt({ pythonPackage: PythonPackage.fromDirectory(dir) }), CONTEXT);
    expect(ok.problems).toEqual([]);
    expect(ok.notes).toEqual([]);
    const typo = resolveCode(prebuilt({ pythonPackage: PythonPackage.fromDirectory(dir), module: 'trainer.tsak' }), CONTEXT);
    expect(typo.problems).toEqual([{
      field: 'code.module', value: 'trainer.tsak',
      allowed: `must name a module of the package: neither trainer/tsak.py nor trainer/tsak/__main__.py is in ${dir} (did you mean trainer.task?)`,
    }]);
  });

  test('what the sdist leaves out is not a module: one only under build/ is missing', () => {
    const dir = project();
    mkdirSync(join(dir, 'build', 'trainer'), { recursive: true });
    writeFileSync(join(dir, 'build', 'trainer', 'evaluate.py'), '');
    expect(resolveCode(prebuilt({ pythonPackage: PythonPackage.fromDirectory(dir), module: 'trainer.evaluate' }), CONTEXT).problems).toEqual([
      expect.objectContaining({ field: 'code.module', allowed: expect.stringContaining('neither trainer/evaluate.py nor trainer/evaluate/__main__.py') }),
    ]);
  });

  test('a module in a gs:// or built package cannot be checked: a note says so, no error', () => {
    const gcs = resolveCode(prebuilt(), CONTEXT);
    expect(gcs.problems).toEqual([]);
    expect(gcs.notes).toEqual([
      'code.module trainer.task is not checked at synth time: it is not in a local package directory, and gs://acme-ml-code/trainer-1.0.0.tar.gz is a built or Cloud Storage package that synth does not read (a missing module fails the run)',
    ]);
    // With a local directory beside it that does not hold the module, the other package may.
    const mixed = resolveCode(prebuilt({ pythonPackage: undefined, packages: [PythonPackage.fromDirectory(project()), PythonPackage.fromGcsUri('gs://acme-ml-code/extras-1.0.tar.gz')], module: 'extras.run' }), CONTEXT);
    expect(mixed.problems).toEqual([]);
    expect(mixed.notes).toHaveLength(1);
    // Found in the local directory: nothing to note.
    expect(resolveCode(prebuilt({ pythonPackage: undefined, packages: [PythonPackage.fromDirectory(project()), PythonPackage.fromGcsUri('gs://acme-ml-code/extras-1.0.tar.gz')] }), CONTEXT).notes).toEqual([]);
  });

  test('code that is not a TrainingCode (JavaScript) is refused with the field, not a TypeError', () => {
    expect(resolveCode('trainer.task' as unknown as TrainingCode, CONTEXT).problems).toEqual([
      { field: 'code', value: 'trainer.task', allowed: 'a TrainingCode: TrainingCode.prebuilt({...}) or TrainingCode.container({...})' },
    ]);
    expect(resolveCode(undefined as unknown as TrainingCode, CONTEXT).problems[0]).toMatchObject({ field: 'code', value: undefined });
  });
});

describe('custom container', () => {
  test('an image of the environment repository, by tag (default latest) or digest', () => {
    const repo = repository();
    const digest = `sha256:${'ab'.repeat(32)}`;
    for (const [image, uri] of [
      [ContainerImage.fromRepository(repo, 'trainer'), 'europe-west4-docker.pkg.dev/acme-ml/ml-images/trainer:latest'],
      [ContainerImage.fromRepository(repo, 'team/trainer', { tag: 'v1.2' }), 'europe-west4-docker.pkg.dev/acme-ml/ml-images/team/trainer:v1.2'],
      [ContainerImage.fromRepository(repo, 'trainer', { digest }), `europe-west4-docker.pkg.dev/acme-ml/ml-images/trainer@${digest}`],
    ] as const) {
      const result = resolveCode(TrainingCode.container({ image }), CONTEXT);
      expect(result.problems).toEqual([]);
      expect(result.uploads).toEqual([]);
      expect(validSpec(result.task)).toEqual({ imageUri: uri });
      expect(image.imageUri).toBe(uri);
    }
  });

  test('command, args and env, escaped for Terraform', () => {
    const result = resolveCode(TrainingCode.container({
      image: ContainerImage.fromUri('us-docker.pkg.dev/acme/images/trainer:v3'),
      command: ['sh', '-c', 'python -m trainer --out "${AIP_MODEL_DIR}"'],
      args: ['--lr=0.1'],
      env: { TF_CPP_MIN_LOG_LEVEL: '2', DIR: '${AIP_TENSORBOARD_LOG_DIR}' },
    }), { ...CONTEXT, variant: 'tpu' });
    expect(result.problems).toEqual([]);
    expect(validSpec(result.task)).toEqual({
      imageUri: 'us-docker.pkg.dev/acme/images/trainer:v3',
      command: ['sh', '-c', 'python -m trainer --out "$${AIP_MODEL_DIR}"'],
      args: ['--lr=0.1'],
      env: [{ name: 'TF_CPP_MIN_LOG_LEVEL', value: '2' }, { name: 'DIR', value: '$${AIP_TENSORBOARD_LOG_DIR}' }],
    });
  });

  test('repository problems: format, image path, tag, digest', () => {
    const python = repository(RepositoryFormat.PYTHON);
    expect(resolveCode(TrainingCode.container({ image: ContainerImage.fromRepository(python, 'trainer') }), CONTEXT).problems).toEqual([
      { field: 'code.image', value: 'projects/acme-ml/locations/europe-west4/repositories/ml-python', allowed: 'must be a DOCKER repository (this one holds PYTHON packages)' },
    ]);
    const repo = repository();
    const cases: [ContainerImage, string, unknown][] = [
      [ContainerImage.fromRepository(repo, 'Trainer'), 'code.image.image', 'Trainer'],
      [ContainerImage.fromRepository(repo, 'trainer:v1'), 'code.image.image', 'trainer:v1'],
      [ContainerImage.fromRepository(repo, 'trainer', { tag: '.v1' }), 'code.image.tag', '.v1'],
      [ContainerImage.fromRepository(repo, 'trainer', { tag: 'a'.repeat(129) }), 'code.image.tag', 'a'.repeat(129)],
      [ContainerImage.fromRepository(repo, 'trainer', { digest: 'sha256:abc' }), 'code.image.digest', 'sha256:abc'],
      [ContainerImage.fromRepository(repo, 'trainer', { digest: `md5:${'a'.repeat(64)}` }), 'code.image.digest', `md5:${'a'.repeat(64)}`],
      [ContainerImage.fromRepository(repo, 'trainer', { tag: 'v1', digest: `sha256:${'a'.repeat(64)}` }), 'code.image.digest', `sha256:${'a'.repeat(64)}`],
    ];
    for (const [image, field, value] of cases) {
      expect(resolveCode(TrainingCode.container({ image }), CONTEXT).problems).toEqual([{ field, value, allowed: expect.any(String) }]);
    }
  });

  test.each([
    'us-docker.pkg.dev/acme/images/trainer:v3',
    'europe-west4-docker.pkg.dev/acme/images/team/trainer@sha256:' + 'a'.repeat(64),
    'gcr.io/acme/trainer:latest',
    'localhost:5000/trainer:dev',
    'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime',
    'us-docker.pkg.dev/acme/images/trainer:v3@sha256:' + 'b'.repeat(64),
  ])('valid image URI %p', (uri) => {
    expect(imageUriProblem(uri)).toBeUndefined();
    expect(resolveCode(TrainingCode.container({ image: ContainerImage.fromUri(uri) }), CONTEXT).problems).toEqual([]);
  });

  test.each([
    'us-docker.pkg.dev/acme/images/trainer',
    'us-docker.pkg.dev/acme/images/Trainer:v1',
    'https://us-docker.pkg.dev/acme/images/trainer:v1',
    'us-docker.pkg.dev/acme/images/trainer:',
    'us-docker.pkg.dev/acme/images/trainer@sha256:xyz',
    'us-docker.pkg.dev/acme/images/trainer:v1 ',
    'us-docker.pkg.dev/acme//trainer:v1',
    '${IMAGE}:v1',
    '',
  ])('invalid image URI %p', (uri) => {
    expect(resolveCode(TrainingCode.container({ image: ContainerImage.fromUri(uri) }), CONTEXT).problems).toEqual([
      { field: 'code.image', value: uri, allowed: expect.stringContaining('must be a container image URI with a tag or a digest') },
    ]);
  });

  test('a token image URI is used as is', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const image = new TerraformVariable(stack, 'image', { type: 'string' }).stringValue;
    const result = resolveCode(TrainingCode.container({ image: ContainerImage.fromUri(image) }), CONTEXT);
    expect(result.problems).toEqual([]);
    expect(result.task).toEqual({ containerSpec: { imageUri: image } });
  });
});
