import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { TerraformJson } from '../synth';
import { findTerraform, runTerraform, stackSlots, terraformEnvironment, CommandResult } from './terraform';
import { standInConfig, StandInConfig, StandInOptions } from './transform';

/** Options of planStack and applyStack. */
export interface PlanOptions extends StandInOptions {
  /** State to plan against: `state` of an earlier applyStack. */
  state?: string;
  /** Return a failed plan (errors, e.g. a failed precondition) instead of throwing. */
  allowFailure?: boolean;
  /** Keep the working directory (also with TF_CORE_KEEP=1); its path is in `directory`. */
  keep?: boolean;
}

/** A diagnostic that terraform reported (from `-json` UI output). */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  /** The configuration address it names, when terraform gives one (`check.c.assert[0]`, an original address...). */
  address?: string;
}

/** How a planned change runs. */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'forget';

/** The planned change of one resource instance, by original address. */
export interface PlannedChange {
  address: string;
  action: Action;
  /** Terraform's actions: `['create', 'delete']` creates the replacement before destroying. */
  actions: string[];
  /** For replacements: which happens first. */
  order?: 'create-before-destroy' | 'destroy-before-create';
  /** Evaluated arguments before and after (stand-in `input`). */
  before?: any;
  after?: any;
  /** The ForceNew arguments (`triggers_replace` keys) whose change forces the replacement. */
  replacedBy?: string[];
  /** The address the instance had in the state, when a `moved` block moves it. */
  previousAddress?: string;
}

/** One `check` block, precondition or postcondition result of the plan. */
export interface CheckResult {
  address: string;
  kind: string;
  status: 'pass' | 'fail' | 'error' | 'unknown';
  problems: string[];
}

/** What Terraform core planned for a stack, readable by the stack's original addresses. */
export class StackPlan {
  constructor(
    /** The transform that produced the planned configuration. */
    readonly standIn: StandInConfig,
    /** `terraform show -json` of the plan, or undefined when the plan failed. */
    readonly raw: any | undefined,
    /** Every diagnostic of `terraform plan`. */
    readonly diagnostics: Diagnostic[],
    /** The commands run, with their durations. */
    readonly commands: CommandResult[],
    /** The working directory (removed unless kept). */
    readonly directory: string,
  ) {}

  /** Whether the plan succeeded. */
  get ok(): boolean {
    return this.raw !== undefined;
  }

  /** The error diagnostics (a failed precondition, a cycle, an invalid expression...). */
  get errors(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'error');
  }

  /** The warning diagnostics (failed `check` assertions among them). */
  get warnings(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'warning');
  }

  /** Every error, `summary: detail`, one a line. */
  get errorText(): string {
    return this.errors.map((d) => `${d.summary}: ${d.detail}`).join('\n');
  }

  /** The original addresses of every planned resource instance (`google_x.y`, `google_x.y[0]`). */
  get addresses(): string[] {
    return this.changes.map((c) => c.address);
  }

  private changeList?: PlannedChange[];

  /** Every planned change. */
  get changes(): PlannedChange[] {
    if (!this.changeList) this.changeList = this.plan().resource_changes.filter((rc: any) => rc.mode === 'managed').map((rc: any) => this.toChange(rc));
    return this.changeList!;
  }

  /** The planned change of one resource instance. */
  change(address: string): PlannedChange {
    const found = this.changes.find((c) => c.address === address);
    if (!found) throw new Error(`no planned change for ${address}; planned: ${this.addresses.join(', ')}`);
    return found;
  }

  /** The action planned for one resource instance. */
  action(address: string): Action {
    return this.change(address).action;
  }

  /** The evaluated arguments of one resource instance as planned (its stand-in's `input`). */
  values(address: string): any {
    const standIn = this.toStandIn(address);
    const resource = this.plan().planned_values?.root_module?.resources?.find((r: any) => r.address === standIn);
    if (!resource) throw new Error(`${address} is not in the planned values (is it being deleted?)`);
    if (standIn === address) {
      const { id: _id, output: _output, ...args } = resource.values;
      return args;
    }
    return resource.values.input;
  }

  /** The evaluated values of the stack's locals. */
  get locals(): { [name: string]: any } {
    const outputs = this.plan().planned_values?.outputs ?? {};
    return Object.fromEntries(Object.entries(this.standIn.localOutputs).map(([output, name]) => [name, outputs[output]?.value]));
  }

  /** The evaluated values of the stack's outputs. */
  get outputs(): { [name: string]: any } {
    const outputs = this.plan().planned_values?.outputs ?? {};
    return Object.fromEntries(Object.entries(outputs)
      .filter(([name]) => !(name in this.standIn.localOutputs) && !(name in this.standIn.providerOutputs))
      .map(([name, o]: [string, any]) => [name, o.value]));
  }

  /** The evaluated configurations of the stack's providers, by `type` or `type.alias` (the providers themselves are not run). */
  get providers(): { [name: string]: any } {
    const outputs = this.plan().planned_values?.outputs ?? {};
    return Object.fromEntries(Object.entries(this.standIn.providerOutputs).map(([output, name]) => [name, outputs[output]?.value]));
  }

  /** The results of check blocks and conditions, with problems mapped back to original addresses. */
  get checks(): CheckResult[] {
    return (this.plan().checks ?? []).map((c: any) => ({
      address: this.toOriginal(c.address.to_display),
      kind: c.address.kind,
      status: c.status,
      problems: (c.instances ?? []).flatMap((i: any) => (i.problems ?? []).map((p: any) => p.message)),
    }));
  }

  private plan(): any {
    if (!this.raw) throw new Error(`the plan failed:\n${this.errorText}`);
    return this.raw;
  }

  private toChange(rc: any): PlannedChange {
    const address = this.toOriginal(rc.address);
    const actions: string[] = rc.change.actions;
    const key = actions.join(',');
    const action: Action = key === 'create,delete' || key === 'delete,create' ? 'replace' : (actions[0] as Action);
    const builtIn = this.standIn.originals[rc.address.replace(/\[.*\]$/, '')] === rc.address.replace(/\[.*\]$/, '');
    const pick = (v: any): any => (v == null ? v : builtIn ? v : v.input);
    return {
      address,
      action,
      actions,
      order: key === 'create,delete' ? 'create-before-destroy' : key === 'delete,create' ? 'destroy-before-create' : undefined,
      before: pick(rc.change.before),
      after: pick(rc.change.after),
      replacedBy: action === 'replace' && !builtIn ? changedKeys(rc.change.before?.triggers_replace, rc.change.after?.triggers_replace) : undefined,
      previousAddress: rc.previous_address === undefined ? undefined : this.toOriginal(rc.previous_address),
    };
  }

  /**
   * `terraform_data.google_x__y[0]` → `google_x.y[0]`; also for a stand-in only in the prior state
   * (a resource the planned version removed): types contain no `__`, so the first one separates.
   */
  private toOriginal(address: string): string {
    const match = /^([^[]+)(\[.*\])?$/.exec(address)!;
    const original = this.standIn.originals[match[1]] ?? /^terraform_data\.([a-z0-9_]+?)__(.+)$/.exec(match[1])?.slice(1).join('.');
    return original ? original + (match[2] ?? '') : address;
  }

  private toStandIn(address: string): string {
    const match = /^([^[]+)(\[.*\])?$/.exec(address)!;
    const standIn = this.standIn.standIns[match[1]];
    if (!standIn) throw new Error(`${address} is not a resource of the stack`);
    return standIn + (match[2] ?? '');
  }
}

/** A stack applied with stand-ins: its plan, and the state to plan a next version against. */
export interface AppliedStack {
  plan: StackPlan;
  /** The `terraform.tfstate` after apply, for `planStack(next, { state })`. */
  state: string;
}

/**
 * Plans a synthesized stack under Terraform core: transforms it to stand-ins, then in a fresh
 * temporary directory runs `terraform plan -out` and `terraform show -json` (no init is needed:
 * there is nothing to install; the default local backend keeps state in that directory).
 * Throws when the plan fails, unless `allowFailure`; then the returned plan has `ok` false and
 * the errors (a failed precondition, a cycle...).
 */
export async function planStack(json: TerraformJson, options: PlanOptions = {}): Promise<StackPlan> {
  return (await run(json, options, false)).plan;
}

/**
 * Plans and applies a stack (stand-ins need no provider, so apply only records state), returning
 * the state for planning the next version of the stack against.
 */
export async function applyStack(json: TerraformJson, options: PlanOptions = {}): Promise<AppliedStack> {
  const { plan, state } = await run(json, options, true);
  return { plan, state: state! };
}

async function run(json: TerraformJson, options: PlanOptions, apply: boolean): Promise<{ plan: StackPlan; state?: string }> {
  const binary = findTerraform();
  if (!binary) throw new Error('terraform is not on the PATH');
  const standIn = standInConfig(json, options);
  return stackSlots.run(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-core-'));
    const keep = options.keep || process.env.TF_CORE_KEEP === '1';
    const commands: CommandResult[] = [];
    try {
      writeFileSync(join(dir, 'cli.tfrc'), '');
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(standIn.config, null, 2));
      if (Object.keys(standIn.nativeLocals).length > 0) writeFileSync(join(dir, 'hoisted.tf'), nativeLocalsFile(standIn.nativeLocals));
      if (Object.keys(standIn.variables).length > 0) writeFileSync(join(dir, 'terraform.tfvars.json'), JSON.stringify(standIn.variables, null, 2));
      if (options.state) writeFileSync(join(dir, 'terraform.tfstate'), options.state);
      const env = terraformEnvironment(join(dir, 'cli.tfrc'));
      const terraform = async (...args: string[]): Promise<CommandResult> => {
        const result = await runTerraform(binary, args, dir, env);
        commands.push(result);
        return result;
      };

      // No `terraform init`: the stand-in configuration has no provider, module or backend to
      // install, and init would parse the whole configuration once more.
      const planned = await terraform('plan', '-input=false', '-no-color', '-json', '-lock=false', '-out=plan.bin');
      const diagnostics = parseDiagnostics(planned.stdout, standIn);
      if (planned.code !== 0) {
        const failure: Diagnostic = { severity: 'error', summary: `terraform ${planned.args[0]} failed`, detail: planned.stderr };
        const plan = new StackPlan(standIn, undefined, diagnostics.some((d) => d.severity === 'error') ? diagnostics : [...diagnostics, failure], commands, dir);
        if (options.allowFailure) return { plan };
        throw new Error(`terraform plan failed (working directory ${keep ? dir : 'removed; keep it with TF_CORE_KEEP=1'}):\n${plan.errorText}`);
      }
      const shown = await terraform('show', '-json', '-no-color', 'plan.bin');
      if (shown.code !== 0) throw new Error(`terraform show failed:\n${shown.stderr}`);
      const plan = new StackPlan(standIn, JSON.parse(shown.stdout), diagnostics, commands, dir);
      if (!apply) return { plan };
      const applied = await terraform('apply', '-input=false', '-no-color', '-json', '-lock=false', '-auto-approve', 'plan.bin');
      if (applied.code !== 0) throw new Error(`terraform apply failed:\n${parseDiagnostics(applied.stdout, standIn).map((d) => `${d.summary}: ${d.detail}`).join('\n') || applied.stderr}`);
      const statePath = join(dir, 'terraform.tfstate');
      if (!existsSync(statePath)) throw new Error('terraform apply wrote no state');
      return { plan, state: readFileSync(statePath, 'utf8') };
    } finally {
      if (!keep) rmSync(dir, { recursive: true, force: true });
      else console.warn(`terraform-core: kept ${dir}`);
    }
  });
}

/** The diagnostics of terraform's `-json` UI stream, with stand-in and fake names mapped back to original addresses. */
function parseDiagnostics(stream: string, standIn: StandInConfig): Diagnostic[] {
  const names = new Map<string, string>();
  for (const [standInAddress, original] of Object.entries(standIn.originals)) if (standInAddress !== original) names.set(standInAddress, original);
  for (const [original, fake] of Object.entries(standIn.fakes)) names.set(`local.${fake}`, `${original} (fake)`);
  const pattern = names.size > 0 ? new RegExp('(?:' + [...names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|') + ')(?![\\w-])', 'g') : undefined;
  const map = (text: string): string => (pattern ? text.replace(pattern, (m) => names.get(m) ?? m) : text);
  const diagnostics: Diagnostic[] = [];
  for (const line of stream.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.type !== 'diagnostic') continue;
    const d = message.diagnostic;
    const address = d.address ?? d.snippet?.context ?? undefined;
    diagnostics.push({ severity: d.severity, summary: map(d.summary), detail: map(d.detail ?? ''), address: address && map(address) });
  }
  return diagnostics;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A `.tf` file declaring native-syntax locals. */
export function nativeLocalsFile(locals: { [name: string]: string }): string {
  return `locals {\n${Object.entries(locals).map(([name, expression]) => `  ${name} = ${expression}\n`).join('')}}\n`;
}

function changedKeys(before: any, after: any): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).sort();
}
