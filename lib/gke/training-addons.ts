import type { Release } from '@cdktf/provider-helm/lib/release';
import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { lazy } from '../core/lazy';
import { withSortedKeys } from '../core/sorted-keys';
import { literalForTerraform } from '../core/literal';
import { FieldProblem, problemsOf, throwProblems } from '../core/validation';
import { AddonChart, JOBSET_CHART, KUEUE_CHART, chartVersion, jobSetValues, kueueValues, releaseVersion } from './addon-charts';
import { helmProviderFor } from './cluster-providers';
import { TrainingPolicy } from '../policy/training-policy';
import { requireLaterStack } from './stack-order';
import type { GkeTrainingCluster } from './training-cluster';
import { checkInput } from '../core/field-types';
import { GKE_TRAINING_ADDONS_PROPS } from '../core/input-types';

const helm = lazy({
  Release: (): typeof Release => require('@cdktf/provider-helm/lib/release').Release,
});

/** How the library installs an add-on with Helm. */
export interface HelmInstallationOptions {
  /**
   * The add-on's release tag, `vX.Y.Z`. The objects the library writes (ResourceFlavors,
   * ClusterQueues, JobSets, ...) are validated in its tests against the CRDs of the pinned
   * releases; another version is accepted, with a note saying so.
   * @default - the pinned release: Kueue v0.19.2, JobSet v0.12.0
   */
  readonly version?: string;
  /**
   * Chart values merged over the library's (Helm merges maps key by key; a list or a string
   * replaces the library's whole). Kueue's controller configuration is one string,
   * `managerConfig.controllerManagerConfigYaml`: setting it replaces the library's configuration,
   * JobSet integration and `waitForPodsReady` included.
   * @default - the library's values only
   */
  readonly values?: { [key: string]: any };
}

/**
 * How a cluster add-on (Kueue, JobSet) gets onto the cluster: installed by this library with Helm,
 * at a pinned release, or installed already by the cluster's owner.
 */
export class AddonInstallation {
  /**
   * Installs the add-on with its official Helm chart (`oci://registry.k8s.io/<addon>/charts`), in
   * the namespace `kueue-system` or `jobset-system`, atomically, waiting for it to be ready.
   * @param options version and extra chart values
   */
  public static helm(options: HelmInstallationOptions = {}): AddonInstallation {
    return new AddonInstallation(true, options.version, options.values);
  }

  /**
   * The cluster's owner installed the add-on: nothing is created, and the queues and jobs are
   * written for it as if the library had installed the pinned release. Its version is the owner's
   * responsibility; the tests validate objects against the pinned CRDs only.
   */
  public static preinstalled(): AddonInstallation {
    return new AddonInstallation(false, undefined, undefined);
  }

  /** Whether the library installs the add-on (false: pre-installed by the cluster's owner). */
  public readonly installed: boolean;
  /** The release tag asked for, when installed by the library and not the pinned one by default. */
  public readonly version?: string;
  /** Extra chart values, when installed by the library. */
  public readonly values?: { [key: string]: any };

  private constructor(installed: boolean, version: string | undefined, values: { [key: string]: any } | undefined) {
    this.installed = installed;
    this.version = version;
    this.values = values;
  }
}

/** Props of {@link GkeTrainingAddons}. */
export interface GkeTrainingAddonsProps {
  /** The cluster to install into, declared in an earlier stack. */
  readonly cluster: GkeTrainingCluster;
  /**
   * Kueue: quotas, queues and admission of the training workloads.
   * @default AddonInstallation.helm() - Kueue v0.19.2
   */
  readonly kueue?: AddonInstallation;
  /**
   * JobSet: the API a training run is submitted as.
   * @default AddonInstallation.helm() - JobSet v0.12.0
   */
  readonly jobSet?: AddonInstallation;
}

/**
 * The cluster add-ons the GKE backend needs, Kueue and JobSet, installed with Helm at pinned
 * releases (or declared pre-installed).
 *
 * Declare it in a stack of its own, deployed after the cluster's stack and before the stack of the
 * queues and workloads (`cdktf deploy platform addons workloads`, or `cdktf deploy '*'`, which
 * follows the stack dependencies this construct records): its Helm provider reads the cluster
 * through data sources, which Terraform cannot do in the plan that creates the cluster, and the
 * queues' `kubernetes_manifest`s need Kueue's CRDs at plan time. The stack must declare its
 * default google provider. JobSet is installed first: Kueue's JobSet integration needs its CRD.
 *
 * @example
 * const addonsStack = new TerraformStack(app, 'addons');
 * new GoogleProvider(addonsStack, 'google', { project: 'acme-ml', region: 'us-central1' });
 * const addons = new GkeTrainingAddons(addonsStack, 'addons', { cluster });
 */
export class GkeTrainingAddons extends Construct {
  /** The cluster the add-ons run on. */
  public readonly cluster: GkeTrainingCluster;
  /** How Kueue is installed. */
  public readonly kueue: AddonInstallation;
  /** How JobSet is installed. */
  public readonly jobSet: AddonInstallation;
  /** Namespace of the Kueue controller (`kueue-system`). */
  public readonly kueueNamespace: string = KUEUE_CHART.namespace;
  /** Namespace of the JobSet controller (`jobset-system`). */
  public readonly jobSetNamespace: string = JOBSET_CHART.namespace;
  /** The Kueue release tag installed (or assumed, when pre-installed: the pinned one). */
  public readonly kueueVersion: string;
  /** The JobSet release tag installed (or assumed, when pre-installed: the pinned one). */
  public readonly jobSetVersion: string;
  /** The Helm release of Kueue; undefined when pre-installed. */
  public readonly kueueRelease?: Release;
  /** The Helm release of JobSet; undefined when pre-installed. */
  public readonly jobSetRelease?: Release;

  constructor(scope: Construct, id: string, props: GkeTrainingAddonsProps) {
    super(scope, id);
    // Its stack is checked like the environment's (IAM, public members, ...).
    TrainingPolicy.applyTo(TerraformStack.of(this));
    checkInput(this, props, GKE_TRAINING_ADDONS_PROPS);
    this.cluster = props.cluster;
    this.kueue = props.kueue ?? AddonInstallation.helm();
    this.jobSet = props.jobSet ?? AddonInstallation.helm();
    const problems: FieldProblem[] = [
      ...problemsOf('kueue.version', this.kueue.version, releaseVersion),
      ...problemsOf('jobSet.version', this.jobSet.version, releaseVersion),
      ...valuesProblems('kueue.values', this.kueue.values),
      ...valuesProblems('jobSet.values', this.jobSet.values),
    ];
    throwProblems(this, problems);
    this.kueueVersion = this.kueue.version ?? KUEUE_CHART.pinnedVersion;
    this.jobSetVersion = this.jobSet.version ?? JOBSET_CHART.pinnedVersion;

    if (!this.installsAnything) return; // nothing in any plan: the stack arrangement does not matter
    requireLaterStack(this, props.cluster, 'GkeTrainingAddons',
      'its Helm provider is configured from the cluster, which Terraform cannot do in the plan that creates the cluster');
    this.warnWithoutEgress();
    this.jobSetRelease = this.release('jobset', this.jobSet, JOBSET_CHART, jobSetValues(), []);
    this.kueueRelease = this.release('kueue', this.kueue, KUEUE_CHART, kueueValues(), this.jobSetRelease ? [this.jobSetRelease] : []);
  }

  /** Whether the library installs Kueue or JobSet (false when both are pre-installed: the construct creates nothing). */
  public get installsAnything(): boolean {
    return this.kueue.installed || this.jobSet.installed;
  }

  /**
   * The charts' images come from registry.k8s.io, and the nodes of a cluster the library creates
   * have no external IPs: without Cloud NAT (or mirrored images) the atomic install times out and
   * rolls back, and the first deploy of this stack fails.
   */
  private warnWithoutEgress(): void {
    const network = this.cluster.environment.network;
    if (this.cluster.cluster === undefined || network === undefined || network.nat !== undefined) return;
    Annotations.of(this).addWarning(
      'the cluster\'s nodes are private and the environment\'s network has no Cloud NAT, so they cannot pull the Kueue and JobSet images ' +
        'from registry.k8s.io: set network.enableNat: true on the environment, or mirror the images (an Artifact Registry remote ' +
        'repository) and point the charts\' image values at them (AddonInstallation.helm({ values }))',
    );
  }

  private release(id: string, installation: AddonInstallation, chart: AddonChart, values: object, after: Release[]): Release | undefined {
    if (!installation.installed) return undefined;
    const version = installation.version ?? chart.pinnedVersion;
    if (version !== chart.pinnedVersion) {
      Annotations.of(this).addInfo(
        `${chart.title} ${version} instead of the pinned ${chart.pinnedVersion}: the library's tests validate its ${chart.title} objects against ` +
          `the CRDs of ${chart.pinnedVersion} only; check the release notes for API changes` +
          (chart === JOBSET_CHART ? ', and note that Helm does not upgrade the CRDs of a chart\'s crds/ directory on upgrade' : ''),
      );
    }
    return new helm.Release(this, id, {
      provider: helmProviderFor(this, this.cluster),
      name: chart.release,
      repository: chart.repository,
      chart: chart.chart,
      version: chartVersion(version),
      namespace: chart.namespace,
      createNamespace: true,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 600,
      maxHistory: 10,
      values: [values, ...(installation.values ? [installation.values] : [])].map(helmValues),
      dependsOn: after.length > 0 ? after : undefined,
    });
  }
}

function valuesProblems(field: string, values: unknown): FieldProblem[] {
  if (values === undefined) return [];
  const plain = values !== null && typeof values === 'object' && !Array.isArray(values) && Object.getPrototypeOf(values) === Object.prototype;
  return plain ? [] : [{ field, value: values, allowed: 'must be an object of chart values (what a values.yaml holds)' }];
}

/** Chart values as a Helm values document (JSON is YAML), deterministic, and literal for Terraform. */
function helmValues(values: object): string {
  return literalForTerraform(JSON.stringify(withSortedKeys(values)));
}
