import { TerraformLocal, TerraformVariable } from 'cdktf';
import { GkeJobSetIdentityRule } from '../../lib/policy/rules/gke-jobset-identity';
import { GkeJobSetQueueOutputsRule } from '../../lib/policy/rules/gke-jobset-queue-outputs';
import { JobCmekRule } from '../../lib/policy/rules/job-cmek';
import { TrainingPolicy } from '../../lib/policy/training-policy';
import { bucket, jobSet, jobSetTemplate, policyStack, requestBody, violations } from './helpers';

const pod = (j: any, index = 1): any => j.spec.replicatedJobs[index].template.spec.template.spec;
const env = (j: any, index = 1): any[] => pod(j, index).containers[0].env;

describe('JobSet templates (VT-GKE-7, VT-GKE-8)', () => {
  test('a compliant template passes', () => {
    const { stack } = policyStack();
    jobSetTemplate(stack, 'train');
    expect(violations(stack)).toEqual([]);
  });

  test('the JobSet rules read jobset_ locals as JobSets, and only them', () => {
    const { stack } = policyStack();
    const identity = jest.spyOn(GkeJobSetIdentityRule.prototype, 'check');
    const cmek = jest.spyOn(JobCmekRule.prototype, 'check');
    try {
      jobSetTemplate(stack, 'train');
      requestBody(stack, 'vertex', 'CustomJob', { jobSpec: {}, encryptionSpec: { kmsKeyName: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' } });
      violations(stack);
      expect(identity.mock.calls.map(([s]) => [s.address, s.resourceType, s.jobKind])).toEqual([['local.jobset_train', 'gke_jobset_template', 'JobSet']]);
      expect(cmek.mock.calls.map(([s]) => s.address)).toEqual(['local.vertex_vertex']);
    } finally {
      identity.mockRestore();
      cmek.mockRestore();
    }
  });

  test('a jobset_ local without a manifest beside it is not a template', () => {
    const { stack } = policyStack();
    new TerraformLocal(stack, 'other', jobSet((j) => { delete j.metadata; })).overrideLogicalId('jobset_other');
    jobSetTemplate(stack, 'train', jobSet((j) => { delete j.metadata.namespace; }));
    expect(violations(stack).map((f) => [f.ruleId, f.address])).toEqual([['VT-GKE-7', 'local.jobset_train']]);
  });

  test('every problem of a template is reported, per replicated job and container', () => {
    const { stack } = policyStack();
    jobSetTemplate(stack, 'train', jobSet((j) => {
      j.metadata = {};
      for (const i of [0, 1]) {
        pod(j, i).serviceAccountName = 'default';
        delete pod(j, i).automountServiceAccountToken;
        pod(j, i).containers[0].env = [];
      }
    }));
    const found = violations(stack);
    expect(found.filter((f) => f.ruleId === 'VT-GKE-7')).toHaveLength(5);
    expect(found.filter((f) => f.ruleId === 'VT-GKE-8')).toHaveLength(5);
  });

  test('tokens, valueFrom and envFrom count as set', () => {
    const { stack } = policyStack();
    const data = bucket(stack, 'data');
    const mount = new TerraformVariable(stack, 'mount', { type: 'bool' });
    const labels = new TerraformVariable(stack, 'labels', { type: 'map(string)' });
    const account = new TerraformVariable(stack, 'ksa', { type: 'string' });
    jobSetTemplate(stack, 'tokens', jobSet((j) => {
      j.metadata.namespace = account.stringValue;
      j.metadata.labels = labels.value;
      pod(j, 0).serviceAccountName = account.stringValue;
      pod(j, 0).automountServiceAccountToken = mount.booleanValue;
      const vars = env(j, 0);
      vars.find((v) => v.name === 'AIP_MODEL_DIR').value = `${data.url}/model/`;
      vars.find((v) => v.name === 'AIP_CHECKPOINT_DIR').value = `gs://${data.name}/checkpoints/`;
      // Known only in the cluster: a ConfigMap, or a variable built on one.
      pod(j, 1).containers[0].env = [
        { name: 'OUT', valueFrom: { configMapKeyRef: { name: 'outputs', key: 'prefix' } } },
        { name: 'AIP_MODEL_DIR', value: '$(OUT)model/' },
      ];
      pod(j, 1).containers[0].envFrom = [{ configMapRef: { name: 'outputs' } }];
    }));
    jobSetTemplate(stack, 'lists', jobSet((j) => { j.spec.replicatedJobs = labels.value; }));
    jobSetTemplate(stack, 'parts', jobSet((j) => { j.spec.replicatedJobs[0].template = labels.value; pod(j).containers = labels.value; }));
    expect(violations(stack)).toEqual([]);
  });

  test('a reference to an earlier gs:// variable, and an escaped $, are read as Kubernetes expands them', () => {
    const { stack } = policyStack();
    jobSetTemplate(stack, 'refs', jobSet((j) => {
      const vars = env(j);
      vars.unshift({ name: 'OUT', value: 'gs://acme-ml-artifacts/jobs/x/runs/' });
      vars.find((v) => v.name === 'AIP_MODEL_DIR').value = '$(OUT)$(VT_RUN_NAME)/model/';
      vars.find((v) => v.name === 'AIP_CHECKPOINT_DIR').value = '$$(OUT)/checkpoints/';
    }));
    expect(violations(stack).map((f) => f.problem)).toEqual([
      expect.stringMatching(/AIP_CHECKPOINT_DIR "\$\(OUT\)\/checkpoints\/" is not a gs:\/\/ location/),
    ]);
  });

  test('an acknowledged finding of a template is reported with its reason', () => {
    const { stack } = policyStack();
    const template = jobSetTemplate(stack, 'train', jobSet((j) => { delete j.metadata.labels['kueue.x-k8s.io/queue-name']; }));
    TrainingPolicy.acknowledge(template.node.scope!, 'VT-GKE-8', 'a smoke test outside Kueue');
    expect(violations(stack)).toEqual([]);
    expect(TrainingPolicy.acknowledgementsOf(stack)).toEqual([expect.objectContaining({ ruleId: 'VT-GKE-8', address: 'local.jobset_train', reason: 'a smoke test outside Kueue' })]);
  });
});

describe('GKE_JOBSET_BROKEN needs the rules it names', () => {
  test('both JobSet rules are registered', () => {
    expect(TrainingPolicy.rules().map((r) => r.id)).toEqual(expect.arrayContaining(['VT-GKE-7', 'VT-GKE-8']));
    expect(new GkeJobSetQueueOutputsRule().appliesTo('gke_jobset_template')).toBe(true);
  });
});
