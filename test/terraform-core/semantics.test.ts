import { createHash } from 'crypto';
import type { TerraformJson } from '../helpers/synth';
import { applyStack, describeWithTerraform, planStack, quotaDimensionsInfos, StackPlan, startAll } from '../helpers/terraform-core';

/**
 * What Terraform core itself decides, on small stacks: evaluation of templates and escapes,
 * conditions, check blocks, cycles, and the replacement order on a redeploy.
 */

/** A stack with a google provider and the given blocks. */
function stack(blocks: Partial<TerraformJson>): TerraformJson {
  return { provider: { google: [{ project: 'p1', region: 'us-central1' }] }, ...blocks };
}

const topic = (name: string, extra: object = {}): object => ({ name, labels: { team: 'ml' }, ...extra });

/** Applies `v1`, then plans `v2` against its state. */
async function redeploy(v1: TerraformJson, v2: TerraformJson): Promise<StackPlan> {
  const { state } = await applyStack(v1);
  return planStack(v2, { state, allowFailure: true });
}

/** A string with everything a JSON template can hold, and its value once Terraform evaluated it. */
const tricky = `line "one" \\ back\n\ttab $\${AIP_MODEL_DIR} %%{ not a directive } $$\${x} ünïcødé ✓ {} }{`;
const trickyValue = 'line "one" \\ back\n\ttab ${AIP_MODEL_DIR} %{ not a directive } $${x} ünïcødé ✓ {} }{';
const long = `${tricky}\n`.repeat(80);
const longValue = `${trickyValue}\n`.repeat(80);

describeWithTerraform('Terraform core semantics through stand-ins', () => {
  const plans = startAll({
    evaluation: () => planStack(stack({
      data: { google_cloud_quotas_quota_info: { q: { parent: 'projects/p1', service: 'aiplatform.googleapis.com', quota_id: 'Q' } } },
      locals: {
        escapes: tricky,
        nested: '${format("%s/%s", "a\\"b", "c-${upper(google_pubsub_topic.t.name)}")}',
        live: '${[for d in data.google_cloud_quotas_quota_info.q.dimensions_infos : tonumber(d.details[0].value) if lookup(d.dimensions, "region", "") == "us-central1"]}',
        directive: '%{ for l in ["a", "b"] }<${l}>%{ endfor }%{ if true }yes%{ else }no%{ endif }',
        id: '${google_pubsub_topic.t.id}',
        hashed: '${sha256(jsonencode({ "k" = "$${v}" }))}',
      },
      resource: { google_pubsub_topic: { t: topic('requests', { description: long }) } },
    }), { fakes: { 'data.google_cloud_quotas_quota_info.q': { dimensions_infos: quotaDimensionsInfos({ regions: { 'us-central1': 7, 'europe-west4': 9 } }) } } }),
    cycle: () => planStack(stack({
      resource: { google_pubsub_topic: { a: topic('a', { labels: { peer: '${google_pubsub_topic.b.id}' } }), b: topic('b', { labels: { peer: '${google_pubsub_topic.a.id}' } }) } },
    }), { allowFailure: true }),
    precondition: () => planStack(stack({
      locals: { limit: 4 },
      resource: { google_pubsub_topic: { t: topic('t', { lifecycle: { precondition: [{ condition: '${local.limit >= 8}', error_message: 'limit ${local.limit} is below 8' }] } }) } },
    }), { allowFailure: true }),
    invalid: () => planStack(stack({
      resource: { google_pubsub_topic: { t: topic('t', { lifecycle: { precondition: [{ condition: '${false}', error_message: 'constant' }] } }) } },
    }), { allowFailure: true }),
    checks: () => planStack(stack({
      resource: { google_pubsub_topic: { t: topic('t') } },
      check: {
        named: { assert: [{ condition: '${startswith(google_pubsub_topic.t.id, "projects/other/")}', error_message: 'topic ${google_pubsub_topic.t.id} is not in project other' }] },
        quota: {
          data: { google_cloud_quotas_quota_info: { q: { parent: 'projects/p1', service: 's', quota_id: 'Q' } } },
          assert: [{ condition: '${tonumber(data.google_cloud_quotas_quota_info.q.dimensions_infos[0].details[0].value) >= 8}', error_message: 'quota below 8' }],
        },
      },
    }), { fakes: { 'data.google_cloud_quotas_quota_info.q': { dimensions_infos: quotaDimensionsInfos({ default: 2 }) } } }),
    counted: () => planStack(stack({
      resource: { google_pubsub_topic: { t: { count: 2, name: 't-${count.index}' } } },
      output: { second: { value: '${google_pubsub_topic.t[1].id}' }, all: { value: '${google_pubsub_topic.t[*].id}' } },
    })),
    createBeforeDestroy: () => redeploy(
      stack({ resource: { google_pubsub_topic: { t: topic('a', { lifecycle: { create_before_destroy: true } }) } } }),
      stack({ resource: { google_pubsub_topic: { t: topic('b', { lifecycle: { create_before_destroy: true } }) } } }),
    ),
    destroyBeforeCreate: () => redeploy(
      stack({ resource: { google_pubsub_topic: { t: topic('a'), reader: topic('r', { labels: { of: '${google_pubsub_topic.t.name}' } }) } } }),
      stack({ resource: { google_pubsub_topic: { t: topic('b'), reader: topic('r', { labels: { of: '${google_pubsub_topic.t.name}' } }) } } }),
    ),
    inPlace: () => redeploy(
      stack({ resource: { google_pubsub_topic: { t: topic('a') } } }),
      stack({ resource: { google_pubsub_topic: { t: topic('a', { labels: { team: 'vision' } }) } } }),
    ),
    removed: () => redeploy(
      stack({ resource: { google_pubsub_topic: { t: topic('a'), gone: topic('g') } } }),
      stack({ resource: { google_pubsub_topic: { t: topic('a') } } }),
    ),
    ignored: () => redeploy(
      stack({ resource: { google_pubsub_topic: { t: topic('a', { lifecycle: { ignore_changes: ['labels'] } }) } } }),
      stack({ resource: { google_pubsub_topic: { t: topic('a', { labels: { team: 'vision' }, lifecycle: { ignore_changes: ['labels'] } }) } } }),
    ),
    protected: () => redeploy(
      stack({ resource: { google_pubsub_topic: { t: topic('a', { lifecycle: { prevent_destroy: true } }) } } }),
      stack({ resource: { google_pubsub_topic: { t: topic('b', { lifecycle: { prevent_destroy: true } }) } } }),
    ),
    sleepTriggers: () => redeploy(
      stack({ resource: { time_sleep: { s: { create_duration: '30s', triggers: { grant: 'a' }, provider: 'time' } } }, provider: { google: [{}], time: [{}] } }),
      stack({ resource: { time_sleep: { s: { create_duration: '30s', triggers: { grant: 'b' }, provider: 'time' } } }, provider: { google: [{}], time: [{}] } }),
    ),
    sleepDuration: () => redeploy(
      stack({ resource: { time_sleep: { s: { create_duration: '30s', provider: 'time' } } }, provider: { google: [{}], time: [{}] } }),
      stack({ resource: { time_sleep: { s: { create_duration: '90s', provider: 'time' } } }, provider: { google: [{}], time: [{}] } }),
    ),
  });

  describe('evaluation', () => {
    test('escapes become their literals; everything else of the string is kept', () => {
      expect(plans.evaluation.locals.escapes).toBe(trickyValue);
      expect(plans.evaluation.values('google_pubsub_topic.t').description).toBe(longValue);
    });

    test('nested templates, quotes inside strings, functions and directives', () => {
      expect(plans.evaluation.locals.nested).toBe('a"b/c-REQUESTS');
      expect(plans.evaluation.locals.directive).toBe('<a><b>yes');
      expect(plans.evaluation.locals.hashed).toBe(createHash('sha256').update('{"k":"${v}"}').digest('hex'));
    });

    test('for expressions over a data source read its fake (overridden here)', () => {
      expect(plans.evaluation.locals.live).toEqual([7]);
    });

    test('computed attributes come from the fake table, in the provider\'s formats', () => {
      expect(plans.evaluation.locals.id).toBe('projects/p1/topics/requests');
    });

    test('count: one stand-in per instance; instance keys index the fake', () => {
      expect(plans.counted.addresses).toEqual(['google_pubsub_topic.t[0]', 'google_pubsub_topic.t[1]']);
      expect(plans.counted.values('google_pubsub_topic.t[1]')).toEqual({ name: 't-1' });
      expect(plans.counted.outputs).toEqual({ second: 'projects/p1/topics/t-1', all: ['projects/p1/topics/t-0', 'projects/p1/topics/t-1'] });
    });
  });

  describe('conditions and checks', () => {
    test('a cycle between resources is reported by Terraform, with the original addresses', () => {
      expect(plans.cycle.ok).toBe(false);
      expect(plans.cycle.errorText).toMatch(/Cycle: .*google_pubsub_topic\.[ab]/);
    });

    test('an invalid configuration fails the plan', () => {
      expect(plans.invalid.ok).toBe(false);
      expect(plans.invalid.errorText).toContain('Invalid precondition expression');
    });

    test('a failed precondition fails the plan; its message is returned', () => {
      expect(plans.precondition.ok).toBe(false);
      expect(plans.precondition.errorText).toContain('limit 4 is below 8');
      expect(() => plans.precondition.changes).toThrow(/the plan failed/);
    });

    test('without allowFailure a failed plan throws', async () => {
      const failing = stack({ locals: { never: false }, resource: { google_pubsub_topic: { t: topic('t', { lifecycle: { precondition: [{ condition: '${local.never}', error_message: 'never' }] } }) } } });
      await expect(planStack(failing)).rejects.toThrow(/terraform plan failed[\s\S]*never/);
    });

    test('failed check assertions, also with scoped data sources, are warnings of a successful plan', () => {
      const plan = plans.checks;
      expect(plan.ok).toBe(true);
      // Terraform evaluates check blocks concurrently: their order varies.
      expect(plan.warnings.map((w) => [w.summary, w.detail]).sort()).toEqual([
        ['Check block assertion failed', 'quota below 8'],
        ['Check block assertion failed', 'topic projects/p1/topics/t is not in project other'],
      ]);
      expect(plan.checks.filter((c) => c.kind === 'check').map((c) => [c.address, c.status, c.problems]).sort()).toEqual([
        ['check.named', 'fail', ['topic projects/p1/topics/t is not in project other']],
        ['check.quota', 'fail', ['quota below 8']],
      ]);
    });
  });

  describe('redeploys', () => {
    test('a ForceNew change replaces, creating first under create_before_destroy', () => {
      const change = plans.createBeforeDestroy.change('google_pubsub_topic.t');
      expect([change.action, change.order, change.replacedBy]).toEqual(['replace', 'create-before-destroy', ['name']]);
    });

    test('without it, destroys first; a reader of the replaced resource is updated', () => {
      expect(plans.destroyBeforeCreate.change('google_pubsub_topic.t').order).toBe('destroy-before-create');
      expect(plans.destroyBeforeCreate.change('google_pubsub_topic.reader')).toMatchObject({ action: 'update', after: { labels: { of: 'b' } } });
    });

    test('a change of an updatable argument is an update in place', () => {
      expect(plans.inPlace.change('google_pubsub_topic.t')).toMatchObject({ action: 'update', before: { labels: { team: 'ml' } }, after: { labels: { team: 'vision' } } });
    });

    test('a resource removed from the stack is planned for deletion, by its original address', () => {
      expect(plans.removed.changes.map((c) => [c.address, c.action])).toEqual([['google_pubsub_topic.gone', 'delete'], ['google_pubsub_topic.t', 'no-op']]);
    });

    test('ignore_changes is honoured', () => {
      expect(plans.ignored.action('google_pubsub_topic.t')).toBe('no-op');
    });

    test('prevent_destroy refuses a replacement', () => {
      expect(plans.protected.ok).toBe(false);
      expect(plans.protected.errorText).toContain('Instance cannot be destroyed');
    });

    test('time_sleep: new triggers replace it (a new delay); a new create_duration alone does not', () => {
      expect(plans.sleepTriggers.action('time_sleep.s')).toBe('replace');
      expect(plans.sleepDuration.action('time_sleep.s')).toBe('update');
    });
  });
});
