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
import type { WolSettings } from './settings';

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

/**
 * Every programme day for one channel, in day order: local date = start + (day - 1) days, at the
 * channel's time (or the default) in the channel's zone (or the default).
 */
export function channelSchedule(
  settings: WolSettings,
  ch: { timezone: string | null; time: string | null },
): Occurrence[] {
  const timezone = ch.timezone ?? settings.timezone;
  const localTime = ch.time ?? settings.time;
  return [...settings.programme.prompts]
    .sort((a, b) => a.day - b.day)
    .map((p) => {
      const localDate = addDays(settings.start, p.day - 1);
      return { day: p.day, theme: p.theme, timezone, localDate, localTime, at: localInstant(localDate, localTime, timezone) };
    });
}
