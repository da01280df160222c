import type { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import type { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import type { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { lazy } from '../core/lazy';
import { locatedMessage } from '../core/validation';
import type { GkeTrainingCluster } from './training-cluster';

const providers = lazy({
  DataGoogleClientConfig: (): typeof DataGoogleClientConfig => require('@cdktf/provider-google/lib/data-google-client-config').DataGoogleClientConfig,
  DataGoogleContainerCluster: (): typeof DataGoogleContainerCluster =>
    require('@cdktf/provider-google/lib/data-google-container-cluster').DataGoogleContainerCluster,
  HelmProvider: (): typeof HelmProvider => require('@cdktf/provider-helm/lib/provider').HelmProvider,
  KubernetesProvider: (): typeof KubernetesProvider => require('@cdktf/provider-kubernetes/lib/provider').KubernetesProvider,
});

/** What the providers need to know of the cluster: literal strings, known at synth. */
type ClusterIdentity = Pick<GkeTrainingCluster, 'clusterName' | 'location' | 'projectId'>;

/**
 * The Kubernetes and Helm providers of one stack, and the data sources they are configured from.
 * Created once per stack, on first use.
 */
interface ClusterConnection {
  readonly cluster: ClusterIdentity;
  /** Path of the construct that asked first, for error messages. */
  readonly firstUser: string;
  readonly clusterData: DataGoogleContainerCluster;
  readonly clientConfig: DataGoogleClientConfig;
  readonly host: string;
  kubernetes?: KubernetesProvider;
  helm?: HelmProvider;
}

const connections = new WeakMap<TerraformStack, ClusterConnection>();

/**
 * The stack's Kubernetes provider, configured to reach `cluster` through its DNS-based control plane
 * endpoint with the deploying identity's OAuth2 token. Created on first call, shared by every
 * construct of the stack.
 *
 * It is configured ONLY from data sources of the stack (`data google_container_cluster` by the
 * cluster's literal name, location and project, and `data google_client_config`), never from the
 * cluster resource, which lives in an earlier stack: Terraform cannot configure a provider from a
 * resource created in the same plan. The DNS endpoint (`gke-<id>.<region>.gke.goog`) is reachable from
 * anywhere Google APIs are, authorised by IAM (`container.clusters.connect`), and serves a publicly
 * trusted certificate, so no cluster CA is needed and a CI runner needs no route to private IPs.
 *
 * The stack must declare its default google provider (`new GoogleProvider(stack, 'google', ...)`);
 * synth fails with a message saying so otherwise.
 *
 * @param scope any construct of the stack that talks to the cluster
 * @param cluster the cluster, usually declared in another stack
 */
export function kubernetesProviderFor(scope: Construct, cluster: GkeTrainingCluster): KubernetesProvider {
  const connection = connectionFor(scope, cluster);
  connection.kubernetes ??= new providers.KubernetesProvider(TerraformStack.of(scope), 'vt-kubernetes', {
    host: connection.host,
    token: connection.clientConfig.accessToken,
  });
  return connection.kubernetes;
}

/**
 * The stack's Helm provider, configured like {@link kubernetesProviderFor} (DNS endpoint, OAuth2 token
 * from `data google_client_config`). Created on first call, shared by every construct of the stack.
 *
 * @param scope any construct of the stack that installs charts
 * @param cluster the cluster, usually declared in another stack
 */
export function helmProviderFor(scope: Construct, cluster: GkeTrainingCluster): HelmProvider {
  const connection = connectionFor(scope, cluster);
  connection.helm ??= new providers.HelmProvider(TerraformStack.of(scope), 'vt-helm', {
    kubernetes: { host: connection.host, token: connection.clientConfig.accessToken },
  });
  return connection.helm;
}

function connectionFor(scope: Construct, cluster: ClusterIdentity): ClusterConnection {
  const stack = TerraformStack.of(scope);
  const existing = connections.get(stack);
  if (existing) {
    if (!sameCluster(existing.cluster, cluster)) {
      throw new Error(
        locatedMessage(
          scope,
          `${scope.node.path}: the stack ${stack.node.path} already talks to the GKE cluster ${describe(existing.cluster)} ` +
            `(first used by ${existing.firstUser}); its Kubernetes and Helm providers serve one cluster. ` +
            `Declare what targets the cluster ${describe(cluster)} in a stack of its own.`,
        ),
      );
    }
    return existing;
  }
  const clusterData = new providers.DataGoogleContainerCluster(stack, 'vt-gke-cluster', {
    name: cluster.clusterName,
    location: cluster.location,
    project: cluster.projectId,
  });
  const clientConfig = new providers.DataGoogleClientConfig(stack, 'vt-google-client-config');
  const endpoint = clusterData.controlPlaneEndpointsConfig.get(0).dnsEndpointConfig.get(0).endpoint;
  const connection: ClusterConnection = { cluster, firstUser: scope.node.path, clusterData, clientConfig, host: `https://${endpoint}` };
  connections.set(stack, connection);
  stack.node.addValidation({ validate: () => providerProblems(stack, connection) });
  return connection;
}

function sameCluster(a: ClusterIdentity, b: ClusterIdentity): boolean {
  return a === b || (a.clusterName === b.clusterName && a.location === b.location && a.projectId === b.projectId);
}

function describe(cluster: ClusterIdentity): string {
  return `"${cluster.clusterName}" (${cluster.location}, project ${cluster.projectId})`;
}

/**
 * At synth, when every provider of the stack is declared: the data sources need the stack's default
 * google provider, and no other default Kubernetes or Helm provider may compete with ours.
 */
function providerProblems(stack: TerraformStack, connection: ClusterConnection): string[] {
  const problems: string[] = [];
  const defaults = (type: new (...args: never[]) => TerraformProvider): TerraformProvider[] =>
    stack.node.children.filter((c): c is TerraformProvider => c instanceof type && (c as TerraformProvider).alias === undefined);
  if (defaults(GoogleProvider).length === 0) {
    problems.push(
      `${stack.node.path}: the stack has no default google provider, which the data sources that configure its Kubernetes ` +
        `and Helm providers (used by ${connection.firstUser}) need: declare one in this stack, e.g. ` +
        `new GoogleProvider(stack, 'google', { project: '${connection.cluster.projectId}', region: '${connection.cluster.location}' })`,
    );
  }
  for (const [type, ours, what] of [
    [providers.KubernetesProvider, connection.kubernetes, 'Kubernetes'],
    [providers.HelmProvider, connection.helm, 'Helm'],
  ] as const) {
    const others = defaults(type).filter((p) => p !== ours);
    if (ours && others.length > 0) {
      problems.push(
        `${stack.node.path}: the default ${what} provider ${others.map(pathOf).join(', ')} competes with the one the library ` +
          `configures for the GKE cluster ${describe(connection.cluster)}: remove it, or give it an alias`,
      );
    }
  }
  return problems.map((p) => locatedMessage(stack, p));
}

function pathOf(c: IConstruct): string {
  return c.node.path;
}
