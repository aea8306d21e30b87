import type express from 'express';
import { programmeOfRun } from '../../core/campaigns';
import { buildStats } from '../../core/stats';
import type { ApiDeps } from './deps';
import { runsOf } from './run-query';

/** GET /v1/stats: the sponsor's figures for the current run (the first programme's), or `?run=`. */
export function statsRoute(d: Pick<ApiDeps, 'core' | 'store'>): express.RequestHandler {
  return async (req, res) => {
    const runs = await runsOf(d.core, req, res);
    if (runs === null) return;
    res.json(await buildStats(d.core.settings, d.store, { run: runs?.find((x) => programmeOfRun(d.core.settings, x)) }));
  };
}

/** GET /v1/runs: the page's run chooser — every run the ledger holds and each programme's current one, newest first. */
export function runsRoute(d: Pick<ApiDeps, 'core'>): express.RequestHandler {
  return async (_req, res) => {
    res.json({ runs: await d.core.runs() });
  };
}
