import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ContainerImage, CustomTrainingJob, TrainingCode, TrainingEnvironment, Trigger, WorkerPool } from '../../lib';
import { TrainingConfigError } from '../../lib/config/errors';
import { TrainingConfig } from '../../lib/config/training-config';
import { ValidationError } from '../../lib/core/validation';
import { environmentStack } from '../helpers/synth';

/**
 * Every problem of a config file names the file, the line and column, and the field: YAML and JSON
 * syntax errors, schema violations, broken references between the file's parts, and the
 * constructs' own validation errors, placed on the line of the field (or of the job) that caused them.
 */

function load(text: string, file = 'training.yaml'): TrainingConfig {
  return TrainingConfig.fromString(new TerraformStack(Testing.app(), 'stack'), text, file);
}

function failure(text: string, file = 'training.yaml'): TrainingConfigError {
  try {
    load(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingConfigError);
    return error as TrainingConfigError;
  }
  throw new Error('expected the config to be refused');
}

/** The problems, one `file:line:column: ...` line each. */
function problems(text: string, file = 'training.yaml'): string[] {
  return failure(text, file).message.split('\n');
}

const ENVIRONMENT = `environment:
  projectId: acme-ml
  region: us-central1
`;

/** A valid CPU job, `name`, for files that need one. */
const job = (name: string) => `  - name: ${name}
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer, tag: v1}}}
`;

describe('schema problems', () => {
  test('every problem of the file at once, in file order, with line, column and field', () => {
    expect(problems(`environment:
  projectId: acme-ml
  region: us-central1
  labls: {team: ml}
jobs:
  - name: nightly
    workerPools:
      primary:
        gpu: {type: h10, count: "8"}
    code:
      prebuilt:
        framework: scikit-learn
        version: 1.10
        module: trainer.task
        package: {}
        env: {BAD-NAME: x}
    scheduling: {timeout: 2 days, strategy: SPOT}
    triggers:
      - {}
      - schedule: {cron: "0 3 * * *"}
        onChange: true
`)).toEqual([
      'training.yaml:4:3: environment.labls is not allowed (did you mean "labels"?)',
      expect.stringMatching(/^training\.yaml:9:21: jobs\[0\]\.workerPools\.primary\.gpu\.type must be one of: t4, v100, .* \(did you mean "h100"\?\)$/),
      'training.yaml:9:33: jobs[0].workerPools.primary.gpu.count must be an integer',
      'training.yaml:13:18: jobs[0].code.prebuilt.version must be a string (write it in quotes: "1.10")',
      'training.yaml:15:18: jobs[0].code.prebuilt.package must have one of directory, file or gcsUri',
      'training.yaml:16:15: jobs[0].code.prebuilt.env["BAD-NAME"] is not a valid environment variable name: letters, digits and underscores, not starting with a digit',
      'training.yaml:17:27: jobs[0].scheduling.timeout must be a duration: a whole number followed by s, m, h or d (e.g. 90m, 12h, 2d)',
      'training.yaml:17:45: jobs[0].scheduling.strategy must be one of: standard, spot, flex-start (did you mean "spot"?)',
      'training.yaml:19:9: jobs[0].triggers[0] must have one of schedule, onChange or onNewData',
      'training.yaml:21:9: jobs[0].triggers[1].onChange cannot be combined with schedule: give only one of schedule, onChange or onNewData',
    ]);
  });

  test('the problems are data too', () => {
    const error = failure(`${ENVIRONMENT}jobs:
  - name: nightly
    workerPools: {primary: {gpu: {type: h100, count: many}}}
    code: {container: {image: {name: trainer}}}
`);
    expect(error.problems).toEqual([
      { file: 'training.yaml', line: 6, column: 54, path: 'jobs[0].workerPools.primary.gpu.count', message: 'must be an integer' },
    ]);
  });

  test('a missing field is reported at the mapping that lacks it', () => {
    expect(problems(`environment:
  region: us-central1
jobs:
  - name: nightly
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
`)).toEqual([
      'training.yaml:2:3: environment.projectId is required',
      'training.yaml:4:5: jobs[0].code is required',
    ]);
  });

  test('a choice with two answers: gpu and cpu in one pool, a tag with an image URI', () => {
    expect(problems(`${ENVIRONMENT}jobs:
  - name: nightly
    workerPools:
      primary:
        gpu: {type: a100, count: 8}
        cpu: {machineType: n2-standard-8}
    code:
      container:
        image: {uri: "us-docker.pkg.dev/acme/images/trainer:v1", tag: v2}
`)).toEqual([
      'training.yaml:9:9: jobs[0].workerPools.primary.cpu cannot be combined with gpu: give only one of gpu, tpu or cpu',
      'training.yaml:12:66: jobs[0].code.container.image.tag is not allowed with uri',
    ]);
  });

  test('fields of one job kind on another, and what a kind requires', () => {
    expect(problems(`${ENVIRONMENT}jobs:
  - name: nightly
    maxTrialCount: 10
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer}}}
  - name: search
    kind: tuning
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer}}}
    parallelTrialCount: 2
`)).toEqual([
      'training.yaml:6:5: jobs[0].maxTrialCount is only allowed with kind: tuning',
      'training.yaml:9:5: jobs[1].study is required with kind: tuning',
      'training.yaml:9:5: jobs[1].maxTrialCount is required with kind: tuning',
    ]);
  });

  test('parameter fields of one type on another', () => {
    expect(problems(`${ENVIRONMENT}jobs:
  - name: search
    kind: tuning
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {name: trainer}}}
    maxTrialCount: 10
    parallelTrialCount: 2
    study:
      metrics: [{id: accuracy, goal: maximize}]
      parameters:
        - {id: optimizer, type: categorical, values: [adam, 3], min: 1}
        - {id: lr, type: double, min: 0.001}
`)).toEqual([
      'training.yaml:14:61: jobs[0].study.parameters[0].values[1] must be a string (write it in quotes: "3")',
      'training.yaml:14:65: jobs[0].study.parameters[0].min is not allowed with type: categorical',
      'training.yaml:15:11: jobs[0].study.parameters[1].max is required with type: double',
    ]);
  });

  test('a file that is not a mapping, and an empty file', () => {
    expect(problems('- environment\n')).toEqual(['training.yaml:1:1: the file must be a mapping with an `environment` and its `jobs`']);
    expect(problems('# nothing yet\n')).toEqual(['training.yaml:1:1: the file is empty: expected an `environment` and its `jobs`']);
  });
});

describe('YAML syntax errors', () => {
  test('are reported with their line and column', () => {
    expect(problems(`environment:
  projectId: acme-ml
  region: us-central1
  labels: {team: ml
jobs: []
`)).toEqual([expect.stringMatching(/^training\.yaml:5:1: YAML syntax error: .+/)]);
  });

  test('duplicate keys, tabs and several documents are refused', () => {
    expect(problems(`${ENVIRONMENT}  region: europe-west4\n`)).toEqual(['training.yaml:4:3: YAML syntax error: Map keys must be unique']);
    expect(problems('environment:\n\tprojectId: acme-ml\n')).toEqual([expect.stringMatching(/^training\.yaml:2:1: YAML syntax error: Tabs are not allowed/)]);
    expect(problems(`${ENVIRONMENT}---\n${ENVIRONMENT}`)).toEqual([expect.stringMatching(/^training\.yaml:4:1: YAML syntax error: Source contains multiple documents/)]);
  });

  test('custom tags are refused', () => {
    expect(problems(`environment:\n  projectId: !Ref Project\n  region: us-central1\n`)).toEqual([
      expect.stringMatching(/^training\.yaml:2:14: YAML syntax error: Unresolved tag: !Ref/),
    ]);
  });
});

describe('JSON files', () => {
  const json = (jobs: string) => `{
  "environment": {
    "projectId": "acme-ml",
    "region": "us-central1"
  },
  "jobs": [${jobs}]
}
`;

  test('load like YAML files', () => {
    const config = load(json(`{
    "name": "nightly",
    "workerPools": { "primary": { "cpu": { "machineType": "n2-standard-8" } } },
    "code": { "container": { "image": { "name": "trainer", "tag": "v1" } } }
  }`), 'training.json');
    expect(config.jobs.map((j) => j.jobId)).toEqual(['nightly']);
  });

  test('report schema problems with line and column', () => {
    expect(problems(json(`{
    "name": "nightly",
    "workerPools": { "primary": { "gpu": { "type": "h100", "count": "8" } } },
    "code": { "container": { "image": { "name": "trainer" } } }
  }`), 'training.json')).toEqual(['training.json:8:69: jobs[0].workerPools.primary.gpu.count must be an integer']);
  });

  test('must be strict JSON: no trailing comma, comment or single quote', () => {
    expect(problems('{\n  "environment": {"projectId": "acme-ml", "region": "us-central1"},\n}\n', 'training.json')).toEqual([
      'training.json:3:1: JSON syntax error: Expected double-quoted property name',
    ]);
    expect(problems("{\n  'environment': {}\n}\n", 'training.json')).toEqual([expect.stringMatching(/^training\.json:2:3: JSON syntax error: /)]);
  });
});

describe('references between the parts of the file', () => {
  test('unknown teams, duplicate names, unknown references and jobs', () => {
    expect(problems(`environment:
  projectId: acme-ml
  region: us-central1
  quotas:
    neverConcurrent: [[nightly, weekly]]
teams:
  - name: vision
jobs:
${job('nightly')}    team: visoin
  - name: nightly
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code:
      container:
        image: {name: trainer}
        args: ["--data=\${{ environment.dataBuckt.url }}/train/", "--out=\${{ teams.language.artifactsBucket.url }}"]
`)).toEqual([
      'training.yaml:5:33: environment.quotas.neverConcurrent[0][1] "weekly" is not a job of this file (jobs: nightly, nightly)',
      'training.yaml:12:11: jobs[0].team "visoin" is not a team of this file: must be one of the teams declared under teams: vision',
      'training.yaml:13:11: jobs[1].name "nightly" is already the name of a job (line 9): job names are unique',
      'training.yaml:18:16: jobs[1].code.container.args[0] references ${{ environment.dataBuckt.url }}, which does not exist (did you mean ${{ environment.dataBucket.url }}?)',
      'training.yaml:18:66: jobs[1].code.container.args[1] references the team "language", which is not declared under teams (teams: vision)',
    ]);
  });
});

describe('references where they are not replaced', () => {
  test('are refused rather than sent to the cloud as written', () => {
    expect(problems(`${ENVIRONMENT}  labels: {owner: "\${{ environment.projectId }}"}
jobs:
${job('nightly')}    displayName: "\${{ environment.prefix }} nightly"
`)).toEqual([
      'training.yaml:4:19: environment.labels.owner holds a ${{ ... }} reference, which is only replaced in code args, env and command and in onNewData.bucket',
      'training.yaml:9:18: jobs[0].displayName holds a ${{ ... }} reference, which is only replaced in code args, env and command and in onNewData.bucket',
    ]);
  });
});

describe('errors of the constructs', () => {
  test('are placed on the line of the field that caused them, and keep the construct path and field', () => {
    const error = failure(`${ENVIRONMENT}jobs:
  - name: nightly
    workerPools:
      primary:
        gpu: {type: h100, count: 3}
    code: {container: {image: {name: trainer}}}
`);
    expect(error.message).toBe('training.yaml:8:34: jobs[0].workerPools.primary.gpu.count: stack/nightly: workerPools.primary.gpusPerReplica 3 is not valid: NVIDIA_H100_80GB comes 1, 2, 4, 8 per VM: use 2 or 4 per VM');
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).name).toBe('ValidationError');
  });

  test('every problem of one construct is placed on its own line of the file', () => {
    expect(problems(`${ENVIRONMENT}jobs:
  - name: nightly
    workerPools:
      primary:
        gpu: {type: h100, count: 3}
    code: {container: {image: {name: trainer}}}
    triggers:
      - schedule: {cron: "0 25 * * *"}
`).map((line) => line.slice(0, line.indexOf(' is not valid')))).toEqual([
      'training.yaml:8:34: jobs[0].workerPools.primary.gpu.count: stack/nightly: workerPools.primary.gpusPerReplica 3',
      'training.yaml:11:26: jobs[0].triggers[0].schedule.cron: stack/nightly: triggers[0].cron "0 25 * * *"',
    ]);
  });

  test.each([
    ['environment field', `environment:\n  projectId: Acme_ML\n  region: us-central1\n`, 'training.yaml:2:14: environment.projectId: stack/training: projectId "Acme_ML"'],
    ['bucket', `${ENVIRONMENT}  dataBucket: {name: Bad_Bucket}\n`, 'training.yaml:4:22: environment.dataBucket.name: stack/training/data-bucket: name "Bad_Bucket"'],
    ['key rotation', `${ENVIRONMENT}  encryption: {rotationPeriodDays: 400}\n`, 'training.yaml:4:36: environment.encryption.rotationPeriodDays: stack/training/encryption: encryption.rotationPeriodDays 400'],
    ['grant', `${ENVIRONMENT}  grants:\n    dataRead: ["user:ana@acme.example", allUsers]\n`, 'training.yaml:5:41: environment.grants.dataRead[1]: stack/training/data-bucket: member "allUsers"'],
    ['team member', `${ENVIRONMENT}teams:\n  - name: vision\n    members: ["group:vision@acme.example", allUsers]\n`,
      'training.yaml:6:44: teams[0].members[1]: stack/training/team-vision/data: member "allUsers"'],
    ['image tag', `${ENVIRONMENT}jobs:\n  - name: nightly\n    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}\n    code: {container: {image: {name: trainer, tag: -bad}}}\n`,
      'training.yaml:7:52: jobs[0].code.container.image.tag: stack/nightly: code.image.tag "-bad"'],
    ['cron', `${ENVIRONMENT}jobs:\n${job('nightly')}    triggers:\n      - schedule: {cron: "0 25 * * *"}\n`,
      'training.yaml:9:26: jobs[0].triggers[0].schedule.cron: stack/nightly: triggers[0].cron "0 25 * * *"'],
    ['prebuilt version', `${ENVIRONMENT}jobs:\n  - name: nightly\n    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}\n    code:\n      prebuilt:\n        framework: scikit-learn\n        version: "0.9"\n        package: {gcsUri: "gs://acme-packages/trainer-0.1.tar.gz"}\n        module: trainer.task\n`,
      'training.yaml:10:18: jobs[0].code.prebuilt.version: stack/nightly: code.frameworkVersion "0.9"'],
    ['FLEX_START wait', `${ENVIRONMENT}jobs:\n${job('nightly')}    scheduling: {strategy: spot, maxWait: 1h}\n`,
      'training.yaml:8:43: jobs[0].scheduling.maxWait: stack/nightly: scheduling.maxWait "1 hour"'],
    ['study', `${ENVIRONMENT}jobs:\n${job('search')}    kind: tuning\n    maxTrialCount: 10\n    parallelTrialCount: 2\n    study:\n      metrics: [{id: accuracy, goal: maximize}]\n      parameters:\n        - {id: lr, type: double, min: 0, max: 1, scale: log}\n`,
      'training.yaml:14:39: jobs[0].study.parameters[0].min: stack/search: study.parameters[0].min 0'],
    ['conditional child', `${ENVIRONMENT}jobs:\n${job('search')}    kind: tuning\n    maxTrialCount: 10\n    parallelTrialCount: 2\n    study:\n      metrics: [{id: accuracy, goal: maximize}]\n      parameters:\n        - id: optimizer\n          type: categorical\n          values: [adam, sgd]\n          children:\n            - when: [sgdm]\n              parameter: {id: momentum, type: double, min: 0.5, max: 0.9}\n`,
      'training.yaml:18:22: jobs[0].study.parameters[0].children[0].when[0]: stack/search: study.parameters[0].children[0].values[0] "sgdm"'],
    ['trial counts', `${ENVIRONMENT}jobs:\n${job('search')}    kind: tuning\n    maxTrialCount: 2\n    parallelTrialCount: 4\n    study:\n      metrics: [{id: accuracy, goal: maximize}]\n      parameters: [{id: lr, type: double, min: 0.001, max: 0.1}]\n`,
      'training.yaml:10:25: jobs[0].parallelTrialCount: stack/search: parallelTrialCount 4'],
    ['pipeline model', `${ENVIRONMENT}jobs:\n${job('retrain')}    kind: pipeline\n    model:\n      modelId: Churn\n      servingContainer: {prebuilt: {framework: scikit-learn, version: "1.6"}}\n`,
      'training.yaml:10:16: jobs[0].model.modelId: stack/retrain: model.modelId "Churn"'],
  ])('%s', (_, text, start) => {
    const message = failure(text).message;
    expect(message.slice(0, start.length)).toBe(start);
    expect(message).toContain(' is not valid: ');
  });

  test('a machine that does not take the GPU count: on the count\'s line, with the machine that does', () => {
    expect(problems(`${ENVIRONMENT}jobs:
  - name: nightly
    workerPools:
      primary:
        gpu: {type: a100, count: 4, machineType: a2-highgpu-2g}
      workers:
        gpu: {type: a100, count: 2, machineType: n1-standard-16}
        replicas: 2
    code: {container: {image: {name: trainer, tag: v1}}}
    triggers:
      - schedule: {cron: "0 3 * * *", timeZone: Europe/Pari}
`)).toEqual([
      'training.yaml:8:34: jobs[0].workerPools.primary.gpu.count: stack/nightly: workerPools.primary.gpusPerReplica 4 is not valid: a2-highgpu-2g takes 2 × NVIDIA_TESLA_A100; for 4 per VM use a2-highgpu-4g',
      'training.yaml:10:50: jobs[0].workerPools.workers.gpu.machineType: stack/nightly: workerPools.workers.machineType "n1-standard-16" is not valid: '
        + 'NVIDIA_TESLA_A100 runs on a2-highgpu-1g, a2-highgpu-2g, a2-highgpu-4g, a2-highgpu-8g, a2-megagpu-16g; for 2 per VM use a2-highgpu-2g',
      'training.yaml:14:49: jobs[0].triggers[0].schedule.timeZone: stack/nightly: triggers[0].timeZone "Europe/Pari" is not valid: '
        + 'must be an IANA time zone such as "Etc/UTC" or "Europe/Lisbon": did you mean "Europe/Paris"?',
    ]);
  });

  test('a region without the GPU: the nearest regions that have it', () => {
    expect(problems(`environment:\n  projectId: acme-ml\n  region: southamerica-east1\njobs:
  - name: nightly
    workerPools: {primary: {gpu: {type: h100, count: 8}}}
    code: {container: {image: {name: trainer, tag: v1}}}
`)[0]).toMatch(/^training\.yaml:6:41: jobs\[0\]\.workerPools\.primary\.gpu\.type: stack\/nightly: workerPools\.primary\.gpuType "NVIDIA_H100_80GB" is not valid: not offered for training in southamerica-east1; nearest: us-east4, /);
  });

  test('a misspelt region', () => {
    expect(problems('environment:\n  projectId: acme-ml\n  region: us-centrl1\n')[0])
      .toMatch(/^training\.yaml:3:11: environment\.region: stack\/training: region "us-centrl1" is not valid: must be a region with a Vertex AI endpoint: did you mean "us-central1"\?$/);
  });

  test('a missing package directory is reported on its line, resolved against the file\'s folder', () => {
    const message = failure(`${ENVIRONMENT}jobs:
  - name: nightly
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code:
      prebuilt:
        framework: scikit-learn
        version: "1.6"
        package: {directory: ./missing}
        module: trainer.task
`, join('configs', 'training.yaml')).message;
    expect(message).toMatch(/^configs[/\\]training\.yaml:11:18: jobs\[0\]\.code\.prebuilt\.package: stack\/nightly: code\.pythonPackage ".*configs[/\\]missing" is not valid: must be an existing directory/);
  });

  test('an error without a field (a construct ID taken twice) is placed on the job', () => {
    expect(problems(`environment: {name: ml, projectId: acme-ml, region: us-central1}\njobs:\n${job('ml')}`)).toEqual([
      "training.yaml:3:5: jobs[0]: There is already a Construct with name 'ml' in TerraformStack [stack]",
    ]);
  });
});

describe('files', () => {
  test('fromFile names the file relative to the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vertex-config-'));
    const path = join(dir, 'training.yaml');
    writeFileSync(path, `${ENVIRONMENT}jobs:\n  - name: Nightly\n`);
    const shown = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
    expect(() => TrainingConfig.fromFile(new TerraformStack(Testing.app(), 'stack'), path)).toThrow(
      `${shown}:5:11: jobs[0].name must be 2-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit`,
    );
  });

  test('a file that cannot be read', () => {
    expect(() => TrainingConfig.fromFile(new TerraformStack(Testing.app(), 'stack'), 'no-such-dir/training.yaml'))
      .toThrow(/^no-such-dir[/\\]training\.yaml: cannot read the training config: ENOENT/);
  });

  test('validateString and validateFile return the problems without touching an app', () => {
    expect(TrainingConfig.validateString(`${ENVIRONMENT}jobs:\n${job('nightly')}`, 'training.yaml')).toEqual([]);
    expect(TrainingConfig.validateString(`${ENVIRONMENT}jobs:\n  - name: nightly\n`, 'training.yaml')).toEqual([
      'training.yaml:5:5: jobs[0].workerPools is required',
      'training.yaml:5:5: jobs[0].code is required',
    ]);
    expect(TrainingConfig.validateString(`${ENVIRONMENT}  region: europe-west4\n`, 'training.yaml')).toEqual([
      'training.yaml:4:3: YAML syntax error: Map keys must be unique',
    ]);
    expect(TrainingConfig.validateString(`environment:\n  projectId: Acme_ML\n  region: us-central1\n`, 'training.yaml')).toEqual([
      expect.stringMatching(/^training\.yaml:2:14: environment\.projectId: validate\/training: projectId "Acme_ML" is not valid/),
    ]);
    expect(TrainingConfig.validateFile('no-such-dir/training.yaml')).toEqual([expect.stringMatching(/cannot read the training config/)]);
  });
});

describe('errors found at synth', () => {
  /** An app with the config `text` in stack `config` (and whatever `before` adds first); the error of its synth. */
  function synthError(text: string, before: (app: App) => void = () => undefined): Error {
    const app = Testing.app();
    before(app);
    const stack = new TerraformStack(app, 'config');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    TrainingConfig.fromString(stack, text, 'training.yaml');
    try {
      app.synth();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the synth to fail');
  }

  const ALERTS = '  alerts: {emails: [ops@acme.example]}\n';

  test('a name only found to collide at synth is placed on the job whose name made it', () => {
    // Another stack's environment `ml` has a job `ab-xy`; the file's environment `ml-ab` a job `xy`:
    // both schedules are named ml-ab-xy-0, which only the claim made at synth finds.
    const error = synthError(`${ENVIRONMENT}  prefix: ml-ab\n${ALERTS}jobs:
  - name: xy
    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}
    code: {container: {image: {uri: "us-docker.pkg.dev/acme/images/trainer:v1"}}}
    triggers:
      - schedule: {cron: "0 3 * * *"}
`, (app) => {
      const other = new TerraformStack(app, 'code');
      new GoogleProvider(other, 'google', { project: 'acme-ml', region: 'us-central1' });
      const env = new TrainingEnvironment(other, 'ml', { projectId: 'acme-ml', region: 'us-central1', metadataStore: false, alerts: { emails: ['ops@acme.example'] } });
      new CustomTrainingJob(other, 'ab-xy', {
        environment: env,
        workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }) },
        code: TrainingCode.container({ image: ContainerImage.fromUri('us-docker.pkg.dev/acme/images/trainer:v1') }),
        triggers: [Trigger.schedule('0 3 * * *')],
      });
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/^training\.yaml:7:11: jobs\[0\]\.name: config\/xy\/schedule-0: name "ml-ab-xy-0" is not valid: must be unique in the app: code\/ab-xy\/schedule-0 already creates/);
  });

  test('a problem a check finds at synth is placed on the line of its field', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
    const config = TrainingConfig.fromString(stack, `${ENVIRONMENT}${ALERTS}jobs:
  - name: nightly
    workerPools:
      primary:
        gpu: {type: l4, count: 1}
    code: {container: {image: {uri: "us-docker.pkg.dev/acme/images/trainer:v1"}}}
`, 'training.yaml');
    const job = config.job('nightly');
    // A check of the job's fields made by an Aspect, as synth-time validations are.
    Aspects.of(job).add({
      visit: (node) => {
        if (node === job) throw new ValidationError(job, 'workerPools.primary.gpusPerReplica', 1, 'a synth-time check');
      },
    });
    expect(() => app.synth()).toThrow(new ValidationError(job, 'workerPools.primary.gpusPerReplica', 1, 'a synth-time check').message);
    expect(new ValidationError(job, 'workerPools.primary.gpusPerReplica', 1, 'x').message)
      .toBe('training.yaml:9:32: jobs[0].workerPools.primary.gpu.count: stack/nightly: workerPools.primary.gpusPerReplica 1 is not valid: x');
  });

  test('a quota the jobs exceed, found when the plan is complete at synth, is placed on the quotas', () => {
    const error = synthError(`${ENVIRONMENT}${ALERTS}  quotas:
    limits: [{metric: custom_model_training_nvidia_h100_gpus, limit: 8}]
jobs:
  - name: nightly
    workerPools:
      primary: {gpu: {type: h100, count: 8}}
      workers: {gpu: {type: h100, count: 8}, replicas: 1}
    code: {container: {image: {uri: "us-docker.pkg.dev/acme/images/trainer:v1"}}}
`);
    expect(error.message).toMatch(/\[config\/training\/quotas\] training\.yaml:6:5: environment\.quotas: us-central1 custom_model_training_nvidia_h100_gpus: demand 16 > limit 8 \(jobs: nightly=16\)/);
  });

  test('a policy error on a resource of the file\'s environment names the file too', () => {
    // A job needs the launcher, whose alert policies must notify someone.
    const error = synthError(`${ENVIRONMENT}jobs:\n${job('nightly')}`);
    expect(error.message).toMatch(/\] training\.yaml:2:3: environment: \[VT-ALERT-1\] /);
  });

  test('constructs of code keep their messages as they were', () => {
    const { env } = environmentStack();
    expect(() => env.grantDataRead('allUsers')).toThrow(/^test\/ml\/data-bucket: member "allUsers" is not valid: /);
  });
});
