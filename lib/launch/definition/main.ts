import { API_GET } from './google-apis';
import { KUBE_GET } from './kubernetes-api';
import { DEACTIVATED_STATE, WORKLOAD_END } from './kueue-watch';
import { LAUNCH } from './launch';
import { REQUESTS_OF, routesLiteral, LaunchRoute } from './requests';
import { assign, call, forEach, forRange, log, raises, returns, Subworkflow, switchOn, tryExcept, x } from './syntax';

/**
 * The workflow's entry point: read what the execution was started for, launch every request it
 * names (a failure of one does not stop the others), then watch the launched jobs until they end.
 *
 * What reaches people: every launch that fails is logged as `{"event": "launch_failed"}` at ERROR
 * and fails the execution; every run that ends failed, cancelled or expired is logged as
 * `{"event": "run_failed"}` at ERROR (Vertex AI itself writes no log entry or metric for a job's
 * end state, so the launcher watches its jobs). The environment's alert policies count both.
 */

/** Seconds between two looks at a running job, at most (the wait doubles from 1 minute to this). */
export const WATCH_MAX_DELAY = 1200;
/**
 * Steps the watch may take: well below Workflows' 100,000 steps per execution, whatever else the
 * execution did. A round costs about {@link WATCH_ROUND_STEPS} steps plus {@link WATCH_RUN_STEPS}
 * per Vertex AI job and up to {@link WATCH_JOBSET_STEPS} per JobSet watched, so one Vertex AI job is
 * watched for about 50 days, five for about 16; one JobSet for about 35 days, five for about 9.
 */
export const WATCH_STEP_BUDGET = 60_000;
/** Steps of one round of the watch besides its jobs (measured by the executed-launcher tests). */
export const WATCH_ROUND_STEPS = 8;
/** Steps of one round of the watch per Vertex AI job (measured by the executed-launcher tests). */
export const WATCH_RUN_STEPS = 9;
/**
 * Steps of one round of the watch per JobSet, at most: while Kueue keeps it suspended (queued,
 * evicted) the watch also reads its Workload (measured by the executed-launcher tests).
 */
export const WATCH_JOBSET_STEPS = 16;

/**
 * What the errors of an execution that logged its failures say, so that the alert on failed
 * executions (for what the launcher could not log) leaves them out instead of counting them twice.
 */
export const FAILURES_LOGGED = 'logged as launch_failed';

// A JobSet has no `state`: the watch reads its `status.terminalState` (Completed or Failed, empty while it runs) as JOBSET_<STATE>.
// A JobSet whose Kueue Workload was deactivated stays suspended without a terminal state: WORKLOAD_DEACTIVATED (kueue-watch.ts).
const FAILED_STATES = ['JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED', 'JOB_STATE_PARTIALLY_SUCCEEDED', 'PIPELINE_STATE_FAILED', 'PIPELINE_STATE_CANCELLED', 'JOBSET_FAILED', DEACTIVATED_STATE];
const SUCCEEDED_STATES = ['JOB_STATE_SUCCEEDED', 'PIPELINE_STATE_SUCCEEDED', 'JOBSET_COMPLETED'];

/** Subworkflow names. */
const WATCH_JOBS = 'watch_jobs';

/** `main` and the watch, by name. */
export function mainSubworkflows(routes: readonly LaunchRoute[]): { [name: string]: Subworkflow } {
  return { main: main(routes), [WATCH_JOBS]: watchJobs() };
}

function main(routes: readonly LaunchRoute[]): Subworkflow {
  return {
    params: ['input'],
    steps: [
      assign('init', [
        ['project', x('sys.get_env("GOOGLE_CLOUD_PROJECT_ID")')],
        ['region', x('sys.get_env("VERTEX_REGION")')],
        ['staging', x('sys.get_env("STAGING_BUCKET")')],
        ['execution', x('sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")')],
        ['root', x('"https://" + region + "-aiplatform.googleapis.com/v1"')],
        ['parent', x('"projects/" + project + "/locations/" + region')],
        ['routes', routesLiteral(routes)],
        ['outcomes', []],
        ['launched', []],
        ['failures', 0],
      ]),
      tryExcept('classify', [
        // `gcloud workflows run` without --data passes no argument.
        call('requests', REQUESTS_OF, { event: x('default(input, {})'), staging: x('staging'), execution: x('execution'), routes: x('routes') }, 'requests'),
      ], 'e', [
        log('unreadable', 'ERROR', { event: 'launch_failed', reason: 'the request could not be read', error: x('e'), argument: x('input') }),
        raises('unreadable_request', { message: `the request could not be read (${FAILURES_LOGGED})`, tags: ['UnreadableRequest'], error: x('e') }),
      ]),
      forEach('launch_all', 'request', x('requests'), [
        tryExcept('launch_one', [
          call('launch', LAUNCH, { root: x('root'), parent: x('parent'), staging: x('staging'), execution: x('execution'), request: x('request') }, 'outcome'),
          assign('keep', [['outcomes', x('list.concat(outcomes, outcome)')]]),
          switchOn('started', [{ condition: x('outcome.status == "launched"'), steps: [assign('to_watch', [['launched', x('list.concat(launched, outcome)')]])] }]),
          switchOn('not_started', [{
            condition: x('outcome.status != "launched"'),
            // A launch skipped because runs were still active (a deploy or a data drop that started nothing) is what on-call looks for.
            steps: [call('skipped', 'sys.log', {
              severity: x('if(outcome.status == "skipped", "WARNING", "INFO")'),
              json: { event: x('outcome.status'), job: x('outcome.job'), launchKey: x('outcome.key'), note: x('map.get(outcome, "note")') },
            })],
          }]),
        ], 'e', [
          log('failed', 'ERROR', { event: 'launch_failed', job: x('default(request.job, text.split(default(request.manifest, "/"), "/")[1])'), manifest: x('request.manifest'), launchKey: x('request.key'), reason: x('request.reason'), error: x('e') }),
          assign('count', [['failures', x('failures + 1')], ['failed', { status: 'failed', key: x('request.key'), error: x('e') }], ['outcomes', x('list.concat(outcomes, failed)')]]),
        ]),
      ]),
      call('watch_runs', WATCH_JOBS, { root: x('root'), runs: x('launched') }, 'ended'),
      switchOn('verdict', [{
        condition: x('failures > 0'),
        steps: [raises('some_failed', { message: x(`string(failures) + " of " + string(len(requests)) + " launches failed (${FAILURES_LOGGED})"`), outcomes: x('outcomes') })],
      }]),
      returns('done', { outcomes: x('outcomes'), ended: x('ended') }),
    ],
  };
}

/** `watch_jobs(root, runs)`: polls each launched job until it ends, logging how it ended. */
function watchJobs(): Subworkflow {
  const ended = (severity: 'INFO' | 'ERROR', event: string) => log(`log_${event}`, severity, {
    event, job: x('run.job'), name: x('run.name'), state: x('state'), error: x('default(map.get(job, "error"), map.get(job, ["status", "conditions"]))'), launchKey: x('run.key'),
  });
  // A job read inside the `try` is visible after it only if it exists before (variables created in
  // an except block, or in a loop iteration, do not outlive it).
  return {
    params: ['root', 'runs'],
    steps: [
      assign('init', [
        ['pending', x('runs')],
        ['delay', 60],
        ['finished', []],
        ['cost', WATCH_ROUND_STEPS],
      ]),
      forEach('price', 'run', x('runs'), [
        assign('add_cost', [['cost', x(`cost + if(map.get(run, "collection") == "jobsets", ${WATCH_JOBSET_STEPS}, ${WATCH_RUN_STEPS})`)]]),
      ]),
      assign('set_budget', [['rounds', x(`${WATCH_STEP_BUDGET} // cost`)]]),
      switchOn('nothing_to_watch', [{ condition: x('len(pending) == 0'), steps: [returns('none', [])] }]),
      forRange('watch', 'round', 1, WATCH_STEP_BUDGET, [
        switchOn('budget', [{ condition: x('round > rounds'), next: 'break' }]),
        call('wait', 'sys.sleep', { seconds: x('delay') }),
        switchOn('slower', [
          { condition: x(`delay * 2 >= ${WATCH_MAX_DELAY}`), steps: [assign('longest', [['delay', WATCH_MAX_DELAY]])] },
          { condition: true, steps: [assign('double', [['delay', x('delay * 2')]])] },
        ]),
        assign('round_start', [['still', []], ['job', {}]]),
        forEach('look', 'run', x('pending'), [
          // A JobSet's outcome carries its cluster and API path (read through the Kubernetes API
          // connector); a Vertex AI job is read at its resource name.
          tryExcept('get', [
            switchOn('get_job', [
              {
                condition: x('map.get(run, "collection") == "jobsets"'),
                steps: [
                  call('get_jobset', KUBE_GET, { cluster: x('run.cluster'), path: x('run.path') }, 'job'),
                  // Kueue suspends a JobSet while its Workload is not admitted: ended if Kueue deactivated it.
                  switchOn('suspended', [{
                    condition: x('map.get(job, ["status", "terminalState"]) == null and map.get(job, ["spec", "suspend"]) == true'),
                    steps: [call('read_workload', WORKLOAD_END, { cluster: x('run.cluster'), jobset: x('job') }, 'job')],
                  }]),
                ],
              },
              { condition: true, steps: [call('get_vertex_job', API_GET, { url: x('root + "/" + run.name') }, 'job')] },
            ]),
          ], 'e', [
            assign('unreadable', [['job', { state: 'UNKNOWN' }]]),
            switchOn('why', [
              {
                // The cluster stayed not RUNNING (an upgrade) through the retries: look again next round.
                condition: x('"ValueError" in default(map.get(e, "tags"), []) and map.get(run, "collection") == "jobsets"'),
                steps: [assign('upgrading', [['job', {}]])],
              },
              {
                condition: x('map.get(e, "code") == 404 and map.get(run, "collection") == "jobsets"'),
                steps: [log('gone', 'WARNING', { event: 'run_unwatched', job: x('run.job'), name: x('run.name'), launchKey: x('run.key'), note: 'the JobSet was deleted (by a person, or its ttlSecondsAfterFinished) before the launcher saw it end' })],
              },
              {
                condition: true,
                steps: [log('unwatchable', 'ERROR', { event: 'run_failed', job: x('run.job'), name: x('run.name'), state: 'UNKNOWN', error: x('e'), launchKey: x('run.key'), note: 'the launcher could not read the job; its outcome is not watched' })],
              },
            ]),
          ]),
          assign('entry', [
            ['state', x('default(map.get(job, "state"), "JOBSET_" + text.to_upper(default(map.get(job, ["status", "terminalState"]), "active")))')],
            ['entry', { name: x('run.name'), state: x('state') }],
          ]),
          switchOn('how', [
            { condition: x(`state in ${JSON.stringify(FAILED_STATES)}`), steps: [ended('ERROR', 'run_failed'), assign('failed', [['finished', x('list.concat(finished, entry)')]])] },
            { condition: x(`state in ${JSON.stringify(SUCCEEDED_STATES)}`), steps: [ended('INFO', 'run_succeeded'), assign('succeeded', [['finished', x('list.concat(finished, entry)')]])] },
            { condition: x('state == "UNKNOWN"'), steps: [assign('gave_up', [['finished', x('list.concat(finished, entry)')]])] },
            { condition: true, steps: [assign('running', [['still', x('list.concat(still, run)')]])] },
          ]),
        ]),
        assign('next_round', [['pending', x('still')]]),
        switchOn('all_ended', [{ condition: x('len(pending) == 0'), steps: [returns('ended', x('finished'))] }]),
      ]),
      forEach('stop_watching', 'run', x('pending'), [
        log('unwatched', 'WARNING', { event: 'run_unwatched', job: x('run.job'), name: x('run.name'), launchKey: x('run.key'), note: 'still running when the launcher stopped watching' }),
      ]),
      returns('stopped', x('finished')),
    ],
  };
}
