import express from 'express';
import { channelSchedule } from '../core/calendar';
import { toCsv, toMarkdown } from '../core/export-formats';
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

  // The sponsor's figures. `?run=START` names a run by its start date; only the current one exists yet.
  r.get('/v1/stats', async (req, res) => {
    const run = req.query.run;
    if (run !== undefined && (typeof run !== 'string' || run !== d.core.settings.start)) return void res.status(404).json({ error: `no run starting ${String(run)}; the current run starts ${d.core.settings.start}` });
    res.json(await buildStats(d.core.settings, d.store));
  });

  // Until runs are kept (the runs helper's work), the current run is the only one: the page asks
  // here for its run chooser, and a missing route would be a 404 in every visitor's console.
  r.get('/v1/runs', (_req, res) => {
    const s = d.core.settings;
    res.json({ runs: [{ id: s.start, programme: s.programme.id, start: s.start, current: true }] });
  });

  r.get('/v1/export', async (req, res) => {
    const format = typeof req.query.format === 'string' ? req.query.format : 'json';
    const dayQ = typeof req.query.day === 'string' ? req.query.day : undefined;
    const day = dayQ === undefined ? undefined : Number(dayQ);
    if (day !== undefined && !(Number.isInteger(day) && day > 0)) return void res.status(400).json({ error: 'day must be a positive integer' });
    if (!['json', 'csv', 'md'].includes(format)) return void res.status(400).json({ error: 'format must be json, csv or md' });
    const { posts } = await d.core.exportPosts({ day });
    if (format === 'csv') return void res.type('text/csv; charset=utf-8').send(toCsv(posts));
    if (format === 'md') return void res.type('text/markdown; charset=utf-8').send(toMarkdown(posts, d.core.settings.programme.title));
    res.json({ posts });
  });

  return r;
}
