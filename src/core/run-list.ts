import { currentRuns } from './campaigns';
import type { Store } from './ports/store';
import { parseRunId } from './runs';
import type { WolSettings } from './settings';

/** One run as the page's chooser and the API list it. */
export interface RunInfo {
  /** programme@start, e.g. `wol-week@2026-11-16`: what `?run=` and `--run` accept. */
  id: string;
  programme: string;
  start: string;
  /** A programme's current run (its configured start). */
  current: boolean;
}

/**
 * Every run the ledger knows and each programme's current one, newest start first; `hide` leaves
 * out runs nobody should choose by default (the built-in demo's, once a real config is used).
 */
export async function listRuns(settings: WolSettings, store: Store, hide: readonly string[] = []): Promise<RunInfo[]> {
  const current = new Set(currentRuns(settings));
  const ids = new Set([...current, ...(await store.listRuns()).map((r) => r.run).filter((r) => current.has(r) || !hide.includes(r))]);
  return [...ids]
    .map((id) => ({ id, ...parseRunId(id), current: current.has(id) }))
    .sort((a, b) => b.start.localeCompare(a.start) || a.programme.localeCompare(b.programme));
}
