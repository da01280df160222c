import { TerraformLocal, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { literalForTerraform, terraformLiteral } from '../../lib/core/literal';

describe('terraformLiteral', () => {
  test.each([
    ['--model-dir=${AIP_MODEL_DIR}', '--model-dir=$${AIP_MODEL_DIR}'],
    ['${A}${B}', '$${A}$${B}'],
    ['%{if x}y%{endif}', '%%{if x}y%%{endif}'],
    ['$HOME and $(VAR) and 100% and {x}', '$HOME and $(VAR) and 100% and {x}'],
    ['$${already}', '$$${already}'],
    ['', ''],
    ['plain', 'plain'],
  ])('%p → %p', (input, output) => {
    expect(terraformLiteral(input)).toBe(output);
  });

  test('only `$` characters are added', () => {
    const input = 'a ${b} %{c} $d %e';
    expect(terraformLiteral(input).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(input);
  });
});

describe('literalForTerraform', () => {
  test('plain strings are escaped', () => {
    expect(literalForTerraform('--out=${AIP_MODEL_DIR}/x')).toBe('--out=$${AIP_MODEL_DIR}/x');
  });

  test('tokens stay interpolations; literal parts around them are escaped', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' });
    const name = bucket.stringValue;
    expect(literalForTerraform(name)).toBe(name);
    const mixed = literalForTerraform(`--data=gs://${name}/x --out=\${AIP_MODEL_DIR} %{y}`);
    new TerraformLocal(stack, 'l', mixed);
    const json = JSON.parse(Testing.synth(stack));
    expect(json.locals.l).toBe('--data=gs://${var.bucket}/x --out=$${AIP_MODEL_DIR} %%{y}');
  });
});
