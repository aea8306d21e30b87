import { once } from 'node:events';
import type express from 'express';
import type { Logger } from '../../core/ports/logger';

/** A client that takes none of the answer for this long is cut off: it holds a chunk and a slot. */
export const STALL_MS = 30_000;

class Stalled extends Error {}

/** Resolves once the client has taken what was written; throws Stalled after `ms` without. */
async function drained(res: express.Response, signal: AbortSignal, ms: number): Promise<void> {
  const timer = AbortSignal.timeout(ms);
  try {
    await once(res, 'drain', { signal: AbortSignal.any([signal, timer]) });
  } catch (err) {
    if (timer.aborted && !signal.aborted) throw new Stalled(`no drain within ${ms} ms`);
    throw err;
  }
}

/**
 * Writes chunks to an HTTP answer as they come, with back-pressure, so an answer of any size holds
 * a page at a time. The first chunk is taken before the status and headers go out: a failure up to
 * there is thrown, and the app answers it with its usual JSON error. A failure after the first byte
 * cuts the connection (the client sees an incomplete answer, never a complete-looking wrong one).
 * A client that leaves stops the reading: the source is closed and no further page is read; one
 * that stops reading for STALL_MS is cut off. So an answer holds a chunk and the socket's buffer.
 */
export async function streamResponse(res: express.Response, contentType: string, chunks: AsyncIterable<string>, logger: Logger, opts: { stallMs?: number } = {}): Promise<void> {
  const source = chunks[Symbol.asyncIterator]();
  const gone = new AbortController();
  const leave = () => gone.abort();
  res.once('close', leave);
  const stallMs = opts.stallMs ?? STALL_MS;
  try {
    let next = await source.next();
    if (gone.signal.aborted) return;
    res.status(200).type(contentType);
    try {
      while (!next.done && !gone.signal.aborted) {
        if (next.value && !res.write(next.value)) await drained(res, gone.signal, stallMs);
        next = await source.next();
      }
    } catch (err) {
      if (gone.signal.aborted) return; // the client left while we waited to write
      if (err instanceof Stalled) {
        logger.warn({ stallMs }, 'a client stopped reading a streamed answer: connection cut');
        res.destroy();
        return;
      }
      logger.error({ err }, 'streamed answer failed after its first byte: connection cut');
      res.destroy(err as Error);
      return;
    }
    if (!gone.signal.aborted) res.end();
  } finally {
    res.off('close', leave);
    // Left before the end (the client went away): close the source so it reads no further.
    await source.return?.();
  }
}
