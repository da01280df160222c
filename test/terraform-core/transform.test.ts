import type { TerraformJson } from '../helpers/synth';
import { sliceStack, standInConfig, StandInConfig } from '../helpers/terraform-core';

/** A small stack in the shape cdktf synthesizes. */
function stack(extra: Partial<TerraformJson> = {}): TerraformJson {
  return {
    provider: { google: [{ project: 'p1', region: 'europe-west4' }], 'google-beta': [{ alias: 'beta' }] },
    terraform: { backend: { local: { path: 'terraform.s.tfstate' } }, required_providers: { google: { source: 'google', version: '6.50.0' } } },
    data: { google_project: { project: { project_id: 'p1', depends_on: ['google_project_service.crm'] } } },
    locals: { member: 'serviceAccount:${google_service_account.sa.email}' },
    resource: {
      google_project_service: { crm: { service: 'cloudresourcemanager.googleapis.com' } },
      google_service_account: { sa: { account_id: 'trainer', '//': { metadata: { path: 's/sa' } } } },
      google_project_iam_member: {
        grant: { project: 'p1', role: 'roles/x', member: '${local.member}', provider: 'google-beta.beta' },
        agent: { project: 'p1', role: 'roles/y', member: 'serviceAccount:service-${data.google_project.project.number}@gcp-sa-x.iam.gserviceaccount.com' },
      },
    },
    output: { email: { value: '${google_service_account.sa.email}' } },
    ...extra,
  };
}

const resource = (config: StandInConfig, standIn: string): any => {
  const [type, name] = standIn.split('.');
  return config.config.resource![type][name];
};

describe('stand-in transform', () => {
  const result = standInConfig(stack());

  test('every provider resource becomes a terraform_data stand-in with its arguments as input', () => {
    expect(result.standIns).toEqual({
      'google_project_service.crm': 'terraform_data.google_project_service__crm',
      'google_service_account.sa': 'terraform_data.google_service_account__sa',
      'google_project_iam_member.grant': 'terraform_data.google_project_iam_member__grant',
      'google_project_iam_member.agent': 'terraform_data.google_project_iam_member__agent',
    });
    expect(Object.keys(result.config.resource!)).toEqual(['terraform_data']);
    expect(resource(result, 'terraform_data.google_service_account__sa')).toEqual({
      input: { account_id: 'trainer' },
      triggers_replace: { account_id: 'trainer' },
    });
  });

  test('attribute reads become reads of fake locals computed from the arguments', () => {
    expect(result.config.locals!.member).toBe('serviceAccount:${local.fake__google_service_account__sa.email}');
    // A resource's fake holds what is read; a data source's fake also all its arguments.
    expect(result.config.locals!.fake__google_service_account__sa).toEqual({ email: 'trainer@p1.iam.gserviceaccount.com' });
    expect(result.config.locals!.fake__data__google_project__project).toEqual({ project_id: 'p1', number: '123456789012' });
    expect(result.config.locals!.fake__google_project_service__crm).toBeUndefined(); // nothing reads it
    expect(result.config.output!.email.value).toBe('${local.fake__google_service_account__sa.email}');
  });

  test('depends_on holds the original dependencies and every resource reached through locals and data sources', () => {
    expect(resource(result, 'terraform_data.google_project_iam_member__grant').depends_on).toEqual(['terraform_data.google_service_account__sa']);
    // data.google_project.project depends on the API: a resource reading it depends on the API too.
    expect(resource(result, 'terraform_data.google_project_iam_member__agent').depends_on).toEqual(['terraform_data.google_project_service__crm']);
  });

  test('providers, provider meta-arguments, required_providers and the backend are gone', () => {
    expect(result.config.provider).toBeUndefined();
    expect(JSON.stringify(result.config)).not.toContain('google-beta.beta');
    expect(result.config.terraform).toBeUndefined();
  });

  test('locals are exposed as sensitive outputs so that plans report their values', () => {
    expect(result.config.output!.local__member).toEqual({ value: '${local.member}', sensitive: true });
    expect(result.localOutputs).toEqual({ local__member: 'member' });
  });

  test('provider configurations are exposed as sensitive outputs, their references resolved', () => {
    expect(result.providerOutputs).toEqual({ provider__google: 'google', 'provider__google-beta__beta': 'google-beta.beta' });
    expect(result.config.output!['provider__google-beta__beta']).toEqual({ value: {}, sensitive: true });
    const json = stack({ provider: { google: [{ project: 'p1' }], 'google-beta': [{ alias: 'beta' }], kubernetes: [{ host: 'https://${data.google_project.project.number}.example' }] } });
    const config = standInConfig(json);
    expect(config.config.output!.provider__kubernetes.value).toEqual({ host: 'https://${local.fake__data__google_project__project.number}.example' });
    expect(config.references).toContainEqual({ where: 'provider.kubernetes', address: 'data.google_project.project', attribute: 'number' });
    expect(() => standInConfig(stack({ provider: { google: [{ project: 'p1' }], 'google-beta': [{ alias: 'beta' }], kubernetes: [{ host: '${data.google_project.missing.number}' }] } }))).toThrow('provider.kubernetes: data.google_project.missing is not declared');
  });

  test('an attribute that is neither an argument nor a fake is refused', () => {
    const json = stack({ output: { x: { value: '${google_service_account.sa.bogus}' } } });
    expect(() => standInConfig(json)).toThrow('unknown attribute google_service_account.bogus: add a fake to test/helpers/terraform-core/fakes.ts');
    const data = stack({ output: { x: { value: '${data.google_project.project.bogus}' } } });
    expect(() => standInConfig(data)).toThrow('unknown attribute data.google_project.bogus: add a fake to test/helpers/terraform-core/fakes.ts');
  });

  test('a resource type without a ForceNew row is refused', () => {
    const json = stack({ resource: { google_brand_new_thing: { x: { name: 'n' } } } });
    expect(() => standInConfig(json)).toThrow('unknown resource type google_brand_new_thing: add its ForceNew arguments to test/helpers/terraform-core/force-new.ts');
  });

  test('references to undeclared things, unknown blocks and unconfigured providers are refused', () => {
    expect(() => standInConfig(stack({ output: { x: { value: '${google_service_account.missing.email}' } } }))).toThrow('output.x: google_service_account.missing is not declared');
    expect(() => standInConfig(stack({ output: { x: { value: '${var.missing}' } } }))).toThrow('output.x: var.missing is not declared');
    expect(() => standInConfig(stack({ import: [{ to: 'google_service_account.sa', id: 'x' }] } as any))).toThrow('unsupported top-level block "import"');
    // Moves follow Terraform's rules: to a declared resource, from one no longer declared, of one type.
    expect(() => standInConfig(stack({ moved: [{ from: 'google_service_account.old', to: 'google_service_account.gone' }] } as any))).toThrow('moved to google_service_account.gone: not a resource the stack declares');
    expect(() => standInConfig(stack({ moved: [{ from: 'google_service_account.sa', to: 'google_service_account.sa' }] } as any))).toThrow('moved from google_service_account.sa, which the stack still declares');
    expect(() => standInConfig(stack({ moved: [{ from: 'google_project_service.old', to: 'google_service_account.sa' }] } as any))).toThrow('a move keeps the resource type');
    expect((standInConfig(stack({ moved: [{ from: 'google_service_account.old', to: 'google_service_account.sa' }] } as any)).config as any).moved)
      .toEqual([{ from: 'terraform_data.google_service_account__old', to: 'terraform_data.google_service_account__sa' }]);
    const json = stack();
    json.resource!.google_project_service.crm.provider = 'google.nope';
    expect(() => standInConfig(json)).toThrow('google_project_service.crm: provider google.nope is not configured');
  });

  test('fakes can be overridden per address, with literal values', () => {
    const overridden = standInConfig(stack(), { fakes: { 'google_service_account.sa': { email: 'x-${literal}@example.com' } } });
    expect(overridden.config.locals!.fake__google_service_account__sa).toEqual({ email: 'x-$${literal}@example.com' });
    expect(() => standInConfig(stack(), { fakes: { 'google_service_account.nope': {} } })).toThrow('fakes option names google_service_account.nope');
  });

  test('check blocks keep their assertions; their scoped data sources become fake locals', () => {
    const json = stack({
      check: {
        quota: {
          data: { google_cloud_quotas_quota_info: { q: { parent: 'projects/p1', service: 's', quota_id: 'Q', depends_on: ['google_project_service.crm'] } } },
          assert: [{ condition: '${length(data.google_cloud_quotas_quota_info.q.dimensions_infos) > 0}', error_message: 'no $${quota}' }],
        },
      },
    });
    const config = standInConfig(json).config;
    expect(config.check).toEqual({
      quota: { assert: [{ condition: '${length(local.fake__check__quota__data__google_cloud_quotas_quota_info__q.dimensions_infos) > 0}', error_message: 'no $${quota}' }] },
    });
    expect(config.locals!.fake__check__quota__data__google_cloud_quotas_quota_info__q.dimensions_infos).toEqual([
      { dimensions: {}, details: [{ value: '100000' }], applicable_locations: [] },
    ]);
    expect(config.data).toBeUndefined();
  });

  test('lifecycle: conditions rewritten, self read from the fake, ignore_changes mapped into input', () => {
    const json = stack();
    json.resource!.google_service_account.sa.lifecycle = {
      create_before_destroy: true,
      prevent_destroy: true,
      ignore_changes: ['description', 'account_id', 'labels["x"]'],
      precondition: [{ condition: '${data.google_project.project.number != ""}', error_message: 'empty' }],
      postcondition: [{ condition: '${endswith(self.email, ".com")}', error_message: 'bad' }],
    };
    const converted = standInConfig(json);
    expect(resource(converted, 'terraform_data.google_service_account__sa').lifecycle).toEqual({
      create_before_destroy: true,
      prevent_destroy: true,
      ignore_changes: ['input.description', 'input.account_id', 'triggers_replace.account_id'],
      precondition: [{ condition: '${local.fake__data__google_project__project.number != ""}', error_message: 'empty' }],
      postcondition: [{ condition: '${endswith(local.fake__google_service_account__sa.email, ".com")}', error_message: 'bad' }],
    });
    expect(converted.notes).toEqual([expect.stringContaining('ignore_changes labels["x"] dropped')]);
  });

  test('count: the stand-in keeps it; the fake is a list with count.index bound per instance', () => {
    const json = stack({ output: { second: { value: '${google_service_account.many[1].email}' } } });
    json.resource!.google_service_account.many = { count: 3, account_id: 'worker-${count.index}' };
    const converted = standInConfig(json);
    expect(resource(converted, 'terraform_data.google_service_account__many')).toMatchObject({ count: 3, input: { account_id: 'worker-${count.index}' } });
    expect(converted.config.locals!.fake__google_service_account__many).toBe('${[for __index in range(3) : {"email" = "worker-${__index}@p1.iam.gserviceaccount.com"}]}');
  });

  test('a resource that depends on itself, directly or through a data source or local, is refused as a cycle', () => {
    const json = stack();
    json.data!.google_project.project.depends_on = ['google_project_iam_member.agent'];
    expect(() => standInConfig(json)).toThrow('dependency cycle: google_project_iam_member.agent depends on itself');
    const direct = stack();
    direct.resource!.google_service_account.sa.description = 'I am ${local.member}';
    expect(() => standInConfig(direct)).toThrow('dependency cycle: google_service_account.sa depends on itself');
  });

  test('variables need a value: a default, or the variables option', () => {
    const json = stack({ variable: { region: { type: 'string' } } });
    expect(() => standInConfig(json)).toThrow('variable region has no default');
    expect(standInConfig(json, { variables: { region: 'us-east1' } }).variables).toEqual({ region: 'us-east1' });
  });

  test('long strings are hoisted into native-syntax locals', () => {
    const long = `${'x'.repeat(3000)}\n$\${kept} "quoted" \\ ${'${google_service_account.sa.email}'}`;
    const json = stack();
    json.resource!.google_project_service.crm.description = long;
    const converted = standInConfig(json);
    expect(resource(converted, 'terraform_data.google_project_service__crm').input.description).toBe('${local.text__1}');
    expect(converted.nativeLocals.text__1).toBe(`"${'x'.repeat(3000)}\\n$\${kept} \\"quoted\\" \\\\ \${local.fake__google_service_account__sa.email}"`);
  });
});

describe('stack slices', () => {
  test('keep the roots and, transitively, what they reference or depend on, unchanged', () => {
    const json = stack();
    const slice = sliceStack(json, ['google_project_iam_member.agent']);
    expect(Object.keys(slice).sort()).toEqual(['data', 'provider', 'resource', 'terraform']);
    expect(slice.resource).toEqual({
      google_project_iam_member: { agent: json.resource!.google_project_iam_member.agent },
      google_project_service: { crm: json.resource!.google_project_service.crm }, // through the data source's depends_on
    });
    expect(slice.data).toEqual(json.data);
    expect(sliceStack(json, ['output.email']).resource).toEqual({ google_service_account: { sa: json.resource!.google_service_account.sa } });
    expect(() => sliceStack(json, ['google_x.nope'])).toThrow('sliceStack: google_x.nope is not declared');
  });
});
