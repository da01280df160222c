import { HttpRequest, HttpResponse, runWorkflow } from '../helpers/workflows';

/**
 * A workflow shaped like a launcher (event routing, a storage read over HTTP, a duplicate check,
 * a retried create, logging), run end to end through the interpreter.
 */

const definition = {
  main: {
    params: ['input'],
    steps: [
      { init: { assign: [
        { input: '${default(input, {})}' },
        { project: '${sys.get_env("GOOGLE_CLOUD_PROJECT_ID")}' },
        { execution: '${sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")}' },
      ] } },
      { route: { switch: [
        // Not `"data" in input and "message" in input.data`: both operands of `and` are evaluated.
        { condition: '${map.get(input, ["data", "message"]) != null}', assign: [{ manifest: '${json.decode(base64.decode(input.data.message.data)).manifest}' }, { key: '${input.id}' }] },
        { condition: '${"manifest" in input}', assign: [{ manifest: '${input.manifest}' }, { key: '${execution}' }] },
        { condition: true, raise: { message: 'no launch request', tags: ['LaunchError'] } },
      ] } },
      { read: { call: 'http.get', args: {
        url: '${"https://storage.googleapis.com/storage/v1/b/staging/o/" + text.url_encode(manifest)}',
        query: { alt: 'media' },
        auth: { type: 'OAuth2' },
      }, result: 'object' } },
      { prepare: { assign: [
        { body: '${object.body.body}' },
        { launchKey: '${text.substring(text.replace_all_regex(text.to_lower(key), "[^a-z0-9_-]", "-"), 0, 63)}' },
        { 'body.labels["launch_key"]': '${launchKey}' },
      ] } },
      { create: {
        try: { call: 'http.post', args: { url: '${"https://aiplatform.googleapis.com/v1/projects/" + project + "/customJobs"}', body: '${body}', auth: { type: 'OAuth2' } }, result: 'created' },
        retry: '${http.default_retry_non_idempotent}',
      } },
      { log: { call: 'sys.log', args: { severity: 'INFO', json: { launched: '${created.body.name}', launchKey: '${launchKey}' } } } },
      { done: { return: '${created.body.name}' } },
    ],
  },
};

function fake(createAnswers: HttpResponse[]) {
  const calls: HttpRequest[] = [];
  const handler = (request: HttpRequest): HttpResponse => {
    calls.push(request);
    if (request.method === 'GET') return { code: 200, body: { kind: 'CustomJob', body: { displayName: 'train', labels: { team: 'ml' } } } };
    return createAnswers.shift() ?? { code: 500 };
  };
  return { handler, calls };
}

const env = { GOOGLE_CLOUD_PROJECT_ID: 'acme-ml', GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID: 'Exec-ABC.1' };

test('a Pub/Sub message: reads the manifest, labels the body, retries a 503, logs and returns the job', () => {
  const http = fake([{ code: 503 }, { code: 200, body: { name: 'projects/acme-ml/locations/us/customJobs/1' } }]);
  const message = { data: { message: { data: Buffer.from(JSON.stringify({ manifest: 'jobs/train/00ff.json' })).toString('base64') } }, id: 'Event/42' };
  const run = runWorkflow(definition, { argument: message, env, http: http.handler });
  expect(run).toMatchObject({ state: 'SUCCEEDED', result: 'projects/acme-ml/locations/us/customJobs/1' });
  expect(http.calls[0].url).toBe('https://storage.googleapis.com/storage/v1/b/staging/o/jobs%2Ftrain%2F00ff.json?alt=media');
  expect(http.calls[1].json).toEqual({ displayName: 'train', labels: { team: 'ml', launch_key: 'event-42' } });
  expect(run.sleeps).toEqual([{ seconds: 1, reason: 'retry', at: expect.any(Number) }]);
  expect(run.logs).toEqual([{ severity: 'INFO', json: { launched: 'projects/acme-ml/locations/us/customJobs/1', launchKey: 'event-42' } }]);
});

test('a manual run keys on the execution ID; no request at all fails with the custom error', () => {
  const http = fake([{ code: 200, body: { name: 'j' } }]);
  const manual = runWorkflow(definition, { argument: { manifest: 'jobs/a/1.json' }, env, http: http.handler });
  expect(manual.result).toBe('j');
  expect(http.calls[1].json).toMatchObject({ labels: { launch_key: 'exec-abc-1' } });
  const empty = runWorkflow(definition, { env, http: fake([]).handler });
  expect(empty).toMatchObject({ state: 'FAILED', error: { message: 'no launch request', tags: ['LaunchError'] } });
});

test('a create that keeps failing with 500 is not retried by the non-idempotent policy', () => {
  const run = runWorkflow(definition, { argument: { manifest: 'jobs/a/1.json' }, env, http: fake([{ code: 500, body: { error: { code: 500 } } }]).handler });
  expect(run).toMatchObject({ state: 'FAILED', error: { code: 500, tags: ['HttpError'], body: { error: { code: 500 } } } });
  expect(run.sleeps).toEqual([]);
});
