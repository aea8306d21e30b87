import type { RecentThread } from '../src/core/ports/inbound';
import type { FakeSlack } from './fakes/slack-api';
import { startHarness, type Harness } from './helpers/slack-adapter-harness';
import { RecordingInbound } from './helpers/recording-inbound';

/** Start-up catch-up of replies deleted while the bot was down (adapter with an in-memory inbound). */
class InboundWithStoredReplies extends RecordingInbound {
  readonly deletes: string[] = [];
  override async replyDeleted(e: Parameters<RecordingInbound['replyDeleted']>[0]) {
    this.deletes.push(e.eventKey);
    return super.replyDeleted(e);
  }
}

// The harness clock is 2026-11-17 09:00 UTC; everything below happened the hour before.
const PROMPT = String(Date.parse('2026-11-17T08:00:00Z') / 1000) + '.000100';
const at = (min: number) => String(Date.parse('2026-11-17T08:00:00Z') / 1000 + min * 60) + '.000200';
const [A, B, C, D] = [at(1), at(2), at(3), at(4)];

async function seed(inbound: InboundWithStoredReplies): Promise<void> {
  const thread: RecentThread = { platform: 'slack', channelId: 'C1', id: PROMPT, workspaceId: null };
  inbound.threads = [thread];
  // Stored before the bot went down: A, B, C (D was never stored).
  for (const [ts, user] of [[A, 'U0ANA'], [B, 'U0BEN'], [C, 'U0CAT']]) {
    await inbound.reply({ eventKey: `Ev${ts}`, platform: 'slack', channelId: 'C1', threadId: PROMPT, messageId: ts, user, text: `reply ${user}`, at: new Date() });
  }
}

/** Slack now has the prompt, A, C and a new D: B was deleted while we were down. */
function slackThread(fake: FakeSlack): void {
  fake.addMessage({ ts: PROMPT, channel: 'C1', user: 'UBOT', bot_id: 'BBOT', text: 'prompt', thread_ts: PROMPT });
  for (const [ts, user] of [[A, 'U0ANA'], [C, 'U0CAT'], [D, 'U0DAN']]) fake.addMessage({ ts, channel: 'C1', user, text: `reply ${user}`, thread_ts: PROMPT });
}

describe('Slack catch-up at start: replies deleted while the bot was down', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  test('a stored reply that the fully read thread no longer has is tombstoned (read over several pages)', async () => {
    const inbound = new InboundWithStoredReplies();
    await seed(inbound);
    h = await startHarness({ inbound, catchUpPageLimit: 2, beforeStart: slackThread });
    const reads = h.fake.callsOf('conversations.replies');
    expect(reads.length).toBeGreaterThanOrEqual(2); // paginated
    expect(inbound.deletes).toEqual([`catchup-delete:C1:${B}`]);
    expect([...inbound.replies.values()].map((r) => [r.messageId, !!r.deleted]).sort()).toEqual([
      [A, false],
      [B, true],
      [C, false],
      [D, false], // written while down: caught up
    ]);
  });

  test('nothing is tombstoned when a page of the thread could not be read', async () => {
    const inbound = new InboundWithStoredReplies();
    await seed(inbound);
    h = await startHarness({
      inbound,
      catchUpPageLimit: 2,
      beforeStart: (fake) => {
        slackThread(fake);
        fake.fail('conversations.replies', { kind: 'error', error: 'internal_error' }, { match: (a) => !!a.cursor, times: 5 });
      },
    });
    expect(h.fake.callsOf('conversations.replies').some((c) => !!c.args.cursor)).toBe(true); // the second page was asked for
    expect(inbound.deletes).toEqual([]);
    expect([...inbound.replies.values()].filter((r) => r.deleted)).toEqual([]);
  });

  test('nothing is tombstoned when the thread has more pages than catch-up reads', async () => {
    const inbound = new InboundWithStoredReplies();
    await seed(inbound);
    h = await startHarness({
      inbound,
      catchUpPageLimit: 1,
      beforeStart: (fake) => {
        slackThread(fake);
        // 25 more replies: with one message a page, more than the page bound.
        for (let i = 0; i < 25; i++) fake.addMessage({ ts: at(10 + i), channel: 'C1', user: 'U0EVE', text: `more ${i}`, thread_ts: PROMPT });
      },
    });
    expect(h.fake.callsOf('conversations.replies').length).toBeLessThanOrEqual(20);
    expect(inbound.deletes).toEqual([]);
  });

  test('replies and edits caught up read their mentions as live ones do: plain text and a list, the text kept as written', async () => {
    const inbound = new InboundWithStoredReplies();
    await seed(inbound);
    h = await startHarness({
      inbound,
      beforeStart: (fake) => {
        slackThread(fake);
        // A was edited while we were down; D (new) mentions Ana.
        Object.assign(fake.messages.find((m) => m.ts === A)!, { text: 'now with <@U0BEN|ben> &amp; <!here>', edited: { user: 'U0ANA', ts: at(30) } });
        fake.messages.find((m) => m.ts === D)!.text = '<@U0ANA> thanks';
      },
    });
    expect(inbound.replies.get(`C1/${D}`)).toMatchObject({ text: '<@U0ANA> thanks', plainText: '@U0ANA thanks', mentions: [{ userId: 'U0ANA', name: '', start: 0, end: 6 }] });
    expect(inbound.replies.get(`C1/${A}`)).toMatchObject({ text: 'now with <@U0BEN|ben> & <!here>', plainText: 'now with @ben & @here', mentions: [{ userId: 'U0BEN', name: 'ben', start: 9, end: 13 }] });
  });
});
