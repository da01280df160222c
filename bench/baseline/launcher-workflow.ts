/**
 * The launcher workflow of bench/baseline/scale.ts, as a hand-written stack keeps it: the Cloud
 * Workflows definition the library renders (lib/launch/workflow-definition.ts), written out in full.
 * test/bench-scale.test.ts checks that both synthesize the same `source_contents`.
 */
export const LAUNCHER_WORKFLOW = {
  main: {
    params: ['input'],
    steps: [
      {
        init: {
          assign: [
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
              condition: '${"data" in input and "message" in input.data}',
              steps: [
                {
                  then_1: {
                    assign: [
                      {
                        requests: '${[{"manifest": json.decode(base64.decode(input.data.message.data)).manifest, "onChangeOnly": false, "key": input.id}]}',
                      },
                    ],
                  },
                },
              ],
            },
            {
              condition: '${"manifest" in input}',
              steps: [
                {
                  then_2: {
                    assign: [
                      {
                        requests: '${[{"manifest": input.manifest, "onChangeOnly": false, "key": execution}]}',
                      },
                    ],
                  },
                },
              ],
            },
            {
              condition: '${"data" in input and input.data.bucket == staging}',
              steps: [
                {
                  changed: {
                    switch: [
                      {
                        condition: '${text.match_regex(input.data.name, "^jobs/[a-z0-9-]+/[0-9a-f]+\\\\.json$")}',
                        steps: [
                          {
                            then_3: {
                              assign: [
                                {
                                  requests: '${[{"manifest": input.data.name, "onChangeOnly": true, "key": input.id}]}',
                                },
                              ],
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
              ],
            },
            {
              condition: '${"data" in input}',
              steps: [
                {
                  read_routes: {
                    call: 'googleapis.storage.v1.objects.get',
                    args: { bucket: '${staging}', object: '${text.url_encode("jobs/routes.json")}', alt: 'media' },
                    result: 'routes',
                  },
                },
                {
                  match_routes: {
                    for: {
                      value: 'route',
                      in: '${routes.routes}',
                      steps: [
                        {
                          match: {
                            switch: [
                              {
                                condition: '${route.bucket == input.data.bucket and text.substring(input.data.name, 0, len(route.prefix)) == route.prefix}',
                                steps: [
                                  {
                                    then_4: {
                                      assign: [
                                        {
                                          requests: '${list.concat(requests, {"manifest": route.manifest, "onChangeOnly": false, "key": input.id + "-" + text.split(route.manifest, "/")[1]})}',
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            ],
                          },
                        },
                      ],
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
            steps: [
              {
                launch_one: {
                  call: 'launch',
                  args: { project: '${project}', region: '${region}', staging: '${staging}', request: '${request}' },
                  result: 'launched',
                },
              },
              { record: { assign: [{ results: '${list.concat(results, launched)}' }] } },
            ],
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
          switch: [
            {
              condition: '${request.onChangeOnly and not manifest.launchOnChange}',
              steps: [
                {
                  then_5: { return: '${"ignored " + request.manifest + ": the job does not launch on change"}' },
                },
              ],
            },
          ],
        },
      },
      {
        key: {
          assign: [
            {
              launchKey: '${text.substring(text.replace_all_regex(text.to_lower(request.key), "[^a-z0-9_-]", "-"), 0, 63)}',
            },
            { body: '${manifest.body}' },
            { 'body.labels["launch_key"]': '${launchKey}' },
            { outputUri: '${manifest.outputPrefix + launchKey + "/"}' },
          ],
        },
      },
      {
        place_output: {
          switch: [
            {
              condition: '${manifest.collection == "customJobs"}',
              steps: [
                {
                  then_6: { assign: [{ 'body.jobSpec.baseOutputDirectory.outputUriPrefix': '${outputUri}' }] },
                },
              ],
            },
            {
              condition: '${manifest.collection == "hyperparameterTuningJobs"}',
              steps: [
                {
                  then_7: { assign: [{ 'body.trialJobSpec.baseOutputDirectory.outputUriPrefix': '${outputUri}' }] },
                },
              ],
            },
            {
              condition: '${"trialJobSpec" in body.trainingTaskInputs}',
              steps: [
                {
                  then_8: {
                    assign: [
                      {
                        'body.trainingTaskInputs.trialJobSpec.baseOutputDirectory.outputUriPrefix': '${outputUri}',
                      },
                    ],
                  },
                },
              ],
            },
            {
              condition: true,
              steps: [
                {
                  then_9: {
                    assign: [{ 'body.trainingTaskInputs.baseOutputDirectory.outputUriPrefix': '${outputUri}' }],
                  },
                },
              ],
            },
          ],
        },
      },
      {
        find_duplicate: {
          call: 'http.get',
          args: {
            url: '${"https://" + region + "-aiplatform.googleapis.com/v1/projects/" + project + "/locations/" + region + "/" + manifest.collection}',
            query: { filter: '${"labels.launch_key=\\"" + launchKey + "\\""}' },
            auth: { type: 'OAuth2' },
          },
          result: 'existing',
        },
      },
      {
        skip_duplicate: {
          switch: [
            {
              condition: '${len(default(map.get(existing.body, manifest.collection), [])) > 0}',
              steps: [{ then_10: { return: '${"duplicate " + launchKey + ": already launched"}' } }],
            },
          ],
        },
      },
      {
        model_version: {
          switch: [
            {
              condition: '${"modelId" in manifest}',
              steps: [
                {
                  find_model: {
                    try: {
                      steps: [
                        {
                          get_model: {
                            call: 'http.get',
                            args: {
                              url: '${"https://" + region + "-aiplatform.googleapis.com/v1/projects/" + project + "/locations/" + region + "/models/" + manifest.modelId}',
                              auth: { type: 'OAuth2' },
                            },
                          },
                        },
                        {
                          next_version: {
                            assign: [
                              {
                                'body.parentModel': '${"projects/" + project + "/locations/" + region + "/models/" + manifest.modelId}',
                              },
                            ],
                          },
                        },
                      ],
                    },
                    except: {
                      as: 'error',
                      steps: [
                        {
                          first_version: {
                            switch: [
                              {
                                condition: '${map.get(error, "code") == 404}',
                                steps: [{ then_11: { assign: [{ 'body.modelId': '${manifest.modelId}' }] } }],
                              },
                              { condition: true, steps: [{ then_12: { raise: '${error}' } }] },
                            ],
                          },
                        },
                      ],
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        create: {
          call: 'http.post',
          args: {
            url: '${"https://" + region + "-aiplatform.googleapis.com/v1/projects/" + project + "/locations/" + region + "/" + manifest.collection}',
            body: '${body}',
            auth: { type: 'OAuth2' },
          },
          result: 'created',
        },
      },
      {
        log: {
          call: 'sys.log',
          args: {
            severity: 'INFO',
            json: { launched: '${created.body.name}', manifest: '${request.manifest}', launchKey: '${launchKey}' },
          },
        },
      },
      { created_name: { return: '${created.body.name}' } },
    ],
  },
};
