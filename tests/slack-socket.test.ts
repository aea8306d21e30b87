import net from 'node:net';
import Database from 'better-sqlite3';
import { FakeSocketMode } from './fakes/slack-socket';
import { startHarness, type Harness } from './helpers/slack-adapter-harness';
import { RecordingInbound } from './helpers/recording-inbound';
import { envelope, slashCommand } from './helpers/slack-sign';
import { startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';
import type { ReplyEvent, ReplyOutcome } from '../src/core/ports/inbound';

/** Socket Mode settings: no signing secret, an app-level token; the fake hands out the socket URL. */
const SOCKET_ENV = { SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: 'xapp-test' };

/** TCP ports this process is listening on (servers only). */
function listeningPorts(): number[] {
  const handles: unknown[] = (process as any)._getActiveHandles();
  return handles
    .filter((h): h is net.Server => h instanceof net.Server && (h as net.Server).listening)
    .map((h) => (h.address() as net.AddressInfo | null)?.port)
    .filter((p): p is number => typeof p === 'number');
}

describe('wolbot with Slack over Socket Mode (whole app, fake Web API and fake socket)', () => {
  let s: SlackApp;
  let sock: FakeSocketMode;
  beforeEach(async () => {
    sock = await new FakeSocketMode().start();
    s = await startSlackApp({ env: SOCKET_ENV, beforeStart: (fake) => void (fake.socketUrl = sock.url) });
    await sock.connected();
  });
  afterEach(async () => {
    await s.stop();
    await sock.stop();
  });

  async function postDay2(): Promise<{ C0WOL1: string; C0WOL2: string }> {
    const id = sock.sendCommand(slashCommand('post 2', { responseUrl: s.fake.responseUrl('p2') }));
    const ack = await sock.ackOf(id);
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    await waitFor(() => s.fake.prompts().length === 2, 'two posts');
    await waitFor(async () => (await s.app.core.exportPosts()).posts.length === 2, 'deliveries marked sent');
    return { C0WOL1: s.fake.prompts('C0WOL1')[0].ts, C0WOL2: s.fake.prompts('C0WOL2')[0].ts };
  }

  const repliesIn = async (ch: string) => (await s.app.core.exportPosts()).posts.find((p) => p.channel === ch)?.replies ?? [];

  test('connects with the app token through apps.connections.open; opens no HTTP server of its own; /slack/events is 404', async () => {
    expect(s.fake.callsOf('apps.connections.open').map((c) => c.token)).toEqual(['xapp-test']);
    expect(sock.connections).toBe(1);
    // Only the app's own server, the fake Web API and the fake socket listen: nothing on 3000
    // (Bolt's SocketModeReceiver would open one there).
    const ports = listeningPorts();
    expect(ports).not.toContain(3000);
    expect(ports.sort()).toEqual([s.app.port, Number(new URL(s.fake.url).port), sock.port].sort());
    const res = await fetch(s.events, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}' });
    expect(res.status).toBe(404);
  });

  test('/wol post 2 over the socket from an admin posts once per channel; from a member nothing', async () => {
    const member = sock.sendCommand(slashCommand('post 2', { user: 'U0MEMBER' }));
    expect((await sock.ackOf(member)).payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/admin/i) });
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);

    await postDay2();
    await waitFor(() => s.fake.responses.some((r) => r.path === '/response/p2'), 'follow-up through response_url');
    expect(s.fake.prompts('C0WOL1')).toHaveLength(1);
    expect(s.fake.prompts('C0WOL2')).toHaveLength(1);
    expect(s.fake.callsOf('chat.postMessage').every((c) => c.token === 'xoxb-test')).toBe(true);
  });

  test('a thread reply over the socket is in the store when it is acked', async () => {
    const t = await postDay2();
    const ts = (Number(t.C0WOL1) + 1).toFixed(6);
    const body = envelope({ type: 'message', channel: 'C0WOL1', user: 'U0ANA', text: 'draft &amp; notes', ts, thread_ts: t.C0WOL1, event_ts: ts });
    // At the moment the ack reaches "Slack", read the SQLite file from another connection.
    const reader = new Database(`${s.dir}/w.db`, { readonly: true });
    let atAck: unknown[] | undefined;
    sock.onAck = (a) => {
      if (a.envelope_id === id) atAck = reader.prepare('select user_id, text from replies where message_id = ?').all(ts);
    };
    const id = sock.sendEvent(body);
    await sock.ackOf(id);
    reader.close();
    expect(atAck).toEqual([{ user_id: 'U0ANA', text: 'draft & notes' }]);
    // The same event again (Slack's redelivery): acked, still stored once.
    const again = sock.sendEvent(body, { retryAttempt: 1, retryReason: 'timeout' });
    await sock.ackOf(again);
    expect((await repliesIn('C0WOL1')).map((r) => r.text)).toEqual(['draft & notes']);
  });

  test('after the socket drops and comes back, replies written meanwhile are caught up', async () => {
    const t = await postDay2();
    sock.drop();
    // Written while the socket was down: no event will ever arrive for it.
    s.fake.addMessage({ channel: 'C0WOL1', user: 'U0ANA', text: 'sent while the socket was down', thread_ts: t.C0WOL1, type: 'message' });
    await waitFor(() => sock.connections === 2, 'the client reconnected', 1000);
    await waitFor(async () => (await repliesIn('C0WOL1')).length === 1, 'the reply caught up', 1000);
    expect((await repliesIn('C0WOL1')).map((r) => r.text)).toEqual(['sent while the socket was down']);
  });

  test('with the store failing there is no ack; the redelivery after recovery is stored once', async () => {
    const t = await postDay2();
    const ts = (Number(t.C0WOL1) + 1).toFixed(6);
    const body = envelope({ type: 'message', channel: 'C0WOL1', user: 'U0ANA', text: 'kept', ts, thread_ts: t.C0WOL1, event_ts: ts });
    // Make the real SQLite store fail: an exclusive lock from another connection.
    const locker = new Database(`${s.dir}/w.db`, { timeout: 0 });
    locker.exec('BEGIN EXCLUSIVE');
    const failed = sock.sendEvent(body);
    try {
      await waitFor(() => s.logs.some((l) => l.includes('not acknowledged') && l.includes('events_api')), 'the store failure', 2000);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    // A later envelope is acked, so the failed one's ack would have arrived before it (one socket, in order).
    await sock.probe();
    expect(sock.acked(failed)).toBe(false);
    expect(await repliesIn('C0WOL1')).toHaveLength(0);

    const again = sock.sendEvent(body, { retryAttempt: 1, retryReason: 'timeout' });
    await sock.ackOf(again);
    const third = sock.sendEvent(body, { retryAttempt: 2, retryReason: 'timeout' });
    await sock.ackOf(third);
    expect((await repliesIn('C0WOL1')).map((r) => r.text)).toEqual(['kept']);
  });
});

/** An inbound port whose reply() waits until the test lets it finish (a slow store). */
class GatedInbound extends RecordingInbound {
  entered?: () => void;
  release?: () => void;
  private readonly gateOpen = new Promise<void>((r) => (this.release = r));
  async reply(e: ReplyEvent): Promise<ReplyOutcome> {
    this.entered?.();
    await this.gateOpen;
    return super.reply(e);
  }
}

describe('Slack Socket Mode adapter: the ack waits for the store', () => {
  let h: Harness;
  let sock: FakeSocketMode;
  const inbound = new GatedInbound();
  beforeAll(async () => {
    sock = await new FakeSocketMode().start();
    inbound.threads = [{ platform: 'slack', channelId: 'C1', id: '1700000000.000100' }];
    h = await startHarness({ inbound, settings: { mode: 'socket', signingSecret: undefined, appToken: 'xapp-test' }, beforeStart: (fake) => void (fake.socketUrl = sock.url) });
  });
  afterAll(async () => {
    await h?.stop();
    await sock.stop();
  });

  test('an event is acknowledged only after reply() resolved', async () => {
    await sock.connected();
    const entered = new Promise<void>((r) => (inbound.entered = r));
    const reply = sock.sendEvent(envelope({ type: 'message', channel: 'C1', user: 'U0ANA', text: 'slow', ts: '1700000000.000200', thread_ts: '1700000000.000100' }, { teamId: 'T0TEAM' }));
    await entered; // the store is working on it (and will not finish until released)
    await sock.probe();
    expect(sock.acked(reply)).toBe(false);
    inbound.release!();
    await sock.ackOf(reply);
    expect(inbound.replies.get('C1/1700000000.000200')?.text).toBe('slow');
  });
});
