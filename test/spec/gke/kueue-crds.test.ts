import { celRuleChecked, celRulesOf, crdProblems, servedKinds, storageVersionOf } from '../../helpers/kubernetes-crds';

/** A JobSet as a launcher would post it (one replicated job, one container). */
function jobSet(container: object = {}): any {
  return {
    apiVersion: 'jobset.x-k8s.io/v1alpha2',
    kind: 'JobSet',
    metadata: { name: 'vt-0123456789abcdef0123', namespace: 'ml-vision', labels: { 'kueue.x-k8s.io/queue-name': 'training' } },
    spec: {
      replicatedJobs: [{
        name: 'workers',
        replicas: 1,
        template: {
          spec: {
            parallelism: 2,
            completions: 2,
            backoffLimit: 0,
            template: {
              metadata: { labels: { team: 'vision' } },
              spec: {
                restartPolicy: 'Never',
                serviceAccountName: 'trainer',
                containers: [{
                  name: 'trainer',
                  image: 'us-docker.pkg.dev/acme/train:1',
                  resources: { limits: { 'nvidia.com/gpu': 8, memory: '64Gi' } },
                  ...container,
                }],
              },
            },
          },
        },
      }],
    },
  };
}

const clusterQueue = (spec: object = {}): any => ({
  apiVersion: 'kueue.x-k8s.io/v1beta2',
  kind: 'ClusterQueue',
  metadata: { name: 'ml-vision' },
  spec: {
    cohortName: 'ml',
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ml-vision' } },
    queueingStrategy: 'BestEffortFIFO',
    resourceGroups: [{
      coveredResources: ['nvidia.com/gpu'],
      flavors: [{ name: 'h100-spot', resources: [{ name: 'nvidia.com/gpu', nominalQuota: 16, borrowingLimit: 8, lendingLimit: '8' }] }],
    }],
    ...spec,
  },
});

describe('crdProblems', () => {
  it('accepts a valid ClusterQueue and a valid JobSet', () => {
    expect(crdProblems(clusterQueue())).toEqual([]);
    expect(crdProblems(jobSet())).toEqual([]);
  });

  it('catches a misspelt field deep in a JobSet pod template, with its path', () => {
    const bad = jobSet({ imagePullPolicyy: 'Always' });
    expect(crdProblems(bad)).toEqual([
      'JobSet/vt-0123456789abcdef0123 spec.replicatedJobs[0].template.spec.template.spec.containers[0].imagePullPolicyy: unknown field (strict field validation)',
    ]);
  });

  it('catches a bad enum and names the allowed values', () => {
    expect(crdProblems(clusterQueue({ queueingStrategy: 'FIFO' }))).toEqual([
      'ClusterQueue/ml-vision spec.queueingStrategy: must be one of "StrictFIFO", "BestEffortFIFO"',
    ]);
  });

  it('checks quantities, duplicate list-map keys and required fields', () => {
    const problems = crdProblems(clusterQueue({
      resourceGroups: [{
        coveredResources: ['nvidia.com/gpu'],
        flavors: [{ name: 'a', resources: [{ name: 'nvidia.com/gpu', nominalQuota: '16 GPUs' }] }, { name: 'a', resources: [{ name: 'nvidia.com/gpu' }] }],
      }],
      admissionChecksStrategy: { admissionChecks: [{ name: 'dws', onFlavors: ['a', 'a'] }] },
    })).join('\n');
    expect(problems).toContain('spec.resourceGroups[0].flavors[0].resources[0].nominalQuota: must match pattern');
    expect(problems).toContain('spec.resourceGroups[0].flavors[1].resources[0].nominalQuota: required');
    expect(problems).toContain('spec.resourceGroups[0].flavors: duplicate entry with name ["a"]');
    expect(problems).toContain('spec.admissionChecksStrategy.admissionChecks[0].onFlavors: must NOT have duplicate items');
  });

  it('refuses an apiVersion/kind no CRD serves, and a deprecated version', () => {
    expect(crdProblems({ apiVersion: 'kueue.x-k8s.io/v1', kind: 'ClusterQueue', metadata: { name: 'a' } })[0])
      .toMatch(/no CRD serves apiVersion "kueue.x-k8s.io\/v1".*served for ClusterQueue: kueue.x-k8s.io\/v1beta1, kueue.x-k8s.io\/v1beta2/);
    expect(crdProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } })[0]).toMatch(/known kinds: AdmissionCheck, ClusterQueue/);
    expect(crdProblems({ ...clusterQueue(), apiVersion: 'kueue.x-k8s.io/v1beta1' }).join('\n')).toMatch(/deprecated \(storage version: kueue.x-k8s.io\/v1beta2\)/);
    expect(storageVersionOf('LocalQueue')).toBe('kueue.x-k8s.io/v1beta2');
  });

  it('validates ObjectMeta as the API server does', () => {
    const cq = clusterQueue();
    cq.metadata = { name: 'ML_vision', namespace: 'x', uid: '1', labels: { 'bad key/x/y': 'v', ok: 'no spaces allowed' } };
    expect(crdProblems(cq)).toEqual([
      'ClusterQueue/ML_vision metadata.uid: unknown field (strict field validation)',
      'ClusterQueue/ML_vision metadata.name: "ML_vision" is not a DNS subdomain (lowercase alphanumerics, "-" and ".", ≤ 253)',
      'ClusterQueue/ML_vision metadata.namespace: "x" set on a cluster-scoped kind',
      'ClusterQueue/ML_vision metadata.labels: key "bad key/x/y" has more than one "/"',
      'ClusterQueue/ML_vision metadata.labels.ok: value "no spaces allowed" is not a valid label value (≤ 63 alphanumerics, "-", "_", ".")',
    ]);
    const js = jobSet();
    delete js.metadata.namespace;
    delete js.metadata.name;
    expect(crdProblems(js)).toEqual(['JobSet/? metadata.name: required', 'JobSet/? metadata.namespace: required for a namespaced kind']);
    expect(crdProblems(js, { nameOptional: true, namespaceOptional: true })).toEqual([]);
  });

  it('re-states every create-time CEL rule of the served versions', () => {
    const rules = servedKinds().flatMap((k) => {
      const [apiVersion, kind] = k.split(' ');
      return celRulesOf(apiVersion, kind).map((r) => `${kind} ${r.path}: ${r.rule}`).filter((r) => !celRuleChecked(r.slice(r.indexOf(': ') + 2)));
    });
    expect(rules).toEqual([]);
    expect(celRulesOf('kueue.x-k8s.io/v1beta2', 'ClusterQueue').map((r) => r.message)).toContain('borrowingLimit must be nil when cohort is empty');
  });

  it('evaluates the CEL rules: borrowing without a cohort, a flavor short of a covered resource, a toleration', () => {
    const noCohort = clusterQueue({ cohortName: undefined });
    expect(crdProblems(noCohort)).toEqual([
      'ClusterQueue/ml-vision spec: borrowingLimit must be nil when cohort is empty (CEL: !has(self.cohortName) && has(self.resourceGroups) ? self.resourceGroups.all(rg, rg.flavors.all(f, f.resources.all(r, !has(r.borrowingLimit)))) : true)',
    ]);
    const short = clusterQueue({ resourceGroups: [{ coveredResources: ['nvidia.com/gpu', 'cpu'], flavors: [{ name: 'a', resources: [{ name: 'nvidia.com/gpu', nominalQuota: 1 }] }] }] });
    expect(crdProblems(short).join('\n')).toMatch(/spec\.resourceGroups\[0\]: flavors must have the same number of resources as the coveredResources/);
    const flavor = { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ResourceFlavor', metadata: { name: 'a' }, spec: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v', effect: 'NoSchedule' }] } };
    expect(crdProblems(flavor)).toEqual([expect.stringMatching(/^ResourceFlavor\/a spec\.tolerations: .*\(CEL: self\.all\(x, has\(x\.operator\) && x\.operator == 'Exists' \? !has\(x\.value\) : true\)\)$/)]);
    expect(crdProblems({ ...flavor, spec: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] } })).toEqual([]);
  });
});
