import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GpuDriverVersion, GkeReleaseChannel, NodeProvisioning, QueueingStrategy } from '../../lib';
import * as gkeEnums from '../../lib/config/gke-enums';
import { TrainingConfigError } from '../../lib/config/errors';
import { TrainingConfig, TrainingConfigOptions } from '../../lib/config/training-config';
import { TRAINING_CONFIG_SCHEMA } from '../../lib/config/schema-generated';
import { WORKLOAD_PRIORITIES } from '../../lib/spec/gke/kueue';

/**
 * Bad `gke` sections and GKE jobs: every problem names the file, the line and column, and the field
 * (schema violations, names that do not exist, with the nearest one, and the constructs' own errors
 * placed on the field that caused them); a `gke` section without its stacks is refused by name.
 */

const FILE = 'training.yaml';

/** A valid file with a GKE cluster; `edit` rewrites parts of it. */
const BASE = `environment:
  name: research
  projectId: acme-research-gke
  region: us-central1
  network: {enableNat: true}
teams:
  - name: vision
  - name: speech
gke:
  nodePools:
    h100-spot:
      gpu: {type: h100, count: 8}
      provisioning: spot
      maxNodes: 4
    l4:
      gpu: {type: l4, count: 4}
      maxNodes: 4
  teams:
    vision:
      quotas:
        h100-spot: {nominal: 16, borrowingLimit: 8}
        l4: {nominal: 4}
    speech:
      quotas:
        l4: {nominal: 8, lendingLimit: 4}
jobs:
  - name: finetune
    team: speech
    backend: gke
    workerPools:
      primary: {gpu: {type: l4, count: 4}}
    code:
      container:
        image: {name: asr, tag: v1}
`;

function stacks(): { platform: TerraformStack; options: TrainingConfigOptions } {
  const app = Testing.app();
  return { platform: new TerraformStack(app, 'platform'), options: { addonsStack: new TerraformStack(app, 'addons'), workloadsStack: new TerraformStack(app, 'workloads') } };
}

function load(text: string, options?: TrainingConfigOptions, scope?: Construct): TrainingConfig {
  const given = stacks();
  return TrainingConfig.fromString(scope ?? given.platform, text, FILE, options ?? given.options);
}

/** The problems of a file that must be refused, one `file:line:column: ...` line each. */
function problems(text: string, options?: TrainingConfigOptions): string[] {
  try {
    load(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the config to be refused');
}

/** `training.yaml:L:C` of the `occurrence`-th (from 1) `snippet` in `text`: where a problem must point. */
function at(text: string, snippet: string, occurrence = 1): string {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`"${snippet}" is not in the text`);
  }
  const before = text.slice(0, index).split('\n');
  return `${FILE}:${before.length}:${before[before.length - 1].length + 1}`;
}

function edit(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the text`);
  return text.replace(from, to);
}

test('the base file loads', () => {
  expect(load(BASE).gkeQueues?.teamQueues).toHaveLength(2);
});

describe('the stacks of a gke section', () => {
  test('are required: the error names both missing stacks, at the gke key', () => {
    const [problem, ...rest] = problems(BASE, {});
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${at(BASE, 'gke:')}: gke declares a GKE cluster`));
    expect(problem).toContain('no addonsStack (the add-ons stack (Kueue, JobSet)) and workloadsStack (the workloads stack (team queues and GKE jobs)) was given');
    expect(problem).toContain('TrainingConfig.fromFile(platformStack, file, { addonsStack, workloadsStack })');
  });

  test('name only the one missing', () => {
    const app = Testing.app();
    const [problem] = problems(BASE, { addonsStack: new TerraformStack(app, 'addons') });
    expect(problem).toContain('no workloadsStack (');
    expect(problem).not.toContain('addonsStack (');
  });

  test('are refused in the wrong arrangement by the constructs, placed at the gke section', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    let message = '';
    try {
      TrainingConfig.fromString(platform, BASE, FILE, { addonsStack: platform, workloadsStack: new TerraformStack(app, 'workloads') });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`^${at(BASE, 'nodePools')}: gke: platform/addons: GkeTrainingAddons cannot be declared in the stack "platform"`));
  });

  test('are not needed without a gke section, whose files load as before', () => {
    const text = BASE.slice(0, BASE.indexOf('gke:')) + 'jobs:\n  - name: cpu\n    workerPools: {primary: {cpu: {machineType: n2-standard-8}}}\n    code: {container: {image: {name: t, tag: v1}}}\n';
    const config = TrainingConfig.fromString(new TerraformStack(Testing.app(), 'one'), text, FILE);
    expect(config.gkeCluster).toBeUndefined();
    expect(config.gkeNodePools).toEqual([]);
    expect(config.job('cpu').node.path).toBe('one/cpu');
  });

  test('are made by validateString, which reports the problems of a GKE file without any', () => {
    expect(TrainingConfig.validateString(BASE, FILE)).toEqual([]);
    const text = edit('        l4: {nominal: 8, lendingLimit: 4}', '        l4: {nominal: 8, lendingLimit: 9}');
    expect(TrainingConfig.validateString(text, FILE)).toEqual([expect.stringMatching(new RegExp(`^${at(text, '9}')}: gke\\.teams\\.speech\\.quotas\\.l4\\.lendingLimit: `))]);
  });
});

describe('names the gke section uses', () => {
  test('a team of gke.teams is a team of the file, with the nearest name', () => {
    const text = edit('    vision:\n      quotas:', '    visoin:\n      quotas:');
    expect(problems(text)).toEqual([
      `${at(text, 'visoin:')}: gke.teams.visoin is not a team of this file (did you mean "vision"?): must be one of the teams under teams: vision, speech`,
    ]);
  });

  test('a quota names a node pool of gke.nodePools, with the nearest name', () => {
    const text = edit('        h100-spot: {nominal: 16', '        h100-spto: {nominal: 16');
    expect(problems(text)).toEqual([
      `${at(text, 'h100-spto')}: gke.teams.vision.quotas["h100-spto"] is not a node pool of this file (did you mean "h100-spot"?): must be one of the node pools under gke.nodePools: h100-spot, l4`,
    ]);
  });

  test('a GKE job needs a gke section', () => {
    const text = BASE.slice(0, BASE.indexOf('gke:')) + BASE.slice(BASE.indexOf('jobs:'));
    expect(problems(text)).toEqual([`${at(text, 'gke\n    workerPools')}: jobs[0].backend is gke, but the file declares no cluster: add a \`gke\` section with the cluster, its node pools and the team queues`]);
  });

  test("a GKE job's team needs a queue", () => {
    const text = edit('    speech:\n      quotas:\n        l4: {nominal: 8, lendingLimit: 4}\n', '').replace('  - name: speech\n', '  - name: speech\n  - name: audio\n').replace('team: speech', 'team: audio');
    expect(problems(text)).toEqual([`${at(text, 'audio', 2)}: jobs[0].team "audio" has no Kueue queue to run a GKE job in: give it quotas under gke.teams.audio (teams with queues: vision)`]);
  });
});

describe('the schema of the gke section', () => {
  test('spells provisioning, with the nearest spelling', () => {
    const text = edit('provisioning: spot', 'provisioning: spott');
    expect(problems(text)).toEqual([`${at(text, 'spott')}: gke.nodePools["h100-spot"].provisioning must be one of: standard, spot, flex-start, queued-provisioning (did you mean "spot"?)`]);
  });

  test('takes exactly one of gpu, tpu or cpu per node pool', () => {
    const text = edit('      gpu: {type: l4, count: 4}\n      maxNodes: 4', '      gpu: {type: l4, count: 4}\n      cpu: {machineType: n2-standard-8}\n      maxNodes: 4');
    expect(problems(text)).toEqual([`${at(text, 'cpu:')}: gke.nodePools.l4.cpu cannot be combined with gpu: give only one of gpu, tpu or cpu`]);
  });

  test('refuses unknown fields with the nearest one', () => {
    const text = edit('      maxNodes: 4\n    l4:', '      maxNode: 4\n    l4:');
    expect(problems(text)).toEqual([
      `${at(text, 'gpu: {type: h100')}: gke.nodePools["h100-spot"].maxNodes is required`,
      `${at(text, 'maxNode:')}: gke.nodePools["h100-spot"].maxNode is not allowed (did you mean "maxNodes"?)`,
    ]);
  });

  test('refuses a version for a pre-installed add-on', () => {
    const text = edit('  teams:\n    vision:', '  addons:\n    kueue: {install: preinstalled, version: v0.19.2}\n  teams:\n    vision:');
    expect(problems(text)).toEqual([`${at(text, 'version: v0.19.2')}: gke.addons.kueue.version is not allowed with install: preinstalled`]);
  });

  test('takes priorityClass only on GKE jobs, and requires a team there', () => {
    const vertex = edit('    backend: gke\n', '    priorityClass: training-high\n');
    expect(problems(vertex)).toEqual([`${at(vertex, 'priorityClass')}: jobs[0].priorityClass is only allowed with backend: gke`]);
    const teamless = edit('    team: speech\n', '');
    expect(problems(teamless)).toEqual([`${at(teamless, 'name: finetune')}: jobs[0].team is required with backend: gke`]);
  });

  test('spells every GKE enumeration as the loader does, and every member of the library enums', () => {
    const defs = (TRAINING_CONFIG_SCHEMA as any).definitions;
    const spelled = (schema: any) => [...schema.enum].sort();
    const keys = (map: object) => Object.keys(map).sort();
    expect(spelled(defs.gkeCluster.properties.releaseChannel)).toEqual(keys(gkeEnums.RELEASE_CHANNELS));
    expect(spelled(defs.nodePool.properties.provisioning)).toEqual(keys(gkeEnums.NODE_PROVISIONINGS));
    expect(spelled(defs.nodePool.properties.gpuDriverVersion)).toEqual(keys(gkeEnums.GPU_DRIVER_VERSIONS));
    expect(spelled(defs.gkeTeam.properties.queueingStrategy)).toEqual(keys(gkeEnums.QUEUEING_STRATEGIES));
    expect(spelled(defs.job.properties.priorityClass)).toEqual(WORKLOAD_PRIORITIES.map((p) => p.name).sort());
    const covers = (map: { [name: string]: string }, members: object) => expect(Object.values(map).sort()).toEqual(Object.values(members).sort());
    covers(gkeEnums.RELEASE_CHANNELS, GkeReleaseChannel);
    covers(gkeEnums.NODE_PROVISIONINGS, NodeProvisioning);
    covers(gkeEnums.GPU_DRIVER_VERSIONS, GpuDriverVersion);
    covers(gkeEnums.QUEUEING_STRATEGIES, QueueingStrategy);
  });
});

describe("the constructs' errors, placed on the field", () => {
  test('a node pool GPU count the catalog refuses: at gpu.count', () => {
    const text = edit('gpu: {type: h100, count: 8}', 'gpu: {type: h100, count: 3}');
    const [problem, ...rest] = problems(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${at(text, '3}')}: gke\\.nodePools\\["h100-spot"\\]\\.gpu\\.count: platform/gke/h100-spot: pool\\.gpusPerReplica 3 is not valid`));
  });

  test('a TPU slice pool of the wrong size: at maxNodes', () => {
    const text = edit('    l4:\n      gpu: {type: l4, count: 4}\n      maxNodes: 4', '    l4:\n      gpu: {type: l4, count: 4}\n      maxNodes: 4\n    v6e:\n      tpu: {version: v6e, topology: 4x4}\n      maxNodes: 2\n      zones: [us-central1-b]');
    const [problem] = problems(text);
    expect(problem).toMatch(new RegExp(`^${at(text, '2\n      zones')}: gke\\.nodePools\\.v6e\\.maxNodes: .*maxNodes 4`));
  });

  test('an invalid node pool name: at its entry', () => {
    const text = edit('    l4:\n', '    L4:\n').replace('        l4: {nominal: 4}\n', '').replace('        l4: {nominal: 8, lendingLimit: 4}', '        h100-spot: {nominal: 0}');
    const [problem] = problems(text);
    expect(problem).toMatch(new RegExp(`^${at(text, 'gpu: {type: l4')}: gke\\.nodePools\\.L4: platform/gke/L4: name "L4" is not valid: a GKE node pool name`));
  });

  test('a lending limit above the nominal quota: at lendingLimit', () => {
    const text = edit('l4: {nominal: 8, lendingLimit: 4}', 'l4: {nominal: 8, lendingLimit: 9}');
    expect(problems(text)).toEqual([expect.stringMatching(new RegExp(`^${at(text, '9}')}: gke\\.teams\\.speech\\.quotas\\.l4\\.lendingLimit: workloads/queues: .*lendingLimit 9 is not valid: at most the nominal quota 8`))]);
  });

  test('an invalid cluster name: at gke.cluster.name', () => {
    const text = edit('gke:\n', 'gke:\n  cluster: {name: Research_GKE, releaseChannel: stable}\n');
    const [problem] = problems(text);
    expect(problem).toMatch(new RegExp(`^${at(text, 'Research_GKE')}: gke\\.cluster\\.name: platform/gke: clusterName "Research_GKE" is not valid`));
  });

  test('a GKE job no node pool can run: at its worker pool', () => {
    const text = edit('primary: {gpu: {type: l4, count: 4}}', 'primary: {gpu: {type: a100, count: 8}}');
    const [problem] = problems(text);
    expect(problem).toMatch(new RegExp(`^${at(text, '{gpu: {type: a100')}: jobs\\[0\\]\\.workerPools\\.primary: workloads/finetune: workerPools\\.primary .* is not valid: no node pool fits`));
  });

  test('a tuning job on GKE: at backend', () => {
    const text = edit('    backend: gke\n', `    backend: gke
    kind: tuning
    maxTrialCount: 4
    parallelTrialCount: 2
    study:
      metrics: [{id: loss, goal: minimize}]
      parameters: [{id: lr, type: double, min: 0.001, max: 0.1}]
`);
    expect(problems(text)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${at(text, 'gke\n    kind')}: jobs\\[0\\]\\.backend: workloads/finetune: backend .*runs on Vertex AI only`))]));
  });
});

describe('team quota shares', () => {
  test('are given to the team', () => {
    const text = edit('  - name: vision\n', '  - name: vision\n    quotaShares: [{metric: custom_model_training_nvidia_h100_gpus, limit: 16}]\n');
    const config = load(text);
    expect(config.environment.quotas.teamShares()).toEqual([
      expect.objectContaining({ team: 'vision', region: 'us-central1', metric: 'custom_model_training_nvidia_h100_gpus', share: 16 }),
    ]);
  });

  test('with an unknown metric: at the metric', () => {
    const text = edit('  - name: vision\n', '  - name: vision\n    quotaShares: [{metric: custom_model_training_nvidia_h1000_gpus, limit: 16}]\n');
    const [problem] = problems(text);
    expect(problem).toMatch(new RegExp(`^${at(text, 'custom_model')}: teams\\[0\\]\\.quotaShares\\[0\\]\\.metric`));
  });
});

test('a file without a gke section does not load the GKE part of the builder', () => {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const id of ['../../lib/config/build-gke', '../../lib/config/gke-enums']) {
      jest.doMock(id, () => {
        loaded.push(id);
        return jest.requireActual(id);
      });
    }
    const { TrainingConfig: Isolated } = require('../../lib/config/training-config') as typeof import('../../lib/config/training-config');
    const { TerraformStack: Stack, Testing: T } = require('cdktf') as typeof import('cdktf');
    const text = BASE.slice(0, BASE.indexOf('gke:'));
    Isolated.fromString(new Stack(T.app(), 'vertex'), text, FILE);
    expect(loaded).toEqual([]);
    const app = T.app();
    Isolated.fromString(new Stack(app, 'platform'), BASE, FILE, stacksIn(app, Stack));
    expect(loaded.sort()).toEqual(['../../lib/config/build-gke', '../../lib/config/gke-enums']);
  });
});

function stacksIn(app: Construct, Stack: typeof TerraformStack): TrainingConfigOptions {
  return { addonsStack: new Stack(app, 'addons'), workloadsStack: new Stack(app, 'workloads') };
}
