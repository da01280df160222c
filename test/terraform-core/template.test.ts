import { referencesInTemplate, rewriteTemplate, parseTemplate } from '../helpers/terraform-core';
import { jsonToHcl, templateToHcl } from '../helpers/terraform-core/hcl';

/** `address` or `address.attribute` of each reference, in order. */
const refs = (template: string): string[] => referencesInTemplate(template).map((r) => (r.attribute ? `${r.address}.${r.attribute}` : r.address));

describe('Terraform template scanner', () => {
  test('$${ and %%{ are literals; interpolations and directives are not', () => {
    const source = 'a $${AIP_MODEL_DIR} %%{ if x } ${var.v} %{ if local.l }y%{ endif }';
    expect(parseTemplate(source).parts.map((p) => `${p.kind}:${source.slice(p.start, p.end)}`)).toEqual([
      'literal:a $${AIP_MODEL_DIR} %%{ if x } ',
      'interpolation:${var.v}',
      'literal: ',
      'directive:%{ if local.l }',
      'literal:y',
      'directive:%{ endif }',
    ]);
    expect(refs('$${google_x.y.id} %%{google_x.z.id}')).toEqual([]);
  });

  test('an escape is read left to right: $$${x} is $ followed by the literal ${x}', () => {
    expect(refs('$$${google_x.y.id}')).toEqual([]);
    expect(refs('$$$${google_x.y.id}')).toEqual([]);
    expect(refs('$ ${google_x.y.id}')).toEqual(['google_x.y.id']);
  });

  test('nested braces and object constructors: keys are not references, values are', () => {
    expect(refs('${ {a = {b = google_x.y.id}, "c" = 1, d: local.l}.a.b }')).toEqual(['google_x.y.id', 'local.l']);
    expect(refs('${jsonencode({\n  manifest = google_x.y.name\n  job = "j"\n})}')).toEqual(['google_x.y.name']);
  });

  test('quoted strings: braces and escaped quotes inside do not end the interpolation', () => {
    expect(refs('${format("}\\"%s{\\\\", var.v)} tail ${google_x.y.id}')).toEqual(['var.v', 'google_x.y.id']);
  });

  test('strings inside expressions are templates again', () => {
    expect(refs('${"a-${google_x.y.id}-$${not.this}"}')).toEqual(['google_x.y.id']);
    expect(refs('${format("%s", "x-${lower(data.t.n.name)}")}')).toEqual(['data.t.n.name']);
  });

  test('for expressions bind their variables in the body, not in the collection', () => {
    expect(refs('${one([for d in data.q.i.dimensions_infos : try(d.details[0].value, null) if try(d.dimensions["region"], "") == "x"])}'))
      .toEqual(['data.q.i.dimensions_infos']);
    expect(refs('${{for k, v in google_x.y.labels : k => "${v}-${local.suffix}"}}')).toEqual(['google_x.y.labels', 'local.suffix']);
    expect(refs('${[for d in d.items : d]}')).toEqual(['d.items']);
  });

  test('template for directives bind their variables until endfor', () => {
    expect(refs('%{ for d in data.t.n.items }${d.x}%{ endfor }${d.y}')).toEqual(['data.t.n.items', 'd.y']);
  });

  test('built-in roots are found but kept apart: each, count, self, path, terraform, var, local', () => {
    expect(referencesInTemplate('${each.key}${count.index}${self.name}${path.module}${terraform.workspace}${var.v}${local.l}').map((r) => r.root))
      .toEqual(['each', 'count', 'self', 'path', 'terraform', 'var', 'local']);
  });

  test('function calls, provider functions, keywords and conditionals', () => {
    expect(refs('${provider::time::rfc3339_parse(google_x.y.created).year}')).toEqual(['google_x.y.created']);
    expect(refs('${true ? google_x.y.id : null}')).toEqual(['google_x.y.id']);
    expect(refs('${{ a = var.c ? google_x.y.id : "z" }}')).toEqual(['var.c', 'google_x.y.id']);
  });

  test('instance keys and splats: the attribute after the key is read', () => {
    const [indexed, splat, legacy, keyed] = referencesInTemplate('${google_x.y[0].id} ${google_x.y[*].name} ${google_x.y.0.self_link} ${data.t.n["k"].v}');
    expect([indexed, splat, legacy, keyed].map((r) => [r.address, r.attribute, r.indexed])).toEqual([
      ['google_x.y', 'id', true],
      ['google_x.y', 'name', true],
      ['google_x.y', 'self_link', true],
      ['data.t.n', 'v', true],
    ]);
    expect(refs('${google_x.y[local.k].id}')).toEqual(['google_x.y.id', 'local.k']);
  });

  test('strip markers', () => {
    expect(refs('a ${~ google_x.y.id ~} b %{~ if var.v ~}c%{~ endif ~}')).toEqual(['google_x.y.id', 'var.v']);
  });

  test('rewriting replaces only the address spans and keeps every other character', () => {
    const source = '$${keep} ${google_x.y.id}-${ "q\\"${google_x.y.name}" } %{ for d in data.t.n.items }${d}%{ endfor } %%{ keep }';
    const rewritten = rewriteTemplate(source, (r) => (r.root === 'data' ? 'local.fake_data' : r.root === 'google_x' ? 'local.fake_x' : undefined));
    expect(rewritten).toBe('$${keep} ${local.fake_x.id}-${ "q\\"${local.fake_x.name}" } %{ for d in local.fake_data.items }${d}%{ endfor } %%{ keep }');
  });

  test('fails loudly on what it cannot scan', () => {
    expect(() => refs('${google_x.y.id')).toThrow(/unterminated interpolation/);
    expect(() => refs('${"abc}')).toThrow(/unterminated string literal/);
    expect(() => refs('${<<EOT\nx\nEOT\n}')).toThrow(/heredoc/);
    expect(() => refs('%{ while x }')).toThrow(/unknown template directive/);
    expect(() => refs('${google_x}')).toThrow(/incomplete reference google_x/);
    expect(() => refs('${f(]}')).toThrow(/unbalanced/);
  });
});

describe('JSON-syntax templates as native syntax', () => {
  test('a sole interpolation keeps its type; anything else becomes a quoted template', () => {
    expect(templateToHcl('${local.x}')).toBe('(local.x)');
    expect(templateToHcl('a"b\\c\n$${x} ${local.y}%{ if true }z%{ endif }')).toBe('"a\\"b\\\\c\\n$${x} ${local.y}%{ if true }z%{ endif }"');
    expect(jsonToHcl({ 'k-1': ['${var.v}', 2, true, null] })).toBe('{"k-1" = [(var.v), 2, true, null]}');
  });
});
