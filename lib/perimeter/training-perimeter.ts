import { Annotations, Lazy, TerraformOutput, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import type { AccessContextManagerServicePerimeter, AccessContextManagerServicePerimeterStatus } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter';
import type { AccessContextManagerServicePerimeterDryRunIngressPolicy } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter-dry-run-ingress-policy';
import type { AccessContextManagerServicePerimeterDryRunResource } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter-dry-run-resource';
import type { AccessContextManagerServicePerimeterIngressPolicy } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter-ingress-policy';
import type { AccessContextManagerServicePerimeterResource } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter-resource';
import { isRestrictable, restrictedServices, VPC_SC_SUPPORTED_SERVICES, VPC_SC_SUPPORTED_SERVICES_AS_OF } from './supported-services';
import { check, problemsOf, throwProblems, ValidationError } from '../core/validation';
import { closest } from '../core/words';
import { ProjectApis } from '../environment/apis';
import { accessLevelName, accessPolicyName, googleApiService, perimeterShortName, servicePerimeterName, vpcScIdentity } from '../rules/network';
import { lazy } from '../core/lazy';

/** Provider classes of a perimeter, loaded with the first one: most environments declare none. */
const google = lazy({
  AccessContextManagerServicePerimeter: (): typeof AccessContextManagerServicePerimeter => require('@cdktf/provider-google/lib/access-context-manager-service-perimeter').AccessContextManagerServicePerimeter,
  AccessContextManagerServicePerimeterDryRunIngressPolicy: (): typeof AccessContextManagerServicePerimeterDryRunIngressPolicy => require('@cdktf/provider-google/lib/access-context-manager-service-perimeter-dry-run-ingress-policy').AccessContextManagerServicePerimeterDryRunIngressPolicy,
  AccessContextManagerServicePerimeterDryRunResource: (): typeof AccessContextManagerServicePerimeterDryRunResource => require('@cdktf/provider-google/lib/access-context-manager-service-perimeter-dry-run-resource').AccessContextManagerServicePerimeterDryRunResource,
  AccessContextManagerServicePerimeterIngressPolicy: (): typeof AccessContextManagerServicePerimeterIngressPolicy => require('@cdktf/provider-google/lib/access-context-manager-service-perimeter-ingress-policy').AccessContextManagerServicePerimeterIngressPolicy,
  AccessContextManagerServicePerimeterResource: (): typeof AccessContextManagerServicePerimeterResource => require('@cdktf/provider-google/lib/access-context-manager-service-perimeter-resource').AccessContextManagerServicePerimeterResource,
});

/** VPC Service Controls settings of a {@link TrainingEnvironment}. */
export interface PerimeterOptions {
  /**
   * Create a perimeter in this access policy (`accessPolicies/NUMBER`). Give this or
   * `existingPerimeterName`.
   * @default - no perimeter is created
   */
  readonly accessPolicy?: string;
  /**
   * Short name of the created perimeter (letters, digits and underscores, starting with a letter,
   * at most 50).
   * @default `<prefix>_training` (hyphens become underscores)
   */
  readonly perimeterName?: string;
  /**
   * Join this existing perimeter (`accessPolicies/NUMBER/servicePerimeters/NAME`): the project and
   * the ingress rules are added as separate resources, so the perimeter's own configuration, owned
   * elsewhere, is never rewritten (that configuration must ignore changes to its resources and
   * policies, see the README).
   * @default - a perimeter is created in `accessPolicy`
   */
  readonly existingPerimeterName?: string;
  /**
   * Dry run: violations are logged, not blocked. Start here, read the logs, then set false to enforce.
   * @default true
   */
  readonly dryRun?: boolean;
  /**
   * Access levels (`accessPolicies/NUMBER/accessLevels/NAME`) whose requests may enter (created perimeters).
   * @default - none
   */
  readonly accessLevels?: string[];
  /**
   * Identities that deploy the stack from outside the perimeter (e.g. a CI service account): an
   * ingress rule lets them call every service from any source.
   * @default - none
   */
  readonly deployerIdentities?: string[];
  /**
   * Services to restrict besides the ones the environment uses. Each must be a service VPC Service
   * Controls supports (the library's list, or `additionalSupportedServices`): a misspelt or
   * unsupported name would make the perimeter fail to apply, or silently protect nothing.
   * @default - none
   */
  readonly additionalRestrictedServices?: string[];
  /**
   * Services that VPC Service Controls supports but the library's list (a snapshot, see
   * `VPC_SC_SUPPORTED_SERVICES`) does not know yet; check with
   * `gcloud access-context-manager supported-services list`.
   * @default - none
   */
  readonly additionalSupportedServices?: string[];
}

/** Properties of {@link TrainingPerimeter}. */
export interface TrainingPerimeterProps extends PerimeterOptions {
  /** The project's number (`projects/NUMBER` is the perimeter resource). */
  readonly projectNumber: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** The environment's APIs: the restricted services follow them. */
  readonly apis: ProjectApis;
  /** Whether the environment has a private network (VPC-accessible services are then restricted too). */
  readonly hasNetwork: boolean;
  /**
   * The project the google provider bills Access Context Manager calls to (its `billing_project`),
   * when it is not the environment's: the API is enabled there too.
   * @default - the environment's project
   */
  readonly billingProjectId?: string;
}

/**
 * The environment's VPC Service Controls: a perimeter around the project that restricts every API
 * the environment uses, with an ingress rule for deployers; dry-run first, enforced by one property.
 */
export class TrainingPerimeter extends Construct {
  /** Whether the perimeter is in dry-run mode. */
  public readonly dryRun: boolean;
  /** The perimeter's resource name. */
  public readonly perimeterName: string;
  /** The created perimeter (create mode). */
  public readonly perimeter?: AccessContextManagerServicePerimeter;
  /** The project's membership of an existing perimeter (join mode): its status or dry-run resource. */
  public readonly membership?: TerraformResource;
  /** The deployers' ingress rule in an existing perimeter (join mode): status or dry-run policy. */
  public readonly deployerIngress?: TerraformResource;
  private readonly props: TrainingPerimeterProps;

  constructor(scope: Construct, id: string, props: TrainingPerimeterProps) {
    super(scope, id);
    this.props = props;
    this.dryRun = props.dryRun ?? true;
    this.validate(props);
    const resource = `projects/${props.projectNumber}`;
    const deployerIngress = this.deployerIngressPolicy();
    // Access Context Manager bills its calls to the provider's quota project, whose API must be on.
    const acm = [
      ...props.apis.require('accesscontextmanager.googleapis.com'),
      ...(props.billingProjectId !== undefined ? props.apis.requireIn(props.billingProjectId, 'accesscontextmanager.googleapis.com') : []),
    ];

    if (props.existingPerimeterName !== undefined) {
      this.perimeterName = props.existingPerimeterName;
      const membershipProps = { perimeterName: this.perimeterName, resource, dependsOn: acm };
      this.membership = this.dryRun
        ? new google.AccessContextManagerServicePerimeterDryRunResource(this, 'membership', membershipProps)
        : new google.AccessContextManagerServicePerimeterResource(this, 'membership', membershipProps);
      if (deployerIngress) {
        const policy = { perimeter: this.perimeterName, title: deployerIngress.title, ingressFrom: deployerIngress.ingressFrom, ingressTo: deployerIngress.ingressTo, lifecycle: { createBeforeDestroy: true }, dependsOn: acm };
        this.deployerIngress = this.dryRun
          ? new google.AccessContextManagerServicePerimeterDryRunIngressPolicy(this, 'deployers', policy)
          : new google.AccessContextManagerServicePerimeterIngressPolicy(this, 'deployers', policy);
      }
      // An existing perimeter's restricted services are owned elsewhere: say which ones this stack needs.
      new TerraformOutput(this, 'required-services', {
        description: `Services ${this.perimeterName} must restrict for this environment`,
        value: Lazy.listValue({ produce: () => this.restrictedServices() }),
      }).overrideLogicalId(`${props.prefix.replace(/-/g, '_')}_perimeter_required_services`);
      Annotations.of(this).addInfo(`The project joins ${this.perimeterName}; make sure it restricts the services in the output ${props.prefix.replace(/-/g, '_')}_perimeter_required_services.`);
      return;
    }

    const shortName = props.perimeterName ?? `${props.prefix.replace(/-/g, '_')}_training`;
    check(this, 'perimeter.perimeterName', shortName, perimeterShortName);
    this.perimeterName = `${props.accessPolicy}/servicePerimeters/${shortName}`;
    const config: AccessContextManagerServicePerimeterStatus = {
      resources: [resource],
      accessLevels: props.accessLevels,
      restrictedServices: Lazy.listValue({ produce: () => this.restrictedServices() }),
      ...(props.hasNetwork ? { vpcAccessibleServices: { enableRestriction: true, allowedServices: ['RESTRICTED-SERVICES'] } } : {}),
      ...(deployerIngress ? { ingressPolicies: [deployerIngress] } : {}),
    };
    this.perimeter = new google.AccessContextManagerServicePerimeter(this, 'perimeter', {
      parent: props.accessPolicy!,
      name: this.perimeterName,
      title: shortName,
      description: 'Vertex AI training (managed by cdktf-vertex-training)',
      perimeterType: 'PERIMETER_TYPE_REGULAR',
      // Dry run: the whole configuration is the explicit dry-run spec and nothing is enforced.
      useExplicitDryRunSpec: this.dryRun,
      ...(this.dryRun ? { spec: config } : { status: config }),
      dependsOn: acm,
    });
  }

  /** The services the perimeter restricts: the environment's VPC-SC-supported APIs plus extra ones. */
  public restrictedServices(): string[] {
    return restrictedServices(this.props.apis.usedApis, this.props.additionalRestrictedServices ?? [], this.props.additionalSupportedServices ?? []);
  }

  private deployerIngressPolicy() {
    const identities = this.props.deployerIdentities ?? [];
    if (identities.length === 0) return undefined;
    return {
      title: 'Deployers of the training environment (Terraform)',
      ingressFrom: { identities, sources: [{ accessLevel: '*' }] },
      ingressTo: { resources: ['*'], operations: [{ serviceName: '*' }] },
    };
  }

  private validate(props: TrainingPerimeterProps): void {
    const modes = [props.accessPolicy, props.existingPerimeterName].filter((v) => v !== undefined).length;
    if (modes !== 1) {
      throw new ValidationError(this, 'perimeter', modes === 0 ? 'neither accessPolicy nor existingPerimeterName' : 'both accessPolicy and existingPerimeterName',
        'exactly one: accessPolicy to create a perimeter, or existingPerimeterName to join one');
    }
    check(this, 'perimeter.accessPolicy', props.accessPolicy, accessPolicyName);
    check(this, 'perimeter.existingPerimeterName', props.existingPerimeterName, servicePerimeterName);
    if (props.existingPerimeterName !== undefined && props.perimeterName !== undefined) {
      throw new ValidationError(this, 'perimeter.perimeterName', props.perimeterName, 'only names a created perimeter (remove it, or use accessPolicy instead of existingPerimeterName)');
    }
    if (props.existingPerimeterName !== undefined && props.accessLevels !== undefined) {
      throw new ValidationError(this, 'perimeter.accessLevels', props.accessLevels.join(', '), 'belong to the existing perimeter\'s own configuration');
    }
    const supported = props.additionalSupportedServices ?? [];
    throwProblems(this, [
      ...(props.accessLevels ?? []).flatMap((level, i) => problemsOf(`perimeter.accessLevels[${i}]`, level, (v) =>
        accessLevelName(v) ?? (props.accessPolicy === undefined || v.startsWith(`${props.accessPolicy}/accessLevels/`)
          ? undefined : `must be an access level of the perimeter's own policy ${props.accessPolicy}`))),
      ...(props.deployerIdentities ?? []).flatMap((identity, i) => problemsOf(`perimeter.deployerIdentities[${i}]`, identity, vpcScIdentity)),
      ...supported.flatMap((service, i) => problemsOf(`perimeter.additionalSupportedServices[${i}]`, service, googleApiService)),
      ...(props.additionalRestrictedServices ?? []).flatMap((service, i) => problemsOf(`perimeter.additionalRestrictedServices[${i}]`, service, (v) =>
        googleApiService(v) ?? (isRestrictable(v, supported) ? undefined
          : `must be a service VPC Service Controls supports (the library's list of ${VPC_SC_SUPPORTED_SERVICES_AS_OF}${nearest(v)}); if \`gcloud access-context-manager supported-services list\` lists it, add it to perimeter.additionalSupportedServices`))),
    ]);
  }
}

/** `; did you mean aiplatform.googleapis.com?` when a listed service is a typo away. */
function nearest(service: string): string {
  const close = closest(service, VPC_SC_SUPPORTED_SERVICES);
  return close ? `; did you mean ${close}?` : '';
}
