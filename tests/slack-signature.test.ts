import { verifySlackRequest } from '@slack/bolt';
import { slackSignatureValid } from '../adapters/slack/signature';
import { slackSignature } from './helpers/slack-sign';

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

  test('Bolt’s verifySlackRequest (the same check, Bolt’s way) accepts the vector at its time', () => {
    expect(() =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: { 'x-slack-signature': expected, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: timestamp * 1000 + 1000,
      }),
    ).not.toThrow();
  });

  test('verifySlackRequest rejects a changed body, a wrong secret and a stale timestamp', () => {
    const h = { 'x-slack-signature': expected, 'x-slack-request-timestamp': timestamp };
    const now = timestamp * 1000;
    expect(() => verifySlackRequest({ signingSecret: secret, body: body + 'x', headers: h, nowMilliseconds: now })).toThrow(/signature/);
    expect(() => verifySlackRequest({ signingSecret: secret + 'x', body, headers: h, nowMilliseconds: now })).toThrow(/signature/);
    expect(() => verifySlackRequest({ signingSecret: secret, body, headers: h, nowMilliseconds: now + 6 * 60_000 })).toThrow(/stale/);
  });
});
