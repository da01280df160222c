import { RuleResult } from '../rules/result';
import { SYSTEM_POOL_LABEL } from '../spec/gke/labels';

/**
 * The official Helm charts of the cluster add-ons and the values the library installs them with.
 * Pure data: no cdktf import.
 *
 * Sources: the charts are published by the projects as OCI artifacts on registry.k8s.io
 * (`oci://registry.k8s.io/kueue/charts/kueue`, `oci://registry.k8s.io/jobset/charts/jobset`); their
 * chart versions are the release tags without the `v` (`v0.19.2` is chart `0.19.2`; JobSet's chart
 * tags dropped the `v` from 0.9, kubernetes-sigs/jobset#1141). Value keys are those of the charts'
 * `values.yaml` (`controllerManager.*`, `managerConfig.controllerManagerConfigYaml` for Kueue;
 * `controller.*` for JobSet).
 */

/** Where a chart comes from, and where it is installed. */
export interface AddonChart {
  /** Human name, as messages and the report show it. */
  readonly title: string;
  /** Helm release name. */
  readonly release: string;
  /** OCI repository of the chart. */
  readonly repository: string;
  readonly chart: string;
  /** Namespace the chart is installed into. */
  readonly namespace: string;
  /** The release the library pins, and whose CRDs the tests validate every object against. */
  readonly pinnedVersion: string;
}

export const KUEUE_CHART: AddonChart = {
  title: 'Kueue',
  release: 'kueue',
  repository: 'oci://registry.k8s.io/kueue/charts',
  chart: 'kueue',
  namespace: 'kueue-system',
  pinnedVersion: 'v0.19.2',
};

export const JOBSET_CHART: AddonChart = {
  title: 'JobSet',
  release: 'jobset',
  repository: 'oci://registry.k8s.io/jobset/charts',
  chart: 'jobset',
  namespace: 'jobset-system',
  pinnedVersion: 'v0.12.0',
};

/** A release tag: `v` and three dot-separated numbers, no pre-release or build suffix. */
export function releaseVersion(value: string): RuleResult {
  return /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(value)
    ? undefined
    : 'must be a release tag vX.Y.Z (e.g. "v0.19.2"); ranges, "latest" and pre-releases are refused so that every deploy installs the same release';
}

/** The chart version of a release tag (`v0.19.2` → `0.19.2`). */
export function chartVersion(version: string): string {
  return version.replace(/^v/, '');
}

/**
 * Node labels GKE puts on GPU and TPU nodes. The controllers are kept off such nodes: GKE taints
 * them (`nvidia.com/gpu=present:NoSchedule`, `google.com/tpu=present:NoSchedule`) and the controllers
 * tolerate nothing; where the chart offers an affinity, it also requires the labels to be absent,
 * so a controller never holds an accelerator node (or keeps it from scaling to zero).
 */
const ACCELERATOR_NODE_LABELS = ['cloud.google.com/gke-accelerator', 'cloud.google.com/gke-tpu-accelerator'];

/**
 * Affinity that keeps a pod off accelerator nodes, and prefers the cluster's system pool (only
 * preferred: an imported cluster may have no such pool).
 */
function offAcceleratorNodes(): object {
  const { key, value } = SYSTEM_POOL_LABEL;
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: ACCELERATOR_NODE_LABELS.map((label) => ({ key: label, operator: 'DoesNotExist' })) }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, preference: { matchExpressions: [{ key, operator: 'In', values: [value] }] } },
      ],
    },
  };
}

/** Kueue's `waitForPodsReady.requeuingStrategy.backoffLimitCount` (see {@link kueueManagerConfig}). */
const KUEUE_REQUEUE_LIMIT = 20;

/**
 * Kueue's controller configuration (`config.kueue.x-k8s.io/v1beta2` Configuration), replacing the
 * chart's default one:
 * - integrations: only `batch/job` and `jobset.x-k8s.io/jobset` (JobSet is how training runs; fewer
 *   integrations mean fewer webhooks on the cluster's pods and workloads);
 * - waitForPodsReady: an admitted workload whose pods are not all ready within 30 minutes (a spot
 *   stock-out, a node that never comes) is evicted and requeued, with exponential backoff, so that it
 *   gives its quota back to the cohort instead of holding it. At most 20 requeues
 *   (`backoffLimitCount`), then Kueue deactivates the workload (the launcher logs the run as
 *   `run_failed`): the count is never reset while the workload is active (only on reactivation,
 *   https://kueue.sigs.k8s.io/docs/concepts/workload/), and `recoveryTimeout` defaults to `timeout`,
 *   so every Spot preemption whose replacement pods wait more than 30 minutes for capacity counts;
 *   5 would end a week-long Spot run at its fifth slow recovery, while the JobSet's own restart
 *   policy deliberately does not count preemptions. 20 still ends a job that can never start within
 *   about a day (20 × 30 minutes plus backoff up to an hour between tries);
 * - ProvisioningRequest admission checks (queued provisioning, Dynamic Workload Scheduler) need no
 *   setting: the `ProvisioningACC` controller has been on by default since Kueue v0.7 (beta) and is
 *   GA since v0.14 (kubernetes-sigs/kueue#1968, #6382), so no feature gate is set (setting a
 *   graduated gate only risks a refusal when it is removed);
 * - webhook certificates: left to the chart, which enables Kueue's internal certificate management
 *   when cert-manager is not enabled, so no cert-manager is needed.
 */
export function kueueManagerConfig(): object {
  return {
    apiVersion: 'config.kueue.x-k8s.io/v1beta2',
    kind: 'Configuration',
    health: { healthProbeBindAddress: ':8081' },
    metrics: { bindAddress: ':8443' },
    webhook: { port: 9443 },
    leaderElection: { leaderElect: true, resourceName: 'c1f6bfd2.kueue.x-k8s.io' },
    controller: {
      groupKindConcurrency: {
        'Job.batch': 5,
        'Pod': 5,
        'Workload.kueue.x-k8s.io': 5,
        'LocalQueue.kueue.x-k8s.io': 1,
        'Cohort.kueue.x-k8s.io': 1,
        'ClusterQueue.kueue.x-k8s.io': 1,
        'ResourceFlavor.kueue.x-k8s.io': 1,
      },
    },
    clientConnection: { qps: 50, burst: 100 },
    manageJobsWithoutQueueName: false,
    waitForPodsReady: {
      timeout: '30m',
      blockAdmission: false,
      requeuingStrategy: { timestamp: 'Eviction', backoffLimitCount: KUEUE_REQUEUE_LIMIT, backoffBaseSeconds: 60, backoffMaxSeconds: 3600 },
    },
    integrations: { frameworks: ['batch/job', 'jobset.x-k8s.io/jobset'] },
  };
}

/**
 * Values of the Kueue chart: the configuration above, two replicas behind a disruption budget
 * (Kueue's webhooks admit every JobSet and Job: one replica drained by a node upgrade would block
 * launches), no tolerations.
 */
export function kueueValues(): object {
  return {
    controllerManager: {
      replicas: 2,
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      tolerations: [],
    },
    // The chart reads a YAML document; JSON is YAML.
    managerConfig: { controllerManagerConfigYaml: JSON.stringify(kueueManagerConfig()) },
  };
}

/**
 * Values of the JobSet chart: no tolerations, an affinity that keeps the controller off accelerator
 * nodes, and no Prometheus export (`prometheus.enable`, true by default in some chart revisions): it
 * creates a `monitoring.coreos.com/v1` ServiceMonitor, a kind GKE clusters have no CRD for, which
 * would fail the release.
 */
export function jobSetValues(): object {
  return {
    controller: {
      tolerations: [],
      affinity: offAcceleratorNodes(),
    },
    prometheus: { enable: false },
  };
}
