import { HttpRequest, HttpResponse } from '../workflows';
import { validateAgainstProto } from '../proto-schema';
import { error } from './cloud-storage';

/**
 * A fake of the Vertex AI REST calls the launcher makes: create, get and list of custom jobs,
 * tuning jobs and training pipelines, and get of models. A list takes one of the two filters the
 * launcher sends, a `launch_key` label (`labels.launch_key="K"`) or any of some states
 * (`state="A" OR state="B"`), pages by `pageSize` (at most {@link FakeVertexAi.maxPageSize}) and
 * `pageToken`, and answers only the top-level fields of a `readMask`. Every created body is
 * validated against the official v1 protos; a body that would not pass is answered with 400, like
 * the API would, and recorded as a test failure.
 */

const KINDS: { [collection: string]: { type: string; created: string } } = {
  customJobs: { type: 'CustomJob', created: 'JOB_STATE_QUEUED' },
  hyperparameterTuningJobs: { type: 'HyperparameterTuningJob', created: 'JOB_STATE_QUEUED' },
  trainingPipelines: { type: 'TrainingPipeline', created: 'PIPELINE_STATE_QUEUED' },
};

/** A job the fake holds. */
export interface FakeJob {
  readonly collection: string;
  readonly name: string;
  readonly body: any;
  readonly createdAt: number;
  state: string;
  error?: { code: number; message: string };
}

/** The fake's store and request handler. */
export class FakeVertexAi {
  /** Created jobs, in order. */
  public readonly jobs: FakeJob[] = [];
  /** Registered models by ID. */
  public readonly models = new Map<string, { name: string; versions: number }>();
  /** Bodies that failed proto validation. */
  public readonly invalidBodies: { collection: string; problems: string[] }[] = [];
  /**
   * How each created job ends: its final state and after how many seconds (the fake's clock);
   * undefined leaves it running.
   */
  public outcome: (job: FakeJob) => { state: string; afterSeconds: number; message?: string } | undefined =
    (job) => ({ state: job.collection === 'trainingPipelines' ? 'PIPELINE_STATE_SUCCEEDED' : 'JOB_STATE_SUCCEEDED', afterSeconds: 600 });
  /** The most jobs one list page holds (the API's own maximum is not documented). */
  public maxPageSize = 100;
  private counter = 0;

  constructor(private readonly now: () => number, private readonly projectNumber = '123456789012') {}

  /**
   * Puts a job there as if created earlier (by another launch, or by hand), in `state`: what a
   * launch finds when it counts the job's active runs.
   */
  public add(collection: string, body: any, state = KINDS[collection].created, region = 'us-central1'): FakeJob {
    const name = `projects/${this.projectNumber}/locations/${region}/${collection}/${1000 + this.counter++}`;
    const job: FakeJob = { collection, name, body, state, createdAt: this.now() };
    this.jobs.push(job);
    return job;
  }

  /** Whether this fake serves `request`. */
  public serves(request: HttpRequest): boolean {
    return /^https:\/\/[a-z0-9-]+-aiplatform\.googleapis\.com\/v1\//.test(request.url);
  }

  /** The jobs of one collection. */
  public of(collection: string): FakeJob[] {
    return this.jobs.filter((j) => j.collection === collection);
  }

  /** Ends a job in a state (a pipeline that succeeds registers its model). */
  public end(job: FakeJob, state: string, message?: string): void {
    job.state = state;
    if (message) job.error = { code: 9, message };
    if (job.collection === 'trainingPipelines' && state === 'PIPELINE_STATE_SUCCEEDED') this.register(job);
  }

  /** Answers one request. */
  public handle(request: HttpRequest): HttpResponse {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/v1\//, '');
    const collection = /^projects\/[^/]+\/locations\/([^/]+)\/(customJobs|hyperparameterTuningJobs|trainingPipelines)$/.exec(path);
    if (collection && request.method === 'POST') return this.create(collection[1], collection[2], request.json);
    if (collection && request.method === 'GET') return this.list(collection[2], url.searchParams);
    const job = /^projects\/[^/]+\/locations\/[^/]+\/(customJobs|hyperparameterTuningJobs|trainingPipelines)\/[0-9]+$/.exec(path);
    if (job && request.method === 'GET') {
      const found = this.jobs.find((j) => j.name === path);
      if (found) this.progress(found);
      return found ? ok({ ...found.body, name: found.name, state: found.state, ...(found.error ? { error: found.error } : {}) }) : error(404, `${path} not found`);
    }
    const model = /^projects\/[^/]+\/locations\/[^/]+\/models\/([a-z0-9_-]+)$/.exec(path);
    if (model && request.method === 'GET') {
      const found = this.models.get(model[1]);
      return found ? ok({ name: found.name, versionId: String(found.versions) }) : error(404, `Model ${model[1]} not found`);
    }
    throw new Error(`fake Vertex AI: unexpected ${request.method} ${request.url}`);
  }

  private create(region: string, collection: string, body: any): HttpResponse {
    const kind = KINDS[collection];
    const problems = validateAgainstProto(kind.type, body);
    if (problems.length > 0) {
      this.invalidBodies.push({ collection, problems });
      return error(400, `Invalid ${kind.type}: ${problems.join('; ')}`);
    }
    const name = `projects/${this.projectNumber}/locations/${region}/${collection}/${1000 + this.counter++}`;
    const job: FakeJob = { collection, name, body, state: kind.created, createdAt: this.now() };
    this.jobs.push(job);
    return ok({ ...body, name, state: job.state });
  }

  private list(collection: string, query: URLSearchParams): HttpResponse {
    const filter = query.get('filter') ?? '';
    const label = /^labels\.launch_key="([^"]*)"$/.exec(filter);
    if (label) {
      const found = this.of(collection).filter((j) => j.body.labels?.launch_key === label[1]);
      return ok(found.length > 0 ? { [collection]: found.slice(0, 1).map((j) => this.view(j)) } : {});
    }
    const states = /^state="[A-Z_]+"( OR state="[A-Z_]+")*$/.test(filter) ? [...filter.matchAll(/state="([A-Z_]+)"/g)].map((m) => m[1]) : undefined;
    if (!states) throw new Error(`fake Vertex AI: unexpected filter ${JSON.stringify(filter)}`);
    for (const job of this.of(collection)) this.progress(job);
    const found = this.of(collection).filter((j) => states.includes(j.state));
    const size = Math.min(Number(query.get('pageSize') ?? this.maxPageSize), this.maxPageSize);
    const start = Number((query.get('pageToken') ?? 'page-0').replace(/^page-/, ''));
    const page = found.slice(start, start + size).map((j) => masked(this.view(j), query.get('readMask')));
    const next = start + size < found.length ? { nextPageToken: `page-${start + size}` } : {};
    return ok(page.length > 0 ? { [collection]: page, ...next } : next);
  }

  private view(job: FakeJob): any {
    return { ...job.body, name: job.name, state: job.state, ...(job.error ? { error: job.error } : {}) };
  }

  private progress(job: FakeJob): void {
    if (/SUCCEEDED|FAILED|CANCELLED|EXPIRED/.test(job.state)) return;
    const ending = this.outcome(job);
    if (ending && this.now() >= job.createdAt + ending.afterSeconds) this.end(job, ending.state, ending.message);
  }

  private register(job: FakeJob): void {
    const parent: string | undefined = job.body.parentModel;
    if (parent) {
      const id = parent.split('/').pop()!;
      const model = this.models.get(id);
      if (!model) throw new Error(`fake Vertex AI: ${job.name} registers a version of ${parent}, which does not exist`);
      model.versions++;
    } else {
      const id: string = job.body.modelId;
      if (this.models.has(id)) throw new Error(`fake Vertex AI: ${job.name} uploads model ${id}, which already exists (a second first version)`);
      this.models.set(id, { name: job.name.replace(/trainingPipelines\/[0-9]+$/, `models/${id}`), versions: 1 });
    }
  }
}

/** Only the (top-level) fields a read mask names; a nested path is refused (the launcher sends none). */
function masked(job: any, readMask: string | null): any {
  if (readMask === null) return job;
  const fields = readMask.split(',');
  if (fields.some((f) => !/^[a-z][A-Za-z]*$/.test(f))) throw new Error(`fake Vertex AI: unexpected readMask ${readMask}`);
  return Object.fromEntries(fields.filter((f) => job[f] !== undefined).map((f) => [f, job[f]]));
}

function ok(body: unknown): HttpResponse {
  return { code: 200, headers: { 'Content-Type': 'application/json' }, body };
}
