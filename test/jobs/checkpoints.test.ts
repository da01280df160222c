import { AnnotationMetadataEntryType } from 'cdktf';
import {
  CustomTrainingJob, Duration, Framework, HyperparameterTuningJob, Metric, Parameter, ServingContainer, TrainingCode, TrainingPipeline, Trigger, WorkerPool,
} from '../../lib';
import { RESERVED_ENV } from '../../lib/spec/gke/labels';
import { crdProblems } from '../helpers/kubernetes-crds';
import { environmentStack, named, synthJson } from '../helpers/synth';
import { gkeJob, gkeJobApp } from '../gke/job-fixtures';
import { cpuPools, environmentRefs, expectMessage, gcsCode, synthWith, thrown, uriCode, validBody } from './fixtures';

/**
 * Checkpoints shared across runs (issue 12): the location outside each run's output directory,
 * the variables every container gets on both backends, the lifecycle rules that keep the last
 * versions, and what is refused (tuning, bad values, reserved names, too many variables, a trigger
 * on the job's own checkpoints).
 */

const env = (body: any, pool: number): { name: string; value: string }[] => {
  const spec = body.jobSpec.workerPoolSpecs[pool];
  return (spec.containerSpec ?? spec.pythonPackageSpec).env;
};
const valueOf = (vars: { name: string; value: string }[], name: string): string | undefined => vars.find((v) => v.name === name)?.value;
/** `n` distinct environment variables. */
const manyEnv = (n: number): { [name: string]: string } => Object.fromEntries(Array.from({ length: n }, (_, i) => [`V${i}`, String(i)]));

describe('on Vertex AI', () => {
  test('every container of every pool gets AIP_CHECKPOINT_DIR and VT_CHECKPOINT_DIR, the shared location, before its own env; the body stays a valid v1 CustomJob', () => {
    const { json, built } = synthWith((stack, e) => new CustomTrainingJob(stack, 'train', {
      environment: e,
      workerPools: {
        primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }),
        workers: WorkerPool.cpu({ machineType: 'n2-standard-8', replicaCount: 2 }),
        evaluators: WorkerPool.cpu({ machineType: 'n2-standard-4', code: uriCode() }),
      },
      code: gcsCode({ env: { EPOCHS: '3' } }),
      checkpoints: {},
    }));
    const { artifactsBucket } = environmentRefs(json);
    const shared = `gs://${artifactsBucket}/jobs/train/checkpoints/`;
    expect(built.checkpointUri).toBe(`${built.environment.artifactsBucket.url}/jobs/train/checkpoints/`);
    // Outside runs/: no run's output directory, and no run retention, holds it.
    expect(built.checkpointUri!.startsWith(built.outputUriPrefix)).toBe(false);
    const body = validBody(json, 'vertex_ml_train', 'CustomJob');
    for (const pool of [0, 1, 3]) {
      const vars = env(body, pool);
      expect(vars.slice(0, 2)).toEqual([{ name: 'AIP_CHECKPOINT_DIR', value: shared }, { name: 'VT_CHECKPOINT_DIR', value: shared }]);
    }
    expect(valueOf(env(body, 0), 'EPOCHS')).toBe('3');
    expect(body.jobSpec.workerPoolSpecs[2]).toEqual({});
  });

  test('without checkpoints nothing is added and checkpointUri is undefined', () => {
    const { json, built } = synthWith((stack, e) => new CustomTrainingJob(stack, 'train', { environment: e, workerPools: cpuPools(), code: gcsCode({ env: { EPOCHS: '3' } }) }));
    expect(built.checkpointUri).toBeUndefined();
    const body = validBody(json, 'vertex_ml_train', 'CustomJob');
    expect(env(body, 0).map((v) => v.name)).toEqual(['EPOCHS']);
    expect(JSON.stringify(named(json, 'google_storage_bucket', 'ml_artifacts-bucket_').lifecycle_rule)).not.toContain('checkpoints');
  });

  test('a team\'s job checkpoints in the team\'s artifacts bucket; a pipeline\'s training task gets the variables too', () => {
    const { json, built } = synthWith((stack, e) => {
      const team = e.addTeam('vision');
      new CustomTrainingJob(stack, 'train', { environment: e, team, workerPools: cpuPools(), code: uriCode(), checkpoints: { keepLast: 2 } });
      return new TrainingPipeline(stack, 'pipe', {
        environment: e, workerPools: cpuPools(), code: uriCode(), checkpoints: {}, model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
      });
    });
    const teamRules = named(json, 'google_storage_bucket', 'ml_team-vision_artifacts_bucket_').lifecycle_rule;
    expect(teamRules).toContainEqual({ action: { type: 'Delete' }, condition: { num_newer_versions: 2, with_state: 'ARCHIVED', matches_prefix: ['jobs/train/checkpoints/'] } });
    const envRules = named(json, 'google_storage_bucket', 'ml_artifacts-bucket_').lifecycle_rule;
    expect(envRules).toContainEqual({ action: { type: 'Delete' }, condition: { num_newer_versions: 3, with_state: 'ARCHIVED', matches_prefix: ['jobs/pipe/checkpoints/'] } });
    const pipeline = validBody(json, 'vertex_ml_pipe', 'TrainingPipeline');
    const vars = pipeline.trainingTaskInputs.workerPoolSpecs[0].containerSpec.env;
    expect(built.checkpointUri).toBeDefined();
    expect(valueOf(vars, 'VT_CHECKPOINT_DIR')).toBe(`gs://${environmentRefs(json).artifactsBucket}/jobs/pipe/checkpoints/`);
  });

  test('keepLast (default 3) deletes a version with that many newer ones; maxAge deletes live checkpoints at that age', () => {
    const { json } = synthWith((stack, e) => new CustomTrainingJob(stack, 'train', {
      environment: e, workerPools: cpuPools(), code: uriCode(), checkpoints: { maxAge: Duration.days(60) },
    }));
    const rules = named(json, 'google_storage_bucket', 'ml_artifacts-bucket_').lifecycle_rule;
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { num_newer_versions: 3, with_state: 'ARCHIVED', matches_prefix: ['jobs/train/checkpoints/'] } });
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { age: 60, with_state: 'LIVE', matches_prefix: ['jobs/train/checkpoints/'] } });
  });

  test('keepLast and maxAge out of range, or not whole days, are refused with the value and what is allowed', () => {
    const job = (checkpoints: object) => () => {
      const { stack, env: e } = environmentStack();
      new CustomTrainingJob(stack, 'train', { environment: e, workerPools: cpuPools(), code: uriCode(), checkpoints });
    };
    for (const keepLast of [0, 1.5, 101]) {
      expectMessage(thrown(job({ keepLast })), 'test/train', 'checkpoints.keepLast', keepLast, 'must be a whole number from 1 to 100');
    }
    expectMessage(thrown(job({ maxAge: Duration.hours(36) })), 'test/train', 'checkpoints.maxAge', '36 hours', 'whole days from 1 to 3650');
    const both = thrown(job({ keepLast: 0, maxAge: Duration.days(0) })).message;
    expect(both).toContain('checkpoints.keepLast');
    expect(both).toContain('checkpoints.maxAge "0 days"');
  });

  test('wrong runtime types from JavaScript are one-line errors naming the field', () => {
    const job = (props: object) => () => {
      const { stack, env: e } = environmentStack();
      new CustomTrainingJob(stack, 'train', { environment: e, workerPools: cpuPools(), code: uriCode(), ...props });
    };
    expect(thrown(job({ checkpoints: { keepLast: '3' } })).message).toMatch(/^test\/train: checkpoints\.keepLast "3" is not valid: /);
    expect(thrown(job({ retention: { runOutputs: 30 } })).message).toMatch(/^test\/train: retention\.runOutputs 30 is not valid: /);
  });

  test('tuning trials must not share checkpoints: refused for a tuning job and a tuned pipeline', () => {
    const study = { metrics: [Metric.maximize('auc')], parameters: [Parameter.integer('depth', { min: 2, max: 8 })] };
    const tuning = () => {
      const { stack, env: e } = environmentStack();
      new HyperparameterTuningJob(stack, 'tune', { environment: e, workerPools: cpuPools(), code: uriCode(), study, maxTrialCount: 4, parallelTrialCount: 2, checkpoints: {} });
    };
    expectMessage(thrown(tuning), 'test/tune', 'checkpoints', 'shared checkpoints', 'trials of a tuning study must not share checkpoints');
    const pipeline = () => {
      const { stack, env: e } = environmentStack();
      new TrainingPipeline(stack, 'pipe', {
        environment: e, workerPools: cpuPools(), code: uriCode(), checkpoints: {}, tuning: { study, maxTrialCount: 4, parallelTrialCount: 1 },
        model: { servingContainer: ServingContainer.prebuilt(Framework.SCIKIT_LEARN, '1.6') },
      });
    };
    expectMessage(thrown(pipeline), 'test/pipe', 'checkpoints', 'shared checkpoints', 'must not share checkpoints');
  });

  test('VT_CHECKPOINT_DIR and VT_TRIGGER_OBJECTS are the library\'s on Vertex AI too; AIP_CHECKPOINT_DIR is the user\'s only without checkpoints', () => {
    const job = (vars: { [name: string]: string }, checkpoints?: object, own?: { [name: string]: string }) => {
      const { stack, env: e } = environmentStack();
      return new CustomTrainingJob(stack, 'train', {
        environment: e,
        workerPools: { primary: WorkerPool.cpu({ machineType: 'n2-standard-8' }), evaluators: WorkerPool.cpu({ machineType: 'n2-standard-4', code: TrainingCode.container({ image: (uriCode() as any)._intent.image, env: own }) }) },
        code: TrainingCode.container({ image: (uriCode() as any)._intent.image, env: Object.keys(vars).length > 0 ? vars : undefined }),
        checkpoints,
      });
    };
    expectMessage(thrown(() => job({ VT_CHECKPOINT_DIR: 'gs://x/' })), 'test/train', 'code.env', 'VT_CHECKPOINT_DIR', 'the library sets VT_CHECKPOINT_DIR');
    expectMessage(thrown(() => job({ VT_TRIGGER_OBJECTS: '[]' })), 'test/train', 'code.env', 'VT_TRIGGER_OBJECTS', 'leave it out');
    expectMessage(thrown(() => job({}, undefined, { VT_TRIGGER_OBJECTS: '[]' })), 'test/train', 'workerPools.evaluators.code.env', 'VT_TRIGGER_OBJECTS', 'leave it out');
    expectMessage(thrown(() => job({ AIP_CHECKPOINT_DIR: 'gs://x/' }, {})), 'test/train', 'code.env', 'AIP_CHECKPOINT_DIR', 'with checkpoints the library sets AIP_CHECKPOINT_DIR');
    expect(() => job({ AIP_CHECKPOINT_DIR: 'gs://x/' })).not.toThrow();
  });

  test('the 100-variable limit counts the library\'s: 98 of the user\'s with checkpoints, 97 when data launches add VT_TRIGGER_OBJECTS', () => {
    const job = (n: number, triggers: Trigger[] = []) => () => {
      const { stack, env: e } = environmentStack();
      new CustomTrainingJob(stack, 'train', { environment: e, workerPools: cpuPools(), code: gcsCode({ env: manyEnv(n) }), checkpoints: {}, triggers });
      return synthJson(stack);
    };
    expect(job(98)).not.toThrow();
    expectMessage(thrown(job(99)), 'test/train', 'code.env', '99 variables', 'at most 98: the library adds 2 to every container (Vertex AI takes at most 100)');
    const dataTrigger = (): Trigger[] => [Trigger.onNewData('acme-incoming', 'drops/')];
    expect(job(97, dataTrigger())).not.toThrow();
    expectMessage(thrown(job(98, dataTrigger())), 'test/train', 'code.env', '98 variables', 'at most 97: the library adds 3');
    // Over 100 of the user's own: refused once, where the env is resolved.
    const over = thrown(job(101)).message;
    expect(over.split('\n').filter((line) => line.includes('code.env')).length).toBe(1);
  });

  test('an on-new-data trigger on the job\'s own checkpoints is refused (each checkpoint would launch a run); without checkpoints that prefix is fine', () => {
    const job = (checkpoints: object | undefined, prefix: string) => () => {
      const { stack, env: e } = environmentStack();
      new CustomTrainingJob(stack, 'train', { environment: e, workerPools: cpuPools(), code: uriCode(), checkpoints, triggers: [Trigger.onNewData(e.artifactsBucket.bucketName, prefix)] });
    };
    expectMessage(thrown(job({}, 'jobs/train/checkpoints/')), 'test/train', 'triggers[0].prefix', 'jobs/train/checkpoints/', 'must not cover the job\'s own checkpoints');
    expect(job(undefined, 'jobs/train/checkpoints/')).not.toThrow();
    // A prefix over both outputs and checkpoints is one problem, the outputs'.
    const both = thrown(job({}, 'jobs/train/')).message;
    expect(both).toContain('must not cover the job\'s own outputs');
    expect(both).not.toContain('own checkpoints');
    // Another job's checkpoints are data like any other.
    expect(job({}, 'jobs/other/checkpoints/')).not.toThrow();
  });
});

describe('the artifacts bucket\'s own expiration', () => {
  const warningsOf = (artifactsBucket: object, checkpoints: object): string[] => {
    const { stack, env: e } = environmentStack({ artifactsBucket });
    new CustomTrainingJob(stack, 'train', { environment: e, workerPools: cpuPools(), code: uriCode(), checkpoints });
    return stack.node.findAll().flatMap((c) => c.node.metadata)
      .filter((m) => m.type === AnnotationMetadataEntryType.WARN && String(m.data).startsWith('checkpoints:')).map((m) => String(m.data));
  };

  test('warns when it deletes live checkpoints sooner than maxAge, whatever keepLast keeps; not when it does not reach them', () => {
    expect(warningsOf({ objectExpirationDays: 30 }, { keepLast: 3 })).toEqual([
      expect.stringContaining("the artifacts bucket's objectExpirationDays (30) deletes live objects under jobs/train/checkpoints/ at 30 days old, whatever keepLast keeps"),
    ]);
    expect(warningsOf({ objectExpirationDays: 30, objectExpirationPrefixes: ['jobs/'] }, {})).toHaveLength(1);
    expect(warningsOf({ objectExpirationDays: 30, objectExpirationPrefixes: ['tmp/'] }, {})).toEqual([]);
    expect(warningsOf({ objectExpirationDays: 30 }, { maxAge: Duration.days(14) })).toEqual([]);
    expect(warningsOf({}, {})).toEqual([]);
  });
});

describe('on GKE', () => {
  test('the JobSet\'s AIP_CHECKPOINT_DIR is the shared location instead of the run\'s, with VT_CHECKPOINT_DIR; the JobSet stays valid against its CRD', () => {
    const fixture = gkeJobApp();
    const job = gkeJob(fixture, { checkpoints: { keepLast: 5 } });
    expect(job.checkpointUri).toMatch(/^gs:\/\/[^$]+\/jobs\/train\/checkpoints\/$/);
    const jobSet = job.body as any;
    for (const replicated of jobSet.spec.replicatedJobs) {
      const vars = replicated.template.spec.template.spec.containers[0].env;
      expect(valueOf(vars, 'AIP_CHECKPOINT_DIR')).toBe(job.checkpointUri);
      expect(valueOf(vars, 'VT_CHECKPOINT_DIR')).toBe(job.checkpointUri);
      expect(valueOf(vars, 'AIP_MODEL_DIR')).toBe(`${job.outputUriPrefix}$(VT_RUN_NAME)/model/`);
    }
    expect(crdProblems({ ...jobSet, metadata: { ...jobSet.metadata, name: 'train-abc123' } })).toEqual([]);
    // The rule is on the team's artifacts bucket, in the environment's stack.
    const platform = synthJson(fixture.platform);
    expect(named(platform, 'google_storage_bucket', 'ml_team-vision_artifacts_bucket_').lifecycle_rule)
      .toContainEqual({ action: { type: 'Delete' }, condition: { num_newer_versions: 5, with_state: 'ARCHIVED', matches_prefix: ['jobs/train/checkpoints/'] } });
  });

  test('without checkpoints each run keeps its own checkpoint directory', () => {
    const job = gkeJob(gkeJobApp());
    const vars = (job.body as any).spec.replicatedJobs[0].template.spec.template.spec.containers[0].env;
    expect(valueOf(vars, 'AIP_CHECKPOINT_DIR')).toBe(`${job.outputUriPrefix}$(VT_RUN_NAME)/checkpoints/`);
    expect(valueOf(vars, 'VT_CHECKPOINT_DIR')).toBeUndefined();
  });

  test('the names the library sets on both backends are reserved on GKE', () => {
    expect(RESERVED_ENV).toEqual(expect.arrayContaining(['VT_CHECKPOINT_DIR', 'VT_TRIGGER_OBJECTS', 'AIP_CHECKPOINT_DIR']));
    const image = (uriCode() as any)._intent.image;
    const error = thrown(() => gkeJob(gkeJobApp(), { code: TrainingCode.container({ image, env: { VT_CHECKPOINT_DIR: 'gs://x/' } }) }));
    expect(error.message).toContain('code.env "VT_CHECKPOINT_DIR" is not valid');
  });
});
