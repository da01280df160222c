import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { jobSet, jobSetTemplate } from './helpers';

/** A broken JobSet template of a JobSet rule (the shape of test/policy/rules.test.ts's cases). */
export interface JobSetBrokenCase {
  readonly rule: string;
  readonly name: string;
  readonly build: (stack: TerraformStack) => IConstruct;
  readonly problem: RegExp;
}

/** The pod spec of replicated job `index` (0 primary, 1 workers) of a {@link jobSet}. */
const pod = (j: any, index = 1): any => j.spec.replicatedJobs[index].template.spec.template.spec;
/** The env list of the trainer container of replicated job `index`. */
const env = (j: any, index = 1): any[] => pod(j, index).containers[0].env;
const broken = (edit: (j: any) => void) => (s: TerraformStack) => jobSetTemplate(s, 'train', jobSet(edit));
const POD = 'spec\\.replicatedJobs\\[1\\]\\.template\\.spec\\.template\\.spec';

/** Broken configurations of VT-GKE-7 and VT-GKE-8 (JobSet templates of GKE jobs). */
export const GKE_JOBSET_BROKEN: JobSetBrokenCase[] = [
  { rule: 'VT-GKE-7', name: 'a JobSet without a namespace', build: broken((j) => { delete j.metadata.namespace; }), problem: /^metadata\.namespace is not set/ },
  { rule: 'VT-GKE-7', name: 'a JobSet in the default namespace', build: broken((j) => { j.metadata.namespace = 'default'; }), problem: /^metadata\.namespace is "default": not a team namespace/ },
  {
    rule: 'VT-GKE-7', name: 'a replicated job whose pods name no service account',
    build: broken((j) => { delete pod(j).serviceAccountName; }),
    problem: new RegExp(`^${POD}\\.serviceAccountName is not set: the pods run as the namespace's "default" service account`),
  },
  { rule: 'VT-GKE-7', name: 'pods of the default service account', build: broken((j) => { pod(j).serviceAccountName = 'default'; }), problem: new RegExp(`^${POD}\\.serviceAccountName is "default"`) },
  {
    rule: 'VT-GKE-7', name: 'pods of the default service account by the deprecated field',
    build: broken((j) => { delete pod(j).serviceAccountName; pod(j).serviceAccount = 'default'; }),
    problem: new RegExp(`^${POD}\\.serviceAccount is "default"`),
  },
  {
    rule: 'VT-GKE-7', name: 'pods that mount an API token by default',
    build: broken((j) => { delete pod(j).automountServiceAccountToken; }),
    problem: new RegExp(`^${POD}\\.automountServiceAccountToken is not set: the pods get a Kubernetes API token`),
  },
  { rule: 'VT-GKE-7', name: 'pods that mount an API token', build: broken((j) => { pod(j, 0).automountServiceAccountToken = true; }), problem: /^spec\.replicatedJobs\[0\]\.template\.spec\.template\.spec\.automountServiceAccountToken is true/ },
  {
    rule: 'VT-GKE-8', name: 'a JobSet without the Kueue queue label',
    build: broken((j) => { delete j.metadata.labels['kueue.x-k8s.io/queue-name']; }),
    problem: /^metadata\.labels has no kueue\.x-k8s\.io\/queue-name: the JobSet is not a Kueue workload/,
  },
  { rule: 'VT-GKE-8', name: 'a JobSet without labels', build: broken((j) => { delete j.metadata.labels; }), problem: /^metadata\.labels has no kueue\.x-k8s\.io\/queue-name/ },
  {
    rule: 'VT-GKE-8', name: 'a container without AIP_MODEL_DIR',
    build: broken((j) => { pod(j).containers[0].env = env(j).filter((v) => v.name !== 'AIP_MODEL_DIR'); }),
    problem: new RegExp(`^${POD}\\.containers\\[0\\]\\.env does not set AIP_MODEL_DIR`),
  },
  {
    rule: 'VT-GKE-8', name: 'checkpoints on the pod\'s disk',
    build: broken((j) => { env(j).find((v) => v.name === 'AIP_CHECKPOINT_DIR').value = '/tmp/checkpoints/'; }),
    problem: /containers\[0\]\.env AIP_CHECKPOINT_DIR "\/tmp\/checkpoints\/" is not a gs:\/\/ location/,
  },
  {
    rule: 'VT-GKE-8', name: 'a model directory built on a local path by reference',
    build: broken((j) => {
      const vars = env(j, 0);
      vars.unshift({ name: 'OUT', value: '/scratch/' });
      vars.find((v) => v.name === 'AIP_MODEL_DIR').value = '$(OUT)$(VT_RUN_NAME)/model/';
    }),
    problem: /^spec\.replicatedJobs\[0\].*AIP_MODEL_DIR "\/scratch\/\$\(VT_RUN_NAME\)\/model\/" is not a gs:\/\/ location/,
  },
  {
    rule: 'VT-GKE-8', name: 'a model directory redefined later (the last definition wins)',
    build: broken((j) => { env(j).push({ name: 'AIP_MODEL_DIR', value: 'file:///models/' }); }),
    problem: /AIP_MODEL_DIR "file:\/\/\/models\/" is not a gs:\/\/ location/,
  },
  {
    rule: 'VT-GKE-8', name: 'a model directory referring to no earlier variable',
    build: broken((j) => { env(j).find((v) => v.name === 'AIP_MODEL_DIR').value = '$(BASE)/model/'; }),
    problem: /AIP_MODEL_DIR "\$\(BASE\)\/model\/" is not a gs:\/\/ location/,
  },
];
