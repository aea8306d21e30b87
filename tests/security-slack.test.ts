/** Issue #8, findings 6, 7 and 9 (Slack side): real signed HTTP against the whole app. */
import http from 'node:http';
import { envelope, postToSlackEndpoint, signedHeaders, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';

const post = (s: SlackApp, body: string | object, opts?: Parameters<typeof postToSlackEndpoint>[3]) =>
  postToSlackEndpoint(s.events, SIGNING_SECRET, body, opts);

/** Sends the headers and 64 KB of a body that never ends; resolves with the status if the server answers anyway. */
function answerWhileBodyOpen(url: string, headers: Record<string, string>): Promise<{ status: number; stillOpen: boolean }> {
  return new Promise((resolve, reject) => {
    let ended = false;
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024), ...headers } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, stillOpen: !ended });
      req.destroy();
    });
    req.on('error', (err) => (ended ? undefined : reject(err)));
    req.write('{"pad":"' + 'x'.repeat(64 * 1024));
    // Never end the body: only a server that decides on the headers alone can answer.
    setTimeout(() => {
      ended = true;
      req.destroy();
    }, 20_000).unref();
  });
}

describe('Slack hardening (#8)', () => {
  let s: SlackApp;
  beforeEach(async () => {
    s = await startSlackApp();
  });
  afterEach(() => s.stop());

  test('6: unsigned and stale requests are refused before their body is read', async () => {
    const unsigned = await answerWhileBodyOpen(s.events, {});
    const stale = await answerWhileBodyOpen(s.events, { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) - 600), 'x-slack-signature': 'v0=00' });
    const future = await answerWhileBodyOpen(s.events, { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) + 600), 'x-slack-signature': 'v0=00' });
    expect([unsigned, stale, future]).toEqual([
      { status: 401, stillOpen: true },
      { status: 401, stillOpen: true },
      { status: 401, stillOpen: true },
    ]);
  });

  test('7: a replayed slash command is answered 200 and posts nothing more', async () => {
    const form = slashCommand('post 3 here again', { responseUrl: s.fake.responseUrl('p3') });
    const raw = new URLSearchParams(form).toString();
    const headers = signedHeaders(SIGNING_SECRET, raw); // the very same signed request, three times
    const send = () => post(s, raw, { form: true, headers });
    const first = await send();
    const second = await send();
    const third = await send();
    expect(first.status).toBe(200);
    expect(first.json.text).toMatch(/Posting day 3/);
    expect([second.status, second.text, third.status, third.text]).toEqual([200, '', 200, '']);
    await waitFor(() => s.fake.responses.some((r) => r.path === '/response/p3'), 'follow-up');
    expect(s.fake.prompts('C0WOL1')).toHaveLength(1);
    // A new request (new timestamp, so a new signature) is still answered normally.
    const later = await post(s, form, { form: true, timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(later.json.text).toMatch(/Posting day 3/);
  });

  test('7: a replayed interactivity payload is acknowledged once and then ignored; event retries still work', async () => {
    const raw = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: [] }) }).toString();
    const headers = signedHeaders(SIGNING_SECRET, raw);
    expect((await post(s, raw, { form: true, headers })).status).toBe(200);
    expect((await post(s, raw, { form: true, headers })).status).toBe(200);
    expect(s.logs.join('')).toMatch(/replayed Slack request/);
    // Events: Slack's own retry (new signature, x-slack-retry-num) of the same event_id is still answered 200.
    const ev = envelope({ type: 'message', channel: 'C0WOL1', user: 'U0ANA', text: 'hi', ts: '1795338001.000200', event_ts: '1795338001.000200' });
    expect((await post(s, ev)).status).toBe(200);
    expect((await post(s, ev, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, timestamp: Math.floor(Date.now() / 1000) + 1 })).status).toBe(200);
  });

  test('9: a slash command other than /wol changes nothing', async () => {
    const r = await post(s, { ...slashCommand('post 2'), command: '/other' }, { form: true });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ response_type: 'ephemeral', text: 'This app answers `/wol` only. Nothing was changed.' });
    expect(s.fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect(await s.app.store.listDeliveries()).toHaveLength(0);
  });
});

describe('SLACK_COMMAND renames the command', () => {
  test('/wolweek is answered, /wol is not', async () => {
    const s = await startSlackApp({ env: { SLACK_COMMAND: '/wolweek' } });
    try {
      const old = await post(s, slashCommand('help'), { form: true });
      expect(old.json.text).toBe('This app answers `/wolweek` only. Nothing was changed.');
      const renamed = await post(s, { ...slashCommand('help'), command: '/wolweek' }, { form: true });
      expect(renamed.json.text).toMatch(/Working Out Loud/);
      expect(renamed.json.text).toContain('`/wolweek post [N|today] [here] [again]`');
      expect(renamed.json.text).not.toMatch(/\/wol /);
    } finally {
      await s.stop();
    }
  });
});
