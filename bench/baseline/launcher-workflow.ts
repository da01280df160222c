/**
 * The launcher workflow of bench/baseline/scale.ts, as a hand-written stack keeps it: the Cloud
 * Workflows definition the library renders (lib/launch/definition/) for an environment without
 * on-new-data routes, written out in full. test/bench-scale.test.ts checks that both synthesize the
 * same `source_contents` (serialized with JSON.stringify, no indentation, then escaped for Terraform).
 *
 * Subworkflows: `main` (read the request, launch each, watch the launched jobs), `watch_jobs`, the
 * request readers (`requests_of`, `schedule_request`, `storage_requests`, `manual_request`,
 * `data_key`), `schedule_slot`, the launch itself (`launch`, `find_launched`, `create_job`,
 * `record_job`, model versions), the GKE launch (`launch_jobset`, `create_jobset`, `jobset_name`,
 * `kube_get`), manifests, launch records and the retried Google API calls.
 */
export const LAUNCHER_WORKFLOW: { readonly [subworkflow: string]: unknown } = {
  main: {
    params: ['input'],
    steps: [
      {
        init: {
          assign: [
            { project: '${sys.get_env("GOOGLE_CLOUD_PROJECT_ID")}' },
            { region: '${sys.get_env("VERTEX_REGION")}' },
            { staging: '${sys.get_env("STAGING_BUCKET")}' },
            { execution: '${sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")}' },
            { root: '${"https://" + region + "-aiplatform.googleapis.com/v1"}' },
            { parent: '${"projects/" + project + "/locations/" + region}' },
            { routes: [] },
            { outcomes: [] },
            { launched: [] },
            { failures: 0 },
          ],
        },
      },
      {
        classify: {
          try: {
            steps: [
              {
                requests: {
                  call: 'requests_of',
                  args: {
                    event: '${default(input, {})}',
                    staging: '${staging}',
                    execution: '${execution}',
                    routes: '${routes}',
                  },
                  result: 'requests',
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                unreadable: {
                  call: 'sys.log',
                  args: {
                    severity: 'ERROR',
                    json: {
                      event: 'launch_failed',
                      reason: 'the request could not be read',
                      error: '${e}',
                      argument: '${input}',
                    },
                  },
                },
              },
              {
                unreadable_request: {
                  raise: {
                    message: 'the request could not be read (logged as launch_failed)',
                    tags: ['UnreadableRequest'],
                    error: '${e}',
                  },
                },
              },
            ],
          },
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
                  try: {
                    steps: [
                      {
                        launch: {
                          call: 'launch',
                          args: {
                            root: '${root}',
                            parent: '${parent}',
                            staging: '${staging}',
                            execution: '${execution}',
                            request: '${request}',
                          },
                          result: 'outcome',
                        },
                      },
                      { keep: { assign: [{ outcomes: '${list.concat(outcomes, outcome)}' }] } },
                      {
                        started: {
                          switch: [
                            {
                              condition: '${outcome.status == "launched"}',
                              steps: [{ to_watch: { assign: [{ launched: '${list.concat(launched, outcome)}' }] } }],
                            },
                          ],
                        },
                      },
                      {
                        not_started: {
                          switch: [
                            {
                              condition: '${outcome.status != "launched"}',
                              steps: [
                                {
                                  skipped: {
                                    call: 'sys.log',
                                    args: {
                                      severity: '${if(outcome.status == "skipped", "WARNING", "INFO")}',
                                      json: {
                                        event: '${outcome.status}',
                                        job: '${outcome.job}',
                                        launchKey: '${outcome.key}',
                                        note: '${map.get(outcome, "note")}',
                                      },
                                    },
                                  },
                                },
                              ],
                            },
                          ],
                        },
                      },
                    ],
                  },
                  except: {
                    as: 'e',
                    steps: [
                      {
                        failed: {
                          call: 'sys.log',
                          args: {
                            severity: 'ERROR',
                            json: {
                              event: 'launch_failed',
                              job: '${default(request.job, text.split(default(request.manifest, "/"), "/")[1])}',
                              manifest: '${request.manifest}',
                              launchKey: '${request.key}',
                              reason: '${request.reason}',
                              error: '${e}',
                            },
                          },
                        },
                      },
                      {
                        count: {
                          assign: [
                            { failures: '${failures + 1}' },
                            { failed: { status: 'failed', key: '${request.key}', error: '${e}' } },
                            { outcomes: '${list.concat(outcomes, failed)}' },
                          ],
                        },
                      },
                    ],
                  },
                },
              },
            ],
          },
        },
      },
      { watch_runs: { call: 'watch_jobs', args: { root: '${root}', runs: '${launched}' }, result: 'ended' } },
      {
        verdict: {
          switch: [
            {
              condition: '${failures > 0}',
              steps: [
                {
                  some_failed: {
                    raise: {
                      message: '${string(failures) + " of " + string(len(requests)) + " launches failed (logged as launch_failed)"}',
                      outcomes: '${outcomes}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      { done: { return: { outcomes: '${outcomes}', ended: '${ended}' } } },
    ],
  },
  watch_jobs: {
    params: ['root', 'runs'],
    steps: [
      { init: { assign: [{ pending: '${runs}' }, { delay: 60 }, { finished: [] }, { cost: 8 }] } },
      {
        price: {
          for: {
            value: 'run',
            in: '${runs}',
            steps: [
              { add_cost: { assign: [{ cost: '${cost + if(map.get(run, "collection") == "jobsets", 16, 9)}' }] } },
            ],
          },
        },
      },
      { set_budget: { assign: [{ rounds: '${60000 // cost}' }] } },
      { nothing_to_watch: { switch: [{ condition: '${len(pending) == 0}', steps: [{ none: { return: [] } }] }] } },
      {
        watch: {
          for: {
            value: 'round',
            range: [1, 60000],
            steps: [
              { budget: { switch: [{ condition: '${round > rounds}', next: 'break' }] } },
              { wait: { call: 'sys.sleep', args: { seconds: '${delay}' } } },
              {
                slower: {
                  switch: [
                    { condition: '${delay * 2 >= 1200}', steps: [{ longest: { assign: [{ delay: 1200 }] } }] },
                    { condition: true, steps: [{ double: { assign: [{ delay: '${delay * 2}' }] } }] },
                  ],
                },
              },
              { round_start: { assign: [{ still: [] }, { job: {} }] } },
              {
                look: {
                  for: {
                    value: 'run',
                    in: '${pending}',
                    steps: [
                      {
                        get: {
                          try: {
                            steps: [
                              {
                                get_job: {
                                  switch: [
                                    {
                                      condition: '${map.get(run, "collection") == "jobsets"}',
                                      steps: [
                                        {
                                          get_jobset: {
                                            call: 'kube_get',
                                            args: { cluster: '${run.cluster}', path: '${run.path}' },
                                            result: 'job',
                                          },
                                        },
                                        {
                                          suspended: {
                                            switch: [
                                              {
                                                condition: '${map.get(job, ["status", "terminalState"]) == null and map.get(job, ["spec", "suspend"]) == true}',
                                                steps: [
                                                  {
                                                    read_workload: {
                                                      call: 'workload_end',
                                                      args: { cluster: '${run.cluster}', jobset: '${job}' },
                                                      result: 'job',
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
                                      condition: true,
                                      steps: [
                                        {
                                          get_vertex_job: {
                                            call: 'api_get',
                                            args: { url: '${root + "/" + run.name}' },
                                            result: 'job',
                                          },
                                        },
                                      ],
                                    },
                                  ],
                                },
                              },
                            ],
                          },
                          except: {
                            as: 'e',
                            steps: [
                              { unreadable: { assign: [{ job: { state: 'UNKNOWN' } }] } },
                              {
                                why: {
                                  switch: [
                                    {
                                      condition: '${"ValueError" in default(map.get(e, "tags"), []) and map.get(run, "collection") == "jobsets"}',
                                      steps: [{ upgrading: { assign: [{ job: {} }] } }],
                                    },
                                    {
                                      condition: '${map.get(e, "code") == 404 and map.get(run, "collection") == "jobsets"}',
                                      steps: [
                                        {
                                          gone: {
                                            call: 'sys.log',
                                            args: {
                                              severity: 'WARNING',
                                              json: {
                                                event: 'run_unwatched',
                                                job: '${run.job}',
                                                name: '${run.name}',
                                                launchKey: '${run.key}',
                                                note: 'the JobSet was deleted (by a person, or its ttlSecondsAfterFinished) before the launcher saw it end',
                                              },
                                            },
                                          },
                                        },
                                      ],
                                    },
                                    {
                                      condition: true,
                                      steps: [
                                        {
                                          unwatchable: {
                                            call: 'sys.log',
                                            args: {
                                              severity: 'ERROR',
                                              json: {
                                                event: 'run_failed',
                                                job: '${run.job}',
                                                name: '${run.name}',
                                                state: 'UNKNOWN',
                                                error: '${e}',
                                                launchKey: '${run.key}',
                                                note: 'the launcher could not read the job; its outcome is not watched',
                                              },
                                            },
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
                      {
                        entry: {
                          assign: [
                            {
                              state: '${default(map.get(job, "state"), "JOBSET_" + text.to_upper(default(map.get(job, ["status", "terminalState"]), "active")))}',
                            },
                            { entry: { name: '${run.name}', state: '${state}' } },
                          ],
                        },
                      },
                      {
                        how: {
                          switch: [
                            {
                              condition: '${state in ["JOB_STATE_FAILED","JOB_STATE_CANCELLED","JOB_STATE_EXPIRED","JOB_STATE_PARTIALLY_SUCCEEDED","PIPELINE_STATE_FAILED","PIPELINE_STATE_CANCELLED","JOBSET_FAILED","WORKLOAD_DEACTIVATED"]}',
                              steps: [
                                {
                                  log_run_failed: {
                                    call: 'sys.log',
                                    args: {
                                      severity: 'ERROR',
                                      json: {
                                        event: 'run_failed',
                                        job: '${run.job}',
                                        name: '${run.name}',
                                        state: '${state}',
                                        error: '${default(map.get(job, "error"), map.get(job, ["status", "conditions"]))}',
                                        launchKey: '${run.key}',
                                      },
                                    },
                                  },
                                },
                                { failed: { assign: [{ finished: '${list.concat(finished, entry)}' }] } },
                              ],
                            },
                            {
                              condition: '${state in ["JOB_STATE_SUCCEEDED","PIPELINE_STATE_SUCCEEDED","JOBSET_COMPLETED"]}',
                              steps: [
                                {
                                  log_run_succeeded: {
                                    call: 'sys.log',
                                    args: {
                                      severity: 'INFO',
                                      json: {
                                        event: 'run_succeeded',
                                        job: '${run.job}',
                                        name: '${run.name}',
                                        state: '${state}',
                                        error: '${default(map.get(job, "error"), map.get(job, ["status", "conditions"]))}',
                                        launchKey: '${run.key}',
                                      },
                                    },
                                  },
                                },
                                { succeeded: { assign: [{ finished: '${list.concat(finished, entry)}' }] } },
                              ],
                            },
                            {
                              condition: '${state == "UNKNOWN"}',
                              steps: [{ gave_up: { assign: [{ finished: '${list.concat(finished, entry)}' }] } }],
                            },
                            {
                              condition: true,
                              steps: [{ running: { assign: [{ still: '${list.concat(still, run)}' }] } }],
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              },
              { next_round: { assign: [{ pending: '${still}' }] } },
              {
                all_ended: {
                  switch: [{ condition: '${len(pending) == 0}', steps: [{ ended: { return: '${finished}' } }] }],
                },
              },
            ],
          },
        },
      },
      {
        stop_watching: {
          for: {
            value: 'run',
            in: '${pending}',
            steps: [
              {
                unwatched: {
                  call: 'sys.log',
                  args: {
                    severity: 'WARNING',
                    json: {
                      event: 'run_unwatched',
                      job: '${run.job}',
                      name: '${run.name}',
                      launchKey: '${run.key}',
                      note: 'still running when the launcher stopped watching',
                    },
                  },
                },
              },
            ],
          },
        },
      },
      { stopped: { return: '${finished}' } },
    ],
  },
  requests_of: {
    params: ['event', 'staging', 'execution', 'routes'],
    steps: [
      {
        shape: {
          switch: [
            {
              condition: '${get_type(event) != "map"}',
              steps: [
                {
                  not_a_map: {
                    raise: '${"the launcher takes a JSON object ({\\"job\\": NAME} or {\\"manifest\\": NAME}) or an event, not a " + get_type(event)}',
                  },
                },
              ],
            },
          ],
        },
      },
      {
        fields: {
          assign: [
            { message: '${map.get(event, ["data", "message"])}' },
            { bucket: '${map.get(event, ["data", "bucket"])}' },
          ],
        },
      },
      {
        kind: {
          switch: [
            {
              condition: '${message != null}',
              steps: [
                {
                  read_message: {
                    call: 'schedule_request',
                    args: { message: '${message}', execution: '${execution}' },
                    result: 'found',
                  },
                },
                { message_requests: { return: ['${found}'] } },
              ],
            },
            {
              condition: '${bucket != null}',
              steps: [
                {
                  read_object: {
                    call: 'storage_requests',
                    args: { object: '${event.data}', staging: '${staging}', routes: '${routes}' },
                    result: 'found',
                  },
                },
                { object_requests: { return: '${found}' } },
              ],
            },
            {
              condition: '${map.get(event, "job") != null}',
              steps: [
                {
                  read_job: {
                    call: 'manual_request',
                    args: { event: '${event}', execution: '${execution}' },
                    result: 'found',
                  },
                },
                { job_requests: { return: ['${found}'] } },
              ],
            },
            {
              condition: '${map.get(event, "manifest") != null}',
              steps: [
                {
                  read_manifest: {
                    call: 'manual_request',
                    args: { event: '${event}', execution: '${execution}' },
                    result: 'found',
                  },
                },
                { manifest_requests: { return: ['${found}'] } },
              ],
            },
          ],
        },
      },
      { unknown: { raise: '${"not a launch request: " + json.encode_to_string(event)}' } },
    ],
  },
  schedule_request: {
    params: ['message', 'execution'],
    steps: [
      { decode: { assign: [{ payload: '${json.decode(base64.decode(message.data))}' }] } },
      {
        valid: {
          switch: [
            {
              condition: '${get_type(payload) != "map"}',
              steps: [
                {
                  not_a_map: {
                    raise: '${"a launch request on the topic is a JSON object, not: " + json.encode_to_string(payload)}',
                  },
                },
              ],
            },
          ],
        },
      },
      {
        has_job: {
          switch: [
            {
              condition: '${get_type(map.get(payload, "job")) != "string"}',
              steps: [
                {
                  no_job: {
                    raise: '${"a launch request on the topic names a job: " + json.encode_to_string(payload)}',
                  },
                },
              ],
            },
          ],
        },
      },
      {
        published_by_hand: {
          switch: [
            {
              condition: '${map.get(payload, "slot") == null}',
              steps: [
                {
                  by_hand: {
                    return: {
                      job: '${payload.job}',
                      manifest: '${null}',
                      onChangeOnly: false,
                      key: '${"m-" + message.messageId}',
                      reason: '${"published request " + message.messageId}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      { published: { assign: [{ published: '${time.parse(message.publishTime)}' }] } },
      {
        find_slot: {
          call: 'schedule_slot',
          args: { published: '${published}', table: '${payload.slot}', zone: '${payload.timeZone}' },
          result: 'slot',
        },
      },
      {
        keyed: {
          switch: [
            {
              condition: '${slot == null}',
              steps: [
                {
                  no_slot: {
                    call: 'sys.log',
                    args: {
                      severity: 'WARNING',
                      json: {
                        event: 'late_schedule_firing',
                        job: '${payload.job}',
                        publishTime: '${message.publishTime}',
                        note: 'no scheduled time of the cron in the hour before the publish time; keyed by the hour of publishing',
                      },
                    },
                  },
                },
                {
                  by_publish_hour: {
                    return: {
                      job: '${payload.job}',
                      manifest: '${null}',
                      onChangeOnly: false,
                      key: '${"s-" + payload.job + "-l" + text.replace_all_regex(text.substring(time.format(published), 0, 13), "[^0-9]", "")}',
                      reason: '${"schedule " + payload.cron + ", late firing published " + message.publishTime}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        by_slot: {
          return: {
            job: '${payload.job}',
            manifest: '${null}',
            onChangeOnly: false,
            key: '${"s-" + payload.job + "-" + text.replace_all_regex(text.substring(time.format(slot), 0, 16), "[^0-9]", "")}',
            reason: '${"schedule " + payload.cron + " (" + payload.timeZone + "), slot " + time.format(slot, payload.timeZone)}',
          },
        },
      },
    ],
  },
  storage_requests: {
    params: ['object', 'staging', 'routes'],
    steps: [
      {
        read: {
          assign: [
            { bucket: '${object.bucket}' },
            { name: '${object.name}' },
            { generation: '${object.generation}' },
            { created: '${map.get(object, "timeCreated")}' },
            { requests: [] },
            { windowed: [] },
          ],
        },
      },
      {
        generation_text: {
          switch: [
            {
              condition: '${get_type(generation) != "string"}',
              steps: [{ as_text: { assign: [{ generation: '${string(generation)}' }] } }],
            },
          ],
        },
      },
      {
        in_staging: {
          switch: [
            {
              condition: '${bucket == staging}',
              steps: [
                {
                  manifest: {
                    switch: [
                      {
                        condition: '${text.match_regex(name, "^jobs/[a-z0-9-]+/[0-9a-f]{64}\\\\.json$")}',
                        steps: [
                          { hash: { assign: [{ parts: '${text.split(name, "/")}' }] } },
                          {
                            changed: {
                              return: [
                                {
                                  job: '${parts[1]}',
                                  manifest: '${name}',
                                  onChangeOnly: true,
                                  key: '${"c-" + text.substring(parts[2], 0, 40)}',
                                  reason: '${"deploy of " + name}',
                                },
                              ],
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
                { not_a_manifest: { return: [] } },
              ],
            },
          ],
        },
      },
      {
        match_routes: {
          for: {
            value: 'route',
            in: '${routes}',
            steps: [
              {
                same_bucket: {
                  switch: [
                    {
                      condition: '${route.bucket == bucket}',
                      steps: [
                        {
                          matches: {
                            switch: [
                              {
                                condition: '${text.match_regex(name, route.pattern)}',
                                steps: [
                                  {
                                    coalesced: {
                                      switch: [
                                        {
                                          condition: '${map.get(route, "window") != null}',
                                          steps: [
                                            {
                                              window_of: {
                                                call: 'window_request',
                                                args: {
                                                  route: '${route}',
                                                  bucket: '${bucket}',
                                                  uri: '${"gs://" + bucket + "/" + name}',
                                                  generation: '${generation}',
                                                  created: '${created}',
                                                },
                                                result: 'found',
                                              },
                                            },
                                            { insert_at_end: { assign: [{ sorted: [] }, { placed: false }] } },
                                            {
                                              by_end: {
                                                for: {
                                                  value: 'other',
                                                  in: '${windowed}',
                                                  steps: [
                                                    {
                                                      before_other: {
                                                        switch: [
                                                          {
                                                            condition: '${not placed and found.window.end < other.window.end}',
                                                            steps: [
                                                              {
                                                                place: {
                                                                  assign: [
                                                                    { sorted: '${list.concat(sorted, found)}' },
                                                                    { placed: true },
                                                                  ],
                                                                },
                                                              },
                                                            ],
                                                          },
                                                        ],
                                                      },
                                                    },
                                                    {
                                                      keep_other: {
                                                        assign: [{ sorted: '${list.concat(sorted, other)}' }],
                                                      },
                                                    },
                                                  ],
                                                },
                                              },
                                            },
                                            {
                                              last_end: {
                                                switch: [
                                                  {
                                                    condition: '${not placed}',
                                                    steps: [
                                                      {
                                                        place_last: {
                                                          assign: [{ sorted: '${list.concat(sorted, found)}' }],
                                                        },
                                                      },
                                                    ],
                                                  },
                                                ],
                                              },
                                            },
                                            { add_windowed: { assign: [{ windowed: '${sorted}' }] } },
                                          ],
                                        },
                                        {
                                          condition: true,
                                          steps: [
                                            {
                                              key: {
                                                call: 'data_key',
                                                args: {
                                                  source: '${bucket + "/" + name + "#" + generation}',
                                                  job: '${route.job}',
                                                },
                                                result: 'key',
                                              },
                                            },
                                            {
                                              request: {
                                                assign: [
                                                  {
                                                    found: {
                                                      job: '${route.job}',
                                                      manifest: '${null}',
                                                      onChangeOnly: false,
                                                      key: '${key}',
                                                      reason: '${"new data " + "gs://" + bucket + "/" + name + "#" + generation}',
                                                      objects: ['${"gs://" + bucket + "/" + name}'],
                                                    },
                                                  },
                                                ],
                                              },
                                            },
                                            { add: { assign: [{ requests: '${list.concat(requests, found)}' }] } },
                                          ],
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
                  ],
                },
              },
            ],
          },
        },
      },
      {
        windows_last: {
          for: {
            value: 'pending',
            in: '${windowed}',
            steps: [{ add_window: { assign: [{ requests: '${list.concat(requests, pending)}' }] } }],
          },
        },
      },
      {
        unrouted: {
          switch: [
            {
              condition: '${len(requests) == 0}',
              steps: [
                {
                  no_route: {
                    call: 'sys.log',
                    args: {
                      severity: 'DEBUG',
                      json: {
                        event: 'not_routed',
                        object: '${"gs://" + bucket + "/" + name}',
                        note: 'no data route matches the object',
                      },
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      { routed: { return: '${requests}' } },
    ],
  },
  manual_request: {
    params: ['event', 'execution'],
    steps: [
      { read: { assign: [{ given: '${map.get(event, "key")}' }, { key: '${"m-" + execution}' }] } },
      {
        given_key: {
          switch: [
            {
              condition: '${given != null}',
              steps: [
                {
                  string_key: {
                    switch: [
                      {
                        condition: '${get_type(given) != "string"}',
                        steps: [{ bad_type: { raise: '${"key must be a string, not a " + get_type(given)}' } }],
                      },
                    ],
                  },
                },
                {
                  valid_key: {
                    switch: [
                      {
                        condition: '${not text.match_regex(given, "^[a-z0-9][a-z0-9_-]{0,60}$")}',
                        steps: [
                          {
                            bad_key: {
                              raise: '${"key " + given + " must be 1-61 lowercase letters, digits, _ or -, starting with a letter or digit"}',
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
                { use_given: { assign: [{ key: '${"m-" + given}' }] } },
              ],
            },
          ],
        },
      },
      {
        manual: {
          return: {
            job: '${map.get(event, "job")}',
            manifest: '${map.get(event, "manifest")}',
            onChangeOnly: false,
            key: '${key}',
            reason: '${"by hand (execution " + execution + ")"}',
          },
        },
      },
    ],
  },
  data_key: {
    params: ['source', 'job'],
    steps: [
      {
        digest: {
          assign: [{ digest: '${base64.encode(hash.compute_checksum(text.encode(source + "|" + job), "SHA256"))}' }],
        },
      },
      {
        key: {
          return: '${"d-" + text.to_lower(text.replace_all(text.replace_all(text.replace_all(digest, "+", "-"), "/", "_"), "=", ""))}',
        },
      },
    ],
  },
  window_request: {
    params: ['route', 'bucket', 'uri', 'generation', 'created'],
    steps: [
      { init: { assign: [{ at: '${sys.now()}' }] } },
      {
        event_time: {
          switch: [
            { condition: '${created != null}', steps: [{ parsed: { assign: [{ at: '${time.parse(created)}' }] } }] },
          ],
        },
      },
      {
        window: {
          assign: [
            { start: '${int(at / route.window) * route.window}' },
            {
              window: {
                bucket: '${bucket}',
                prefix: '${route.prefix}',
                pattern: '${route.pattern}',
                start: '${start}',
                end: '${start + route.window}',
              },
            },
            { span: '${time.format(start) + " to " + time.format(window.end)}' },
          ],
        },
      },
      {
        key: {
          call: 'data_key',
          args: {
            source: '${bucket + "|" + route.pattern + "|w" + string(start) + "+" + string(route.window)}',
            job: '${route.job}',
          },
          result: 'key',
        },
      },
      {
        windowed: {
          return: {
            job: '${route.job}',
            manifest: '${null}',
            onChangeOnly: false,
            key: '${key}',
            reason: '${"new data in gs://" + bucket + "/" + route.prefix + " from " + span + " (first event " + uri + "#" + generation + ")"}',
            objects: ['${uri}'],
            window: '${window}',
          },
        },
      },
    ],
  },
  schedule_slot: {
    params: ['published', 'table', 'zone'],
    steps: [
      { start: { assign: [{ candidate: '${published - published % 60}' }] } },
      {
        search: {
          for: {
            value: 'attempt',
            range: [1, 4],
            steps: [
              {
                too_far: {
                  switch: [{ condition: '${candidate < published - 3600}', steps: [{ too_late: { return: null } }] }],
                },
              },
              {
                wall_clock: {
                  assign: [
                    { local: '${time.format(candidate, zone)}' },
                    { year: '${int(text.substring(local, 0, 4))}' },
                    { month: '${int(text.substring(local, 5, 7))}' },
                    { day: '${int(text.substring(local, 8, 10))}' },
                    { hour: '${int(text.substring(local, 11, 13))}' },
                    { minute: '${int(text.substring(local, 14, 16))}' },
                    { march_based: '${(14 - month) // 12}' },
                    { y: '${year - march_based}' },
                    {
                      days: '${365 * y + y // 4 - y // 100 + y // 400 + (153 * (month + 12 * march_based - 3) + 2) // 5 + day - 719469}',
                    },
                    { weekday: '${(days + 4) % 7}' },
                    { day_of_month: '${day in table.daysOfMonth}' },
                    { day_of_week: '${weekday in table.daysOfWeek}' },
                    { day_matches: '${day_of_month or day_of_week}' },
                  ],
                },
              },
              {
                both_day_fields: {
                  switch: [
                    {
                      condition: '${table.days == "all"}',
                      steps: [{ and: { assign: [{ day_matches: '${day_of_month and day_of_week}' }] } }],
                    },
                  ],
                },
              },
              {
                match: {
                  switch: [
                    {
                      condition: '${not (month in table.months) or not day_matches or not (hour in table.hours) or table.minuteAtOrBefore[minute] < 0}',
                      steps: [{ before_the_hour: { assign: [{ candidate: '${candidate - minute * 60 - 60}' }] } }],
                    },
                    {
                      condition: '${table.minuteAtOrBefore[minute] != minute}',
                      steps: [
                        {
                          latest_minute: {
                            assign: [{ candidate: '${candidate - (minute - table.minuteAtOrBefore[minute]) * 60}' }],
                          },
                        },
                      ],
                    },
                    { condition: true, steps: [{ found: { return: '${candidate}' } }] },
                  ],
                },
              },
            ],
          },
        },
      },
      { not_found: { return: null } },
    ],
  },
  launch: {
    params: ['root', 'parent', 'staging', 'execution', 'request'],
    steps: [
      { init: { assign: [{ manifest_name: '${request.manifest}' }, { job_id: '${request.job}' }] } },
      {
        which_manifest: {
          switch: [
            {
              condition: '${manifest_name == null}',
              steps: [
                {
                  current: {
                    call: 'current_manifest',
                    args: { staging: '${staging}', job: '${job_id}' },
                    result: 'manifest_name',
                  },
                },
                {
                  deployed: {
                    switch: [
                      {
                        condition: '${manifest_name == null}',
                        steps: [
                          {
                            no_manifest: {
                              raise: '${"job " + job_id + " has no manifest under gs://" + staging + "/jobs/" + job_id + "/ (is the stack deployed?)"}',
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
      { job_of_manifest: { assign: [{ parts: '${text.split(manifest_name, "/")}' }, { job_id: '${parts[1]}' }] } },
      {
        read: { call: 'read_manifest', args: { staging: '${staging}', name: '${manifest_name}' }, result: 'manifest' },
      },
      {
        readable: {
          switch: [
            {
              condition: '${manifest == null}',
              steps: [
                {
                  superseded: {
                    switch: [
                      {
                        condition: '${request.onChangeOnly}',
                        steps: [
                          {
                            ignore_superseded: {
                              return: {
                                status: 'ignored',
                                job: '${job_id}',
                                manifest: '${manifest_name}',
                                key: '${request.key}',
                                reason: '${request.reason}',
                                note: 'superseded: a later deploy replaced this manifest',
                              },
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
                { missing: { raise: '${"manifest gs://" + staging + "/" + manifest_name + " does not exist"}' } },
              ],
            },
          ],
        },
      },
      {
        on_change: {
          switch: [
            {
              condition: '${request.onChangeOnly and map.get(manifest, "launchOnChange") != true}',
              steps: [
                {
                  not_on_change: {
                    return: {
                      status: 'ignored',
                      job: '${job_id}',
                      manifest: '${manifest_name}',
                      key: '${request.key}',
                      reason: '${request.reason}',
                      note: 'the job does not launch on change',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        paused: {
          switch: [
            {
              condition: '${map.get(manifest, "paused") == true and not text.match_regex(request.key, "^m-")}',
              steps: [
                {
                  ignore_paused: {
                    return: {
                      status: 'ignored',
                      job: '${job_id}',
                      manifest: '${manifest_name}',
                      key: '${request.key}',
                      reason: '${request.reason}',
                      note: 'the job is paused',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      { backend: { assign: [{ backend: '${default(map.get(manifest, "backend"), "vertex")}' }] } },
      {
        known_backend: {
          switch: [
            {
              condition: '${backend == "gke" and not text.match_regex(request.key, "^[a-z0-9]([a-z0-9_.-]{0,61}[a-z0-9])?$")}',
              steps: [
                {
                  key_not_a_label: {
                    raise: {
                      code: 0,
                      tags: ['LaunchKeyNotALabel'],
                      message: '${"launch key " + request.key + " cannot label a JobSet (Kubernetes label values are at most 63 characters and begin and end with a letter or digit); use another key to launch " + job_id}',
                    },
                  },
                },
              ],
            },
            {
              condition: '${backend != "gke" and backend != "vertex"}',
              steps: [
                {
                  unknown_backend: {
                    raise: {
                      code: 0,
                      tags: ['UnknownBackend'],
                      message: '${"manifest " + manifest_name + " names backend " + json.encode_to_string(backend) + "; this launcher knows \\"vertex\\" (or none) and \\"gke\\""}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        take_key: {
          call: 'acquire_record',
          args: {
            staging: '${staging}',
            key: '${request.key}',
            execution: '${execution}',
            manifest: '${manifest_name}',
          },
          result: 'held',
        },
      },
      {
        same_job: {
          switch: [
            {
              condition: '${text.split(held.record.manifest, "/")[1] != job_id}',
              steps: [
                {
                  key_of_another_job: {
                    raise: {
                      code: 0,
                      tags: ['LaunchKeyConflict'],
                      message: '${"launch key " + request.key + " already belongs to job " + text.split(held.record.manifest, "/")[1] + " (" + held.note + "); use another key to launch " + job_id}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        holder: {
          switch: [
            {
              condition: '${not held.owner}',
              steps: [
                {
                  held_elsewhere: {
                    return: {
                      status: 'duplicate',
                      job: '${job_id}',
                      manifest: '${manifest_name}',
                      key: '${request.key}',
                      reason: '${request.reason}',
                      note: '${held.note}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        batch: {
          switch: [
            {
              condition: '${map.get(request, "window") != null}',
              steps: [
                {
                  collect: {
                    call: 'collect_batch',
                    args: {
                      staging: '${staging}',
                      held: '${held}',
                      window: '${request.window}',
                      own: '${default(map.get(request, "objects"), [])}',
                    },
                    result: 'batch',
                  },
                },
                {
                  collected: {
                    assign: [{ 'request.objects': '${batch.objects}' }, { held: '${batch.held}' }, { batch: null }],
                  },
                },
              ],
            },
          ],
        },
      },
      {
        on_gke: {
          switch: [
            {
              condition: '${backend == "gke"}',
              steps: [
                {
                  launch_on_gke: {
                    call: 'launch_jobset',
                    args: {
                      staging: '${staging}',
                      held: '${held}',
                      manifest: '${manifest}',
                      request: '${request}',
                      job_id: '${job_id}',
                      manifest_name: '${manifest_name}',
                    },
                    result: 'jobset',
                  },
                },
                { jobset_outcome: { return: '${jobset}' } },
              ],
            },
          ],
        },
      },
      {
        look_for_key: {
          call: 'find_launched',
          args: { root: '${root}', parent: '${parent}', collection: '${manifest.collection}', key: '${request.key}' },
          result: 'existing',
        },
      },
      {
        already_launched: {
          switch: [
            {
              condition: '${existing != null}',
              steps: [
                {
                  record_existing: {
                    call: 'record_job',
                    args: { staging: '${staging}', held: '${held}', name: '${existing}' },
                  },
                },
                {
                  found_by_label: {
                    return: {
                      status: 'duplicate',
                      job: '${job_id}',
                      manifest: '${manifest_name}',
                      key: '${request.key}',
                      reason: '${request.reason}',
                      name: '${existing}',
                      note: 'a job with this launch key exists',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        body: {
          assign: [
            { body: '${manifest.body}' },
            { 'body.labels["launch_key"]': '${request.key}' },
            { output: '${manifest.outputPrefix + request.key + "/"}' },
          ],
        },
      },
      {
        place_output: {
          switch: [
            {
              condition: '${manifest.collection == "customJobs"}',
              steps: [{ custom: { assign: [{ 'body.jobSpec.baseOutputDirectory.outputUriPrefix': '${output}' }] } }],
            },
            {
              condition: '${manifest.collection == "hyperparameterTuningJobs"}',
              steps: [
                { tuning: { assign: [{ 'body.trialJobSpec.baseOutputDirectory.outputUriPrefix': '${output}' }] } },
              ],
            },
            {
              condition: '${map.get(body, ["trainingTaskInputs", "trialJobSpec"]) != null}',
              steps: [
                {
                  tuned_pipeline: {
                    assign: [
                      { 'body.trainingTaskInputs.trialJobSpec.baseOutputDirectory.outputUriPrefix': '${output}' },
                    ],
                  },
                },
              ],
            },
            {
              condition: true,
              steps: [
                {
                  pipeline: {
                    assign: [{ 'body.trainingTaskInputs.baseOutputDirectory.outputUriPrefix': '${output}' }],
                  },
                },
              ],
            },
          ],
        },
      },
      { no_claim: { assign: [{ version: { claim: null } }] } },
      {
        model_version: {
          switch: [
            {
              condition: '${map.get(manifest, "modelId") != null}',
              steps: [
                {
                  pick_version: {
                    call: 'model_version',
                    args: {
                      root: '${root}',
                      parent: '${parent}',
                      staging: '${staging}',
                      execution: '${execution}',
                      model_id: '${manifest.modelId}',
                      held: '${held}',
                    },
                    result: 'version',
                  },
                },
                { refreshed_record: { assign: [{ held: '${version.held}' }] } },
                {
                  version_kind: {
                    switch: [
                      {
                        condition: '${version.parentModel != null}',
                        steps: [{ next: { assign: [{ 'body.parentModel': '${version.parentModel}' }] } }],
                      },
                      { condition: true, steps: [{ first: { assign: [{ 'body.modelId': '${version.modelId}' }] } }] },
                    ],
                  },
                },
              ],
            },
            {
              condition: '${map.get(body, "parentModel") != null}',
              steps: [
                {
                  check_existing_model: {
                    call: 'existing_model',
                    args: { root: '${root}', model: '${body.parentModel}', job: '${job_id}' },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        trigger_env: {
          switch: [
            {
              condition: '${map.get(request, "objects") != null}',
              steps: [
                {
                  add_trigger_env: {
                    call: 'add_trigger_env',
                    args: { body: '${body}', collection: '${manifest.collection}', objects: '${request.objects}' },
                    result: 'body',
                  },
                },
              ],
            },
          ],
        },
      },
      { ungated: { assign: [{ admitted: { gate: null, skip: null } }] } },
      {
        limited: {
          switch: [
            {
              condition: '${map.get(manifest, "maxConcurrentRuns") != null}',
              steps: [
                {
                  admit_or_unclaim: {
                    try: {
                      steps: [
                        {
                          admit: {
                            call: 'admit_run',
                            args: {
                              staging: '${staging}',
                              job_id: '${job_id}',
                              manifest: '${manifest}',
                              held: '${held}',
                              root: '${root}',
                              parent: '${parent}',
                            },
                            result: 'admitted',
                          },
                        },
                      ],
                    },
                    except: {
                      as: 'e',
                      steps: [
                        {
                          unclaim_after_error: {
                            call: 'release_gate',
                            args: { staging: '${staging}', gate: '${version.claim}' },
                          },
                        },
                        { rethrow_admit: { raise: '${e}' } },
                      ],
                    },
                  },
                },
                {
                  no_room: {
                    switch: [
                      {
                        condition: '${admitted.skip != null}',
                        steps: [
                          {
                            unclaim: {
                              call: 'release_gate',
                              args: { staging: '${staging}', gate: '${version.claim}' },
                            },
                          },
                          {
                            skipped: {
                              return: {
                                status: 'skipped',
                                job: '${job_id}',
                                manifest: '${manifest_name}',
                                key: '${request.key}',
                                reason: '${request.reason}',
                                note: '${admitted.skip}',
                              },
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
      {
        gated: {
          try: {
            steps: [
              {
                create: {
                  call: 'create_job',
                  args: {
                    root: '${root}',
                    parent: '${parent}',
                    collection: '${manifest.collection}',
                    body: '${body}',
                    key: '${request.key}',
                    acquired: '${held.record.acquired}',
                    gate: '${admitted.gate}',
                  },
                  result: 'name',
                },
              },
              { record: { call: 'record_job', args: { staging: '${staging}', held: '${held}', name: '${name}' } } },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                release_after_error: {
                  call: 'release_gate',
                  args: { staging: '${staging}', gate: '${admitted.gate}' },
                },
              },
              { rethrow: { raise: '${e}' } },
            ],
          },
        },
      },
      { release: { call: 'release_gate', args: { staging: '${staging}', gate: '${admitted.gate}' } } },
      {
        first_version: {
          switch: [
            {
              condition: '${version.claim != null}',
              steps: [
                {
                  name_pipeline: {
                    try: {
                      steps: [
                        {
                          write_claim: {
                            call: 'record_first_version',
                            args: { staging: '${staging}', claim: '${version.claim}', pipeline: '${name}' },
                          },
                        },
                      ],
                    },
                    except: {
                      as: 'e',
                      steps: [
                        {
                          claim_not_recorded: {
                            call: 'sys.log',
                            args: {
                              severity: 'WARNING',
                              json: {
                                event: 'model_claim_not_recorded',
                                model: '${manifest.modelId}',
                                pipeline: '${name}',
                                error: '${e}',
                              },
                            },
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
        launched: {
          call: 'sys.log',
          args: {
            severity: 'INFO',
            json: {
              event: 'launched',
              job: '${job_id}',
              name: '${name}',
              manifest: '${manifest_name}',
              launchKey: '${request.key}',
              reason: '${request.reason}',
            },
          },
        },
      },
      {
        done: {
          return: {
            status: 'launched',
            job: '${job_id}',
            manifest: '${manifest_name}',
            key: '${request.key}',
            reason: '${request.reason}',
            name: '${name}',
            collection: '${manifest.collection}',
            note: '${held.note}',
          },
        },
      },
    ],
  },
  find_launched: {
    params: ['root', 'parent', 'collection', 'key'],
    steps: [
      {
        list: {
          call: 'api_get',
          args: {
            url: '${root + "/" + parent + "/" + collection}',
            query: { filter: '${"labels.launch_key=\\"" + key + "\\""}', pageSize: 1 },
          },
          result: 'listing',
        },
      },
      { read: { assign: [{ jobs: '${default(map.get(listing, collection), [])}' }] } },
      { found: { switch: [{ condition: '${len(jobs) > 0}', steps: [{ existing: { return: '${jobs[0].name}' } }] }] } },
      { none: { return: null } },
    ],
  },
  create_job: {
    params: ['root', 'parent', 'collection', 'body', 'key', 'acquired', { gate: null }],
    steps: [
      { init: { assign: [{ name: null }] } },
      {
        attempt: {
          try: {
            steps: [
              {
                look_again: {
                  call: 'find_launched',
                  args: { root: '${root}', parent: '${parent}', collection: '${collection}', key: '${key}' },
                  result: 'existing',
                },
              },
              {
                create_unless_found: {
                  switch: [
                    { condition: '${existing != null}', steps: [{ found: { assign: [{ name: '${existing}' }] } }] },
                    {
                      condition: '${sys.now() - acquired > 1500}',
                      steps: [
                        {
                          lease_over: {
                            raise: {
                              code: 0,
                              tags: ['LeaseExpired'],
                              message: '${"the lease on launch key " + key + " ran out before the job could be created; another execution may now take it"}',
                            },
                          },
                        },
                      ],
                    },
                    {
                      condition: '${sys.now() - default(map.get(gate, "acquired"), sys.now()) > 480}',
                      steps: [
                        {
                          gate_over: {
                            raise: {
                              code: 0,
                              tags: ['LeaseExpired'],
                              message: '${"the concurrency gate " + gate.name + " ran out before launch " + key + " could be created; another launch of the job may now count its runs"}',
                            },
                          },
                        },
                      ],
                    },
                    {
                      condition: true,
                      steps: [
                        {
                          post: {
                            call: 'http.post',
                            args: {
                              url: '${root + "/" + parent + "/" + collection}',
                              body: '${body}',
                              auth: { type: 'OAuth2' },
                              timeout: 60,
                            },
                            result: 'created',
                          },
                        },
                        { created_name: { assign: [{ name: '${created.body.name}' }] } },
                      ],
                    },
                  ],
                },
              },
            ],
          },
          retry: {
            predicate: '${transient_error}',
            max_retries: 8,
            backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
          },
        },
      },
      { done: { return: '${name}' } },
    ],
  },
  record_job: {
    params: ['staging', 'held', 'name'],
    steps: [
      { record: { assign: [{ record: '${held.record}' }, { 'record.job': '${name}' }] } },
      {
        write: {
          try: {
            steps: [
              {
                rewrite: {
                  call: 'write_record',
                  args: {
                    staging: '${staging}',
                    name: '${held.name}',
                    record: '${record}',
                    generation: '${held.generation}',
                  },
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                not_recorded: {
                  call: 'sys.log',
                  args: {
                    severity: 'WARNING',
                    json: { event: 'launch_not_recorded', record: '${held.name}', job: '${name}', error: '${e}' },
                  },
                },
              },
            ],
          },
        },
      },
      { done: { return: '${name}' } },
    ],
  },
  launch_jobset: {
    params: ['staging', 'held', 'manifest', 'request', 'job_id', 'manifest_name'],
    steps: [
      {
        cluster_given: {
          switch: [
            {
              condition: '${get_type(map.get(manifest, ["cluster", "project"])) != "string" or get_type(map.get(manifest, ["cluster", "location"])) != "string" or get_type(map.get(manifest, ["cluster", "name"])) != "string" or get_type(map.get(manifest, ["cluster", "namespace"])) != "string"}',
              steps: [
                {
                  no_cluster: {
                    raise: {
                      code: 0,
                      tags: ['InvalidManifest'],
                      message: '${"manifest " + manifest_name + " launches on GKE but names no cluster {project, location, name, namespace}"}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      { name_it: { call: 'jobset_name', args: { key: '${request.key}' }, result: 'name' } },
      {
        place: {
          assign: [
            { cluster: '${manifest.cluster}' },
            { jobsets: '${"/apis/jobset.x-k8s.io/v1alpha2/namespaces/" + cluster.namespace + "/jobsets"}' },
            { path: '${jobsets + "/" + name}' },
            { output: '${manifest.outputPrefix + name + "/"}' },
            { patch: { metadata: { name: '${name}', labels: { 'vertex-training/launch-key': '${request.key}' } } } },
            { body: '${map.merge_nested(manifest.body, patch)}' },
          ],
        },
      },
      {
        trigger_env: {
          switch: [
            {
              condition: '${map.get(request, "objects") != null}',
              steps: [
                {
                  add_trigger_env: {
                    call: 'add_trigger_env',
                    args: { body: '${body}', collection: 'jobsets', objects: '${request.objects}' },
                    result: 'body',
                  },
                },
              ],
            },
          ],
        },
      },
      { ungated: { assign: [{ admitted: { gate: null, skip: null } }] } },
      {
        limited: {
          switch: [
            {
              condition: '${map.get(manifest, "maxConcurrentRuns") != null}',
              steps: [
                {
                  admit: {
                    call: 'admit_run',
                    args: {
                      staging: '${staging}',
                      job_id: '${job_id}',
                      manifest: '${manifest}',
                      held: '${held}',
                      cluster: '${cluster}',
                      jobsets: '${jobsets}',
                      name: '${name}',
                    },
                    result: 'admitted',
                  },
                },
                {
                  no_room: {
                    switch: [
                      {
                        condition: '${admitted.skip != null}',
                        steps: [
                          {
                            skipped: {
                              return: {
                                status: 'skipped',
                                job: '${job_id}',
                                manifest: '${manifest_name}',
                                key: '${request.key}',
                                reason: '${request.reason}',
                                note: '${admitted.skip}',
                              },
                            },
                          },
                        ],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
      {
        gated: {
          try: {
            steps: [
              {
                create: {
                  call: 'create_jobset',
                  args: {
                    cluster: '${cluster}',
                    jobsets: '${jobsets}',
                    name: '${name}',
                    body: '${body}',
                    key: '${request.key}',
                    acquired: '${held.record.acquired}',
                    gate: '${admitted.gate}',
                  },
                  result: 'how',
                },
              },
              {
                ours: {
                  switch: [
                    {
                      condition: '${how != "created"}',
                      steps: [
                        {
                          read_existing: {
                            call: 'kube_get',
                            args: { cluster: '${cluster}', path: '${path}' },
                            result: 'existing',
                          },
                        },
                        {
                          existing_key: {
                            assign: [
                              { label: '${map.get(existing, ["metadata", "labels", "vertex-training/launch-key"])}' },
                            ],
                          },
                        },
                        {
                          foreign: {
                            switch: [
                              {
                                condition: '${label != request.key}',
                                steps: [
                                  {
                                    collision: {
                                      assign: [
                                        { found: '${"\\"" + default(label, "") + "\\""}' },
                                        { where: '${cluster.namespace + "/" + name}' },
                                      ],
                                    },
                                  },
                                  {
                                    name_taken: {
                                      raise: {
                                        code: 0,
                                        tags: ['JobSetNameCollision'],
                                        message: '${"JobSet " + where + " exists but is not launch " + request.key + "\'s (its vertex-training/launch-key label is " + found + "): the launcher names JobSets vt-<SHA-256 of the launch key>; delete or rename that object"}',
                                      },
                                    },
                                  },
                                ],
                              },
                            ],
                          },
                        },
                      ],
                    },
                  ],
                },
              },
              { record_output: { assign: [{ 'held.record.output': '${output}' }, { 'held.record.job': '${name}' }] } },
              {
                record: {
                  try: {
                    steps: [
                      {
                        rewrite: {
                          call: 'write_record',
                          args: {
                            staging: '${staging}',
                            name: '${held.name}',
                            record: '${held.record}',
                            generation: '${held.generation}',
                          },
                        },
                      },
                    ],
                  },
                  except: {
                    as: 'e',
                    steps: [
                      {
                        not_recorded: {
                          call: 'sys.log',
                          args: {
                            severity: 'WARNING',
                            json: {
                              event: 'launch_not_recorded',
                              record: '${held.name}',
                              job: '${name}',
                              error: '${e}',
                            },
                          },
                        },
                      },
                    ],
                  },
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                release_after_error: {
                  call: 'release_gate',
                  args: { staging: '${staging}', gate: '${admitted.gate}' },
                },
              },
              { rethrow_gated: { raise: '${e}' } },
            ],
          },
        },
      },
      { release: { call: 'release_gate', args: { staging: '${staging}', gate: '${admitted.gate}' } } },
      {
        existed: {
          switch: [
            {
              condition: '${how == "existed"}',
              steps: [
                {
                  found_by_name: {
                    return: {
                      status: 'duplicate',
                      job: '${job_id}',
                      manifest: '${manifest_name}',
                      key: '${request.key}',
                      reason: '${request.reason}',
                      name: '${name}',
                      collection: 'jobsets',
                      note: '${"a JobSet with this launch key exists"}',
                      output: '${output}',
                      cluster: '${cluster}',
                      path: '${path}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        launched: {
          call: 'sys.log',
          args: {
            severity: 'INFO',
            json: {
              event: 'launched',
              job: '${job_id}',
              name: '${name}',
              manifest: '${manifest_name}',
              launchKey: '${request.key}',
              reason: '${request.reason}',
              output: '${output}',
            },
          },
        },
      },
      {
        done: {
          return: {
            status: 'launched',
            job: '${job_id}',
            manifest: '${manifest_name}',
            key: '${request.key}',
            reason: '${request.reason}',
            name: '${name}',
            collection: 'jobsets',
            note: '${held.note}',
            output: '${output}',
            cluster: '${cluster}',
            path: '${path}',
          },
        },
      },
    ],
  },
  create_jobset: {
    params: ['cluster', 'jobsets', 'name', 'body', 'key', 'acquired', { gate: null }],
    steps: [
      { init: { assign: [{ how: null }, { attempts: 0 }] } },
      {
        create: {
          try: {
            steps: [
              {
                attempt: {
                  try: {
                    steps: [
                      { count: { assign: [{ attempts: '${attempts + 1}' }] } },
                      {
                        lease: {
                          switch: [
                            {
                              condition: '${sys.now() - acquired > 1500}',
                              steps: [
                                {
                                  lease_over: {
                                    raise: {
                                      code: 0,
                                      tags: ['LeaseExpired'],
                                      message: '${"the lease on launch key " + key + " ran out before JobSet " + name + " could be created; another execution may now take it"}',
                                    },
                                  },
                                },
                              ],
                            },
                            {
                              condition: '${sys.now() - default(map.get(gate, "acquired"), sys.now()) > 480}',
                              steps: [
                                {
                                  gate_over: {
                                    raise: {
                                      code: 0,
                                      tags: ['LeaseExpired'],
                                      message: '${"the concurrency gate " + gate.name + " ran out before JobSet " + name + " could be created; another launch of the job may now count its runs"}',
                                    },
                                  },
                                },
                              ],
                            },
                          ],
                        },
                      },
                      {
                        post_once: {
                          try: {
                            steps: [
                              {
                                send: {
                                  call: 'gke.request',
                                  args: {
                                    cluster_id: '${cluster.name}',
                                    project: '${cluster.project}',
                                    location: '${cluster.location}',
                                    method: 'POST',
                                    path: '${jobsets}',
                                    body: '${body}',
                                    timeout: 60,
                                  },
                                  result: 'created',
                                },
                              },
                              { made: { assign: [{ how: 'created' }] } },
                            ],
                          },
                          except: {
                            as: 'e',
                            steps: [
                              {
                                already_exists: {
                                  switch: [
                                    {
                                      condition: '${map.get(e, "code") == 409 and attempts == 1}',
                                      steps: [{ before: { assign: [{ how: 'existed' }] } }],
                                    },
                                    {
                                      condition: '${map.get(e, "code") == 409}',
                                      steps: [{ after_retry: { assign: [{ how: 'created_or_existed' }] } }],
                                    },
                                    { condition: true, steps: [{ rethrow: { raise: '${e}' } }] },
                                  ],
                                },
                              },
                            ],
                          },
                        },
                      },
                    ],
                  },
                  retry: {
                    predicate: '${cluster_transient_error}',
                    max_retries: 8,
                    backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
                  },
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                lease_error: {
                  switch: [
                    {
                      condition: '${"LeaseExpired" in default(map.get(e, "tags"), [])}',
                      steps: [{ rethrow_lease: { raise: '${e}' } }],
                    },
                  ],
                },
              },
              {
                describe: {
                  assign: [
                    { code: '${default(map.get(e, "code"), 0)}' },
                    {
                      detail: '${default(map.get(e, ["body", "message"]), default(map.get(e, "message"), json.encode_to_string(e)))}',
                    },
                    { hint: '' },
                    { status: '${if(code == 0, "", "HTTP " + string(code) + ": ")}' },
                    {
                      where: '${jobsets + " in cluster " + cluster.name + " (" + cluster.location + ", project " + cluster.project + ")"}',
                    },
                  ],
                },
              },
              {
                denied: {
                  switch: [
                    {
                      condition: '${code == 401 or code == 403}',
                      steps: [
                        {
                          rbac: {
                            assign: [
                              {
                                hint: ' (the launcher needs container.clusters.get/connect on the cluster and an RBAC Role bound to it that allows create and get on jobsets in the namespace)',
                              },
                            ],
                          },
                        },
                      ],
                    },
                    {
                      condition: '${"ValueError" in default(map.get(e, "tags"), [])}',
                      steps: [
                        {
                          not_running: {
                            assign: [
                              {
                                hint: ' (the cluster was not RUNNING through every attempt, e.g. RECONCILING during an upgrade: the Kubernetes API connector refuses calls until it is; launch again once it is RUNNING)',
                              },
                            ],
                          },
                        },
                      ],
                    },
                  ],
                },
              },
              {
                not_created: {
                  raise: {
                    code: 0,
                    tags: ['JobSetNotCreated'],
                    status: '${code}',
                    message: '${"could not create JobSet " + name + " at " + where + " (" + string(attempts) + " attempts): " + status + detail + hint}',
                    error: '${e}',
                  },
                },
              },
            ],
          },
        },
      },
      { done: { return: '${how}' } },
    ],
  },
  jobset_name: {
    params: ['key'],
    steps: [
      {
        digest: {
          assign: [
            { digest: '${base64.encode(hash.compute_checksum(text.encode(key, "UTF-8"), "SHA256"))}' },
            {
              sextets: {
                '0': 52,
                '1': 53,
                '2': 54,
                '3': 55,
                '4': 56,
                '5': 57,
                '6': 58,
                '7': 59,
                '8': 60,
                '9': 61,
                A: 0,
                B: 1,
                C: 2,
                D: 3,
                E: 4,
                F: 5,
                G: 6,
                H: 7,
                I: 8,
                J: 9,
                K: 10,
                L: 11,
                M: 12,
                N: 13,
                O: 14,
                P: 15,
                Q: 16,
                R: 17,
                S: 18,
                T: 19,
                U: 20,
                V: 21,
                W: 22,
                X: 23,
                Y: 24,
                Z: 25,
                a: 26,
                b: 27,
                c: 28,
                d: 29,
                e: 30,
                f: 31,
                g: 32,
                h: 33,
                i: 34,
                j: 35,
                k: 36,
                l: 37,
                m: 38,
                n: 39,
                o: 40,
                p: 41,
                q: 42,
                r: 43,
                s: 44,
                t: 45,
                u: 46,
                v: 47,
                w: 48,
                x: 49,
                y: 50,
                z: 51,
                '+': 62,
                '/': 63,
              },
            },
            { hex_digits: '0123456789abcdef' },
            { hex: '' },
          ],
        },
      },
      {
        pairs: {
          for: {
            value: 'pair',
            range: [0, 6],
            steps: [
              {
                pair_value: {
                  assign: [
                    {
                      bits: '${64 * sextets[text.substring(digest, 2 * pair, 2 * pair + 1)] + sextets[text.substring(digest, 2 * pair + 1, 2 * pair + 2)]}',
                    },
                    {
                      hex: '${hex + text.substring(hex_digits, bits // 256, bits // 256 + 1) + text.substring(hex_digits, bits // 16 % 16, bits // 16 % 16 + 1) + text.substring(hex_digits, bits % 16, bits % 16 + 1)}',
                    },
                  ],
                },
              },
            ],
          },
        },
      },
      { named: { return: '${"vt-" + text.substring(hex, 0, 20)}' } },
    ],
  },
  admit_run: {
    params: [
      'staging',
      'job_id',
      'manifest',
      'held',
      { root: null },
      { parent: null },
      { cluster: null },
      { jobsets: null },
      { name: null },
    ],
    steps: [
      {
        read: {
          assign: [
            { limit: '${manifest.maxConcurrentRuns}' },
            { label: '${map.get(manifest, "jobLabel")}' },
            { key: '${held.record.key}' },
            { gate: null },
            { full: false },
            { match: '0' },
            { start: '${sys.now()}' },
            { holding: null },
            { active: null },
          ],
        },
      },
      {
        valid: {
          switch: [
            {
              condition: '${if(get_type(limit) == "integer", limit, 0) < 1 or get_type(map.get(label, "key")) != "string" or get_type(map.get(label, "value")) != "string"}',
              steps: [
                {
                  invalid: {
                    raise: {
                      code: 0,
                      tags: ['InvalidManifest'],
                      message: '${"manifest " + held.record.manifest + " has maxConcurrentRuns " + json.encode_to_string(limit) + " and jobLabel " + json.encode_to_string(label) + ": the launcher needs a whole number, at least 1, and {key, value} strings"}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        attempts: {
          for: {
            value: 'attempt',
            range: [1, 132],
            steps: [
              {
                count: {
                  try: {
                    steps: [
                      {
                        backend: {
                          switch: [
                            {
                              condition: '${jobsets != null}',
                              steps: [
                                {
                                  count_jobsets: {
                                    call: 'active_jobsets',
                                    args: {
                                      cluster: '${cluster}',
                                      jobsets: '${jobsets}',
                                      label: '${label}',
                                      name: '${name}',
                                    },
                                    result: 'active',
                                  },
                                },
                              ],
                            },
                            {
                              condition: true,
                              steps: [
                                {
                                  count_jobs: {
                                    call: 'active_vertex_runs',
                                    args: {
                                      root: '${root}',
                                      parent: '${parent}',
                                      collection: '${manifest.collection}',
                                      label: '${label}',
                                      key: '${key}',
                                    },
                                    result: 'active',
                                  },
                                },
                              ],
                            },
                          ],
                        },
                      },
                    ],
                  },
                  except: {
                    as: 'e',
                    steps: [
                      {
                        release_after_error: { call: 'release_gate', args: { staging: '${staging}', gate: '${gate}' } },
                      },
                      { rethrow: { raise: '${e}' } },
                    ],
                  },
                },
              },
              { room_left: { assign: [{ full: '${not active.own and active.count >= limit}' }] } },
              { no_room: { switch: [{ condition: '${full}', next: 'break' }] } },
              {
                room: {
                  switch: [
                    {
                      condition: '${gate != null}',
                      steps: [{ admitted: { return: { gate: '${gate}', skip: null } } }],
                    },
                  ],
                },
              },
              {
                take: {
                  call: 'try_gate',
                  args: {
                    staging: '${staging}',
                    job: '${job_id}',
                    execution: '${held.record.execution}',
                    key: '${key}',
                    match: '${match}',
                  },
                  result: 'tried',
                },
              },
              {
                tried: { assign: [{ gate: '${tried.gate}' }, { match: '${tried.match}' }, { wait: '${tried.wait}' }] },
              },
              {
                out_of_time: {
                  switch: [{ condition: '${gate == null and sys.now() + wait - start > 660}', next: 'break' }],
                },
              },
              {
                pause: {
                  switch: [
                    {
                      condition: '${wait > 0}',
                      steps: [{ sleep: { call: 'sys.sleep', args: { seconds: '${wait}' } } }],
                    },
                  ],
                },
              },
            ],
          },
        },
      },
      {
        busy: {
          switch: [
            {
              condition: '${not full}',
              steps: [
                {
                  who: {
                    try: {
                      steps: [
                        {
                          read_holder: {
                            call: 'read_json',
                            args: { bucket: '${staging}', name: '${"launches/gates/" + job_id + ".json"}' },
                            result: 'holding',
                          },
                        },
                      ],
                    },
                    except: { as: 'e', steps: [{ unknown: { assign: [{ holding: null }] } }] },
                  },
                },
                {
                  gate_busy: {
                    raise: {
                      code: 0,
                      tags: ['ConcurrencyGateBusy'],
                      message: '${"other launches of job " + job_id + " held its concurrency gate gs://" + staging + "/launches/gates/" + job_id + ".json for 660 s (last execution " + default(map.get(holding, "execution"), "unknown") + "): launch " + key + " again later"}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        describe: {
          assign: [
            { more: '${if(active.count > 3, " and " + string(active.count - 3) + " more", "")}' },
            {
              note: '${"job " + job_id + " has " + string(active.count) + " active run(s), at most " + string(limit) + " at once: " + active.names + more}',
            },
            { record: '${held.record}' },
            { 'record.skipped': '${note}' },
          ],
        },
      },
      {
        spend_key: {
          try: {
            steps: [
              {
                rewrite: {
                  call: 'write_record',
                  args: {
                    staging: '${staging}',
                    name: '${held.name}',
                    record: '${record}',
                    generation: '${held.generation}',
                  },
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                not_recorded: {
                  call: 'sys.log',
                  args: {
                    severity: 'WARNING',
                    json: { event: 'launch_not_recorded', record: '${held.name}', skipped: '${note}', error: '${e}' },
                  },
                },
              },
            ],
          },
        },
      },
      { release: { call: 'release_gate', args: { staging: '${staging}', gate: '${gate}' } } },
      { skipped: { return: { gate: null, skip: '${note}' } } },
    ],
  },
  try_gate: {
    params: ['staging', 'job', 'execution', 'key', 'match'],
    steps: [
      {
        init: {
          assign: [
            { name: '${"launches/gates/" + job + ".json"}' },
            { holder: { job: '${job}', execution: '${execution}', key: '${key}', acquired: '${sys.now()}' } },
            { meta: null },
          ],
        },
      },
      {
        create: {
          try: {
            steps: [
              {
                insert: {
                  call: 'api_post',
                  args: {
                    url: '${"https://storage.googleapis.com/upload/storage/v1/b/" + staging + "/o"}',
                    query: { uploadType: 'media', name: '${name}', ifGenerationMatch: '${match}' },
                    body: '${holder}',
                  },
                  result: 'created',
                },
              },
              {
                taken_over: {
                  switch: [
                    {
                      condition: '${match != "0"}',
                      steps: [
                        {
                          took_over: {
                            call: 'sys.log',
                            args: {
                              severity: 'WARNING',
                              json: { event: 'gate_taken_over', gate: '${name}', job: '${job}', launchKey: '${key}' },
                            },
                          },
                        },
                      ],
                    },
                  ],
                },
              },
              {
                taken: {
                  return: {
                    gate: { name: '${name}', generation: '${created.generation}', acquired: '${holder.acquired}' },
                    match: '0',
                    wait: 0,
                  },
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                other_error: {
                  switch: [{ condition: '${map.get(e, "code") != 412}', steps: [{ rethrow: { raise: '${e}' } }] }],
                },
              },
            ],
          },
        },
      },
      {
        look: {
          try: {
            steps: [
              {
                metadata: {
                  call: 'api_get',
                  args: {
                    url: '${"https://storage.googleapis.com/storage/v1/b/" + staging + "/o/" + text.url_encode(name)}',
                  },
                  result: 'meta',
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                not_gone: {
                  switch: [{ condition: '${map.get(e, "code") != 404}', steps: [{ rethrow_look: { raise: '${e}' } }] }],
                },
              },
            ],
          },
        },
      },
      {
        held: {
          switch: [
            { condition: '${meta == null}', steps: [{ released: { return: { gate: null, match: '0', wait: 0 } } }] },
            {
              condition: '${sys.now() - time.parse(meta.updated) >= 600}',
              steps: [{ stale: { return: { gate: null, match: '${meta.generation}', wait: 0 } } }],
            },
          ],
        },
      },
      {
        whose: {
          try: {
            steps: [
              {
                read_holder: {
                  call: 'read_json',
                  args: { bucket: '${staging}', name: '${name}', generation: '${meta.generation}' },
                  result: 'holding',
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                gone_meanwhile: {
                  switch: [
                    {
                      condition: '${map.get(e, "code") == 404}',
                      steps: [{ released_meanwhile: { return: { gate: null, match: '0', wait: 0 } } }],
                    },
                  ],
                },
              },
              { rethrow_read: { raise: '${e}' } },
            ],
          },
        },
      },
      {
        ours: {
          switch: [
            {
              condition: '${map.get(holding, "execution") == execution and map.get(holding, "key") == key}',
              steps: [
                {
                  ours_already: {
                    return: {
                      gate: { name: '${name}', generation: '${meta.generation}', acquired: '${holding.acquired}' },
                      match: '0',
                      wait: 0,
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        draw: {
          assign: [
            {
              digit: '${text.find_all("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", text.substring(base64.encode(hash.compute_checksum(text.encode(execution + "|" + key + "|" + string(sys.now())), "SHA256")), 0, 1))[0].index}',
            },
          ],
        },
      },
      { busy: { return: { gate: null, match: '0', wait: '${10 + digit * 30 // 63}' } } },
    ],
  },
  release_gate: {
    params: ['staging', 'gate'],
    steps: [
      { none: { switch: [{ condition: '${gate == null}', steps: [{ nothing: { return: null } }] }] } },
      {
        delete: {
          try: {
            steps: [
              {
                remove: {
                  call: 'api_delete',
                  args: {
                    url: '${"https://storage.googleapis.com/storage/v1/b/" + staging + "/o/" + text.url_encode(gate.name)}',
                    query: { ifGenerationMatch: '${gate.generation}' },
                  },
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                gone: {
                  switch: [{ condition: '${map.get(e, "code") == 404}', steps: [{ already_gone: { return: null } }] }],
                },
              },
              {
                not_released: {
                  call: 'sys.log',
                  args: {
                    severity: 'WARNING',
                    json: {
                      event: 'gate_not_released',
                      gate: '${gate.name}',
                      error: '${e}',
                      note: 'it frees itself when its lease ends',
                    },
                  },
                },
              },
            ],
          },
        },
      },
      { released: { return: null } },
    ],
  },
  active_vertex_runs: {
    params: ['root', 'parent', 'collection', 'label', 'key'],
    steps: [
      {
        init: {
          assign: [
            { count: 0 },
            { names: '' },
            { own: false },
            { token: null },
            { query: { pageSize: 100, readMask: 'name,labels' } },
          ],
        },
      },
      {
        states: {
          switch: [
            {
              condition: '${collection == "trainingPipelines"}',
              steps: [
                {
                  pipeline_states: {
                    assign: [
                      {
                        'query.filter': 'state="PIPELINE_STATE_QUEUED" OR state="PIPELINE_STATE_PENDING" OR state="PIPELINE_STATE_RUNNING" OR state="PIPELINE_STATE_CANCELLING" OR state="PIPELINE_STATE_PAUSED"',
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
                  job_states: {
                    assign: [
                      {
                        'query.filter': 'state="JOB_STATE_QUEUED" OR state="JOB_STATE_PENDING" OR state="JOB_STATE_RUNNING" OR state="JOB_STATE_CANCELLING" OR state="JOB_STATE_UPDATING" OR state="JOB_STATE_PAUSED"',
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
      {
        pages: {
          for: {
            value: 'page',
            range: [1, 10],
            steps: [
              {
                list: {
                  call: 'api_get',
                  args: { url: '${root + "/" + parent + "/" + collection}', query: '${query}' },
                  result: 'listing',
                },
              },
              {
                runs: {
                  for: {
                    value: 'run',
                    in: '${default(map.get(listing, collection), [])}',
                    steps: [
                      {
                        of_job: {
                          switch: [
                            {
                              condition: '${map.get(run, ["labels", label.key]) == label.value}',
                              steps: [
                                {
                                  which: {
                                    switch: [
                                      {
                                        condition: '${map.get(run, ["labels", "launch_key"]) == key}',
                                        steps: [{ ours: { assign: [{ own: true }] } }],
                                      },
                                      {
                                        condition: true,
                                        steps: [
                                          {
                                            counted: {
                                              assign: [
                                                { count: '${count + 1}' },
                                                {
                                                  names: '${if(count > 3, names, names + if(names == "", "", ", ") + run.name)}',
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
                          ],
                        },
                      },
                    ],
                  },
                },
              },
              { next: { assign: [{ token: '${map.get(listing, "nextPageToken")}' }] } },
              {
                last_page: {
                  switch: [
                    {
                      condition: '${default(token, "") == ""}',
                      steps: [{ counted_all: { return: { count: '${count}', names: '${names}', own: '${own}' } } }],
                    },
                  ],
                },
              },
              { next_page: { assign: [{ 'query.pageToken': '${token}' }] } },
            ],
          },
        },
      },
      {
        partial: {
          call: 'sys.log',
          args: {
            severity: 'WARNING',
            json: {
              event: 'concurrency_count_partial',
              where: '${parent + "/" + collection}',
              counted: '${count}',
              note: 'more than 10 pages of runs to list: the launch counted those on the first 10',
            },
          },
        },
      },
      { counted_some: { return: { count: '${count}', names: '${names}', own: '${own}' } } },
    ],
  },
  active_jobsets: {
    params: ['cluster', 'jobsets', 'label', 'name'],
    steps: [
      {
        init: {
          assign: [
            { count: 0 },
            { names: '' },
            { own: false },
            { token: null },
            { query: { labelSelector: '${label.key + "=" + label.value}', limit: 20 } },
          ],
        },
      },
      {
        pages: {
          for: {
            value: 'page',
            range: [1, 25],
            steps: [
              {
                list: {
                  call: 'kube_get',
                  args: { cluster: '${cluster}', path: '${jobsets}', query: '${query}' },
                  result: 'listing',
                },
              },
              {
                items: {
                  for: {
                    value: 'item',
                    in: '${default(map.get(listing, "items"), [])}',
                    steps: [
                      {
                        which: {
                          switch: [
                            {
                              condition: '${map.get(item, ["metadata", "name"]) == name}',
                              steps: [{ ours: { assign: [{ own: true }] } }],
                            },
                            {
                              condition: '${map.get(item, ["status", "terminalState"]) == null}',
                              steps: [
                                {
                                  counted: {
                                    assign: [
                                      { count: '${count + 1}' },
                                      {
                                        names: '${if(count > 3, names, names + if(names == "", "", ", ") + item.metadata.name)}',
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
              { next: { assign: [{ token: '${map.get(listing, ["metadata", "continue"])}' }] } },
              {
                last_page: {
                  switch: [
                    {
                      condition: '${default(token, "") == ""}',
                      steps: [{ counted_all: { return: { count: '${count}', names: '${names}', own: '${own}' } } }],
                    },
                  ],
                },
              },
              { next_page: { assign: [{ 'query["continue"]': '${token}' }] } },
            ],
          },
        },
      },
      {
        partial: {
          call: 'sys.log',
          args: {
            severity: 'WARNING',
            json: {
              event: 'concurrency_count_partial',
              where: '${jobsets}',
              counted: '${count}',
              note: 'more than 25 pages of runs to list: the launch counted those on the first 25',
            },
          },
        },
      },
      { counted_some: { return: { count: '${count}', names: '${names}', own: '${own}' } } },
    ],
  },
  model_version: {
    params: ['root', 'parent', 'staging', 'execution', 'model_id', 'held'],
    steps: [
      {
        init: {
          assign: [
            { model: '${parent + "/models/" + model_id}' },
            { claim_name: '${"launches/models/" + model_id + ".json"}' },
            { claim: { execution: '${execution}', model: '${model_id}', pipeline: null, acquired: '${sys.now()}' } },
            { succeeded_before: null },
          ],
        },
      },
      {
        wait: {
          for: {
            value: 'round',
            range: [1, 1000],
            steps: [
              {
                find_model: {
                  try: {
                    steps: [
                      { get: { call: 'api_get', args: { url: '${root + "/" + model}' }, result: 'found' } },
                      {
                        next_version: {
                          return: { modelId: null, parentModel: '${model}', claim: null, held: '${held}' },
                        },
                      },
                    ],
                  },
                  except: {
                    as: 'e',
                    steps: [
                      {
                        find_model_other_error: {
                          switch: [
                            {
                              condition: '${map.get(e, "code") != 404}',
                              steps: [{ find_model_rethrow: { raise: '${e}' } }],
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              },
              {
                claim_first: {
                  try: {
                    steps: [
                      {
                        create: {
                          call: 'api_post',
                          args: {
                            url: '${"https://storage.googleapis.com/upload/storage/v1/b/" + staging + "/o"}',
                            query: { uploadType: 'media', name: '${claim_name}', ifGenerationMatch: '${"0"}' },
                            body: '${claim}',
                          },
                          result: 'claimed',
                        },
                      },
                      {
                        first_version: {
                          return: {
                            modelId: '${model_id}',
                            parentModel: null,
                            claim: { name: '${claim_name}', generation: '${claimed.generation}', record: '${claim}' },
                            held: '${held}',
                          },
                        },
                      },
                    ],
                  },
                  except: {
                    as: 'e',
                    steps: [
                      {
                        claim_first_other_error: {
                          switch: [
                            {
                              condition: '${map.get(e, "code") != 412}',
                              steps: [{ claim_first_rethrow: { raise: '${e}' } }],
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              },
              {
                claim_metadata: {
                  call: 'api_get',
                  args: {
                    url: '${"https://storage.googleapis.com/storage/v1/b/" + staging + "/o/" + text.url_encode(claim_name)}',
                  },
                  result: 'meta',
                },
              },
              {
                claim_content: {
                  call: 'read_json',
                  args: { bucket: '${staging}', name: '${claim_name}', generation: '${meta.generation}' },
                  result: 'holder',
                },
              },
              {
                holder_state: {
                  assign: [{ take_over: false }, { pause: 300 }, { pipeline: '${map.get(holder, "pipeline")}' }],
                },
              },
              {
                whose: {
                  switch: [
                    {
                      condition: '${map.get(holder, "execution") == execution}',
                      steps: [
                        { ours: { assign: [{ claimed: '${meta}' }] } },
                        {
                          first_version_again: {
                            return: {
                              modelId: '${model_id}',
                              parentModel: null,
                              claim: { name: '${claim_name}', generation: '${claimed.generation}', record: '${claim}' },
                              held: '${held}',
                            },
                          },
                        },
                      ],
                    },
                    {
                      condition: '${pipeline != null}',
                      steps: [
                        {
                          pipeline_state: { call: 'api_get', args: { url: '${root + "/" + pipeline}' }, result: 'run' },
                        },
                        {
                          run_state: {
                            switch: [
                              {
                                condition: '${run.state in ["PIPELINE_STATE_FAILED", "PIPELINE_STATE_CANCELLED"]}',
                                steps: [{ failed: { assign: [{ take_over: true }] } }],
                              },
                              {
                                condition: '${run.state == "PIPELINE_STATE_SUCCEEDED" and succeeded_before == pipeline}',
                                steps: [{ deleted: { assign: [{ take_over: true }] } }],
                              },
                              {
                                condition: '${run.state == "PIPELINE_STATE_SUCCEEDED"}',
                                steps: [{ succeeded: { assign: [{ succeeded_before: '${pipeline}' }, { pause: 0 }] } }],
                              },
                            ],
                          },
                        },
                      ],
                    },
                    {
                      condition: '${sys.now() - time.parse(meta.updated) >= 1800}',
                      steps: [{ silent: { assign: [{ take_over: true }] } }],
                    },
                    { condition: true, steps: [{ starting: { assign: [{ pause: 60 }] } }] },
                  ],
                },
              },
              {
                act: {
                  switch: [
                    {
                      condition: '${take_over}',
                      steps: [
                        {
                          replace: {
                            try: {
                              steps: [
                                {
                                  replace_claim: {
                                    call: 'api_post',
                                    args: {
                                      url: '${"https://storage.googleapis.com/upload/storage/v1/b/" + staging + "/o"}',
                                      query: {
                                        uploadType: 'media',
                                        name: '${claim_name}',
                                        ifGenerationMatch: '${meta.generation}',
                                      },
                                      body: '${claim}',
                                    },
                                    result: 'claimed',
                                  },
                                },
                                {
                                  first_version_taken_over: {
                                    return: {
                                      modelId: '${model_id}',
                                      parentModel: null,
                                      claim: {
                                        name: '${claim_name}',
                                        generation: '${claimed.generation}',
                                        record: '${claim}',
                                      },
                                      held: '${held}',
                                    },
                                  },
                                },
                              ],
                            },
                            except: {
                              as: 'e',
                              steps: [
                                {
                                  replace_other_error: {
                                    switch: [
                                      {
                                        condition: '${map.get(e, "code") != 412}',
                                        steps: [{ replace_rethrow: { raise: '${e}' } }],
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
                    {
                      condition: '${pause > 0}',
                      steps: [
                        { refresh: { assign: [{ 'held.record.acquired': '${sys.now()}' }] } },
                        {
                          heartbeat: {
                            try: {
                              steps: [
                                {
                                  rewrite: {
                                    call: 'write_record',
                                    args: {
                                      staging: '${staging}',
                                      name: '${held.name}',
                                      record: '${held.record}',
                                      generation: '${held.generation}',
                                    },
                                    result: 'generation',
                                  },
                                },
                                { refreshed: { assign: [{ 'held.generation': '${generation}' }] } },
                              ],
                            },
                            except: {
                              as: 'e',
                              steps: [
                                {
                                  heartbeat_other_error: {
                                    switch: [
                                      {
                                        condition: '${map.get(e, "code") != 412}',
                                        steps: [{ heartbeat_rethrow: { raise: '${e}' } }],
                                      },
                                    ],
                                  },
                                },
                                {
                                  lost: {
                                    raise: '${"another execution took over launch " + held.record.key + " while it waited for the first version of model " + model_id}',
                                  },
                                },
                              ],
                            },
                          },
                        },
                        { sleep: { call: 'sys.sleep', args: { seconds: '${pause}' } } },
                      ],
                    },
                  ],
                },
              },
            ],
          },
        },
      },
      {
        gave_up: {
          raise: '${"gave up waiting for the first version of model " + model_id + " (" + string(1000) + " rounds)"}',
        },
      },
    ],
  },
  record_first_version: {
    params: ['staging', 'claim', 'pipeline'],
    steps: [
      { named: { assign: [{ record: '${claim.record}' }, { 'record.pipeline': '${pipeline}' }] } },
      {
        write: {
          call: 'write_record',
          args: {
            staging: '${staging}',
            name: '${claim.name}',
            record: '${record}',
            generation: '${claim.generation}',
          },
          result: 'generation',
        },
      },
      { done: { return: '${generation}' } },
    ],
  },
  existing_model: {
    params: ['root', 'model', 'job'],
    steps: [
      {
        find: {
          try: { steps: [{ get: { call: 'api_get', args: { url: '${root + "/" + model}' }, result: 'found' } }] },
          except: {
            as: 'e',
            steps: [
              {
                missing: {
                  switch: [
                    {
                      condition: '${map.get(e, "code") == 404}',
                      steps: [
                        {
                          not_found: {
                            raise: {
                              code: 0,
                              tags: ['ModelNotFound'],
                              message: '${"job " + job + " adds a version to model " + model + ", which does not exist (model.existingModel names a model that is registered already; register it first, or give model.modelId to let the first run create it)"}',
                            },
                          },
                        },
                      ],
                    },
                  ],
                },
              },
              { rethrow: { raise: '${e}' } },
            ],
          },
        },
      },
      { exists: { return: '${model}' } },
    ],
  },
  read_manifest: {
    params: ['staging', 'name'],
    steps: [
      {
        read: {
          try: {
            steps: [
              { download: { call: 'read_json', args: { bucket: '${staging}', name: '${name}' }, result: 'manifest' } },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                missing: {
                  switch: [{ condition: '${map.get(e, "code") == 404}', steps: [{ gone: { return: null } }] }],
                },
              },
              { rethrow: { raise: '${e}' } },
            ],
          },
        },
      },
      { found: { return: '${manifest}' } },
    ],
  },
  current_manifest: {
    params: ['staging', 'job'],
    steps: [
      {
        list: {
          call: 'api_get',
          args: {
            url: '${"https://storage.googleapis.com/storage/v1/b/" + staging + "/o"}',
            query: { prefix: '${"jobs/" + job + "/"}', fields: 'items(name,timeCreated),nextPageToken' },
          },
          result: 'listing',
        },
      },
      { init: { assign: [{ newest: null }, { newest_time: 0 }] } },
      {
        pick: {
          for: {
            value: 'item',
            in: '${default(map.get(listing, "items"), [])}',
            steps: [
              {
                is_manifest: {
                  switch: [
                    {
                      condition: '${text.match_regex(item.name, "^jobs/[a-z0-9-]+/[0-9a-f]{64}\\\\.json$")}',
                      steps: [
                        {
                          is_newer: {
                            switch: [
                              {
                                condition: '${time.parse(item.timeCreated) > newest_time}',
                                steps: [
                                  {
                                    keep: {
                                      assign: [
                                        { newest: '${item.name}' },
                                        { newest_time: '${time.parse(item.timeCreated)}' },
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
                  ],
                },
              },
            ],
          },
        },
      },
      { done: { return: '${newest}' } },
    ],
  },
  acquire_record: {
    params: ['staging', 'key', 'execution', 'manifest'],
    steps: [
      {
        init: {
          assign: [
            { name: '${"launches/" + key + ".json"}' },
            {
              record: {
                key: '${key}',
                execution: '${execution}',
                manifest: '${manifest}',
                job: null,
                acquired: '${sys.now()}',
              },
            },
          ],
        },
      },
      {
        create: {
          try: {
            steps: [
              {
                insert: {
                  call: 'api_post',
                  args: {
                    url: '${"https://storage.googleapis.com/upload/storage/v1/b/" + staging + "/o"}',
                    query: { uploadType: 'media', name: '${name}', ifGenerationMatch: '${"0"}' },
                    body: '${record}',
                  },
                  result: 'created',
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                other_error: {
                  switch: [{ condition: '${map.get(e, "code") != 412}', steps: [{ rethrow: { raise: '${e}' } }] }],
                },
              },
              {
                contended: {
                  call: 'contended_record',
                  args: { staging: '${staging}', name: '${name}', record: '${record}' },
                  result: 'outcome',
                },
              },
              { contended_outcome: { return: '${outcome}' } },
            ],
          },
        },
      },
      {
        owned: {
          return: {
            owner: true,
            name: '${name}',
            generation: '${created.generation}',
            record: '${record}',
            note: 'new launch',
          },
        },
      },
    ],
  },
  contended_record: {
    params: ['staging', 'name', 'record'],
    steps: [
      {
        metadata: {
          call: 'api_get',
          args: { url: '${"https://storage.googleapis.com/storage/v1/b/" + staging + "/o/" + text.url_encode(name)}' },
          result: 'meta',
        },
      },
      {
        content: {
          call: 'read_json',
          args: { bucket: '${staging}', name: '${name}', generation: '${meta.generation}' },
          result: 'held',
        },
      },
      {
        decide: {
          switch: [
            {
              condition: '${map.get(held, "execution") == record.execution}',
              steps: [
                {
                  ours: {
                    return: {
                      owner: true,
                      name: '${name}',
                      generation: '${meta.generation}',
                      record: '${held}',
                      note: 'new launch',
                    },
                  },
                },
              ],
            },
            {
              condition: '${map.get(held, "job") != null}',
              steps: [
                {
                  launched: {
                    return: {
                      owner: false,
                      name: '${name}',
                      generation: null,
                      record: '${held}',
                      note: '${"already launched as " + held.job}',
                    },
                  },
                },
              ],
            },
            {
              condition: '${map.get(held, "skipped") != null}',
              steps: [
                {
                  skipped: {
                    return: {
                      owner: false,
                      name: '${name}',
                      generation: null,
                      record: '${held}',
                      note: '${"already decided: skipped (" + held.skipped + ")"}',
                    },
                  },
                },
              ],
            },
            {
              condition: '${sys.now() - math.max(time.parse(meta.updated), default(map.get(held, "until"), 0)) < 1800}',
              steps: [
                {
                  in_progress: {
                    return: {
                      owner: false,
                      name: '${name}',
                      generation: null,
                      record: '${held}',
                      note: '${"being launched by execution " + map.get(held, "execution")}',
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        take_over: {
          try: {
            steps: [
              {
                replace: {
                  call: 'api_post',
                  args: {
                    url: '${"https://storage.googleapis.com/upload/storage/v1/b/" + staging + "/o"}',
                    query: { uploadType: 'media', name: '${name}', ifGenerationMatch: '${meta.generation}' },
                    body: '${record}',
                  },
                  result: 'replaced',
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                other_error: {
                  switch: [{ condition: '${map.get(e, "code") != 412}', steps: [{ rethrow: { raise: '${e}' } }] }],
                },
              },
              {
                lost: {
                  return: {
                    owner: false,
                    name: '${name}',
                    generation: null,
                    record: '${held}',
                    note: '${"another execution took the launch over from " + map.get(held, "execution")}',
                  },
                },
              },
            ],
          },
        },
      },
      {
        took_over: {
          call: 'sys.log',
          args: {
            severity: 'WARNING',
            json: { event: 'launch_taken_over', record: '${name}', from: '${map.get(held, "execution")}' },
          },
        },
      },
      {
        taken_over: {
          return: {
            owner: true,
            name: '${name}',
            generation: '${replaced.generation}',
            record: '${record}',
            note: '${"took over from execution " + map.get(held, "execution")}',
          },
        },
      },
    ],
  },
  write_record: {
    params: ['staging', 'name', 'record', 'generation'],
    steps: [
      {
        replace: {
          try: {
            steps: [
              {
                write: {
                  call: 'api_post',
                  args: {
                    url: '${"https://storage.googleapis.com/upload/storage/v1/b/" + staging + "/o"}',
                    query: { uploadType: 'media', name: '${name}', ifGenerationMatch: '${generation}' },
                    body: '${record}',
                  },
                  result: 'written',
                },
              },
            ],
          },
          except: {
            as: 'e',
            steps: [
              {
                other_error: {
                  switch: [{ condition: '${map.get(e, "code") != 412}', steps: [{ rethrow: { raise: '${e}' } }] }],
                },
              },
              {
                metadata: {
                  call: 'api_get',
                  args: {
                    url: '${"https://storage.googleapis.com/storage/v1/b/" + staging + "/o/" + text.url_encode(name)}',
                  },
                  result: 'meta',
                },
              },
              {
                content: {
                  call: 'read_json',
                  args: { bucket: '${staging}', name: '${name}', generation: '${meta.generation}' },
                  result: 'stored',
                },
              },
              {
                written_before: {
                  switch: [
                    {
                      condition: '${map.get(stored, "execution") == map.get(record, "execution") and map.get(stored, "job") == map.get(record, "job") and map.get(stored, "skipped") == map.get(record, "skipped") and map.get(stored, "until") == map.get(record, "until")}',
                      steps: [{ lost_answer: { return: '${meta.generation}' } }],
                    },
                  ],
                },
              },
              { written_by_another: { raise: '${e}' } },
            ],
          },
        },
      },
      { done: { return: '${written.generation}' } },
    ],
  },
  read_json: {
    params: ['bucket', 'name', { generation: null }],
    steps: [
      { query: { assign: [{ query: { alt: 'media' } }] } },
      {
        pinned: {
          switch: [
            {
              condition: '${generation != null}',
              steps: [{ at_generation: { assign: [{ 'query.generation': '${generation}' }] } }],
            },
          ],
        },
      },
      {
        download: {
          call: 'api_get',
          args: {
            url: '${"https://storage.googleapis.com/storage/v1/b/" + bucket + "/o/" + text.url_encode(name)}',
            query: '${query}',
          },
          result: 'content',
        },
      },
      {
        decoded: {
          switch: [{ condition: '${get_type(content) == "map"}', steps: [{ as_map: { return: '${content}' } }] }],
        },
      },
      { as_text: { return: '${json.decode(content)}' } },
    ],
  },
  collect_batch: {
    params: ['staging', 'held', 'window', { own: [] }],
    steps: [
      {
        mark: {
          assign: [
            { until: '${window.end + 60}' },
            { 'held.record.until': '${until}' },
            { 'held.record.acquired': '${math.max(held.record.acquired, until)}' },
          ],
        },
      },
      {
        write_until: {
          call: 'write_record',
          args: {
            staging: '${staging}',
            name: '${held.name}',
            record: '${held.record}',
            generation: '${held.generation}',
          },
          result: 'generation',
        },
      },
      { marked: { assign: [{ 'held.generation': '${generation}' }, { wait: '${until - sys.now()}' }] } },
      {
        window_open: {
          switch: [
            {
              condition: '${wait > 0}',
              steps: [{ wait_for_end: { call: 'sys.sleep', args: { seconds: '${int(wait) + 1}' } } }],
            },
          ],
        },
      },
      {
        init: {
          assign: [
            { objects: [] },
            { matched: 0 },
            { size: '${len(json.encode_to_string(own))}' },
            { reserved: '${len(own)}' },
            { kept_all: true },
            { query: { prefix: '${window.prefix}', fields: 'items(name,timeCreated),nextPageToken', maxResults: 250 } },
            { more: false },
          ],
        },
      },
      {
        pages: {
          for: {
            value: 'page',
            range: [1, 32],
            steps: [
              {
                list: {
                  call: 'api_get',
                  args: {
                    url: '${"https://storage.googleapis.com/storage/v1/b/" + window.bucket + "/o"}',
                    query: '${query}',
                  },
                  result: 'listing',
                },
              },
              {
                keep: {
                  for: {
                    value: 'item',
                    in: '${default(map.get(listing, "items"), [])}',
                    steps: [
                      { uri: { assign: [{ uri: '${"gs://" + window.bucket + "/" + item.name}' }] } },
                      {
                        in_window: {
                          switch: [
                            {
                              condition: '${text.match_regex(item.name, window.pattern) and time.parse(item.timeCreated) >= window.start and time.parse(item.timeCreated) < window.end}',
                              steps: [
                                { count: { assign: [{ matched: '${matched + 1}' }] } },
                                {
                                  room: {
                                    switch: [
                                      {
                                        condition: '${uri in own}',
                                        steps: [
                                          {
                                            add_own: {
                                              assign: [
                                                { objects: '${list.concat(objects, uri)}' },
                                                { reserved: '${reserved - 1}' },
                                              ],
                                            },
                                          },
                                        ],
                                      },
                                      {
                                        condition: '${kept_all and len(objects) + reserved < 500 and size + len(json.encode_to_string(uri)) < 24576}',
                                        steps: [
                                          {
                                            add: {
                                              assign: [
                                                { objects: '${list.concat(objects, uri)}' },
                                                { size: '${size + len(json.encode_to_string(uri)) + 1}' },
                                              ],
                                            },
                                          },
                                        ],
                                      },
                                      { condition: true, steps: [{ full: { assign: [{ kept_all: false }] } }] },
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
              { next_page: { assign: [{ more: '${map.get(listing, "nextPageToken") != null}' }] } },
              { last_page: { switch: [{ condition: '${not more}', next: 'break' }] } },
              { page_token: { assign: [{ 'query.pageToken': '${listing.nextPageToken}' }] } },
            ],
          },
        },
      },
      {
        own_objects: {
          for: {
            value: 'uri',
            in: '${own}',
            steps: [
              {
                unlisted: {
                  switch: [
                    {
                      condition: '${not (uri in objects)}',
                      steps: [
                        {
                          add_unlisted: {
                            assign: [{ objects: '${list.concat(objects, uri)}' }, { matched: '${matched + 1}' }],
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
      {
        truncated: {
          switch: [
            {
              condition: '${len(objects) < matched}',
              steps: [
                {
                  batch_truncated: {
                    call: 'sys.log',
                    args: {
                      severity: 'WARNING',
                      json: {
                        event: 'batch_truncated',
                        window: '${window}',
                        matched: '${matched}',
                        delivered: '${len(objects)}',
                        note: 'a run receives at most 500 objects (24576 characters of JSON): the first by name, and the object of the event that started the launch',
                      },
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      {
        not_listed_all: {
          switch: [
            {
              condition: '${more}',
              steps: [
                {
                  batch_objects_missing: {
                    call: 'sys.log',
                    args: {
                      severity: 'WARNING',
                      json: {
                        event: 'batch_objects_missing',
                        window: '${window}',
                        listed: 8000,
                        delivered: '${len(objects)}',
                        note: 'the launcher lists 8000 objects under the prefix at most, in name order: objects of the window named after those may be missing from the run (keep old data outside a coalesced route\'s prefix)',
                      },
                    },
                  },
                },
              ],
            },
          ],
        },
      },
      { collected: { return: { objects: '${objects}', held: '${held}' } } },
    ],
  },
  add_trigger_env: {
    params: ['body', 'collection', 'objects'],
    steps: [
      { init: { assign: [{ entry: { name: 'VT_TRIGGER_OBJECTS', value: '${json.encode_to_string(objects)}' } }] } },
      {
        where: {
          switch: [
            {
              condition: '${collection == "jobsets"}',
              steps: [
                {
                  replicated_jobs: {
                    for: {
                      value: 'job',
                      index: 'index',
                      in: '${body.spec.replicatedJobs}',
                      steps: [
                        {
                          containers: {
                            call: 'containers_with_env',
                            args: { containers: '${job.template.spec.template.spec.containers}', entry: '${entry}' },
                            result: 'containers',
                          },
                        },
                        {
                          job_env: {
                            assign: [
                              {
                                'body.spec.replicatedJobs[index].template.spec.template.spec.containers': '${containers}',
                              },
                              { containers: null },
                            ],
                          },
                        },
                      ],
                    },
                  },
                },
              ],
            },
            {
              condition: '${collection == "customJobs"}',
              steps: [
                {
                  custom_pools: {
                    call: 'pools_with_env',
                    args: { pools: '${body.jobSpec.workerPoolSpecs}', entry: '${entry}' },
                    result: 'pools',
                  },
                },
                { custom_env: { assign: [{ 'body.jobSpec.workerPoolSpecs': '${pools}' }, { pools: null }] } },
              ],
            },
            {
              condition: '${collection == "hyperparameterTuningJobs"}',
              steps: [
                {
                  tuning_pools: {
                    call: 'pools_with_env',
                    args: { pools: '${body.trialJobSpec.workerPoolSpecs}', entry: '${entry}' },
                    result: 'pools',
                  },
                },
                { tuning_env: { assign: [{ 'body.trialJobSpec.workerPoolSpecs': '${pools}' }, { pools: null }] } },
              ],
            },
            {
              condition: '${map.get(body, ["trainingTaskInputs", "trialJobSpec"]) != null}',
              steps: [
                {
                  tuned_pipeline_pools: {
                    call: 'pools_with_env',
                    args: { pools: '${body.trainingTaskInputs.trialJobSpec.workerPoolSpecs}', entry: '${entry}' },
                    result: 'pools',
                  },
                },
                {
                  tuned_pipeline_env: {
                    assign: [{ 'body.trainingTaskInputs.trialJobSpec.workerPoolSpecs': '${pools}' }, { pools: null }],
                  },
                },
              ],
            },
            {
              condition: '${true}',
              steps: [
                {
                  pipeline_pools: {
                    call: 'pools_with_env',
                    args: { pools: '${body.trainingTaskInputs.workerPoolSpecs}', entry: '${entry}' },
                    result: 'pools',
                  },
                },
                {
                  pipeline_env: {
                    assign: [{ 'body.trainingTaskInputs.workerPoolSpecs': '${pools}' }, { pools: null }],
                  },
                },
              ],
            },
          ],
        },
      },
      { done: { return: '${body}' } },
    ],
  },
  pools_with_env: {
    params: ['pools', 'entry'],
    steps: [
      {
        each_pool: {
          for: {
            value: 'pool',
            index: 'index',
            in: '${pools}',
            steps: [
              {
                kind: {
                  switch: [
                    {
                      condition: '${map.get(pool, "containerSpec") != null}',
                      steps: [
                        {
                          containerSpec_env: {
                            assign: [{ env: '${default(map.get(pool, ["containerSpec", "env"]), [])}' }],
                          },
                        },
                        {
                          containerSpec_full: {
                            switch: [
                              {
                                condition: '${len(env) >= 100}',
                                steps: [
                                  {
                                    containerSpec_too_many: {
                                      raise: {
                                        code: 0,
                                        tags: ['TooManyEnvVars'],
                                        message: '${"worker pool " + string(index) + " already has 100 environment variables, the most Vertex AI takes per container: the launcher cannot add VT_TRIGGER_OBJECTS; set fewer in the job\'s env"}',
                                      },
                                    },
                                  },
                                ],
                              },
                            ],
                          },
                        },
                        {
                          containerSpec_add: {
                            assign: [{ 'pools[index].containerSpec.env': '${list.concat(env, entry)}' }],
                          },
                        },
                      ],
                    },
                    {
                      condition: '${map.get(pool, "pythonPackageSpec") != null}',
                      steps: [
                        {
                          pythonPackageSpec_env: {
                            assign: [{ env: '${default(map.get(pool, ["pythonPackageSpec", "env"]), [])}' }],
                          },
                        },
                        {
                          pythonPackageSpec_full: {
                            switch: [
                              {
                                condition: '${len(env) >= 100}',
                                steps: [
                                  {
                                    pythonPackageSpec_too_many: {
                                      raise: {
                                        code: 0,
                                        tags: ['TooManyEnvVars'],
                                        message: '${"worker pool " + string(index) + " already has 100 environment variables, the most Vertex AI takes per container: the launcher cannot add VT_TRIGGER_OBJECTS; set fewer in the job\'s env"}',
                                      },
                                    },
                                  },
                                ],
                              },
                            ],
                          },
                        },
                        {
                          pythonPackageSpec_add: {
                            assign: [{ 'pools[index].pythonPackageSpec.env': '${list.concat(env, entry)}' }],
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
      { done: { return: '${pools}' } },
    ],
  },
  containers_with_env: {
    params: ['containers', 'entry'],
    steps: [
      {
        each_container: {
          for: {
            value: 'container',
            index: 'index',
            in: '${containers}',
            steps: [
              {
                add: {
                  assign: [
                    { 'containers[index].env': '${list.concat(default(map.get(container, "env"), []), entry)}' },
                  ],
                },
              },
            ],
          },
        },
      },
      { done: { return: '${containers}' } },
    ],
  },
  transient_error: {
    params: ['e'],
    steps: [
      { not_a_map: { switch: [{ condition: '${get_type(e) != "map"}', steps: [{ no: { return: false } }] }] } },
      {
        read: {
          assign: [{ code: '${default(map.get(e, "code"), 0)}' }, { tags: '${default(map.get(e, "tags"), [])}' }],
        },
      },
      {
        decide: {
          switch: [
            { condition: '${code in [429, 500, 502, 503, 504]}', steps: [{ by_code: { return: true } }] },
            {
              condition: '${"ConnectionError" in tags or "ConnectionFailedError" in tags or "TimeoutError" in tags}',
              steps: [{ by_tag: { return: true } }],
            },
          ],
        },
      },
      { permanent: { return: false } },
    ],
  },
  api_get: {
    params: ['url', { query: {} }],
    steps: [
      {
        send: {
          try: {
            steps: [
              {
                attempt: {
                  call: 'http.get',
                  args: { url: '${url}', query: '${query}', auth: { type: 'OAuth2' }, timeout: 60 },
                  result: 'response',
                },
              },
            ],
          },
          retry: {
            predicate: '${transient_error}',
            max_retries: 8,
            backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
          },
        },
      },
      { done: { return: '${response.body}' } },
    ],
  },
  api_post: {
    params: ['url', 'body', { query: {} }],
    steps: [
      {
        send: {
          try: {
            steps: [
              {
                attempt: {
                  call: 'http.post',
                  args: { url: '${url}', query: '${query}', body: '${body}', auth: { type: 'OAuth2' }, timeout: 60 },
                  result: 'response',
                },
              },
            ],
          },
          retry: {
            predicate: '${transient_error}',
            max_retries: 8,
            backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
          },
        },
      },
      { done: { return: '${response.body}' } },
    ],
  },
  api_delete: {
    params: ['url', { query: {} }],
    steps: [
      {
        send: {
          try: {
            steps: [
              {
                attempt: {
                  call: 'http.delete',
                  args: { url: '${url}', query: '${query}', auth: { type: 'OAuth2' }, timeout: 60 },
                  result: 'response',
                },
              },
            ],
          },
          retry: {
            predicate: '${transient_error}',
            max_retries: 8,
            backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
          },
        },
      },
      { done: { return: '${response.body}' } },
    ],
  },
  kube_get: {
    params: ['cluster', 'path', { query: {} }],
    steps: [
      {
        send: {
          try: {
            steps: [
              {
                attempt: {
                  call: 'gke.request',
                  args: {
                    cluster_id: '${cluster.name}',
                    project: '${cluster.project}',
                    location: '${cluster.location}',
                    method: 'GET',
                    path: '${path}',
                    query: '${query}',
                    timeout: 60,
                  },
                  result: 'response',
                },
              },
            ],
          },
          retry: {
            predicate: '${cluster_transient_error}',
            max_retries: 8,
            backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
          },
        },
      },
      { done: { return: '${response.body}' } },
    ],
  },
  cluster_transient_error: {
    params: ['e'],
    steps: [
      {
        not_running: {
          switch: [
            {
              condition: '${"ValueError" in default(map.get(e, "tags"), [])}',
              steps: [{ reconciling: { return: true } }],
            },
          ],
        },
      },
      { others: { call: 'transient_error', args: { e: '${e}' }, result: 'transient' } },
      { decide: { return: '${transient}' } },
    ],
  },
  workload_end: {
    params: ['cluster', 'jobset'],
    steps: [
      {
        list: {
          try: {
            steps: [
              {
                attempt: {
                  call: 'gke.request',
                  args: {
                    cluster_id: '${cluster.name}',
                    project: '${cluster.project}',
                    location: '${cluster.location}',
                    method: 'GET',
                    path: '${"/apis/kueue.x-k8s.io/v1beta2/namespaces/" + cluster.namespace + "/workloads"}',
                    query: { labelSelector: '${"kueue.x-k8s.io/job-uid=" + jobset.metadata.uid}' },
                    timeout: 60,
                  },
                  result: 'response',
                },
              },
            ],
          },
          retry: {
            predicate: '${cluster_transient_error}',
            max_retries: 8,
            backoff: { initial_delay: 2, max_delay: 60, multiplier: 2 },
          },
        },
      },
      {
        each: {
          for: {
            value: 'workload',
            in: '${default(map.get(response.body, "items"), [])}',
            steps: [
              {
                inactive: {
                  switch: [
                    {
                      condition: '${map.get(workload, ["spec", "active"]) == false}',
                      steps: [
                        { why: { call: 'workload_deactivation', args: { workload: '${workload}' }, result: 'ended' } },
                        { deactivated: { return: '${map.merge(jobset, ended)}' } },
                      ],
                    },
                  ],
                },
              },
            ],
          },
        },
      },
      { active: { return: '${jobset}' } },
    ],
  },
  workload_deactivation: {
    params: ['workload'],
    steps: [
      {
        init: {
          assign: [
            { evicted: null },
            { target: null },
            { fallback: { reason: 'Deactivated', message: 'the Workload has spec.active false' } },
          ],
        },
      },
      {
        conditions: {
          for: {
            value: 'c',
            in: '${default(map.get(workload, ["status", "conditions"]), [])}',
            steps: [
              {
                which: {
                  switch: [
                    {
                      condition: '${map.get(c, "type") == "Evicted" and map.get(c, "status") == "True"}',
                      steps: [{ by_eviction: { assign: [{ evicted: '${c}' }] } }],
                    },
                    {
                      condition: '${map.get(c, "type") == "DeactivationTarget" and map.get(c, "status") == "True"}',
                      steps: [{ by_target: { assign: [{ target: '${c}' }] } }],
                    },
                  ],
                },
              },
            ],
          },
        },
      },
      { why: { assign: [{ found: '${default(evicted, default(target, fallback))}' }] } },
      {
        ended: {
          return: {
            state: 'WORKLOAD_DEACTIVATED',
            error: {
              reason: '${default(map.get(found, "reason"), fallback.reason)}',
              message: '${default(map.get(found, "message"), "")}',
              workload: '${map.get(workload, ["metadata", "name"])}',
            },
          },
        },
      },
    ],
  },
};
