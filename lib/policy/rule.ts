import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The pseudo resource type of a Vertex AI request body: the Terraform local `vertex_<name>` of a
 * job, tuning job or pipeline, recognized by its sibling local `vertex_<name>_manifest`.
 */
export const VERTEX_REQUEST_TYPE = 'vertex_ai_request';

/**
 * The pseudo resource type of a GKE job's JobSet template (`jobset.x-k8s.io` JobSet, without
 * `metadata.name`): the Terraform local `jobset_<name>` of a job on GKE, recognized by its sibling
 * local `jobset_<name>_manifest`.
 */
export const JOBSET_TEMPLATE_TYPE = 'gke_jobset_template';

/**
 * One thing a rule examines: a Terraform resource, or a Vertex AI request body or JobSet template
 * held in a local.
 */
export interface PolicySubject {
  /** The construct: a `TerraformResource`, or the `TerraformLocal` holding a request body or JobSet template. */
  readonly construct: IConstruct;
  /**
   * The Terraform resource type (`google_storage_bucket`), {@link VERTEX_REQUEST_TYPE} or
   * {@link JOBSET_TEMPLATE_TYPE}.
   */
  readonly resourceType: string;
  /** The Terraform address: `google_storage_bucket.NAME`, `local.vertex_NAME` or `local.jobset_NAME`. */
  readonly address: string;
  /**
   * The subject as it synthesizes: a resource's attributes in Terraform's snake_case (with
   * overrides applied), a request body in the Vertex AI REST API's camelCase, or a JobSet template
   * as the Kubernetes API reads it (camelCase). Values may be
   * unresolved tokens: a rule treats a present token as set.
   */
  readonly config: { [key: string]: any };
  /**
   * Kind of a request body (`CustomJob`, `HyperparameterTuningJob`, `TrainingPipeline`) or of a
   * JobSet template (`JobSet`), as its manifest names it.
   * @default - not a request body or JobSet template, or the manifest does not name the kind
   */
  readonly jobKind?: string;
  /** The stack-wide scan the subject is part of, for rules that relate resources to each other. */
  readonly scan: IPolicyScan;
}

/** The policy's state for one stack, shared by the checks of every subject of that stack. */
export interface IPolicyScan {
  /** The stack being checked. */
  readonly stack: TerraformStack;
  /**
   * Reports a problem on a subject other than the one being checked (rules that relate
   * resources: a problem found while checking one belongs to another seen earlier).
   * @param rule the rule that found the problem
   * @param subject the subject the problem belongs to
   * @param problem what is wrong
   */
  report(rule: PolicyRule, subject: PolicySubject, problem: string): void;
}

/**
 * One policy rule (cdk-nag style): an ID, a one-line description, a fix hint, the resource types
 * it examines and a check that returns what is wrong with one subject.
 */
export abstract class PolicyRule {
  /** Rule ID, e.g. `VT-CMEK-1`: what acknowledgements name. */
  public abstract readonly id: string;
  /** One line: what the rule requires. */
  public abstract readonly description: string;
  /** How to comply. */
  public abstract readonly fix: string;
  /**
   * The Terraform resource types the rule examines (or {@link VERTEX_REQUEST_TYPE},
   * {@link JOBSET_TEMPLATE_TYPE}); an entry
   * starting with `*` matches every type ending with the rest (`*_iam_member`).
   */
  public abstract readonly resourceTypes: string[];

  /**
   * What is wrong with `subject`, one short phrase per problem (the policy adds the rule ID, the
   * description and the fix); empty when it complies.
   * @param subject the resource or request body to check
   */
  public abstract check(subject: PolicySubject): string[];

  /**
   * Whether the rule examines resources of `resourceType`.
   * @param resourceType a Terraform resource type, {@link VERTEX_REQUEST_TYPE} or {@link JOBSET_TEMPLATE_TYPE}
   */
  public appliesTo(resourceType: string): boolean {
    return this.resourceTypes.some((pattern) =>
      pattern.startsWith('*') ? resourceType.endsWith(pattern.slice(1)) : resourceType === pattern);
  }
}
