import http from 'node:http';
import { envelope, postToSlackEndpoint, signedHeaders, slashCommand } from './helpers/slack-sign';
import { SECRET, startHarness, type Harness } from './helpers/slack-adapter-harness';

const PROMPT_TS = '1795338000.000100';
const reply = (ts: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: 'C0WOL1',
  user: 'U0MEMBER',
  text: 'my draft',
  ts,
  thread_ts: PROMPT_TS,
  channel_type: 'channel',
  event_ts: ts,
  ...extra,
});

describe('Slack receiver on a real express server', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.inbound.threads = [{ platform: 'slack', channelId: 'C0WOL1', id: PROMPT_TS }];
  });
  afterEach(() => h.stop());

  test('answers the url_verification challenge', async () => {
    const r = await postToSlackEndpoint(h.url, SECRET, { type: 'url_verification', token: 't', challenge: 'abc123' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ challenge: 'abc123' });
  });

  test('forged, unsigned, stale and future-dated requests get 401 and store nothing', async () => {
    const body = envelope(reply('1795338001.000200'));
    const forged = await postToSlackEndpoint(h.url, 'wrong-secret', body);
    const stale = await postToSlackEndpoint(h.url, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const future = await postToSlackEndpoint(h.url, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    const unsigned = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const cmd = await postToSlackEndpoint(h.url, 'wrong-secret', slashCommand('post 2'), { form: true });
    expect([forged.status, stale.status, future.status, unsigned.status, cmd.status]).toEqual([401, 401, 401, 401, 401]);
    expect(h.inbound.replies.size).toBe(0);
    expect(h.inbound.commands).toHaveLength(0);
  });

  test.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['bad JSON', '{"type":'],
    ['no event', JSON.stringify({ type: 'event_callback', event_id: 'Ev1', team_id: 'T0TEAM' })],
    ['event null', JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: null })],
    ['event without type', JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { channel: 'C1' } })],
    ['no event_id', JSON.stringify({ type: 'event_callback', event: { type: 'message' } })],
    ['no type', JSON.stringify({ event: {} })],
  ])('a signed body that is %s gets 400', async (_name, raw) => {
    const r = await postToSlackEndpoint(h.url, SECRET, raw);
    expect(r.status).toBe(400);
  });

  test('signed malformed forms get 400', async () => {
    const notCommand = await postToSlackEndpoint(h.url, SECRET, 'hello=world', { form: true });
    const badPayload = await postToSlackEndpoint(h.url, SECRET, 'payload=%7Bnot-json', { form: true });
    expect(notCommand.status).toBe(400);
    expect(badPayload.status).toBe(400);
  });

  test('a thread reply is stored before 200; the same event_id again is stored once', async () => {
    const body = envelope(reply('1795338001.000200', { text: 'see <https://example.com/doc|example.com/doc> &amp; &lt;this&gt;' }));
    const first = await postToSlackEndpoint(h.url, SECRET, body);
    expect(first.status).toBe(200);
    expect(h.inbound.replies.get('C0WOL1/1795338001.000200')).toMatchObject({
      user: 'U0MEMBER',
      threadId: PROMPT_TS,
      text: 'see example.com/doc & <this>',
      links: ['https://example.com/doc'],
      eventKey: body.event_id,
    });
    const again = await postToSlackEndpoint(h.url, SECRET, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(again.status).toBe(200);
    expect(h.inbound.log).toEqual(['reply 1795338001.000200']);
  });

  test('when the store fails the answer is 5xx, and the redelivery after recovery is stored once', async () => {
    const body = envelope(reply('1795338002.000300'));
    h.inbound.failing = true;
    const r = await postToSlackEndpoint(h.url, SECRET, body);
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(h.inbound.replies.size).toBe(0);
    h.inbound.failing = false;
    const retry = await postToSlackEndpoint(h.url, SECRET, body, { headers: { 'x-slack-retry-num': '1' } });
    const retry2 = await postToSlackEndpoint(h.url, SECRET, body, { headers: { 'x-slack-retry-num': '2' } });
    expect([retry.status, retry2.status]).toEqual([200, 200]);
    expect(h.inbound.log).toEqual(['reply 1795338002.000300']);
  });

  test('slash command: immediate ephemeral answer, follow-up through response_url', async () => {
    let release!: () => void;
    h.inbound.commandAnswer = async (_req, followUp) => ({
      text: 'Posting day 2 to 2 channels…',
      done: new Promise<void>((r) => (release = r)).then(() => followUp('Day 2 posted to 2 channels.')),
    });
    const r = await postToSlackEndpoint(h.url, SECRET, slashCommand('post 2', { responseUrl: h.fake.responseUrl('cmd1') }), { form: true });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ response_type: 'ephemeral', text: 'Posting day 2 to 2 channels…' });
    expect(h.inbound.commands[0]).toMatchObject({
      platform: 'slack',
      channelId: 'C0WOL1',
      userId: 'UADMIN',
      text: 'post 2',
      channelName: 'wol-week',
      target: { platform: 'slack', channelId: 'C0WOL1', workspaceId: 'T0TEAM' },
    });
    release();
    await waitFor(() => h.fake.responses.length === 1);
    expect(h.fake.responses[0]).toMatchObject({ path: '/response/cmd1', body: { response_type: 'ephemeral', text: 'Day 2 posted to 2 channels.' } });
  });

  test('subscribe where the bot is not a member says how to /invite it and subscribes nothing', async () => {
    h.fake.channels.set('C0OTHER', { name: 'general', is_member: false });
    const r = await postToSlackEndpoint(h.url, SECRET, slashCommand('subscribe', { channel: 'C0OTHER', channelName: 'general' }), { form: true });
    expect(r.status).toBe(200);
    expect(r.json.response_type).toBe('ephemeral');
    expect(r.json.text).toContain('/invite @wolbot');
    // The word as the core's parser reads it: any case, with its time zone.
    const zoned = await postToSlackEndpoint(h.url, SECRET, slashCommand('Subscribe America/New_York', { channel: 'C0OTHER' }), { form: true });
    expect(zoned.json.text).toContain('/invite @wolbot');
    expect(h.inbound.commands).toHaveLength(0);
    h.fake.channels.set('C0OTHER', { name: 'general', is_member: true });
    const ok = await postToSlackEndpoint(h.url, SECRET, slashCommand('subscribe', { channel: 'C0OTHER' }), { form: true });
    expect(ok.json.text).toBe('ok');
    expect(h.inbound.commands).toHaveLength(1);
  });

  test('a signed body over 1 MB gets 413 and is not stored, declared or sent in chunks; a body in many chunks is read whole', async () => {
    const big = JSON.stringify(envelope(reply('1795338003.000400', { text: 'x'.repeat(1_100_000) })));
    const declared = await postToSlackEndpoint(h.url, SECRET, big);
    const chunked = await signedChunks(h.url, big, 64 * 1024);
    expect([declared.status, declared.json, chunked.status]).toEqual([413, { error: 'body too large (1 MB at most)' }, 413]);
    const small = JSON.stringify(envelope(reply('1795338003.000500', { text: 'y'.repeat(200_000) })));
    expect((await signedChunks(h.url, small, 1000)).status).toBe(200);
    expect([...h.inbound.replies.keys()]).toEqual(['C0WOL1/1795338003.000500']);
  });

  test('answers carry nosniff and no-referrer; other methods and paths are not ours (404)', async () => {
    const r = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, '{"type":"url_verification","challenge":"c"}') }, body: '{"type":"url_verification","challenge":"c"}' });
    expect([r.status, r.headers.get('x-content-type-options'), r.headers.get('referrer-policy'), r.headers.get('content-type')]).toEqual([200, 'nosniff', 'no-referrer', 'application/json; charset=utf-8']);
    expect((await fetch(h.url)).status).toBe(404);
    expect((await fetch(`${h.url}/more`, { method: 'POST', body: '{}' })).status).toBe(404);
    // Express's own matching: a query and a trailing slash still reach the receiver.
    expect((await postToSlackEndpoint(`${h.url}/?x=1`, SECRET, { type: 'url_verification', challenge: 'q' })).json).toEqual({ challenge: 'q' });
  });

  test('interactivity payloads are acknowledged', async () => {
    const payload = JSON.stringify({ type: 'block_actions', team: { id: 'T0TEAM' }, user: { id: 'U1' }, actions: [] });
    const r = await postToSlackEndpoint(h.url, SECRET, { payload }, { form: true });
    expect(r.status).toBe(200);
  });
});

async function waitFor(cond: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

/** POST a signed body in chunks of `size` bytes without a Content-Length (chunked transfer). */
function signedChunks(url: string, body: string, size: number): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, body) } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    // The server may answer 413 and stop reading before the last chunk: that is not an error here.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
    const buf = Buffer.from(body);
    for (let i = 0; i < buf.length; i += size) req.write(buf.subarray(i, i + size));
    req.end();
  });
}
