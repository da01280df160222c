import { JOBSET_NAME_DIGITS, launcherWorkflowDefinition } from '../../lib/launch/definition';
import { runWorkflow } from '../helpers/workflows';
import { jobsetNameOf } from './gke-fixtures';

/**
 * The JobSet name the launcher derives from a launch key, executed: Workflows has no hex encoding,
 * so the workflow reads the SHA-256's Base64 back as hex; it must agree with a plain hex digest for
 * every kind of key (every Base64 character, `+` and `/` included, shows up over these keys).
 */

const KEYS = [
  'c-' + '0123456789abcdef'.repeat(3).slice(0, 40),
  's-nightly-202612010100',
  's-nightly-l2026120101',
  'm-0c9d7e5a-0000-4000-8000-000000000001',
  'm-a',
  'm-' + 'z'.repeat(61),
  ...Array.from({ length: 60 }, (_, i) => `d-${String(i).padStart(43, 'x')}`),
];

test('jobset_name is vt- and the first 20 hex digits of the SHA-256 of the key, for every key', () => {
  const definition = {
    main: {
      params: ['input'],
      steps: [
        { init: { assign: [{ names: [] }] } },
        { each: { for: { value: 'key', in: '${input.keys}', steps: [
          { name: { call: 'jobset_name', args: { key: '${key}' }, result: 'name' } },
          { keep: { assign: [{ names: '${list.concat(names, name)}' }] } },
        ] } } },
        { done: { return: '${names}' } },
      ],
    },
    jobset_name: (launcherWorkflowDefinition({ routes: [] }) as any).jobset_name,
  };
  const run = runWorkflow(JSON.parse(JSON.stringify(definition)), { argument: { keys: KEYS } });
  expect(run.error).toBeUndefined();
  expect(run.result).toEqual(KEYS.map(jobsetNameOf));
  for (const name of run.result as string[]) expect(name).toHaveLength(3 + JOBSET_NAME_DIGITS);
});
