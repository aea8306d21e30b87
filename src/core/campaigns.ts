/**
 * Which programme (and so which run) a channel belongs to, and how runs are named on the CLI and
 * in the API. A channel is in at most one programme (the config refuses two); a channel not named
 * in any (subscribed at run time) belongs to the first.
 */
import { channelLabel } from './channels';
import { parseRunId, runId } from './runs';
import type { ProgrammeSettings, WolSettings } from './settings';

export function programmeFor(settings: WolSettings, ch: { platform: string; channelId: string }): ProgrammeSettings {
  const label = channelLabel(ch);
  return settings.programmes.find((p) => p.channels.some((c) => channelLabel(c) === label)) ?? settings.programmes[0]!;
}

/** The programme whose runs carry this id (by programme id), if it is still configured. */
export function programmeOfRun(settings: WolSettings, run: string): ProgrammeSettings | undefined {
  const id = parseRunId(run).programme;
  return settings.programmes.find((p) => p.programme.id === id);
}

/** The current run of each programme. */
export function currentRuns(settings: WolSettings): string[] {
  return [...new Set(settings.programmes.map((p) => runId(p.programme.id, p.start)))];
}

/** A programme's settings as they were for one of its runs (its start). */
export function asRun(p: ProgrammeSettings, run: string): ProgrammeSettings {
  const { start } = parseRunId(run);
  return start && start !== p.start ? { ...p, start } : p;
}

/**
 * `--run START` / `?run=`: a start date (every programme's run from that date) or a whole run id
 * (`wol-week@2026-11-16`). Undefined means the current runs. Null when the text is neither.
 */
export function runsNamed(settings: WolSettings, q: string | undefined): string[] | null {
  if (q === undefined) return currentRuns(settings);
  const s = q.trim();
  if (/^[^@\s]+@\d{4}-\d{2}-\d{2}$/.test(s)) return [s];
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return [...new Set(settings.programmes.map((p) => runId(p.programme.id, s)))];
  return null;
}
