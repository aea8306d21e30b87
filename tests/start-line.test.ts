/** The operator's start line names the next post as the programme's organizers say it. */
import { startWolbot } from '../src/app';
import { FakeClock } from './helpers/fake-clock';
import { logSink, tempWorkspace } from './helpers/workspace';

describe('the start line', () => {
  test.each([
    ['weekly-habits', 'next post: week 1 (day 1) in local:circle at 2026-11-16 09:00 Europe/London'],
    ['wol-week', 'next post: day 1 in local:circle at 2026-11-16 09:00 Europe/London'],
  ])('%s: %s', async (program, line) => {
    const ws = tempWorkspace(`program: ${program}\nstart: 2026-11-16\ntime: "09:00"\ntimezone: Europe/London\nchannels: [local:circle]\n`);
    const log = logSink();
    const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'info' }, cwd: ws.dir, clock: new FakeClock('2026-11-12T12:00:00Z'), cron: false, port: 0, logStream: log.stream });
    try {
      expect(log.text()).toContain(line);
    } finally {
      await app.stop();
      ws.cleanup();
    }
  });
});
