import type express from 'express';
import { offersOf } from '../../core/connect/offers';
import { currentRun } from '../../core/runs';
import type { ApiDeps } from './deps';
import { runsOf } from './run-query';

/** GET /v1/offers[?run=START][&q=WORDS]: "who can help with what", the Day 1 offers of people who opted in. */
export function offersRoute(d: Pick<ApiDeps, 'core' | 'store'>): express.RequestHandler {
  return async (req, res) => {
    const runs = await runsOf(d.core, req, res);
    if (runs === null) return;
    const q = req.query.q;
    if (q !== undefined && (typeof q !== 'string' || q.length > 200)) return void res.status(400).json({ error: 'q must be one search text of at most 200 characters' });
    const run = runs?.[0] ?? currentRun(d.core.settings);
    res.json({ run, offers: await offersOf(d.core.settings, d.store, run, q) });
  };
}
