import { Fn, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  BOOLEAN, enumeration, inputProblems, inputsOf, instance, isInstanceNamed, list, LITERAL, map, NUMBER, optional, readBy, STRING, struct,
  textProblem, withInput,
} from '../../lib/core/field-types';
import { formatValue, problemsOf as ruleProblems } from '../../lib/core/validation';

/**
 * The runtime input types: wrong JavaScript types become problems in the library's one-line form,
 * and strings are refused when a program turned an object, a construct or a Terraform expression
 * into text, while shell-style `${VAR}` and resolvable cdktf tokens stay allowed.
 */

enum Colour { RED = 'red', DARK_BLUE = 'dark-blue' }

class Pool {
  public static of(size: number): Pool {
    return withInput(new Pool(), 'size', size, NUMBER);
  }
}

const PROPS = struct('Props', {
  name: STRING,
  size: optional(NUMBER),
  on: optional(BOOLEAN),
  tags: optional(list(STRING)),
  labels: optional(map(STRING)),
  colour: optional(enumeration(Colour, 'Colour')),
  pool: optional(instance('Pool', 'a Pool (Pool.of)')),
});

const problemsOf = (value: unknown) => inputProblems(undefined, '', value, PROPS).map((p) => `${p.field} ${formatValue(p.value)}: ${p.allowed}`);

describe('types', () => {
  test('valid props have no problem; optional fields may be left out', () => {
    expect(problemsOf({ name: 'a' })).toEqual([]);
    expect(problemsOf({ name: 'a', size: 2, on: false, tags: ['x'], labels: { k: 'v' }, colour: Colour.RED, pool: Pool.of(3) })).toEqual([]);
  });

  test('every wrong type at once, each under its field, with a hint where one helps', () => {
    expect(problemsOf({ size: '2', on: 'true', tags: 'x', labels: { k: 1 }, colour: 'RED', pool: { size: 3 } })).toEqual([
      'name undefined: required (a string)',
      'size "2": must be a number (write 2, not "2")',
      'on "true": must be true or false (write true, not "true")',
      'tags "x": must be a list of strings (write ["x"])',
      'labels["k"] 1: must be a string (write "1")',
      'colour "RED": must be a Colour (red, dark-blue): did you mean Colour.RED?',
      'pool {"size":3}: must be a Pool (Pool.of) (a plain object is not one: use the factory)',
    ]);
  });

  test('props that are not an object', () => {
    expect(problemsOf(undefined)).toEqual(['props undefined: must be an object (Props) with name']);
    expect(problemsOf('name')).toEqual(['props "name": must be an object (Props) with name']);
  });

  test('a factory\'s input is checked under the field that receives its value', () => {
    expect(problemsOf({ name: 'a', pool: Pool.of('3' as unknown as number) })).toEqual(['pool.size "3": must be a number (write 3, not "3")']);
    expect(problemsOf({ name: 'a', tags: ['x', 2] })).toEqual(['tags[1] 2: must be a string (write "2")']);
  });

  test('an enum member is suggested from a short name or another case', () => {
    expect(problemsOf({ name: 'a', colour: 'blue' })).toEqual(['colour "blue": must be a Colour (red, dark-blue): did you mean Colour.DARK_BLUE?']);
    expect(problemsOf({ name: 'a', colour: 'Red' })).toEqual(['colour "Red": must be a Colour (red, dark-blue): did you mean Colour.RED?']);
    expect(problemsOf({ name: 'a', colour: 'green' })).toEqual(['colour "green": must be a Colour (red, dark-blue)']);
  });

  test('values are shown as the user gave them: constructs by path, instances by class, objects as JSON', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(formatValue(new Construct(stack, 'bucket'))).toBe('(the construct stack/bucket)');
    expect(formatValue(Pool.of(1))).toBe('(a Pool)');
    expect(formatValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatValue({ a: 'x'.repeat(100) })).toMatch(/^\{"a":"x+\.\.\.$/);
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue('s')).toBe('"s"');
  });
});

describe('classes recognised by name, without importing them', () => {
  class SpecialPool extends Pool {}

  test('an instance of the class or of a subclass is one; a plain object, a lookalike or a primitive is not', () => {
    expect(isInstanceNamed(Pool.of(1), 'Pool')).toBe(true);
    expect(isInstanceNamed(new SpecialPool(), 'Pool')).toBe(true);
    expect(isInstanceNamed({ size: 1 }, 'Pool')).toBe(false);
    expect(isInstanceNamed({ constructor: Pool }, 'Pool')).toBe(false);
    expect(isInstanceNamed(Object.create(null), 'Pool')).toBe(false);
    expect(isInstanceNamed('Pool', 'Pool')).toBe(false);
    expect(isInstanceNamed(Pool, 'Pool')).toBe(false);
    expect(isInstanceNamed(Pool.of(1), 'Object')).toBe(false);
  });

  test('inputsOf checks what the factory recorded, and leaves anything else to the construct', () => {
    const type = inputsOf('Pool');
    expect(inputProblems(undefined, 'pool', Pool.of('3' as unknown as number), type).map((p) => p.field)).toEqual(['pool.size']);
    expect(inputProblems(undefined, 'pool', 'not a pool', type)).toEqual([]);
  });

  test('readBy recognises an object by one string property', () => {
    const type = readBy('Repository', 'url', 'a Repository (e.g. env.dockerRepository)');
    expect(inputProblems(undefined, 'repository', { url: 'us-docker.pkg.dev/p/r' }, type)).toEqual([]);
    expect(inputProblems(undefined, 'repository', { url: 5 }, type)).toEqual([{ field: 'repository', value: { url: 5 }, allowed: 'must be a Repository (e.g. env.dockerRepository)' }]);
    expect(inputProblems(undefined, 'repository', undefined, type)).toHaveLength(1);
  });
});

describe('rules given a value of the wrong type', () => {
  test('a rule that throws a TypeError on it reports a problem instead', () => {
    const rule = (value: string) => (value.trim() === '' ? 'must not be blank' : undefined);
    expect(ruleProblems('name', 5 as unknown as string, rule)).toEqual([{ field: 'name', value: 5, allowed: 'a number is not accepted here' }]);
    expect(ruleProblems('name', ' ', rule)).toEqual([{ field: 'name', value: ' ', allowed: 'must not be blank' }]);
    expect(() => ruleProblems('name', 'x', () => {
      throw new RangeError('a bug');
    })).toThrow(RangeError);
  });
});

describe('strings turned into text by mistake', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  const env = new Construct(stack, 'ml');
  const bucket = new Construct(env, 'data-bucket');
  const context = { root: stack.node.root };
  const problem = (value: string, literal = false) => textProblem(value, context, literal);

  test('[object Object]', () => {
    expect(problem(`--config=${{}}`)).toBe('contains "[object Object]": an object was turned into text (pass a string; for a resource, one of its attributes)');
  });

  test('an object turned into text by Python, Java or .NET', () => {
    expect(problem('--env=<cdktf_vertex_training.TrainingEnvironment object at 0x7f3a2c1b9d90>')).toContain('contains "<cdktf_vertex_training.TrainingEnvironment object at 0x7f3a2c1b9d90>": an object was turned into text');
    expect(problem('gs://io.github.cdktfvertextraining.TrainingBucket@1b6d3586/x')).toContain('contains "io.github.cdktfvertextraining.TrainingBucket@1b6d3586"');
    expect(problem('--bucket=CdktfVertexTraining.TrainingBucket')).toContain('contains "CdktfVertexTraining.TrainingBucket"');
    // Dotted names and addresses of the program's own are not objects.
    for (const value of ['--module=trainer.task.Main', 'user@example.com', '--optimizer=torch.optim.AdamW', '<not an object>']) {
      expect([value, problem(value)]).toEqual([value, undefined]);
    }
  });

  test('the path of a construct (a construct in a template string)', () => {
    expect(problem(`gs://${bucket}/data`)).toBe('contains "test/ml/data-bucket", the path of a construct: a construct was turned into text (pass one of its attributes, e.g. bucket.bucketName)');
    expect(problem(`--job=${env}`)).toContain('contains "test/ml", the path of a construct');
    // Paths that name no construct of the app are ordinary text.
    expect(problem('gs://acme-data/test/other')).toBeUndefined();
    expect(problem('models/test')).toBeUndefined();
    // A file path or an object prefix of the program's own that happens to pass through construct IDs.
    expect(problem('--cache=/workspace/test/ml/cache')).toBeUndefined();
    expect(problem('gs://data/test/ml/')).toBeUndefined();
  });

  test('a Terraform expression or a config reference written as text', () => {
    expect(problem('--data=${google_storage_bucket.data.name}')).toContain('contains "${google_storage_bucket.data.name}", a Terraform expression written as text');
    expect(problem('${var.region}')).toContain('"${var.region}", a Terraform expression');
    expect(problem('${upper("x")}')).toContain('a Terraform expression');
    expect(problem('${local.bucket}')).toContain('"${local.bucket}", a Terraform expression');
    expect(problem('${data.google_project.this.number}')).toContain('a Terraform expression');
    expect(problem('${module.net.id}')).toContain('a Terraform expression');
    const stack2 = new TerraformStack(Testing.app(), 'other');
    const token = new TerraformVariable(stack2, 'v', { type: 'string' }).stringValue;
    expect(problem(`${token}/\${var.x}`)).toBe('contains "${var.x}", a Terraform expression written as text: it would reach the API as these characters (user strings are sent as written); pass the value itself, e.g. bucket.bucketName');
    expect(problem('gs://${{ environment.dataBucket.name }}/x')).toContain('a reference of config files (TrainingConfig), which is not replaced here');
  });

  test('shell-style variables and the program\'s own interpolations reach Vertex AI unchanged and stay allowed', () => {
    for (const value of [
      '--model-dir=${AIP_MODEL_DIR}', '${HOME}/data', '${EPOCHS:-10}', '$AIP_CHECKPOINT_DIR', '%{not a directive}',
      'lr=${optimizer.lr}', 'data=${oc.env:DATA_DIR}', 'out=${hydra.run.dir}', '${model_cfg.layers}', 'lr=${model_cfg.optim.lr}',
    ]) {
      expect([value, problem(value)]).toEqual([value, undefined]);
    }
  });

  test('cdktf tokens that resolve are allowed; literal-only fields refuse them', () => {
    const variable = new TerraformVariable(stack, 'bucket', { type: 'string' });
    expect(problem(`gs://${variable.stringValue}/data`)).toBeUndefined();
    expect(problem(Fn.join('-', ['a', variable.stringValue]))).toBeUndefined();
    expect(problem(variable.stringValue, true)).toBe('must be known at synth, not a Terraform reference (a cdktf token)');
  });

  test('tokens that do not resolve, or were changed as text', () => {
    expect(problem('${TfToken[TOKEN.999999]}')).toBe('contains a cdktf token that does not resolve (a token of another process, or copied as text)');
    const token = Token.asString(new TerraformVariable(stack, 'other', { type: 'string' }).value);
    expect(problem(token.toUpperCase())).toContain('a cdktf token that was cut or changed as text');
    expect(problem(token.slice(0, -2))).toContain('a cdktf token that was cut or changed as text');
  });

  test('LITERAL and STRING fields report through the same type', () => {
    expect(inputProblems(stack, 'cron', 5, LITERAL)).toEqual([{ field: 'cron', value: 5, allowed: 'must be a string (write "5")' }]);
    expect(inputProblems(stack, 'arg', `x-${bucket}`, STRING)[0].allowed).toContain('the path of a construct');
  });
});
