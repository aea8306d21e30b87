/**
 * A run is a programme started on a date in a set of channels. Its id keys the ledger, so a new
 * start date is a new run with nothing posted, and an old run's rows stay readable.
 */

/** `wol-week@2026-11-16`: programme id and local date of day 1. */
export function runId(programme: string, start: string): string {
  return `${programme}@${start}`;
}

/** The parts of a run id; the programme id itself never contains `@` (it is a file's base name). */
export function parseRunId(run: string): { programme: string; start: string } {
  const at = run.lastIndexOf('@');
  return at < 0 ? { programme: run, start: '' } : { programme: run.slice(0, at), start: run.slice(at + 1) };
}

/** The run a programme's settings describe now (its configured start). */
export function currentRun(s: { programme: { id: string }; start: string }): string {
  return runId(s.programme.id, s.start);
}
