/**
 * Per-channel local dates and times of programme days. Pure: luxon only.
 *
 * Local times that a DST change makes odd are resolved like this (deliberately, not luxon's
 * default, which moves a gap time forward by the gap's length and picks the later of two
 * ambiguous instants):
 * - a local time that does not exist (spring-forward gap, e.g. 01:30 on 2027-03-28 in London)
 *   moves forward to the first valid instant, i.e. the moment of the change (02:00 BST = 01:00Z);
 * - a local time that happens twice (fall-back, e.g. 01:30 on 2026-10-25 in London) takes the
 *   first, earlier occurrence (01:30 BST = 00:30Z).
 */
import { DateTime, IANAZone } from 'luxon';
import type { ProgrammeSettings } from './settings';

export interface Occurrence {
  day: number;
  theme: string;
  timezone: string;
  /** YYYY-MM-DD in `timezone`. */
  localDate: string;
  /** HH:MM in `timezone` as configured (see the note on DST gaps above). */
  localTime: string;
  /** The UTC instant of the post. */
  at: Date;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

function zoneOf(name: string): IANAZone {
  if (!IANAZone.isValidZone(name)) throw new Error(`unknown IANA time zone: ${name}`);
  return IANAZone.create(name);
}

/** Offset (minutes east of UTC) of `zone` at instant `ms`. */
function offsetAt(zone: IANAZone, ms: number): number {
  return zone.offset(ms);
}

/** The UTC instant of a local wall-clock date and time in `zone` (DST rules above). */
export function localInstant(localDate: string, time: string, zone: string): Date {
  const d = DATE_RE.exec(localDate);
  const t = TIME_RE.exec(time);
  if (!d || !DateTime.fromISO(localDate).isValid) throw new Error(`not a YYYY-MM-DD date: ${localDate}`);
  if (!t) throw new Error(`not an HH:MM time: ${time}`);
  const z = zoneOf(zone);
  // The wall-clock time read as if it were UTC; the real instant is this minus the offset.
  const naive = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  const offsets = new Set([offsetAt(z, naive - DAY), offsetAt(z, naive), offsetAt(z, naive + DAY)]);
  const valid = [...offsets]
    .map((o) => naive - o * MINUTE)
    .filter((ms) => offsetAt(z, ms) * MINUTE === naive - ms);
  if (valid.length > 0) return new Date(Math.min(...valid)); // ambiguous: the earlier one
  // In a gap: find the transition between the two candidate instants (binary search, to the ms).
  const cands = [...offsets].map((o) => naive - o * MINUTE);
  let lo = Math.min(...cands);
  let hi = Math.max(...cands);
  const before = offsetAt(z, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(z, mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** The local date (YYYY-MM-DD) of an instant in `zone`. */
export function localDateOf(at: Date, zone: string): string {
  zoneOf(zone);
  return DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd');
}

/** 'YYYY-MM-DD HH:MM' of an instant in `zone`. */
export function formatLocal(at: Date, zone: string): string {
  zoneOf(zone);
  return DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** Calendar arithmetic on a local date: no zone involved, so DST cannot shift it. */
export function addDays(localDate: string, days: number): string {
  const dt = DateTime.fromISO(localDate, { zone: 'utc' });
  if (!DATE_RE.test(localDate) || !dt.isValid) throw new Error(`not a YYYY-MM-DD date: ${localDate}`);
  return dt.plus({ days }).toFormat('yyyy-MM-dd');
}

/** Is this local date one that gets posts under `days` and `skip`? */
export function isWorkingDay(localDate: string, p: Pick<ProgrammeSettings, 'days' | 'skip'>): boolean {
  if (p.skip?.includes(localDate)) return false;
  if (p.days === 'weekdays') {
    const weekday = DateTime.fromISO(localDate, { zone: 'utc' }).weekday; // 1 = Monday … 7 = Sunday
    if (weekday > 5) return false;
  }
  return true;
}

function nextWorkingDay(localDate: string, p: Pick<ProgrammeSettings, 'days' | 'skip'>): string {
  let d = localDate;
  // A week holds at least one weekday; a long list of skipped dates is bounded by its length.
  for (let i = 0; i <= 7 + (p.skip?.length ?? 0) && !isWorkingDay(d, p); i++) d = addDays(d, 1);
  return d;
}

/** A weekly series keeps its own cadence (1, 8, 15, …): each post moves off a non-working date alone. */
function isWeekly(p: ProgrammeSettings): boolean {
  if (p.programme.cadence) return p.programme.cadence === 'weekly';
  const days = [...new Set(p.programme.prompts.map((x) => x.day))].sort((a, b) => a - b);
  return days.length > 1 && days.slice(1).every((d, i) => d - days[i]! >= 7);
}

/**
 * The local date of each programme day. With every date a working day it is start + (day - 1).
 * Otherwise a daily programme counts working days (day N is the Nth working day from the start,
 * so a Thursday start with `weekdays` puts day 3 on Monday), and a weekly series keeps its dates
 * a week apart, each moved to the next working day when it falls on a skipped date or a weekend.
 */
export function programmeDates(p: ProgrammeSettings): Map<number, string> {
  const days = [...new Set(p.programme.prompts.map((x) => x.day))].sort((a, b) => a - b);
  const out = new Map<number, string>();
  if (p.days !== 'weekdays' && !(p.skip?.length)) {
    for (const d of days) out.set(d, addDays(p.start, d - 1));
    return out;
  }
  if (isWeekly(p)) {
    for (const d of days) out.set(d, nextWorkingDay(addDays(p.start, d - 1), p));
    return out;
  }
  let date = nextWorkingDay(p.start, p);
  let n = 1;
  for (const d of days) {
    for (; n < d; n++) date = nextWorkingDay(addDays(date, 1), p);
    out.set(d, date);
  }
  return out;
}

/**
 * Every programme day for one channel, in day order: the programme's local date for the day (see
 * programmeDates), at the channel's time (or the default) in the channel's zone (or the default).
 */
export function channelSchedule(
  settings: ProgrammeSettings,
  ch: { timezone: string | null; time: string | null },
): Occurrence[] {
  const timezone = ch.timezone ?? settings.timezone;
  const localTime = ch.time ?? settings.time;
  const dates = programmeDates(settings);
  return [...settings.programme.prompts]
    .sort((a, b) => a.day - b.day)
    .map((p) => {
      const localDate = dates.get(p.day)!;
      return { day: p.day, theme: p.theme, timezone, localDate, localTime, at: localInstant(localDate, localTime, timezone) };
    });
}
