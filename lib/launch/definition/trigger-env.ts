import { MAX_CONTAINER_ENV, TRIGGER_OBJECTS_ENV } from '../../spec/gke/labels';
import { assign, call, forEach, raises, returns, Step, Subworkflow, switchOn, x } from './syntax';

/**
 * What a data launch tells its run: `VT_TRIGGER_OBJECTS`, the JSON array of the `gs://` URIs of the
 * objects that triggered it (the marker, the object, or a window's objects), set on every
 * container the run starts. On Vertex AI that is each worker pool's `containerSpec.env` or
 * `pythonPackageSpec.env` (a custom job's `jobSpec`, a tuning job's `trialJobSpec`, a pipeline's
 * `trainingTaskInputs` or its `trialJobSpec`; an empty pool `{}` has no container); on GKE every
 * container of every replicated job of the JobSet. The name is reserved at synth, so the launcher
 * only adds it.
 */

/** Subworkflow names. */
export const ADD_TRIGGER_ENV = 'add_trigger_env';
const POOLS_WITH_ENV = 'pools_with_env';
const CONTAINERS_WITH_ENV = 'containers_with_env';

export { TRIGGER_OBJECTS_ENV };

/** The subworkflows of this file, by name. */
export function triggerEnvSubworkflows(): { [name: string]: Subworkflow } {
  return { [ADD_TRIGGER_ENV]: addTriggerEnv(), [POOLS_WITH_ENV]: poolsWithEnv(), [CONTAINERS_WITH_ENV]: containersWithEnv() };
}

/** `add_trigger_env(body, collection, objects)`: the body (a Vertex AI job's of `collection`, or a JobSet's for `jobsets`) with the variable in every container. */
function addTriggerEnv(): Subworkflow {
  const pools = (name: string, condition: string, path: string) => ({
    condition: x(condition),
    steps: [
      call(`${name}_pools`, POOLS_WITH_ENV, { pools: x(path), entry: x('entry') }, 'pools'),
      // Dropped once placed: the execution's variables (512 KB in all) would hold the text twice more.
      assign(`${name}_env`, [[path, x('pools')], ['pools', null]]),
    ],
  });
  return {
    params: ['body', 'collection', 'objects'],
    steps: [
      assign('init', [['entry', { name: TRIGGER_OBJECTS_ENV, value: x('json.encode_to_string(objects)') }]]),
      switchOn('where', [
        {
          condition: x('collection == "jobsets"'),
          steps: [
            forEach('replicated_jobs', 'job', x('body.spec.replicatedJobs'), [
              call('containers', CONTAINERS_WITH_ENV, { containers: x('job.template.spec.template.spec.containers'), entry: x('entry') }, 'containers'),
              assign('job_env', [['body.spec.replicatedJobs[index].template.spec.template.spec.containers', x('containers')], ['containers', null]]),
            ], 'index'),
          ],
        },
        pools('custom', 'collection == "customJobs"', 'body.jobSpec.workerPoolSpecs'),
        pools('tuning', 'collection == "hyperparameterTuningJobs"', 'body.trialJobSpec.workerPoolSpecs'),
        pools('tuned_pipeline', 'map.get(body, ["trainingTaskInputs", "trialJobSpec"]) != null', 'body.trainingTaskInputs.trialJobSpec.workerPoolSpecs'),
        pools('pipeline', 'true', 'body.trainingTaskInputs.workerPoolSpecs'),
      ]),
      returns('done', x('body')),
    ],
  };
}

/**
 * `pools_with_env(pools, entry)`: the worker pool specs with `entry` added to the env of each
 * pool's container or Python package. A container that already has Vertex AI's maximum of
 * environment variables fails the launch: the API would refuse the body.
 */
function poolsWithEnv(): Subworkflow {
  const spec = (kind: string): Step[] => [
    assign(`${kind}_env`, [['env', x(`default(map.get(pool, ["${kind}", "env"]), [])`)]]),
    switchOn(`${kind}_full`, [{ condition: x(`len(env) >= ${MAX_CONTAINER_ENV}`), steps: [tooMany(kind)] }]),
    assign(`${kind}_add`, [[`pools[index].${kind}.env`, x('list.concat(env, entry)')]]),
  ];
  return {
    params: ['pools', 'entry'],
    steps: [
      forEach('each_pool', 'pool', x('pools'), [
        switchOn('kind', [
          { condition: x('map.get(pool, "containerSpec") != null'), steps: spec('containerSpec') },
          { condition: x('map.get(pool, "pythonPackageSpec") != null'), steps: spec('pythonPackageSpec') },
        ]),
      ], 'index'),
      returns('done', x('pools')),
    ],
  };
}

function tooMany(kind: string): Step {
  return raises(`${kind}_too_many`, {
    code: 0,
    tags: ['TooManyEnvVars'],
    message: x(`"worker pool " + string(index) + " already has ${MAX_CONTAINER_ENV} environment variables, the most Vertex AI takes per container: the launcher cannot add ${TRIGGER_OBJECTS_ENV}; set fewer in the job's env"`),
  });
}

/** `containers_with_env(containers, entry)`: the containers of a JobSet's pod template with `entry` added to each one's env. */
function containersWithEnv(): Subworkflow {
  return {
    params: ['containers', 'entry'],
    steps: [
      forEach('each_container', 'container', x('containers'), [
        assign('add', [['containers[index].env', x('list.concat(default(map.get(container, "env"), []), entry)')]]),
      ], 'index'),
      returns('done', x('containers')),
    ],
  };
}
