import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CustomTrainingJob, Duration, ObjectFilter, ObjectFilterKind, Trigger, TriggerKind } from '../../lib';
import { unresolvedReferences } from '../helpers/references';
import { environmentStack, onlyOfType, TerraformJson } from '../helpers/synth';
import { gkeJob, gkeJobApp } from '../gke/job-fixtures';
import { cpuPools, gcsCode, interpolated, ref, thrown } from '../jobs/fixtures';

/**
 * Data-batch triggers (issue 12): `Trigger.onNewDataBatch` with a marker, suffix or RE2 pattern
 * filter and a coalescing window, carried to the launcher's routes, and refused at synth when the
 * filter could never match or the window is out of range.
 */

/** The launcher's routes as the synthesized workflow holds them (watched buckets by reference, as `BUCKET`). */
function routesOf(json: TerraformJson): any[] {
  const source: string = onlyOfType(json, 'google_workflows_workflow').source_contents;
  const bucketRefs = source.match(/(?<!\$)\$\{[^}]*\}/g) ?? [];
  const text = bucketRefs.reduce((s, r) => s.split(r).join('BUCKET'), source).replace(/\$\$\{/g, '${');
  return JSON.parse(text).main.steps[0].init.assign.find((a: object) => 'routes' in a).routes;
}

/** A job `train` with `triggers`, synthesized. */
function synth(triggers: Trigger[]): TerraformJson {
  const { stack, env } = environmentStack();
  new CustomTrainingJob(stack, 'train', { environment: env, workerPools: cpuPools(), code: gcsCode(), triggers });
  return JSON.parse(Testing.synth(stack));
}

describe('Trigger.onNewDataBatch', () => {
  test('an on-new-data trigger with a filter and a window in seconds', () => {
    const marker = ObjectFilter.marker('_SUCCESS');
    expect(Trigger.onNewDataBatch({ bucketName: 'acme-landing', filter: marker, coalesce: Duration.minutes(10) })).toMatchObject({
      kind: TriggerKind.ON_NEW_DATA, bucketName: 'acme-landing', prefix: '', location: undefined, filter: marker, coalesceSeconds: 600,
    });
    expect(Trigger.onNewDataBatch({ bucketName: 'b', prefix: 'in/', location: 'us' })).toMatchObject({ prefix: 'in/', location: 'us', filter: undefined, coalesceSeconds: undefined });
    expect(Trigger.onNewData('b')).toMatchObject({ filter: undefined, coalesceSeconds: undefined });
    expect(ObjectFilter.suffix('.csv')).toMatchObject({ kind: ObjectFilterKind.SUFFIX, value: '.csv' });
    expect(ObjectFilter.pattern('a+')).toMatchObject({ kind: ObjectFilterKind.PATTERN, value: 'a+' });
  });
});

describe('routes', () => {
  test('each filter becomes the route\'s pattern on the whole name, a window its length in seconds', () => {
    const routes = routesOf(synth([
      Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'daily/', filter: ObjectFilter.marker('_SUCCESS') }),
      Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'events/', filter: ObjectFilter.suffix('.json.gz'), coalesce: Duration.minutes(15) }),
      Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'shards/', filter: ObjectFilter.pattern('part-[0-9]{5}\\.tfrecord') }),
      Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'all/', coalesce: Duration.hours(24) }),
      Trigger.onNewData('acme-landing', 'raw/'),
    ]));
    expect(routes).toEqual([
      { bucket: 'acme-landing', prefix: 'daily/', pattern: '^daily/(.*/)?_SUCCESS$', job: 'train' },
      { bucket: 'acme-landing', prefix: 'events/', pattern: '^events/.*\\.json\\.gz$', job: 'train', window: 900 },
      { bucket: 'acme-landing', prefix: 'shards/', pattern: '^shards/(?:part-[0-9]{5}\\.tfrecord)$', job: 'train' },
      { bucket: 'acme-landing', prefix: 'all/', pattern: '^all/', job: 'train', window: 86_400 },
      { bucket: 'acme-landing', prefix: 'raw/', pattern: '^raw/', job: 'train' },
    ]);
    // What each pattern matches (these are in the subset where RE2 and JavaScript agree).
    const matches = (i: number, name: string) => new RegExp(routes[i].pattern).test(name);
    expect(matches(0, 'daily/day=2026-12-01/_SUCCESS')).toBe(true);
    expect(matches(0, 'daily/_SUCCESS')).toBe(true);
    expect(matches(0, 'daily/day=2026-12-01/part-0.csv')).toBe(false);
    expect(matches(0, 'daily/x_SUCCESS')).toBe(false);
    expect(matches(1, 'events/2026/12/01/e.json.gz')).toBe(true);
    expect(matches(1, 'events/e.json')).toBe(false);
    expect(matches(2, 'shards/part-00012.tfrecord')).toBe(true);
    expect(matches(2, 'shards/old/part-00012.tfrecord')).toBe(false);
    expect(matches(2, 'shards/part-00012.tfrecord.tmp')).toBe(false);
  });

  test('the launcher may list (and only list) each bucket a coalesced route watches, once per bucket, and launches wait for that grant', () => {
    const json = synth([
      Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'a/', coalesce: Duration.minutes(15) }),
      Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'b/', coalesce: Duration.hours(1) }),
      Trigger.onNewDataBatch({ bucketName: 'acme-other', prefix: 'c/', filter: ObjectFilter.marker('_SUCCESS') }),
    ]);
    expect(Object.values(json.resource!.google_project_iam_custom_role).filter((r: any) => r.role_id === 'ml_launcherDataLister'))
      .toEqual([expect.objectContaining({ permissions: ['storage.objects.list'] })]);
    const lister = interpolated(json, 'google_project_iam_custom_role', 'ml_launch_data-lister_', 'name');
    const grants = Object.entries(json.resource!.google_storage_bucket_iam_member).filter(([, g]: [string, any]) => g.role === lister);
    // The uncoalesced route's bucket gets no grant: its launches never list.
    expect(grants.map(([, g]: [string, any]) => g.bucket)).toEqual(['acme-landing']);
    const wait = Object.entries(json.resource!.time_sleep).find(([name]) => name.startsWith('ml_launch_grants-propagated_'))![1] as any;
    expect(JSON.stringify(wait.depends_on)).toContain(`google_storage_bucket_iam_member.${grants[0][0]}`);
  });

  test('the environment\'s bucket is filled in by Terraform, and one Eventarc trigger watches it for both routes', () => {
    const { stack, env } = environmentStack();
    new CustomTrainingJob(stack, 'train', {
      environment: env, workerPools: cpuPools(), code: gcsCode(),
      // Two routes of one job on one bucket and prefix, with overlapping filters: both stay.
      triggers: [
        Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'in/', filter: ObjectFilter.suffix('.csv') }),
        Trigger.onNewDataBatch({ bucketName: env.dataBucket.bucketName, prefix: 'in/', filter: ObjectFilter.marker('_SUCCESS'), coalesce: Duration.hours(1) }),
      ],
    });
    const json = JSON.parse(Testing.synth(stack));
    const source: string = onlyOfType(json, 'google_workflows_workflow').source_contents;
    expect(source.match(/(?<!\$)\$\{[^}]*\}/g)).toEqual([`\${${ref(json, 'google_storage_bucket', 'ml_data-bucket_', 'name')}}`, `\${${ref(json, 'google_storage_bucket', 'ml_data-bucket_', 'name')}}`]);
    expect(routesOf(json).map((r) => [r.pattern, r.window])).toEqual([['^in/.*\\.csv$', undefined], ['^in/(.*/)?_SUCCESS$', 3600]]);
    expect(Object.keys(json.resource.google_eventarc_trigger).filter((n) => n.includes('data'))).toHaveLength(1);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  test('a GKE job\'s batch routes reach the environment\'s launcher', () => {
    const fixture = gkeJobApp();
    gkeJob(fixture, { triggers: [Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix: 'frames/', filter: ObjectFilter.marker('_DONE'), coalesce: Duration.minutes(5) })] });
    Testing.synth(fixture.workloads);
    const routes = routesOf(JSON.parse(Testing.synth(fixture.platform)));
    expect(routes).toEqual([{ bucket: 'acme-landing', prefix: 'frames/', pattern: '^frames/(.*/)?_DONE$', job: 'train', window: 300 }]);
  });
});

describe('bad filters and windows', () => {
  const shared = environmentStack();
  let cases = 0;
  /** The error of a job `train` with `triggers`, in a fresh scope; its path. */
  const failure = (triggers: Trigger[]) => {
    const path = `test/case-${++cases}/train`;
    const error = thrown(() => new CustomTrainingJob(new Construct(shared.stack, `case-${cases}`), 'train', {
      environment: shared.env, workerPools: cpuPools(), code: gcsCode(), triggers,
    }));
    return { lines: error.message.split('\n'), path };
  };
  const batch = (filter?: ObjectFilter, coalesce?: Duration, prefix = 'in/') => Trigger.onNewDataBatch({ bucketName: 'acme-landing', prefix, filter, coalesce });

  test('every problem at once, each naming the field, the value and what is allowed', () => {
    const { lines, path } = failure([
      batch(ObjectFilter.marker('day=1/_SUCCESS')),
      batch(ObjectFilter.suffix('')),
      batch(ObjectFilter.pattern('(?!tmp).*')),
      batch(undefined, Duration.seconds(30)),
      batch(undefined, Duration.hours(25)),
      batch(undefined, Duration.seconds(90.5)),
      batch(ObjectFilter.pattern('^data/.*'), undefined, '/in/'),
    ]);
    expect(lines).toEqual([
      `${path}: triggers[0].filter.marker "day=1/_SUCCESS" is not valid: must be the last segment of the marker's name, without "/" ("_SUCCESS"; a directory goes in the prefix, and markers at any depth below it count)`,
      `${path}: triggers[1].filter.suffix "" is not valid: must not be empty (leave the filter out for every object)`,
      `${path}: triggers[2].filter.pattern "(?!tmp).*" is not valid: must be an RE2 expression matched as a whole: it has "(?!" at position 1: lookaheads are not RE2 (match the text itself, or use two filters of two triggers)`,
      `${path}: triggers[3].coalesce "30 seconds" is not valid: must be from 1 minute to 24 hours, in whole seconds`,
      `${path}: triggers[4].coalesce "25 hours" is not valid: must be from 1 minute to 24 hours, in whole seconds`,
      `${path}: triggers[5].coalesce "90.5 seconds" is not valid: must be from 1 minute to 24 hours, in whole seconds`,
      expect.stringContaining(`${path}: triggers[6].filter.pattern "^data/.*" is not valid: must be an RE2 expression matched as a whole: it has "^" at position 1, an anchor`),
      expect.stringContaining(`${path}: triggers[6].prefix "/in/" is not valid: must be an object name prefix, which does not start with "/"`),
    ]);
  });

  test.each([
    [ObjectFilter.marker(''), 'marker', 'must be an object name segment such as _SUCCESS, not empty'],
    [ObjectFilter.marker('*_SUCCESS'), 'marker', 'must be a literal name: wildcards are not patterns here'],
    [ObjectFilter.marker('..'), 'marker', 'Cloud Storage has no objects named . or ..'],
    [ObjectFilter.marker('${x}'), 'marker', 'must not contain "${"'],
    [ObjectFilter.suffix('*.csv'), 'suffix', 'must be literal text: wildcards are not patterns here (".csv", or use ObjectFilter.pattern)'],
    [ObjectFilter.suffix('a\nb'), 'suffix', 'no line breaks'],
    [ObjectFilter.pattern(''), 'pattern', 'must not be empty'],
    [ObjectFilter.pattern('(a)\\1'), 'pattern', 'backreferences are not RE2'],
    [ObjectFilter.pattern('a++'), 'pattern', 'possessive quantifier'],
    [ObjectFilter.pattern('(?>a)'), 'pattern', 'atomic groups are not RE2'],
    [ObjectFilter.pattern('.*\\.csv$'), 'pattern', 'an anchor'],
    [ObjectFilter.pattern('x${y}'), 'pattern', 'write \\x24{ for the characters'],
  ])('%o is refused at filter.%s', (filter, factory, allowed) => {
    const { lines, path } = failure([batch(filter)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${path}: triggers\\[0\\]\\.filter\\.${factory} .* is not valid: `));
    expect(lines[0]).toContain(allowed);
  });

  test('1 minute and 24 hours are accepted', () => {
    const { stack, env } = environmentStack();
    expect(() => new CustomTrainingJob(stack, 'train', {
      environment: env, workerPools: cpuPools(), code: gcsCode(),
      triggers: [batch(undefined, Duration.minutes(1), 'a/'), batch(undefined, Duration.hours(24), 'b/'), batch(ObjectFilter.pattern('(?i)[a-z]+\\.CSV'), undefined, 'c/')],
    })).not.toThrow();
  });

  test('a filter must be known at synth (the launcher\'s routes are written into its definition)', () => {
    const { lines, path } = failure([batch(ObjectFilter.suffix(shared.env.dataBucket.bucketName))]);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${path}: triggers\\[0\\]\\.filter\\.suffix ".*" is not valid: must be known at synth, not a Terraform reference`))]);
  });

  test('a filter or window on another kind of trigger is refused', () => {
    // Only onNewDataBatch makes one; a trigger built otherwise (from JavaScript) is checked all the same.
    const forged = Object.assign(Object.create(Trigger.prototype), { kind: TriggerKind.SCHEDULE, cron: '0 3 * * *', timeZone: 'Etc/UTC', filter: ObjectFilter.suffix('.csv') });
    const { lines, path } = failure([forged]);
    expect(lines).toEqual([`${path}: triggers[0].filter "SCHEDULE" is not valid: a filter and a coalescing window belong to Trigger.onNewDataBatch only`]);
  });

  test('from JavaScript: props of the wrong types are one-line errors naming the field', () => {
    const { lines, path } = failure([Trigger.onNewDataBatch({
      bucketName: 42, filter: { kind: 'MARKER', value: '_SUCCESS' }, coalesce: 600,
    } as any), Trigger.onNewDataBatch(undefined as any), Trigger.onNewDataBatch({ bucketName: 'b', filter: ObjectFilter.marker(7 as any) })]);
    expect(lines).toEqual([
      `${path}: triggers[0].bucketName 42 is not valid: must be a string (write "42")`,
      `${path}: triggers[0].filter {"kind":"MARKER","value":"_SUCCESS"} is not valid: must be an ObjectFilter (ObjectFilter.marker, suffix or pattern) (a plain object is not one: use the factory)`,
      `${path}: triggers[0].coalesce 600 is not valid: must be a Duration (Duration.seconds, minutes, hours or days)`,
      `${path}: triggers[1] undefined is not valid: must be an object (NewDataBatchProps) with bucketName`,
      `${path}: triggers[2].filter.marker 7 is not valid: must be a string (write "7")`,
    ]);
  });
});
