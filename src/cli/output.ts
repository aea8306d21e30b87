import { once } from 'node:events';

/**
 * Writes to stdout that never cut a result short. Pipe writes are asynchronous: a process that
 * exits right after a big write loses what the pipe had not taken yet (64 KB), so chunks are
 * written with back-pressure and the CLI exits only once stdout and stderr have drained.
 */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  try {
    for await (const c of chunks) {
      if (c.length > 0 && !stream.write(c)) await once(stream, 'drain');
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err; // the reader left (`| head`)
  }
}

/** Resolves when everything written to `stream` so far has been handed to the OS. */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    if ((stream as { destroyed?: boolean }).destroyed) return resolve();
    stream.write('', () => resolve());
  });
}

/** `wolbot export | head` closes the pipe early: that is the reader's choice, not an error. */
export function quietOnClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exitCode ??= 0;
  });
}

/**
 * Ends the CLI: sets the exit code and lets Node exit once stdout and stderr have drained. A
 * handle a library left open (a keep-alive socket) must not hold the process: after the drain it
 * gets a moment, then the process exits with the same code.
 */
export async function finish(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  setTimeout(() => process.exit(code), 1000).unref();
}
