import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import type { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import type { ComputeNetworkAttachment } from '@cdktf/provider-google/lib/compute-network-attachment';
import type { ComputeRoute } from '@cdktf/provider-google/lib/compute-route';
import type { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import type { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import type { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import type { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import type { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import type { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import type { ServiceNetworkingVpcServiceControls } from '@cdktf/provider-google/lib/service-networking-vpc-service-controls';
import { check, ValidationError } from '../core/validation';
import { ProjectApis } from '../environment/apis';
import { cidr, cidrPrefixBetween, networkName as networkNameRule, overlapping, privateCidr } from '../rules/network';
import { lazy } from '../core/lazy';
import { Problem } from '../spec/problem';

/** Provider classes of a network, loaded with the first one: most environments declare none. */
const google = lazy({
  ComputeGlobalAddress: (): typeof ComputeGlobalAddress => require('@cdktf/provider-google/lib/compute-global-address').ComputeGlobalAddress,
  ComputeNetwork: (): typeof ComputeNetwork => require('@cdktf/provider-google/lib/compute-network').ComputeNetwork,
  ComputeNetworkAttachment: (): typeof ComputeNetworkAttachment => require('@cdktf/provider-google/lib/compute-network-attachment').ComputeNetworkAttachment,
  ComputeRoute: (): typeof ComputeRoute => require('@cdktf/provider-google/lib/compute-route').ComputeRoute,
  ComputeRouter: (): typeof ComputeRouter => require('@cdktf/provider-google/lib/compute-router').ComputeRouter,
  ComputeRouterNat: (): typeof ComputeRouterNat => require('@cdktf/provider-google/lib/compute-router-nat').ComputeRouterNat,
  ComputeSubnetwork: (): typeof ComputeSubnetwork => require('@cdktf/provider-google/lib/compute-subnetwork').ComputeSubnetwork,
  DnsManagedZone: (): typeof DnsManagedZone => require('@cdktf/provider-google/lib/dns-managed-zone').DnsManagedZone,
  DnsRecordSet: (): typeof DnsRecordSet => require('@cdktf/provider-google/lib/dns-record-set').DnsRecordSet,
  ServiceNetworkingConnection: (): typeof ServiceNetworkingConnection => require('@cdktf/provider-google/lib/service-networking-connection').ServiceNetworkingConnection,
  ServiceNetworkingVpcServiceControls: (): typeof ServiceNetworkingVpcServiceControls => require('@cdktf/provider-google/lib/service-networking-vpc-service-controls').ServiceNetworkingVpcServiceControls,
});

/** How Vertex AI training VMs reach the environment's network. */
export enum NetworkConnectivity {
  /**
   * VPC Network Peering through private services access: a reserved range in the network that Vertex
   * AI's tenant project peers with. Jobs set `network`. The choice for most platforms: simple, one
   * range per network, works with `gcloud services vpc-peerings enable-vpc-service-controls`.
   */
  PRIVATE_SERVICES_ACCESS = 'PRIVATE_SERVICES_ACCESS',
  /**
   * A Private Service Connect interface: a network attachment that Vertex AI's VMs join. Jobs set
   * `pscInterfaceConfig`. No peering and no large reserved range (a small subnet), transitive
   * reachability of on-premises or other VPCs through the attachment's network; newer.
   */
  PSC_INTERFACE = 'PSC_INTERFACE',
}

/** Which Google API addresses the network's DNS resolves `*.googleapis.com` to. */
export enum GoogleApisAccess {
  /** `restricted.googleapis.com` (199.36.153.4/30): only VPC Service Controls-supported APIs; the perimeter's choice. */
  RESTRICTED = 'RESTRICTED',
  /** `private.googleapis.com` (199.36.153.8/30): every Google API, over private Google access. */
  PRIVATE = 'PRIVATE',
  /** Public DNS: no private zones. */
  DEFAULT = 'DEFAULT',
}

const VIP: { [access: string]: { name: string; range: string; addresses: string[] } } = {
  RESTRICTED: { name: 'restricted', range: '199.36.153.4/30', addresses: ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7'] },
  PRIVATE: { name: 'private', range: '199.36.153.8/30', addresses: ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'] },
};
/** Domains whose APIs training reaches: Google APIs, Artifact Registry, Container Registry. */
const PRIVATE_DOMAINS = ['googleapis.com', 'pkg.dev', 'gcr.io'];

/** Network settings of a {@link TrainingEnvironment}. */
export interface NetworkOptions {
  /**
   * How Vertex AI reaches the network.
   * @default NetworkConnectivity.PRIVATE_SERVICES_ACCESS
   */
  readonly connectivity?: NetworkConnectivity;
  /**
   * Use this existing network (`projects/PROJECT/global/networks/NAME`) instead of creating one.
   * @default - a dedicated network is created
   */
  readonly existingNetworkName?: string;
  /**
   * Range of the environment's subnet (created networks only).
   * @default '10.8.0.0/20'
   */
  readonly subnetCidr?: string;
  /**
   * Range reserved for Vertex AI peering (private services access), /16 to /24.
   * @default '10.16.0.0/16'
   */
  readonly peeringCidr?: string;
  /**
   * Use this existing reserved peering range (its name) instead of reserving one; the network's
   * service networking connection must already include it.
   * @default - a range is reserved and the connection created
   */
  readonly existingPeeringRangeName?: string;
  /**
   * Range of the subnet of the PSC network attachment, /16 to /28.
   * @default '10.9.0.0/24'
   */
  readonly attachmentSubnetCidr?: string;
  /**
   * Private DNS for Google APIs.
   * @default GoogleApisAccess.RESTRICTED inside an enforced perimeter, GoogleApisAccess.PRIVATE otherwise (a dry-run perimeter blocks nothing)
   */
  readonly googleApis?: GoogleApisAccess;
  /**
   * Cloud NAT for jobs that must reach the internet (public package indexes). Refused inside an
   * enforced perimeter, where training has no internet egress by design.
   * @default false
   */
  readonly enableNat?: boolean;
  /**
   * Ranges already used in the network or peered networks, checked for overlaps.
   * @default - none
   */
  readonly existingRanges?: string[];
}

/** Properties of {@link TrainingNetwork}. */
export interface TrainingNetworkProps extends NetworkOptions {
  /** The environment's project. */
  readonly projectId: string;
  /** The environment's region. */
  readonly region: string;
  /** Prefix of derived names. */
  readonly prefix: string;
  /** The environment's APIs. */
  readonly apis: ProjectApis;
  /** Whether a VPC Service Controls perimeter protects the project (DNS and peering follow). */
  readonly insidePerimeter: boolean;
  /** Whether that perimeter is enforced (not dry-run). */
  readonly perimeterEnforced: boolean;
  /** The Vertex AI Service Agent's member (granted the attachment's network with a PSC interface). */
  readonly vertexAgentMember: string;
  /** What a grant to the Vertex AI agent waits for (its creation). */
  readonly vertexAgentDependables: ITerraformDependable[];
}

/**
 * The private network of training: a dedicated VPC and subnet with private Google access (or an
 * existing network), Vertex AI connectivity (private services access or a PSC interface), private
 * DNS for Google APIs, and optional Cloud NAT.
 */
export class TrainingNetwork extends Construct {
  /** How Vertex AI reaches the network. */
  public readonly connectivity: NetworkConnectivity;
  /** The created network; undefined when imported. */
  public readonly network?: ComputeNetwork;
  /** The created subnet; undefined when the network is imported. */
  public readonly subnet?: ComputeSubnetwork;
  /** `projects/PROJECT/global/networks/NAME`. */
  public readonly networkId: string;
  /** The network's name. */
  public readonly networkName: string;
  /** The reserved peering range (private services access). */
  public readonly peeringRange?: ComputeGlobalAddress;
  /** Name of the peering range jobs reserve from (private services access). */
  public readonly peeringRangeName?: string;
  /** The service networking connection (private services access). */
  public readonly peering?: ServiceNetworkingConnection;
  /** VPC Service Controls on the peering (private services access): enabled while the perimeter is enforced. */
  public readonly peeringServiceControls?: ServiceNetworkingVpcServiceControls;
  /** The attachment subnet (PSC interface). */
  public readonly attachmentSubnet?: ComputeSubnetwork;
  /** The network attachment jobs join (PSC interface). */
  public readonly networkAttachment?: ComputeNetworkAttachment;
  /** Private DNS zones for Google APIs. */
  public readonly dnsZones: DnsManagedZone[] = [];
  /** Route to the Google APIs VIP. */
  public googleApisRoute?: ComputeRoute;
  /** Cloud NAT, when enabled. */
  public readonly nat?: ComputeRouterNat;
  /** The Vertex AI agent's right to use the network attachment (PSC interface). */
  public readonly vertexAgentNetworkAdmin?: ProjectIamMember;
  /** The number of an existing network's project, when it is given by number (a Shared VPC host). */
  private readonly hostProjectNumber?: string;
  /** The ranges the network uses (subnet, peering, attachment, declared existing ones), for overlap checks. */
  private usedRanges: { name: string; cidr: string; field: string }[] = [];
  private readonly secondaryRanges: { rangeName: string; ipCidrRange: string }[] = [];

  constructor(scope: Construct, id: string, props: TrainingNetworkProps) {
    super(scope, id);
    this.connectivity = props.connectivity ?? NetworkConnectivity.PRIVATE_SERVICES_ACCESS;
    const psa = this.connectivity === NetworkConnectivity.PRIVATE_SERVICES_ACCESS;
    const project = props.projectId;
    const compute = props.apis.require('compute.googleapis.com');
    this.validate(props, psa);

    if (props.existingNetworkName !== undefined) {
      this.networkId = props.existingNetworkName;
      this.networkName = props.existingNetworkName.split('/').pop()!;
      const networkProject = props.existingNetworkName.split('/')[1];
      if (/^\d+$/.test(networkProject)) {
        this.hostProjectNumber = networkProject;
      } else if (networkProject !== project) {
        throw new ValidationError(this, 'network.existingNetworkName', props.existingNetworkName,
          `a network of another project must be given by that project's number (projects/NUMBER/global/networks/${this.networkName}): Vertex AI names networks by project number`);
      }
    } else {
      this.network = new google.ComputeNetwork(this, 'network', {
        project,
        name: `${props.prefix}-training`,
        description: 'Vertex AI training (managed by cdktf-vertex-training)',
        autoCreateSubnetworks: false,
        routingMode: 'REGIONAL',
        dependsOn: compute,
      });
      this.subnet = new google.ComputeSubnetwork(this, 'subnet', {
        project,
        name: `${props.prefix}-training`,
        region: props.region,
        network: this.network.id,
        ipCidrRange: props.subnetCidr ?? '10.8.0.0/20',
        privateIpGoogleAccess: true,
        logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
      });
      this.networkId = this.network.id;
      this.networkName = this.network.name;
    }

    if (psa) {
      if (props.existingPeeringRangeName !== undefined) {
        this.peeringRangeName = props.existingPeeringRangeName;
      } else {
        const [address, prefixLength] = (props.peeringCidr ?? '10.16.0.0/16').split('/');
        const networking = props.apis.require('servicenetworking.googleapis.com');
        this.peeringRange = new google.ComputeGlobalAddress(this, 'peering-range', {
          project,
          name: `${props.prefix}-vertex-peering`,
          description: 'Reserved for Vertex AI training (private services access)',
          purpose: 'VPC_PEERING',
          addressType: 'INTERNAL',
          address,
          prefixLength: Number(prefixLength),
          network: this.networkId,
          dependsOn: compute,
        });
        this.peering = new google.ServiceNetworkingConnection(this, 'peering', {
          network: this.networkId,
          service: 'servicenetworking.googleapis.com',
          reservedPeeringRanges: [this.peeringRange.name],
          // Deleting the connection fails while Vertex AI's producer resources linger.
          deletionPolicy: 'ABANDON',
          dependsOn: networking,
        });
        this.peeringRangeName = this.peeringRange.name;
      }
      // VPC Service Controls on the peering removes the producer network's default route and sends
      // Google APIs to the restricted VIP: on only while the perimeter is enforced (dry run blocks
      // nothing). Destroying the resource leaves the setting as it was, so a dry-run perimeter
      // declares it with enabled = false (see the README before removing a perimeter).
      if (props.insidePerimeter) {
        this.peeringServiceControls = new google.ServiceNetworkingVpcServiceControls(this, 'peering-vpc-sc', {
          project,
          network: this.networkName,
          service: 'servicenetworking.googleapis.com',
          enabled: props.perimeterEnforced,
          dependsOn: this.peering ? [this.peering] : props.apis.require('servicenetworking.googleapis.com'),
        });
      }
    } else {
      this.attachmentSubnet = new google.ComputeSubnetwork(this, 'attachment-subnet', {
        project,
        name: `${props.prefix}-vertex-attachment`,
        region: props.region,
        network: this.networkId,
        ipCidrRange: props.attachmentSubnetCidr ?? '10.9.0.0/24',
        privateIpGoogleAccess: true,
        dependsOn: compute,
      });
      this.networkAttachment = new google.ComputeNetworkAttachment(this, 'attachment', {
        project,
        name: `${props.prefix}-vertex`,
        region: props.region,
        description: 'Vertex AI training VMs join here (Private Service Connect interface)',
        connectionPreference: 'ACCEPT_AUTOMATIC',
        subnetworks: [this.attachmentSubnet.selfLink],
      });
      // Vertex AI joins its VMs to the attachment and authorizes its tenant project on it.
      this.vertexAgentNetworkAdmin = new ProjectIamMember(this, 'vertex-ai-agent', {
        project, role: 'roles/compute.networkAdmin', member: props.vertexAgentMember, dependsOn: props.vertexAgentDependables,
      });
    }

    // The restricted VIP serves only VPC Service Controls-supported APIs: the default once enforced.
    const access = props.googleApis ?? (props.perimeterEnforced ? GoogleApisAccess.RESTRICTED : GoogleApisAccess.PRIVATE);
    if (access !== GoogleApisAccess.DEFAULT) this.privateGoogleApis(project, props, VIP[access]);

    if (props.enableNat) {
      const router = new google.ComputeRouter(this, 'router', { project, name: `${props.prefix}-training`, region: props.region, network: this.networkId, dependsOn: compute });
      this.nat = new google.ComputeRouterNat(this, 'nat', {
        project,
        name: `${props.prefix}-training`,
        region: props.region,
        router: router.name,
        natIpAllocateOption: 'AUTO_ONLY',
        sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
        logConfig: { enable: true, filter: 'ERRORS_ONLY' },
      });
    }
  }

  /** What a job on this network must wait for: the peering or the attachment. */
  public get dependables(): ITerraformDependable[] {
    return [this.peering, this.peeringServiceControls, this.networkAttachment, this.vertexAgentNetworkAdmin].filter((r): r is NonNullable<typeof r> => r !== undefined);
  }

  /**
   * What is wrong with a secondary range for the created subnet (GKE pods and services ranges): no
   * created subnet, not a private CIDR, or an overlap with the network's other ranges. For the
   * caller to report with its own field, among its other problems.
   * @param ipCidrRange a private IPv4 range
   * @param field the caller's field, named in the problem
   * @internal
   */
  public _secondaryRangeProblem(ipCidrRange: string, field: string): Problem | undefined {
    if (!this.subnet) return { field, value: ipCidrRange, allowed: 'a secondary range can only be added to the subnet the environment creates; with network.existingNetworkName, name an existing range instead' };
    const shape = cidr(ipCidrRange) ?? privateCidr(ipCidrRange);
    if (shape !== undefined) return { field, value: ipCidrRange, allowed: shape };
    const clash = this.usedRanges.find((used) => overlapping([used, { name: field, cidr: ipCidrRange }]).length > 0);
    if (clash) return { field, value: ipCidrRange, allowed: `must not overlap the ${clash.name} ${clash.cidr} (${clash.field})` };
    return undefined;
  }

  /**
   * Adds a secondary range to the created subnet, after {@link _secondaryRangeProblem}'s checks;
   * returns the problem instead when there is one (nothing is added then).
   * @param rangeName name of the range in the subnet
   * @param ipCidrRange a private IPv4 range
   * @param field the caller's field, named in a problem
   * @internal
   */
  public _addSecondaryRange(rangeName: string, ipCidrRange: string, field: string): Problem | undefined {
    const problem = this._secondaryRangeProblem(ipCidrRange, field);
    if (problem || !this.subnet) return problem;
    this.usedRanges.push({ name: `secondary range ${rangeName}`, cidr: ipCidrRange, field });
    this.secondaryRanges.push({ rangeName, ipCidrRange });
    this.subnet.putSecondaryIpRange([...this.secondaryRanges]);
    return undefined;
  }

  /**
   * `projects/NUMBER/global/networks/NAME`, the form Vertex AI's `network` field wants: the network's
   * own project number (a Shared VPC host's, as given in `existingNetworkName`), or this project's.
   */
  public vertexNetwork(projectNumber: string): string {
    return `projects/${this.hostProjectNumber ?? projectNumber}/global/networks/${this.networkName}`;
  }

  private privateGoogleApis(project: string, props: TrainingNetworkProps, vip: { name: string; range: string; addresses: string[] }): void {
    const dns = props.apis.require('dns.googleapis.com');
    this.googleApisRoute = new google.ComputeRoute(this, 'google-apis-route', {
      project,
      name: `${props.prefix}-${vip.name}-google-apis`,
      network: this.networkId,
      destRange: vip.range,
      nextHopGateway: 'default-internet-gateway',
      description: `Private Google access to ${vip.name}.googleapis.com`,
      dependsOn: props.apis.require('compute.googleapis.com'),
    });
    for (const domain of PRIVATE_DOMAINS) {
      const id = domain.replace(/\./g, '-');
      const zone = new google.DnsManagedZone(this, `zone-${id}`, {
        project,
        name: `${props.prefix}-${id}`,
        dnsName: `${domain}.`,
        description: `${domain} to ${vip.name}.googleapis.com (managed by cdktf-vertex-training)`,
        visibility: 'private',
        privateVisibilityConfig: { networks: [{ networkUrl: this.networkId }] },
        dependsOn: dns,
      });
      this.dnsZones.push(zone);
      const apex = domain === 'googleapis.com' ? `${vip.name}.googleapis.com.` : `${domain}.`;
      new google.DnsRecordSet(this, `a-${id}`, { project, managedZone: zone.name, name: apex, type: 'A', ttl: 300, rrdatas: vip.addresses });
      new google.DnsRecordSet(this, `cname-${id}`, { project, managedZone: zone.name, name: `*.${domain}.`, type: 'CNAME', ttl: 300, rrdatas: [apex] });
    }
  }

  private validate(props: TrainingNetworkProps, psa: boolean): void {
    check(this, 'network.existingNetworkName', props.existingNetworkName, networkNameRule);
    const ranges: { name: string; cidr: string; field: string }[] = [];
    const range = (field: string, name: string, value: string | undefined, fallback: string | undefined, min: number, max: number, reason: string) => {
      const v = value ?? fallback;
      if (v === undefined) return;
      check(this, `network.${field}`, v, cidr);
      check(this, `network.${field}`, v, privateCidr);
      check(this, `network.${field}`, v, (x) => cidrPrefixBetween(x, min, max, reason));
      ranges.push({ name, cidr: v, field });
    };
    if (props.existingNetworkName === undefined) range('subnetCidr', 'subnet', props.subnetCidr, '10.8.0.0/20', 8, 29, 'a subnet');
    if (psa && props.existingPeeringRangeName === undefined) range('peeringCidr', 'peering range', props.peeringCidr, '10.16.0.0/16', 16, 24, 'Vertex AI needs room for the training VMs of every concurrent job');
    if (!psa) range('attachmentSubnetCidr', 'attachment subnet', props.attachmentSubnetCidr, '10.9.0.0/24', 16, 28, 'each Vertex AI training VM takes an address from it');
    if (psa && props.attachmentSubnetCidr !== undefined) throw new ValidationError(this, 'network.attachmentSubnetCidr', props.attachmentSubnetCidr, 'only used with NetworkConnectivity.PSC_INTERFACE');
    for (const field of ['peeringCidr', 'existingPeeringRangeName'] as const) {
      if (!psa && props[field] !== undefined) throw new ValidationError(this, `network.${field}`, props[field], 'only used with NetworkConnectivity.PRIVATE_SERVICES_ACCESS');
    }
    (props.existingRanges ?? []).forEach((value, i) => {
      check(this, `network.existingRanges[${i}]`, value, cidr);
      ranges.push({ name: 'existing range', cidr: value, field: `existingRanges[${i}]` });
    });
    this.usedRanges = ranges.map((r) => ({ ...r, field: `network.${r.field}` }));
    ranges.forEach((later, j) => ranges.slice(0, j).forEach((earlier) => {
      if (overlapping([earlier, later]).length > 0) {
        throw new ValidationError(this, `network.${later.field}`, later.cidr, `must not overlap the ${earlier.name} ${earlier.cidr} (network.${earlier.field})`);
      }
    }));
    if (props.enableNat && props.perimeterEnforced) {
      throw new ValidationError(this, 'network.enableNat', true, 'Cloud NAT gives training internet egress, which an enforced perimeter exists to prevent; use Artifact Registry remote repositories or custom images instead');
    }
  }
}
