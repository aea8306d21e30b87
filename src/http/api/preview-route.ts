import type express from 'express';
import { isChannelSpecError, parseChannelSpec } from '../../config';
import { isPreviewKind, PreviewError } from '../../core/preview';
import { previewText } from '../../preview-text';
import type { ApiDeps } from './deps';

/**
 * GET /v1/preview?kind=kickoff|day|week|digest|wrapup&n=N&programme=ID&channel=PLATFORM:ID: a
 * message as that channel would get it, as JSON with its text in the platform's rendering. Under
 * /v1, so behind the same access as exports (organizers and the web token). Nothing is sent.
 */
export function previewRoute(d: ApiDeps): express.RequestHandler {
  return async (req, res) => {
    const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : undefined);
    const kind = q('kind') ?? 'kickoff';
    if (!isPreviewKind(kind)) return void res.status(400).json({ error: 'kind must be kickoff, day, week, digest or wrapup' });
    const nText = q('n');
    if (nText !== undefined && !/^[1-9]\d{0,3}$/.test(nText)) return void res.status(400).json({ error: 'n must be a positive whole number' });
    const spec = q('channel') === undefined ? undefined : parseChannelSpec(q('channel')!);
    if (spec && isChannelSpecError(spec)) return void res.status(400).json({ error: `channel must look like PLATFORM:ID: ${spec.error}` });
    try {
      const preview = await d.core.preview({ kind, n: nText === undefined ? undefined : Number(nText) }, { programme: q('programme'), channel: spec ?? undefined });
      res.json({ ...preview, text: previewText(preview) });
    } catch (err) {
      if (err instanceof PreviewError) return void res.status(400).json({ error: err.message });
      throw err;
    }
  };
}
