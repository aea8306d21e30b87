import { Pacer } from '../adapters/slack/pacer';
import { promptHeader, promptMessage } from '../adapters/slack/blocks';
import { decodeSlackText, escapeSlack, extractLinks } from '../adapters/slack/text';
import { handleEventCallback } from '../adapters/slack/events';
import { silentLogger } from '../src/core/ports/logger';
import { FakeClock, RecordingInbound } from './helpers/recording-inbound';

describe('pacer (fake clock)', () => {
  test('at most one post a second per channel and the workspace ceiling across channels', async () => {
    const clock = new FakeClock(0);
    const p = new Pacer(clock, 4);
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      await p.acquire('T1', `C${i}`);
      times.push(clock.t);
    }
    expect(times).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
    await p.acquire('T1', 'C7');
    expect(clock.t).toBe(2750); // same channel: a second after its last post
    await p.acquire('T2', 'C0'); // another workspace is not held back by T1's pace
    expect(clock.t).toBe(2750);
  });

  test('halves the rate on 429, honours Retry-After, and recovers additively up to the ceiling', async () => {
    const clock = new FakeClock(0);
    const p = new Pacer(clock, 10, { step: 1 });
    p.rateLimited('T1', 3000);
    expect(p.rate('T1')).toBe(5);
    await p.acquire('T1', 'C1');
    expect(clock.t).toBe(3000);
    p.rateLimited('T1');
    expect(p.rate('T1')).toBe(2.5);
    for (let i = 0; i < 20; i++) p.succeeded('T1');
    expect(p.rate('T1')).toBe(10);
  });
});

describe('pacer: a 429 on one channel (fake clock)', () => {
  test('holds that channel for Retry-After while the workspace goes on at full pace', async () => {
    const clock = new FakeClock(0);
    const p = new Pacer(clock, 10);
    await p.acquire('T1', 'C1');
    p.channelLimited('T1', 'C1', 3000);
    expect(p.rate('T1')).toBe(10);
    const others: number[] = [];
    for (const c of ['C2', 'C3', 'C4']) {
      await p.acquire('T1', c);
      others.push(clock.t);
    }
    // The refused post gave its slot back: C2 takes it.
    expect(others).toEqual([0, 100, 200]);
    await p.acquire('T1', 'C1');
    expect(clock.t).toBe(3000);
  });

  test('the same channel refused again after waiting means the workspace: its rate halves', async () => {
    const clock = new FakeClock(0);
    const p = new Pacer(clock, 10);
    await p.acquire('T1', 'C1');
    p.channelLimited('T1', 'C1', 1000);
    await p.acquire('T1', 'C1');
    p.channelLimited('T1', 'C1', 1000);
    expect(p.rate('T1')).toBe(5);
    // A success in between starts the count again.
    await p.acquire('T1', 'C2');
    p.channelLimited('T1', 'C2', 1000);
    await p.acquire('T1', 'C2');
    p.succeeded('T1', 'C2');
    await p.acquire('T1', 'C2');
    p.channelLimited('T1', 'C2', 1000);
    expect(p.rate('T1')).toBe(5.25);
  });

  test('a caller that wakes late does not make the next second hold more than the ceiling', async () => {
    const clock = new FakeClock(0);
    const sleep = clock.sleep;
    let calls = 0;
    // The second wait overruns by 300 ms, as on a busy event loop.
    clock.sleep = async (ms: number) => sleep(++calls === 1 ? ms + 300 : ms);
    const p = new Pacer(clock, 2);
    const times: number[] = [];
    for (const c of ['C1', 'C2', 'C3', 'C4']) {
      await p.acquire('T1', c);
      times.push(clock.t);
    }
    expect(times).toEqual([0, 800, 1000, 1800]);
  });

  test('a margin spaces posts a little under the ceiling', async () => {
    const clock = new FakeClock(0);
    const p = new Pacer(clock, 10, { margin: 0.2 });
    await p.acquire('T1', 'C1');
    await p.acquire('T1', 'C2');
    expect(clock.t).toBe(125);
  });
});

describe('blocks and text', () => {
  test('header is the rendered heading, at most 150 characters', () => {
    expect(promptHeader({ heading: 'Day 3 · Learning' })).toBe('Day 3 · Learning');
    expect(promptHeader({ heading: 'x'.repeat(300) })).toHaveLength(150);
  });
  test('escape and decode', () => {
    expect(escapeSlack('a & <!channel> > b')).toBe('a &amp; &lt;!channel&gt; &gt; b');
    expect(decodeSlackText('x &amp; &lt;y&gt; <https://a.example/b> <https://a.example/c|a.example/c> <@U1>')).toBe('x & <y> https://a.example/b a.example/c <@U1>');
    expect(extractLinks('see <https://a.example/b|here> and <mailto:x@y.z|x@y.z>')).toEqual(['https://a.example/b', 'mailto:x@y.z']);
  });
  test('the prompt carries the delivery id in metadata', () => {
    const m = promptMessage({ deliveryId: 'd1', programme: 'p', programmeTitle: 'P', day: 1, theme: 'T', text: 'a', challenge: 'b', footer: 'f', heading: 'Day 1 · T', challengeLabel: 'c', invite: 'i' });
    expect(m.metadata).toEqual({ event_type: 'wol_prompt', event_payload: { delivery_id: 'd1', programme: 'p', day: 1 } });
  });
});

describe('event normaliser', () => {
  const ctx = (inbound: RecordingInbound) => ({ inbound, log: silentLogger, self: () => ({ botUserId: 'UBOT', botId: 'BBOT' }) });
  const env = (event: Record<string, unknown>, id = 'Ev1') => ({ type: 'event_callback', team_id: 'T0TEAM', event_id: id, event });

  test('a Slack Connect user (user_team ≠ team) is flagged external', async () => {
    const inbound = new RecordingInbound();
    inbound.threads = [{ platform: 'slack', channelId: 'C1', id: '100.000001' }];
    await handleEventCallback(env({ type: 'message', channel: 'C1', user: 'UEXT', user_team: 'T0OTHER', text: 'hi', ts: '101.000001', thread_ts: '100.000001' }), ctx(inbound));
    await handleEventCallback(env({ type: 'message', channel: 'C1', user: 'UIN', user_team: 'T0TEAM', text: 'hi', ts: '102.000001', thread_ts: '100.000001' }, 'Ev2'), ctx(inbound));
    expect(inbound.replies.get('C1/101.000001')!.external).toBe(true);
    expect(inbound.replies.get('C1/102.000001')!.external).toBeUndefined();
  });

  test('lifecycle: uninstall, token revoked, archive, bot removed, id changed', async () => {
    const inbound = new RecordingInbound();
    await handleEventCallback(env({ type: 'app_uninstalled' }), ctx(inbound));
    await handleEventCallback(env({ type: 'tokens_revoked', tokens: { oauth: ['U1'] } }), ctx(inbound)); // user token only: nothing
    await handleEventCallback(env({ type: 'tokens_revoked', tokens: { bot: ['UBOT'] } }), ctx(inbound));
    await handleEventCallback(env({ type: 'channel_archive', channel: 'C1', user: 'U1' }), ctx(inbound));
    await handleEventCallback(env({ type: 'member_left_channel', channel: 'C2', user: 'U0SOMEONE' }), ctx(inbound)); // not us
    await handleEventCallback(env({ type: 'member_left_channel', channel: 'C3', user: 'UBOT' }), ctx(inbound));
    await handleEventCallback(env({ type: 'channel_id_changed', old_channel_id: 'C4', new_channel_id: 'C5' }), ctx(inbound));
    expect(inbound.lifecycle.map((e) => [e.kind, e.channelId, e.reason, e.newChannelId ?? null, e.workspaceId])).toEqual([
      ['workspace_gone', '', 'app_uninstalled', null, 'T0TEAM'],
      ['workspace_gone', '', 'tokens_revoked', null, 'T0TEAM'],
      ['deactivated', 'C1', 'channel_archived', null, 'T0TEAM'],
      ['deactivated', 'C3', 'bot_removed', null, 'T0TEAM'],
      ['renamed', 'C4', 'channel_id_changed', 'C5', 'T0TEAM'],
    ]);
  });
});
