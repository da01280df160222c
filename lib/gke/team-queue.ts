import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import type { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import type { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import type { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import type { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { TEAM_LABEL } from '../core/labels';
import { lazy } from '../core/lazy';
import type { TrainingTeam } from '../environment/team';
import type { KueueTeam } from '../spec/gke/kueue';
import type { GkeNodePool } from './node-pool';
import { literalEmail } from './queue-inputs';
import { PropagationWait } from '../launch/propagation-wait';

const k8s = lazy({
  Manifest: (): typeof Manifest => require('@cdktf/provider-kubernetes/lib/manifest').Manifest,
  NamespaceV1: (): typeof NamespaceV1 => require('@cdktf/provider-kubernetes/lib/namespace-v1').NamespaceV1,
  NetworkPolicyV1: (): typeof NetworkPolicyV1 => require('@cdktf/provider-kubernetes/lib/network-policy-v1').NetworkPolicyV1,
  RoleBindingV1: (): typeof RoleBindingV1 => require('@cdktf/provider-kubernetes/lib/role-binding-v1').RoleBindingV1,
  RoleV1: (): typeof RoleV1 => require('@cdktf/provider-kubernetes/lib/role-v1').RoleV1,
  ServiceAccountV1: (): typeof ServiceAccountV1 => require('@cdktf/provider-kubernetes/lib/service-account-v1').ServiceAccountV1,
});

/** Kubernetes service account of every team namespace: the pods of the team's runs use it. */
export const TRAINER_SERVICE_ACCOUNT = 'trainer';
/** Name of the LocalQueue in every team namespace. */
export const LOCAL_QUEUE_NAME = 'training';
/** Annotation binding a Kubernetes service account to a Google service account (Workload Identity). */
export const WORKLOAD_IDENTITY_ANNOTATION = 'iam.gke.io/gcp-service-account';
/** Label of the library's team namespaces, read by the namespace-isolation policy rule. */
export const TEAM_NAMESPACE_LABEL = TEAM_LABEL;

/** How a team's ClusterQueue orders its pending workloads. */
export enum QueueingStrategy {
  /**
   * By creation time (and priority), but a workload that does not fit lets the next ones that do
   * be admitted: a large run never blocks small ones behind it.
   */
  BEST_EFFORT_FIFO = 'BestEffortFIFO',
  /** Strictly by creation time (and priority): the head of the queue blocks the rest until it fits. */
  STRICT_FIFO = 'StrictFIFO',
}

/**
 * A team's quota of one node pool, in the pool's unit: GPUs for a GPU pool, TPU chips for a TPU
 * pool, vCPUs for a CPU pool.
 */
export interface FlavorQuota {
  /** The node pool (its Kueue ResourceFlavor), of the queues' cluster. */
  readonly nodePool: GkeNodePool;
  /**
   * Units guaranteed to the team: the nominal quotas of all teams on a pool must fit in the pool at
   * its maximum size (maxNodes × units per node).
   */
  readonly nominal: number;
  /**
   * Most units the team may borrow beyond `nominal` from what other teams of the cohort leave unused.
   * @default - no limit but what the cohort has unused
   */
  readonly borrowingLimit?: number;
  /**
   * Most units of `nominal` the team lends to the cohort while unused.
   * @default - all of its unused nominal quota
   */
  readonly lendingLimit?: number;
}

/** Options of {@link GkeTrainingQueues.addTeamQueue}. */
export interface TeamQueueOptions {
  /** The team's quotas, at most one per node pool. */
  readonly quotas: FlavorQuota[];
  /**
   * How the team's ClusterQueue orders pending workloads.
   * @default QueueingStrategy.BEST_EFFORT_FIFO
   */
  readonly queueingStrategy?: QueueingStrategy;
}

/** What a {@link GkeTeamQueue} is built from (resolved by {@link GkeTrainingQueues.addTeamQueue}). */
export interface GkeTeamQueueProps {
  /** The team. */
  readonly team: TrainingTeam;
  /** The team's namespace name. */
  readonly namespaceName: string;
  /** The team's ClusterQueue name. */
  readonly clusterQueueName: string;
  /** The quotas as given. */
  readonly quotas: FlavorQuota[];
  /** The Kubernetes provider of the stack. */
  readonly provider: KubernetesProvider;
  /** `<project>.svc.id.goog`. */
  readonly workloadPool: string;
  /** The rendered ClusterQueue manifest. */
  readonly clusterQueue: { [key: string]: any };
  /** The rendered LocalQueue manifest. */
  readonly localQueue: { [key: string]: any };
  /** Cluster-scoped Kueue objects the ClusterQueue refers to (flavors, cohort, admission check). */
  readonly kueueDependencies: Manifest[];
  /** The team's queue in the pure Kueue layer's terms, as addTeamQueue checked and rendered it. @internal */
  readonly _kueueTeam: KueueTeam;
}

/**
 * One team's place on the cluster: its namespace, the `trainer` Kubernetes service account bound to
 * the team's trainer identity by Workload Identity, the launcher's Role in the namespace, a
 * NetworkPolicy that admits traffic from the namespace's own pods only, and the team's Kueue
 * ClusterQueue and LocalQueue. Created by {@link GkeTrainingQueues.addTeamQueue}.
 */
export class GkeTeamQueue extends Construct {
  /** The team. */
  public readonly team: TrainingTeam;
  /** The namespace's name, `<prefix>-<team>`. */
  public readonly namespaceName: string;
  /** The team's ClusterQueue's name (the namespace's name). */
  public readonly clusterQueueName: string;
  /** The quotas as given. */
  public readonly quotas: FlavorQuota[];
  /** The namespace resource (named `teamNamespace`: `namespace` is a reserved word in C#). */
  public readonly teamNamespace: NamespaceV1;
  /** The `trainer` Kubernetes service account. */
  public readonly serviceAccount: ServiceAccountV1;
  /** `roles/iam.workloadIdentityUser` on the team's trainer for the `trainer` Kubernetes service account. */
  public readonly workloadIdentityGrant: ServiceAccountIamMember;
  /**
   * A wait of the environment's `propagationDelay` after the Workload Identity grant: a run's pods
   * reach the team's buckets only once it has taken effect, so the team's jobs launch after it.
   */
  public readonly grantPropagated: PropagationWait;
  /** The launcher's Role in the namespace (create, get and list JobSets; read Kueue Workloads). */
  public readonly launcherRole: RoleV1;
  /** The launcher's RoleBinding. */
  public readonly launcherRoleBinding: RoleBindingV1;
  /** Ingress from the namespace's own pods only. */
  public readonly networkPolicy: NetworkPolicyV1;
  /** The team's Kueue ClusterQueue. */
  public readonly clusterQueue: Manifest;
  /** The team's Kueue LocalQueue (`training`). */
  public readonly localQueue: Manifest;
  /** The team's queue in the pure Kueue layer's terms (quotas by flavor name). @internal */
  public readonly _kueueTeam: KueueTeam;

  /**
   * @param scope the queues
   * @param id the team's name
   * @param props what {@link GkeTrainingQueues.addTeamQueue} resolved
   */
  constructor(scope: Construct, id: string, props: GkeTeamQueueProps) {
    super(scope, id);
    const { team, provider } = props;
    const env = team.environment;
    const ns = props.namespaceName;
    this.team = team;
    this.namespaceName = ns;
    this.clusterQueueName = props.clusterQueueName;
    this.quotas = props.quotas;
    this._kueueTeam = props._kueueTeam;
    const trainerEmail = literalEmail(team.trainer);
    const launcherEmail = literalEmail(env.launcher);

    this.teamNamespace = new k8s.NamespaceV1(this, 'namespace', {
      provider,
      metadata: { name: ns, labels: { [TEAM_NAMESPACE_LABEL]: team.teamName, 'app.kubernetes.io/managed-by': 'cdktf-vertex-training' } },
    });
    const inNamespace = { provider, dependsOn: [this.teamNamespace] };
    this.serviceAccount = new k8s.ServiceAccountV1(this, 'trainer', {
      ...inNamespace,
      metadata: { name: TRAINER_SERVICE_ACCOUNT, namespace: ns, annotations: { [WORKLOAD_IDENTITY_ANNOTATION]: trainerEmail } },
      // Workload Identity needs no Kubernetes API token, and training code has no business with the API.
      automountServiceAccountToken: false,
    });
    this.workloadIdentityGrant = new ServiceAccountIamMember(this, 'workload-identity', {
      serviceAccountId: `projects/${env.projectId}/serviceAccounts/${trainerEmail}`,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${props.workloadPool}[${ns}/${TRAINER_SERVICE_ACCOUNT}]`,
    });
    this.grantPropagated = new PropagationWait(this, 'grant-propagated', { seconds: env._propagationSeconds });
    this.grantPropagated.waitFor(this.workloadIdentityGrant);
    this.launcherRole = new k8s.RoleV1(this, 'launcher-role', {
      ...inNamespace,
      metadata: { name: 'training-launcher', namespace: ns },
      rule: [
        { apiGroups: ['jobset.x-k8s.io'], resources: ['jobsets'], verbs: ['create', 'get', 'list'] },
        { apiGroups: ['kueue.x-k8s.io'], resources: ['workloads'], verbs: ['get', 'list'] },
      ],
    });
    this.launcherRoleBinding = new k8s.RoleBindingV1(this, 'launcher-binding', {
      ...inNamespace,
      metadata: { name: 'training-launcher', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'training-launcher' },
      // GKE authenticates a Google service account as the Kubernetes user named by its email.
      subject: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: launcherEmail }],
    });
    this.networkPolicy = new k8s.NetworkPolicyV1(this, 'isolation', {
      ...inNamespace,
      metadata: { name: 'team-isolation', namespace: ns },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        // A peer with a podSelector and no namespaceSelector is a pod of this namespace.
        ingress: [{ from: [{ podSelector: {} }] }],
      },
    });
    this.clusterQueue = new k8s.Manifest(this, 'cluster-queue', { provider, manifest: props.clusterQueue, dependsOn: props.kueueDependencies });
    this.localQueue = new k8s.Manifest(this, 'local-queue', { provider, manifest: props.localQueue, dependsOn: [this.teamNamespace, this.clusterQueue] });
  }
}
