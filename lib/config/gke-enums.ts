import { GpuDriverVersion, NodeProvisioning } from '../gke/node-pool';
import { QueueingStrategy } from '../gke/team-queue';
import { GkeReleaseChannel } from '../gke/training-cluster';
import type { Spellings } from './enums';
import type { RawGkeCluster, RawGkeTeam, RawNodePool } from './types';

/**
 * How a config file spells the GKE enumerations (as ./enums.ts does the others), in a module of
 * their own: only a config with a `gke` section loads the GKE constructs.
 */

export const RELEASE_CHANNELS: Spellings<NonNullable<RawGkeCluster['releaseChannel']>, GkeReleaseChannel> = {
  rapid: GkeReleaseChannel.RAPID,
  regular: GkeReleaseChannel.REGULAR,
  stable: GkeReleaseChannel.STABLE,
};

export const NODE_PROVISIONINGS: Spellings<NonNullable<RawNodePool['provisioning']>, NodeProvisioning> = {
  'standard': NodeProvisioning.STANDARD,
  'spot': NodeProvisioning.SPOT,
  'flex-start': NodeProvisioning.FLEX_START,
  'queued-provisioning': NodeProvisioning.QUEUED_PROVISIONING,
};

export const GPU_DRIVER_VERSIONS: Spellings<NonNullable<RawNodePool['gpuDriverVersion']>, GpuDriverVersion> = {
  'latest': GpuDriverVersion.LATEST,
  'default': GpuDriverVersion.DEFAULT,
  'installation-disabled': GpuDriverVersion.INSTALLATION_DISABLED,
};

export const QUEUEING_STRATEGIES: Spellings<NonNullable<RawGkeTeam['queueingStrategy']>, QueueingStrategy> = {
  'best-effort-fifo': QueueingStrategy.BEST_EFFORT_FIFO,
  'strict-fifo': QueueingStrategy.STRICT_FIFO,
};
