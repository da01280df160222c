import { PolicyRule } from './rule';
import { AlertsNotifyRule } from './rules/alerts-notify';
import { BucketCmekRule } from './rules/bucket-cmek';
import { BucketForceDestroyRule } from './rules/bucket-force-destroy';
import { BucketPublicAccessPreventionRule } from './rules/bucket-public-access-prevention';
import { BucketUniformAccessRule } from './rules/bucket-uniform-access';
import { BucketVersioningRule } from './rules/bucket-versioning';
import { DatasetCmekRule } from './rules/dataset-cmek';
import { GkeAuthorizedNetworksRule } from './rules/gke-authorized-networks';
import { GkeBootDiskCmekRule } from './rules/gke-boot-disk-cmek';
import { GkeJobSetIdentityRule } from './rules/gke-jobset-identity';
import { GkeJobSetQueueOutputsRule } from './rules/gke-jobset-queue-outputs';
import { GkeNamespaceIsolationRule } from './rules/gke-namespace-isolation';
import { GkeNodeServiceAccountRule } from './rules/gke-node-service-account';
import { GkeSecretsCmekRule } from './rules/gke-secrets-cmek';
import { GkeWorkloadIdentityRule } from './rules/gke-workload-identity';
import { IamAuthoritativeRule } from './rules/iam-authoritative';
import { IamPrimitiveRolesRule } from './rules/iam-primitive-roles';
import { IamPublicMembersRule } from './rules/iam-public-members';
import { JobCmekRule } from './rules/job-cmek';
import { JobOutputDirectoryRule } from './rules/job-output-directory';
import { JobServiceAccountRule } from './rules/job-service-account';
import { KeyProtectionRule } from './rules/key-protection';
import { KeyRotationRule } from './rules/key-rotation';
import { MetadataStoreCmekRule } from './rules/metadata-store-cmek';
import { PerimeterRestrictsApisRule } from './rules/perimeter-restricts-apis';
import { RepositoryCmekRule } from './rules/repository-cmek';
import { TensorboardCmekRule } from './rules/tensorboard-cmek';

/** Every rule of the training policy, in the order the README lists them. */
export const TRAINING_POLICY_RULES: readonly PolicyRule[] = [
  new BucketCmekRule(),
  new RepositoryCmekRule(),
  new JobCmekRule(),
  new TensorboardCmekRule(),
  new DatasetCmekRule(),
  new MetadataStoreCmekRule(),
  new BucketUniformAccessRule(),
  new BucketPublicAccessPreventionRule(),
  new BucketVersioningRule(),
  new BucketForceDestroyRule(),
  new IamPublicMembersRule(),
  new IamPrimitiveRolesRule(),
  new IamAuthoritativeRule(),
  new KeyRotationRule(),
  new KeyProtectionRule(),
  new JobServiceAccountRule(),
  new JobOutputDirectoryRule(),
  new PerimeterRestrictsApisRule(),
  new AlertsNotifyRule(),
  new GkeBootDiskCmekRule(),
  new GkeSecretsCmekRule(),
  new GkeAuthorizedNetworksRule(),
  new GkeWorkloadIdentityRule(),
  new GkeNodeServiceAccountRule(),
  new GkeNamespaceIsolationRule(),
  new GkeJobSetIdentityRule(),
  new GkeJobSetQueueOutputsRule(),
];
