import { ProjectRoleGrant } from '../environment/roles';
import { TrainingEnvironment } from '../environment/training-environment';

/**
 * What the launcher needs in IAM to reach a cluster through its DNS-based endpoint:
 * `container.clusters.connect`, which the endpoint checks before it forwards a request, and
 * `container.clusters.get` to read the cluster. Neither gives any Kubernetes object: what the
 * launcher may do inside the cluster comes from RBAC (a Role in each team namespace), so a custom
 * role holds exactly these two instead of `roles/container.developer`, whose IAM grants would
 * authorize Kubernetes writes in every namespace.
 */
export const LAUNCHER_GKE_PERMISSIONS: readonly string[] = ['container.clusters.connect', 'container.clusters.get'];

const GRANT_ID = 'gke-connect-role';

/**
 * The launcher's custom role to connect to the environment's GKE clusters, and its grant: one per
 * environment, shared by its clusters (project-level, since clusters take no IAM bindings).
 * @param env the environment whose launcher connects
 */
export function launcherClusterAccess(env: TrainingEnvironment): ProjectRoleGrant {
  const existing = env.launcher.node.tryFindChild(GRANT_ID);
  if (existing instanceof ProjectRoleGrant) return existing;
  return new ProjectRoleGrant(env.launcher, GRANT_ID, {
    projectId: env.projectId,
    roleId: `${env.prefix.replace(/-/g, '_')}_gkeTrainingConnect`,
    title: `GKE training connect (${env.prefix})`,
    description: 'Reaches the GKE training clusters through their DNS-based endpoint; Kubernetes RBAC decides the rest.',
    permissions: [...LAUNCHER_GKE_PERMISSIONS],
    member: env.launcher.member,
    dependsOn: env.apis.require('iam.googleapis.com'),
  });
}
