import { dependable, Lazy, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { TimeProvider } from '@cdktf/provider-time/lib/provider';
import type { Sleep } from '@cdktf/provider-time/lib/sleep';
import { lazy } from '../core/lazy';

/** The time provider's classes, loaded with the first wait: an environment alone has none. */
const time = lazy({
  Sleep: (): typeof Sleep => require('@cdktf/provider-time/lib/sleep').Sleep,
  TimeProvider: (): typeof TimeProvider => require('@cdktf/provider-time/lib/provider').TimeProvider,
});

/** Properties of {@link PropagationWait}. */
export interface PropagationWaitProps {
  /** How long to wait, in seconds. */
  readonly seconds: number;
}

/**
 * A `time_sleep` (hashicorp/time) after resources that take effect only some time after Terraform
 * creates them: IAM grants (Google documents minutes of propagation) and Eventarc triggers. What
 * depends on the wait is created only after it.
 *
 * The sleep's `triggers` hold the ID of everything it waits for, so a later deploy that adds or
 * replaces one of them replaces the sleep and waits again; a deploy that changes none of them waits
 * for nothing.
 */
export class PropagationWait extends Construct {
  /** The sleep resources wait for. */
  public readonly sleep: Sleep;
  /** In the order added (a Set keeps it). */
  private readonly waitedFor = new Set<TerraformResource>();
  /** The sleep's `depends_on`, the same array, filled as resources are added. */
  private readonly dependencies: string[] = [];

  constructor(scope: Construct, id: string, props: PropagationWaitProps) {
    super(scope, id);
    this.sleep = new time.Sleep(this, 'sleep', {
      provider: timeProvider(this),
      createDuration: `${props.seconds}s`,
      triggers: Lazy.anyValue({ produce: () => this.triggers() }) as any,
      dependsOn: [],
    });
    this.sleep.dependsOn = this.dependencies;
  }

  /**
   * Adds resources the wait follows: it starts once they exist and starts again whenever one of
   * them is added or replaced.
   * @param resources grants, triggers or other resources that take time to take effect
   */
  public waitFor(...resources: TerraformResource[]): void {
    for (const resource of resources) {
      if (this.waitedFor.has(resource)) continue;
      this.waitedFor.add(resource);
      this.dependencies.push(dependable(resource));
    }
  }

  /** The resources the wait follows, in the order they were added. */
  public get resources(): TerraformResource[] {
    return [...this.waitedFor];
  }

  /** One entry per waited-for resource: its Terraform address and its ID, known after apply. */
  private triggers(): { [address: string]: string } {
    const triggers: { [address: string]: string } = {};
    for (const resource of this.waitedFor) {
      triggers[`${resource.terraformResourceType}.${resource.friendlyUniqueId}`] = resource.getStringAttribute('id');
    }
    return triggers;
  }
}

const TIME_PROVIDER_ID = 'vertex-training-time';

/** One hashicorp/time provider per stack for the waits of every environment in it. */
function timeProvider(scope: Construct): TimeProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(TIME_PROVIDER_ID);
  if (existing instanceof time.TimeProvider) return existing;
  return new time.TimeProvider(stack, TIME_PROVIDER_ID, {});
}
