import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { EXAMPLE_STACKS, EXAMPLES } from '../examples/stacks';
import { crdProblems } from './helpers/kubernetes-crds';
import { validateAgainstProto } from './helpers/proto-schema';
import { interpolations, unresolvedReferences } from './helpers/references';
import { TerraformJson } from './helpers/synth';

const EXAMPLES_DIR = join(__dirname, '..', 'examples');

function synthExample(name: string): string {
  const app = Testing.app();
  return Testing.synth(EXAMPLE_STACKS[name](app, name));
}

const names = Object.keys(EXAMPLE_STACKS).sort();

describe('examples', () => {
  test('every examples/<name>/ folder is registered, as the stack <name> or the stacks <name>-<part>', () => {
    const folders = readdirSync(EXAMPLES_DIR).filter((entry) => statSync(join(EXAMPLES_DIR, entry)).isDirectory()).sort();
    expect(Object.keys(EXAMPLES).sort()).toEqual(folders);
    for (const name of names) expect(folders.filter((folder) => name === folder || name.startsWith(`${folder}-`))).toHaveLength(1);
  });

  describe.each(names)('%s', (name) => {
    const synthesized = synthExample(name);
    const json: TerraformJson = JSON.parse(synthesized);

    test('matches its snapshot', () => {
      expect(json).toMatchSnapshot();
    });

    test('synthesizes byte-identically twice', () => {
      expect(synthExample(name)).toBe(synthesized);
    });

    test('every ${...}, depends_on and provider alias resolves to a declaration', () => {
      expect(unresolvedReferences(json)).toEqual([]);
    });

    test('contains no machine-specific path', () => {
      expect(synthesized).not.toContain(process.cwd());
    });

    test('every request body is valid: Vertex AI bodies against the official v1 schema, JobSets against their CRD', () => {
      const bodies = requestBodies(json);
      // The platform and add-ons stacks of a multi-stack example declare no job.
      if (!/-(platform|addons)$/.test(name)) expect(bodies.length).toBeGreaterThan(0);
      for (const { name, kind, body } of bodies) {
        if (kind === 'JobSet') {
          // The launcher names each run's JobSet (see README, Launching on GKE).
          expect({ name, problems: crdProblems({ ...body, metadata: { ...body.metadata, name: 'vt-0123456789abcdef0123' } }) }).toEqual({ name, problems: [] });
          continue;
        }
        expect({ name, problems: validateAgainstProto(kind, body) }).toEqual({ name, problems: [] });
        if (kind === 'TrainingPipeline') {
          const inputs = body.trainingTaskInputs;
          const problems = 'trialJobSpec' in inputs
            ? [...validateAgainstProto('StudySpec', inputs.studySpec), ...validateAgainstProto('CustomJobSpec', inputs.trialJobSpec)]
            : validateAgainstProto('CustomJobSpec', inputs);
          expect({ name, problems }).toEqual({ name, problems: [] });
        }
      }
    });
  });
});

/** The request bodies of an example: each job's local, with the kind named by its manifest local. */
function requestBodies(json: TerraformJson): { name: string; kind: string; body: any }[] {
  const locals = json.locals ?? {};
  return Object.keys(locals)
    .filter((name) => locals[`${name}_manifest`] !== undefined)
    .map((name) => ({ name, kind: locals[`${name}_manifest`].kind, body: locals[name] }));
}

describe('quota planning in the examples', () => {
  test('distributed-gpu requests what exceeds its limit, and checks that quota at plan time without blocking the plan', () => {
    const json: TerraformJson = JSON.parse(synthExample('distributed-gpu'));
    // The quota it requests is checked by a check block (a warning), never by a precondition.
    const checks = Object.values<any>(json.check ?? {});
    expect(checks.map((c) => Object.values<any>(c.data.google_cloud_quotas_quota_info)[0].quota_id)).toEqual(['CustomModelTrainingPreemptibleA100GPUsPerProjectPerRegion']);
    expect(checks[0].assert[0].condition).toMatch(/>= 32\}$/);
    const gate: any = Object.values(json.resource?.terraform_data ?? {})[0];
    expect(gate.lifecycle?.precondition ?? []).toEqual([]);
    expect(Object.values(json.resource?.google_cloud_quotas_quota_preference ?? {})).toEqual([
      expect.objectContaining({ quota_id: 'CustomModelTrainingPreemptibleA100GPUsPerProjectPerRegion', quota_config: { preferred_value: '32' } }),
    ]);
  });

  test('hyperparameter-tuning counts parallel trials in its quota plan', () => {
    const stack = EXAMPLE_STACKS['hyperparameter-tuning'](Testing.app(), 'hyperparameter-tuning') as any;
    expect(stack.environment.quotas.plan()).toEqual(expect.arrayContaining([
      expect.objectContaining({ metric: 'custom_model_training_nvidia_t4_gpus', demand: 5, limit: 12, contributions: ['classifier-search=5'] }),
    ]));
  });
});

describe('reference checker', () => {
  test('finds interpolations, nested ones and skips escaped literals', () => {
    expect(interpolations('a ${google_x.y.id} b $${AIP_MODEL_DIR} ${format("%s", var.v)}')).toEqual([
      'google_x.y.id',
      'format("%s", var.v)',
    ]);
  });

  test('reports references to undeclared resources, data sources, variables, locals and providers', () => {
    const json: TerraformJson = {
      provider: { google: [{}] },
      variable: { declared: {} },
      resource: {
        google_a: { one: { name: '${google_a.two.id}', other: '${var.missing} ${var.declared} ${local.nope}', provider: 'google-beta.x' } },
      },
      data: { google_b: { d: { depends_on: ['google_a.three'], x: '${data.google_b.e.name} "${google_a.one.id}"' } } },
    };
    expect(unresolvedReferences(json)).toEqual([
      'google_a.one: provider google-beta.x is not configured',
      'google_a.one.name: ${google_a.two.id} refers to undeclared google_a.two',
      'google_a.one.other: ${var.missing} refers to undeclared var.missing',
      'google_a.one.other: ${local.nope} refers to undeclared local.nope',
      'data.google_b.d: depends_on google_a.three is not declared',
      'data.google_b.d.x: ${data.google_b.e.name} refers to undeclared data.google_b.e',
    ]);
  });

  test('reports objects stringified into Terraform and unresolved tokens', () => {
    const json: TerraformJson = { resource: { google_a: { one: { a: '${jsonencode([object Object])}', b: 'x-${TfToken[TOKEN.7]}' } } } };
    expect(unresolvedReferences(json)).toEqual([
      'google_a.one.a: unrendered value in "${jsonencode([object Object])}"',
      'google_a.one.b: unrendered value in "x-${TfToken[TOKEN.7]}"',
    ]);
  });

  test('skips the iteration variables of for expressions, not what they iterate over', () => {
    const json: TerraformJson = {
      locals: { live: '${one([for d in data.google_q.info.dimensions_infos : d.details[0].value if lookup(d.dimensions, "region", "") == "x"])}' },
      resource: { google_a: { one: { v: '${[for k, v in var.m : v.name]}' } } },
    };
    expect(unresolvedReferences(json)).toEqual([
      'google_a.one.v: ${[for k, v in var.m : v.name]} refers to undeclared var.m',
      'locals.live: ${one([for d in data.google_q.info.dimensions_infos : d.details[0].value if lookup(d.dimensions, "region", "") == "x"])} refers to undeclared data.google_q.info',
    ]);
  });
});
