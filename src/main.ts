/** Composition root of the server: `npm start`. */
import { startWolbot } from './app';
import { hasCode } from './core/ports/coded-error';
import { processEnv } from './config/process-env';

async function main(): Promise<void> {
  let app: Awaited<ReturnType<typeof startWolbot>>;
  try {
    app = await startWolbot({ env: processEnv(), cwd: process.cwd(), loadDotenv: true });
  } catch (err) {
    if (hasCode(err, 'config_invalid')) {
      process.stderr.write(`wolbot cannot start: the configuration has problems:\n${err.message}\n`);
    } else {
      process.stderr.write(`wolbot cannot start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    }
    // Everything opened was closed: Node exits by itself once stderr drained. Should a library
    // still hold the loop, exit anyway rather than stay up serving nothing.
    process.exitCode = 1;
    setTimeout(() => {
      process.stderr.write('wolbot: something was still open after a failed start; exiting\n');
      process.exit(1);
    }, 5000).unref();
    return;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping: no new work, finishing posts in flight');
    app
      .stop()
      .then(() => {
        app.logger.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        app.logger.error({ err }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (err) => app.logger.error({ err }, 'unhandled rejection'));
}

void main();
