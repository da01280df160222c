/**
 * The launcher workflow (Cloud Workflows), as a JSON definition. Pure data: no cdktf import.
 *
 * One workflow per environment turns a launch request into a Vertex AI job:
 * - a Pub/Sub message `{"manifest": "jobs/<job>/<sha256>.json"}` — a schedule (Cloud Scheduler);
 * - `{"manifest": "jobs/<job>/<sha256>.json"}` as the execution argument — a person;
 * - a Cloud Storage "finalized" event on the staging bucket — a deploy wrote a new manifest (on change);
 * - a "finalized" event on another bucket — new data; `jobs/routes.json` says which jobs it starts.
 * A manifest holds `{kind, collection, launchOnChange, modelId?, body}`: the request body of the job
 * exactly as Terraform rendered it, read as data so that no string in it is evaluated again.
 * Each run writes to its own directory: the manifest's `outputPrefix` plus the launch key (the event
 * ID, followed by the job's name when one event starts several jobs, or the execution ID).
 * Redelivered events launch nothing twice: each job carries a `launch_key` label (the event or
 * execution ID) and the workflow looks for it first. Anything that fails fails the execution, which
 * Cloud Logging records with the error.
 */

/** The manifest file names the workflow accepts on change. */
export const MANIFEST_PATTERN = '^jobs/[a-z0-9-]+/[0-9a-f]+\\.json$';

/** The routing table of on-new-data triggers. */
export const ROUTES_OBJECT = 'jobs/routes.json';

/** The regional Vertex AI REST base of the launch's project and region, as a Workflows expression. */
const API = '"https://" + region + "-aiplatform.googleapis.com/v1/projects/" + project + "/locations/" + region';

/** The workflow definition; serialize with JSON.stringify. */
export function launcherWorkflowDefinition(): object {
  return withStepsInConditions(definition());
}

/**
 * Switch conditions written with `assign`, `return` or `raise` become conditions with one step, the
 * form every version of the Workflows syntax accepts.
 */
function withStepsInConditions(node: unknown, counter = { next: 1 }): any {
  if (Array.isArray(node)) return node.map((item) => withStepsInConditions(item, counter));
  if (!node || typeof node !== 'object') return node;
  const object = node as { [key: string]: unknown };
  const converted: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(object)) converted[key] = withStepsInConditions(value, counter);
  if ('condition' in converted) {
    const action = (['assign', 'return', 'raise'] as const).find((k) => k in converted);
    if (action) {
      const { [action]: body, ...rest } = converted;
      return { ...rest, steps: [{ [`then_${counter.next++}`]: { [action]: body } }] };
    }
  }
  return converted;
}

function definition(): object {
  return {
    main: {
      params: ['input'],
      steps: [
        {
          init: {
            assign: [
              // `gcloud workflows run` without --data passes null.
              { input: '${default(input, {})}' },
              { project: '${sys.get_env("GOOGLE_CLOUD_PROJECT_ID")}' },
              { region: '${sys.get_env("VERTEX_REGION")}' },
              { staging: '${sys.get_env("STAGING_BUCKET")}' },
              { execution: '${sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")}' },
              { requests: [] },
              { results: [] },
            ],
          },
        },
        {
          route: {
            switch: [
              {
                // A schedule's launch request, published to the launcher's Pub/Sub topic.
                condition: '${"data" in input and "message" in input.data}',
                assign: [{ requests: '${[{"manifest": json.decode(base64.decode(input.data.message.data)).manifest, "onChangeOnly": false, "key": input.id}]}' }],
              },
              {
                condition: '${"manifest" in input}',
                assign: [{ requests: '${[{"manifest": input.manifest, "onChangeOnly": false, "key": execution}]}' }],
              },
              {
                condition: '${"data" in input and input.data.bucket == staging}',
                steps: [{
                  changed: {
                    switch: [{
                      condition: `\${text.match_regex(input.data.name, "${MANIFEST_PATTERN.replace(/\\/g, '\\\\')}")}`,
                      assign: [{ requests: '${[{"manifest": input.data.name, "onChangeOnly": true, "key": input.id}]}' }],
                    }],
                  },
                }],
              },
              {
                condition: '${"data" in input}',
                steps: [
                  {
                    read_routes: {
                      call: 'googleapis.storage.v1.objects.get',
                      args: { bucket: '${staging}', object: `\${text.url_encode("${ROUTES_OBJECT}")}`, alt: 'media' },
                      result: 'routes',
                    },
                  },
                  {
                    match_routes: {
                      for: {
                        value: 'route',
                        in: '${routes.routes}',
                        steps: [{
                          match: {
                            switch: [{
                              condition: '${route.bucket == input.data.bucket and text.substring(input.data.name, 0, len(route.prefix)) == route.prefix}',
                              assign: [{ requests: '${list.concat(requests, {"manifest": route.manifest, "onChangeOnly": false, "key": input.id + "-" + text.split(route.manifest, "/")[1]})}' }],
                            }],
                          },
                        }],
                      },
                    },
                  },
                ],
              },
            ],
          },
        },
        {
          launch_all: {
            for: {
              value: 'request',
              in: '${requests}',
              steps: [{
                launch_one: {
                  call: 'launch',
                  args: { project: '${project}', region: '${region}', staging: '${staging}', request: '${request}' },
                  result: 'launched',
                },
              }, {
                record: { assign: [{ results: '${list.concat(results, launched)}' }] },
              }],
            },
          },
        },
        { done: { return: '${results}' } },
      ],
    },
    launch: {
      params: ['project', 'region', 'staging', 'request'],
      steps: [
        {
          read_manifest: {
            call: 'googleapis.storage.v1.objects.get',
            args: { bucket: '${staging}', object: '${text.url_encode(request.manifest)}', alt: 'media' },
            result: 'manifest',
          },
        },
        {
          only_on_change: {
            switch: [{
              condition: '${request.onChangeOnly and not manifest.launchOnChange}',
              return: '${"ignored " + request.manifest + ": the job does not launch on change"}',
            }],
          },
        },
        {
          key: {
            assign: [
              { launchKey: '${text.substring(text.replace_all_regex(text.to_lower(request.key), "[^a-z0-9_-]", "-"), 0, 63)}' },
              { body: '${manifest.body}' },
              { 'body.labels["launch_key"]': '${launchKey}' },
              { outputUri: '${manifest.outputPrefix + launchKey + "/"}' },
            ],
          },
        },
        {
          // Every run gets its own output directory under the job's, named by its launch key.
          place_output: {
            switch: [
              { condition: '${manifest.collection == "customJobs"}', assign: [{ 'body.jobSpec.baseOutputDirectory.outputUriPrefix': '${outputUri}' }] },
              { condition: '${manifest.collection == "hyperparameterTuningJobs"}', assign: [{ 'body.trialJobSpec.baseOutputDirectory.outputUriPrefix': '${outputUri}' }] },
              { condition: '${"trialJobSpec" in body.trainingTaskInputs}', assign: [{ 'body.trainingTaskInputs.trialJobSpec.baseOutputDirectory.outputUriPrefix': '${outputUri}' }] },
              { condition: true, assign: [{ 'body.trainingTaskInputs.baseOutputDirectory.outputUriPrefix': '${outputUri}' }] },
            ],
          },
        },
        {
          find_duplicate: {
            call: 'http.get',
            args: {
              url: `\${${API} + "/" + manifest.collection}`,
              query: { filter: '${"labels.launch_key=\\"" + launchKey + "\\""}' },
              auth: { type: 'OAuth2' },
            },
            result: 'existing',
          },
        },
        {
          skip_duplicate: {
            switch: [{
              condition: '${len(default(map.get(existing.body, manifest.collection), [])) > 0}',
              return: '${"duplicate " + launchKey + ": already launched"}',
            }],
          },
        },
        {
          model_version: {
            switch: [{
              condition: '${"modelId" in manifest}',
              steps: [{
                find_model: {
                  try: {
                    steps: [
                      { get_model: { call: 'http.get', args: { url: `\${${API} + "/models/" + manifest.modelId}`, auth: { type: 'OAuth2' } } } },
                      { next_version: { assign: [{ 'body.parentModel': '${"projects/" + project + "/locations/" + region + "/models/" + manifest.modelId}' }] } },
                    ],
                  },
                  except: {
                    as: 'error',
                    steps: [{
                      first_version: {
                        switch: [
                          { condition: '${map.get(error, "code") == 404}', assign: [{ 'body.modelId': '${manifest.modelId}' }] },
                          { condition: true, raise: '${error}' },
                        ],
                      },
                    }],
                  },
                },
              }],
            }],
          },
        },
        {
          create: {
            call: 'http.post',
            args: { url: `\${${API} + "/" + manifest.collection}`, body: '${body}', auth: { type: 'OAuth2' } },
            result: 'created',
          },
        },
        {
          log: {
            call: 'sys.log',
            args: { severity: 'INFO', json: { launched: '${created.body.name}', manifest: '${request.manifest}', launchKey: '${launchKey}' } },
          },
        },
        { created_name: { return: '${created.body.name}' } },
      ],
    },
  };
}
