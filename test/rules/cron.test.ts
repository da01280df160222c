import { cronSchedule, describeCron, timeZone } from '../../lib/rules/cron';

const FORMAT = 'must be a unix-cron schedule of 5 fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *"';
const TIME_ZONE = 'must be an IANA time zone such as "Etc/UTC" or "Europe/Lisbon"';

describe('cronSchedule', () => {
  test.each([
    '* * * * *',
    '0 3 * * *',
    '30 2 * * 1',
    '0 6 * * 1-5',
    '15 * * * *',
    '*/15 * * * *',
    '0 0 1 * *',
    '0 4 * 1 0',
    '0 4 * JAN SUN',
    '0 4 * jan sun', // names are case-insensitive
    '0 4 * Jan-Mar Mon-Fri',
    '0 0 * * 7', // 7 is Sunday too
    '0 0 * * 0,7',
    '0 12 * * 5-7',
    '59 23 31 12 6', // every field at its maximum
    '0 0 1 1 0', // minimums
    '0 1,13 1-7 * *',
    '0,30 8-18/2 * * *',
    '5/10 * * * *', // a/n steps from a to the end of the range
    '0-59/5 * * * *',
    '*/1 */1 */1 */1 */1',
    '0 */6 * * *',
    '*/15 9-17 * * 1-5',
    '0 0 1,15 * *',
    '0 0 29 2 *', // leap years only, but it does run
    '0 0 31 1-12 *',
    '0 0 31 * *',
    '10,40 8,20 * * *',
    '0  3 * *\t*', // runs of whitespace separate fields
    '0 0 1-1 * *',
    '0 0 * * MON,WED,FRI',
    '0 0 * DEC *',
  ])('accepts %j', (value) => {
    expect(cronSchedule(value)).toBeUndefined();
  });

  test.each([
    ['empty', '', 'the schedule is empty'],
    ['only spaces', '   ', 'the schedule is empty'],
    ['leading space', ' 0 3 * * *', 'remove the leading or trailing spaces'],
    ['trailing newline', '0 3 * * *\n', 'remove the leading or trailing spaces'],
    ['seconds field', '0 0 3 * * *', 'found 6 fields; a seconds or year field is not supported'],
    ['7 fields (Quartz with year)', '0 0 3 * * ? 2030', 'found 7 fields'],
    ['4 fields', '0 3 * *', 'found 4 fields'],
    ['1 field', '0', 'found 1 field)'],
    ['@daily', '@daily', 'macros such as @daily are not supported; use "0 0 * * *" instead'],
    ['@hourly', '@hourly', 'use "0 * * * *" instead'],
    ['@weekly', '@weekly', 'use "0 0 * * 0" instead'],
    ['@yearly', '@YEARLY', 'use "0 0 1 1 *" instead'],
    ['@reboot', '@reboot', 'macros such as @reboot are not supported)'],
    ['English-like App Engine format', 'every 24 hours', 'the English-like App Engine format is not supported'],
    ['minute 60', '60 * * * *', 'minute 60 is out of range 0-59'],
    ['hour 24', '0 24 * * *', 'hour 24 is out of range 0-23'],
    ['day-of-month 0', '0 0 0 * *', 'day-of-month 0 is out of range 1-31'],
    ['day-of-month 32', '0 0 32 * *', 'day-of-month 32 is out of range 1-31'],
    ['month 0', '0 0 * 0 *', 'month 0 is out of range 1-12'],
    ['month 13', '0 0 * 13 *', 'month 13 is out of range 1-12'],
    ['day-of-week 8', '0 0 * * 8', 'day-of-week 8 is out of range 0-7'],
    ['out of range inside a range', '0 20-25 * * *', 'hour 25 is out of range 0-23'],
    ['out of range inside a list', '0 0 * 1,2,14 *', 'month 14 is out of range 1-12'],
    ['?', '0 0 ? * *', 'day-of-month "?" is not supported; use "*"'],
    ['? in day-of-week', '0 0 1 * ?', 'day-of-week "?" is not supported'],
    ['L', '0 0 L * *', 'day-of-month "L" (last day) is not supported'],
    ['last Friday 5L', '0 0 * * 5L', 'day-of-week "5L": "L" (last day) is not supported'],
    ['W', '0 0 15W * *', 'day-of-month "15W": "W" (nearest weekday) is not supported'],
    ['LW', '0 0 LW * *', '"L" (last day) is not supported'],
    ['#', '0 0 * * MON#2', 'day-of-week "MON#2": "#" (nth weekday of the month) is not supported'],
    ['unknown month name', '0 0 * FOO *', 'month "FOO" is not a number 1-12 or a name JAN-DEC'],
    ['full month name', '0 3 * JANUARY *', 'month "JANUARY" is not a number 1-12 or a name JAN-DEC'],
    ['unknown day name', '0 0 * * FUNDAY', 'day-of-week "FUNDAY" is not a number 0-7 or a name SUN-SAT'],
    ['day name in the month field', '0 0 * MON *', 'month "MON" is not a number 1-12 or a name JAN-DEC'],
    ['name in the hour field', '0 MON * * *', 'hour "MON" is not a number 0-23)'],
    ['backwards range', '0 10-5 * * *', 'hour range 10-5 must go from low to high'],
    ['wrap-around day range', '0 0 * * SAT-SUN', 'day-of-week range SAT-SUN must go from low to high'],
    ['step 0', '*/0 * * * *', 'minute step /0 is out of range 1-59'],
    ['step larger than the field', '*/60 * * * *', 'minute step /60 is out of range 1-59'],
    ['step too large for hours', '0 */24 * * *', 'hour step /24 is out of range 1-23'],
    ['non-numeric step', '*/x * * * *', 'minute step "/x" must be a whole number'],
    ['two steps', '1/2/3 * * * *', 'minute "1/2/3" has more than one "/"'],
    ['step with nothing before it', '/5 * * * *', 'minute "/5" has a step but nothing to step through'],
    ['empty list item', '0 0 1,,2 * *', 'day-of-month "1,,2" has an empty list item'],
    ['trailing comma', '0 0 1, * *', 'day-of-month "1," has an empty list item'],
    ['negative number', '0 -1 * * *', 'hour "-1" is not a range a-b'],
    ['three-part range', '0 0 1-2-3 * *', 'day-of-month "1-2-3" is not a range a-b'],
    ['decimal', '0 0 * * 1.5', 'day-of-week "1.5" may only contain numbers, names, "*", ",", "-" and "/"'],
    ['never runs: 30 February', '0 0 30 2 *', 'day-of-month 30 never occurs in February, so the job would never run'],
    ['never runs: 31 April/June', '0 0 31 4,6 *', 'day-of-month 31 never occurs in April and June, so the job would never run'],
    ['never runs: several days', '0 0 30,31 FEB *', 'none of the days of the month occur in February, so the job would never run'],
  ])('rejects %s (%j)', (_title, value, fragment) => {
    const result = cronSchedule(value);
    expect(typeof result).toBe('string');
    expect(result!.startsWith(`${FORMAT} (`)).toBe(true);
    expect(result!.endsWith(')')).toBe(true);
    expect(result).toContain(fragment);
  });

  test('30 February with a restricted day-of-week still runs (cron ORs the two day fields)', () => {
    expect(cronSchedule('0 0 30 2 1')).toBeUndefined();
    expect(describeCron('0 0 30 2 1')).toBe('on day 30 of the month and every Monday at 00:00 in February');
  });
});

describe('timeZone', () => {
  test.each([
    'America/Sao_Paulo',
    'Europe/Lisbon',
    'Etc/UTC',
    'UTC',
    'Etc/GMT',
    'Etc/GMT+5', // fixed offsets (POSIX sign: 5 hours behind UTC)
    'Etc/GMT-14',
    'America/New_York',
    'Asia/Tokyo',
    'Australia/Sydney',
    'America/Argentina/Buenos_Aires', // three segments; an alias Intl's list leaves out
    'Asia/Kolkata', // current IANA name; Intl lists the older Asia/Calcutta
    'Asia/Calcutta',
    'Europe/Kyiv',
    'Europe/Kiev',
    'Pacific/Kanton',
    'America/Port-au-Prince',
    'Antarctica/DumontDUrville',
    'America/Indiana/Knox',
    'Australia/NSW', // backward-compatible continental alias
  ])('accepts %j', (value) => {
    expect(timeZone(value)).toBeUndefined();
  });

  test.each([
    ['an unknown POSIX-style name', 'EST5'],
    ['a legacy POSIX rule zone (a link to America/New_York since tzdata 2024b)', 'EST5EDT'],
    ['a legacy POSIX rule zone', 'PST8PDT'],
    ['a legacy abbreviation zone (a link to America/Panama since tzdata 2024b)', 'EST'],
    ['GMT (use Etc/UTC, or Europe/London for UK time)', 'GMT'],
    ['a legacy country alias', 'US/Eastern'],
    ['a legacy country alias', 'Japan'],
    ['a made-up area', 'Mars/Olympus'],
    ['a made-up location', 'Europe/Atlantis'],
    ['a trailing space', 'utc '],
    ['lowercase utc', 'utc'],
    ['lowercase', 'america/sao_paulo'],
    ['wrong case', 'America/Sao_paulo'],
    ['wrong case in an alias', 'Asia/kolkata'],
    ['capitals in an alias', 'Asia/KOLKATA'],
    ['wrong case in a listed name', 'America/Port-Au-Prince'],
    ['empty', ''],
    ['an offset', '+01:00'],
    ['a nonexistent fixed offset', 'Etc/GMT+13'],
    ['an abbreviation', 'CET'],
    ['a path beyond the location', 'Europe/Lisbon/Centre'],
  ])('rejects %s (%j)', (_title, value) => {
    expect(timeZone(value)?.slice(0, TIME_ZONE.length)).toBe(TIME_ZONE);
  });

  test.each([
    ['a misspelling', 'Europe/Pari', 'did you mean "Europe/Paris"?'],
    ['lowercase', 'america/sao_paulo', 'did you mean "America/Sao_Paulo"?'],
    ['a trailing space', 'utc ', 'did you mean "Etc/UTC"?'],
    ['GMT', 'GMT', 'did you mean "Etc/UTC"?'],
    ['a legacy country alias', 'US/Eastern', 'did you mean "America/New_York"?'],
    ['a legacy POSIX rule zone', 'PST8PDT', 'did you mean "America/Los_Angeles"?'],
    ['a legacy abbreviation that changed meaning', 'EST', 'for the time with daylight saving use "America/New_York"; a fixed offset is "Etc/GMT+5"'],
    ['a city', 'Paris', 'did you mean "Europe/Paris"?'],
    ['a city with a space', 'new york', 'did you mean "America/New_York"?'],
    ['a current name misspelt (ICU lists the former one)', 'Asia/Kolkatta', 'did you mean "Asia/Kolkata"?'],
  ])('suggests the nearest zone for %s (%j)', (_title, value, hint) => {
    expect(timeZone(value)).toBe(`${TIME_ZONE}: ${hint}`);
  });

  test.each(['Mars/Olympus', '+01:00', ''])('suggests nothing when no zone is near (%j)', (value) => {
    expect(timeZone(value)).toBe(TIME_ZONE);
  });
});

describe('describeCron', () => {
  test.each([
    ['0 3 * * *', 'every day at 03:00'],
    ['30 2 * * 1', 'every Monday at 02:30'],
    ['30 2 * * mon', 'every Monday at 02:30'],
    ['0 6 * * 1-5', 'every weekday (Mon–Fri) at 06:00'],
    ['0 6 * * MON-FRI', 'every weekday (Mon–Fri) at 06:00'],
    ['15 * * * *', 'every hour at minute 15'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['0,30 * * * *', 'every 30 minutes'],
    ['* * * * *', 'every minute'],
    ['0 0 1 * *', 'on day 1 of every month at 00:00'],
    ['0 0 1,15 * *', 'on days 1 and 15 of every month at 00:00'],
    ['0 0 1 1,7 *', 'on day 1 of January and July at 00:00'],
    ['0 4 * 1 0', 'every Sunday at 04:00 in January'],
    ['0 4 * JAN SUN', 'every Sunday at 04:00 in January'],
    ['0 0 * * 0,7', 'every Sunday at 00:00'],
    ['30 5 * * 6,0', 'every Saturday and Sunday at 05:30'],
    ['0 0 * * 1-3', 'every Monday to Wednesday at 00:00'],
    ['0 12 * * 5-7', 'every Friday to Sunday at 12:00'],
    ['0 0 * 1-3 *', 'every day at 00:00 in January to March'],
    ['0 */6 * * *', 'every day at 00:00, 06:00, 12:00 and 18:00'],
    ['10,40 8,20 * * *', 'every day at 08:10, 08:40, 20:10 and 20:40'],
    ['0 */2 * * *', 'every 2 hours at minute 0'],
    ['0 9-17 * * *', 'every hour from 09:00 to 17:00'],
    ['* 9 * * *', 'every minute from 09:00 to 09:59'],
    ['*/15 9-17 * * 1-5', 'every 15 minutes from 09:00 to 17:45 on weekdays (Mon–Fri)'],
    ['*/15 * * * 1,3,5', 'every 15 minutes on Mondays, Wednesdays and Fridays'],
    ['*/10 * 1 * *', 'every 10 minutes on day 1 of every month'],
    ['0,30 1-5 1-7 2,3,4 1', 'every 30 minutes from 01:00 to 05:30 on days 1-7 of the month and on Mondays in February to April'],
    ['0 1,13 1-7 * *', 'on days 1-7 of every month at 01:00 and 13:00'],
    // Both day fields restricted: cron runs on either.
    ['0 0 1 * 6', 'on day 1 of the month and every Saturday at 00:00'],
    // A day-of-month covering the whole month ORed with a weekday: every day.
    ['0 0 1-31 * 1', 'every day at 00:00'],
    // Generic, field-by-field sentences.
    ['*/7 * * * *', 'at minutes 0, 7, 14, 21, 28, 35, 42, 49, 56 past every hour'],
    ['5/10 * * * *', 'at minutes 5, 15, 25, 35, 45, 55 past every hour'],
    ['0,15 1,13,14 * * *', 'at minutes 0, 15 past hours 1, 13, 14'],
    ['0,15 1,13,14 1-7 2,3,4 1', 'at minutes 0, 15 past hours 1, 13, 14 on days 1-7 of the month or on Monday in February-April'],
    ['0,15 1-5 * * 1-5', 'at minutes 0, 15 past hours 1-5 on Monday-Friday'],
    ['* 1,13 * * *', 'every minute during hours 1, 13'],
    // A `*`-prefixed day field makes cron AND the two day fields.
    [
      '0 0 */2 * 1',
      'at minute 0 past hour 0 on days 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31 of the month that fall on Monday',
    ],
    ['an invalid value', 'an invalid schedule "an invalid value"'],
    ['0 0 L * *', 'an invalid schedule "0 0 L * *"'],
  ])('describes %j as %j', (value, expected) => {
    expect(describeCron(value)).toBe(expected);
  });

  test('is deterministic', () => {
    expect(describeCron('0,30 1-5 1-7 2,3,4 1')).toBe(describeCron('0,30 1-5 1-7 2,3,4 1'));
    expect(describeCron('30 1-5 1-7 FEB-APR MON')).toBe(describeCron('30 1-5 1-7 2-4 1'));
  });
});
