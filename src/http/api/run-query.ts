import type express from 'express';
import { runsNamed } from '../../core/campaigns';
import type { WolbotCore } from '../../core/wolbot-core';

/**
 * `?run=` → the runs it names that exist: a start date (each programme's run from that date) or
 * a run id (`wol-week@2026-11-16`). Undefined = the current runs; null = answered 400/404 here.
 */
export async function runsOf(core: WolbotCore, req: express.Request, res: express.Response): Promise<string[] | null | undefined> {
  const q = req.query.run;
  if (q === undefined) return undefined;
  const named = typeof q === 'string' ? runsNamed(core.settings, q) : null;
  if (!named || typeof q !== 'string') return void res.status(400).json({ error: 'run must be a start date YYYY-MM-DD or a run id like wol-week@2026-11-16' }), null;
  const known = new Set((await core.runs({ all: true })).map((x) => x.id));
  const runs = named.filter((x) => known.has(x));
  if (runs.length) return runs;
  res.status(404).json({ error: `no run starting ${q}; GET /v1/runs lists them` });
  return null;
}
