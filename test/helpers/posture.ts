import { TerraformJson } from './synth';

const PRIMITIVE_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);
const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];
const AGENT_MEMBER = /^serviceAccount:service-.+@(gcp-sa-[a-z-]+\.iam\.gserviceaccount\.com|gs-project-accounts\.iam\.gserviceaccount\.com)$/;
const MAX_ROTATION_SECONDS = 90 * 86_400;

/**
 * A strict security review of a synthesized stack, independent of the library's own code: what the
 * foundation issue promises (CMEK everywhere with regional keys granted only to agents, nothing
 * public, no primitive or authoritative IAM, keys and data safe from destroy, agents created before
 * grants). Returns one line per finding.
 */
export function postureFindings(json: TerraformJson, region: string): string[] {
  const findings: string[] = [];
  const resources = json.resource ?? {};
  const each = (type: string, fn: (name: string, body: any) => void) => {
    for (const [name, body] of Object.entries(resources[type] ?? {})) fn(name, body);
  };
  const isManagedKeyRef = (value: unknown) => typeof value === 'string' && /^\$\{google_kms_crypto_key\.[^.]+\.id\}$|^projects\/[^/]+\/locations\/[^/]+\/keyRings\//.test(value);

  for (const type of Object.keys(resources)) {
    if (/_iam_(policy|binding)$/.test(type)) findings.push(`${type}: authoritative IAM is not allowed`);
    if (type === 'google_service_account_key') findings.push('service account keys are not allowed');
    if (/^google_(project|folder|organization)_iam_(policy|binding|audit_config)$/.test(type)) findings.push(`${type}: authoritative project IAM`);
    if (type.endsWith('_iam_member')) {
      each(type, (name, body) => {
        if (PRIMITIVE_ROLES.has(body.role)) findings.push(`${type}.${name}: primitive role ${body.role}`);
        if (PUBLIC_MEMBERS.includes(body.member)) findings.push(`${type}.${name}: public member ${body.member}`);
      });
    }
  }

  each('google_storage_bucket', (name, b) => {
    const where = `google_storage_bucket.${name}`;
    if (!isManagedKeyRef(b.encryption?.default_kms_key_name)) findings.push(`${where}: no CMEK default key`);
    if (b.uniform_bucket_level_access !== true) findings.push(`${where}: uniform bucket-level access off`);
    if (b.public_access_prevention !== 'enforced') findings.push(`${where}: public access prevention not enforced`);
    if (b.versioning?.enabled !== true) findings.push(`${where}: versioning off`);
    if (b.force_destroy !== false) findings.push(`${where}: force_destroy not explicitly false`);
    if (String(b.location).toLowerCase() !== region) findings.push(`${where}: location ${b.location} is not ${region}`);
    if (!(b.depends_on ?? []).some((d: string) => d.startsWith('google_kms_crypto_key_iam_member.'))) {
      findings.push(`${where}: created before its key grant`);
    }
  });
  each('google_artifact_registry_repository', (name, r) => {
    if (!isManagedKeyRef(r.kms_key_name)) findings.push(`google_artifact_registry_repository.${name}: no CMEK key`);
    if (!(r.depends_on ?? []).some((d: string) => d.startsWith('google_kms_crypto_key_iam_member.'))) {
      findings.push(`google_artifact_registry_repository.${name}: created before its key grant`);
    }
  });
  each('google_vertex_ai_tensorboard', (name, t) => {
    if (!isManagedKeyRef(t.encryption_spec?.kms_key_name)) findings.push(`google_vertex_ai_tensorboard.${name}: no CMEK key`);
    if (!(t.depends_on ?? []).some((d: string) => d.startsWith('google_kms_crypto_key_iam_member.'))) {
      findings.push(`google_vertex_ai_tensorboard.${name}: created before its key grant`);
    }
  });
  each('google_kms_key_ring', (name, k) => {
    if (k.location !== region) findings.push(`google_kms_key_ring.${name}: location ${k.location} is not ${region}`);
    if (k.lifecycle?.prevent_destroy !== true) findings.push(`google_kms_key_ring.${name}: not prevent_destroy`);
  });
  each('google_kms_crypto_key', (name, k) => {
    const where = `google_kms_crypto_key.${name}`;
    if (k.lifecycle?.prevent_destroy !== true) findings.push(`${where}: not prevent_destroy`);
    const seconds = Number(String(k.rotation_period ?? '').replace(/s$/, ''));
    if (!(seconds > 0 && seconds <= MAX_ROTATION_SECONDS)) findings.push(`${where}: rotation ${k.rotation_period} is not within 90 days`);
  });
  const identityTypes = new Set(['google_project_service_identity']);
  each('google_kms_crypto_key_iam_member', (name, g) => {
    const where = `google_kms_crypto_key_iam_member.${name}`;
    const member = String(g.member);
    const viaDataSource = /^\$\{data\.google_storage_project_service_account\.[^.]+\.member\}$/.test(member);
    const agentDomain = /^serviceAccount:service-\$\{data\.google_project\.[^.]+\.number\}@(gcp-sa-[a-z-]+|container-engine-robot|compute-system)\.iam\.gserviceaccount\.com$/.exec(member)?.[1];
    const builtFromNumber = agentDomain !== undefined;
    // The Compute Engine agent has no service identity resource: enabling the API creates it.
    const createdBy = agentDomain === 'compute-system' ? new Set(['google_project_service']) : identityTypes;
    if (!viaDataSource && !builtFromNumber && !AGENT_MEMBER.test(member)) findings.push(`${where}: key granted to ${member}, not a service agent`);
    if (builtFromNumber && !(g.depends_on ?? []).some((d: string) => createdBy.has(d.split('.')[0]))) {
      findings.push(`${where}: grant to ${member} does not wait for the agent to be created`);
    }
  });
  const locals = json.locals ?? {};
  for (const [name, body] of Object.entries(locals)) {
    if (locals[`${name}_manifest`] === undefined) continue;
    const where = `local.${name}`;
    if ((body as any).kind === 'JobSet') {
      findings.push(...jobSetFindings(where, body));
      continue;
    }
    if (!isManagedKeyRef((body as any).encryptionSpec?.kmsKeyName)) findings.push(`${where}: job without CMEK`);
    const spec = (body as any).jobSpec ?? (body as any).trialJobSpec ?? (body as any).trainingTaskInputs?.trialJobSpec ?? (body as any).trainingTaskInputs;
    if (!/^\$\{google_service_account\.[^.]+\.email\}$/.test(String(spec?.serviceAccount))) findings.push(`${where}: job without a dedicated service account`);
    if (!String(spec?.baseOutputDirectory?.outputUriPrefix ?? '').startsWith('gs://')) findings.push(`${where}: job without an output directory`);
    const privateNetwork = resources.google_service_networking_connection || resources.google_compute_network_attachment;
    if (privateNetwork && spec?.network === undefined && spec?.pscInterfaceConfig === undefined) findings.push(`${where}: job off the stack's private network`);
  }
  each('google_compute_router_nat', (name) => {
    const enforced = Object.values(resources.google_access_context_manager_service_perimeter ?? {}).some((p: any) => p.status !== undefined);
    if (enforced) findings.push(`google_compute_router_nat.${name}: internet egress inside an enforced perimeter`);
  });
  each('google_project_service', (name, s) => {
    if (s.disable_on_destroy !== false) findings.push(`google_project_service.${name}: would disable the API on destroy`);
  });
  return findings;
}

/**
 * A JobSet's posture: its pods run as the team's Workload Identity account (never the namespace's
 * default one, and without a mounted Kubernetes token) and write to a Cloud Storage output directory.
 * CMEK is the node pools' (boot disks) and the buckets' (outputs): a JobSet has no key of its own.
 */
function jobSetFindings(where: string, body: any): string[] {
  const findings: string[] = [];
  for (const job of body.spec?.replicatedJobs ?? []) {
    const pod = job.template?.spec?.template?.spec ?? {};
    const at = `${where} ${job.name}`;
    if (!pod.serviceAccountName || pod.serviceAccountName === 'default') findings.push(`${at}: pods without a dedicated service account`);
    if (pod.automountServiceAccountToken !== false) findings.push(`${at}: pods mount a Kubernetes API token`);
    for (const container of pod.containers ?? []) {
      const modelDir = (container.env ?? []).find((e: any) => e.name === 'AIP_MODEL_DIR')?.value;
      if (!String(modelDir ?? '').startsWith('gs://')) findings.push(`${at}/${container.name}: no Cloud Storage output directory`);
    }
  }
  if (!body.metadata?.namespace) findings.push(`${where}: no team namespace`);
  return findings;
}
