import { cronSlotTable } from '../../lib/rules/cron';
import { MAX_SLOT_LAG_SECONDS, SCHEDULE_SLOT, scheduleSlotSubworkflow } from '../../lib/launch/definition/schedule-slot';
import { cronMatcher, wallClock } from '../helpers/cron-reference';
import { runWorkflow } from '../helpers/workflows';

/**
 * The slot search of the launcher (`schedule_slot`), executed, against a brute-force reference:
 * the latest minute at or before the publish time, at most an hour back, whose wall-clock time in
 * the zone matches the cron. Zones with daylight saving time (an hour, and Lord Howe's half hour),
 * a half-hour offset, and instants around their transitions.
 */

const definition = {
  main: {
    params: ['input'],
    steps: [
      { find: { call: SCHEDULE_SLOT, args: { published: '${input.published}', table: '${input.table}', zone: '${input.zone}' }, result: 'slot' } },
      { done: { return: '${slot}' } },
    ],
  },
  [SCHEDULE_SLOT]: JSON.parse(JSON.stringify(scheduleSlotSubworkflow())),
};

function workflowSlot(published: number, cron: string, zone: string): number | null {
  const run = runWorkflow(definition, { argument: { published, table: cronSlotTable(cron), zone } });
  if (run.state !== 'SUCCEEDED') throw new Error(JSON.stringify(run.error));
  return run.result as number | null;
}

/** The latest minute at or before the publish time, at most an hour back, that the cron matches (read independently of lib/rules/cron.ts). */
function referenceSlot(published: number, cron: string, zone: string): number | null {
  const matches = cronMatcher(cron);
  for (let t = Math.floor(published / 60) * 60; t >= published - MAX_SLOT_LAG_SECONDS; t -= 60) {
    if (matches(wallClock(t, zone))) return t;
  }
  return null;
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const CRONS = ['0 3 * * *', '*/15 * * * *', '30 1 * * *', '0 2 * * 0', '45 23 31 12 *', '0 0 1,15 * 1', '5 4 * * 1-5', '0 * * * *', '10,40 0-6 * * *', '59 2 * 3,10 *'];
const ZONES = ['Etc/UTC', 'Europe/Lisbon', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
/** Instants around daylight-saving transitions of 2026, and ordinary ones. */
const AROUND = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-04-05T01:45:00Z', '2026-09-26T14:00:00Z', '2026-12-01T03:00:00Z', '2026-12-31T23:50:00Z'];

describe('slot search, executed, against a brute-force reference', () => {
  const next = random(20261201);
  for (const zone of ZONES) {
    test(zone, () => {
      const outcomes = { slot: 0, none: 0 };
      for (const cron of CRONS) {
        for (const around of AROUND) {
          for (let i = 0; i < 3; i++) {
            const published = Date.parse(around) / 1000 + Math.floor((next() - 0.5) * 4 * 3600) + next();
            const expected = referenceSlot(published, cron, zone);
            expect({ cron, zone, published, slot: workflowSlot(published, cron, zone) }).toEqual({ cron, zone, published, slot: expected });
            outcomes[expected === null ? 'none' : 'slot']++;
          }
        }
      }
      // The comparisons cover both answers: a slot found, and none within the hour.
      expect(outcomes.slot).toBeGreaterThan(20);
      expect(outcomes.none).toBeGreaterThan(20);
    });
  }

  test('both firings of a slot find it: published 2 s and 50 s after it', () => {
    const slot = Date.parse('2026-10-25T01:30:00Z') / 1000;
    expect(workflowSlot(slot + 2.5, '30 1 * * *', 'Etc/UTC')).toBe(slot);
    expect(workflowSlot(slot + 50.25, '30 1 * * *', 'Etc/UTC')).toBe(slot);
  });

  test('a wall-clock time that occurs twice (the autumn change) is two slots', () => {
    const first = Date.parse('2026-10-25T00:30:00Z') / 1000;
    const second = Date.parse('2026-10-25T01:30:00Z') / 1000;
    expect(workflowSlot(first + 3, '30 1 * * *', 'Europe/Lisbon')).toBe(first);
    expect(workflowSlot(second + 3, '30 1 * * *', 'Europe/Lisbon')).toBe(second);
  });
});

describe('cron slot table', () => {
  test('minutes at or before, hours, days, months, weekdays and how the day fields combine', () => {
    expect(cronSlotTable('10,40 0-6 * * *')).toMatchObject({ hours: [0, 1, 2, 3, 4, 5, 6], days: 'all' });
    const table = cronSlotTable('10,40 0-6 * * *')!;
    expect(table.minuteAtOrBefore.slice(0, 12)).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 10, 10]);
    expect(table.minuteAtOrBefore[39]).toBe(10);
    expect(table.minuteAtOrBefore[59]).toBe(40);
    expect(cronSlotTable('0 0 1,15 * 1')).toMatchObject({ daysOfMonth: [1, 15], daysOfWeek: [1], days: 'any' });
    expect(cronSlotTable('0 0 * * 7')!.daysOfWeek).toEqual([0]);
    expect(cronSlotTable('0 0 * JAN,dec *')!.months).toEqual([1, 12]);
    expect(cronSlotTable('not a cron')).toBeUndefined();
  });
});
