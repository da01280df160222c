import type { TerraformJson } from '../synth';
import { fakeContext, instanceFake } from './fake-objects';
import { COMPUTED_FAKES, FAKE_PROJECT_NUMBER, FAKES_FILE } from './fakes';
import { forceNewArguments } from './force-new';
import { JsonValue, literal } from './hcl';
import { hoistLongStrings } from './hoist';
import { mapLifecycle } from './lifecycle';
import { asList, bareExpression, BUILT_IN_TYPES, Context, Declared, Target } from './model';
import { Reference, rewriteTemplate } from './references';

/** Options of the stand-in transform. */
export interface StandInOptions {
  /**
   * Attribute values to use instead of the computed fakes, by original address (`google_x.y`,
   * `data.google_x.y`): literal JSON (strings are not templates). E.g. a live quota:
   * `{ 'data.google_cloud_quotas_quota_info.q': { dimensions_infos: quotaDimensionsInfos({ default: 8 }) } }`.
   */
  fakes?: { [address: string]: { [attribute: string]: unknown } };
  /** Values of the stack's variables (required for variables without a default). */
  variables?: { [name: string]: unknown };
  /** The project number in fakes (default FAKE_PROJECT_NUMBER). */
  projectNumber?: string;
}

/** A reference that the transform found and resolved. */
export interface ResolvedReference {
  /** Where it was found: `google_x.y`, `data.t.n`, `local.l`, `output.o`, `check.c`. */
  where: string;
  /** What it names: `google_x.y`, `data.t.n`, `var.v`, `local.l`, `count.index`... */
  address: string;
  attribute?: string;
}

/** The result of the stand-in transform. */
export interface StandInConfig {
  /** A Terraform JSON configuration that needs no provider plugin. */
  config: TerraformJson;
  /** Values for `terraform.tfvars.json` (literal JSON). */
  variables: { [name: string]: unknown };
  /** Original resource address → the address planned for it (`terraform_data.<type>__<name>`; built-in resources keep theirs). */
  standIns: { [address: string]: string };
  /** The inverse of `standIns`. */
  originals: { [address: string]: string };
  /** Original resource or data source address → the local holding its fake object (for those read). */
  fakes: { [address: string]: string };
  /** Output name → the stack local it exposes (so plans can report evaluated locals). */
  localOutputs: { [output: string]: string };
  /** Output name → the provider configuration it exposes, evaluated (`kubernetes`, `google.beta`). */
  providerOutputs: { [output: string]: string };
  /** Every reference found, resolved. */
  references: ResolvedReference[];
  /** What the transform had to drop or approximate, and why. */
  notes: string[];
  /**
   * Locals in native syntax, for a `.tf` file beside the JSON configuration: long strings of the
   * configuration, hoisted because Terraform parses long JSON strings with many newlines slowly
   * (about 1 s for the 94 KB launcher workflow) and the same template in native syntax quickly.
   * The template is the same (converted by templateToHcl), so it evaluates to the same value.
   */
  nativeLocals: { [name: string]: string };
}

const TOP_LEVEL = new Set(['//', 'resource', 'data', 'locals', 'output', 'variable', 'provider', 'terraform', 'check', 'moved']);
const META_ARGUMENTS = new Set(['//', 'count', 'for_each', 'depends_on', 'provider', 'lifecycle']);
const TERRAFORM_SETTINGS = new Set(['//', 'backend', 'cloud', 'required_providers', 'required_version']);
const LOCAL_PREFIX = 'local__';
const PROVIDER_PREFIX = 'provider__';

/**
 * Turns a synthesized stack into a configuration that Terraform core can plan with built-ins only:
 * every provider resource becomes a `terraform_data` stand-in (arguments as `input`, ForceNew
 * arguments as `triggers_replace`, the real dependency graph as `depends_on`, lifecycle kept),
 * every attribute read becomes a read of a local fake object, data sources become locals, and
 * providers and the backend disappear (the state is the working directory's terraform.tfstate;
 * each provider's settings are evaluated as an output, for `StackPlan.providers`).
 * Pure: no file or process is touched. Throws, naming what to add and where,
 * for anything it does not know (a resource type, an attribute, a block).
 */
export function standInConfig(json: TerraformJson, options: StandInOptions = {}): StandInConfig {
  for (const key of Object.keys(json)) {
    if (!TOP_LEVEL.has(key)) throw new Error(`unsupported top-level block "${key}" in the stack: teach test/helpers/terraform-core/transform.ts about it`);
  }
  const projectNumber = options.projectNumber ?? FAKE_PROJECT_NUMBER;
  const notes: string[] = [];
  const references: ResolvedReference[] = [];

  // Declarations.
  const resources = new Map<string, Declared>();
  const dataSources = new Map<string, Declared>(); // global, by address
  const scopedData = new Map<string, Map<string, Declared>>(); // check name -> address -> declared
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName as object)) {
      const address = `${type}.${name}`;
      resources.set(address, { address, type, name, body, mode: 'resource', fake: fakeName(address) });
    }
  }
  const declareData = (blocks: object | undefined, into: Map<string, Declared>, check?: string): void => {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      for (const [name, body] of Object.entries(byName as object)) {
        const address = `data.${type}.${name}`;
        into.set(address, { address, type, name, body, mode: 'data', check, fake: fakeName(check ? `check.${check}.${address}` : address) });
      }
    }
  };
  declareData(json.data, dataSources);
  for (const [checkName, block] of Object.entries(json.check ?? {})) {
    const scoped = new Map<string, Declared>();
    for (const key of Object.keys(block as object)) {
      if (!['//', 'data', 'assert'].includes(key)) throw new Error(`unsupported "${key}" in check.${checkName}`);
    }
    declareData((block as any).data, scoped, checkName);
    scopedData.set(checkName, scoped);
  }
  const userLocals: { [name: string]: JsonValue } = json.locals ?? {};
  const variables: { [name: string]: any } = json.variable ?? {};
  const outputs: { [name: string]: any } = json.output ?? {};
  const allDeclared = [...resources.values(), ...dataSources.values(), ...[...scopedData.values()].flatMap((m) => [...m.values()])];
  for (const declared of allDeclared) {
    if (declared.mode === 'resource' && !BUILT_IN_TYPES.has(declared.type)) forceNewArguments(declared.type); // unknown types fail here
    const meta: string | undefined = declared.body.provider;
    if (meta !== undefined) {
      const [providerType, alias] = meta.split('.');
      if (!((json.provider ?? {})[providerType] ?? []).some((c: any) => c.alias === alias)) throw new Error(`${declared.address}: provider ${meta} is not configured`);
    }
    if (userLocals[declared.fake] !== undefined) throw new Error(`local ${declared.fake} of the stack collides with the fake of ${declared.address}`);
  }
  const standIns: { [address: string]: string } = {};
  for (const r of resources.values()) {
    standIns[r.address] = BUILT_IN_TYPES.has(r.type) ? r.address : `terraform_data.${r.type}__${r.name}`;
  }
  const originals = Object.fromEntries(Object.entries(standIns).map(([original, standIn]) => [standIn, original]));
  if (Object.keys(originals).length !== resources.size) throw new Error('two resources would share a stand-in address');
  for (const address of Object.keys(options.fakes ?? {})) {
    if (!resources.has(address) && !dataSources.has(address) && ![...scopedData.values()].some((m) => m.has(address))) {
      throw new Error(`fakes option names ${address}, which the stack does not declare`);
    }
  }

  // Rewriting: every string is a template; references to resources and data sources become
  // references to their fake locals, and are recorded per owner for the dependency graph.
  const directTargets = new Map<string, Target[]>();
  const reads = new Map<string, { attributes: Set<string>; whole: boolean }>();
  const addTarget = (owner: string, target: Target): void => {
    if (!directTargets.has(owner)) directTargets.set(owner, []);
    directTargets.get(owner)!.push(target);
  };
  const addRead = (declared: Declared, attribute: string | undefined): void => {
    if (!reads.has(declared.address)) reads.set(declared.address, { attributes: new Set(), whole: false });
    const entry = reads.get(declared.address)!;
    if (attribute === undefined) entry.whole = true;
    else entry.attributes.add(attribute);
  };
  const lookupData = (address: string, check?: string): Declared | undefined => (check ? scopedData.get(check)?.get(address) : undefined) ?? dataSources.get(address);

  const replaceReference = (ref: Reference, ctx: Context): string | undefined => {
    references.push({ where: ctx.where, address: ref.address, attribute: ref.attribute });
    switch (ref.root) {
      case 'var':
        if (variables[ref.address.slice(4)] === undefined) throw new Error(`${ctx.where}: ${ref.address} is not declared`);
        return undefined;
      case 'local': {
        const name = ref.address.slice(6);
        if (userLocals[name] === undefined) throw new Error(`${ctx.where}: ${ref.address} is not declared`);
        addTarget(ctx.owner, { kind: 'local', name });
        return undefined;
      }
      case 'count':
      case 'each':
      case 'path':
      case 'terraform':
        return undefined;
      case 'self': {
        if (!ctx.self) throw new Error(`${ctx.where}: self is only valid in a postcondition`);
        addRead(ctx.self, ref.attribute);
        return `local.${ctx.self.fake}${instanceKey(ctx.self.body)}`;
      }
      case 'module':
      case 'ephemeral':
        throw new Error(`${ctx.where}: ${ref.root} references are not supported by the stand-in transform`);
      case 'data': {
        const declared = lookupData(ref.address, ctx.check);
        if (!declared) throw new Error(`${ctx.where}: ${ref.address} is not declared`);
        addTarget(ctx.owner, { kind: 'data', address: declared.address, check: declared.check });
        addRead(declared, ref.attribute);
        return `local.${declared.fake}`;
      }
      default: {
        const declared = resources.get(ref.address);
        if (!declared) throw new Error(`${ctx.where}: ${ref.address} is not declared`);
        addTarget(ctx.owner, { kind: 'resource', address: declared.address });
        if (BUILT_IN_TYPES.has(declared.type)) return undefined;
        addRead(declared, ref.attribute);
        return `local.${declared.fake}`;
      }
    }
  };
  const rewrite = (value: JsonValue, ctx: Context): JsonValue => {
    if (typeof value === 'string') return rewriteTemplate(value, (ref) => replaceReference(ref, ctx));
    if (Array.isArray(value)) return value.map((item) => rewrite(item, ctx));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [rewrite(key, ctx) as string, rewrite(item, ctx)]));
    }
    return value;
  };
  const parseDependsOn = (entries: unknown, ctx: Context): void => {
    if (entries === undefined) return;
    if (!Array.isArray(entries)) throw new Error(`${ctx.where}: depends_on is not a list`);
    for (const entry of entries) {
      const text = bareExpression(entry);
      const parts = text.split('.');
      if (parts[0] === 'module') throw new Error(`${ctx.where}: depends_on ${text}: modules are not supported`);
      if (parts[0] === 'data') {
        const declared = lookupData(parts.slice(0, 3).join('.'), ctx.check);
        if (!declared || parts.length !== 3) throw new Error(`${ctx.where}: depends_on ${text} is not a declared data source`);
        addTarget(ctx.owner, { kind: 'data', address: declared.address, check: declared.check });
      } else {
        const declared = resources.get(parts.slice(0, 2).join('.'));
        if (!declared || parts.length !== 2) throw new Error(`${ctx.where}: depends_on ${text} is not a declared resource`);
        addTarget(ctx.owner, { kind: 'resource', address: declared.address });
      }
      references.push({ where: ctx.where, address: text });
    }
  };

  // Provider configurations, for the project and region that fakes default to.
  const providerSetting = (declared: Declared, setting: 'project' | 'region'): string | undefined => {
    const meta: string | undefined = declared.body.provider;
    const [providerType, alias] = meta ? meta.split('.') : [declared.type.split('_')[0], undefined];
    const configs: any[] = (json.provider ?? {})[providerType] ?? [];
    const config = configs.find((c) => (c.alias ?? undefined) === alias);
    if (meta && !config) throw new Error(`${declared.address}: provider ${meta} is not configured`);
    const value = config?.[setting];
    if (value === undefined) return undefined;
    return rewrite(value, { where: `provider.${providerType}`, owner: `provider:${providerType}` }) as string;
  };

  const out: TerraformJson = {};
  const outResources: { [type: string]: { [name: string]: any } } = {};
  const outLocals: { [name: string]: JsonValue } = {};

  // Resources.
  const argumentsOf = (body: { [key: string]: any }, where: string): { [key: string]: JsonValue } => {
    const args: { [key: string]: JsonValue } = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'provisioner' || key === 'connection') throw new Error(`${where}: ${key} blocks are not supported by the stand-in transform`);
      if (!META_ARGUMENTS.has(key)) args[key] = value;
    }
    return args;
  };
  const rewrittenArgs = new Map<string, { [key: string]: JsonValue }>();
  const repetition = new Map<string, { count?: JsonValue; forEach?: JsonValue }>();
  for (const r of resources.values()) {
    const ctx: Context = { where: r.address, owner: `resource:${r.address}` };
    const args = rewrite(argumentsOf(r.body, r.address), ctx) as { [key: string]: JsonValue };
    rewrittenArgs.set(r.address, args);
    parseDependsOn(r.body.depends_on, ctx);
    const standIn: { [key: string]: any } = {};
    if (r.body.count !== undefined) standIn.count = rewrite(r.body.count, ctx);
    if (r.body.for_each !== undefined) standIn.for_each = rewrite(r.body.for_each, ctx);
    if (standIn.count !== undefined || standIn.for_each !== undefined) repetition.set(r.address, { count: standIn.count, forEach: standIn.for_each });
    if (BUILT_IN_TYPES.has(r.type)) Object.assign(standIn, args);
    else {
      standIn.input = args;
      const forced = forcedArguments(args, forceNewArguments(r.type));
      if (Object.keys(forced).length > 0) standIn.triggers_replace = forced;
    }
    const lifecycle = mapLifecycle(r, ctx, rewrite, notes, resources, standIns, addTarget, BUILT_IN_TYPES.has(r.type));
    if (lifecycle) standIn.lifecycle = lifecycle;
    const [type, name] = standIns[r.address].split('.');
    (outResources[type] ??= {})[name] = standIn;
  }

  // Data sources (global and check-scoped): arguments only; they become fake locals below.
  const dataArgs = new Map<string, { [key: string]: JsonValue }>();
  for (const d of allDeclared.filter((x) => x.mode === 'data')) {
    const ctx: Context = { where: d.check ? `check.${d.check}.${d.address}` : d.address, owner: `data:${d.check ?? ''}:${d.address}`, check: d.check };
    if (d.body.count !== undefined || d.body.for_each !== undefined) throw new Error(`${ctx.where}: count/for_each on data sources is not supported`);
    dataArgs.set(`${d.check ?? ''}:${d.address}`, rewrite(argumentsOf(d.body, ctx.where), ctx) as { [key: string]: JsonValue });
    parseDependsOn(d.body.depends_on, ctx);
    if (d.body.lifecycle !== undefined) notes.push(`${ctx.where}: lifecycle of a data source dropped (its postconditions are not evaluated)`);
  }

  // Stack locals, outputs, checks.
  for (const [name, value] of Object.entries(userLocals)) outLocals[name] = rewrite(value, { where: `local.${name}`, owner: `local:${name}` });
  const outOutputs: { [name: string]: any } = {};
  for (const [name, body] of Object.entries(outputs)) {
    const ctx: Context = { where: `output.${name}`, owner: `output:${name}` };
    const { depends_on: dependsOn, precondition, ...rest } = body;
    const mapped: { [key: string]: any } = rewrite(rest, ctx) as any;
    if (precondition !== undefined) mapped.precondition = asList(precondition).map((c) => rewrite(c, ctx));
    parseDependsOn(dependsOn, ctx);
    outOutputs[name] = mapped;
  }
  const outChecks: { [name: string]: any } = {};
  for (const [name, block] of Object.entries(json.check ?? {})) {
    const ctx: Context = { where: `check.${name}`, owner: `check:${name}`, check: name };
    outChecks[name] = { assert: asList((block as any).assert).map((a) => rewrite(a, ctx)) };
  }

  // Provider configurations, exposed as outputs: the providers are dropped, but what they would be
  // configured with (a Kubernetes host read from a data source...) is evaluated, and its references
  // resolved, like any other value.
  const providerOutputs: { [output: string]: string } = {};
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    for (const config of asList(configs)) {
      const name = config.alias === undefined ? type : `${type}.${config.alias}`;
      const output = `${PROVIDER_PREFIX}${name.replace(/\./g, '__')}`;
      if (outOutputs[output]) throw new Error(`output ${output} of the stack collides with the output exposing provider ${name}`);
      const { alias: _alias, ...settings } = config;
      outOutputs[output] = { value: rewrite(settings, { where: `provider.${name}`, owner: `provider:${name}` }), sensitive: true };
      providerOutputs[output] = name;
    }
  }

  // Dependencies: what each owner reaches through locals and data sources, as planned addresses.
  const memo = new Map<string, Set<string>>();
  const expand = (owner: string, visiting: Set<string>): Set<string> => {
    if (memo.has(owner)) return memo.get(owner)!;
    if (visiting.has(owner)) return new Set(); // a cycle among locals: Terraform reports it
    visiting.add(owner);
    const found = new Set<string>();
    for (const target of directTargets.get(owner) ?? []) {
      if (target.kind === 'resource') found.add(standIns[target.address]);
      else if (target.kind === 'local') expand(`local:${target.name}`, visiting).forEach((a) => found.add(a));
      else expand(`data:${target.check ?? ''}:${target.address}`, visiting).forEach((a) => found.add(a));
    }
    visiting.delete(owner);
    memo.set(owner, found);
    return found;
  };
  for (const r of resources.values()) {
    const [type, name] = standIns[r.address].split('.');
    const dependsOn = expand(`resource:${r.address}`, new Set());
    if (dependsOn.has(standIns[r.address])) {
      throw new Error(`dependency cycle: ${r.address} depends on itself (directly, or through the locals and data sources it reads); Terraform would refuse it`);
    }
    if (dependsOn.size > 0) outResources[type][name].depends_on = [...dependsOn].sort();
  }
  for (const name of Object.keys(outputs)) {
    const dependsOn = outputs[name].depends_on !== undefined ? expand(`output:${name}`, new Set()) : undefined;
    if (dependsOn && dependsOn.size > 0) outOutputs[name].depends_on = [...dependsOn].sort();
  }

  // Fake locals: each read resource's or data source's arguments, plus the computed attributes read.
  const fakes: { [address: string]: string } = {};
  for (const declared of allDeclared) {
    if (BUILT_IN_TYPES.has(declared.type) && declared.mode === 'resource') continue;
    const read = reads.get(declared.address);
    const key = declared.mode === 'data' ? `${declared.check ?? ''}:${declared.address}` : declared.address;
    const args = declared.mode === 'data' ? dataArgs.get(key)! : rewrittenArgs.get(declared.address)!;
    const overrides = options.fakes?.[declared.address] ?? {};
    fakes[declared.address] = declared.fake;
    const tableKey = declared.mode === 'data' ? `data.${declared.type}` : declared.type;
    const table = COMPUTED_FAKES[tableKey] ?? {};
    const context = fakeContext(declared, args, table, projectNumber, providerSetting);
    // A resource's fake holds only what is read (everything, when the object is read whole): its
    // arguments are evaluated in its stand-in's input already, and a copy of a large argument costs
    // Terraform time. A data source's fake holds all its arguments, so Terraform evaluates them.
    if (declared.mode === 'resource' && !read && !options.fakes?.[declared.address]) continue;
    const object: { [key: string]: JsonValue } = read?.whole || declared.mode === 'data' ? { ...args } : {};
    for (const attribute of read?.attributes ?? []) {
      if (attribute in overrides) continue;
      if (attribute in args) object[attribute] = args[attribute];
      else if (!table[attribute]) throw new Error(`unknown attribute ${tableKey}.${attribute}: add a fake to ${FAKES_FILE} (read as ${declared.address}.${attribute})`);
      else object[attribute] = context.value(attribute);
    }
    if (read?.whole) {
      for (const attribute of Object.keys(table)) {
        if (attribute in object || attribute in overrides) continue;
        try {
          object[attribute] = context.value(attribute);
        } catch {
          notes.push(`${declared.address}.${attribute}: not in the fake object read whole (its fake needs an argument that is not set)`);
        }
      }
    }
    for (const [attribute, value] of Object.entries(overrides)) object[attribute] = literal(value);
    outLocals[declared.fake] = instanceFake(object, repetition.get(declared.address));
  }

  // Locals exposed as outputs, so that a plan shows their evaluated values.
  const localOutputs: { [output: string]: string } = {};
  for (const name of Object.keys(userLocals)) {
    const output = `${LOCAL_PREFIX}${name}`;
    if (outOutputs[output]) throw new Error(`output ${output} of the stack collides with the output exposing local.${name}`);
    outOutputs[output] = { value: `\${local.${name}}`, sensitive: true };
    localOutputs[output] = name;
  }

  // Variables: values from the options, or their defaults.
  const variableValues: { [name: string]: unknown } = {};
  for (const [name, body] of Object.entries(variables)) {
    if (options.variables && name in options.variables) variableValues[name] = options.variables[name];
    else if (body?.default === undefined) throw new Error(`variable ${name} has no default: pass its value in the variables option`);
  }
  for (const name of Object.keys(options.variables ?? {})) {
    if (!(name in variables)) throw new Error(`variables option names ${name}, which the stack does not declare`);
  }

  // Moves, between the stand-ins of the same types (Terraform's own rules: the target is declared,
  // the source is not, and both are of one type).
  const moved: { from: string; to: string }[] = [];
  for (const move of (json as any).moved ?? []) {
    const [fromType, fromName, ...rest] = String(move.from).split('.');
    const target = resources.get(move.to);
    if (!target || rest.length > 0) throw new Error(`moved to ${move.to}: not a resource the stack declares`);
    if (resources.has(move.from)) throw new Error(`moved from ${move.from}, which the stack still declares`);
    if (fromType !== target.type) throw new Error(`moved from ${move.from} to ${move.to}: a move keeps the resource type`);
    moved.push({ from: BUILT_IN_TYPES.has(fromType) ? move.from : `terraform_data.${fromType}__${fromName}`, to: standIns[move.to] });
  }
  if (moved.length > 0) (out as any).moved = moved;

  const nativeLocals = hoistLongStrings(outResources, outLocals, outOutputs, userLocals);
  const settings = terraformSettings(json.terraform ?? {}, notes);
  if (Object.keys(settings).length > 0) out.terraform = settings;
  if (Object.keys(variables).length > 0) out.variable = variables;
  if (Object.keys(outLocals).length > 0) out.locals = outLocals;
  if (Object.keys(outResources).length > 0) out.resource = outResources;
  if (Object.keys(outOutputs).length > 0) out.output = outOutputs;
  if (Object.keys(outChecks).length > 0) out.check = outChecks;
  return { config: out, variables: variableValues, standIns, originals, fakes, localOutputs, providerOutputs, references, notes, nativeLocals };
}

/** `fake__google_x__y`, `fake__data__t__n`, `fake__check__c__data__t__n`. */
function fakeName(address: string): string {
  return `fake__${address.replace(/\./g, '__')}`;
}

/** The index that selects the current instance of a counted or for_each resource. */
function instanceKey(body: { [key: string]: any }): string {
  if (body.count !== undefined) return '[count.index]';
  if (body.for_each !== undefined) return '[each.key]';
  return '';
}

/** The values of the ForceNew argument paths that are set, by path. */
function forcedArguments(args: { [key: string]: JsonValue }, paths: readonly string[]): { [path: string]: JsonValue } {
  if (paths.includes('*')) return { ...args };
  const forced: { [path: string]: JsonValue } = {};
  for (const path of paths) {
    const [head, ...rest] = path.split('.');
    if (!(head in args)) continue;
    let values: JsonValue[] = [args[head]];
    for (const field of rest) {
      values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && field in v ? [v[field]] : []));
    }
    if (values.length > 0) forced[path] = rest.length === 0 ? values[0] : values;
  }
  return forced;
}

/**
 * The `terraform` block: no backend (Terraform's default is the local backend, with its state in
 * the working directory, so no `terraform init` is needed) and no required_providers.
 */
function terraformSettings(settings: { [key: string]: any }, notes: string[]): { [key: string]: any } {
  const out: { [key: string]: any } = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!TERRAFORM_SETTINGS.has(key)) throw new Error(`unsupported terraform setting "${key}": teach test/helpers/terraform-core/transform.ts about it`);
    if (key === 'required_version') out[key] = value;
    if (key === 'cloud') notes.push('terraform.cloud replaced by the default local backend');
  }
  return out;
}
