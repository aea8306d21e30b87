import { startWolbot } from '../../src/app';
import type { Clock } from '../../src/core/ports/clock';
import { appForTests, type AppForTests } from './workspace';

/**
 * The whole app with only the sandbox on (local: channels need no credentials) for the tests of a
 * describe block: started before them on a temp folder holding `configYaml`, on `clock`, with no
 * cron (tests call tick()), on any free port, logs silent; stopped and the folder removed after.
 */
export function sandboxAppForTests(configYaml: string, clock: Clock): AppForTests {
  return appForTests(configYaml, (ws) => startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 }));
}
