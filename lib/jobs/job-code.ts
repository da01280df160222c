/**
 * The code of every worker pool of a job: the job's `code` on the primary pool and on every pool
 * without code of its own, and a pool's own `code` (an evaluator's or parameter server's image,
 * module, args, env) on that pool, as Vertex AI allows per worker pool. Each is resolved for the
 * hardware of the pools that run it. Not public API.
 */
import { CodeResolution, PackageUpload, resolveCode } from '../code/resolve';
import { TrainingCode } from '../code/training-code';
import { WorkerPoolsProps } from '../compute/worker-pools';
import { ImageVariant } from '../catalog/prebuilt-images';
import { Problem } from '../spec/problem';
import { PoolRole, ResolvedPool } from '../spec/worker-pools';

/** What resolution needs from the job besides its code and pools. */
export interface JobCodeContext {
  /** Region of the job; undefined when it is a token. */
  readonly region: string | undefined;
  /** Staging bucket of uploaded packages; may be a cdktf token string. */
  readonly stagingBucketName: string;
}

/** The code of every pool of a job. */
export interface JobCodeResolution {
  /** The `containerSpec` or `pythonPackageSpec` of a resolved pool. */
  readonly taskOf: (pool: ResolvedPool) => { [key: string]: unknown };
  /** Packages to upload, each once however many pools install it. */
  readonly uploads: PackageUpload[];
  readonly problems: Problem[];
  /** What could not be checked at synth time, for the user to know. */
  readonly notes: string[];
}

/** Pools that may run code of their own. */
const OWN_CODE_ROLES = ['workers', 'parameterServers', 'evaluators'] as const;

/** Resolves the job's code and every pool's own code; never throws for bad input. */
export function resolveJobCode(code: TrainingCode, pools: WorkerPoolsProps, context: JobCodeContext): JobCodeResolution {
  const problems: Problem[] = [];
  const own = new Map<PoolRole, CodeResolution>();
  const variantOf = (role: 'primary' | typeof OWN_CODE_ROLES[number]): ImageVariant | undefined => pools[role]?._intent?.kind;

  if (pools.primary?._code !== undefined) {
    problems.push({ field: 'workerPools.primary.code', value: 'code of its own', allowed: 'the primary pool runs the job\'s code: give it as the job\'s code (pools other than the primary may run code of their own)' });
  }
  // JavaScript callers can pass anything; a Reduction Server runs Google's reducer image only.
  const reducer = pools.reductionServer?._intent as { code?: unknown } | undefined;
  if (reducer?.code !== undefined) {
    problems.push({ field: 'workerPools.reductionServer.code', value: 'code of its own', allowed: 'a Reduction Server runs Google\'s reduction server image and takes no code (set imageUri to use another reducer image)' });
  }
  for (const role of OWN_CODE_ROLES) {
    const poolCode = pools[role]?._code;
    if (poolCode === undefined) continue;
    own.set(role, resolveCode(poolCode, { ...context, variant: variantOf(role) ?? 'cpu', field: `workerPools.${role}.code` }));
  }

  // The job's code runs on the primary and the pools without code of their own: its image fits them.
  const jobVariants = (['primary', ...OWN_CODE_ROLES] as const).filter((role) => !own.has(role)).map(variantOf);
  const variant: ImageVariant = jobVariants.includes('tpu') ? 'tpu' : jobVariants.includes('gpu') ? 'gpu' : 'cpu';
  const job = resolveCode(code, { ...context, variant, field: 'code' });

  const resolutions = [job, ...own.values()];
  const uploads = new Map<string, PackageUpload>();
  for (const upload of resolutions.flatMap((r) => r.uploads)) if (!uploads.has(upload.objectName)) uploads.set(upload.objectName, upload);
  return {
    taskOf: (pool) => (own.get(pool.role) ?? job).task,
    uploads: [...uploads.values()],
    problems: [...problems, ...resolutions.flatMap((r) => r.problems)],
    notes: resolutions.flatMap((r) => r.notes),
  };
}
