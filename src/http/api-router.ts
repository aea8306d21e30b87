import express from 'express';
import { channelSchedule } from '../core/calendar';
import { toCsv, toMarkdown } from '../core/export-formats';
import { buildStats } from '../core/stats';
import { asRun, programmeOfRun, runsNamed } from '../core/campaigns';
import type { ProgrammeSettings } from '../core/settings';
import type { ChannelStatus } from '../core/status';
import type { Store } from '../core/ports/store';
import type { WolbotCore } from '../core/wolbot-core';

/** The read side of the JSON API under /v1 (the sandbox's writes live in adapters/local). */
export function apiRouter(d: { core: WolbotCore; store: Store }): express.Router {
  const r = express.Router();

  r.get('/v1/status', async (_req, res) => {
    const s = await d.core.status();
    const settings = d.core.settings;
    // Each day's date in the programme's own zone: the page heads its days with it.
    const scheduleOf = (p: ProgrammeSettings) => channelSchedule(p, { timezone: null, time: null }).map((o) => ({ day: o.day, theme: o.theme, date: o.localDate }));
    res.json({
      // The first programme and every channel flat: the single-programme shape, kept as it was.
      programme: { ...s.programme, schedule: scheduleOf(settings) },
      channels: s.channels.map(channelJson),
      // Each programme's run: its schedule and its own channels (each day's state in every channel).
      programmes: s.programmes.map((ps) => {
        const p = ps.programme;
        const configured = programmeOfRun(settings, p.run);
        return {
          id: p.id,
          title: p.title,
          run: { id: p.run, start: p.start },
          current: p.current,
          timezone: p.timezone,
          time: p.time,
          schedule: configured ? scheduleOf(asRun(configured, p.run)) : [],
          channels: ps.channels.map(channelJson),
        };
      }),
    });
  });

  /**
   * `?run=` → the runs it names that exist: a start date (each programme's run from that date) or
   * a run id (`wol-week@2026-11-16`). Undefined = the current runs; null = answered 400/404 here.
   */
  const runsOf = async (req: express.Request, res: express.Response): Promise<string[] | null | undefined> => {
    const q = req.query.run;
    if (q === undefined) return undefined;
    const named = typeof q === 'string' ? runsNamed(d.core.settings, q) : null;
    if (!named) return void res.status(400).json({ error: 'run must be a start date YYYY-MM-DD or a run id like wol-week@2026-11-16' }), null;
    const known = new Set((await d.core.runs()).map((x) => x.id));
    const runs = named.filter((x) => known.has(x));
    if (runs.length) return runs;
    res.status(404).json({ error: `no run starting ${String(q)}; GET /v1/runs lists them` });
    return null;
  };

  // The sponsor's figures for the current run (the first programme's), or `?run=`.
  r.get('/v1/stats', async (req, res) => {
    const runs = await runsOf(req, res);
    if (runs === null) return;
    res.json(await buildStats(d.core.settings, d.store, { run: runs?.find((x) => programmeOfRun(d.core.settings, x)) }));
  });

  // The page's run chooser: every run the ledger holds and each programme's current one, newest first.
  r.get('/v1/runs', async (_req, res) => {
    res.json({ runs: await d.core.runs() });
  });

  r.get('/v1/export', async (req, res) => {
    const format = typeof req.query.format === 'string' ? req.query.format : 'json';
    const dayQ = typeof req.query.day === 'string' ? req.query.day : undefined;
    const day = dayQ === undefined ? undefined : Number(dayQ);
    if (day !== undefined && !(Number.isInteger(day) && day > 0)) return void res.status(400).json({ error: 'day must be a positive integer' });
    if (!['json', 'csv', 'md'].includes(format)) return void res.status(400).json({ error: 'format must be json, csv or md' });
    const runs = await runsOf(req, res);
    if (runs === null) return;
    const { posts } = await d.core.exportPosts({ day, runs });
    if (format === 'csv') return void res.type('text/csv; charset=utf-8').send(toCsv(posts));
    if (format === 'md') return void res.type('text/markdown; charset=utf-8').send(toMarkdown(posts, d.core.settings.programme.title, await d.core.reportContext({ run: runs?.[0] })));
    res.json({ posts });
  });

  return r;
}

/** One channel's line in /v1/status: its zone and time, and each day's state in its local time. */
function channelJson(c: ChannelStatus) {
  return {
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
  };
}
