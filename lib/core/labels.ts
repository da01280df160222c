import { IConstruct } from 'constructs';
import { check, ValidationError } from './validation';
import { labelKey, labelValue, MAX_LABELS } from '../rules/labels';

/** Labels every resource of the library carries, so that billing and inventory can find them. */
export const MANAGED_BY_LABEL = { 'managed-by': 'cdktf-vertex-training' };

/**
 * Merges the library's labels with the user's (the user's win) and validates the result.
 */
export function environmentLabels(
  scope: IConstruct,
  field: string,
  prefix: string,
  user: { [key: string]: string } | undefined,
): { [key: string]: string } {
  const merged: { [key: string]: string } = { ...MANAGED_BY_LABEL, 'vertex-training-env': prefix, ...(user ?? {}) };
  const keys = Object.keys(merged);
  if (keys.length > MAX_LABELS) {
    throw new ValidationError(scope, field, `${keys.length} labels`, `at most ${MAX_LABELS} labels, including the library's own ${Object.keys(MANAGED_BY_LABEL).length + 1}`);
  }
  for (const key of keys) {
    check(scope, `${field} key`, key, labelKey);
    check(scope, `${field}["${key}"]`, merged[key], labelValue);
  }
  return sortKeys(merged);
}

function sortKeys(labels: { [key: string]: string }): { [key: string]: string } {
  const sorted: { [key: string]: string } = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key];
  return sorted;
}
