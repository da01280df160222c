import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { EXAMPLE_STACKS, EXAMPLES } from '../../examples/stacks';
import { pubsubEvent, storageEvent } from '../helpers/google-fakes';
import type { FakeGoogle, FakeJobSet } from '../helpers/google-fakes';
import { crdProblems } from '../helpers/kubernetes-crds';
import type { TerraformJson } from '../helpers/synth';
import { describeWithTerraform, planStack, StackPlan, startAll } from '../helpers/terraform-core';
import type { GkeClusterRef } from '../helpers/workflows';
import { deployed, evaluateAcross, Evaluated, iso, jobOf, nextSlot } from './launch-path';
import { kubernetesExpand } from '../helpers/kubernetes-expansion';

/**
 * The GKE example's three stacks under Terraform core (the single-stack examples are in
 * examples.test.ts): each planned with stand-ins, their deploy order and how the later stacks reach
 * the earlier ones (data sources and literal names, no remote state), and the launch path across
 * stacks executed: the platform plan's launcher workflow, the workloads plan's manifests and
 * schedules, the interpreter and the fakes (one JobSet per launch, in the team namespace of the
 * manifest's cluster).
 */

const EXAMPLE = 'gke-training';
const [PLATFORM, ADDONS, WORKLOADS] = ['platform', 'addons', 'workloads'].map((part) => `${EXAMPLE}-${part}`);

/** The example built once, as `cdktf synth` of examples/app.ts builds it: every stack's JSON and the app manifest. */
function synthesize(): { stacks: { [name: string]: TerraformJson }; manifest: any; order: string[]; dependencies: { [name: string]: string[] } } {
  const app = Testing.app();
  const built = EXAMPLES[EXAMPLE](app);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
  const stacks = Object.fromEntries(Object.entries(manifest.stacks).map(([name, entry]: [string, any]) => [
    name, JSON.parse(readFileSync(join(app.outdir, entry.synthesizedStackPath), 'utf8')),
  ]));
  const dependencies = Object.fromEntries(built.map((stack) => [stack.node.id, stack.dependencies.map((d) => d.node.id)]));
  return { stacks, manifest, order: built.map((stack) => stack.node.id), dependencies };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A nested block as the JSON holds it: an object, or a one-element list of it. */
const block = (value: any): any => (Array.isArray(value) ? value[0] : value);

/** Every string leaf of a value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** The addresses of every resource of the stack (of one type). */
function addressesOf(json: TerraformJson, type?: string): string[] {
  return Object.entries(json.resource ?? {})
    .filter(([t]) => type === undefined || t === type)
    .flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`));
}

/** The evaluated arguments of every resource of a type. */
const valuesOf = (plan: StackPlan, json: TerraformJson, type: string): any[] => addressesOf(json, type).map((address) => plan.values(address));

/**
 * The order `cdktf deploy` applies the stacks in, from their declared dependencies; throws unless
 * the dependencies leave exactly one order (every stack waits for the one before it).
 */
function deployOrder(dependencies: { [stack: string]: string[] }): string[] {
  const order: string[] = [];
  const left = new Set(Object.keys(dependencies));
  while (left.size > 0) {
    const ready = [...left].filter((stack) => dependencies[stack].every((d) => order.includes(d)));
    if (ready.length !== 1) throw new Error(`after ${order.join(', ') || 'nothing'}, ${ready.length} stacks may deploy: ${ready.join(', ')}`);
    order.push(ready[0]);
    left.delete(ready[0]);
  }
  return order;
}

/** A created JobSet as its creator posted it: without what the API server fills in. */
function asPosted(jobset: FakeJobSet): any {
  const { uid: _uid, resourceVersion: _version, creationTimestamp: _created, ...metadata } = jobset.body.metadata;
  return { ...jobset.body, metadata };
}

describeWithTerraform('the gke-training example under Terraform core', () => {
  const example = synthesize();
  const json = (stack: string): TerraformJson => example.stacks[stack];
  const plans = startAll({
    [PLATFORM]: () => planStack(json(PLATFORM)),
    [ADDONS]: () => planStack(json(ADDONS)),
    [WORKLOADS]: () => planStack(json(WORKLOADS)),
  });

  test('the example\'s stacks are the EXAMPLE_STACKS entries of the same names', () => {
    expect(example.order).toEqual([PLATFORM, ADDONS, WORKLOADS]);
    expect(Object.keys(example.stacks).sort()).toEqual([ADDONS, PLATFORM, WORKLOADS]);
    expect(Object.keys(EXAMPLE_STACKS).filter((name) => name.startsWith(`${EXAMPLE}-`)).sort()).toEqual([ADDONS, PLATFORM, WORKLOADS]);
  });

  describe.each([PLATFORM, ADDONS, WORKLOADS])('%s', (name) => {
    test('plans without errors, warnings or failed checks', () => {
      const plan = plans[name];
      expect(plan.errors).toEqual([]);
      expect(plan.warnings).toEqual([]);
      expect(plan.checks.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    });

    test('plans every resource exactly once, as a creation', () => {
      const planned = plans[name].changes;
      expect(addressesOf(json(name)).length).toBeGreaterThan(0);
      expect(planned.map((c) => c.address).sort()).toEqual(addressesOf(json(name)).sort());
      expect(planned.filter((c) => c.action !== 'create')).toEqual([]);
    });

    test('resolves every reference to a declaration of the stack', () => {
      // The transform throws on an undeclared reference and Terraform on anything it cannot
      // evaluate; this checks that there were references to resolve.
      const { references } = plans[name].standIn;
      expect(references.length).toBeGreaterThan(name === ADDONS ? 1 : 20);
      if (name !== PLATFORM) expect(references.filter((r) => r.address.startsWith('data.')).length).toBeGreaterThan(0);
    });

    test('leaves no escape unevaluated: no $${ or %%{ in any evaluated value, provider settings included', () => {
      const plan = plans[name];
      const leftovers = plan.addresses.flatMap((address) => strings(asKubernetesPassesIt(plan.values(address)), address))
        .concat(strings(asKubernetesPassesIt(plan.locals), 'local'), strings(plan.outputs, 'output'), strings(plan.providers, 'provider'))
        .filter(([, text]) => text.includes('$${') || text.includes('%%{'))
        .map(([path]) => path);
      expect(leftovers).toEqual([]);
    });
  });

  describe('deploy order and what crosses stacks', () => {
    test('the declared stack dependencies make cdktf deploy apply platform, then add-ons, then workloads', () => {
      const fromManifest = Object.fromEntries(Object.entries(example.manifest.stacks).map(([name, entry]: [string, any]) => [name, entry.dependencies]));
      expect(fromManifest).toEqual(example.dependencies);
      expect(example.dependencies[ADDONS]).toContain(PLATFORM);
      expect(example.dependencies[WORKLOADS]).toContain(ADDONS);
      expect(deployOrder(fromManifest)).toEqual([PLATFORM, ADDONS, WORKLOADS]);
    });

    test('no stack reads another\'s state: no remote state, no variables, no cross-stack outputs', () => {
      for (const name of example.order) {
        expect({ name, remoteState: Object.keys(json(name).data?.terraform_remote_state ?? {}) }).toEqual({ name, remoteState: [] });
        expect({ name, variables: Object.keys(json(name).variable ?? {}) }).toEqual({ name, variables: [] });
        expect({ name, crossStack: Object.keys(json(name).output ?? {}).filter((o) => o.startsWith('cross-stack-output')) }).toEqual({ name, crossStack: [] });
      }
    });

    test.each([[ADDONS, 'helm'], [WORKLOADS, 'kubernetes']])('%s configures its %s provider only from data sources with literal arguments: the cluster\'s DNS endpoint and the caller\'s token', (name, provider) => {
      const plan = plans[name];
      const fromProviders = plan.standIn.references.filter((r) => r.where.startsWith('provider.') && r.where !== 'provider.google');
      expect(fromProviders.map((r) => r.where)).toContain(`provider.${provider}`);
      expect(fromProviders.map((r) => r.address).sort()).toEqual(
        expect.arrayContaining(['data.google_client_config.vt-google-client-config', 'data.google_container_cluster.vt-gke-cluster']),
      );
      expect(fromProviders.filter((r) => !/^data\.(google_container_cluster|google_client_config)\./.test(r.address))).toEqual([]);
      // The data sources read nothing of the plan: their arguments are literals.
      expect(plan.standIn.references.filter((r) => r.where.startsWith('data.'))).toEqual([]);
      // Evaluated: the DNS-based endpoint (no route to private IPs needed) and the token.
      const settings = plan.providers[provider];
      const kubernetes = provider === 'helm' ? block(settings.kubernetes) : settings;
      expect(kubernetes.host).toMatch(/^https:\/\/gke-[0-9a-f]{32}-[0-9]+\.us-central1\.gke\.goog$/);
      expect(kubernetes.token).toMatch(/^ya29\./);
      // ...of the cluster the platform stack creates.
      const [cluster] = valuesOf(plans[PLATFORM], json(PLATFORM), 'google_container_cluster');
      const lookup = Object.values(json(name).data!.google_container_cluster)[0] as any;
      expect({ project: lookup.project, location: lookup.location, name: lookup.name }).toEqual({ project: cluster.project, location: cluster.location, name: cluster.name });
    });

    test('the workloads stack names platform resources by literals that match what the platform plan creates', () => {
      const platform = plans[PLATFORM];
      const workloads = plans[WORKLOADS];
      const [cluster] = valuesOf(platform, json(PLATFORM), 'google_container_cluster');
      const [workflow] = valuesOf(platform, json(PLATFORM), 'google_workflows_workflow');
      const buckets = valuesOf(platform, json(PLATFORM), 'google_storage_bucket').map((b) => b.name);
      const topics = valuesOf(platform, json(PLATFORM), 'google_pubsub_topic').map((t) => `projects/${t.project}/topics/${t.name}`);
      const accounts = valuesOf(platform, json(PLATFORM), 'google_service_account').map((a) => `${a.account_id}@${a.project}.iam.gserviceaccount.com`);
      const launcherEmail: string = workflow.service_account;
      expect(accounts).toContain(launcherEmail);

      // Manifests: in the launcher's staging bucket, naming the platform's cluster.
      for (const object of valuesOf(workloads, json(WORKLOADS), 'google_storage_bucket_object')) {
        expect(object.bucket).toBe(workflow.user_env_vars.STAGING_BUCKET);
        const manifest = JSON.parse(object.content);
        expect({ ...manifest.cluster, namespace: undefined }).toEqual({ project: cluster.project, location: cluster.location, name: cluster.name, namespace: undefined });
        expect(manifest.outputPrefix).toMatch(/^gs:\/\/([a-z0-9-]+)\/jobs\//);
        expect(buckets).toContain(/^gs:\/\/([a-z0-9-]+)\//.exec(manifest.outputPrefix)![1]);
      }
      // Schedules: publish to the platform's request topic.
      const schedules = valuesOf(workloads, json(WORKLOADS), 'google_cloud_scheduler_job');
      expect(schedules.length).toBeGreaterThan(0);
      for (const schedule of schedules) expect(topics).toContain(block(schedule.pubsub_target).topic_name);
      // Workload Identity: the platform's trainer accounts, in the cluster's workload pool.
      const bindings = valuesOf(workloads, json(WORKLOADS), 'google_service_account_iam_member');
      expect(bindings.length).toBeGreaterThan(0);
      for (const binding of bindings) {
        expect(accounts.map((email) => `projects/${cluster.project}/serviceAccounts/${email}`)).toContain(binding.service_account_id);
        expect(binding.member).toMatch(new RegExp(`^serviceAccount:${block(cluster.workload_identity_config).workload_pool.replace(/\./g, '\\.')}\\[[a-z0-9-]+/[a-z0-9-]+\\]$`));
      }
      // RBAC: the launcher's identity may create JobSets in each team namespace.
      const roleBindings = valuesOf(workloads, json(WORKLOADS), 'kubernetes_role_binding_v1');
      expect(roleBindings.length).toBeGreaterThan(0);
      for (const binding of roleBindings) expect(binding.subject.map((s: any) => s.name)).toEqual([launcherEmail]);
      // Launch commands: the platform's workflow.
      const commands = Object.entries(workloads.outputs).filter(([output]) => output.endsWith('_launch_command'));
      expect(commands.length).toBe(addressesOf(json(WORKLOADS), 'google_storage_bucket_object').length);
      for (const [, command] of commands) {
        expect(command).toMatch(new RegExp(`^gcloud workflows run ${workflow.name} --project=${workflow.project} --location=${workflow.region} `));
      }
    });
  });

  /**
   * The launch path across stacks, executed: the platform plan's evaluated launcher workflow runs
   * in the Workflows interpreter against the fakes, with the workloads plan's evaluated manifests
   * deployed to the staging bucket and its schedules' payloads published. The fake Kubernetes API
   * serves only the platform's cluster: a manifest naming another cluster fails the run.
   */
  describe('the evaluated launch path across stacks, executed', () => {
    let evaluated: Evaluated;
    let cluster: GkeClusterRef;
    /** The namespaces the workloads stack creates. */
    let namespaces: string[];
    beforeAll(() => {
      evaluated = evaluateAcross({ plan: plans[PLATFORM], json: json(PLATFORM) }, { plan: plans[WORKLOADS], json: json(WORKLOADS) });
      const [values] = valuesOf(plans[PLATFORM], json(PLATFORM), 'google_container_cluster');
      cluster = { project: values.project, location: values.location, clusterId: values.name };
      namespaces = valuesOf(plans[WORKLOADS], json(WORKLOADS), 'kubernetes_namespace_v1').map((n) => block(n.metadata).name);
    });
    const contentOf = (job: string): any => JSON.parse(evaluated.manifests.find((m) => jobOf(m.name) === job)!.content);

    /** The JobSets created, each checked: in its job's team namespace, accepted by the CRD, its pods' directories under the job's output. */
    function checkedJobsets(google: FakeGoogle): { job: string; namespace: string }[] {
      expect(google.kubernetes.invalidBodies).toEqual([]);
      expect(google.vertex.jobs).toEqual([]);
      return google.kubernetes.jobsets.map((jobset) => {
        const job = jobset.body.metadata.labels['vertex-training-job'];
        const manifest = contentOf(job);
        expect({ job, namespace: jobset.namespace }).toEqual({ job, namespace: manifest.cluster.namespace });
        expect(namespaces).toContain(jobset.namespace);
        expect(crdProblems(asPosted(jobset))).toEqual([]);
        const containers = jobset.body.spec.replicatedJobs.flatMap((r: any) => r.template.spec.template.spec.containers);
        expect(containers.length).toBeGreaterThan(0);
        for (const container of containers) {
          const modelDir = container.env.find((e: any) => e.name === 'AIP_MODEL_DIR').value.replace('$(VT_RUN_NAME)', jobset.name);
          expect(modelDir).toBe(`${manifest.outputPrefix}${jobset.name}/model/`);
        }
        return { job, namespace: jobset.namespace };
      });
    }

    test('the example has an on-change job, a scheduled job, and only GKE manifests', () => {
      const contents = evaluated.manifests.map((m) => JSON.parse(m.content));
      expect(contents.filter((c) => c.launchOnChange).length).toBeGreaterThan(0);
      expect(evaluated.schedules.length).toBeGreaterThan(0);
      expect(contents.map((c) => [c.backend, c.kind])).toEqual(contents.map(() => ['gke', 'JobSet']));
      expect(evaluated.env.staging).toMatch(/^[a-z0-9][a-z0-9._-]+$/);
    });

    test('each on-change manifest\'s deploy, its finalize event delivered twice: one JobSet; other manifests start nothing on change', () => {
      const google = deployed(evaluated, cluster);
      const launching: string[] = [];
      for (const manifest of evaluated.manifests) {
        const object = google.storage.live(evaluated.env.staging, manifest.name)!;
        if (JSON.parse(manifest.content).launchOnChange === true) launching.push(jobOf(manifest.name));
        for (const id of ['first', 'again']) {
          const run = google.run(evaluated.definition, storageEvent(object, `${manifest.name}-${id}`), undefined, evaluated.env);
          expect({ manifest: manifest.name, id, error: run.error }).toEqual({ manifest: manifest.name, id, error: undefined });
        }
      }
      expect(checkedJobsets(google).map((j) => j.job)).toEqual(launching);
    });

    test('each schedule\'s evaluated payload, fired twice for one slot: one JobSet', () => {
      const google = deployed(evaluated, cluster);
      for (const [i, payload] of evaluated.schedules.entries()) {
        const slot = nextSlot(payload.cron, payload.timeZone, google.clock.now());
        for (const [delay, id] of [[2.5, `${i}-a`], [41, `${i}-b`]] as const) {
          const run = google.run(evaluated.definition, pubsubEvent(payload, iso(slot + delay), id), undefined, evaluated.env);
          expect({ id, error: run.error }).toEqual({ id, error: undefined });
        }
      }
      expect(checkedJobsets(google).map((j) => j.job)).toEqual(evaluated.schedules.map((p) => p.job));
    });

    test('each job launched by hand: one JobSet, from its current manifest', () => {
      const google = deployed(evaluated, cluster);
      for (const manifest of evaluated.manifests) {
        const job = jobOf(manifest.name);
        const run = google.run(evaluated.definition, { job }, undefined, evaluated.env);
        expect({ job, error: run.error }).toEqual({ job, error: undefined });
        expect((run.result as any).outcomes[0]).toMatchObject({ status: 'launched', manifest: manifest.name, collection: 'jobsets' });
      }
      expect(checkedJobsets(google).map((j) => j.job)).toEqual(evaluated.manifests.map((m) => jobOf(m.name)));
    });

    test('names each manifest object by the sha256 of its evaluated content (an on-change one after its launch hash and apply-time values)', () => {
      const objects = Object.entries(json(WORKLOADS).resource!.google_storage_bucket_object);
      expect(objects.length).toBe(evaluated.manifests.length);
      for (const [name, body] of objects as [string, any][]) {
        const { name: objectName, content } = plans[WORKLOADS].values(`google_storage_bucket_object.${name}`);
        const job = jobOf(objectName);
        if (JSON.parse(content).launchOnChange) {
          // <24: launch hash, at synth><16: the apply-time values the launch-inputs local lists><24: the content>.
          const launchHash = /^jobs\/[a-z0-9-]+\/([0-9a-f]{24})\$\{/.exec(body.name)![1];
          const inputs = Object.entries(plans[WORKLOADS].locals).find(([local]) => local.endsWith('_launch_inputs') && body.name.includes(`local.${local})`))![1];
          expect(objectName).toBe(`jobs/${job}/${launchHash}${sha256(JSON.stringify(inputs)).slice(0, 16)}${sha256(content).slice(0, 24)}.json`);
        } else {
          expect(objectName).toBe(`jobs/${job}/${sha256(content)}.json`);
        }
      }
    });
  });
});

/**
 * A value with every JobSet's container command and args as Kubernetes passes them on: they are
 * escaped for Kubernetes as well (`$$` is its `$`), in the JobSet locals and in the manifests' JSON
 * content, and what reaches the container is what must hold no Terraform escape.
 */
function asKubernetesPassesIt(value: any): any {
  if (typeof value === 'string') {
    if (!value.startsWith('{') || !value.includes('"JobSet"')) return value;
    try {
      return JSON.stringify(asKubernetesPassesIt(JSON.parse(value)));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(asKubernetesPassesIt);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) =>
      [key, (key === 'command' || key === 'args') && Array.isArray(child) && child.every((w) => typeof w === 'string')
        ? child.map((w: string) => kubernetesExpand(w))
        : asKubernetesPassesIt(child)]));
  }
  return value;
}
