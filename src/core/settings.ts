import type { Platform } from './ports/platform';
import type { Programme } from './programme';

/** A channel named in the organizer config. */
export interface ConfiguredChannel {
  platform: Platform;
  channelId: string;
  timezone?: string;
  time?: string;
}

/** The organizer config after validation: what the core needs, nothing platform-specific. */
export interface WolSettings {
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
  /** How late (ms) a post missed by downtime is still made. */
  graceMs: number;
  /** How long (ms) replies are kept. */
  retentionMs: number;
  admins: string[];
  channels: ConfiguredChannel[];
}
