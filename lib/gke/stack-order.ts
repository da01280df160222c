import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { locatedMessage } from '../core/validation';
import type { GkeTrainingAddons } from './training-addons';

/**
 * The GKE backend deploys in three stacks, in order (DESIGN §7): (1) the cluster and its node pools,
 * (2) the cluster add-ons (Kueue, JobSet), (3) the queues and the workloads. A stack that talks to the
 * cluster's API must come after the stack that creates the cluster, because Terraform cannot configure
 * a provider from a resource of the same plan; a stack of `kubernetes_manifest`s must come after the
 * one that installs their CRDs, because the provider reads the CRDs at plan time. These functions
 * refuse, at construction, an arrangement that would break the first deploy, and record the order as
 * stack dependencies so that `cdktf deploy '*'` deploys the stacks in it.
 */

/**
 * Requires `scope` to live in a stack other than `earlier`'s, and makes its stack depend on that one.
 * Throws, naming both construct paths and the fix, when they share a stack, or when `earlier`'s stack
 * already depends on `scope`'s (the order would be a cycle).
 *
 * @param scope the construct that needs `earlier` deployed first
 * @param earlier what must be deployed in an earlier stack
 * @param what `scope`'s kind, as a message names it (`GkeTrainingAddons`)
 * @param why why the two cannot share a plan (a sentence fragment)
 */
export function requireLaterStack(scope: IConstruct, earlier: IConstruct, what: string, why: string): void {
  const stack = TerraformStack.of(scope);
  const earlierStack = TerraformStack.of(earlier);
  if (stack === earlierStack) {
    fail(
      scope,
      `${what} cannot be declared in the stack "${stack.node.id}" of ${earlier.node.path}: ${why}. ` +
        `Declare it in a stack of its own that deploys after "${stack.node.id}" (e.g. new TerraformStack(app, '${suggestedStackId(what)}'))`,
    );
  }
  if (earlierStack.dependsOn(stack)) {
    fail(
      scope,
      `${what} in the stack "${stack.node.id}" needs ${earlier.node.path} (stack "${earlierStack.node.id}") deployed first, ` +
        `but "${earlierStack.node.id}" already deploys after "${stack.node.id}": ${why}. Move one of them so that the stacks deploy in one order`,
    );
  }
  stack.addDependency(earlierStack);
}

/**
 * Requires `scope` to live in the same stack as `owner` (e.g. a GKE job in the stack of its queues,
 * so that no launch can happen before the queues exist). Throws, naming both construct paths.
 *
 * @param scope the construct being declared
 * @param owner the construct whose stack `scope` must share
 * @param what `scope`'s kind, as a message names it
 * @param why why they must share a stack (a sentence fragment)
 */
export function requireSameStack(scope: IConstruct, owner: IConstruct, what: string, why: string): void {
  const stack = TerraformStack.of(scope);
  const ownerStack = TerraformStack.of(owner);
  if (stack !== ownerStack) {
    fail(
      scope,
      `${what} is declared in the stack "${stack.node.id}" but ${owner.node.path} is in the stack "${ownerStack.node.id}": ${why}. ` +
        `Declare it in the stack "${ownerStack.node.id}"`,
    );
  }
}

/**
 * The rule of the third stack (queues and workloads): after the cluster's stack, whose cluster its
 * Kubernetes provider reads, and after the add-ons' stack when the library installs add-ons there,
 * because `kubernetes_manifest` reads the CRDs of its objects at plan time. Pre-installed add-ons
 * create nothing, so their construct may share the stack. Records both stack dependencies.
 *
 * @param scope the construct that writes Kubernetes objects (e.g. `GkeTrainingQueues`)
 * @param addons the add-ons it relies on
 * @param what `scope`'s kind, as a message names it
 */
export function requireAfterAddons(scope: IConstruct, addons: GkeTrainingAddons, what: string): void {
  requireLaterStack(scope, addons.cluster, what,
    'its Kubernetes provider is configured from the cluster, which Terraform cannot do in the plan that creates the cluster');
  if (addons.installsAnything) {
    requireLaterStack(scope, addons, what,
      'its kubernetes_manifest objects need the CRDs of Kueue and JobSet at plan time, and they are installed by that stack');
  }
}

/** The stack ID a message suggests for a construct of this kind. */
function suggestedStackId(what: string): string {
  return /addons/i.test(what) ? 'addons' : 'workloads';
}

function fail(scope: IConstruct, message: string): never {
  throw new StackOrderError(locatedMessage(scope, `${scope.node.path}: ${message}`));
}

/** A construct declared in a stack that would not deploy in order (see {@link requireLaterStack}). */
export class StackOrderError extends Error {
  /** @param message the construct path, the stacks and the fix */
  constructor(message: string) {
    super(message);
    this.name = 'StackOrderError';
  }
}
