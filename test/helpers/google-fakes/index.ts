import { ConnectionFailure, FakeClock, GkeClusterRef, HttpRequest, HttpResponse, RunResult, runWorkflow, Timeout } from '../workflows';
import { FakeCloudStorage } from './cloud-storage';
import { FakeKubernetes } from './kubernetes';
import { FakeVertexAi } from './vertex-ai';

export { FakeCloudStorage } from './cloud-storage';
export type { StoredObject } from './cloud-storage';
export { FakeVertexAi } from './vertex-ai';
export { FakeKubernetes, GKE_CLUSTER, JOB_UID_LABEL } from './kubernetes';
export type { FakeJobSet, FakeWorkloadState } from './kubernetes';
export type { FakeJob } from './vertex-ai';

/** What a fault does to the request it matches. */
export type FaultKind =
  /** Answer with this status (e.g. 503, 429, 403) instead of serving the request. */
  | number
  /** The connection fails before the request reaches the service. */
  | 'connection'
  /** The request is served, but its answer is lost (the caller sees a timeout). */
  | 'lost-answer';

/** A fault injected into the requests that match. */
export interface Fault {
  readonly matches: (request: HttpRequest) => boolean;
  readonly kind: FaultKind;
  /** How many matching requests it hits. @default 1 */
  times?: number;
}

/** Something to do right before a matching request is served (e.g. run a second execution). */
export interface Interleaving {
  readonly matches: (request: HttpRequest) => boolean;
  readonly run: () => void;
  done?: boolean;
}

/** The project, region and staging bucket the launcher runs with in these tests. */
export const LAUNCHER_ENV = { project: 'acme-ml', region: 'us-central1', staging: 'acme-ml-ml-staging' };

/**
 * Cloud Storage, Vertex AI and a GKE cluster's Kubernetes API behind one HTTP handler, on one clock, with injected faults and
 * interleavings: what the launcher talks to in the executed-launcher tests.
 */
export class FakeGoogle {
  public readonly clock: FakeClock;
  public readonly storage: FakeCloudStorage;
  public readonly vertex: FakeVertexAi;
  public readonly kubernetes: FakeKubernetes;
  public readonly faults: Fault[] = [];
  public readonly interleavings: Interleaving[] = [];
  /** Answers that take time: see {@link slow}. */
  public readonly latencies: { readonly matches: (request: HttpRequest) => boolean; readonly seconds: number }[] = [];
  private executions = 0;

  /** @param cluster the cluster whose Kubernetes API the fake serves @default GKE_CLUSTER */
  constructor(start = Date.UTC(2026, 11, 1, 3, 0, 0) / 1000, cluster?: GkeClusterRef) {
    this.clock = new FakeClock(start);
    this.storage = new FakeCloudStorage(() => this.clock.now());
    this.vertex = new FakeVertexAi(() => this.clock.now());
    this.kubernetes = new FakeKubernetes(() => this.clock.now(), cluster);
  }

  /** Injects a fault. */
  public fail(matches: (request: HttpRequest) => boolean, kind: FaultKind, times = 1): void {
    this.faults.push({ matches, kind, times });
  }

  /** Runs `run` once, right before the first request that matches is served. */
  public before(matches: (request: HttpRequest) => boolean, run: () => void): void {
    this.interleavings.push({ matches, run });
  }

  /**
   * The answer to every request that `matches` takes `seconds` to arrive: the request is served,
   * then the clock moves on, running what was scheduled meanwhile (other executions) while the
   * caller waits for its answer.
   */
  public slow(matches: (request: HttpRequest) => boolean, seconds: number): void {
    this.latencies.push({ matches, seconds });
  }

  /** The HTTP handler every execution uses. */
  public handle = (request: HttpRequest): HttpResponse => {
    const interleaving = this.interleavings.find((i) => !i.done && i.matches(request));
    if (interleaving) {
      interleaving.done = true;
      interleaving.run();
    }
    const fault = this.faults.find((f) => (f.times ?? 1) > 0 && f.matches(request));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.kind === 'connection') throw new ConnectionFailure('ConnectionFailedError', 'connection reset by peer');
      if (typeof fault.kind === 'number') return { code: fault.kind, headers: { 'Content-Type': 'application/json' }, body: { error: { code: fault.kind, message: 'injected' } } };
      this.serve(request);
      throw new Timeout('the answer was lost');
    }
    const response = this.serve(request);
    const latency = this.latencies.find((l) => l.matches(request));
    if (latency) this.clock.advance(latency.seconds);
    return response;
  };

  /**
   * Runs one launcher execution with `argument` (an event, or a request by hand).
   * @param env the workflow's user environment variables and project @default LAUNCHER_ENV
   */
  public run(definition: unknown, argument?: unknown, executionId?: string, env: { project: string; region: string; staging: string } = LAUNCHER_ENV): RunResult {
    this.executions++;
    return runWorkflow(definition, {
      argument,
      clock: this.clock,
      http: this.handle,
      env: {
        GOOGLE_CLOUD_PROJECT_ID: env.project,
        GOOGLE_CLOUD_LOCATION: env.region,
        GOOGLE_CLOUD_WORKFLOW_ID: 'launcher',
        GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID: executionId ?? `0c9d7e5a-0000-4000-8000-${String(this.executions).padStart(12, '0')}`,
        VERTEX_REGION: env.region,
        STAGING_BUCKET: env.staging,
      },
    });
  }

  private serve(request: HttpRequest): HttpResponse {
    if (this.kubernetes.serves(request)) return this.kubernetes.handle(request);
    if (this.storage.serves(request)) return this.storage.handle(request);
    if (this.vertex.serves(request)) return this.vertex.handle(request);
    throw new Error(`no fake serves ${request.method} ${request.url}`);
  }
}

/** Eventarc's CloudEvent for a finalized Cloud Storage object. */
export function storageEvent(object: { bucket: string; name: string; generation: string; timeCreated?: string }, id = `evt-${object.generation}`): object {
  return {
    specversion: '1.0', id, type: 'google.cloud.storage.object.v1.finalized',
    source: `//storage.googleapis.com/projects/_/buckets/${object.bucket}`, subject: `objects/${object.name}`,
    time: '2026-12-01T03:00:00.000Z', datacontenttype: 'application/json',
    data: {
      kind: 'storage#object', bucket: object.bucket, name: object.name, generation: object.generation, metageneration: '1',
      ...(object.timeCreated !== undefined ? { timeCreated: object.timeCreated } : {}),
    },
  };
}

/** Eventarc's CloudEvent for a Pub/Sub message (what a Cloud Scheduler job publishes). */
export function pubsubEvent(payload: unknown, publishTime: string, messageId: string): object {
  return {
    specversion: '1.0', id: messageId, type: 'google.cloud.pubsub.topic.v1.messagePublished',
    source: '//pubsub.googleapis.com/projects/acme-ml/topics/ml-launch-requests', time: publishTime, datacontenttype: 'application/json',
    data: {
      subscription: 'projects/acme-ml/subscriptions/eventarc-us-central1-ml-requests-sub-001',
      message: { data: Buffer.from(JSON.stringify(payload)).toString('base64'), attributes: { job: 'x' }, messageId, publishTime },
    },
  };
}
