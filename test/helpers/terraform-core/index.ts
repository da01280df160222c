/**
 * Tests under Terraform core: synthesized stacks planned by a real `terraform` binary with every
 * provider resource replaced by a `terraform_data` stand-in (see transform.ts), so that Terraform
 * itself evaluates locals, functions, for expressions, escapes, conditions and check blocks.
 *
 * The files, one concern each: template.ts scans Terraform templates; references.ts finds and
 * rewrites references in them; hcl.ts converts JSON-syntax values to native syntax; transform.ts
 * builds the stand-in configuration (with model.ts, lifecycle.ts, fake-objects.ts, hoist.ts);
 * force-new.ts and fakes.ts are the per-type tables; terraform.ts runs the binary; plan.ts plans,
 * applies and reads results by original address; slice.ts cuts the part of a stack some blocks
 * need; jest.ts skips or fails suites without terraform and starts plans concurrently.
 *
 * When a stack meets something new, the transform throws and names the file to extend: a resource
 * type needs a row in force-new.ts; a computed attribute read needs a fake in fakes.ts, in the
 * provider's documented format (tables.test.ts checks both tables against the pinned schemas).
 */
export { planStack, applyStack, StackPlan } from './plan';
export type { PlanOptions, AppliedStack, PlannedChange, Action, Diagnostic, CheckResult } from './plan';
export { standInConfig } from './transform';
export { referencedAddresses, sliceStack } from './slice';
export type { StandInConfig, StandInOptions, ResolvedReference } from './transform';
export { COMPUTED_FAKES, FAKE_PROJECT_NUMBER, FAKE_QUOTA_VALUE, FAKE_TIMESTAMP, quotaDimensionsInfos } from './fakes';
export type { Fake, FakeContext, QuotaValues, QuotaDimensionsInfo } from './fakes';
export { FORCE_NEW, forceNewArguments } from './force-new';
export { referencesInTemplate, rewriteTemplate } from './references';
export type { Reference } from './references';
export { parseTemplate } from './template';
export { describeWithTerraform, startAll } from './jest';
export { findTerraform } from './terraform';
