import { IConstruct } from 'constructs';
import { VPC_SC_SUPPORTED_SERVICES } from '../../perimeter/supported-services';
import { TrainingPerimeter } from '../../perimeter/training-perimeter';
import { block, isToken } from '../inspect';
import { IPolicyScan, PolicyRule, PolicySubject } from '../rule';

const SUPPORTED = new Set(VPC_SC_SUPPORTED_SERVICES);
const SERVICE = 'google_project_service';
const PERIMETER = 'google_access_context_manager_service_perimeter';

interface EnabledApi { readonly subject: PolicySubject; readonly api: string }
interface PerimeterConfig { readonly label: string; readonly restricted: ReadonlySet<string> }
interface DeclaredPerimeter { readonly subject: PolicySubject; readonly configs: PerimeterConfig[] }

/** What the rule has seen of one stack, by construct (a second synth replaces, never duplicates). */
interface Seen {
  readonly apis: Map<IConstruct, EnabledApi>;
  readonly perimeters: Map<IConstruct, DeclaredPerimeter>;
}

/**
 * VT-VPCSC-1: a perimeter declared in the stack restricts every API the stack enables that VPC
 * Service Controls supports. Related across resources: each enabled API is compared with each
 * perimeter as either is visited, and a gap is reported on the perimeter.
 */
export class PerimeterRestrictsApisRule extends PolicyRule {
  public readonly id = 'VT-VPCSC-1';
  public readonly description = 'A VPC Service Controls perimeter declared in the stack restricts every API the stack enables that VPC-SC supports';
  public readonly fix = 'add the API to the perimeter\'s restrictedServices (TrainingPerimeter restricts the environment\'s APIs; perimeter.additionalRestrictedServices adds others)';
  public readonly resourceTypes = [SERVICE, PERIMETER];
  private readonly seen = new WeakMap<IPolicyScan, Seen>();

  public check(subject: PolicySubject): string[] {
    let seen = this.seen.get(subject.scan);
    if (!seen) {
      seen = { apis: new Map(), perimeters: new Map() };
      this.seen.set(subject.scan, seen);
    }
    if (subject.resourceType === SERVICE) {
      const api = subject.config.service;
      if (typeof api !== 'string' || isToken(api) || !SUPPORTED.has(api)) return [];
      const enabled = { subject, api };
      seen.apis.set(subject.construct, enabled);
      for (const perimeter of seen.perimeters.values()) {
        for (const problem of this.gaps(perimeter, [enabled])) subject.scan.report(this, perimeter.subject, problem);
      }
      return [];
    }
    const perimeter = { subject, configs: this.configsOf(subject) };
    seen.perimeters.set(subject.construct, perimeter);
    return this.gaps(perimeter, [...seen.apis.values()]);
  }

  private gaps(perimeter: DeclaredPerimeter, apis: EnabledApi[]): string[] {
    const problems: string[] = [];
    for (const config of perimeter.configs) {
      for (const { subject, api } of apis) {
        if (!config.restricted.has(api)) problems.push(`its ${config.label} does not restrict ${api}, which ${subject.address} enables`);
      }
    }
    return problems;
  }

  /** The perimeter's enforced (`status`) and dry-run (`spec`) configurations whose services are known. */
  private configsOf(subject: PolicySubject): PerimeterConfig[] {
    const scope = subject.construct.node.scope;
    const training = scope instanceof TrainingPerimeter ? scope : undefined;
    const configs: PerimeterConfig[] = [];
    let declared = 0;
    for (const [key, label] of [['status', 'enforced configuration (status)'], ['spec', 'dry-run configuration (spec)']]) {
      const config = block(subject.config[key]);
      if (config === undefined) continue;
      declared++;
      // A TrainingPerimeter's list is a Lazy value known at synth; other token lists cannot be judged.
      const services = literalList(config.restricted_services) ?? training?.restrictedServices();
      if (services !== undefined) configs.push({ label, restricted: new Set(services) });
    }
    if (declared === 0) configs.push({ label: 'configuration (neither status nor spec)', restricted: new Set() });
    return configs;
  }
}

/** A list of literal strings; undefined when the list, or any element of it, is a token. */
function literalList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (isToken(value) || !Array.isArray(value)) return undefined;
  if (value.some((item) => typeof item !== 'string' || isToken(item) || isToken([item]))) return undefined;
  return value as string[];
}
