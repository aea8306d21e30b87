import type express from 'express';
import { programmeOfRun } from '../../core/campaigns';
import { currentRun } from '../../core/runs';
import { buildStats } from '../../core/stats';
import type { ApiDeps } from './deps';
import { holds } from '../scope';
import { runsOf } from './run-query';
import { outside, scopeFor, visibleRuns } from './scoped';

/**
 * GET /v1/stats: the sponsor's figures for the current run (the first programme's), or `?run=`.
 * A signed-in person gets the figures of their channels in their runs only (403 for another run).
 */
export function statsRoute(d: Pick<ApiDeps, 'core' | 'store' | 'scope'>): express.RequestHandler {
  return async (req, res) => {
    const scope = await scopeFor(d, res);
    if (!scope) return;
    const runs = await runsOf(d.core, req, res);
    if (runs === null) return;
    const visible = await visibleRuns(d, scope);
    if (outside(res, visible, runs)) return;
    // Without ?run=: the first programme's current run, or for a person the first run they may see.
    const mine = visible && !runs ? d.core.settings.programmes.map(currentRun).find((r) => visible.has(r)) : undefined;
    if (visible && !runs && !mine) return void res.status(403).json({ error: 'no programme of yours runs here' });
    const run = mine ?? runs?.find((x) => programmeOfRun(d.core.settings, x));
    res.json(await buildStats(d.core.settings, d.store, { run, ...(scope.all ? {} : { channels: (c) => holds(scope, c) }) }));
  };
}

/** GET /v1/runs: the page's run chooser — every run the ledger holds and each programme's current one (those the asker may see), newest first. */
export function runsRoute(d: Pick<ApiDeps, 'core' | 'store' | 'scope'>): express.RequestHandler {
  return async (_req, res) => {
    const scope = await scopeFor(d, res);
    if (!scope) return;
    const visible = await visibleRuns(d, scope);
    res.json({ runs: (await d.core.runs()).filter((r) => !visible || visible.has(r.id)) });
  };
}
