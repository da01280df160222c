import { ITerraformDependable, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { EncryptionKey } from '../environment/encryption';
import { TrainingEnvironment } from '../environment/training-environment';

/** Properties of {@link GkeClusterEncryption}. */
export interface GkeClusterEncryptionProps {
  /** The environment whose key ring holds created keys. */
  readonly environment: TrainingEnvironment;
  /** Whether the cluster is created here (its Secrets key is then needed). */
  readonly createsCluster: boolean;
  /** A key brought by the user for Kubernetes Secrets. @default - `<prefix>-gke-secrets` is created */
  readonly secretsKeyName?: string;
  /** A key brought by the user for node boot disks. @default - `<prefix>-gke-disks` is created */
  readonly bootDiskKeyName?: string;
}

/**
 * The cluster's CMEK, one key per service agent that uses it, as for the rest of the environment:
 * application-layer Secrets encryption with the Kubernetes Engine Service Agent's key, node boot
 * disks with the Compute Engine Service Agent's key. Each agent exists before its grant (the GKE
 * agent through `google_project_service_identity`; the Compute Engine agent, which that resource
 * refuses, with the Compute Engine API), and the cluster and its pools wait for the grants'
 * propagation (`GkeTrainingCluster.grantsPropagated`).
 */
export class GkeClusterEncryption extends Construct {
  /** Key of application-layer Secrets encryption; undefined for an imported cluster. */
  public readonly secretsKey?: EncryptionKey;
  /** Key of the nodes' boot disks (every node pool of the cluster). */
  public readonly bootDiskKey: EncryptionKey;
  /** The Kubernetes Engine Service Agent's grant on the Secrets key. */
  public readonly secretsGrant?: KmsCryptoKeyIamMember;
  /** The Compute Engine Service Agent's grant on the boot disk key. */
  public readonly bootDiskGrant: KmsCryptoKeyIamMember;

  constructor(scope: Construct, id: string, props: GkeClusterEncryptionProps) {
    super(scope, id);
    const env = props.environment;
    const agents = env.serviceAgents;
    if (props.createsCluster) {
      this.secretsKey = env.encryption.additionalKey('gke-secrets', props.secretsKeyName);
      this.secretsGrant = grantOnce(this.secretsKey, 'kubernetes-engine-agent', agents.kubernetesEngineMember, [agents.requireKubernetesEngine()]);
    }
    this.bootDiskKey = env.encryption.additionalKey('gke-disks', props.bootDiskKeyName);
    this.bootDiskGrant = grantOnce(this.bootDiskKey, 'compute-engine-agent', agents.computeEngineMember, env.apis.require('compute.googleapis.com'));
  }

  /** The grants whose propagation the cluster and its node pools wait for. */
  public get grants(): TerraformResource[] {
    return [this.secretsGrant, this.bootDiskGrant].filter((g): g is KmsCryptoKeyIamMember => g !== undefined);
  }
}

/** The key's grant to `member`, made once however many clusters of the environment use the key. */
function grantOnce(key: EncryptionKey, id: string, member: string, dependsOn: ITerraformDependable[]): KmsCryptoKeyIamMember {
  const existing = key.node.tryFindChild(id);
  if (existing instanceof KmsCryptoKeyIamMember) return existing;
  return key.grantEncryptDecrypt(id, member, dependsOn);
}
