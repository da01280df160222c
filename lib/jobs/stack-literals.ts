/**
 * Names of an environment's resources as literal strings where the environment declared them with
 * literals, for a job declared in a later stack (a GKE job in its queues' stack): a literal needs no
 * cross-stack output and remote state, and the stack order already guarantees the resource exists.
 * Fall back to the reference (a cdktf cross-stack reference) when the name is a token. Not public API.
 */
import type { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import type { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { literal } from '../core/validation';
import type { TrainingBucket } from '../environment/storage';

/** A bucket's name. */
export function bucketNameLiteral(bucket: TrainingBucket): string {
  return literal(bucket.bucket?.nameInput) ?? bucket.bucketName;
}

/** A topic's ID, `projects/PROJECT/topics/NAME`. */
export function topicIdLiteral(topic: PubsubTopic): string {
  const project = literal(topic.projectInput);
  const name = literal(topic.nameInput);
  return project !== undefined && name !== undefined ? `projects/${project}/topics/${name}` : topic.id;
}

/** A workflow's name. */
export function workflowNameLiteral(workflow: WorkflowsWorkflow): string {
  return literal(workflow.nameInput) ?? workflow.name;
}
