/** The built-in demo config: runs the founding programme in the local sandbox, starting now. */
import path from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { ProgrammeSettings, WolSettings } from '../core/settings';
import { ConfigError } from './config-error';
import { parseDuration } from './duration';
import { DEFAULT_GRACE, DEFAULT_RETENTION, type LoadedSettings } from './organizer';
import { readProgrammeFile, schedulesDir } from './programme-file';
import { SANDBOX } from '../platforms';

export interface DemoAnchor {
  /** YYYY-MM-DD */
  start: string;
  /** HH:MM */
  time: string;
  timezone: string;
}

/** The anchor as the store keeps it (meta `demo.anchor`, JSON). */
const storedAnchor = z.object({
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  timezone: z.string().min(1),
});

/** The demo's start as the store kept it, or a clear error when the stored text is not one. */
export function readDemoAnchor(text: string): DemoAnchor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const r = storedAnchor.safeParse(value);
  if (!r.success) throw new Error(`the store's demo.anchor is not a demo start (${text.slice(0, 80)}); delete that meta row to start the demo anew`);
  return r.data;
}

export const DEMO_CONFIG_FILE = '(built-in demo)';
export const DEMO_PROGRAMME = 'wol-week';
export const DEMO_ADMIN = 'sandbox-user';

/** The machine's zone, today's local date and the current minute (rounded down): day 1 is due now. */
export function demoAnchor(now: Date): DemoAnchor {
  const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timezone = machine && IANAZone.isValidZone(machine) ? machine : 'UTC';
  const local = DateTime.fromJSDate(now, { zone: timezone });
  return { start: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm'), timezone };
}

export function demoSettings(anchor: DemoAnchor, cwd: string): LoadedSettings {
  const programmeFile = path.join(schedulesDir(), `${DEMO_PROGRAMME}.yaml`);
  const p = readProgrammeFile(programmeFile, cwd);
  if (!p.programme) throw new ConfigError(p.problems);
  const programme: ProgrammeSettings = {
    programme: p.programme,
    start: anchor.start,
    time: anchor.time,
    timezone: anchor.timezone,
    graceMs: parseDuration(DEFAULT_GRACE)!,
    channels: [{ platform: SANDBOX, channelId: 'general' }],
  };
  const settings: WolSettings = {
    ...programme,
    programmes: [programme],
    retentionMs: parseDuration(DEFAULT_RETENTION)!,
    admins: [DEMO_ADMIN],
  };
  return { settings, configFile: DEMO_CONFIG_FILE, programmeFile, programmeFiles: [programmeFile], demo: true };
}
