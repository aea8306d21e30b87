import type { Response } from 'express';
import type { WebSession } from './signin/web-sessions';

/**
 * Who is asking, as the page's access rule found out: the operator (WEB_TOKEN, or the pure demo
 * on loopback, where everything is open) or a signed-in person.
 */
export type Viewer = { kind: 'operator' } | { kind: 'person'; session: WebSession };

export function setViewer(res: Response, v: Viewer): void {
  res.locals.viewer = v;
}

/** The viewer the access rule set; a route reached without one sees nothing (never everything). */
export function viewerOf(res: Response): Viewer | null {
  const v = res.locals.viewer as Viewer | undefined;
  return v ?? null;
}
