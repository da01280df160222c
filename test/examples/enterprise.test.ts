import { Testing } from 'cdktf';
import { EXAMPLE_STACKS } from '../../examples/stacks';
import { EnterpriseStack } from '../../examples/enterprise/main';
import { VPC_SC_SUPPORTED_SERVICES } from '../../lib/perimeter/supported-services';
import { validateAgainstProto } from '../helpers/proto-schema';
import { unresolvedReferences } from '../helpers/references';
import { ofType, onlyOfType, TerraformJson } from '../helpers/synth';

/**
 * examples/enterprise (issue 5, "Example" and "Done when"): every job runs on the private network
 * (private services access) inside a dry-run perimeter that restricts every API the stack uses,
 * quota limits come with quota preferences, and two teams share the environment, each with its own
 * trainer, data and artifacts, neither able to reach the other's.
 */

const stack = EXAMPLE_STACKS['enterprise'](Testing.app(), 'enterprise') as EnterpriseStack;
const json: TerraformJson = JSON.parse(Testing.synth(stack));

const DEPLOYER = 'serviceAccount:terraform@acme-cicd.iam.gserviceaccount.com';

/** `${type.<name>.attribute}` of the one resource of `type` whose logical name starts with `prefix`. */
function interpolated(type: string, prefix: string, attribute: string): string {
  const names = Object.keys(ofType(json, type)).filter((name) => name.startsWith(prefix));
  if (names.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${names.join(', ') || 'none'}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** The request bodies of the jobs: each local with a `<name>_manifest` local, by name. */
function jobBodies(): { name: string; kind: string; body: any }[] {
  const locals = json.locals ?? {};
  return Object.keys(locals)
    .filter((name) => locals[`${name}_manifest`] !== undefined)
    .map((name) => ({ name, kind: locals[`${name}_manifest`].kind, body: locals[name] }));
}

/** The job spec of a body, whatever the job kind. */
function jobSpecOf(kind: string, body: any): any {
  if (kind === 'CustomJob') return body.jobSpec;
  if (kind === 'HyperparameterTuningJob') return body.trialJobSpec;
  return body.trainingTaskInputs.trialJobSpec ?? body.trainingTaskInputs;
}

const TEAMS = {
  vision: {
    trainer: interpolated('google_service_account', 'platform_team-vision_trainer_account_', 'member'),
    trainerEmail: interpolated('google_service_account', 'platform_team-vision_trainer_account_', 'email'),
    data: interpolated('google_storage_bucket', 'platform_team-vision_data_bucket_', 'name'),
    artifacts: interpolated('google_storage_bucket', 'platform_team-vision_artifacts_bucket_', 'name'),
    group: 'group:vision-ml@acme.example',
  },
  language: {
    trainer: interpolated('google_service_account', 'platform_team-language_trainer_account_', 'member'),
    trainerEmail: interpolated('google_service_account', 'platform_team-language_trainer_account_', 'email'),
    data: interpolated('google_storage_bucket', 'platform_team-language_data_bucket_', 'name'),
    artifacts: interpolated('google_storage_bucket', 'platform_team-language_artifacts_bucket_', 'name'),
    group: 'group:language-ml@acme.example',
  },
};
const STAGING = interpolated('google_storage_bucket', 'platform_staging-bucket_', 'name');
const ENV_DATA = interpolated('google_storage_bucket', 'platform_data-bucket_', 'name');
const ENV_ARTIFACTS = interpolated('google_storage_bucket', 'platform_artifacts-bucket_', 'name');
const DOCKER = interpolated('google_artifact_registry_repository', 'platform_docker-repository_', 'name');
const PYTHON = interpolated('google_artifact_registry_repository', 'platform_python-repository_', 'name');

/** Every IAM grant of `member`, as `<type> <role> <resource>`. */
function grantsOf(member: string): string[] {
  const found: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    if (!type.endsWith('_iam_member') && !type.endsWith('_iam_binding')) continue;
    for (const grant of Object.values(byName as { [name: string]: any })) {
      const members: string[] = grant.members ?? [grant.member];
      if (members.includes(member)) {
        found.push(`${type} ${grant.role} ${grant.bucket ?? grant.repository ?? grant.service_account_id ?? grant.crypto_key_id ?? grant.project}`);
      }
    }
  }
  return found.sort();
}

describe('examples/enterprise', () => {
  test('synthesizes with every reference resolving', () => {
    expect(unresolvedReferences(json)).toEqual([]);
  });

  describe('every job runs on the private network', () => {
    const bodies = jobBodies();
    const network = `projects/\${data.google_project.${Object.keys(ofType(json, 'google_project', 'data'))[0]}.number}/global/networks/${interpolated('google_compute_network', 'platform_network_', 'name')}`;
    const range = interpolated('google_compute_global_address', 'platform_network_peering-range_', 'name');

    test('the example has jobs (detector and intent-classifier)', () => {
      expect(bodies.map((b) => b.name).sort()).toEqual(['vertex_platform_detector', 'vertex_platform_intent_classifier']);
    });

    test.each(bodies.map((b) => [b.name, b] as [string, { name: string; kind: string; body: any }]))('%s: network and reservedIpRanges, valid v1 body', (_name, { kind, body }) => {
      const spec = jobSpecOf(kind, body);
      expect(spec.network).toBe(network);
      expect(spec.reservedIpRanges).toEqual([range]);
      expect(spec.pscInterfaceConfig).toBeUndefined();
      expect(validateAgainstProto(kind, body)).toEqual([]);
    });

    test('one dedicated network: subnet 10.40.0.0/20, peering range 10.64.0.0/16, connection with the range', () => {
      expect(onlyOfType(json, 'google_compute_network').auto_create_subnetworks).toBe(false);
      expect(onlyOfType(json, 'google_compute_subnetwork')).toMatchObject({ ip_cidr_range: '10.40.0.0/20', private_ip_google_access: true });
      expect(onlyOfType(json, 'google_compute_global_address')).toMatchObject({ purpose: 'VPC_PEERING', address: '10.64.0.0', prefix_length: 16 });
      expect(onlyOfType(json, 'google_service_networking_connection').reserved_peering_ranges).toEqual([range]);
      // The example's perimeter is in dry run: nothing may be blocked yet.
      expect(onlyOfType(json, 'google_service_networking_vpc_service_controls').enabled).toBe(false);
      expect(onlyOfType(json, 'google_compute_route').dest_range).toBe('199.36.153.8/30');
      expect(ofType(json, 'google_compute_router_nat')).toEqual({});
    });

    test('every job manifest waits for the peering and its VPC Service Controls', () => {
      const manifests = Object.entries(ofType(json, 'google_storage_bucket_object')).filter(([name]) => /_manifest_/.test(name));
      expect(manifests).toHaveLength(bodies.length);
      const connection = `google_service_networking_connection.${Object.keys(ofType(json, 'google_service_networking_connection'))[0]}`;
      const controls = `google_service_networking_vpc_service_controls.${Object.keys(ofType(json, 'google_service_networking_vpc_service_controls'))[0]}`;
      for (const [, manifest] of manifests) expect(manifest.depends_on).toEqual(expect.arrayContaining([connection, controls]));
    });
  });

  describe('the perimeter', () => {
    const perimeter = onlyOfType(json, 'google_access_context_manager_service_perimeter');

    test('is in dry run: the explicit dry-run spec, no status', () => {
      expect(perimeter.use_explicit_dry_run_spec).toBe(true);
      expect(perimeter.spec).toBeDefined();
      expect(perimeter.status).toBeUndefined();
      expect(perimeter.parent).toBe('accessPolicies/482914736512');
      expect(stack.environment.perimeter?.dryRun).toBe(true);
    });

    test('protects the project', () => {
      expect(perimeter.spec.resources).toEqual([`projects/\${data.google_project.${Object.keys(ofType(json, 'google_project', 'data'))[0]}.number}`]);
    });

    test('restricts aiplatform, storage, artifactregistry, cloudkms and every API the triggers use', () => {
      expect(perimeter.spec.restricted_services).toEqual(expect.arrayContaining([
        'aiplatform.googleapis.com', 'storage.googleapis.com', 'artifactregistry.googleapis.com', 'cloudkms.googleapis.com',
        'cloudscheduler.googleapis.com', 'pubsub.googleapis.com', 'eventarc.googleapis.com', 'workflows.googleapis.com',
      ]));
      expect(perimeter.spec.restricted_services).not.toContain('workflowexecutions.googleapis.com');
    });

    test('restricts exactly the VPC-SC-supported APIs the stack enables, sorted', () => {
      const supported = new Set(VPC_SC_SUPPORTED_SERVICES);
      const enabled = Object.values(ofType(json, 'google_project_service')).map((s) => s.service).filter((api) => supported.has(api)).sort();
      expect(perimeter.spec.restricted_services).toEqual(enabled);
    });

    test('VPC-accessible services are the restricted ones', () => {
      expect(perimeter.spec.vpc_accessible_services).toEqual({ enable_restriction: true, allowed_services: ['RESTRICTED-SERVICES'] });
    });

    test('the Terraform deployer identity is in the ingress policy', () => {
      expect(perimeter.spec.ingress_policies).toEqual([expect.objectContaining({
        ingress_from: { identities: [DEPLOYER], sources: [{ access_level: '*' }] },
        ingress_to: { resources: ['*'], operations: [{ service_name: '*' }] },
      })]);
    });
  });

  test('quota limits are declared with quota preferences (increase requests)', () => {
    const preferences = Object.values(ofType(json, 'google_cloud_quotas_quota_preference'));
    expect(preferences.length).toBeGreaterThan(0);
    for (const preference of preferences) {
      expect(preference).toMatchObject({ service: 'aiplatform.googleapis.com', contact_email: 'ml-platform@acme.example', parent: 'projects/acme-ml-prod' });
      expect(Number(preference.quota_config.preferred_value)).toBeGreaterThan(0);
    }
  });

  test('CMEK: every bucket, repository and the TensorBoard use the environment\'s keys; every job body too', () => {
    for (const bucket of Object.values(ofType(json, 'google_storage_bucket'))) expect(bucket.encryption?.default_kms_key_name).toMatch(/^\$\{google_kms_crypto_key\./);
    for (const repository of Object.values(ofType(json, 'google_artifact_registry_repository'))) expect(repository.kms_key_name).toMatch(/^\$\{google_kms_crypto_key\./);
    expect(onlyOfType(json, 'google_vertex_ai_tensorboard').encryption_spec.kms_key_name).toMatch(/^\$\{google_kms_crypto_key\./);
    for (const { body } of jobBodies()) expect(body.encryptionSpec.kmsKeyName).toMatch(/^\$\{google_kms_crypto_key\./);
  });

  describe.each(Object.keys(TEAMS) as (keyof typeof TEAMS)[])('team %s', (team) => {
    const own = TEAMS[team];
    const other = TEAMS[team === 'vision' ? 'language' : 'vision'];

    test('its trainer is granted only its own data and artifacts buckets, plus shared staging and repositories', () => {
      const grants = grantsOf(own.trainer);
      expect(grants.filter((g) => g.startsWith('google_storage_bucket_iam_member')).sort()).toEqual([
        `google_storage_bucket_iam_member roles/storage.objectUser ${own.artifacts}`,
        `google_storage_bucket_iam_member roles/storage.objectViewer ${STAGING}`,
        `google_storage_bucket_iam_member roles/storage.objectViewer ${own.data}`,
      ].sort());
      expect(grants.filter((g) => g.startsWith('google_artifact_registry_repository_iam_member')).sort()).toEqual([
        `google_artifact_registry_repository_iam_member roles/artifactregistry.reader ${DOCKER}`,
        `google_artifact_registry_repository_iam_member roles/artifactregistry.reader ${PYTHON}`,
      ].sort());
      expect(grants.filter((g) => !/^google_(storage_bucket|artifact_registry_repository|project)_iam_member /.test(g))).toEqual([]);
    });

    test('its trainer has nothing on the other team\'s buckets, nor on the environment\'s own data and artifacts', () => {
      for (const grant of grantsOf(own.trainer)) {
        for (const forbidden of [other.data, other.artifacts, ENV_DATA, ENV_ARTIFACTS]) expect(grant).not.toContain(forbidden);
      }
    });

    test('its members reach only its own buckets', () => {
      expect(grantsOf(own.group)).toEqual([
        `google_storage_bucket_iam_member roles/storage.objectUser ${own.data}`,
        `google_storage_bucket_iam_member roles/storage.objectViewer ${own.artifacts}`,
      ].sort());
    });

    test('nobody of the other team is granted anything on its buckets', () => {
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        if (!type.startsWith('google_storage_bucket_iam')) continue;
        for (const grant of Object.values(byName as { [name: string]: any })) {
          if (grant.bucket !== own.data && grant.bucket !== own.artifacts) continue;
          expect([grant.member, ...(grant.members ?? [])]).not.toContain(other.trainer);
          expect([grant.member, ...(grant.members ?? [])]).not.toContain(other.group);
        }
      }
    });
  });

  test.each([
    ['vertex_platform_detector', 'vision', 'detector'],
    ['vertex_platform_intent_classifier', 'language', 'intent-classifier'],
  ] as [string, keyof typeof TEAMS, string][])('%s runs as the %s trainer and writes under its artifacts bucket', (local, team, job) => {
    const body = json.locals?.[local];
    expect(body.jobSpec.serviceAccount).toBe(TEAMS[team].trainerEmail);
    expect(body.jobSpec.baseOutputDirectory.outputUriPrefix).toBe(`gs://${TEAMS[team].artifacts}/jobs/${job}/runs/`);
    expect(body.labels['vertex-training-team']).toBe(team);
  });

  test('the example\'s constructs: the teams belong to the environment', () => {
    expect(stack.vision.environment).toBe(stack.environment);
    expect(stack.language.environment).toBe(stack.environment);
    expect(stack.environment.network?.peering).toBeDefined();
    expect(stack.environment.perimeter?.perimeter).toBeDefined();
  });
});
