import type { IncomingMessage } from 'node:http';

/** Why a body was not read whole: larger than allowed, or the client went away / sent it broken. */
export type BodyProblem = 'too_large' | 'aborted';

/**
 * Reads a request body up to `limit` bytes without express's body parser (the ingest hot path).
 * A declared Content-Length over the limit is refused before a byte is read; a body that grows
 * past it stops being kept. Node discards what is left unread once the answer is sent, and the
 * server's request timeout bounds how long that may take. `onChunk` sees each chunk as it comes
 * (the signature is hashed while the body arrives).
 */
export function readBody(req: IncomingMessage, limit: number, onChunk?: (chunk: Buffer) => void): Promise<Buffer | BodyProblem> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.resolve('too_large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: Buffer | BodyProblem) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return done('too_large');
      onChunk?.(chunk);
      chunks.push(chunk);
    };
    const onEnd = () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const onError = () => done('aborted');
    // 'close' before 'end': the client went away mid-body.
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}
