import { TerraformJson } from './synth';
import { referencesInTemplate } from './terraform-core/references';
import { parseTemplate } from './terraform-core/template';

const BUILT_IN_ROOTS = new Set(['each', 'count', 'self', 'path', 'terraform']);

/**
 * Every Terraform reference in a synthesized stack that does not resolve to a declared resource,
 * data source, variable or local: interpolations inside strings, `depends_on` entries and
 * `provider` aliases. Escaped `$${` sequences are literals and are skipped.
 */
export function unresolvedReferences(json: TerraformJson): string[] {
  const declared = new Set<string>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries(json.data ?? {})) for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  for (const name of Object.keys(json.variable ?? {})) declared.add(`var.${name}`);
  for (const name of Object.keys(json.locals ?? {})) declared.add(`local.${name}`);
  const providers = new Set<string>();
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    for (const config of configs as any[]) providers.add(config.alias ? `${type}.${config.alias}` : type);
  }

  const problems: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      // Objects stringified into Terraform, or cdktf tokens that never resolved.
      if (value.includes('[object Object]') || value.includes('TfToken[')) {
        problems.push(`${where}: unrendered value in ${JSON.stringify(value)}`);
        return;
      }
      try {
        for (const expression of interpolations(value)) {
          for (const reference of referencesIn(expression)) {
            if (!declared.has(reference)) problems.push(`${where}: \${${expression}} refers to undeclared ${reference}`);
          }
        }
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${where}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, `${where}.${key}`);
    }
  };

  for (const block of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(json[block] ?? {})) {
      for (const [name, body] of Object.entries(byName as { [name: string]: any })) {
        const where = `${block === 'data' ? 'data.' : ''}${type}.${name}`;
        for (const dependency of body.depends_on ?? []) {
          if (!declared.has(dependency)) problems.push(`${where}: depends_on ${dependency} is not declared`);
        }
        if (body.provider !== undefined && !providers.has(body.provider)) {
          problems.push(`${where}: provider ${body.provider} is not configured`);
        }
        const { depends_on: _ignored, ...rest } = body;
        visit(rest, where);
      }
    }
  }
  visit(json.output ?? {}, 'output');
  visit(json.locals ?? {}, 'locals');
  return problems;
}

/**
 * The expressions of the `${...}` interpolations in a string, nesting-aware, skipping `$${`.
 * Scanned by the Terraform template scanner of test/helpers/terraform-core/template.ts.
 */
export function interpolations(value: string): string[] {
  return parseTemplate(value).parts.flatMap((part) => (part.kind === 'interpolation' ? [value.slice(part.expression.start, part.expression.end)] : []));
}

/**
 * The resource, data, variable and local references of one expression (string literals scanned as
 * templates, object keys and function names ignored, and the iteration variables of `for`
 * expressions skipped, such as `d` in `[for d in x : d.value]`).
 */
function referencesIn(expression: string): string[] {
  return referencesInTemplate(`\${${expression}}`).filter((r) => !BUILT_IN_ROOTS.has(r.root)).map((r) => r.address);
}
