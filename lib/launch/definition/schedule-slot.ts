import { CronSlotTable, cronSlotTable } from '../../rules/cron';
import { assign, forRange, returns, Subworkflow, switchOn, x } from './syntax';

/**
 * Which scheduled slot a Cloud Scheduler firing belongs to. Scheduler's Pub/Sub messages carry no
 * schedule time (only HTTP targets get `X-CloudScheduler-ScheduleTime`), and one slot can fire
 * twice: the launcher derives the slot from the message's publish time and the cron, as the latest
 * minute at or before the publish time whose wall-clock time in the schedule's time zone matches
 * the cron. Both firings of a slot publish shortly after it, so both find the same slot.
 *
 * The search steps back from the publish minute: within a wall-clock hour straight to the latest
 * matching minute, otherwise to the minute before the hour began. It reads the wall clock of each
 * candidate instant afresh (`time.format` with the time zone), so daylight-saving changes never
 * make it skip a matching minute. It looks back at most {@link MAX_SLOT_LAG_SECONDS}: a firing
 * published later than that after its slot (a long outage, or a wall-clock time that a
 * daylight-saving change skipped and the scheduler ran later) is keyed by the hour it was
 * published in instead, and a warning is logged.
 *
 * What can still go wrong: a firing published after the cron's next slot has begun is counted as
 * that next slot (and deduplicated with it), which needs a publish delayed by the whole gap
 * between two slots; two firings of one late slot published in different hours launch twice.
 */

/** The subworkflow's name. */
export const SCHEDULE_SLOT = 'schedule_slot';

/** How long after its slot a firing may be published and still be matched to it. */
export const MAX_SLOT_LAG_SECONDS = 3600;

/** Steps of the slot search: each covers at least the rest of a wall-clock hour, so 4 cover the lag. */
export const SEARCH_STEPS = 4;

/** What a schedule publishes to the launcher's topic. */
export interface ScheduleMessage {
  /** The job to launch (its current manifest). */
  readonly job: string;
  /** The cron, for logs and people. */
  readonly cron: string;
  /** IANA time zone of the cron. */
  readonly timeZone: string;
  /** The cron expanded for the slot search. */
  readonly slot: CronSlotTable;
}

/** The launch request a schedule publishes; throws for a cron that is not valid (validated before). */
export function scheduleMessage(job: string, cron: string, timeZone: string): ScheduleMessage {
  const slot = cronSlotTable(cron);
  if (!slot) throw new Error(`invalid cron ${JSON.stringify(cron)} reached the launcher`);
  return { job, cron, timeZone, slot };
}

/**
 * The schedule's Pub/Sub `data`: its message as base64 JSON, encoded at synth. The message holds
 * only literals, and handing its hundred-odd numbers to `Fn.jsonencode` would make cdktf scan each
 * for tokens (half the synth time of a thousand scheduled jobs).
 */
export function scheduleMessageData(job: string, cron: string, timeZone: string): string {
  return Buffer.from(JSON.stringify(scheduleMessage(job, cron, timeZone)), 'utf8').toString('base64');
}

/** `schedule_slot(published, table, zone)`: the slot's instant in whole seconds, or null. */
export function scheduleSlotSubworkflow(): Subworkflow {
  const part = (from: number, to: number) => x(`int(text.substring(local, ${from}, ${to}))`);
  return {
    params: ['published', 'table', 'zone'],
    steps: [
      assign('start', [['candidate', x('published - published % 60')]]),
      forRange('search', 'attempt', 1, SEARCH_STEPS, [
        switchOn('too_far', [{ condition: x(`candidate < published - ${MAX_SLOT_LAG_SECONDS}`), steps: [returns('too_late', null)] }]),
        assign('wall_clock', [
          ['local', x('time.format(candidate, zone)')],
          ['year', part(0, 4)],
          ['month', part(5, 7)],
          ['day', part(8, 10)],
          ['hour', part(11, 13)],
          ['minute', part(14, 16)],
          // Days since 1970-01-01 of the local date (H. Hinnant's days_from_civil), for the weekday.
          ['march_based', x('(14 - month) // 12')],
          ['y', x('year - march_based')],
          ['days', x('365 * y + y // 4 - y // 100 + y // 400 + (153 * (month + 12 * march_based - 3) + 2) // 5 + day - 719469')],
          ['weekday', x('(days + 4) % 7')],
          ['day_of_month', x('day in table.daysOfMonth')],
          ['day_of_week', x('weekday in table.daysOfWeek')],
          ['day_matches', x('day_of_month or day_of_week')],
        ]),
        switchOn('both_day_fields', [{ condition: x('table.days == "all"'), steps: [assign('and', [['day_matches', x('day_of_month and day_of_week')]])] }]),
        switchOn('match', [
          {
            condition: x('not (month in table.months) or not day_matches or not (hour in table.hours) or table.minuteAtOrBefore[minute] < 0'),
            steps: [assign('before_the_hour', [['candidate', x('candidate - minute * 60 - 60')]])],
          },
          {
            condition: x('table.minuteAtOrBefore[minute] != minute'),
            steps: [assign('latest_minute', [['candidate', x('candidate - (minute - table.minuteAtOrBefore[minute]) * 60')]])],
          },
          { condition: true, steps: [returns('found', x('candidate'))] },
        ]),
      ]),
      returns('not_found', null),
    ],
  };
}
