import fs from 'node:fs';
import path from 'node:path';
import { startWolbot } from '../src/app';
import { ConfigError } from '../src/config';
import { UsageError } from '../src/cli/usage';
import { hasCode, WolbotError } from '../src/core/ports/coded-error';
import { DeliveryError } from '../src/core/ports/delivery-error';
import { tempWorkspace } from './helpers/workspace';

describe('coded errors: callers decide on the code, not the words', () => {
  test('config, usage and delivery errors carry their code; hasCode tells them apart', () => {
    const errors = [new ConfigError(['wolbot.yaml:3: time: expected HH:MM']), new UsageError('unknown option --x'), new DeliveryError('permanent', 'channel_not_found')];
    expect(errors.map((e) => e instanceof WolbotError && e.code)).toEqual(['config_invalid', 'usage', 'platform_delivery']);
    expect(errors.map((e) => hasCode(e, 'usage'))).toEqual([false, true, false]);
    expect([hasCode(new Error('usage')), hasCode({ code: 'usage' }, 'usage'), hasCode(errors[0])]).toEqual([false, false, true]);
    const cause = new Error('ENOENT');
    expect(new WolbotError('store_unavailable', 'cannot open', { cause }).cause).toBe(cause);
  });

  test('a start with an invalid config fails with config_invalid, one line a problem', async () => {
    const ws = tempWorkspace('program: wol-week\nstart: 2026-11-16\ntime: "9 o\'clock"\ntimezone: Europe/London\n');
    try {
      const err: unknown = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, cron: false, port: 0 }).then(() => null, (e: unknown) => e);
      expect(hasCode(err, 'config_invalid')).toBe(true);
      expect((err as Error).message).toMatch(/wolbot\.yaml:3: time/);
    } finally {
      ws.cleanup();
    }
  });

  test('a store that cannot be opened fails the start with store_unavailable, naming the store', async () => {
    const ws = tempWorkspace('program: wol-week\nstart: 2026-11-16\ntime: "09:00"\ntimezone: Europe/London\n');
    fs.writeFileSync(path.join(ws.dir, 'afile'), 'x'); // a file where a folder must be
    try {
      const err: unknown = await startWolbot({ env: { DATABASE_URL: 'sqlite:afile/sub/w.db', WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, cron: false, port: 0 }).then(() => null, (e: unknown) => e);
      expect(hasCode(err, 'store_unavailable')).toBe(true);
      expect((err as Error).message).toContain(path.join(ws.dir, 'afile', 'sub', 'w.db'));
    } finally {
      ws.cleanup();
    }
  });
});
