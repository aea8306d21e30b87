import type express from 'express';
import { holds, type Scope } from '../scope';
import { viewerOf } from '../viewer';
import type { ApiDeps } from './deps';

/** Each request's scope, worked out once: the member gate and the route both ask for it. */
const perRequest = new WeakMap<express.Response, Promise<Scope>>();

/** The asker's scope; null when the access rule let nobody through (answered 401 here). */
export async function scopeFor(d: Pick<ApiDeps, 'scope'>, res: express.Response): Promise<Scope | null> {
  const viewer = viewerOf(res);
  if (!viewer) return void res.status(401).json({ error: 'sign in first' }), null;
  let scope = perRequest.get(res);
  if (!scope) perRequest.set(res, (scope = d.scope.of(viewer)));
  return scope;
}

/**
 * The runs a scope may see: those with a post in one of its channels, and each programme's current
 * run when one of its channels is the scope's. Null: every run (the operator).
 */
export async function visibleRuns(d: Pick<ApiDeps, 'core' | 'store'>, scope: Scope): Promise<Set<string> | null> {
  if (scope.all) return null;
  const runs = new Set<string>();
  for (const r of await d.store.listDeliveries({})) if (holds(scope, r)) runs.add(r.run);
  for (const p of (await d.core.status()).programmes) {
    if (p.channels.some((c) => holds(scope, c.channel))) runs.add(p.programme.run);
  }
  return runs;
}

/** 403 unless every run asked for is visible; true when it answered. */
export function outside(res: express.Response, visible: Set<string> | null, runs: readonly string[] | undefined): boolean {
  if (!visible || !runs || runs.every((r) => visible.has(r))) return false;
  res.status(403).json({ error: 'that run is not one of your programmes' });
  return true;
}
