import { channelSchedule, formatLocal, localDateOf, localInstant } from '../src/core/calendar';
import type { DaysRule, ProgrammeSettings } from '../src/core/settings';

function settings(input: Partial<Omit<ProgrammeSettings, 'days'>> & { days?: number[]; rule?: DaysRule } = {}): ProgrammeSettings {
  const { days: dayList, rule, ...over } = input;
  const days = dayList ?? [1, 2, 3, 4, 5];
  return {
    programme: {
      id: 'p',
      title: 'P',
      footer: 'f',
      prompts: days.map((day) => ({ day, theme: `T${day}`, text: 'x', challenge: 'y' })),
    },
    start: '2026-10-23',
    time: '09:00',
    timezone: 'Europe/London',
    graceMs: 0,
    channels: [],
    ...(rule ? { days: rule } : {}),
    ...over,
  };
}

const iso = (d: Date) => d.toISOString().replace(':00.000Z', 'Z');
const none = { timezone: null, time: null };

describe('channelSchedule', () => {
  test('Europe/London across the end of October: 08:00Z before 25 Oct, 09:00Z after', () => {
    const occ = channelSchedule(settings({ start: '2026-10-23' }), none);
    expect(occ.map((o) => [o.day, o.localDate, o.localTime, iso(o.at)])).toEqual([
      [1, '2026-10-23', '09:00', '2026-10-23T08:00Z'],
      [2, '2026-10-24', '09:00', '2026-10-24T08:00Z'],
      [3, '2026-10-25', '09:00', '2026-10-25T09:00Z'],
      [4, '2026-10-26', '09:00', '2026-10-26T09:00Z'],
      [5, '2026-10-27', '09:00', '2026-10-27T09:00Z'],
    ]);
    expect(occ[0]).toMatchObject({ theme: 'T1', timezone: 'Europe/London' });
  });

  test('America/New_York across the March change: 14:00Z before 14 Mar 2027, 13:00Z after', () => {
    const occ = channelSchedule(settings({ start: '2027-03-12', timezone: 'America/New_York' }), none);
    expect(occ.map((o) => iso(o.at))).toEqual([
      '2027-03-12T14:00Z',
      '2027-03-13T14:00Z',
      '2027-03-14T13:00Z',
      '2027-03-15T13:00Z',
      '2027-03-16T13:00Z',
    ]);
  });

  test('Asia/Kolkata: +05:30 all year', () => {
    const occ = channelSchedule(settings({ start: '2026-11-16', timezone: 'Asia/Kolkata', days: [1, 2] }), none);
    expect(occ.map((o) => iso(o.at))).toEqual(['2026-11-16T03:30Z', '2026-11-17T03:30Z']);
  });

  test('a channel overrides zone and time', () => {
    const occ = channelSchedule(settings({ start: '2026-11-16', days: [1] }), { timezone: 'America/New_York', time: '10:00' });
    expect(occ).toEqual([
      { day: 1, theme: 'T1', timezone: 'America/New_York', localDate: '2026-11-16', localTime: '10:00', at: new Date('2026-11-16T15:00:00Z') },
    ]);
    // Only the time overridden: the default zone still applies.
    expect(iso(channelSchedule(settings({ start: '2026-11-16', days: [1] }), { timezone: null, time: '07:45' })[0].at)).toBe('2026-11-16T07:45Z');
  });

  test('weekly cadence: days 1, 8, 15, 22 fall a week apart, sorted by day', () => {
    const occ = channelSchedule(settings({ start: '2026-11-02', days: [22, 1, 15, 8] }), none);
    expect(occ.map((o) => [o.day, o.localDate])).toEqual([
      [1, '2026-11-02'],
      [8, '2026-11-09'],
      [15, '2026-11-16'],
      [22, '2026-11-23'],
    ]);
  });

  test('local dates do not slip at the change of month or year', () => {
    const occ = channelSchedule(settings({ start: '2026-12-30', timezone: 'Pacific/Auckland', days: [1, 3] }), { timezone: null, time: '00:00' });
    expect(occ.map((o) => [o.localDate, iso(o.at)])).toEqual([
      ['2026-12-30', '2026-12-29T11:00Z'],
      ['2027-01-01', '2026-12-31T11:00Z'],
    ]);
  });
});

describe('localInstant at DST edges (documented in calendar.ts)', () => {
  test('a nonexistent local time moves forward to the moment of the change', () => {
    // London springs forward at 01:00Z on 2027-03-28: 01:00–01:59 local do not exist.
    expect(iso(localInstant('2027-03-28', '01:30', 'Europe/London'))).toBe('2027-03-28T01:00Z');
    expect(formatLocal(localInstant('2027-03-28', '01:30', 'Europe/London'), 'Europe/London')).toBe('2027-03-28 02:00');
    expect(iso(localInstant('2027-03-14', '02:15', 'America/New_York'))).toBe('2027-03-14T07:00Z');
  });

  test('an ambiguous local time takes the earlier occurrence', () => {
    // London falls back at 01:00Z on 2026-10-25: 01:30 local happens at 00:30Z and at 01:30Z.
    expect(iso(localInstant('2026-10-25', '01:30', 'Europe/London'))).toBe('2026-10-25T00:30Z');
    expect(iso(localInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30Z');
  });

  test('ordinary times, and bad input is refused', () => {
    expect(iso(localInstant('2026-07-01', '12:00', 'Europe/London'))).toBe('2026-07-01T11:00Z');
    expect(iso(localInstant('2026-07-01', '12:00', 'UTC'))).toBe('2026-07-01T12:00Z');
    expect(() => localInstant('2026-02-30', '12:00', 'UTC')).toThrow(/date/);
    expect(() => localInstant('2026-07-01', '24:00', 'UTC')).toThrow(/time/);
    expect(() => localInstant('2026-07-01', '12:00', 'Mars/Base')).toThrow(/zone/);
  });
});

describe('localDateOf / formatLocal', () => {
  test('the local date and time of an instant', () => {
    const at = new Date('2026-11-16T23:30:00Z');
    expect(localDateOf(at, 'UTC')).toBe('2026-11-16');
    expect(localDateOf(at, 'Asia/Kolkata')).toBe('2026-11-17');
    expect(localDateOf(at, 'America/New_York')).toBe('2026-11-16');
    expect(formatLocal(at, 'Asia/Kolkata')).toBe('2026-11-17 05:00');
    expect(formatLocal(new Date('2026-10-25T00:30:59Z'), 'Europe/London')).toBe('2026-10-25 01:30');
  });
});

describe('working-day calendars', () => {
  test('started on a Thursday with `days: weekdays`: day 3 is Monday, day 5 Wednesday', () => {
    const occ = channelSchedule(settings({ start: '2026-11-19', rule: 'weekdays' }), none);
    expect(occ.map((o) => [o.day, o.localDate])).toEqual([
      [1, '2026-11-19'], [2, '2026-11-20'], [3, '2026-11-23'], [4, '2026-11-24'], [5, '2026-11-25'],
    ]);
    expect(iso(occ[2]!.at)).toBe('2026-11-23T09:00Z');
  });

  test('a skipped date moves that day and the ones after it to the next working day; calendar days stay the default', () => {
    const occ = channelSchedule(settings({ start: '2026-11-16', skip: ['2026-11-18'] }), none);
    expect(occ.map((o) => o.localDate)).toEqual(['2026-11-16', '2026-11-17', '2026-11-19', '2026-11-20', '2026-11-21']);
    const both = channelSchedule(settings({ start: '2026-11-16', rule: 'weekdays', skip: ['2026-11-20'] }), none);
    expect(both.map((o) => o.localDate)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-23']);
  });

  test('a start on a weekend with `weekdays` begins on Monday', () => {
    const occ = channelSchedule(settings({ start: '2026-11-21', rule: 'weekdays', days: [1, 2] }), none);
    expect(occ.map((o) => o.localDate)).toEqual(['2026-11-23', '2026-11-24']);
  });

  test('a weekly series keeps its cadence (1, 8, 15, 22) and moves only the post that falls on a skipped date or a weekend', () => {
    const occ = channelSchedule(settings({ start: '2026-11-02', days: [1, 8, 15, 22], skip: ['2026-11-09'] }), none);
    expect(occ.map((o) => [o.day, o.localDate])).toEqual([[1, '2026-11-02'], [8, '2026-11-10'], [15, '2026-11-16'], [22, '2026-11-23']]);
    const sat = channelSchedule(settings({ start: '2026-11-07', rule: 'weekdays', days: [1, 8] }), none);
    expect(sat.map((o) => o.localDate)).toEqual(['2026-11-09', '2026-11-16']);
  });
});
