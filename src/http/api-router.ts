import express from 'express';
import type { ApiDeps } from './api/deps';
import { exportRoute } from './api/export-route';
import { previewRoute } from './api/preview-route';
import { offersRoute } from './api/offers-route';
import { runsRoute, statsRoute } from './api/stats-route';
import { statusRoute } from './api/status-route';
import { forgetRoute, meRoute } from './api/me-route';

/** The read side of the JSON API under /v1 (the sandbox's writes live in adapters/local); a file a route in api/. */
export function apiRouter(d: ApiDeps): express.Router {
  const r = express.Router();
  r.get('/v1/status', statusRoute(d));
  r.get('/v1/stats', statsRoute(d));
  r.get('/v1/runs', runsRoute(d));
  r.get('/v1/export', exportRoute(d));
  r.get('/v1/preview', previewRoute(d));
  // The gallery's shares: the export's JSON, open to members within their scope.
  r.get('/v1/shares', exportRoute({ ...d, shares: true }));
  r.get('/v1/me', meRoute(d));
  r.post('/v1/forget', forgetRoute(d));
  r.get('/v1/offers', offersRoute(d));
  return r;
}
