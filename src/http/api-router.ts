import express from 'express';
import { channelSchedule } from '../core/calendar';
import { toCsv, toMarkdown } from '../core/export-formats';
import { buildExport } from '../core/export';
import { currentRun, parseRunId, runId } from '../core/runs';
import { buildStats } from '../core/stats';
import type { Store } from '../core/ports/store';
import type { WolbotCore } from '../core/wolbot-core';

/** The read side of the JSON API under /v1 (the sandbox's writes live in adapters/local). */
export function apiRouter(d: { core: WolbotCore; store: Store }): express.Router {
  const r = express.Router();

  r.get('/v1/status', async (_req, res) => {
    const s = await d.core.status();
    // Each day's date in the programme's own zone: the page heads its days with it.
    const schedule = channelSchedule(d.core.settings, { timezone: null, time: null }).map((o) => ({ day: o.day, theme: o.theme, date: o.localDate }));
    res.json({
      programme: { ...s.programme, schedule },
      channels: s.channels.map((c) => ({
        channel: c.label,
        name: c.channel.name,
        source: c.channel.source,
        platform: c.channel.platform,
        id: c.channel.channelId,
        timezone: c.timezone,
        time: c.time,
        active: c.channel.active,
        paused: c.channel.paused,
        inactiveReason: c.channel.inactiveReason,
        platformOn: c.enabled,
        next: c.next ? { day: c.next.day, theme: c.next.theme, local: `${c.next.localDate} ${c.next.localTime}`, utc: c.next.at.toISOString() } : null,
        days: c.rows.map((row) => ({ day: row.day, theme: row.theme, local: `${row.localDate} ${row.localTime}`, utc: row.at.toISOString(), state: row.state, reason: row.delivery?.reason ?? null, postedAt: row.delivery?.postedAt?.toISOString() ?? null })),
      })),
    });
  });

  /** Every run with prompts in the ledger, and the current one (which may have none yet). */
  const knownRuns = async (): Promise<string[]> => {
    const ids = new Set((await d.store.listDeliveries({ kinds: ['prompt'] })).map((x) => x.run));
    ids.add(currentRun(d.core.settings));
    return [...ids];
  };
  /** `?run=START` (the start date of one of this programme's runs) → a run id; undefined = current. */
  const runOf = async (req: express.Request, res: express.Response): Promise<string | null | undefined> => {
    const q = req.query.run;
    if (q === undefined) return undefined;
    const id = typeof q === 'string' ? runId(d.core.settings.programme.id, q) : '';
    if (id && (await knownRuns()).includes(id)) return id;
    res.status(404).json({ error: `no run starting ${String(q)}; the current run starts ${d.core.settings.start}` });
    return null;
  };

  // The sponsor's figures for the current run, or `?run=START`.
  r.get('/v1/stats', async (req, res) => {
    const run = await runOf(req, res);
    if (run === null) return;
    res.json(await buildStats(d.core.settings, d.store, { run }));
  });

  // The page's run chooser: the runs of this programme the ledger holds, newest first.
  r.get('/v1/runs', async (_req, res) => {
    const current = currentRun(d.core.settings);
    const runs = (await knownRuns())
      .map((id) => ({ id, ...parseRunId(id), current: id === current }))
      .filter((x) => x.programme === d.core.settings.programme.id)
      .sort((a, b) => b.start.localeCompare(a.start));
    res.json({ runs });
  });

  r.get('/v1/export', async (req, res) => {
    const format = typeof req.query.format === 'string' ? req.query.format : 'json';
    const dayQ = typeof req.query.day === 'string' ? req.query.day : undefined;
    const day = dayQ === undefined ? undefined : Number(dayQ);
    if (day !== undefined && !(Number.isInteger(day) && day > 0)) return void res.status(400).json({ error: 'day must be a positive integer' });
    if (!['json', 'csv', 'md'].includes(format)) return void res.status(400).json({ error: 'format must be json, csv or md' });
    const run = await runOf(req, res);
    if (run === null) return;
    const { posts } = run === undefined ? await d.core.exportPosts({ day }) : await buildExport(d.core.settings, d.store, { day, run });
    if (format === 'csv') return void res.type('text/csv; charset=utf-8').send(toCsv(posts));
    if (format === 'md') return void res.type('text/markdown; charset=utf-8').send(toMarkdown(posts, d.core.settings.programme.title, await d.core.reportContext(run === undefined ? {} : { run })));
    res.json({ posts });
  });

  return r;
}
