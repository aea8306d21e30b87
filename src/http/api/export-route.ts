import type express from 'express';
import { streamExport } from '../../core/export';
import { currentRun } from '../../core/runs';
import { exportChunksFrom, isExportFormat, programmeDays, type ExportFormat } from '../../core/export-stream';
import type { ApiDeps } from './deps';
import { holds, type Scope } from '../scope';
import { runsOf } from './run-query';
import { outside, scopeFor, visibleRuns } from './scoped';
import { streamResponse } from './stream-response';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/**
 * Exports at once per server, beyond which 503 with Retry-After: each holds a page of replies
 * (EXPORT_PAGE_CHARS) and what its client has not taken yet, so a few in flight bound the memory.
 */
export const EXPORT_LIMITS = { concurrent: 4, retryAfterS: 5 } as const;

/**
 * GET /v1/export?format=json|csv|md&day=N&run=START: the collected threads, streamed a page of
 * replies at a time (JSON as JSON.stringify gives it, CSV and the Markdown report as the CLI
 * writes them). Bad parameters are answered 400/404 before anything is read. `pageSize`: replies
 * read at once (default the export's page). At most EXPORT_LIMITS.concurrent run at once; a client
 * that stops reading is cut off after STALL_MS.
 */
export function exportRoute(d: ApiDeps & { pageSize?: number; maxConcurrent?: number; stallMs?: number; shares?: boolean }): express.RequestHandler {
  let running = 0;
  const max = d.maxConcurrent ?? EXPORT_LIMITS.concurrent;
  return async (req, res) => {
    const scope = await scopeFor(d, res);
    if (!scope) return;
    // Exports are the organizers' (and the operator's); members read the gallery's shares instead.
    if (!d.shares && !scope.all && !scope.organizer) return void res.status(403).json({ error: 'exports are for organizers' });
    const format = typeof req.query.format === 'string' && !d.shares ? req.query.format : 'json';
    const dayQ = typeof req.query.day === 'string' ? req.query.day : undefined;
    const day = dayQ === undefined ? undefined : Number(dayQ);
    if (day !== undefined && !(Number.isInteger(day) && day > 0)) return void res.status(400).json({ error: 'day must be a positive integer' });
    if (!isExportFormat(format)) return void res.status(400).json({ error: 'format must be json, csv or md' });
    const days = programmeDays(d.core.settings);
    if (day !== undefined && !days.includes(day)) return void res.status(400).json({ error: `no programme has a day ${day}; its days are ${days.join(', ')}` });
    const asked = await runsOf(d.core, req, res);
    if (asked === null) return;
    const runs = await narrowRuns(d, res, scope, asked);
    if (runs === null) return;
    // HEAD: the headers GET would send, without reading the whole export to throw it away.
    if (req.method === 'HEAD') return void res.status(200).type(CONTENT_TYPES[format]).end();
    if (running >= max) {
      d.logger.warn({ running }, 'refused an export: too many running');
      return void res.set('Retry-After', String(EXPORT_LIMITS.retryAfterS)).status(503).json({ error: `${max} exports are running; try again in a few seconds` });
    }
    running++;
    try {
      const md = format === 'md';
      const report = md ? await d.core.reportContext({ runs }) : undefined;
      const channels = scope.all ? undefined : (c: { platform: string; channelId: string }) => holds(scope, c);
      const posts = await primed(streamExport(d.core.settings, d.store, { day, runs, counted: md, pageSize: d.pageSize, channels }));
      await streamResponse(res, CONTENT_TYPES[format], exportChunksFrom(posts, format, d.core.settings.programme.title, report, { compact: true }), d.logger, { stallMs: d.stallMs });
    } finally {
      running--;
    }
  };
}

/**
 * The runs to read for this scope: those asked for (403 when one is not the asker's), else the
 * current runs the asker may see. Undefined: every current run (the operator); null: answered.
 */
async function narrowRuns(d: ApiDeps, res: express.Response, scope: Scope, asked: string[] | undefined): Promise<string[] | undefined | null> {
  const visible = await visibleRuns(d, scope);
  if (outside(res, visible, asked)) return null;
  if (!visible || asked) return asked;
  return d.core.settings.programmes.map(currentRun).filter((r) => visible.has(r));
}

/**
 * The first post read before anything is written (the ledger, its reactions): a store that fails
 * at once still gets a JSON error rather than a cut answer.
 */
async function primed<T>(source: AsyncGenerator<T, void, undefined>): Promise<AsyncGenerator<T, void, undefined>> {
  const first = await source.next();
  return (async function* () {
    try {
      if (first.done) return;
      yield first.value;
      yield* source;
    } finally {
      await source.return();
    }
  })();
}

