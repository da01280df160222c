/**
 * Validates Kubernetes custom resources against the CRDs in `test/fixtures/kubernetes/` (Kueue
 * v0.19.2, JobSet v0.12.0, copied unchanged from their releases) the way the API server does with strict field validation
 * (`kubectl apply --validate=strict`, the default of kubectl ≥ 1.27): an unknown field is an error, not
 * silently pruned. What it checks:
 * - the object's apiVersion/kind is served by one of the CRDs (a deprecated version is a problem too);
 * - the version's `openAPIV3Schema` (types, enums, patterns, min/max, required, int-or-string), with
 *   `additionalProperties: false` on every object schema that lists `properties` and neither
 *   `additionalProperties` nor `x-kubernetes-preserve-unknown-fields` (that is what pruning would drop);
 * - `x-kubernetes-list-type: set` (unique items) and `map` (unique `x-kubernetes-list-map-keys`);
 * - root `metadata` as the API server's ObjectMeta validation: only name, namespace, labels and
 *   annotations (what a manifest in this library may set), name a DNS subdomain, namespace a DNS label
 *   (present exactly when the kind is namespaced), label keys/values and annotation keys as Kubernetes
 *   validates them.
 * - the CEL rules (`x-kubernetes-validations`) of the two CRDs, each re-stated in JavaScript below
 *   (about twenty; a rule not re-stated is reported as a problem, so a new CRD version cannot
 *   silently skip one). Transition rules (`oldSelf`) only run on update and are skipped.
 * Not checked: admission webhooks (Kueue's and JobSet's own validation).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';

/** Where the CRDs live: in the repository, so that a clone tests against them. */
export const CRD_DIRECTORY = join(__dirname, '..', 'fixtures', 'kubernetes');

interface ServedVersion {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly deprecated: boolean;
  readonly storage: boolean;
  readonly schema: any;
  validate?: ValidateFunction;
}

let index: Map<string, ServedVersion> | undefined;

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function crdIndex(): Map<string, ServedVersion> {
  if (index) return index;
  index = new Map();
  for (const file of yamlFiles(CRD_DIRECTORY)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = (doc as any).toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const { group, names, scope, versions } = crd.spec;
      for (const v of versions ?? []) {
        if (!v.served) continue;
        index.set(key(`${group}/${v.name}`, names.kind), {
          group,
          version: v.name,
          kind: names.kind,
          namespaced: scope === 'Namespaced',
          deprecated: v.deprecated === true,
          storage: v.storage === true,
          schema: v.schema?.openAPIV3Schema,
        });
      }
    }
  }
  // An empty index would make every object "unknown" and hide why: say where the CRDs were looked for.
  if (index.size === 0) throw new Error(`no CustomResourceDefinition found under ${CRD_DIRECTORY}`);
  return index;
}

/** `group/version` + kind of every served CRD version, e.g. `kueue.x-k8s.io/v1beta2 ClusterQueue`. */
export function servedKinds(): string[] {
  return [...crdIndex().values()].map((v) => `${v.group}/${v.version} ${v.kind}${v.deprecated ? ' (deprecated)' : ''}`).sort();
}

/** The storage version (`group/version`) of a CRD kind, e.g. `kueue.x-k8s.io/v1beta2` for `ClusterQueue`. */
export function storageVersionOf(kind: string): string | undefined {
  const found = [...crdIndex().values()].find((v) => v.kind === kind && v.storage);
  return found && `${found.group}/${found.version}`;
}

/** The CEL rules (`x-kubernetes-validations`) of a kind's version, which this helper does not evaluate. */
export function celRulesOf(apiVersion: string, kind: string): { path: string; rule: string; message?: string }[] {
  const served = crdIndex().get(key(apiVersion, kind));
  const found: { path: string; rule: string; message?: string }[] = [];
  const walk = (node: any, path: string): void => {
    if (!node || typeof node !== 'object') return;
    for (const v of node['x-kubernetes-validations'] ?? []) found.push({ path, rule: v.rule, message: v.message });
    for (const [name, child] of Object.entries<any>(node.properties ?? {})) walk(child, path ? `${path}.${name}` : name);
    if (node.items) walk(node.items, `${path}[]`);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.*`);
  };
  walk(served?.schema, '');
  return found;
}

const has = (o: any, k: string): boolean => o !== null && typeof o === 'object' && o[k] !== undefined;
const all = (list: any, f: (x: any) => boolean): boolean => !Array.isArray(list) || list.every(f);
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** The create-time CEL rules of the reference CRDs, by their exact text, as JavaScript predicates of `self`. */
const CEL_RULES: { readonly [rule: string]: (self: any) => boolean } = {
  // JobSet v1alpha2
  "!(has(self.startupPolicy) && self.startupPolicy.startupPolicyOrder == 'InOrder' && self.replicatedJobs.exists(x, has(x.dependsOn)))":
    (self) => !(has(self, 'startupPolicy') && self.startupPolicy.startupPolicyOrder === 'InOrder' && (self.replicatedJobs ?? []).some((x: any) => has(x, 'dependsOn'))),
  'self.templates.all(t, !has(t.metadata.namespace) || size(t.metadata.namespace) == 0)':
    (self) => all(self.templates, (t) => !has(t?.metadata, 'namespace') || t.metadata.namespace.length === 0),
  // ClusterQueue / Cohort v1beta2
  '!has(self.cohortName) && has(self.resourceGroups) ? self.resourceGroups.all(rg, rg.flavors.all(f, f.resources.all(r, !has(r.borrowingLimit)))) : true':
    (self) => (!has(self, 'cohortName') && has(self, 'resourceGroups')
      ? all(self.resourceGroups, (rg) => all(rg.flavors, (f) => all(f.resources, (r) => !has(r, 'borrowingLimit')))) : true),
  // ClusterQueue v1beta1 (deprecated; its field was `cohort`)
  '!has(self.cohort) && has(self.resourceGroups) ? self.resourceGroups.all(rg, rg.flavors.all(f, f.resources.all(r, !has(r.borrowingLimit)))) : true':
    (self) => (!has(self, 'cohort') && has(self, 'resourceGroups')
      ? all(self.resourceGroups, (rg) => all(rg.flavors, (f) => all(f.resources, (r) => !has(r, 'borrowingLimit')))) : true),
  "!has(self.preference) || (self.whenCanBorrow == 'TryNextFlavor' && self.whenCanPreempt == 'TryNextFlavor')":
    // whenCanBorrow/whenCanPreempt default to MayStopSearch/TryNextFlavor before CEL runs.
    (self) => !has(self, 'preference') || ((self.whenCanBorrow ?? 'MayStopSearch') === 'TryNextFlavor' && (self.whenCanPreempt ?? 'TryNextFlavor') === 'TryNextFlavor'),
  "!(self.reclaimWithinCohort == 'Never' && has(self.borrowWithinCohort) &&  self.borrowWithinCohort.policy != 'Never')":
    (self) => !((self.reclaimWithinCohort ?? 'Never') === 'Never' && has(self, 'borrowWithinCohort') && (self.borrowWithinCohort.policy ?? 'Never') !== 'Never'),
  'self.flavors.all(x, size(x.resources) == size(self.coveredResources))':
    (self) => all(self.flavors, (x) => (x.resources ?? []).length === (self.coveredResources ?? []).length),
  // ResourceFlavor v1beta2
  '!has(self.topologyName) || self.nodeLabels.size() >= 1': (self) => !has(self, 'topologyName') || Object.keys(self.nodeLabels ?? {}).length >= 1,
  "self.all(x, x.effect in ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])": (self) => all(self, (x) => EFFECTS.includes(x.effect)),
  "self.all(x, !has(x.key) ? x.operator == 'Exists' : true)": (self) => all(self, (x) => (!has(x, 'key') ? x.operator === 'Exists' : true)),
  "self.all(x, has(x.tolerationSeconds) ? x.effect == 'NoExecute' : true)": (self) => all(self, (x) => (has(x, 'tolerationSeconds') ? x.effect === 'NoExecute' : true)),
  "self.all(x, !has(x.operator) || x.operator in ['Equal', 'Exists'])": (self) => all(self, (x) => !has(x, 'operator') || ['Equal', 'Exists'].includes(x.operator)),
  "self.all(x, has(x.operator) && x.operator == 'Exists' ? !has(x.value) : true)": (self) => all(self, (x) => (has(x, 'operator') && x.operator === 'Exists' ? !has(x, 'value') : true)),
  "self.all(x, !has(x.effect) || x.effect in ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])": (self) => all(self, (x) => !has(x, 'effect') || EFFECTS.includes(x.effect)),
  // Topology v1beta2
  'size(self.filter(i, size(self.filter(j, j == i)) > 1)) == 0': (self) => new Set((self ?? []).map((i: unknown) => JSON.stringify(i))).size === (self ?? []).length,
  "size(self.filter(i, i.nodeLabel == 'kubernetes.io/hostname')) == 0 || self[size(self) - 1].nodeLabel == 'kubernetes.io/hostname'":
    (self) => !(self ?? []).some((i: any) => i.nodeLabel === 'kubernetes.io/hostname') || self[self.length - 1].nodeLabel === 'kubernetes.io/hostname',
};

/** Whether a CEL rule is checked: re-stated here, or a transition rule (update only). */
export function celRuleChecked(rule: string): boolean {
  return /\boldSelf\b/.test(rule) || CEL_RULES[rule] !== undefined;
}

/** The CEL rules of `schema` that apply to `value`, evaluated: a problem per failed or unknown rule. */
function celProblems(schema: any, value: any, path: string): string[] {
  if (!schema || typeof schema !== 'object' || value === undefined || value === null) return [];
  const problems: string[] = [];
  for (const v of schema['x-kubernetes-validations'] ?? []) {
    if (/\boldSelf\b/.test(v.rule)) continue;
    const predicate = CEL_RULES[v.rule];
    const at = path || '(root)';
    if (!predicate) problems.push(`${at}: CEL rule not re-stated in test/helpers/kubernetes-crds.ts: ${v.rule}`);
    else if (!predicate(value)) problems.push(`${at}: ${v.message ?? v.rule} (CEL: ${v.rule})`);
  }
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => problems.push(...celProblems(schema.items, item, `${path}[${i}]`)));
  } else if (typeof value === 'object') {
    for (const [name, child] of Object.entries<any>(value)) {
      const sub = schema.properties?.[name] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (sub) problems.push(...celProblems(sub, child, path ? `${path}.${name}` : name));
    }
  }
  return problems;
}

/**
 * Only what a library-rendered object may carry in its root metadata; the name/label rules are checked
 * in code for messages that read like the API server's.
 */
const OBJECT_META = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/** Copies a CRD schema into one ajv compiles, closing objects and mapping `x-kubernetes-*` keywords. */
function strictSchema(node: any, root = false): any {
  if (Array.isArray(node)) return node.map((n) => strictSchema(n));
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [name, value] of Object.entries<any>(node)) {
    if (name === 'description' || name === 'x-kubernetes-validations' || name === 'x-kubernetes-map-type'
      || name === 'x-kubernetes-int-or-string' || name === 'x-kubernetes-embedded-resource') continue;
    if (name === 'format' && !value) continue;
    if (name === 'properties') {
      out.properties = Object.fromEntries(Object.entries<any>(value).map(([p, s]) => [p, strictSchema(s)]));
    } else if (name === 'x-kubernetes-list-type') {
      if (value === 'set') out.uniqueItems = true;
      if (value === 'map') out.listMapKeys = node['x-kubernetes-list-map-keys'] ?? [];
    } else if (name === 'x-kubernetes-list-map-keys' || name === 'x-kubernetes-preserve-unknown-fields') {
      continue;
    } else if (name === 'default' || name === 'enum' || name === 'required') {
      out[name] = value;
    } else {
      out[name] = strictSchema(value);
    }
  }
  if (node.properties && node.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (root) {
    out.properties = { ...out.properties, metadata: OBJECT_META };
    out.required = [...new Set([...(out.required ?? []), 'apiVersion', 'kind', 'metadata'])];
  }
  return out;
}

let ajv: Ajv | undefined;

/**
 * CRD patterns are Go RE2 syntax: `(?i)` at the start (or right after `^`) is the case-insensitive
 * flag, which JavaScript spells `i`.
 */
function goRegExp(pattern: string, flags: string): RegExp {
  const insensitive = /^\^?\(\?i\)/.exec(pattern);
  if (!insensitive) return new RegExp(pattern, flags);
  return new RegExp(pattern.replace('(?i)', ''), `${flags}i`);
}
goRegExp.code = 'goRegExp';

function compiler(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({
    allErrors: true, strict: true, strictTypes: false, strictRequired: false, strictTuples: false, validateSchema: false,
    code: { regExp: goRegExp },
  });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  ajv.addKeyword({
    keyword: 'listMapKeys',
    type: 'array',
    errors: true,
    validate: function unique(keys: string[], items: any[]): boolean {
      const seen = new Set<string>();
      for (const item of items) {
        const id = JSON.stringify(keys.map((k) => item?.[k]));
        if (seen.has(id)) {
          (unique as any).errors = [{ keyword: 'listMapKeys', message: `duplicate entry with ${keys.join('/')} ${id}`, params: { keys } }];
          return false;
        }
        seen.add(id);
      }
      return true;
    },
  });
  return ajv;
}

function pathOf(instancePath: string): string {
  return instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('').replace(/^\./, '');
}

function describe(e: ErrorObject): string {
  const at = pathOf(e.instancePath);
  const prefix = at ? `${at}: ` : '';
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at ? `${at}.` : ''}${(e.params as any).additionalProperty}: unknown field (strict field validation)`;
    case 'enum':
      return `${prefix}must be one of ${(e.params as any).allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${at ? `${at}.` : ''}${(e.params as any).missingProperty}: required`;
    default:
      return `${prefix}${e.message}`;
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function qualifiedNameProblem(k: string): string | undefined {
  const parts = k.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return 'has a prefix that is not a DNS subdomain';
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return 'is not a qualified name (≤ 63 alphanumerics, "-", "_", "." starting and ending alphanumeric)';
  return undefined;
}

function metadataProblems(meta: any, namespaced: boolean, options: CrdCheckOptions): string[] {
  if (!meta || typeof meta !== 'object') return [];
  const problems: string[] = [];
  if (meta.name === undefined) {
    if (!options.nameOptional) problems.push('metadata.name: required');
  } else if (typeof meta.name === 'string' && (meta.name.length > 253 || !DNS_SUBDOMAIN.test(meta.name))) {
    problems.push(`metadata.name: ${JSON.stringify(meta.name)} is not a DNS subdomain (lowercase alphanumerics, "-" and ".", ≤ 253)`);
  }
  if (namespaced && meta.namespace === undefined && !options.namespaceOptional) problems.push('metadata.namespace: required for a namespaced kind');
  if (!namespaced && meta.namespace !== undefined) problems.push(`metadata.namespace: ${JSON.stringify(meta.namespace)} set on a cluster-scoped kind`);
  if (typeof meta.namespace === 'string' && (meta.namespace.length > 63 || !DNS_LABEL.test(meta.namespace))) {
    problems.push(`metadata.namespace: ${JSON.stringify(meta.namespace)} is not a DNS label (lowercase alphanumerics and "-", ≤ 63)`);
  }
  for (const [k, v] of Object.entries<any>(meta.labels ?? {})) {
    const bad = qualifiedNameProblem(k);
    if (bad) problems.push(`metadata.labels: key ${JSON.stringify(k)} ${bad}`);
    if (typeof v === 'string' && (v.length > 63 || !LABEL_VALUE.test(v))) problems.push(`metadata.labels.${k}: value ${JSON.stringify(v)} is not a valid label value (≤ 63 alphanumerics, "-", "_", ".")`);
  }
  for (const k of Object.keys(meta.annotations ?? {})) {
    const bad = qualifiedNameProblem(k);
    if (bad) problems.push(`metadata.annotations: key ${JSON.stringify(k)} ${bad}`);
  }
  return problems;
}

/** Relaxations for bodies the library renders for a launcher that completes them. */
export interface CrdCheckOptions {
  /** The launcher sets `metadata.name` (a JobSet launch body). @default false */
  readonly nameOptional?: boolean;
  /** The launcher posts into a namespace given elsewhere. @default false */
  readonly namespaceOptional?: boolean;
}

/**
 * Problems of one Kubernetes object against its CRD, each `Kind/name path: message`; empty when the
 * API server with strict field validation would accept it (CEL rules and webhooks aside).
 */
export function crdProblems(object: any, options: CrdCheckOptions = {}): string[] {
  const apiVersion = object?.apiVersion;
  const kind = object?.kind;
  const label = `${kind ?? '?'}/${object?.metadata?.name ?? '?'}`;
  const served = crdIndex().get(key(apiVersion, kind));
  if (!served) {
    const versions = [...crdIndex().values()].filter((v) => v.kind === kind).map((v) => `${v.group}/${v.version}`);
    const allowed = versions.length ? `served for ${kind}: ${versions.join(', ')}` : `known kinds: ${[...new Set([...crdIndex().values()].map((v) => v.kind))].sort().join(', ')}`;
    return [`${label}: no CRD serves apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)} (${allowed})`];
  }
  served.validate ??= compiler().compile(strictSchema(served.schema, true));
  const problems: string[] = [];
  if (served.deprecated) problems.push(`apiVersion ${apiVersion} is deprecated (storage version: ${storageVersionOf(kind)})`);
  if (!served.validate(object)) problems.push(...(served.validate.errors ?? []).map(describe));
  else problems.push(...celProblems(served.schema, object, ''));
  problems.push(...metadataProblems(object.metadata, served.namespaced, options));
  return [...new Set(problems)].map((p) => `${label} ${p}`);
}
