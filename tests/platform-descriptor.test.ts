/**
 * A platform is a descriptor: this one exists only in this test, yet it is registered, receives a
 * command, gets a prompt posted and hands a reply to the store — through the same core, with
 * nothing under src/ knowing its name. The second test holds src/ to that: no file names a
 * platform in quotes but the descriptors in adapters/.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { startWolbot, type RunningApp } from '../src/app';
import type { ChatAdapter } from '../src/core/ports/chat-adapter';
import type { PromptMessage } from '../src/core/ports/messages';
import type { ChannelTarget, ThreadRef } from '../src/core/ports/platform';
import type { PlatformDescriptor } from '../src/core/ports/platform-descriptor';
import { FakeClock } from './helpers/fake-clock';
import { ROOT, tsFilesUnder } from './helpers/import-graph';
import { tempWorkspace } from './helpers/workspace';

const CONFIG = `program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [ada]
`;

/** A chat platform that lives in memory: posts are kept, replies arrive over its own HTTP route. */
function echoPlatform() {
  const posted: { target: ChannelTarget; prompt: PromptMessage; thread: ThreadRef }[] = [];
  const descriptor: PlatformDescriptor<null> = {
    name: 'echo',
    commandPrefix: '!wol ',
    env: [],
    secretEnv: [],
    limits: {},
    isOn: () => true,
    async create(_settings, d) {
      let n = 0;
      const adapter: ChatAdapter = {
        platform: 'echo',
        start: async () => undefined,
        stop: async () => undefined,
        async postPrompt(target, prompt) {
          const thread = { platform: 'echo', channelId: target.channelId, id: `t${++n}` };
          posted.push({ target, prompt, thread });
          return thread;
        },
        postDigest: async () => undefined,
        postAnnouncement: async (target) => ({ platform: 'echo', channelId: target.channelId, id: `a${++n}` }),
      };
      const router = express.Router();
      router.post('/echo/reply', express.json(), (req, res, next) => {
        const b = req.body as { channel: string; thread: string; id: string; user: string; text: string };
        d.inbound
          .reply({ eventKey: `echo:${b.id}`, platform: 'echo', channelId: b.channel, threadId: b.thread, messageId: b.id, user: b.user, text: b.text, at: d.clock.now() })
          .then((outcome) => res.json({ outcome }), next);
      });
      return { adapter, router };
    },
  };
  return { descriptor, posted };
}

describe('a platform defined only in a test', () => {
  const ws = tempWorkspace(CONFIG);
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.stop();
    ws.cleanup();
  });

  test('is registered, takes commands, gets prompts and gives replies through the same core', async () => {
    const echo = echoPlatform();
    const clock = new FakeClock('2026-11-16T10:00:00Z');
    app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0, platforms: [echo.descriptor] });
    expect(app.platforms).toContain('echo');

    const say = (text: string) => app!.core.command({ platform: 'echo', prefix: '!wol ', channelId: 'room', userId: 'ada', text, target: { platform: 'echo', channelId: 'room' } }, async () => undefined);
    expect((await say('help')).text).toContain('!wol ');
    await say('subscribe');
    const post = await say('post 1 here');
    await post.done;
    await app.core.idle();
    expect(echo.posted.map((p) => [p.target.channelId, p.prompt.day])).toEqual([['room', 1]]);

    const thread = echo.posted[0]!.thread.id;
    const res = await fetch(`${app.url}/echo/reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'room', thread, id: 'm1', user: 'bo', text: 'my draft' }) });
    expect(await res.json()).toEqual({ outcome: 'stored' });
    const exported = await app.core.exportPosts();
    expect(exported.posts.map((p) => [p.platform, p.channel, p.day, p.replies.map((r) => r.text)])).toEqual([['echo', 'room', 1, ['my draft']]]);
  });

  test('no file under src/ names a platform in quotes, except the one list (src/platforms.ts)', () => {
    const quoted = /(['"`])(slack|teams|local)\1/;
    const offenders = tsFilesUnder(path.join(ROOT, 'src'))
      .filter((f) => !f.endsWith(path.join('src', 'platforms.ts')))
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => ({ at: `${path.relative(ROOT, f)}:${i + 1}`, line })))
      .filter(({ line }) => quoted.test(line))
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });
});
