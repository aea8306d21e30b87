import type { Platform } from './ports/platform';
import type { Programme } from './programme';

/** A channel named in the organizer config. */
export interface ConfiguredChannel {
  platform: Platform;
  channelId: string;
  timezone?: string;
  time?: string;
}

/** Which local dates count as days: every date, or Monday to Friday only. */
export type DaysRule = 'calendar' | 'weekdays';

/** One programme as the organizer runs it: a programme file, a start, times, a calendar, channels. */
export interface ProgrammeSettings {
  programme: Programme;
  /** ISO local date of day 1, e.g. 2026-11-16. */
  start: string;
  /** HH:MM local time of each day's post. */
  time: string;
  /** Default IANA zone. */
  timezone: string;
  /** HH:MM local time of the daily digest, if any. */
  digest?: string;
  /** A day nobody shared: `nudge` (default) posts one encouraging line, `skip` posts nothing. */
  digestQuiet?: 'skip' | 'nudge';
  /** `connections: true`: a round of introductions once a day after the digest (issue 25). */
  connections?: boolean;
  /** How late (ms) a post missed by downtime is still made. */
  graceMs: number;
  /** `weekdays` moves a post off Saturday and Sunday (default `calendar`). */
  days?: DaysRule;
  /** Local dates (YYYY-MM-DD) with no posts: a post due then moves to the next working day. */
  skip?: string[];
  /** This programme's configured channels. */
  channels: ConfiguredChannel[];
}

/**
 * The organizer config after validation: what the core needs, nothing platform-specific.
 * The top-level programme fields are the first programme's (the single-programme form is a list
 * of one), so code that knows one programme keeps working; `programmes` lists them all, and
 * `channels` is every programme's channels.
 */
export interface WolSettings extends ProgrammeSettings {
  /** Every programme; channels subscribed at run time join the first. */
  programmes: ProgrammeSettings[];
  /** How long (ms) replies are kept. */
  retentionMs: number;
  admins: string[];
}
