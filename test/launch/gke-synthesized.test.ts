import * as fs from 'fs';
import * as path from 'path';
import { Trigger } from '../../lib';
import { LAUNCH_KEY_LABEL } from '../../lib/launch/definition';
import { FakeGoogle, GKE_CLUSTER, storageEvent } from '../helpers/google-fakes';
import { gkeJob, gkeJobApp } from '../gke/job-fixtures';
import { deploy } from './fixtures';
import { jobsetNameOf } from './gke-fixtures';
import { outcomes } from './helpers';

/**
 * End to end: a GKE job synthesized by the library (its workloads stack's manifest and JobSet
 * template, the platform stack's launcher workflow), deployed to the fakes and launched on change.
 */

/** Undoes Terraform's escapes of `${` and `%{` in a synthesized literal. */
const literal = (text: string): string => text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

test('a synthesized GKE job launches as one JobSet the CRD accepts, its directories under the recorded output', () => {
  const fixture = gkeJobApp();
  gkeJob(fixture, { triggers: [Trigger.onChange()] });
  fixture.app.synth();
  const stack = (id: string) => JSON.parse(fs.readFileSync(path.join(fixture.app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  const [platform, workloads] = [stack('platform'), stack('workloads')];

  const [workflow] = Object.values(platform.resource.google_workflows_workflow) as any[];
  const definition = JSON.parse(literal(workflow.source_contents));
  const content = workloads.locals.jobset_ml_train_manifest;
  expect(content.body).toBe('${local.jobset_ml_train}');
  // The cluster as literals (the connector needs no endpoint): the fake's cluster, the team's namespace.
  expect(content.cluster).toEqual({ project: GKE_CLUSTER.project, location: GKE_CLUSTER.location, name: GKE_CLUSTER.clusterId, namespace: 'ml-vision' });
  // What Terraform writes: the JobSet template in place of its reference.
  const body = JSON.parse(literal(JSON.stringify(workloads.locals.jobset_ml_train)));
  expect(JSON.stringify(body)).not.toMatch(/\$\{(?!AIP_)/);
  const manifest = { ...content, body };

  const google = new FakeGoogle();
  const object = deploy(google, 'train', manifest);
  const run = google.run(definition, storageEvent(object));
  const [outcome] = outcomes(run);
  const key = `c-${object.name.slice('jobs/train/'.length, 'jobs/train/'.length + 40)}`;
  expect(outcome).toMatchObject({ status: 'launched', key, name: jobsetNameOf(key), collection: 'jobsets', output: `gs://acme-ml-ml-vision-artifacts/jobs/train/runs/${jobsetNameOf(key)}/` });
  expect(google.kubernetes.invalidBodies).toEqual([]);
  const [jobset] = google.kubernetes.jobsets;
  expect(jobset).toMatchObject({ namespace: 'ml-vision', name: jobsetNameOf(key) });
  expect(jobset.body.metadata.labels[LAUNCH_KEY_LABEL]).toBe(key);
  // The pods' directories, from their JobSet's name (the label the JobSet controller sets to it), are the recorded output's.
  for (const replicated of jobset.body.spec.replicatedJobs) {
    const env = replicated.template.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: any }[];
    expect(env.find((e) => e.name === 'VT_RUN_NAME')!.valueFrom).toEqual({ fieldRef: { fieldPath: "metadata.labels['jobset.sigs.k8s.io/jobset-name']" } });
    const modelDir = env.find((e) => e.name === 'AIP_MODEL_DIR')!.value!.replace('$(VT_RUN_NAME)', jobset.name);
    expect(modelDir).toBe(`${outcome.output}model/`);
  }
  expect(google.storage.json('acme-ml-ml-staging', `launches/${key}.json`)).toMatchObject({ job: jobset.name, output: outcome.output });
  expect(run.httpCalls.some((c) => c.request.url.includes('aiplatform.googleapis.com'))).toBe(false);
});
