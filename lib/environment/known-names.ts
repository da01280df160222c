import { Token } from 'cdktf';
import type { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import type { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import type { TrainingBucket } from './storage';
import { accountEmail, type TrainingServiceAccount } from './identity';
import { TrainingTeam } from './team';
import type { TrainingEnvironment } from './training-environment';

/*
 * The names an environment knows at synth although Terraform refers to them: a created bucket's
 * name, a created service account's email, a created key's resource name. Each value is computed
 * from what the resource is declared with (its `*Input` arguments, read at synth, so that an escape
 * hatch that changes an argument changes the value too), never by parsing a token; a resource
 * declared with a token (a project ID from a variable) has no known value. Server-assigned values
 * (a TensorBoard's ID, a project number) are never known.
 */

/** Resolves a cdktf token to the Terraform text it synthesizes to, e.g. `${google_storage_bucket.x.name}`. */
export type TokenText = (token: string) => string;

/**
 * The references of `env`'s resources whose values are known at synth, keyed by their Terraform
 * text (`${google_service_account.x.email}` → `ml-trainer@acme.iam.gserviceaccount.com`).
 * Linear in the environment's parts (its teams included).
 */
export function knownNames(env: TrainingEnvironment, text: TokenText): Map<string, string> {
  const known = new Map<string, string>();
  const add = (reference: string | undefined, value: string | undefined) => {
    if (reference === undefined || value === undefined || !Token.isUnresolved(reference) || Token.isUnresolved(value)) return;
    known.set(text(reference), value);
  };
  const ofAccount = (account: TrainingServiceAccount) => {
    const created = account.serviceAccount;
    const email = created ? accountEmail(created) : undefined;
    if (!created || email === undefined) return;
    add(account.email, email);
    add(account.member, `serviceAccount:${email}`);
    add(created.name, `projects/${created.projectInput}/serviceAccounts/${email}`);
  };
  const ofBucket = (bucket: TrainingBucket) => add(bucket.bucketName, bucket.bucket?.nameInput);

  ofAccount(env.trainer);
  ofAccount(env.launcher);
  for (const bucket of [env.stagingBucket, env.artifactsBucket, env.dataBucket]) ofBucket(bucket);
  for (const child of env.node.children) {
    if (!(child instanceof TrainingTeam)) continue;
    ofAccount(child.trainer);
    ofBucket(child.dataBucket);
    ofBucket(child.artifactsBucket);
  }

  // The ring first: a created key's ring is the ring's ID.
  const ring = env.encryption.keyRing;
  if (ring) add(ring.id, keyRingName(ring));
  const ringText = (value: string | undefined): string | undefined => {
    if (value === undefined || !Token.isUnresolved(value)) return value;
    const resolved = known.get(text(value));
    return resolved;
  };
  for (const key of Object.values(env.encryption.keys)) {
    const created: KmsCryptoKey | undefined = key.cryptoKey;
    if (!created) continue;
    const ringName = ringText(created.keyRingInput);
    if (ringName !== undefined && isLiteral(created.nameInput)) add(key.keyName, `${ringName}/cryptoKeys/${created.nameInput}`);
  }

  const network = env.network;
  if (network) {
    const created = network.network;
    if (created && isLiteral(created.nameInput) && isLiteral(created.projectInput)) {
      add(network.networkName, created.nameInput);
      add(network.networkId, `projects/${created.projectInput}/global/networks/${created.nameInput}`);
    }
    add(network.peeringRangeName, network.peeringRange?.nameInput);
    const attachment = network.networkAttachment;
    if (attachment && isLiteral(attachment.projectInput) && isLiteral(attachment.regionInput) && isLiteral(attachment.nameInput)) {
      add(attachment.id, `projects/${attachment.projectInput}/regions/${attachment.regionInput}/networkAttachments/${attachment.nameInput}`);
    }
  }

  for (const metric of env._existingLaunchWorkflow()?.alerts.metrics ?? []) add(metric.name, metric.nameInput);
  return known;
}

function keyRingName(ring: KmsKeyRing): string | undefined {
  const { projectInput: project, locationInput: location, nameInput: name } = ring;
  return isLiteral(project) && isLiteral(location) && isLiteral(name) ? `projects/${project}/locations/${location}/keyRings/${name}` : undefined;
}

function isLiteral(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}
