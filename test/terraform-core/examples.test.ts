import { createHash } from 'crypto';
import { Testing } from 'cdktf';
import { EXAMPLE_STACKS, EXAMPLES } from '../../examples/stacks';
import type { TerraformJson } from '../helpers/synth';
import { pubsubEvent, storageEvent } from '../helpers/google-fakes';
import { applyStack, describeWithTerraform, planStack, quotaDimensionsInfos, sliceStack, StackPlan, startAll } from '../helpers/terraform-core';
import { deployed, evaluate, Evaluated, iso, jobOf as jobOfManifest, nextSlot, objectNameFor, pausedJobs, routesOf } from './launch-path';

/**
 * Every example stack planned by Terraform core with stand-ins for the provider resources: the
 * plan must succeed (Terraform evaluated every local, function, for expression, escape and
 * condition), and what it evaluated must be what the deployed services will read.
 */

// Single-stack examples; the stacks of a multi-stack example (gke-training) share one launch path
// across stacks and are planned together in test/terraform-core/gke-training.test.ts.
const names = Object.keys(EXAMPLE_STACKS).filter((name) => name in EXAMPLES).sort();
const synthesized = new Map<string, TerraformJson>();
/**
 * An example stack, synthesized in-process on first use. The plans start as each stack is
 * synthesized, so Terraform plans one stack while the next one synthesizes.
 */
function stack(name: string): TerraformJson {
  if (!synthesized.has(name)) synthesized.set(name, JSON.parse(Testing.synth(EXAMPLE_STACKS[name](Testing.app(), name))));
  return synthesized.get(name)!;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `[address, body]` of every resource of a type in the synthesized stack. */
function resourcesOf(json: TerraformJson, type: string): [string, any][] {
  return Object.entries(json.resource?.[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body]);
}

/** The manifest objects (`jobs/<job>/<hash>.json`): objects whose name hashes their content. */
function manifestAddresses(json: TerraformJson): string[] {
  return resourcesOf(json, 'google_storage_bucket_object').filter(([, body]) => String(body.name).includes('sha256(')).map(([address]) => address);
}

/** The job of a manifest object, from its construct name (`<job>_manifest_<hash>`). */
function jobOf(address: string): string {
  const match = /\.(.+)_manifest_[0-9A-F]{8}$/.exec(address);
  if (!match) throw new Error(`not a manifest object address: ${address}`);
  return match[1];
}

/**
 * Whether a launch request (`{"manifest": NAME}` or `{"job": JOB, ...}`) names a manifest object of
 * the stack: by its evaluated object name, or by its job (whose manifests are `jobs/<job>/...`).
 */
function namesManifest(request: any, manifestNames: string[]): boolean {
  if (typeof request?.manifest === 'string') return manifestNames.includes(request.manifest);
  if (typeof request?.job === 'string') return manifestNames.some((name) => name.startsWith(`jobs/${request.job}/`));
  return false;
}

/** The quota lookups of a stack: global data sources and those scoped to check blocks. */
function quotaLookups(json: TerraformJson): { address: string; check?: string }[] {
  const type = 'google_cloud_quotas_quota_info';
  return [
    ...Object.keys(json.data?.[type] ?? {}).map((n) => ({ address: `data.${type}.${n}` })),
    ...Object.entries(json.check ?? {}).flatMap(([check, block]: [string, any]) => Object.keys(block.data?.[type] ?? {}).map((n) => ({ address: `data.${type}.${n}`, check }))),
  ];
}

/** Every string leaf of a value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** A nested block as the JSON holds it: an object, or a one-element list of it. */
const block = (value: any): any => (Array.isArray(value) ? value[0] : value);

describeWithTerraform('examples under Terraform core', () => {
  const plans = startAll(Object.fromEntries(names.map((name) => [name, () => planStack(stack(name))])));

  describe.each(names)('%s', (name) => {
    let json: TerraformJson;
    beforeAll(() => {
      json = stack(name);
    });

    test('plans without errors, warnings or failed checks', () => {
      const plan = plans[name];
      expect(plan.errors).toEqual([]);
      expect(plan.warnings).toEqual([]);
      expect(plan.checks.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    });

    test('plans every resource exactly once, as a creation', () => {
      const declared = Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
      const planned = plans[name].changes;
      expect(planned.map((c) => c.address).sort()).toEqual(declared);
      expect(planned.filter((c) => c.action !== 'create')).toEqual([]);
    });

    test('resolves every reference to a declaration', () => {
      // The transform throws on an undeclared reference and Terraform on anything it cannot
      // evaluate; this also checks that the transform saw references at all.
      const { references } = plans[name].standIn;
      expect(references.length).toBeGreaterThan(50);
      expect(references.filter((r) => r.address.startsWith('data.')).length).toBeGreaterThan(0);
    });

    test('leaves no escape unevaluated: no $${ or %%{ in any evaluated value', () => {
      const plan = plans[name];
      const leftovers = plan.addresses.flatMap((address) => strings(plan.values(address), address))
        .concat(strings(plan.locals, 'local'), strings(plan.outputs, 'output'))
        .filter(([, text]) => text.includes('$${') || text.includes('%%{'))
        .map(([path]) => path);
      expect(leftovers).toEqual([]);
    });

    test('names each manifest object by the sha256 of its evaluated content (an on-change one after its launch hash and apply-time values)', () => {
      const manifests = manifestAddresses(json);
      expect(manifests.length).toBeGreaterThan(0);
      for (const address of manifests) {
        const { name: objectName, content, content_type: contentType } = plans[name].values(address);
        const job = jobOf(address);
        expect(objectName).toMatch(new RegExp(`^jobs/${job}/[0-9a-f]{64}\\.json$`));
        if (JSON.parse(content).launchOnChange) {
          // <24: launch hash, at synth><16: the apply-time values the launch-inputs local lists><24: the content>.
          const synthesized = String(resourcesOf(json, 'google_storage_bucket_object').find(([a]) => a === address)![1].name);
          const launchHash = /^jobs\/[a-z0-9-]+\/([0-9a-f]{24})\$\{/.exec(synthesized)![1];
          const inputs = Object.entries(plans[name].locals).find(([local]) => local.endsWith('_launch_inputs') && synthesized.includes(`local.${local})`))![1];
          expect(objectName).toBe(`jobs/${job}/${launchHash}${sha256(JSON.stringify(inputs)).slice(0, 16)}${sha256(content).slice(0, 24)}.json`);
        } else {
          expect(objectName).toBe(`jobs/${job}/${sha256(content)}.json`);
        }
        expect(contentType).toBe('application/json');
        const manifest = JSON.parse(content);
        expect(manifest.body).toEqual(expect.any(Object));
        expect(manifest.outputPrefix).toMatch(/^gs:\/\/[a-z0-9-]+\/jobs\//);
      }
    });

    test('gives the launch workflow JSON source with Workflows expressions and no Terraform escapes', () => {
      const workflows = resourcesOf(json, 'google_workflows_workflow');
      expect(workflows.length).toBe(1);
      const source: string = plans[name].values(workflows[0][0]).source_contents;
      expect(() => JSON.parse(source)).not.toThrow();
      expect(source).not.toContain('$${');
      expect(source).toContain('${'); // Workflows' own expressions, which Terraform must not evaluate
    });

    test('schedules publish a request naming a manifest object of the stack, to a topic of the stack', () => {
      const schedules = resourcesOf(json, 'google_cloud_scheduler_job');
      const manifestNames = manifestAddresses(json).map((address) => plans[name].values(address).name);
      for (const [address] of schedules) {
        const target = block(plans[name].values(address).pubsub_target);
        const request = JSON.parse(Buffer.from(target.data, 'base64').toString('utf8'));
        expect({ address, request, names: namesManifest(request, manifestNames) }).toEqual({ address, request, names: true });
        const topics = resourcesOf(json, 'google_pubsub_topic').map(([topic]) => plans[name].values(topic));
        expect(topics.map((t) => `projects/${t.project}/topics/${t.name}`)).toContain(target.topic_name);
      }
    });

    test('launch-command outputs run the evaluated workflow with a request naming a manifest object', () => {
      const manifestNames = manifestAddresses(json).map((address) => plans[name].values(address).name);
      const [workflow] = resourcesOf(json, 'google_workflows_workflow').map(([address]) => plans[name].values(address).name);
      const commands = Object.entries(plans[name].outputs).filter(([output]) => output.endsWith('_launch_command'));
      expect(commands.length).toBe(manifestNames.length);
      for (const [output, command] of commands) {
        const match = /^gcloud workflows run (\S+) .*--data='(.*)'$/.exec(String(command));
        expect({ output, command, parsed: match !== null }).toEqual({ output, command, parsed: true });
        expect(match![1]).toBe(workflow);
        expect(namesManifest(JSON.parse(match![2]), manifestNames)).toBe(true);
      }
    });
  });

  /**
   * The launch path of every example, as Terraform evaluates it, executed: the manifests are
   * written to a fake staging bucket, and the evaluated workflow runs in the Workflows interpreter
   * for each way a job starts (by hand, each schedule firing — twice —, each deploy of an on-change
   * manifest — twice —, each data route). Every launch must create exactly one Vertex AI job whose
   * body the v1 protos accept, and every second delivery must create none.
   */
  describe('the evaluated launch path, executed', () => {

  test('the examples together exercise every trigger kind', () => {
    const all = names.map((name) => evaluate(plans[name], stack(name)));
    expect(all.flatMap((e) => e.schedules).length).toBeGreaterThan(0);
    expect(all.flatMap((e) => e.manifests).filter((m) => JSON.parse(m.content).launchOnChange).length).toBeGreaterThan(0);
    expect(all.flatMap((e) => routesOf(e)).length).toBeGreaterThan(0);
  });

  describe.each(names)('%s', (name) => {
    let evaluated: Evaluated;
    beforeAll(() => {
      evaluated = evaluate(plans[name], stack(name));
    });

    test('each job launched by hand: one valid job, its current manifest', () => {
      const google = deployed(evaluated);
      for (const manifest of evaluated.manifests) {
        const run = google.run(evaluated.definition, { job: jobOfManifest(manifest.name) }, undefined, evaluated.env);
        expect({ job: jobOfManifest(manifest.name), error: run.error }).toEqual({ job: jobOfManifest(manifest.name), error: undefined });
        expect((run.result as any).outcomes[0]).toMatchObject({ status: 'launched', manifest: manifest.name });
      }
      expect(google.vertex.jobs).toHaveLength(evaluated.manifests.length);
      expect(google.vertex.invalidBodies).toEqual([]);
    });

    test('each schedule\'s evaluated payload, fired twice for one slot: one job', () => {
      const google = deployed(evaluated);
      for (const [i, payload] of evaluated.schedules.entries()) {
        const slot = nextSlot(payload.cron, payload.timeZone, google.clock.now());
        for (const [delay, id] of [[2.5, `${i}-a`], [41, `${i}-b`]] as const) {
          const run = google.run(evaluated.definition, pubsubEvent(payload, iso(slot + delay), id), undefined, evaluated.env);
          expect(run.error).toBeUndefined();
        }
      }
      // A paused job's schedule is paused in Cloud Scheduler; fired all the same, it launches nothing.
      expect(google.vertex.jobs).toHaveLength(evaluated.schedules.filter((p) => !pausedJobs(evaluated).has(p.job)).length);
      expect(google.vertex.invalidBodies).toEqual([]);
    });

    test('each on-change manifest\'s deploy, delivered twice: one job (none while paused); other manifests start nothing on change', () => {
      const google = deployed(evaluated);
      const paused = pausedJobs(evaluated);
      let launching = 0;
      for (const manifest of evaluated.manifests) {
        const object = google.storage.live(evaluated.env.staging, manifest.name)!;
        const onChange = JSON.parse(manifest.content).launchOnChange === true;
        if (onChange && !paused.has(jobOfManifest(manifest.name))) launching++;
        for (const id of ['first', 'again']) {
          const run = google.run(evaluated.definition, storageEvent(object, `${manifest.name}-${id}`), undefined, evaluated.env);
          expect(run.error).toBeUndefined();
          if (onChange && paused.has(jobOfManifest(manifest.name))) {
            expect((run.result as any).outcomes).toEqual([expect.objectContaining({ status: 'ignored', note: 'the job is paused' })]);
          }
        }
      }
      expect(google.vertex.jobs).toHaveLength(launching);
      expect(google.vertex.invalidBodies).toEqual([]);
    });

    test('each evaluated data route: an object it matches launches its job once (a window\'s after the window), which receives the object', () => {
      const google = deployed(evaluated);
      const routes = routesOf(evaluated);
      const paused = pausedJobs(evaluated);
      for (const [i, route] of routes.entries()) {
        expect(route.bucket).toMatch(/^[a-z0-9][a-z0-9._-]+$/);
        const object = google.storage.put(route.bucket, objectNameFor(route, i), 'a,b\n', 'text/csv');
        for (const id of ['first', 'again']) {
          expect(google.run(evaluated.definition, storageEvent(object, `${i}-${id}`), undefined, evaluated.env).error).toBeUndefined();
        }
      }
      const launched = routes.filter((r) => !paused.has(r.job));
      expect(google.vertex.jobs).toHaveLength(launched.length);
      for (const [i, job] of google.vertex.jobs.entries()) {
        const route = launched[i];
        const env = JSON.stringify(job.body).match(/"name":"VT_TRIGGER_OBJECTS","value":"((?:[^"\\]|\\.)*)"/);
        expect(env && JSON.parse(JSON.parse(`"${env[1]}"`))).toEqual([`gs://${route.bucket}/${objectNameFor(route, routes.indexOf(route))}`]);
      }
      expect(google.vertex.invalidBodies).toEqual([]);
    });
  });
  });
});

describeWithTerraform('live quota at plan time under Terraform core (distributed-gpu)', () => {
  const full = stack('distributed-gpu');
  const lookups = quotaLookups(full);
  /**
   * The stack's quota machinery, unchanged: its check blocks and gates (terraform_data with
   * preconditions) with everything they read. The whole stack is planned, with the default fakes,
   * by the examples suite; each live value here needs only this part.
   */
  const gates = Object.entries(full.resource?.terraform_data ?? {}).filter(([, body]) => body.lifecycle?.precondition).map(([name]) => `terraform_data.${name}`);
  const json = sliceStack(full, [
    ...new Set(lookups.map((l) => (l.check ? `check.${l.check}` : l.address))),
    ...gates,
  ]);
  /** The plan with every quota lookup of the stack answering `values`. */
  const withQuota = (values: Parameters<typeof quotaDimensionsInfos>[0]): Promise<StackPlan> => planStack(json, {
    fakes: Object.fromEntries(lookups.map((l) => [l.address, { dimensions_infos: quotaDimensionsInfos(values) }])),
    allowFailure: true,
  });
  /** Whether the quota shortfall message is reported: as a plan error (a gate's precondition) or as a check warning. */
  const shortfall = (plan: StackPlan): { errors: number; warnings: number } => ({
    errors: plan.errors.filter((d) => d.detail.includes("below this stack's peak demand of 32")).length,
    warnings: plan.warnings.filter((d) => d.summary === 'Check block assertion failed' && d.detail.includes("below this stack's peak demand of 32")).length,
  });
  /** What a shortfall must look like: gated lookups fail the plan, check-scoped ones warn. */
  const expected = { errors: lookups.filter((l) => !l.check).length, warnings: lookups.filter((l) => l.check).length };
  const labels = ['regional 8 over default 1000', 'regional 32', 'default 16', 'unlimited', 'regional 64 over default 0'] as const;
  const plans = startAll({
    [labels[0]]: () => withQuota({ regions: { 'us-central1': 8 }, default: 1000 }),
    [labels[1]]: () => withQuota({ regions: { 'us-central1': 32 } }),
    [labels[2]]: () => withQuota({ default: 16 }),
    [labels[3]]: () => withQuota({ default: -1 }),
    [labels[4]]: () => withQuota({ regions: { 'us-central1': 64 }, default: 0 }),
  });

  test('the stack reads live quota at plan time', () => {
    expect(lookups.length).toBeGreaterThan(0);
    expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0); // what the lookups depend on
  });

  test('a regional value below the peak demand is reported, by a failed plan or a check warning', () => {
    expect(shortfall(plans['regional 8 over default 1000'])).toEqual(expected);
    expect(plans['regional 8 over default 1000'].ok).toBe(expected.errors === 0);
  });

  test('without a regional entry the default applies; with one, the regional value wins', () => {
    expect(shortfall(plans['default 16'])).toEqual(expected);
    expect(shortfall(plans['regional 64 over default 0'])).toEqual({ errors: 0, warnings: 0 });
  });

  test('a value equal to the demand, or unlimited (-1), passes', () => {
    expect(plans['regional 32'].diagnostics).toEqual([]);
    expect(plans['unlimited'].diagnostics).toEqual([]);
  });
});

describeWithTerraform('redeploying quickstart under Terraform core', () => {
  const v1 = stack('quickstart');
  /** Version 2: the same stack with one training argument changed. */
  const v2: TerraformJson = JSON.parse(JSON.stringify(v1).replace('"--trees=200"', '"--trees=300"'));
  const applied = applyStack(v1);
  const plans = startAll({
    again: async () => planStack(v1, { state: (await applied).state }),
    changed: async () => planStack(v2, { state: (await applied).state }),
  });
  const again = (): StackPlan => plans.again;
  const changed = (): StackPlan => plans.changed;

  test('version 2 differs from version 1', () => {
    expect(JSON.stringify(v2)).not.toBe(JSON.stringify(v1));
  });

  test('planning the applied version again changes nothing', () => {
    expect(again().changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  });

  test('a changed job argument replaces its manifest object, and updates in place only what reads it', () => {
    const manifest = manifestAddresses(v1)[0];
    const readers = new Set(changed().standIn.references.filter((r) => r.address === manifest).map((r) => r.where));
    const actions = Object.fromEntries(changed().changes.filter((c) => c.action !== 'no-op').map((c) => [c.address, c.action]));
    expect(actions[manifest]).toBe('replace');
    expect(changed().change(manifest).replacedBy).toEqual(['content', 'name']);
    const others = Object.entries(actions).filter(([address]) => address !== manifest);
    expect(others.filter(([address, action]) => !readers.has(address) || action !== 'update')).toEqual([]);
  });

  test('the manifest object is replaced in the order its lifecycle declares', () => {
    const manifest = manifestAddresses(v1)[0];
    const declared = v1.resource!.google_storage_bucket_object[manifest.split('.')[1]].lifecycle?.create_before_destroy === true;
    expect(changed().change(manifest).order).toBe(declared ? 'create-before-destroy' : 'destroy-before-create');
  });
});
