import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { IStackSynthesizer, ISynthesisSession, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { buildTrainingReport } from './collect';
import { renderTrainingReportJson } from './json';
import { renderTrainingReportMarkdown } from './markdown';
import { recordedAcknowledgements } from './policy-exceptions';
import { ReportedPolicyException, TrainingReportData } from './report-data';

/**
 * The training report of a stack: every job with its kind, team, triggers (schedules in plain
 * words), worker pools and what each runs (image with digest or tag, command, args, env, packages
 * with their content hash, module), its study or serving container, scheduling, output location,
 * identities and keys, its launch hash (which deploys launch it) and its estimated cost; per
 * environment its names, teams, prices and the quota demand against declared limits per region; and
 * the acknowledged policy exceptions with their reasons. Names known at synth are shown as their
 * values; only what Terraform learns at apply stays a `${...}` reference.
 *
 * Every stack with a `TrainingEnvironment` writes it at synth beside its `cdk.tf.json`, as
 * `training-report.md` (for a pull request) and `training-report.json` (for tools). Both are
 * deterministic: sorted, without timestamps or machine paths, so that their diff is the change.
 *
 * @example
 * const report = TrainingReport.of(stack);
 * console.log(TrainingReport.renderMarkdown(report));
 */
export class TrainingReport {
  /** File name of the Markdown report, beside `cdk.tf.json`. */
  public static readonly MARKDOWN_FILE_NAME = 'training-report.md';
  /** File name of the JSON report, beside `cdk.tf.json`. */
  public static readonly JSON_FILE_NAME = 'training-report.json';

  /**
   * The report of the stack that contains `scope`. Complete once the stack is synthesized (quota
   * increase requests and policy checks are finalized at synth); the written files always are.
   * @param scope the stack, or any construct in it
   * @param acknowledgements the policy exceptions to list; when omitted, those recorded by the
   *   stack's policy checks (`TrainingPolicy.acknowledgementsOf`)
   */
  public static of(scope: IConstruct, acknowledgements?: ReportedPolicyException[]): TrainingReportData {
    const stack = TerraformStack.of(scope);
    return buildTrainingReport(stack, acknowledgements ?? recordedAcknowledgements(stack));
  }

  /**
   * The report as GitHub-flavoured Markdown (the content of `training-report.md`).
   * @param data a report from {@link TrainingReport.of}
   */
  public static renderMarkdown(data: TrainingReportData): string {
    return renderTrainingReportMarkdown(data);
  }

  /**
   * The report as JSON with sorted keys (the content of `training-report.json`).
   * @param data a report from {@link TrainingReport.of}
   */
  public static renderJson(data: TrainingReportData): string {
    return renderTrainingReportJson(data);
  }

  /**
   * Makes the stack that contains `scope` write its report at every synth (`app.synth()`,
   * `cdktf synth`, `Testing.fullSynth`), after its `cdk.tf.json`: to
   * `<outdir>/stacks/<stack>/training-report.md` and `training-report.json`. Calling it again for
   * the same stack does nothing. `TrainingEnvironment` calls it for its stack.
   * @param scope the stack, or any construct in it
   */
  public static writeOnSynth(scope: IConstruct): void {
    const stack = TerraformStack.of(scope);
    if (stack.synthesizer instanceof ReportWritingSynthesizer) return;
    stack.synthesizer = new ReportWritingSynthesizer(stack, stack.synthesizer);
  }

  private constructor() {}
}

/**
 * Synthesizes the stack with its own synthesizer (aspects, validations, `cdk.tf.json`), then writes
 * the report into the stack's working directory of the session. A synth that fails writes nothing.
 */
class ReportWritingSynthesizer implements IStackSynthesizer {
  constructor(private readonly stack: TerraformStack, private readonly inner: IStackSynthesizer) {}

  public synthesize(session: ISynthesisSession): void {
    this.inner.synthesize(session);
    const directory = join(session.outdir, session.manifest.forStack(this.stack).workingDirectory);
    const data = TrainingReport.of(this.stack);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, TrainingReport.MARKDOWN_FILE_NAME), TrainingReport.renderMarkdown(data));
    writeFileSync(join(directory, TrainingReport.JSON_FILE_NAME), TrainingReport.renderJson(data));
  }
}
