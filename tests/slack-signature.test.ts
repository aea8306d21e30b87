import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WolReceiver } from '../adapters/slack/receiver';
import { slackSignatureValid } from '../adapters/slack/signature';
import { slackSignature } from './helpers/slack-sign';
import { silentLogger } from '../src/core/ports/logger';

// Slack's published example from "Verifying requests from Slack".
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const timestamp = 1531420618;
const body =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const expected = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('Slack request signatures', () => {
  test('our signing helper reproduces Slack’s published test vector', () => {
    expect(slackSignature(secret, timestamp, body)).toBe(expected);
  });

  test('our receiver’s check accepts the vector and rejects a changed body, a wrong secret and malformed signatures', () => {
    const ok = (sig: string, b = body, s = secret, ts = String(timestamp)) => slackSignatureValid(s, ts, Buffer.from(b), sig);
    expect(ok(expected)).toBe(true);
    expect([ok(expected, body + 'x'), ok(expected, body, secret + 'x'), ok(expected, body, secret, String(timestamp + 1)), ok(expected, body, '')]).toEqual([false, false, false, false]);
    const hex = expected.slice(3);
    expect([ok(`v1=${hex}`), ok(`v0=${hex.slice(2)}`), ok(`v0=${hex}00`), ok(`v0=${hex.toUpperCase()}`), ok(`v0=${'z'.repeat(64)}`), ok('')]).toEqual([false, false, false, false, false, false]);
  });

  describe('our receiver, sent Slack’s published request over HTTP', () => {
    const commands: Record<string, string>[] = [];
    let server: http.Server;
    let url = '';
    let nowMs = 0;
    beforeAll(async () => {
      const receiver = new WolReceiver({
        signingSecret: secret,
        log: silentLogger,
        nowMs: () => nowMs,
        handlers: { onEvent: async () => {}, onCommand: async (form) => (commands.push(form), { text: 'ok' }), firstTime: async () => true },
      });
      server = http.createServer((req, res) => receiver.direct.handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      commands.length = 0;
    });

    const send = (b = body) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': expected, 'x-slack-request-timestamp': String(timestamp) }, body: b });

    test('at its time it is accepted and reaches the command handler as sent', async () => {
      nowMs = timestamp * 1000 + 1000;
      expect((await send()).status).toBe(200);
      expect(commands).toHaveLength(1);
      expect(commands[0]).toMatchObject({ command: '/webhook-collect', user_id: 'U2CERLKJA', team_id: 'T1DC2JH3J' });
    });

    test('a changed body, or the same request six minutes later or earlier, is refused with 401 and handled not at all', async () => {
      nowMs = timestamp * 1000;
      const changed = await send(body.replace('roadrunner', 'coyote'));
      nowMs = (timestamp + 6 * 60) * 1000;
      const stale = await send();
      nowMs = (timestamp - 6 * 60) * 1000;
      const early = await send();
      expect([changed.status, stale.status, early.status]).toEqual([401, 401, 401]);
      expect(commands).toHaveLength(0);
    });
  });
});
