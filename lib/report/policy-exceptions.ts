import { TerraformStack } from 'cdktf';
import { ReportedPolicyException } from './report-data';
import { TrainingPolicy } from '../policy/training-policy';

/**
 * The policy exceptions acknowledged in `stack` at its last synth, as the policy checks recorded
 * them (`TrainingPolicy.acknowledgementsOf`): empty before the stack is synthesized, or when the
 * policy is not applied to it.
 */
export function recordedAcknowledgements(stack: TerraformStack): ReportedPolicyException[] {
  return TrainingPolicy.acknowledgementsOf(stack);
}

/**
 * The report's list of exceptions from a list of acknowledgements: each (path, rule, reason) once,
 * sorted by construct path, rule ID and reason, problems sorted (code-unit order, independent of
 * the machine's locale).
 * @param acknowledgements `{ path, ruleId, reason }` of every acknowledged rule, with the optional
 *   address, scope of the acknowledgement and problems
 * @param resolve turns tokens into Terraform references
 */
export function policyExceptionsFrom(acknowledgements: readonly ReportedPolicyException[], resolve: (value: string) => string = (v) => v): ReportedPolicyException[] {
  const seen = new Set<string>();
  const exceptions: ReportedPolicyException[] = [];
  for (const acknowledgement of acknowledgements) {
    const path = resolve(acknowledgement.path);
    const ruleId = acknowledgement.ruleId;
    const reason = resolve(acknowledgement.reason);
    const key = `${path}\u0000${ruleId}\u0000${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const exception: { -readonly [K in keyof ReportedPolicyException]: ReportedPolicyException[K] } = { path, ruleId, reason };
    if (acknowledgement.address !== undefined) exception.address = resolve(acknowledgement.address);
    if (acknowledgement.acknowledgedAt !== undefined && acknowledgement.acknowledgedAt !== acknowledgement.path) {
      exception.acknowledgedAt = resolve(acknowledgement.acknowledgedAt);
    }
    if (acknowledgement.problems !== undefined) exception.problems = acknowledgement.problems.map(resolve).sort(compare);
    exceptions.push(exception);
  }
  return exceptions.sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.reason, b.reason));
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
