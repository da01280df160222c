import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { gkeTrainingStacks } from '../../examples/gke-training/main';
import { crdProblems } from '../helpers/kubernetes-crds';

/** The JobSet templates of the GKE example's workloads stack, by local name. */
function exampleJobSets(): { [local: string]: any } {
  const app = Testing.app();
  gkeTrainingStacks(app, 'gke-training');
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'gke-training-workloads', 'cdk.tf.json'), 'utf8'));
  return Object.fromEntries(Object.entries(json.locals as { [name: string]: any }).filter(([, value]) => value?.kind === 'JobSet' && value.apiVersion));
}

test('every JobSet of examples/gke-training validates against the JobSet v0.12.0 CRD as the launcher posts it', () => {
  const jobSets = exampleJobSets();
  expect(Object.keys(jobSets).length).toBeGreaterThanOrEqual(2);
  for (const [local, jobSet] of Object.entries(jobSets)) {
    const posted = { ...jobSet, metadata: { ...jobSet.metadata, name: 'vt-0123456789abcdef0123' } };
    expect({ local, problems: crdProblems(posted) }).toEqual({ local, problems: [] });
  }
});
