import { HttpRequest, HttpResponse } from '../workflows';

/**
 * A fake of the parts of the Cloud Storage JSON API the launcher calls: object metadata and media
 * (optionally at a generation), listing by prefix (paginated, with partial responses), media
 * uploads with `ifGenerationMatch`, and deletes. Buckets are versioned: an overwrite or delete keeps the old generation as noncurrent.
 * Object generations and times come from the shared clock, so they order like the real ones.
 */

/** One generation of an object. */
export interface StoredObject {
  readonly bucket: string;
  readonly name: string;
  readonly generation: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly timeCreated: string;
  /** Whether this is the live generation. */
  live: boolean;
}

/** The fake's store and request handler. */
export class FakeCloudStorage {
  /** Every listing served, in order. */
  public readonly listings: { bucket: string; prefix: string; pageToken?: string }[] = [];
  private readonly objects: StoredObject[] = [];
  private counter = 0;

  constructor(private readonly now: () => number) {}

  /** Writes an object as a deploy (Terraform) would; returns the new generation. */
  public put(bucket: string, name: string, content: string | Buffer | object, contentType = 'application/json'): StoredObject {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));
    for (const o of this.objects) if (o.bucket === bucket && o.name === name) o.live = false;
    const object: StoredObject = {
      bucket, name, contentType, content: bytes, live: true,
      generation: String(Math.round(this.now() * 1_000_000) + this.counter++),
      timeCreated: new Date(this.now() * 1000 + this.counter).toISOString(),
    };
    this.objects.push(object);
    return object;
  }

  /** Deletes the live generation (it stays as a noncurrent one). */
  public remove(bucket: string, name: string): void {
    const live = this.live(bucket, name);
    if (!live) throw new Error(`no live gs://${bucket}/${name}`);
    live.live = false;
  }

  /** The live generation of an object, if any. */
  public live(bucket: string, name: string): StoredObject | undefined {
    return this.objects.find((o) => o.live && o.bucket === bucket && o.name === name);
  }

  /** The live object's content as JSON. */
  public json(bucket: string, name: string): any {
    const live = this.live(bucket, name);
    return live ? JSON.parse(live.content.toString('utf8')) : undefined;
  }

  /** Live object names under a prefix. */
  public names(bucket: string, prefix = ''): string[] {
    return this.objects.filter((o) => o.live && o.bucket === bucket && o.name.startsWith(prefix)).map((o) => o.name).sort();
  }

  /** Whether this fake serves `request`. */
  public serves(request: HttpRequest): boolean {
    return request.url.startsWith('https://storage.googleapis.com/');
  }

  /** Answers one request of the JSON API. */
  public handle(request: HttpRequest): HttpResponse {
    const url = new URL(request.url);
    const query = url.searchParams;
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (upload && request.method === 'POST') return this.upload(decodeURIComponent(upload[1]), query, request);
    const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (object) {
      const [bucket, name] = [decodeURIComponent(object[1]), decodeURIComponent(object[2])];
      if (request.method === 'GET') return this.get(bucket, name, query);
      if (request.method === 'DELETE') return this.delete(bucket, name, query);
    }
    const list = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (list && request.method === 'GET') return this.list(decodeURIComponent(list[1]), query);
    throw new Error(`fake Cloud Storage: unexpected ${request.method} ${request.url}`);
  }

  private get(bucket: string, name: string, query: URLSearchParams): HttpResponse {
    const generation = query.get('generation');
    const found = generation
      ? this.objects.find((o) => o.bucket === bucket && o.name === name && o.generation === generation)
      : this.live(bucket, name);
    if (!found) return error(404, `No such object: ${bucket}/${name}`);
    if (query.get('alt') === 'media') {
      return { code: 200, headers: { 'Content-Type': found.contentType }, body: found.contentType.startsWith('application/json') ? JSON.parse(found.content.toString('utf8')) : found.content };
    }
    return { code: 200, headers: { 'Content-Type': 'application/json' }, body: resource(found) };
  }

  /**
   * Live objects by prefix, in lexicographic order of their names, `maxResults` (at most 1,000,
   * the default) a page, continued with the `nextPageToken` the previous page returned; `fields`
   * (a partial response) leaves out what was not asked for, so a caller reading an unrequested
   * field reads nothing, as it would from the API.
   */
  private list(bucket: string, query: URLSearchParams): HttpResponse {
    const prefix = query.get('prefix') ?? '';
    const pageSize = Math.min(Number(query.get('maxResults') ?? LIST_MAX_RESULTS), LIST_MAX_RESULTS);
    if (!Number.isInteger(pageSize) || pageSize < 1) return error(400, `Invalid maxResults: ${query.get('maxResults')}`);
    const token = query.get('pageToken');
    const after = token === null ? undefined : Buffer.from(token, 'base64url').toString('utf8');
    const all = this.objects
      .filter((o) => o.live && o.bucket === bucket && o.name.startsWith(prefix) && (after === undefined || o.name > after))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const items = all.slice(0, pageSize);
    const more = all.length > pageSize;
    this.listings.push({ bucket, prefix, pageToken: token ?? undefined });
    const body = {
      kind: 'storage#objects',
      ...(items.length > 0 ? { items: items.map(resource) } : {}),
      ...(more ? { nextPageToken: Buffer.from(items[items.length - 1].name, 'utf8').toString('base64url') } : {}),
    };
    const fields = query.get('fields');
    return { code: 200, headers: { 'Content-Type': 'application/json' }, body: fields === null ? body : partial(body, fields) };
  }

  private upload(bucket: string, query: URLSearchParams, request: HttpRequest): HttpResponse {
    const name = query.get('name');
    if (query.get('uploadType') !== 'media' || !name) throw new Error(`fake Cloud Storage: unexpected upload ${request.url}`);
    const precondition = query.get('ifGenerationMatch');
    const live = this.live(bucket, name);
    if (precondition !== null) {
      const current = live?.generation ?? '0';
      if (precondition !== current) return error(412, 'At least one of the pre-conditions you specified did not hold.');
    }
    const contentType = (request.headers['Content-Type'] ?? 'application/octet-stream').split(';')[0];
    const stored = this.put(bucket, name, Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body ?? ''), contentType);
    return { code: 200, headers: { 'Content-Type': 'application/json' }, body: resource(stored) };
  }

  private delete(bucket: string, name: string, query: URLSearchParams): HttpResponse {
    const live = this.live(bucket, name);
    if (!live) return error(404, `No such object: ${bucket}/${name}`);
    const precondition = query.get('ifGenerationMatch');
    if (precondition !== null && precondition !== live.generation) return error(412, 'precondition failed');
    live.live = false;
    return { code: 204 };
  }
}

/** The JSON API's largest (and default) page of a listing. */
const LIST_MAX_RESULTS = 1000;

/**
 * A partial response (https://cloud.google.com/storage/docs/json_api#partial-response): `fields`
 * is a comma-separated list of field names, each optionally followed by a parenthesized list of
 * the fields kept in it (applied to every element of a list).
 */
function partial(value: any, fields: string): any {
  if (Array.isArray(value)) return value.map((v) => partial(v, fields));
  const kept: any = {};
  for (const field of splitFields(fields)) {
    const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/.exec(field);
    if (!m) throw new Error(`fake Cloud Storage: fields selector not understood: ${field}`);
    const [, name, inner] = m;
    if (value[name] !== undefined) kept[name] = inner === undefined ? value[name] : partial(value[name], inner);
  }
  return kept;
}

/** Splits a fields selector at its top-level commas. */
function splitFields(fields: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < fields.length; i++) {
    if (fields[i] === '(') depth++;
    else if (fields[i] === ')') depth--;
    else if (fields[i] === ',' && depth === 0) {
      parts.push(fields.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(fields.slice(start));
  return parts.map((p) => p.trim());
}

function resource(o: StoredObject) {
  return {
    kind: 'storage#object', bucket: o.bucket, name: o.name, generation: o.generation, metageneration: '1',
    contentType: o.contentType, size: String(o.content.length), timeCreated: o.timeCreated, updated: o.timeCreated,
  };
}

/** A Google API error response. */
export function error(code: number, message: string): HttpResponse {
  return { code, headers: { 'Content-Type': 'application/json' }, body: { error: { code, message } } };
}
