import { readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import {
  BootDiskType, Framework, GoogleApisAccess, Goal, GpuType, KeyProtectionLevel, MeasurementSelection, NetworkConnectivity,
  ScaleType, SchedulingStrategy, SearchAlgorithm, TpuVersion,
} from '../../lib';
import * as enums from '../../lib/config/enums';
import { KNOWN_REFERENCES } from '../../lib/config/references';
import { schemaText } from '../../lib/config/schema';
import { TRAINING_CONFIG_SCHEMA } from '../../lib/config/schema-generated';
import { TrainingConfig } from '../../lib/config/training-config';
import { generateSchema, generateSchemaModule, SCHEMA_MODULE } from '../helpers/config-schema/generate';

/**
 * The published JSON Schema of config files: generated from lib/config/types.ts, a valid, strict
 * draft-07 schema with descriptions, in step with the loader's spellings of the library's
 * enumerations, and every example config valid against it.
 */

type Json = { [key: string]: any };
const SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'training-config.schema.json');
const schema = TRAINING_CONFIG_SCHEMA as Json;
const definitions = schema.definitions as Json;

/** Every subschema of the schema, with its JSON pointer. */
function subschemas(node: unknown, pointer = '#'): { pointer: string; schema: Json }[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
  const found = [{ pointer, schema: node as Json }];
  const s = node as Json;
  for (const key of ['properties', 'definitions']) {
    for (const [name, child] of Object.entries(s[key] ?? {})) found.push(...subschemas(child, `${pointer}/${key}/${name}`));
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'if', 'then', 'else']) {
    if (typeof s[key] === 'object') found.push(...subschemas(s[key], `${pointer}/${key}`));
  }
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    (s[key] ?? []).forEach((child: unknown, i: number) => found.push(...subschemas(child, `${pointer}/${key}/${i}`)));
  }
  return found;
}

function resolve(node: Json): Json {
  return typeof node.$ref === 'string' ? definitions[node.$ref.replace('#/definitions/', '')] : node;
}

describe('the JSON Schema of config files', () => {
  test('is generated from lib/config/types.ts (UPDATE_CONFIG_SCHEMA=1 rewrites lib/config/schema-generated.ts and the published file)', () => {
    const generated = generateSchema();
    const published = `${JSON.stringify(generated, null, 2)}\n`;
    // UPDATE_CONFIG_SCHEMA=1 writes both files after a change of lib/config/types.ts.
    if (process.env.UPDATE_CONFIG_SCHEMA) {
      writeFileSync(SCHEMA_MODULE, generateSchemaModule(generated));
      writeFileSync(SCHEMA_FILE, published);
    }
    expect(readFileSync(SCHEMA_MODULE, 'utf8')).toBe(generateSchemaModule(generated));
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(published);
  });

  test('is published as schema/training-config.schema.json, the same as the loader\'s', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
    expect(TrainingConfig.schemaFile()).toBe(SCHEMA_FILE);
    expect(JSON.parse(TrainingConfig.schemaJson())).toEqual(schema);
  });

  test('is a valid draft-07 JSON Schema that compiles in ajv strict mode', () => {
    const warnings: string[] = [];
    const ajv = new Ajv({
      strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allErrors: true,
      logger: { log: () => undefined, warn: (m: unknown) => warnings.push(String(m)), error: (m: unknown) => warnings.push(String(m)) },
    });
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(warnings).toEqual([]);
  });

  test('is strict: every object schema refuses properties it does not declare', () => {
    const objects = subschemas(schema).filter(({ schema: s }) => s.type === 'object' && s.properties);
    expect(objects.length).toBeGreaterThan(30);
    expect(objects.filter(({ schema: s }) => s.additionalProperties !== false).map((o) => o.pointer)).toEqual([]);
  });

  test('describes every property and definition', () => {
    const undescribed: string[] = [];
    for (const { pointer, schema: s } of subschemas(schema)) {
      for (const [name, property] of Object.entries(s.properties ?? {}) as [string, Json][]) {
        if (typeof property !== 'object') continue;
        if (!property.description && !resolve(property).description && !pointer.includes('/then') && !pointer.includes('/else') && !pointer.includes('/if')) {
          undescribed.push(`${pointer}/properties/${name}`);
        }
      }
    }
    expect(undescribed).toEqual([]);
    expect(schema.description).toMatch(/TrainingConfig/);
  });

  test('spells every enumeration as the loader does, and every member of the library enums', () => {
    const spelled = (definition: Json) => [...(resolve(definition).enum as string[])].sort();
    const keys = (map: object) => Object.keys(map).sort();
    const defs = definitions;
    expect(spelled(defs.gpuType)).toEqual(keys(enums.GPU_TYPES));
    expect(spelled(defs.tpu.properties.version)).toEqual(keys(enums.TPU_VERSIONS));
    expect(spelled(defs.framework)).toEqual(keys(enums.FRAMEWORKS));
    expect(spelled(defs.pool.properties.bootDiskType)).toEqual(keys(enums.BOOT_DISK_TYPES));
    expect(spelled(defs.strategy)).toEqual(keys(enums.STRATEGIES));
    expect(spelled(defs.encryption.properties.protectionLevel)).toEqual(keys(enums.PROTECTION_LEVELS));
    expect(spelled(defs.network.properties.connectivity)).toEqual(keys(enums.CONNECTIVITIES));
    expect(spelled(defs.network.properties.googleApis)).toEqual(keys(enums.GOOGLE_APIS_ACCESS));
    expect(spelled(defs.metric.properties.goal)).toEqual(keys(enums.GOALS));
    expect(spelled(defs.parameter.properties.scale)).toEqual(keys(enums.SCALES));
    expect(spelled(defs.study.properties.algorithm)).toEqual(keys(enums.ALGORITHMS));
    expect(spelled(defs.study.properties.measurementSelection)).toEqual(keys(enums.MEASUREMENT_SELECTIONS));

    const covers = (map: { [name: string]: string }, members: object) =>
      expect([...new Set(Object.values(map))].sort()).toEqual([...Object.values(members)].sort());
    covers(enums.GPU_TYPES, GpuType);
    covers(enums.TPU_VERSIONS, TpuVersion);
    covers(enums.FRAMEWORKS, Framework);
    covers(enums.BOOT_DISK_TYPES, BootDiskType);
    covers(enums.STRATEGIES, SchedulingStrategy);
    covers(enums.PROTECTION_LEVELS, KeyProtectionLevel);
    covers(enums.CONNECTIVITIES, NetworkConnectivity);
    covers(enums.GOOGLE_APIS_ACCESS, GoogleApisAccess);
    covers(enums.GOALS, Goal);
    covers(enums.SCALES, ScaleType);
    covers(enums.ALGORITHMS, SearchAlgorithm);
    covers(enums.MEASUREMENT_SELECTIONS, MeasurementSelection);
    // Short GPU names and Vertex AI names name the same GPUs.
    expect(enums.GPU_TYPES.h100).toBe(enums.GPU_TYPES.NVIDIA_H100_80GB);
  });

  test('documents every ${{ ... }} reference the loader knows', () => {
    for (const reference of KNOWN_REFERENCES) {
      const documented = reference.replace(/^environment\.(stagingBucket|artifactsBucket|dataBucket)\.(name|url)$/, 'environment.<stagingBucket|artifactsBucket|dataBucket>.<name|url>')
        .replace(/^environment\.(dockerRepository|pythonRepository)\.url$/, 'environment.<dockerRepository|pythonRepository>.url')
        .replace(/^environment\.(trainer|launcher)\.email$/, 'environment.<trainer|launcher>.email')
        .replace(/^teams\.<team>\.(dataBucket|artifactsBucket)\.(name|url)$/, 'teams.<team>.<dataBucket|artifactsBucket>.<name|url>');
      expect(definitions.reference.description).toContain(`\${{ ${documented} }}`);
    }
  });
});

describe('example config files', () => {
  const root = join(__dirname, '..', '..', 'examples');
  const configs: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/.test(entry) && /training-config\.schema\.json/.test(readFileSync(path, 'utf8'))) configs.push(path);
    }
  };
  walk(root);

  test('there is at least the from-config example', () => {
    expect(configs.map((c) => c.slice(root.length + 1))).toContain(join('from-config', 'training.yaml'));
  });

  test.each(configs.map((c) => [c.slice(root.length + 1), c]))('%s is valid against the schema and loads', (_, path) => {
    expect(TrainingConfig.validateFile(path)).toEqual([]);
  });
});
