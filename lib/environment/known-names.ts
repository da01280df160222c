import { Token } from 'cdktf';
import type { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import type { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { literal } from '../core/validation';
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
    const name = literal(created.nameInput);
    if (ringName !== undefined && name !== undefined) add(key.keyName, `${ringName}/cryptoKeys/${name}`);
  }

  const network = env.network;
  if (network) {
    const created = network.network;
    const name = literal(created?.nameInput);
    const project = literal(created?.projectInput);
    if (name !== undefined && project !== undefined) {
      add(network.networkName, name);
      add(network.networkId, `projects/${project}/global/networks/${name}`);
    }
    add(network.peeringRangeName, network.peeringRange?.nameInput);
    const attachment = network.networkAttachment;
    const [attachmentProject, attachmentRegion, attachmentName] = [attachment?.projectInput, attachment?.regionInput, attachment?.nameInput].map(literal);
    if (attachment && attachmentProject !== undefined && attachmentRegion !== undefined && attachmentName !== undefined) {
      add(attachment.id, `projects/${attachmentProject}/regions/${attachmentRegion}/networkAttachments/${attachmentName}`);
    }
  }

  for (const metric of env._existingLaunchWorkflow()?.alerts.metrics ?? []) add(metric.name, metric.nameInput);
  return known;
}

function keyRingName(ring: KmsKeyRing): string | undefined {
  const [project, location, name] = [ring.projectInput, ring.locationInput, ring.nameInput].map(literal);
  return project !== undefined && location !== undefined && name !== undefined ? `projects/${project}/locations/${location}/keyRings/${name}` : undefined;
}
