import { crdProblems } from '../kubernetes-crds';
import { ClusterNotRunning, GkeClusterRef, HttpRequest, HttpResponse } from '../workflows';

/**
 * A fake of the part of a GKE cluster's Kubernetes API the launcher calls, reached through the
 * Kubernetes API connector (`gke.request`, addressed by project, location and cluster ID): create
 * and get of JobSets (`jobset.x-k8s.io/v1alpha2`) in a namespace, and their list by one label
 * (`labelSelector=<key>=<value>`, paged by `limit` and `continue`). Like the API server it answers
 * 409 AlreadyExists for a name that is taken, 404 NotFound, 400 when the body's namespace is not
 * the path's, and 422 Invalid for a body that the JobSet v0.12.0 CRD refuses with strict field
 * validation (recorded in `invalidBodies`). Kueue is modelled as far as the watch sees it: every
 * JobSet with a `kueue.x-k8s.io/queue-name` label gets a Workload (`kueue.x-k8s.io/v1beta2`, labelled
 * `kueue.x-k8s.io/job-uid` with the JobSet's UID, as Kueue does), listed by that label; `workload`
 * says, over time, whether it is admitted (the JobSet runs) or not (Kueue keeps the JobSet
 * `spec.suspend: true`), evicted, or deactivated (`spec.active: false`). `reconcilingFor(n)` makes
 * the next n connector calls find the cluster not RUNNING (the connector's ValueError). A request for
 * another cluster, one that did not come through the connector, and every other request are refused
 * by throwing (a test failure), as the Vertex AI fake does.
 */

/** The cluster the executed-launcher tests' jobs run on (the library's default name for prefix `ml`). */
export const GKE_CLUSTER: GkeClusterRef = { project: 'acme-ml', location: 'us-central1', clusterId: 'ml-training' };

/** A JobSet the fake holds. */
export interface FakeJobSet {
  readonly namespace: string;
  readonly name: string;
  /** The object as created (metadata as posted, plus what the server fills in). */
  readonly body: any;
  readonly createdAt: number;
  /** `status.terminalState` once it ended. */
  terminalState?: 'Completed' | 'Failed';
}

/** What Kueue has made of a JobSet's Workload at some moment. */
export interface FakeWorkloadState {
  /** Admitted: the JobSet runs (`spec.suspend: false`); otherwise Kueue keeps it suspended. */
  readonly admitted: boolean;
  /** The Workload's `spec.active` (false: deactivated, never admitted again). @default true */
  readonly active?: boolean;
  /** The `Evicted` condition (status True) Kueue set, e.g. `{reason: 'Preempted', message}`. */
  readonly evicted?: { readonly reason: string; readonly message: string };
}

/** The label Kueue puts on a job's Workload: the job's UID (Kueue's `JobUIDLabel`). */
export const JOB_UID_LABEL = 'kueue.x-k8s.io/job-uid';
const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

const COLLECTION = /^\/apis\/jobset\.x-k8s\.io\/v1alpha2\/namespaces\/([a-z0-9-]+)\/jobsets$/;
const ITEM = /^\/apis\/jobset\.x-k8s\.io\/v1alpha2\/namespaces\/([a-z0-9-]+)\/jobsets\/([^/]+)$/;
const WORKLOADS = /^\/apis\/kueue\.x-k8s\.io\/v1beta2\/namespaces\/([a-z0-9-]+)\/workloads\?/;
const LIST = /^\/apis\/jobset\.x-k8s\.io\/v1alpha2\/namespaces\/([a-z0-9-]+)\/jobsets\?/;

/** The fake's store and request handler. */
export class FakeKubernetes {
  /** JobSets that exist, in order of creation (deleted ones leave). */
  public readonly jobsets: FakeJobSet[] = [];
  /** Create bodies the API server would refuse (CRD problems, namespace mismatch). */
  public readonly invalidBodies: { name: string; problems: string[] }[] = [];
  /** How many JobSets were ever created (deletions do not count down). */
  public created = 0;
  /** How each JobSet ends and after how many seconds; undefined leaves it running. */
  public outcome: (jobset: FakeJobSet) => { state: 'Completed' | 'Failed'; afterSeconds: number } | undefined =
    () => ({ state: 'Completed', afterSeconds: 600 });
  /** Kueue's view of a JobSet's Workload, `seconds` after the JobSet was created. */
  public workload: (jobset: FakeJobSet, seconds: number) => FakeWorkloadState = () => ({ admitted: true });
  private uid = 0;
  private notRunning = 0;

  constructor(private readonly now: () => number, private readonly cluster: GkeClusterRef = GKE_CLUSTER) {}

  /** Whether `request` is a Kubernetes API connector call (to this cluster or, refused in `handle`, another). */
  public serves(request: HttpRequest): boolean {
    return request.cluster !== undefined;
  }

  /** The JobSets of one namespace. */
  public in(namespace: string): FakeJobSet[] {
    return this.jobsets.filter((j) => j.namespace === namespace);
  }

  /** Puts an object there as someone else would (e.g. a person's JobSet that happens to have the name). */
  public add(namespace: string, body: any): FakeJobSet {
    const jobset: FakeJobSet = { namespace, name: body.metadata.name, body: this.stamp(namespace, body), createdAt: this.now() };
    this.jobsets.push(jobset);
    return jobset;
  }

  /** The next `calls` connector calls find the cluster RECONCILING (Infinity: it never comes back). */
  public reconcilingFor(calls: number): void {
    this.notRunning = calls;
  }

  /** Deletes a JobSet (a person, or the JobSet controller after `ttlSecondsAfterFinished`). */
  public remove(namespace: string, name: string): void {
    const index = this.jobsets.findIndex((j) => j.namespace === namespace && j.name === name);
    if (index < 0) throw new Error(`no JobSet ${namespace}/${name}`);
    this.jobsets.splice(index, 1);
  }

  /** Answers one request. */
  public handle(request: HttpRequest): HttpResponse {
    const { cluster } = request;
    if (!cluster) throw new Error(`fake Kubernetes: ${request.method} ${request.url} did not come through the Kubernetes API connector`);
    const ours = this.cluster;
    if (cluster.project !== ours.project || cluster.location !== ours.location || cluster.clusterId !== ours.clusterId) {
      throw new Error(`fake Kubernetes: ${request.method} ${request.url} is for cluster ${describe(cluster)}, this fake is ${describe(ours)}`);
    }
    if (this.notRunning > 0) {
      this.notRunning--;
      throw new ClusterNotRunning('RECONCILING');
    }
    const workloads = WORKLOADS.exec(request.url);
    if (workloads && request.method === 'GET') return this.listWorkloads(workloads[1], request);
    const list = LIST.exec(request.url);
    if (list && request.method === 'GET') return this.listJobsets(list[1], request);
    if (request.url.includes('?')) throw new Error(`fake Kubernetes: unexpected query in ${request.method} ${request.url}`);
    const collection = COLLECTION.exec(request.url);
    if (collection && request.method === 'POST') return this.create(collection[1], request);
    const item = ITEM.exec(request.url);
    if (item && request.method === 'GET') {
      const found = this.jobsets.find((j) => j.namespace === item[1] && j.name === item[2]);
      if (!found) return status(404, 'NotFound', `jobsets.jobset.x-k8s.io "${item[2]}" not found`, item[2]);
      this.progress(found);
      return ok(200, this.view(found));
    }
    throw new Error(`fake Kubernetes: unexpected ${request.method} ${request.url}`);
  }

  private create(namespace: string, request: HttpRequest): HttpResponse {
    if (!(request.headers['Content-Type'] ?? '').startsWith('application/json')) throw new Error(`fake Kubernetes: unexpected Content-Type ${request.headers['Content-Type']}`);
    const body: any = request.json;
    const name: string | undefined = body?.metadata?.name;
    if (body?.metadata?.namespace !== undefined && body.metadata.namespace !== namespace) {
      this.invalidBodies.push({ name: name ?? '?', problems: [`metadata.namespace ${body.metadata.namespace} is not the request's ${namespace}`] });
      return status(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    const problems = crdProblems(body, { namespaceOptional: true });
    if (problems.length > 0 || !name) {
      const all = name ? problems : [...problems, 'metadata.name: Required value: name or generateName is required'];
      this.invalidBodies.push({ name: name ?? '?', problems: all });
      return status(422, 'Invalid', `JobSet.jobset.x-k8s.io "${name ?? ''}" is invalid: ${all.join('; ')}`, name);
    }
    if (this.jobsets.some((j) => j.namespace === namespace && j.name === name)) {
      return status(409, 'AlreadyExists', `jobsets.jobset.x-k8s.io "${name}" already exists`, name);
    }
    const jobset = this.add(namespace, body);
    this.created++;
    return ok(201, this.view(jobset));
  }

  /** A list of Workloads by label selector `kueue.x-k8s.io/job-uid=<uid>` (the only one the launcher sends). */
  private listWorkloads(namespace: string, request: HttpRequest): HttpResponse {
    const query = request.query ?? {};
    const selector = query.labelSelector;
    const match = typeof selector === 'string' ? new RegExp(`^${JOB_UID_LABEL.replace(/[./]/g, '\\$&')}=([0-9a-f-]+)$`).exec(selector) : null;
    if (!match || Object.keys(query).length !== 1) throw new Error(`fake Kubernetes: unexpected workload list query ${JSON.stringify(query)}`);
    const items = this.in(namespace).filter((j) => j.body.metadata.uid === match[1] && j.body.metadata.labels?.[QUEUE_LABEL] !== undefined).map((j) => this.workloadOf(j));
    return ok(200, { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'WorkloadList', metadata: { resourceVersion: String(5000 + this.uid) }, items });
  }

  /** A list of JobSets by one equality label selector, `limit` a page (the continue token is the offset). */
  private listJobsets(namespace: string, request: HttpRequest): HttpResponse {
    const { labelSelector, limit, continue: token, ...rest } = request.query ?? {};
    const match = typeof labelSelector === 'string' ? /^([a-z0-9./-]+)=([a-z0-9._-]+)$/.exec(labelSelector) : null;
    if (!match || Object.keys(rest).length > 0) throw new Error(`fake Kubernetes: unexpected JobSet list query ${JSON.stringify(request.query)}`);
    const found = this.in(namespace).filter((j) => j.body.metadata.labels?.[match[1]] === match[2]);
    for (const jobset of found) this.progress(jobset);
    const start = token === undefined ? 0 : Number(token);
    const size = limit === undefined ? found.length : Number(limit);
    const items = found.slice(start, start + size).map((j) => ({ apiVersion: 'jobset.x-k8s.io/v1alpha2', kind: 'JobSet', ...this.view(j) }));
    const more = start + size < found.length ? { continue: String(start + size), remainingItemCount: found.length - start - size } : {};
    return ok(200, { apiVersion: 'jobset.x-k8s.io/v1alpha2', kind: 'JobSetList', metadata: { resourceVersion: String(5000 + this.uid), ...more }, items });
  }

  /** A JobSet's Workload as Kueue writes it (only what the launcher reads, plus the usual conditions). */
  private workloadOf(jobset: FakeJobSet): any {
    const { name, uid } = jobset.body.metadata;
    const state = this.workload(jobset, this.now() - jobset.createdAt);
    const condition = (type: string, status: boolean, reason: string, message: string) => ({ type, status: status ? 'True' : 'False', reason, message, lastTransitionTime: '2026-12-01T03:00:00Z', observedGeneration: 1 });
    const conditions = [
      condition('QuotaReserved', state.admitted, state.admitted ? 'QuotaReserved' : 'Pending', state.admitted ? 'Quota reserved in ClusterQueue team-a' : "couldn't assign flavors to pod set workerpool0"),
      condition('Admitted', state.admitted, state.admitted ? 'Admitted' : 'NoReservation', state.admitted ? 'The workload is admitted' : 'The workload has no reservation'),
      ...(state.evicted ? [condition('Evicted', true, state.evicted.reason, state.evicted.message), condition('Requeued', state.active !== false, state.active === false ? state.evicted.reason : 'Pending', state.evicted.message)] : []),
    ];
    return {
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      kind: 'Workload',
      metadata: {
        name: `jobset-${name}-${uid.slice(-5)}`, namespace: jobset.namespace, uid: uid.replace(/^0{8}/, 'ffffffff'),
        labels: { [JOB_UID_LABEL]: uid, [QUEUE_LABEL]: jobset.body.metadata.labels[QUEUE_LABEL] },
        ownerReferences: [{ apiVersion: 'jobset.x-k8s.io/v1alpha2', kind: 'JobSet', name, uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { active: state.active !== false, queueName: jobset.body.metadata.labels[QUEUE_LABEL] },
      status: { conditions },
    };
  }

  private stamp(namespace: string, body: any): any {
    return {
      ...body,
      metadata: {
        ...body.metadata, namespace, uid: `00000000-0000-4000-8000-${String(++this.uid).padStart(12, '0')}`,
        resourceVersion: String(1000 + this.uid), creationTimestamp: new Date(Math.floor(this.now()) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  }

  private view(jobset: FakeJobSet): any {
    const conditions = jobset.terminalState
      ? [{ type: jobset.terminalState, status: 'True', reason: jobset.terminalState === 'Failed' ? 'FailedJobs' : 'AllJobsCompleted', message: jobset.terminalState === 'Failed' ? 'jobset failed due to reaching max number of restarts' : 'jobset completed successfully' }]
      : [];
    // Kueue suspends a JobSet of a queue until its Workload is admitted, and again when it is evicted.
    const queued = jobset.body.metadata.labels?.[QUEUE_LABEL] !== undefined;
    const suspend = queued && !jobset.terminalState && !this.workload(jobset, this.now() - jobset.createdAt).admitted;
    return {
      ...jobset.body,
      spec: { ...jobset.body.spec, suspend },
      status: { ...(jobset.terminalState ? { terminalState: jobset.terminalState } : {}), conditions, restarts: 0 },
    };
  }

  private progress(jobset: FakeJobSet): void {
    if (jobset.terminalState) return;
    const ending = this.outcome(jobset);
    if (ending && this.now() >= jobset.createdAt + ending.afterSeconds) jobset.terminalState = ending.state;
  }
}

function describe(cluster: GkeClusterRef): string {
  return `${cluster.clusterId} (${cluster.location}, project ${cluster.project})`;
}

function ok(code: number, body: unknown): HttpResponse {
  return { code, headers: { 'Content-Type': 'application/json' }, body };
}

/** A Kubernetes `Status` error, as the API server answers. */
export function status(code: number, reason: string, message: string, name?: string): HttpResponse {
  return {
    code,
    headers: { 'Content-Type': 'application/json' },
    body: {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code,
      ...(name ? { details: { name, group: 'jobset.x-k8s.io', kind: 'jobsets' } } : {}),
    },
  };
}
