import { Annotations, Aspects, IAspect, TerraformLocal, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { TRAINING_POLICY_RULES } from './all-rules';
import { isToken } from './inspect';
import { IPolicyScan, JOBSET_TEMPLATE_TYPE, PolicyRule, PolicySubject, VERTEX_REQUEST_TYPE } from './rule';
import { locatedMessage, ValidationError } from '../core/validation';

/** A rule of the {@link TrainingPolicy}. */
export interface PolicyRuleInfo {
  /** Rule ID, e.g. `VT-CMEK-1`: what acknowledgements name. */
  readonly id: string;
  /** One line: what the rule requires. */
  readonly description: string;
  /** How to comply. */
  readonly fix: string;
}

/** One problem the {@link TrainingPolicy} found on one resource, request body or JobSet template. */
export interface PolicyFinding {
  /** The rule, e.g. `VT-CMEK-1`. */
  readonly ruleId: string;
  /** What the rule requires. */
  readonly description: string;
  /** How to comply. */
  readonly fix: string;
  /** Construct path of the resource (or of the local holding a request body or JobSet template). */
  readonly path: string;
  /** Terraform address: `google_storage_bucket.NAME`, `local.vertex_NAME` or `local.jobset_NAME`. */
  readonly address: string;
  /** What is wrong. */
  readonly problem: string;
  /** Whether an acknowledgement covers the finding (it is then reported, not an error). */
  readonly acknowledged: boolean;
  /**
   * Why the finding is acknowledged.
   * @default - not acknowledged
   */
  readonly reason?: string;
  /**
   * Path of the construct the acknowledgement was made on (the resource or one of its scopes).
   * @default - not acknowledged
   */
  readonly acknowledgedAt?: string;
}

/** An acknowledged policy exception: a rule a resource breaks on purpose, and why. */
export interface PolicyAcknowledgement {
  /** The rule, e.g. `VT-KMS-1`. */
  readonly ruleId: string;
  /** Construct path of the resource that breaks the rule. */
  readonly path: string;
  /** Terraform address of that resource. */
  readonly address: string;
  /** Why it is acceptable. */
  readonly reason: string;
  /** Path of the construct the acknowledgement was made on (the resource or one of its scopes). */
  readonly acknowledgedAt: string;
  /** What the rule found, one entry per problem. */
  readonly problems: string[];
}

const ACKNOWLEDGEMENTS = Symbol.for('cdktf-vertex-training.policy.acknowledgements');
const RULES_BY_ID = new Map(TRAINING_POLICY_RULES.map((rule) => [rule.id, rule]));
const rulesByType = new Map<string, PolicyRule[]>();
const ledgers = new WeakMap<TerraformStack, Ledger>();
const annotated = new WeakMap<IConstruct, Set<string>>();
const localsByScope = new WeakMap<IConstruct, { count: number; byId: Map<string, TerraformLocal> }>();

/**
 * The security policy of training stacks, in the style of cdk-nag: an Aspect that checks every
 * Terraform resource, Vertex AI request body and GKE JobSet template of a stack against the rules
 * listed by {@link TrainingPolicy.rules} (CMEK everywhere, hardened buckets, no public, basic or
 * authoritative IAM, rotated and protected keys, jobs with their own identity and output
 * directory, JobSets in team namespaces and Kueue queues, a perimeter that covers every API) and reports each violation as an error annotation
 * (`[VT-CMEK-1] ...: <problem>. Fix: ...`) on the offending construct, which fails `cdktf synth`.
 *
 * A stack with a `TrainingEnvironment` has the policy already. A violation that is intended is
 * acknowledged with a reason ({@link TrainingPolicy.acknowledge}); it is then an info annotation
 * and appears, with its reason, in {@link TrainingPolicy.acknowledgementsOf}.
 *
 * The Aspect visits every construct once, and only resources of types some rule examines are read.
 */
export class TrainingPolicy implements IAspect {
  /**
   * Checks `stack` at every synth (once: applying the policy twice changes nothing).
   * @param stack the stack to check
   */
  public static applyTo(stack: TerraformStack): void {
    const aspects = Aspects.of(stack);
    if (aspects.all.some((aspect) => aspect instanceof TrainingPolicy)) return;
    aspects.add(new TrainingPolicy(stack));
  }

  /**
   * Accepts that `scope` and every construct under it break rule `ruleId`, for `reason`. The
   * violations become info annotations and are listed, with the reason, by
   * {@link TrainingPolicy.acknowledgementsOf} (and in the training report). The acknowledgement
   * nearest to a resource wins.
   * @param scope the resource, or a construct whose resources the acknowledgement covers
   * @param ruleId a rule ID of {@link TrainingPolicy.rules}, e.g. `VT-KMS-1`
   * @param reason why breaking the rule is acceptable here (required, not blank)
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    if (!RULES_BY_ID.has(ruleId)) {
      throw new ValidationError(scope, 'policy acknowledgement ruleId', ruleId, `must be a rule of the training policy (${[...RULES_BY_ID.keys()].join(', ')})`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new ValidationError(scope, `policy acknowledgement of ${ruleId}: reason`, reason,
        'must say why the rule may be broken here (it appears in the training report)');
    }
    acknowledgementsOn(scope, true)!.set(ruleId, reason.trim());
  }

  /** The rules of the policy: ID, description and fix, in a stable order. */
  public static rules(): PolicyRuleInfo[] {
    return TRAINING_POLICY_RULES.map(({ id, description, fix }) => ({ id, description, fix }));
  }

  /**
   * Every finding of the last synth of `stack` (violations and acknowledged ones), sorted by
   * construct path, rule ID and problem. Empty before the stack is synthesized, or when the policy
   * is not applied to it. Read it after the Aspects ran: after `app.synth()`, `Testing.synth()`,
   * or from a construct's custom synthesis.
   * @param stack a stack the policy is applied to
   */
  public static findingsOf(stack: TerraformStack): PolicyFinding[] {
    const ledger = ledgers.get(stack);
    if (!ledger) return [];
    return [...ledger.findings.values()].flatMap((byKey) => [...byKey.values()]).map((finding) => ({ ...finding })).sort(compareFindings);
  }

  /**
   * The acknowledged exceptions of the last synth of `stack`: one per resource and rule, with the
   * reason, sorted by construct path and rule ID.
   * @param stack a stack the policy is applied to
   */
  public static acknowledgementsOf(stack: TerraformStack): PolicyAcknowledgement[] {
    const grouped = new Map<string, PolicyAcknowledgement>();
    for (const finding of TrainingPolicy.findingsOf(stack)) {
      if (!finding.acknowledged) continue;
      const key = `${finding.path}\u0000${finding.ruleId}`;
      const existing = grouped.get(key);
      if (existing) {
        existing.problems.push(finding.problem);
      } else {
        grouped.set(key, {
          ruleId: finding.ruleId,
          path: finding.path,
          address: finding.address,
          reason: finding.reason!,
          acknowledgedAt: finding.acknowledgedAt!,
          problems: [finding.problem],
        });
      }
    }
    return [...grouped.values()];
  }

  private constructor(private readonly stack: TerraformStack) {}

  /**
   * Checks one construct: a Terraform resource of a type some rule examines, or the local of a
   * Vertex AI request body or JobSet template. Everything else costs one type test.
   * @param node the construct
   */
  public visit(node: IConstruct): void {
    if (TerraformResource.isTerraformResource(node)) {
      const resource = node as TerraformResource;
      const type = resource.terraformResourceType;
      const rules = rulesFor(type);
      if (rules.length === 0) return;
      const id = resource.friendlyUniqueId;
      const config = resource.toTerraform()?.resource?.[type]?.[id];
      if (config === undefined) return; // moved away: nothing is declared here
      this.evaluate(rules, node, type, `${type}.${id}`, config, undefined);
    } else if (node instanceof TerraformLocal) {
      this.visitLocal(node);
    }
  }

  /**
   * A local `vertex_NAME` with a sibling `vertex_NAME_manifest` holds a request body; a local
   * `jobset_NAME` with a sibling `jobset_NAME_manifest` holds a GKE job's JobSet template.
   */
  private visitLocal(local: TerraformLocal): void {
    const id = local.friendlyUniqueId;
    const type = id.startsWith('vertex_') ? VERTEX_REQUEST_TYPE : id.startsWith('jobset_') ? JOBSET_TEMPLATE_TYPE : undefined;
    if (type === undefined || id.endsWith('_manifest')) return;
    const manifest = siblingLocal(local, `${id}_manifest`);
    if (!manifest) return;
    const body = local.toTerraform().locals?.[id];
    if (body === null || typeof body !== 'object' || Array.isArray(body) || isToken(body)) return;
    const manifestValue = manifest.toTerraform().locals?.[`${id}_manifest`];
    const kind = manifestValue !== null && typeof manifestValue === 'object' && typeof manifestValue.kind === 'string' && !isToken(manifestValue.kind)
      ? manifestValue.kind : undefined;
    this.evaluate(rulesFor(type), local, type, `local.${id}`, body, kind);
  }

  private evaluate(rules: PolicyRule[], construct: IConstruct, resourceType: string, address: string,
    config: { [key: string]: any }, jobKind: string | undefined): void {
    const scan = ledgerOf(this.stack);
    scan.begin(construct);
    const subject: PolicySubject = { construct, resourceType, address, config, jobKind, scan };
    for (const rule of rules) {
      for (const problem of rule.check(subject)) scan.report(rule, subject, problem);
    }
  }
}

/** The policy's findings for one stack, by construct; a construct checked again replaces its own. */
class Ledger implements IPolicyScan {
  public readonly findings = new Map<IConstruct, Map<string, PolicyFinding>>();

  constructor(public readonly stack: TerraformStack) {}

  /** Forgets what an earlier synth found on `construct`, before it is checked again. */
  public begin(construct: IConstruct): void {
    this.findings.delete(construct);
  }

  public report(rule: PolicyRule, subject: PolicySubject, problem: string): void {
    const construct = subject.construct;
    let byKey = this.findings.get(construct);
    if (!byKey) {
      byKey = new Map();
      this.findings.set(construct, byKey);
    }
    const key = `${rule.id}\u0000${problem}`;
    if (byKey.has(key)) return;
    const acknowledgement = acknowledgementFor(construct, rule.id);
    byKey.set(key, {
      ruleId: rule.id,
      description: rule.description,
      fix: rule.fix,
      path: construct.node.path,
      address: subject.address,
      problem,
      acknowledged: acknowledgement !== undefined,
      ...(acknowledgement ? { reason: acknowledgement.reason, acknowledgedAt: acknowledgement.at } : {}),
    });
    if (acknowledgement) {
      annotateOnce(construct, 'info', `[${rule.id}] acknowledged: ${rule.description}: ${problem}. Reason: ${acknowledgement.reason}`
        + (acknowledgement.at === construct.node.path ? '' : ` (acknowledged on ${acknowledgement.at})`));
    } else {
      annotateOnce(construct, 'error', `[${rule.id}] ${rule.description}: ${problem}. Fix: ${rule.fix}`);
    }
  }
}

function ledgerOf(stack: TerraformStack): Ledger {
  let ledger = ledgers.get(stack);
  if (!ledger) {
    ledger = new Ledger(stack);
    ledgers.set(stack, ledger);
  }
  return ledger;
}

/** The rules that examine a resource type, computed once per type. */
function rulesFor(type: string): PolicyRule[] {
  let rules = rulesByType.get(type);
  if (!rules) {
    rules = TRAINING_POLICY_RULES.filter((rule) => rule.appliesTo(type));
    rulesByType.set(type, rules);
  }
  return rules;
}

/** The local named `logicalId` beside `local`, indexing each scope's locals once. */
function siblingLocal(local: TerraformLocal, logicalId: string): TerraformLocal | undefined {
  const scope = local.node.scope;
  if (!scope) return undefined;
  const children = scope.node.children;
  let index = localsByScope.get(scope);
  if (!index || index.count !== children.length) {
    const byId = new Map<string, TerraformLocal>();
    for (const child of children) {
      if (child instanceof TerraformLocal) byId.set(child.friendlyUniqueId, child);
    }
    index = { count: children.length, byId };
    localsByScope.set(scope, index);
  }
  return index.byId.get(logicalId);
}

function acknowledgementsOn(construct: IConstruct, create: boolean): Map<string, string> | undefined {
  const holder = construct as unknown as { [ACKNOWLEDGEMENTS]?: Map<string, string> };
  if (!holder[ACKNOWLEDGEMENTS] && create) {
    Object.defineProperty(holder, ACKNOWLEDGEMENTS, { value: new Map<string, string>(), enumerable: false });
  }
  return holder[ACKNOWLEDGEMENTS];
}

/** The acknowledgement of `ruleId` nearest to `construct`: on it, or on the closest scope. */
function acknowledgementFor(construct: IConstruct, ruleId: string): { reason: string; at: string } | undefined {
  for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
    const reason = acknowledgementsOn(current, false)?.get(ruleId);
    if (reason !== undefined) return { reason, at: current.node.path };
  }
  return undefined;
}

/** Annotates once per message: Aspects run again at every synth of the stack. */
function annotateOnce(construct: IConstruct, level: 'info' | 'error', message: string): void {
  let messages = annotated.get(construct);
  if (!messages) {
    messages = new Set();
    annotated.set(construct, messages);
  }
  if (messages.has(message)) return;
  messages.add(message);
  // An error of a construct declared in a config file names the file, line and column too.
  if (level === 'error') Annotations.of(construct).addError(locatedMessage(construct, message));
  else Annotations.of(construct).addInfo(message);
}

function compareFindings(a: PolicyFinding, b: PolicyFinding): number {
  return compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.problem, b.problem);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
