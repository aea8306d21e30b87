/**
 * The core reads mentions only from the list an adapter hands it. A platform that exists only in
 * this test writes mentions as `@[label](id)`; its adapter lists them, and the digest quotes them
 * as `@Name` and counts them as answers exactly as it does for the same thread written in Slack's
 * markup (`<@id|label>`) and in Teams' (`<at>label</at>` with mention entities), each read by its
 * real adapter's translator. Nothing under src/ knows any of these syntaxes.
 */
import express from 'express';
import { slackPlainText } from '../adapters/slack/plain-text';
import { decodeSlackText } from '../adapters/slack/text';
import { teamsPlainText } from '../adapters/teams/plain-text';
import { startWolbot, type RunningApp } from '../src/app';
import type { ChatAdapter } from '../src/core/ports/chat-adapter';
import type { Mention, PlainText } from '../src/core/ports/inbound';
import type { DigestMessage } from '../src/core/ports/messages';
import type { ThreadRef } from '../src/core/ports/platform';
import type { PlatformDescriptor } from '../src/core/ports/platform-descriptor';
import { FakeClock } from './helpers/fake-clock';
import { tempWorkspace } from './helpers/workspace';

const CONFIG = `program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [ada]
`;

/** A message as a platform sends it: its markup, and (Teams) its mention entities. */
interface Written {
  text: string;
  entities?: { type: string; text: string; mentioned: { id: string; name: string } }[];
}

/** `@[label](id)`: the test platform's own mention syntax. Brackets cannot nest, so this is linear. */
const INK = /@\[([^[\]]*)\]\(([^()\s]+)\)/g;

function inkPlainText(text: string): PlainText {
  let plainText = '';
  const mentions: Mention[] = [];
  let at = 0;
  for (const m of text.matchAll(INK)) {
    plainText += text.slice(at, m.index);
    at = m.index + m[0].length;
    const start = plainText.length;
    plainText += `@${m[1]}`;
    mentions.push({ userId: m[2]!, name: m[1]!, start, end: plainText.length });
  }
  return { plainText: plainText + text.slice(at), mentions };
}

/** A platform in memory: threads are numbered, digests kept, replies arrive on its own route and are read by `read`. */
function platform(name: string, read: (w: Written) => PlainText & { text: string }) {
  const digests: DigestMessage[] = [];
  const threads: ThreadRef[] = [];
  const descriptor: PlatformDescriptor<null> = {
    name, commandPrefix: '!wol ', env: [], secretEnv: [], limits: {}, isOn: () => true,
    async create(_settings, d) {
      const adapter: ChatAdapter = {
        platform: name,
        start: async () => undefined,
        stop: async () => undefined,
        async postPrompt(target) {
          const thread = { platform: name, channelId: target.channelId, id: `t${threads.length + 1}` };
          threads.push(thread);
          return thread;
        },
        postDigest: async (_thread, _target, digest) => void digests.push(digest),
        postAnnouncement: async (target) => ({ platform: name, channelId: target.channelId, id: 'a1' }),
      };
      const router = express.Router();
      router.post(`/${name}/reply`, express.json(), (req, res, next) => {
        const b = req.body as { thread: string; id: string; user: string; userName: string; message: Written };
        d.inbound
          .reply({ eventKey: `${name}:${b.id}`, platform: name, channelId: 'room', threadId: b.thread, messageId: b.id, user: b.user, userName: b.userName, ...read(b.message), at: d.clock.now() })
          .then((outcome) => res.json({ outcome }), next);
      });
      return { adapter, router };
    },
  };
  return { name, descriptor, digests, threads };
}

const ink = platform('ink', (w) => ({ text: w.text, ...inkPlainText(w.text) }));
const slackish = platform('slackish', (w) => ({ text: decodeSlackText(w.text), ...slackPlainText(w.text) }));
const teamsish = platform('teamsish', (w) => ({ text: w.text, ...teamsPlainText(w.text, w.entities) }));

/** One thread, three ways of writing it: Bo asks, Cy shares, Ana answers Bo by mention and asks Zed (unknown here). */
const THREAD: Record<string, Written[]> = {
  ink: [{ text: 'Does anyone have a one-pager template?' }, { text: 'Sharing my draft plan' }, { text: '@[bobby](bo) mine is in the wiki. Does @[Zed](zz) have one?' }],
  slackish: [{ text: 'Does anyone have a one-pager template?' }, { text: 'Sharing my draft plan' }, { text: '<@bo|bobby> mine is in the wiki. Does <@zz|Zed> have one?' }],
  teamsish: [
    { text: 'Does anyone have a one-pager template?' },
    { text: 'Sharing my draft plan' },
    {
      text: '<at>bobby</at> mine is in the wiki. Does <at>Zed</at> have one?',
      entities: [{ type: 'mention', text: '<at>bobby</at>', mentioned: { id: 'bo', name: 'bobby' } }, { type: 'mention', text: '<at>Zed</at>', mentioned: { id: 'zz', name: 'Zed' } }],
    },
  ],
};
const WRITERS = [['bo', 'Bo'], ['cy', 'Cy'], ['ana', 'Ana']] as const;

describe('mentions reach the core as a list, whatever the platform writes', () => {
  const ws = tempWorkspace(CONFIG);
  const clock = new FakeClock('2026-11-16T10:00:00Z');
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.stop();
    ws.cleanup();
  });

  /** Subscribe the platform's room, post day 1, write the thread, and ask for the digest. */
  async function digestOf(p: typeof ink): Promise<DigestMessage> {
    const say = async (text: string) => {
      const answer = await app!.core.command({ platform: p.name, prefix: '!wol ', channelId: 'room', userId: 'ada', text, target: { platform: p.name, channelId: 'room' } }, async () => undefined);
      await answer.done;
      await app!.core.idle();
    };
    await say('subscribe');
    await say('post 1 here');
    const thread = p.threads[0]!.id;
    for (const [i, message] of THREAD[p.name]!.entries()) {
      clock.advance(60_000);
      const [user, userName] = WRITERS[i]!;
      const res = await fetch(`${app!.url}/${p.name}/reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ thread, id: `m${i}`, user, userName, message }) });
      expect(await res.json()).toEqual({ outcome: 'stored' });
    }
    await say('digest');
    expect(p.digests).toHaveLength(1);
    return p.digests[0]!;
  }

  test('a third syntax shows as @Name in the quote and counts as an answer, exactly as Slack\'s and Teams\' do', async () => {
    app = await startWolbot({
      env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0,
      platforms: [ink.descriptor, slackish.descriptor, teamsish.descriptor],
    });
    const digest = await digestOf(ink);
    const lines = digest.sections.flatMap((s) => s.lines);
    // Ana's open question, quoted with the names the people table has (Bo, not the label "bobby"), else the label (Zed).
    expect(lines).toContainEqual({ text: expect.stringMatching(/^\u2068Ana\u2069 is looking for a pointer/), quote: '@Bo mine is in the wiki. Does @Zed have one?' });
    // Bo's question was answered by a mention: it is no open ask; it drew a response.
    expect(lines.find((l) => /^\u2068Bo\u2069 is looking/.test(l.text))).toBeUndefined();
    expect(lines).toContainEqual(expect.objectContaining({ text: expect.stringMatching(/^\u2068Bo\u2069/), quote: 'Does anyone have a one-pager template?' }));
    // What was written is kept as written for the export.
    const exported = (await app.core.exportPosts()).posts.find((p) => p.platform === 'ink')!;
    expect(exported.replies.map((r) => r.text)[2]).toBe('@[bobby](bo) mine is in the wiki. Does @[Zed](zz) have one?');

    // The same thread in Slack's and Teams' markup, read by their adapters' translators: the same digest.
    expect(await digestOf(slackish)).toEqual(digest);
    expect(await digestOf(teamsish)).toEqual(digest);
  });
});
