import { Duration } from '../core/duration';
import { LITERAL, objectInput, optional, STRING, withInput } from '../core/field-types';
import { NEW_DATA_BATCH_PROPS } from '../core/input-types';
import { ObjectFilter } from './object-filter';

/** The kinds of trigger. */
export enum TriggerKind {
  /** Cloud Scheduler, on a cron schedule. */
  SCHEDULE = 'SCHEDULE',
  /** Every deploy that changes the job's request body. */
  ON_CHANGE = 'ON_CHANGE',
  /** An object lands under a prefix of a bucket. */
  ON_NEW_DATA = 'ON_NEW_DATA',
}

/** Properties of {@link Trigger.onNewDataBatch}. */
export interface NewDataBatchProps {
  /** Bucket to watch (in the environment's project), e.g. `env.dataBucket.bucketName`. */
  readonly bucketName: string;
  /**
   * Literal object name prefix.
   * @default '' (every object)
   */
  readonly prefix?: string;
  /**
   * The bucket's location in lower case, where Eventarc must watch it (a region, a dual-region such
   * as `nam4` or a multi-region such as `us`; not `global`).
   * @default - the environment's region
   */
  readonly location?: string;
  /**
   * Which objects under the prefix launch a run: a marker (`ObjectFilter.marker('_SUCCESS')`), a
   * name suffix or an RE2 pattern of the name after the prefix.
   * @default - every object under the prefix
   */
  readonly filter?: ObjectFilter;
  /**
   * Coalesce the matching objects created within one window of this length into one run (1 minute
   * to 24 hours, whole seconds): tumbling windows aligned to the Unix epoch, by the objects'
   * `timeCreated`. The run starts a minute after its window ends (an upload begun before the end
   * may finish after it) and gets the matching objects created in the window that are still under
   * the prefix then: at most 500, the first by name, and always the object whose event started the
   * launch. The launcher lists 8,000 objects under the prefix at most, so old data is best kept
   * outside it; a warning is logged when objects are left out.
   * @default - no window: every matching object launches its own run
   */
  readonly coalesce?: Duration;
}

/**
 * Why a training job starts. A job takes any combination of triggers; a job without triggers is
 * declared and launched by hand (its `launch_command` output).
 *
 * Every trigger goes through the environment's launcher workflow, so that every launch, whatever
 * started it, leaves an execution (and, when it fails, a failed execution and an error log).
 */
export class Trigger {
  /**
   * Launch on a schedule.
   * @param cron unix-cron schedule of 5 fields (`"0 3 * * *"`: every day at 03:00)
   * @param timeZone IANA time zone of the schedule @default 'Etc/UTC'
   */
  public static schedule(cron: string, timeZone?: string): Trigger {
    const trigger = new Trigger(TriggerKind.SCHEDULE, { cron, timeZone: timeZone ?? 'Etc/UTC' });
    return withInput(withInput(trigger, 'cron', cron, LITERAL), 'timeZone', timeZone, optional(LITERAL));
  }

  /**
   * Launch once for every deploy that changes the job's request body (GitOps): the deploy writes a
   * manifest named by the body's hash, and its creation starts exactly one run. A deploy that
   * changes nothing in the body launches nothing.
   */
  public static onChange(): Trigger {
    return new Trigger(TriggerKind.ON_CHANGE, {});
  }

  /**
   * Launch when an object lands under `prefix` in `bucketName` (every finalized object launches a run).
   * The job's trainer gets read on a bucket the environment does not manage. Refused at synth: a
   * `gs://` bucket name, a prefix starting with `/` or `gs://` or holding wildcards, and a prefix of
   * the job's own artifacts bucket covering its outputs (each run would launch the next).
   * @param bucketName bucket to watch (in the environment's project), e.g. `env.dataBucket.bucketName`
   * @param prefix literal object name prefix @default '' (every object)
   * @param location the bucket's location in lower case, where Eventarc must watch it (a region, a
   *   dual-region such as `nam4` or a multi-region such as `us`; not `global`) @default - the environment's region
   */
  public static onNewData(bucketName: string, prefix?: string, location?: string): Trigger {
    const trigger = new Trigger(TriggerKind.ON_NEW_DATA, { bucketName, prefix: prefix ?? '', location });
    return withInput(withInput(withInput(trigger, 'bucketName', bucketName, STRING), 'prefix', prefix, optional(STRING)), 'location', location, optional(STRING));
  }

  /**
   * Launch for drops of data rather than for every object: only on objects that `filter` matches
   * (e.g. a `_SUCCESS` marker that completes a drop), and optionally one run per `coalesce` window
   * for all the matching objects created in it. Each run gets the objects that triggered it in
   * `VT_TRIGGER_OBJECTS`, a JSON list of `gs://bucket/object` URIs: the one object (a marker's
   * URI for a marker filter), or a window's objects (at most 500). The bucket, prefix and location
   * are checked like {@link Trigger.onNewData}'s.
   */
  public static onNewDataBatch(props: NewDataBatchProps): Trigger {
    const given = objectInput(props);
    const trigger = new Trigger(TriggerKind.ON_NEW_DATA, {
      bucketName: given.bucketName,
      prefix: given.prefix ?? '',
      location: given.location,
      filter: given.filter,
      coalesceSeconds: typeof given.coalesce?.toSeconds === 'function' ? given.coalesce.toSeconds() : undefined,
    });
    return withInput(trigger, '', props, NEW_DATA_BATCH_PROPS);
  }

  /** The kind of trigger. */
  public readonly kind: TriggerKind;
  /** Cron schedule (SCHEDULE). */
  public readonly cron?: string;
  /** Time zone (SCHEDULE). */
  public readonly timeZone?: string;
  /** Watched bucket (ON_NEW_DATA). */
  public readonly bucketName?: string;
  /** Watched prefix (ON_NEW_DATA). */
  public readonly prefix?: string;
  /** Location of the watched bucket (ON_NEW_DATA); undefined means the environment's region. */
  public readonly location?: string;
  /** Which objects launch a run (ON_NEW_DATA by onNewDataBatch); undefined: every object under the prefix. */
  public readonly filter?: ObjectFilter;
  /** Seconds of the window whose matching objects one run gets (ON_NEW_DATA by onNewDataBatch); undefined: one run per object. */
  public readonly coalesceSeconds?: number;

  private constructor(kind: TriggerKind, options: {
    cron?: string; timeZone?: string; bucketName?: string; prefix?: string; location?: string; filter?: ObjectFilter; coalesceSeconds?: number;
  }) {
    this.kind = kind;
    this.cron = options.cron;
    this.timeZone = options.timeZone;
    this.bucketName = options.bucketName;
    this.prefix = options.prefix;
    this.location = options.location;
    this.filter = options.filter;
    this.coalesceSeconds = options.coalesceSeconds;
  }
}
