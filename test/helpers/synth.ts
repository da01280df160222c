import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TrainingEnvironment, TrainingEnvironmentProps } from '../../lib';

/** Synthesized Terraform JSON of one stack. */
export type TerraformJson = {
  resource?: { [type: string]: { [name: string]: any } };
  data?: { [type: string]: { [name: string]: any } };
  [block: string]: any;
};

/** Synthesizes a stack to its Terraform JSON. */
export function synthJson(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack));
}

/** All resources (or data sources) of one type, by logical name. */
export function ofType(json: TerraformJson, type: string, block: 'resource' | 'data' = 'resource'): { [name: string]: any } {
  return json[block]?.[type] ?? {};
}

/** The single resource of a type, failing when there is not exactly one. */
export function onlyOfType(json: TerraformJson, type: string, block: 'resource' | 'data' = 'resource'): any {
  const all = Object.values(ofType(json, type, block));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The API names of the stack's `google_project_service` resources, sorted. */
export function enabledApis(json: TerraformJson): string[] {
  return Object.values(ofType(json, 'google_project_service')).map((s) => s.service).sort();
}

/** `google_project_service.<name>` of an API the stack enables exactly once. */
export function apiRef(json: TerraformJson, api: string): string {
  const found = Object.entries(ofType(json, 'google_project_service')).filter(([, s]) => s.service === api);
  expect(found).toHaveLength(1);
  return `google_project_service.${found[0][0]}`;
}

/**
 * The one resource of a type whose logical name starts with `prefix` (cdktf joins the construct path
 * with `_`, e.g. `ml_data-bucket_` for `ml/data-bucket/bucket`).
 */
export function named(json: TerraformJson, type: string, prefix: string): any {
  const found = Object.entries(ofType(json, type)).filter(([name]) => name.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.length}`);
  return found[0][1];
}

/** A stack with a Google provider and one environment. */
export function environmentStack(props: Partial<TrainingEnvironmentProps> = {}, id = 'ml'): { stack: TerraformStack; env: TrainingEnvironment } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-ml', region: 'us-central1' });
  const env = new TrainingEnvironment(stack, id, { projectId: 'acme-ml', region: 'us-central1', ...props });
  return { stack, env };
}
