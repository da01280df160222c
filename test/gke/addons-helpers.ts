import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingEnvironment } from '../../lib';
import { GkeTrainingCluster, GkeTrainingClusterProps } from '../../lib/gke/training-cluster';
import { GkeTrainingAddons, GkeTrainingAddonsProps } from '../../lib/gke/training-addons';

/** The first two stacks of a GKE platform: the cluster's (platform) and the add-ons'. */
export interface AddonsApp {
  readonly app: App;
  readonly platform: TerraformStack;
  readonly addonsStack: TerraformStack;
  readonly cluster: GkeTrainingCluster;
  readonly addons: GkeTrainingAddons;
}

/** A stack with the default google provider every GKE stack needs. */
export function googleStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  return stack;
}

/** The platform stack with an environment and its cluster. */
export function platformApp(clusterProps: Partial<GkeTrainingClusterProps> = {}): { app: App; platform: TerraformStack; cluster: GkeTrainingCluster } {
  const app = Testing.app();
  const platform = googleStack(app, 'platform');
  const environment = new TrainingEnvironment(platform, 'ml', { projectId: 'acme-ml', region: 'us-central1', network: {} });
  const cluster = new GkeTrainingCluster(platform, 'gke', { environment, ...clusterProps });
  return { app, platform, cluster };
}

/** The platform stack and an add-ons stack holding a {@link GkeTrainingAddons}. */
export function addonsApp(props: Partial<GkeTrainingAddonsProps> = {}, clusterProps: Partial<GkeTrainingClusterProps> = {}): AddonsApp {
  const { app, platform, cluster } = platformApp(clusterProps);
  const addonsStack = googleStack(app, 'addons');
  const addons = new GkeTrainingAddons(addonsStack, 'addons', { cluster, ...props });
  return { app, platform, addonsStack, cluster, addons };
}

/** Every `${...}` reference of a JSON value, as `type.name` or `data.type.name` addresses. */
export function referencedAddresses(value: unknown): string[] {
  const text = JSON.stringify(value);
  const found = new Set<string>();
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const ref of match[1].matchAll(/\b(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+|[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)) found.add(ref[1]);
  }
  return [...found].sort();
}
