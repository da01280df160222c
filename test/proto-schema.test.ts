import { protoFields, validateAgainstProto } from './helpers/proto-schema';

/**
 * The proto validator is itself under test here: it must accept the documented minimal bodies and
 * reject each kind of schema violation with exactly the expected problem (no more, no less).
 */

type Json = any;

/** Minimal CustomJob body of the reference (vertex-training.md §1.2). */
const MINIMAL_CUSTOM_JOB: Json = {
  displayName: 'my-job',
  jobSpec: {
    workerPoolSpecs: [
      {
        machineSpec: { machineType: 'a2-highgpu-1g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 1 },
        replicaCount: '1',
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
        containerSpec: { imageUri: 'us-docker.pkg.dev/PROJECT/REPO/IMAGE:TAG', args: ['--epochs=10'] },
      },
    ],
    scheduling: { timeout: '86400s', strategy: 'SPOT' },
    baseOutputDirectory: { outputUriPrefix: 'gs://BUCKET/runs/my-job/' },
    serviceAccount: 'trainer@PROJECT.iam.gserviceaccount.com',
  },
  encryptionSpec: { kmsKeyName: 'projects/P/locations/us-central1/keyRings/KR/cryptoKeys/K' },
};

const HPT_JOB: Json = {
  displayName: 'tune',
  studySpec: {
    metrics: [{ metricId: 'accuracy', goal: 'MAXIMIZE' }],
    parameters: [
      { parameterId: 'lr', scaleType: 'UNIT_LOG_SCALE', doubleValueSpec: { minValue: 0.0001, maxValue: 0.1 } },
      { parameterId: 'layers', scaleType: 'UNIT_LINEAR_SCALE', integerValueSpec: { minValue: '1', maxValue: 8 } },
      { parameterId: 'optimizer', categoricalValueSpec: { values: ['adam', 'sgd'] } },
      { parameterId: 'batch', discreteValueSpec: { values: [16, 32, 64] } },
    ],
    algorithm: 'RANDOM_SEARCH',
    measurementSelectionType: 'BEST_MEASUREMENT',
  },
  maxTrialCount: 20,
  parallelTrialCount: 4,
  maxFailedTrialCount: 0,
  trialJobSpec: MINIMAL_CUSTOM_JOB.jobSpec,
  labels: { team: 'ml' },
};

const TRAINING_PIPELINE: Json = {
  displayName: 'pipeline',
  trainingTaskDefinition: 'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
  // google.protobuf.Value: arbitrary JSON, here a CustomJobSpec in snake_case plus odd extras.
  trainingTaskInputs: {
    worker_pool_specs: [{ machine_spec: { machine_type: 'n1-standard-4' }, replica_count: 1 }],
    base_output_directory: { output_uri_prefix: 'gs://b/p' },
    anything: [null, true, 1.5, 'x', { nested: { deeper: [] } }],
  },
  modelToUpload: {
    displayName: 'model',
    containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest', ports: [{ containerPort: 8080 }] },
  },
  labels: { env: 'test' },
};

const clone = (body: Json): Json => JSON.parse(JSON.stringify(body));
/** A deep copy of `body` changed by `edit`. */
const edited = (body: Json, edit: (copy: Json) => void): Json => {
  const copy = clone(body);
  edit(copy);
  return copy;
};
const pool0 = (job: Json): Json => job.jobSpec.workerPoolSpecs[0];
const P0 = 'jobSpec.workerPoolSpecs[0]';

describe('validateAgainstProto: valid bodies', () => {
  test('the minimal CustomJob of the reference (§1.2) is valid', () => {
    expect(validateAgainstProto('CustomJob', MINIMAL_CUSTOM_JOB)).toEqual([]);
  });

  test.each<[string, string, Json]>([
    ['without the optional encryptionSpec', 'CustomJob', edited(MINIMAL_CUSTOM_JOB, (b) => delete b.encryptionSpec)],
    ['int64 replicaCount as a JSON number', 'CustomJob', edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).replicaCount = 2))],
    ['int32 acceleratorCount as a decimal string', 'CustomJob', edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).machineSpec.acceleratorCount = '2'))],
    ['undefined properties count as absent', 'CustomJob', { ...MINIMAL_CUSTOM_JOB, labels: undefined, bogus: undefined }],
    [
      'a pythonPackageSpec worker pool with env, NFS mount and reservation',
      'WorkerPoolSpec',
      {
        machineSpec: {
          machineType: 'n1-standard-4',
          reservationAffinity: { reservationAffinityType: 'SPECIFIC_RESERVATION', key: 'compute.googleapis.com/reservation-name', values: ['r'] },
        },
        replicaCount: '1',
        pythonPackageSpec: {
          executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
          packageUris: ['gs://b/trainer.tar.gz'],
          pythonModule: 'trainer.task',
          env: [{ name: 'A', value: '1' }],
        },
        nfsMounts: [{ server: '10.0.0.2', path: '/share', mountPoint: 'data' }],
      },
    ],
    [
      'scheduling with FLEX_START, maxWaitDuration and fractional seconds',
      'Scheduling',
      { timeout: '3600.5s', strategy: 'FLEX_START', maxWaitDuration: '0s', disableRetries: true, restartJobOnWorkerRestart: false },
    ],
    // MachineSpec.machine_type is only IMMUTABLE in the proto (its comment says "required for
    // WorkerPoolSpec", but there is no REQUIRED annotation), so the schema alone accepts this.
    ['a machineSpec without machineType', 'CustomJob', edited(MINIMAL_CUSTOM_JOB, (b) => delete pool0(b).machineSpec.machineType)],
    ['a HyperparameterTuningJob with nested enums and every parameter kind', 'HyperparameterTuningJob', HPT_JOB],
    ['a TrainingPipeline whose trainingTaskInputs (google.protobuf.Value) is arbitrary JSON', 'TrainingPipeline', TRAINING_PIPELINE],
    ['trainingTaskInputs as a JSON scalar', 'TrainingPipeline', { ...TRAINING_PIPELINE, trainingTaskInputs: 'anything' }],
    ['a nested type name', 'StudySpec.ParameterSpec', HPT_JOB.studySpec.parameters[0]],
  ])('%s', (_name, typeName, body) => {
    expect(validateAgainstProto(typeName, body)).toEqual([]);
  });
});

describe('validateAgainstProto: each violation is reported', () => {
  test.each<[string, string, Json, string[]]>([
    [
      'unknown field',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).machineSpec.acceleratorTyp = 'NVIDIA_TESLA_T4')),
      [`${P0}.machineSpec.acceleratorTyp: unknown field of MachineSpec`],
    ],
    [
      'snake_case key (proto3 JSON uses lowerCamelCase)',
      'MachineSpec',
      { machine_type: 'n1-standard-4' },
      ['machine_type: unknown field of MachineSpec (proto3 JSON name is "machineType")'],
    ],
    [
      'unknown enum value',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).machineSpec.acceleratorType = 'NVIDIA_H100')),
      [`${P0}.machineSpec.acceleratorType: "NVIDIA_H100" is not a value of enum AcceleratorType`],
    ],
    [
      'enum given as its number',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).machineSpec.acceleratorType = 8)),
      [`${P0}.machineSpec.acceleratorType: enum AcceleratorType given as number 8; send the value name "NVIDIA_TESLA_A100"`],
    ],
    [
      'nested enum (Scheduling.Strategy) with an unknown value',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (b.jobSpec.scheduling.strategy = 'PREEMPTIBLE')),
      ['jobSpec.scheduling.strategy: "PREEMPTIBLE" is not a value of enum Scheduling.Strategy'],
    ],
    [
      'int64 replicaCount that is not an integer',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).replicaCount = 1.5)),
      [`${P0}.replicaCount: expected int64 (an integer), got number 1.5`],
    ],
    [
      'int64 replicaCount as a non-decimal string',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).replicaCount = 'one')),
      [`${P0}.replicaCount: expected int64 (an integer number or decimal string), got string "one"`],
    ],
    [
      'int32 out of range',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).diskSpec.bootDiskSizeGb = 2 ** 31)),
      [`${P0}.diskSpec.bootDiskSizeGb: int32 value 2147483648 is out of range [-2147483648, 2147483647]`],
    ],
    [
      'int32 with a unit suffix',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).diskSpec.bootDiskSizeGb = '100GB')),
      [`${P0}.diskSpec.bootDiskSizeGb: expected int32 (an integer number or decimal string), got string "100GB"`],
    ],
    [
      'Duration not in seconds',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (b.jobSpec.scheduling.timeout = '1d')),
      ['jobSpec.scheduling.timeout: expected google.protobuf.Duration (e.g. "3600s" or "1.5s"), got string "1d"'],
    ],
    [
      'two members of the task oneof',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => {
        pool0(b).pythonPackageSpec = { executorImageUri: 'img', packageUris: ['gs://b/p.tar.gz'], pythonModule: 'trainer.task' };
      }),
      [`${P0}: oneof task of WorkerPoolSpec has 2 members set (containerSpec, pythonPackageSpec); at most one is allowed`],
    ],
    [
      'OUTPUT_ONLY field',
      'CustomJob',
      { ...MINIMAL_CUSTOM_JOB, state: 'JOB_STATE_QUEUED', name: 'projects/p/locations/l/customJobs/1' },
      ['state: OUTPUT_ONLY field of CustomJob must not be sent', 'name: OUTPUT_ONLY field of CustomJob must not be sent'],
    ],
    [
      'missing REQUIRED displayName',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => delete b.displayName),
      ['displayName: REQUIRED field of CustomJob is missing'],
    ],
    [
      'REQUIRED displayName as an empty string',
      'CustomJob',
      { ...MINIMAL_CUSTOM_JOB, displayName: '' },
      ['displayName: REQUIRED field of CustomJob is an empty string (same as unset in proto3)'],
    ],
    [
      'REQUIRED workerPoolSpecs empty',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (b.jobSpec.workerPoolSpecs = [])),
      ['jobSpec.workerPoolSpecs: REQUIRED field of CustomJobSpec is empty (same as unset in proto3)'],
    ],
    [
      'REQUIRED imageUri missing in containerSpec',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => delete pool0(b).containerSpec.imageUri),
      [`${P0}.containerSpec.imageUri: REQUIRED field of ContainerSpec is missing`],
    ],
    [
      'REQUIRED fields of a present pythonPackageSpec',
      'WorkerPoolSpec',
      { machineSpec: { machineType: 'n1-standard-4' }, pythonPackageSpec: { executorImageUri: 'img', packageUris: [] } },
      [
        'pythonPackageSpec.packageUris: REQUIRED field of PythonPackageSpec is empty (same as unset in proto3)',
        'pythonPackageSpec.pythonModule: REQUIRED field of PythonPackageSpec is missing',
      ],
    ],
    [
      'REQUIRED kmsKeyName inside the optional encryptionSpec, once it is present',
      'CustomJob',
      { ...MINIMAL_CUSTOM_JOB, encryptionSpec: {} },
      ['encryptionSpec.kmsKeyName: REQUIRED field of EncryptionSpec is missing'],
    ],
    [
      'REQUIRED reservationAffinityType inside an optional reservationAffinity',
      'MachineSpec',
      { machineType: 'a3-highgpu-8g', reservationAffinity: { key: 'compute.googleapis.com/reservation-name', values: ['r'] } },
      ['reservationAffinity.reservationAffinityType: REQUIRED field of ReservationAffinity is missing'],
    ],
    [
      'map value that is not a string',
      'CustomJob',
      { ...MINIMAL_CUSTOM_JOB, labels: { team: 'ml', cost: 7, 'with space': true } },
      ['labels.cost: expected string, got number 7', 'labels["with space"]: expected string, got boolean true'],
    ],
    [
      'map given as an array',
      'CustomJob',
      { ...MINIMAL_CUSTOM_JOB, labels: [['team', 'ml']] },
      ['labels: expected map<string, string> (a JSON object), got an array'],
    ],
    [
      'repeated field given as a scalar',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).containerSpec.args = '--epochs=10')),
      [`${P0}.containerSpec.args: expected repeated string (a JSON array), got string "--epochs=10"`],
    ],
    [
      'bool given as a string',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (b.jobSpec.enableWebAccess = 'true')),
      ['jobSpec.enableWebAccess: expected bool (true/false), got string "true"'],
    ],
    [
      'null instead of omitting a field',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (b.jobSpec.network = null)),
      ['jobSpec.network: null is not allowed here (omit the field instead)'],
    ],
    [
      'message given as a string',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (b.jobSpec.baseOutputDirectory = 'gs://BUCKET/runs/')),
      ['jobSpec.baseOutputDirectory: expected GcsDestination (a JSON object), got string "gs://BUCKET/runs/"'],
    ],
    [
      'REQUIRED fields of a repeated message element (EnvVar)',
      'CustomJob',
      edited(MINIMAL_CUSTOM_JOB, (b) => (pool0(b).containerSpec.env = [{ name: 'A', value: '1' }, { name: 'B' }])),
      [`${P0}.containerSpec.env[1].value: REQUIRED field of EnvVar is missing`],
    ],
    [
      'the whole body is not an object',
      'CustomJob',
      [MINIMAL_CUSTOM_JOB],
      ['(root): expected CustomJob (a JSON object), got an array'],
    ],
  ])('%s', (_name, typeName, body, expected) => {
    expect(validateAgainstProto(typeName, body)).toEqual(expected);
  });

  describe('HyperparameterTuningJob', () => {
    test.each<[string, (b: Json) => void, string[]]>([
      [
        'nested enum StudySpec.ParameterSpec.ScaleType with an unknown value',
        (b) => (b.studySpec.parameters[0].scaleType = 'LOG'),
        ['studySpec.parameters[0].scaleType: "LOG" is not a value of enum StudySpec.ParameterSpec.ScaleType'],
      ],
      [
        'nested enum StudySpec.MetricSpec.GoalType with an unknown value',
        (b) => (b.studySpec.metrics[0].goal = 'MAXIMISE'),
        ['studySpec.metrics[0].goal: "MAXIMISE" is not a value of enum StudySpec.MetricSpec.GoalType'],
      ],
      [
        'two members of the parameterValueSpec oneof',
        (b) => (b.studySpec.parameters[0].integerValueSpec = { minValue: '1', maxValue: '2' }),
        [
          'studySpec.parameters[0]: oneof parameterValueSpec of StudySpec.ParameterSpec has 2 members set (doubleValueSpec, integerValueSpec); at most one is allowed',
        ],
      ],
      [
        'REQUIRED maxValue of a DoubleValueSpec',
        (b) => delete b.studySpec.parameters[0].doubleValueSpec.maxValue,
        ['studySpec.parameters[0].doubleValueSpec.maxValue: REQUIRED field of StudySpec.ParameterSpec.DoubleValueSpec is missing'],
      ],
      [
        'REQUIRED job-level counts',
        (b) => {
          delete b.maxTrialCount;
          delete b.parallelTrialCount;
        },
        [
          'maxTrialCount: REQUIRED field of HyperparameterTuningJob is missing',
          'parallelTrialCount: REQUIRED field of HyperparameterTuningJob is missing',
        ],
      ],
      ['double given as a string', (b) => (b.studySpec.parameters[0].doubleValueSpec.minValue = '0.1'), [
        'studySpec.parameters[0].doubleValueSpec.minValue: expected double (a finite number), got string "0.1"',
      ]],
      ['OUTPUT_ONLY trials', (b) => (b.trials = []), ['trials: OUTPUT_ONLY field of HyperparameterTuningJob must not be sent']],
      [
        'errors inside trialJobSpec (a CustomJobSpec)',
        (b) => (b.trialJobSpec.workerPoolSpecs[0].machineSpec.acceleratorType = 'TPU_V6E'),
        ['trialJobSpec.workerPoolSpecs[0].machineSpec.acceleratorType: "TPU_V6E" is not a value of enum AcceleratorType'],
      ],
    ])('%s', (_name, edit, expected) => {
      expect(validateAgainstProto('HyperparameterTuningJob', edited(HPT_JOB, edit))).toEqual(expected);
    });
  });

  describe('TrainingPipeline', () => {
    test.each<[string, (b: Json) => void, string[]]>([
      ['missing trainingTaskInputs', (b) => delete b.trainingTaskInputs, ['trainingTaskInputs: REQUIRED field of TrainingPipeline is missing']],
      ['OUTPUT_ONLY trainingTaskMetadata', (b) => (b.trainingTaskMetadata = {}), [
        'trainingTaskMetadata: OUTPUT_ONLY field of TrainingPipeline must not be sent',
      ]],
      [
        // REQUIRED + IMMUTABLE in model.proto; protos.json keeps only "IMMUTABLE".
        'REQUIRED imageUri of modelToUpload.containerSpec (lost in protos.json, restored from the .proto)',
        (b) => delete b.modelToUpload.containerSpec.imageUri,
        ['modelToUpload.containerSpec.imageUri: REQUIRED field of ModelContainerSpec is missing'],
      ],
      ['unknown field in modelToUpload', (b) => (b.modelToUpload.artifactURI = 'gs://b/m'), ['modelToUpload.artifactURI: unknown field of Model']],
    ])('%s', (_name, edit, expected) => {
      expect(validateAgainstProto('TrainingPipeline', edited(TRAINING_PIPELINE, edit))).toEqual(expected);
    });

    test('non-JSON values inside a google.protobuf.Value are reported', () => {
      const body = { ...TRAINING_PIPELINE, trainingTaskInputs: { a: [1, Infinity], b: new Date(0) } };
      expect(validateAgainstProto('TrainingPipeline', body)).toEqual([
        'trainingTaskInputs.a[1]: Infinity is not representable in JSON',
        'trainingTaskInputs.b: expected a JSON value, got an object',
      ]);
    });
  });
});

describe('validateAgainstProto: well-known types and scalars', () => {
  test.each<[string, unknown]>([
    ['google.protobuf.Duration', '3600s'],
    ['google.protobuf.Duration', '-0.000000001s'],
    ['google.protobuf.Timestamp', '2025-01-31T12:00:00Z'],
    ['google.protobuf.Timestamp', '2024-02-29T23:59:59.123456789+05:30'],
    ['google.protobuf.Struct', { a: [1, { b: null }], c: 'x' }],
    ['google.protobuf.Value', null],
    ['google.protobuf.Value', [1, 'two', { three: false }]],
    ['google.protobuf.ListValue', []],
    ['google.protobuf.Int64Value', '9223372036854775807'],
    ['google.protobuf.UInt32Value', 4294967295],
    ['google.protobuf.BoolValue', true],
    ['google.protobuf.DoubleValue', 'NaN'],
    ['google.protobuf.BytesValue', 'aGVsbG8='],
    ['google.protobuf.BytesValue', 'aGVsbG8'],
    ['google.protobuf.FieldMask', 'displayName,jobSpec.workerPoolSpecs'],
    ['google.protobuf.Empty', {}],
    ['google.protobuf.Any', { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1s' }],
    ['google.protobuf.Any', { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.MachineSpec', machineType: 'n1-standard-4' }],
    ['google.protobuf.Any', { '@type': 'type.googleapis.com/some.unknown.Type', whatever: 1 }],
  ])('%s accepts %j', (typeName, value) => {
    expect(validateAgainstProto(typeName, value)).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ['google.protobuf.Duration', '3600', '(root): expected google.protobuf.Duration (e.g. "3600s" or "1.5s"), got string "3600"'],
    ['google.protobuf.Duration', '1.1234567890s', '(root): expected google.protobuf.Duration (e.g. "3600s" or "1.5s"), got string "1.1234567890s"'],
    ['google.protobuf.Duration', 3600, '(root): expected google.protobuf.Duration (e.g. "3600s" or "1.5s"), got number 3600'],
    ['google.protobuf.Duration', '315576000001s', '(root): google.protobuf.Duration 315576000001s is out of range'],
    ['google.protobuf.Timestamp', '2025-02-30T00:00:00Z', '(root): expected google.protobuf.Timestamp (RFC 3339, e.g. "2025-01-31T12:00:00Z"), got string "2025-02-30T00:00:00Z"'],
    ['google.protobuf.Timestamp', '2025-01-31 12:00:00Z', '(root): expected google.protobuf.Timestamp (RFC 3339, e.g. "2025-01-31T12:00:00Z"), got string "2025-01-31 12:00:00Z"'],
    ['google.protobuf.Timestamp', '2025-01-31', '(root): expected google.protobuf.Timestamp (RFC 3339, e.g. "2025-01-31T12:00:00Z"), got string "2025-01-31"'],
    ['google.protobuf.Struct', [], '(root): expected google.protobuf.Struct (a JSON object), got an array'],
    ['google.protobuf.ListValue', {}, '(root): expected google.protobuf.ListValue (a JSON array), got an object'],
    ['google.protobuf.Int64Value', 1.5, '(root): expected int64 (an integer), got number 1.5'],
    ['google.protobuf.Int64Value', 2 ** 60, '(root): int64 1152921504606847000 is beyond 2^53 as a JSON number; send it as a decimal string'],
    ['google.protobuf.Int64Value', '9223372036854775808', '(root): int64 value 9223372036854775808 is out of range [-9223372036854775808, 9223372036854775807]'],
    ['google.protobuf.UInt32Value', -1, '(root): uint32 value -1 is out of range [0, 4294967295]'],
    ['google.protobuf.BoolValue', 'true', '(root): expected bool (true/false), got string "true"'],
    ['google.protobuf.FloatValue', 1e39, '(root): float value 1e+39 is out of range'],
    ['google.protobuf.BytesValue', 'not base64!', '(root): expected bytes (a base64 string), got string "not base64!"'],
    ['google.protobuf.FieldMask', 'display_name', '(root): expected google.protobuf.FieldMask (comma-separated lowerCamelCase paths), got string "display_name"'],
    ['google.protobuf.Empty', { a: 1 }, '(root): expected google.protobuf.Empty ({}), got an object'],
    ['google.protobuf.Any', { value: '1s' }, '(root): expected google.protobuf.Any (an object with a string "@type"), got an object'],
    ['google.protobuf.Any', { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.MachineSpec', machineTyp: 'x' }, 'machineTyp: unknown field of MachineSpec'],
    ['google.protobuf.Any', { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1d' }, 'value: expected google.protobuf.Duration (e.g. "3600s" or "1.5s"), got string "1d"'],
  ])('%s rejects %j', (typeName, value, problem) => {
    expect(validateAgainstProto(typeName, value)).toEqual([problem]);
  });

  test('an unknown type name throws instead of validating nothing', () => {
    expect(() => validateAgainstProto('CustomJobz', {})).toThrow('proto-schema: no message CustomJobz');
    expect(() => validateAgainstProto('AcceleratorType', {})).toThrow('proto-schema: no message AcceleratorType');
  });
});

describe('schema facts the validator relies on', () => {
  /** Field JSON names carrying `behavior`, in declaration order. */
  const withBehavior = (typeName: string, behavior: string): string[] =>
    Object.values(protoFields(typeName))
      .filter((f) => f.behaviors.includes(behavior))
      .map((f) => f.jsonName);

  test.each<[string, string[], string[]]>([
    ['CustomJob', ['displayName', 'jobSpec'], ['name', 'state', 'createTime', 'startTime', 'endTime', 'updateTime', 'error', 'webAccessUris', 'satisfiesPzs', 'satisfiesPzi']],
    ['CustomJobSpec', ['workerPoolSpecs'], []],
    ['WorkerPoolSpec', [], []],
    ['MachineSpec', [], []],
    ['PythonPackageSpec', ['executorImageUri', 'packageUris', 'pythonModule'], []],
    ['ContainerSpec', ['imageUri'], []],
    ['DiskSpec', [], []],
    ['Scheduling', [], []],
    ['EncryptionSpec', ['kmsKeyName'], []],
    ['HyperparameterTuningJob', ['displayName', 'studySpec', 'maxTrialCount', 'parallelTrialCount', 'trialJobSpec'], ['name', 'trials', 'state', 'createTime', 'startTime', 'endTime', 'updateTime', 'error', 'satisfiesPzs', 'satisfiesPzi']],
    ['TrainingPipeline', ['displayName', 'trainingTaskDefinition', 'trainingTaskInputs'], ['name', 'trainingTaskMetadata', 'state', 'error', 'createTime', 'startTime', 'endTime', 'updateTime']],
  ])('%s: REQUIRED and OUTPUT_ONLY fields', (typeName, required, outputOnly) => {
    expect(withBehavior(typeName, 'REQUIRED')).toEqual(required);
    expect(withBehavior(typeName, 'OUTPUT_ONLY')).toEqual(outputOnly);
  });

  test('multiple field_behavior annotations are all kept (protos.json keeps only the last one)', () => {
    expect(protoFields('WorkerPoolSpec').machineSpec.behaviors).toEqual(['IMMUTABLE', 'OPTIONAL']);
    expect(protoFields('MachineSpec').machineType.behaviors).toEqual(['IMMUTABLE']);
    expect(protoFields('ModelContainerSpec').imageUri.behaviors).toEqual(['IMMUTABLE', 'REQUIRED']);
    expect(protoFields('Model').checkpoints.behaviors).toEqual(['OPTIONAL', 'OUTPUT_ONLY']);
  });

  test('JSON names are the lowerCamelCase of the .proto field names', () => {
    const lowerCamel = (s: string): string => s.replace(/_(.)/g, (_m, c: string) => c.toUpperCase());
    for (const typeName of ['CustomJob', 'CustomJobSpec', 'WorkerPoolSpec', 'MachineSpec', 'PythonPackageSpec', 'ContainerSpec', 'DiskSpec', 'Scheduling', 'StudySpec', 'TrainingPipeline']) {
      for (const field of Object.values(protoFields(typeName))) {
        expect(field.protoName).toBeDefined();
        expect(field.jsonName).toBe(lowerCamel(field.protoName!));
      }
    }
    expect(protoFields('WorkerPoolSpec').replicaCount).toMatchObject({ protoName: 'replica_count', type: 'int64', repeated: false });
    expect(protoFields('WorkerPoolSpec').containerSpec.oneof).toBe('task');
    expect(protoFields('CustomJob').labels).toMatchObject({ keyType: 'string', type: 'string' });
    expect(protoFields('Scheduling').strategy.type).toBe('google.cloud.aiplatform.v1.Scheduling.Strategy');
    expect(protoFields('StudySpec.ParameterSpec').scaleType.type).toBe('google.cloud.aiplatform.v1.StudySpec.ParameterSpec.ScaleType');
  });
});
