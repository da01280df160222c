import { block, isToken } from './inspect';

/** Where a pod template of a JobSet sits, and the pod spec itself. */
export interface LocatedPodSpec {
  /** The field path in the JobSet: `spec.replicatedJobs[0].template.spec.template.spec`. */
  readonly field: string;
  /** The pod spec (empty when the replicated job has none). */
  readonly spec: { [key: string]: any };
}

/**
 * The pod specs of a JobSet template: one per replicated job (`spec.replicatedJobs[i].template`
 * is a Job template, whose `spec.template` is the pod template). A replicated job the policy
 * cannot read (a token anywhere on the way) is left out, as is the whole list when it is a token.
 */
export function podSpecsOf(jobSet: { [key: string]: any }): LocatedPodSpec[] {
  const list = block(jobSet.spec)?.replicatedJobs;
  if (!Array.isArray(list) || isToken(list)) return [];
  const located: LocatedPodSpec[] = [];
  list.forEach((replicated: unknown, i: number) => {
    const field = `spec.replicatedJobs[${i}].template.spec.template.spec`;
    let current: unknown = replicated;
    for (const key of ['template', 'spec', 'template', 'spec']) {
      if (isToken(current)) return;
      current = block(current)?.[key];
    }
    if (isToken(current)) return;
    located.push({ field, spec: block(current) ?? {} });
  });
  return located;
}

/** The containers of a pod spec with their field paths; none when the list is a token. */
export function containersOf(pod: LocatedPodSpec): { readonly field: string; readonly container: { [key: string]: any } }[] {
  const list = pod.spec.containers;
  if (!Array.isArray(list) || isToken(list)) return [];
  return list.flatMap((container: unknown, i: number) => {
    const c = block(container);
    return c === undefined || isToken(container) ? [] : [{ field: `${pod.field}.containers[${i}]`, container: c }];
  });
}
