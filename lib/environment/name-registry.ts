import { Aspects, IAspect, TerraformResource, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { resourceIdentity } from './resource-identity';
import { ValidationError } from '../core/validation';
import { Problem } from '../spec/problem';

/**
 * The names an app's constructs create, so that two of them creating the same Google Cloud object
 * (two environments with one prefix in one project, two buckets given one name) fail at synth
 * instead of at the second apply. One registry per app (the construct tree's root), shared by all
 * of its stacks; every resource is claimed once, so the whole check is linear in the app's size.
 */
interface AppNames {
  /** Identity key or prefix claim → path of the construct that claimed it. */
  readonly owners: Map<string, string>;
  /** Resources already claimed (a construct's own resources, then each synth's new ones). */
  readonly claimed: WeakSet<TerraformResource>;
  /** Stacks whose synth claims the resources created after construction. */
  readonly watched: WeakSet<TerraformStack>;
}

const registries = new WeakMap<IConstruct, AppNames>();

function namesOf(scope: IConstruct): AppNames {
  const root = scope.node.root;
  let names = registries.get(root);
  if (!names) {
    names = { owners: new Map(), claimed: new WeakSet(), watched: new WeakSet() };
    registries.set(root, names);
  }
  return names;
}

/**
 * Claims an environment's prefix (its derived names) in its project and in its stack (the Terraform
 * names of its jobs' requests and outputs), then every named resource under it. Returns a problem per
 * collision; a colliding prefix is reported alone, since every derived name collides with it.
 */
export function claimEnvironmentNames(environment: IConstruct, projectId: string, prefix: string): Problem[] {
  const names = namesOf(environment);
  const path = environment.node.path;
  const stack = TerraformStack.of(environment);
  const problems: Problem[] = [];
  const claims: { key: string; allowed: (owner: string) => string }[] = [
    {
      key: `prefix\u0000stack\u0000${stack.node.path}\u0000${prefix}`,
      allowed: (owner) => `${owner} already uses prefix "${prefix}" in stack ${stack.node.path} (the Terraform names of their jobs' requests and outputs would collide); give each environment of a stack its own prefix`,
    },
  ];
  if (!Token.isUnresolved(projectId)) {
    claims.push({
      key: `prefix\u0000project\u0000${projectId}\u0000${prefix}`,
      allowed: (owner) => `${owner} already uses prefix "${prefix}" in project ${projectId} (every name derived from it, service accounts, roles, key ring, buckets, workflow, would be created twice); give each environment of a project its own prefix`,
    },
    );
  }
  for (const claim of claims) {
    const owner = names.owners.get(claim.key);
    if (owner !== undefined && owner !== path) problems.push({ field: 'prefix', value: prefix, allowed: claim.allowed(owner) });
    else names.owners.set(claim.key, path);
  }
  if (problems.length > 0) return problems;
  return claimResourceNames(environment);
}

/**
 * Claims every named resource under `scope` not claimed yet; a problem for each whose name another
 * construct of the app already creates. Fields are paths relative to `scope`.
 */
export function claimResourceNames(scope: IConstruct): Problem[] {
  const names = namesOf(scope);
  const problems: Problem[] = [];
  for (const node of scope.node.findAll()) {
    if (!(node instanceof TerraformResource)) continue;
    const problem = claim(names, node);
    if (problem) problems.push({ ...problem, field: `${relativePath(scope, node)} ${problem.field}` });
  }
  return problems;
}

/**
 * Makes every synth of `stack` claim the resources created after construction (jobs' schedules,
 * the launcher workflow, quota requests made by aspects), failing on the first collision with a
 * message naming the resource. Added once per stack.
 */
export function claimNamesAtSynth(stack: TerraformStack): void {
  const names = namesOf(stack);
  if (names.watched.has(stack)) return;
  names.watched.add(stack);
  Aspects.of(stack).add(new ClaimNames(names));
}

class ClaimNames implements IAspect {
  constructor(private readonly names: AppNames) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const problem = claim(this.names, node);
    if (problem) throw new ValidationError(node, problem.field, problem.value, problem.allowed);
  }
}

function claim(names: AppNames, resource: TerraformResource): Problem | undefined {
  if (names.claimed.has(resource)) return undefined;
  names.claimed.add(resource);
  const identity = resourceIdentity(resource);
  if (!identity) return undefined;
  const owner = names.owners.get(identity.key);
  if (owner === undefined) {
    names.owners.set(identity.key, resource.node.path);
    return undefined;
  }
  return {
    field: identity.attribute,
    value: identity.name,
    allowed: `must be unique in the app: ${owner} already creates the ${identity.description}; ${identity.fix ?? 'choose another name (or, for a name derived from an environment\'s prefix, another prefix)'}`,
  };
}

function relativePath(scope: IConstruct, node: IConstruct): string {
  return node.node.path.slice(scope.node.path.length + 1);
}
