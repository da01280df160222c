import { createHash } from 'crypto';
import { Fake, FakeContext, FAKES_FILE } from './fakes';
import { jsonToHcl, JsonValue, templateToHcl } from './hcl';
import { Declared } from './model';
import { rewriteTemplate } from './references';
import { parseTemplate } from './template';

/**
 * The fake local of a resource: its object, or for count/for_each a list/map with one object per
 * instance, `count.index`/`each.*` turned into the for expression's variables.
 */
export function instanceFake(object: { [key: string]: JsonValue }, repeated?: { count?: JsonValue; forEach?: JsonValue }): JsonValue {
  if (!repeated) return object;
  const variables: { [address: string]: string } = { 'count.index': '__index', 'each.key': '__key', 'each.value': '__value' };
  const body = rewriteTemplate(`\${${jsonToHcl(object)}}`, (ref) => (ref.root === 'count' || ref.root === 'each' ? variables[ref.address] : undefined)).slice(2, -1);
  const over = (value: JsonValue): string => (typeof value === 'string' ? templateToHcl(value) : jsonToHcl(value));
  if (repeated.count !== undefined) return `\${[for __index in range(${over(repeated.count)}) : ${body}]}`;
  return `\${{for __key, __value in ${over(repeated.forEach!)} : __key => ${body}}}`;
}

/**
 * The context in which the fakes of one resource or data source are computed: its rewritten
 * arguments, its provider's project and region, and the other fakes of its row (memoized).
 */
export function fakeContext(
  declared: Declared,
  args: { [key: string]: JsonValue },
  table: { readonly [attribute: string]: Fake },
  projectNumber: string,
  providerSetting: (declared: Declared, setting: 'project' | 'region') => string | undefined,
): FakeContext & { value(name: string): JsonValue } {
  const computed = new Map<string, JsonValue>();
  const computing = new Set<string>();
  const scalar = (argument: string): string => {
    if (!(argument in args)) throw new Error(`the fake of ${declared.address} needs its ${argument} argument, which is not set`);
    const value = args[argument];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`the fake of ${declared.address} needs ${argument} as a string, not ${JSON.stringify(value)}`);
  };
  const fromProvider = (setting: 'project' | 'region'): string => {
    if (setting in args) return scalar(setting);
    const value = providerSetting(declared, setting);
    if (value === undefined) throw new Error(`the fake of ${declared.address} needs a ${setting}: set the argument or the provider's ${setting}`);
    return value;
  };
  const value = (name: string): JsonValue => {
    if (name in args) return args[name];
    if (computed.has(name)) return computed.get(name)!;
    const fake = table[name];
    if (!fake) throw new Error(`unknown attribute ${declared.mode === 'data' ? 'data.' : ''}${declared.type}.${name}: add a fake to ${FAKES_FILE}`);
    if (computing.has(name)) throw new Error(`the fakes of ${declared.type}.${name} refer to each other`);
    computing.add(name);
    try {
      computed.set(name, fake(context));
    } finally {
      computing.delete(name);
    }
    return computed.get(name)!;
  };
  const context: FakeContext & { value(name: string): JsonValue } = {
    address: declared.address,
    has: (argument) => argument in args,
    arg: scalar,
    hcl: (argument) => {
      if (!(argument in args)) throw new Error(`the fake of ${declared.address} needs its ${argument} argument, which is not set`);
      const value = args[argument];
      return typeof value === 'string' ? templateToHcl(value) : jsonToHcl(value);
    },
    literal: (argument) => {
      const value = scalar(argument);
      const { parts } = parseTemplate(value);
      if (parts.some((p) => p.kind !== 'literal')) throw new Error(`the fake of ${declared.address} needs ${argument} as a literal, not ${value}`);
      return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
    },
    project: () => fromProvider('project'),
    region: () => fromProvider('region'),
    projectNumber: () => projectNumber,
    digits: (count, salt = '') => {
      let digits = '';
      for (let round = 0; digits.length < count; round++) {
        digits += BigInt('0x' + createHash('sha256').update(`${declared.address}|${salt}|${round}`).digest('hex')).toString().slice(1);
      }
      return digits.slice(0, count);
    },
    attr: (name) => {
      const v = value(name);
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw new Error(`the fake of ${declared.address} uses ${name} as a string, but it is ${JSON.stringify(v)}`);
    },
    value,
  };
  return context;
}
