import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AddonInstallation, GkeTrainingAddons, GkeTrainingCluster, TrainingEnvironment } from '../../lib';
import { helmProviderFor, kubernetesProviderFor } from '../../lib/gke/cluster-providers';
import { requireAfterAddons, requireSameStack } from '../../lib/gke/stack-order';
import { synthJson, ofType } from '../helpers/synth';
import { addonsApp, googleStack, platformApp, referencedAddresses } from './addons-helpers';

/** A stand-in for the workloads stack's constructs (GkeTrainingQueues applies the same rule). */
class Workload extends Construct {
  constructor(scope: Construct, id: string, addons: GkeTrainingAddons) {
    super(scope, id);
    requireAfterAddons(this, addons, 'Workload');
    kubernetesProviderFor(this, addons.cluster);
  }
}

const releases = (json: any): { [name: string]: any } => ofType(json, 'helm_release');
const valuesOf = (release: any): any[] => release.values.map((v: string) => JSON.parse(v));

describe('GkeTrainingAddons: the Helm provider', () => {
  test('is configured only from data sources of its own stack: the DNS endpoint and the deployer\'s token', () => {
    const { addonsStack, cluster } = addonsApp();
    const json = synthJson(addonsStack);
    const [helm] = json.provider.helm;
    expect(helm.kubernetes.host).toBe('https://${data.google_container_cluster.vt-gke-cluster.control_plane_endpoints_config[0].dns_endpoint_config[0].endpoint}');
    expect(helm.kubernetes.token).toBe('${data.google_client_config.vt-google-client-config.access_token}');
    // No CA: the DNS endpoint serves a publicly trusted certificate.
    expect(helm.kubernetes.cluster_ca_certificate).toBeUndefined();
    for (const address of referencedAddresses(json.provider)) expect(address).toMatch(/^data\./);
    // The cluster is read by its literal name, location and project: no cross-stack reference.
    expect(ofType(json, 'google_container_cluster', 'data')).toEqual({
      'vt-gke-cluster': { name: cluster.clusterName, location: 'us-central1', project: 'acme-ml' },
    });
    expect(cluster.clusterName).toBe('ml-training');
    expect(json.data?.terraform_remote_state).toBeUndefined();
    expect(ofType(json, 'google_container_cluster')).toEqual({});
  });

  test('the data sources read nothing that the same plan creates', () => {
    const { addonsStack } = addonsApp();
    const json = synthJson(addonsStack);
    expect(referencedAddresses(json.data)).toEqual([]);
  });

  test('one Kubernetes and one Helm provider per stack, sharing the data sources', () => {
    const { addonsStack, cluster, addons } = addonsApp();
    const k8s = kubernetesProviderFor(addons, cluster);
    expect(kubernetesProviderFor(addonsStack, cluster)).toBe(k8s);
    expect(helmProviderFor(addons, cluster)).toBe(helmProviderFor(addonsStack, cluster));
    const json = synthJson(addonsStack);
    expect(json.provider.kubernetes).toHaveLength(1);
    expect(json.provider.helm).toHaveLength(1);
    expect(Object.keys(ofType(json, 'google_container_cluster', 'data'))).toHaveLength(1);
    expect(Object.keys(ofType(json, 'google_client_config', 'data'))).toHaveLength(1);
    expect(json.provider.kubernetes[0].host).toBe(json.provider.helm[0].kubernetes.host);
  });

  test('a stack without its default google provider fails at synth, saying what to declare', () => {
    const { app, cluster } = platformApp();
    const bare = new TerraformStack(app, 'addons');
    new GkeTrainingAddons(bare, 'addons', { cluster });
    expect(() => Testing.synth(bare, true)).toThrow(
      /addons: the stack has no default google provider.*used by addons\/addons.*new GoogleProvider\(stack, 'google', \{ project: 'acme-ml', region: 'us-central1' \}\)/,
    );
  });

  test('a second default Kubernetes provider in the stack is refused at synth', () => {
    const { addonsStack, cluster } = addonsApp();
    kubernetesProviderFor(addonsStack, cluster);
    new KubernetesProvider(addonsStack, 'mine', { host: 'https://example.com' });
    expect(() => Testing.synth(addonsStack, true)).toThrow(/the default Kubernetes provider addons\/mine competes with the one the library configures for the GKE cluster "ml-training"/);
  });

  test('one stack serves one cluster', () => {
    const { app, cluster } = platformApp();
    const other = platformApp({ clusterName: 'other-cluster' }).cluster;
    const stack = googleStack(app, 'addons');
    new GkeTrainingAddons(stack, 'addons', { cluster });
    expect(() => kubernetesProviderFor(new Construct(stack, 'x'), other)).toThrow(
      /addons\/x: the stack addons already talks to the GKE cluster "ml-training" \(us-central1, project acme-ml\) \(first used by addons\/addons\).*"other-cluster"/,
    );
  });
});

describe('GkeTrainingAddons: the Helm releases', () => {
  test('JobSet then Kueue, pinned, atomic, waited for, in their own namespaces', () => {
    const json = synthJson(addonsApp().addonsStack);
    const { jobset, kueue } = (() => {
      const all = Object.values(releases(json));
      return { jobset: all.find((r) => r.name === 'jobset'), kueue: all.find((r) => r.name === 'kueue') };
    })();
    expect(Object.keys(releases(json))).toHaveLength(2);
    expect(jobset).toMatchObject({
      repository: 'oci://registry.k8s.io/jobset/charts', chart: 'jobset', version: '0.12.0', namespace: 'jobset-system',
      create_namespace: true, atomic: true, cleanup_on_fail: true, wait: true, timeout: 600, provider: 'helm',
    });
    expect(kueue).toMatchObject({
      repository: 'oci://registry.k8s.io/kueue/charts', chart: 'kueue', version: '0.19.2', namespace: 'kueue-system',
      create_namespace: true, atomic: true, cleanup_on_fail: true, wait: true, timeout: 600, provider: 'helm',
    });
    const [jobsetName] = Object.entries(releases(json)).find(([, r]) => r.name === 'jobset')!;
    expect(kueue.depends_on).toEqual([`helm_release.${jobsetName}`]);
    expect(jobset.depends_on).toBeUndefined();
  });

  test('Kueue is configured for JobSet, waitForPodsReady and internal certificates, and tolerates nothing', () => {
    const json = synthJson(addonsApp().addonsStack);
    const kueue = Object.values(releases(json)).find((r) => r.name === 'kueue');
    const [values] = valuesOf(kueue);
    const config = JSON.parse(values.managerConfig.controllerManagerConfigYaml);
    expect(config.apiVersion).toBe('config.kueue.x-k8s.io/v1beta2');
    expect(config.integrations.frameworks).toEqual(['batch/job', 'jobset.x-k8s.io/jobset']);
    // 20 requeues, not 5: the count is never reset while the workload is active, and each Spot
    // preemption that waits more than 30 minutes for capacity counts (lib/gke/addon-charts.ts).
    expect(config.waitForPodsReady).toMatchObject({ timeout: '30m', requeuingStrategy: { timestamp: 'Eviction', backoffLimitCount: 20, backoffBaseSeconds: 60, backoffMaxSeconds: 3600 } });
    expect(config.waitForPodsReady.recoveryTimeout).toBeUndefined();
    // Left to the chart's default (internal certificates when cert-manager is off), no feature gate.
    expect(config.internalCertManagement).toBeUndefined();
    expect(values.enableCertManager).toBeUndefined();
    expect(values.controllerManager.featureGates).toBeUndefined();
    expect(values.controllerManager).toMatchObject({ replicas: 2, tolerations: [], podDisruptionBudget: { enabled: true } });
  });

  test('the JobSet controller never runs on GPU or TPU nodes', () => {
    const json = synthJson(addonsApp().addonsStack);
    const jobset = Object.values(releases(json)).find((r) => r.name === 'jobset');
    const [values] = valuesOf(jobset);
    expect(values.controller.tolerations).toEqual([]);
    // No ServiceMonitor: GKE has no monitoring.coreos.com CRD, and some chart revisions default to one.
    expect(values.prometheus).toEqual({ enable: false });
    const required = values.controller.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(required).toEqual([{ matchExpressions: [
      { key: 'cloud.google.com/gke-accelerator', operator: 'DoesNotExist' },
      { key: 'cloud.google.com/gke-tpu-accelerator', operator: 'DoesNotExist' },
    ] }]);
  });

  test('user values follow the library\'s, literal for Terraform', () => {
    const json = synthJson(addonsApp({ kueue: AddonInstallation.helm({ values: { controllerManager: { replicas: 3 }, note: 'a ${literal}' } }) }).addonsStack);
    const kueue = Object.values(releases(json)).find((r) => r.name === 'kueue');
    expect(kueue.values).toHaveLength(2);
    expect(kueue.values[1]).toBe('{"controllerManager":{"replicas":3},"note":"a $${literal}"}');
  });

  test('another release is installed as asked, with a note that the objects are validated against the pinned CRDs', () => {
    const { addonsStack, addons } = addonsApp({ kueue: AddonInstallation.helm({ version: 'v0.19.3' }) });
    const json = synthJson(addonsStack);
    expect(Object.values(releases(json)).find((r) => r.name === 'kueue').version).toBe('0.19.3');
    expect(addons.kueueVersion).toBe('v0.19.3');
    expect(addons.jobSetVersion).toBe('v0.12.0');
    const infos = addons.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.INFO).map((m) => m.data);
    expect(infos).toEqual([expect.stringMatching(/^Kueue v0\.19\.3 instead of the pinned v0\.19\.2: the library's tests validate its Kueue objects against the CRDs of v0\.19\.2 only/)]);
    expect(addonsApp().addons.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.INFO)).toEqual([]);
  });

  test('private nodes without Cloud NAT cannot pull the charts\' images: a warning names both ways out; with NAT, none', () => {
    const warnings = (addons: GkeTrainingAddons) => addons.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings(addonsApp().addons)).toEqual([expect.stringMatching(/no Cloud NAT, so they cannot pull the Kueue and JobSet images from registry\.k8s\.io: set network\.enableNat: true .*or mirror the images/)]);
    const app = Testing.app();
    const platform = googleStack(app, 'platform');
    const environment = new TrainingEnvironment(platform, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: { enableNat: true } });
    const cluster = new GkeTrainingCluster(platform, 'gke', { environment });
    expect(warnings(new GkeTrainingAddons(googleStack(app, 'addons'), 'addons', { cluster }))).toEqual([]);
    expect(warnings(addonsApp({ kueue: AddonInstallation.preinstalled(), jobSet: AddonInstallation.preinstalled() }).addons)).toEqual([]);
  });

  test.each([['0.19.2'], ['latest'], ['v0.19'], ['v0.19.2-rc.1'], ['>=v0.19.0']])('version %s is refused', (version) => {
    expect(() => addonsApp({ kueue: AddonInstallation.helm({ version }) })).toThrow(
      `addons/addons: kueue.version ${JSON.stringify(version)} is not valid: must be a release tag vX.Y.Z`,
    );
  });

  test('every bad version is reported at once', () => {
    expect(() => addonsApp({ kueue: AddonInstallation.helm({ version: 'latest' }), jobSet: AddonInstallation.helm({ version: '0.12' }) })).toThrow(
      /kueue\.version "latest" is not valid.*\n.*jobSet\.version "0\.12" is not valid/,
    );
  });
});

describe('GkeTrainingAddons: pre-installed add-ons', () => {
  test('create nothing: no release, no provider, no data source', () => {
    const { addonsStack, addons } = addonsApp({ kueue: AddonInstallation.preinstalled(), jobSet: AddonInstallation.preinstalled() });
    const json = synthJson(addonsStack);
    expect(json.resource).toBeUndefined();
    expect(json.data).toBeUndefined();
    expect(json.provider.helm).toBeUndefined();
    expect(addons.installsAnything).toBe(false);
    expect(addons.kueueRelease).toBeUndefined();
    // The workloads still know what they run against.
    expect([addons.kueueVersion, addons.jobSetVersion, addons.kueueNamespace]).toEqual(['v0.19.2', 'v0.12.0', 'kueue-system']);
  });

  test('may share the cluster\'s stack, and then the workloads need only come after it', () => {
    const { app, platform, cluster } = platformApp();
    const addons = new GkeTrainingAddons(platform, 'addons', { cluster, kueue: AddonInstallation.preinstalled(), jobSet: AddonInstallation.preinstalled() });
    const workloads = googleStack(app, 'workloads');
    new Workload(workloads, 'w', addons);
    expect(workloads.dependencies).toEqual([platform]);
  });

  test('one pre-installed, the other installed: only that release, depending on nothing', () => {
    const json = synthJson(addonsApp({ jobSet: AddonInstallation.preinstalled() }).addonsStack);
    const all = Object.values(releases(json));
    expect(all.map((r) => r.name)).toEqual(['kueue']);
    expect(all[0].depends_on).toBeUndefined();
  });
});

describe('the stack order', () => {
  test('three stacks: add-ons after the platform, workloads after both, recorded for cdktf deploy', () => {
    const { app, platform, addonsStack, addons } = addonsApp();
    const workloads = googleStack(app, 'workloads');
    new Workload(workloads, 'w', addons);
    expect(addonsStack.dependencies).toEqual([platform]);
    expect(workloads.dependencies).toEqual([platform, addonsStack]);
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.addons.dependencies).toEqual(['platform']);
    expect(manifest.stacks.workloads.dependencies).toEqual(['platform', 'addons']);
    // The workloads' Kubernetes provider reads the cluster in its own stack too.
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, manifest.stacks.workloads.synthesizedStackPath), 'utf8'));
    expect(referencedAddresses(json.provider.kubernetes)).toEqual(['data.google_client_config.vt-google-client-config', 'data.google_container_cluster.vt-gke-cluster']);
  });

  test('add-ons in the cluster\'s stack are refused, naming both constructs and the fix', () => {
    const { platform, cluster } = platformApp();
    expect(() => new GkeTrainingAddons(platform, 'addons', { cluster })).toThrow(
      'platform/addons: GkeTrainingAddons cannot be declared in the stack "platform" of platform/gke: its Helm provider is configured from the cluster, ' +
        'which Terraform cannot do in the plan that creates the cluster. Declare it in a stack of its own that deploys after "platform" ' +
        '(e.g. new TerraformStack(app, \'addons\'))',
    );
  });

  test('workloads in the add-ons\' stack are refused', () => {
    const { addonsStack, addons } = addonsApp();
    expect(() => new Workload(addonsStack, 'w', addons)).toThrow(
      /^addons\/w: Workload cannot be declared in the stack "addons" of addons\/addons: its kubernetes_manifest objects need the CRDs of Kueue and JobSet at plan time/,
    );
  });

  test('workloads in the cluster\'s stack are refused', () => {
    const { platform, addons } = addonsApp();
    expect(() => new Workload(platform, 'w', addons)).toThrow(
      /^platform\/w: Workload cannot be declared in the stack "platform" of platform\/gke: its Kubernetes provider is configured from the cluster/,
    );
  });

  test('an order that would be a cycle is refused', () => {
    const { app, cluster } = platformApp();
    const addonsStack = googleStack(app, 'addons');
    TerraformStack.of(cluster).addDependency(addonsStack);
    expect(() => new GkeTrainingAddons(addonsStack, 'addons', { cluster })).toThrow(
      /addons\/addons: GkeTrainingAddons in the stack "addons" needs platform\/gke \(stack "platform"\) deployed first, but "platform" already deploys after "addons"/,
    );
  });

  test('requireSameStack names both stacks', () => {
    const { app, addons } = addonsApp();
    const other = googleStack(app, 'other');
    expect(() => requireSameStack(new Construct(other, 'job'), addons, 'a GKE job', 'no launch may come before its queues')).toThrow(
      'other/job: a GKE job is declared in the stack "other" but addons/addons is in the stack "addons": no launch may come before its queues. Declare it in the stack "addons"',
    );
  });
});

describe('GkeTrainingAddons: wrong runtime types', () => {
  const js = (value: unknown): any => value;

  test.each([
    ['cluster', { cluster: js('ml-training') }, 'cluster "ml-training" is not valid: must be a GkeTrainingCluster'],
    ['kueue', { kueue: js('helm') }, 'kueue "helm" is not valid: must be an AddonInstallation (AddonInstallation.helm or preinstalled)'],
    ['jobSet.values', { jobSet: AddonInstallation.helm({ values: js('replicas: 2') }) }, 'jobSet.values "replicas: 2" is not valid: must be an object of chart values'],
    ['kueue.version', { kueue: AddonInstallation.helm({ version: js(19) }) }, 'kueue.version 19 is not valid: must be a release tag vX.Y.Z'],
  ])('%s', (_, props, message) => {
    const { app, cluster } = platformApp();
    const stack = googleStack(app, 'addons');
    expect(() => new GkeTrainingAddons(stack, 'addons', { cluster, ...props })).toThrow(`addons/addons: ${message}`);
  });
});
