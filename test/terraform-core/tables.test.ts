import { COMPUTED_FAKES, FORCE_NEW } from '../helpers/terraform-core';

/**
 * The fake and ForceNew tables against the provider schemas the project pins, as the prebuilt
 * cdktf bindings render them (@cdktf/provider-google 16.12.1 = google 6.50.0, @cdktf/provider-time
 * 11.0.1 = time 0.13.1): every row names a real type, every fake a real attribute, every ForceNew
 * path a real argument (something that can be set), and no fake replaces an argument.
 */

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string): string => camel(name).replace(/^./, (c) => c.toUpperCase());

/** The binding class of `google_x`, `data.google_x`, `time_sleep` or `helm_release` (google-beta for beta-only types). */
function binding(type: string): { prototype: object } {
  const data = type.startsWith('data.');
  const bare = data ? type.slice(5) : type;
  const candidates: [string, string, string][] = bare.startsWith('time_')
    ? [['@cdktf/provider-time', bare.slice(5), bare.slice(5)]]
    : bare.startsWith('helm_')
      ? [['@cdktf/provider-helm', bare.slice(5), bare.slice(5)]]
      : bare.startsWith('kubernetes_')
        ? [['@cdktf/provider-kubernetes', bare.slice(11), bare.slice(11)]]
        : [
        ['@cdktf/provider-google', data ? `data_${bare}` : bare.replace(/^google_/, ''), data ? `data_${bare}` : bare.replace(/^google_/, '')],
        ['@cdktf/provider-google-beta', data ? `data_${bare}` : bare, data ? `data_${bare}` : bare],
      ];
  for (const [pkg, module, cls] of candidates) {
    let exports: any;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(`${pkg}/lib/${module.replace(/_/g, '-')}`);
    } catch {
      continue;
    }
    if (exports[pascal(cls)]) return exports[pascal(cls)];
  }
  throw new Error(`no binding class for ${type}`);
}

/** The accessor of an attribute (cdktf splits digits: `detect_md5hash` is `detectMd5Hash`). */
function descriptor(cls: { prototype: object }, name: string): PropertyDescriptor | undefined {
  const wanted = camel(name).toLowerCase();
  const key = Object.getOwnPropertyNames(cls.prototype).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : Object.getOwnPropertyDescriptor(cls.prototype, key);
}
const isAttribute = (cls: { prototype: object }, name: string): boolean => descriptor(cls, name)?.get !== undefined;
const isArgument = (cls: { prototype: object }, name: string): boolean =>
  descriptor(cls, name)?.set !== undefined || Object.getOwnPropertyNames(cls.prototype).some((k) => k.toLowerCase() === `put${camel(name)}`.toLowerCase());

describe('the fake table', () => {
  test.each(Object.keys(COMPUTED_FAKES).sort())('%s: every fake is a computed attribute of the schema', (type) => {
    const cls = binding(type);
    const attributes = Object.keys(COMPUTED_FAKES[type]);
    expect(attributes.filter((a) => !isAttribute(cls, a))).toEqual([]);
    // A fake of an Optional+Computed argument is used only when the argument is not set; none of
    // those is in the table, so a fake never hides an argument the stack may set.
    const data = type.startsWith('data.');
    expect(attributes.filter((a) => !data && a !== 'id' && isArgument(cls, a))).toEqual([]);
  });
});

describe('the ForceNew table', () => {
  test.each(Object.keys(FORCE_NEW).sort())('%s: every ForceNew path starts at an argument of the schema', (type) => {
    const cls = binding(type);
    expect(FORCE_NEW[type].filter((path) => !isArgument(cls, path.split('.')[0]))).toEqual([]);
  });
});
