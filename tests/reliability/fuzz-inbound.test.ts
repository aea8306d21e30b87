/**
 * Property-based: random payloads to what reads input from outside — the sandbox JSON API over
 * real HTTP (never 5xx), Slack's Events API body check and event normalizer, Teams' activity
 * validator (never throw).
 */
import fc from 'fast-check';
import { handleEventCallback, validateEventsBody } from '../../adapters/slack/events';
import { decodeSlackText, escapeSlack, extractLinks } from '../../adapters/slack/text';
import { validateActivity } from '../../adapters/teams/validate';
import { silentLogger } from '../../src/core/ports/logger';
import { RecordingInbound } from '../helpers/recording-inbound';
import { harnessForTests, postJson } from './app-harness';

const json = fc.jsonValue({ maxDepth: 3 });
const id = fc.oneof(fc.constantFrom('general', 'C0', '', 'x'.repeat(201)), fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null));

describe('fuzz: sandbox JSON API', () => {
  const h = harnessForTests(['local:general']);
  let thread = '';
  beforeAll(async () => {
    thread = await h.thread('local:general');
  });

  test('random bodies to /v1/replies, /v1/reactions, /v1/commands: 2xx or 4xx, never 5xx', async () => {
    const body = fc.oneof(
      json,
      fc.record({ channel: id, thread: fc.oneof(id, fc.constant(thread)), text: fc.oneof(fc.string({ maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 30 }), json) }, { requiredKeys: [] }),
      fc.record({ channel: id, item: fc.oneof(id, fc.constant(thread)), emoji: fc.oneof(fc.string({ maxLength: 10 }), json), remove: fc.oneof(fc.boolean(), json) }, { requiredKeys: [] }),
      fc.record({ channel: id, text: fc.oneof(fc.constantFrom('help', 'status', 'post 1', 'forget me', 'pause', 'resume all', 'subscribe Mars/Base'), fc.string({ maxLength: 40 })) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/replies', '/v1/reactions', '/v1/commands'), body, async (route, b) => {
        const res = await postJson(`${h.app.url}${route}`, JSON.stringify(b));
        await res.arrayBuffer();
        if (res.status >= 500 || res.status < 200) throw new Error(`${route} answered ${res.status} to ${JSON.stringify(b)}`);
      }),
      { numRuns: 600 },
    );
    expect(h.log()).not.toMatch(/"level":(50|60)/);
  }, 60_000);
});

describe('fuzz: platform normalizers (read-only use of the adapters)', () => {
  const event = fc.record({
    type: fc.oneof(fc.constantFrom('message', 'reaction_added', 'reaction_removed', 'app_uninstalled', 'tokens_revoked', 'channel_archive', 'channel_deleted', 'member_left_channel', 'channel_id_changed', 'app_mention', 'weird'), fc.string()),
    subtype: fc.oneof(fc.constantFrom('thread_broadcast', 'file_share', 'message_changed', 'message_deleted', 'bot_message', 'channel_join'), json),
    channel: fc.oneof(fc.constantFrom('C0'), json), user: fc.oneof(fc.constantFrom('U1', 'UBOT'), json), text: json, ts: fc.oneof(fc.constantFrom('1700000000.000100', 'nope', ''), json),
    thread_ts: fc.oneof(fc.constantFrom('1700000000.000001'), json), event_ts: json, item: json, reaction: json, message: json, previous_message: json,
    files: json, tokens: json, old_channel_id: json, new_channel_id: json, team: json, bot_id: json,
  }, { requiredKeys: [] });
  const envelope = fc.record({ type: fc.oneof(fc.constant('event_callback'), fc.constant('url_verification'), fc.string()), event: fc.oneof(event, json), event_id: fc.oneof(fc.string({ minLength: 1 }), json), team_id: json, challenge: json }, { requiredKeys: [] });

  test('Slack: validateEventsBody never throws; what it accepts has what the handler reads, and what the handler hands on is well-formed', async () => {
    const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(json, envelope), async (body) => {
        const why = validateEventsBody(body);
        if (why !== null) {
          expect(why).toMatch(/\S/); // a reason someone can read
          return;
        }
        const b = body as { type?: unknown; event?: { type?: unknown }; event_id?: unknown };
        expect(typeof b.type).toBe('string');
        if (b.type !== 'event_callback') return;
        expect(typeof b.event?.type).toBe('string');
        expect(nonEmpty(b.event_id)).toBe(true);
        const inbound = new RecordingInbound();
        inbound.threads = [{ platform: 'slack', channelId: 'C0', id: '1700000000.000001' }];
        await handleEventCallback(body as Record<string, unknown>, { inbound, log: silentLogger, self: () => ({ botUserId: 'UBOT', botId: 'BBOT' }) });
        // Everything handed to the core carries the envelope's event id and non-empty ids.
        const handed = [...inbound.replies.values(), ...inbound.reactions];
        for (const e of handed) {
          expect(e.eventKey).toBe(b.event_id);
          expect([e.channelId, 'messageId' in e ? e.messageId : e.itemId, e.user].every(nonEmpty)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('Slack text: escaping then decoding gives back any text; links are found once each', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (t) => {
        expect(decodeSlackText(escapeSlack(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
    expect(extractLinks('<https://a.example|a.example> <https://a.example> <mailto:x@y.example|x@y.example>')).toEqual(['https://a.example', 'mailto:x@y.example']);
  });

  test('Slack text: a 1 MB pathological reply (`<http:a|` over and over) is stored exactly as sent (linear decoding; no timing asserted)', async () => {
    const text = '<http:a|'.repeat(131_072); // 1 MiB, never closed: quadratic with a backtracking link pattern
    const inbound = new RecordingInbound();
    inbound.threads = [{ platform: 'slack', channelId: 'C0', id: '1700000000.000001' }];
    const event = { type: 'message', channel: 'C0', user: 'U1', text, ts: '1700000000.000200', thread_ts: '1700000000.000001', channel_type: 'channel' };
    await handleEventCallback({ type: 'event_callback', event_id: 'EvHUGE', team_id: 'T0', event } as Record<string, unknown>, { inbound, log: silentLogger, self: () => ({ botUserId: 'UBOT', botId: 'BBOT' }) });
    const stored = [...inbound.replies.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text.length).toBe(text.length);
    expect(stored[0]!.text === text).toBe(true);
    // The same shape with links that do close still decodes each one.
    expect(decodeSlackText('<https://x.example|x.example> '.repeat(3))).toBe('x.example '.repeat(3));
  });

  test('Teams: validateActivity never throws and answers ok or an error', () => {
    const activity = fc.record({
      type: fc.oneof(fc.constantFrom('message', 'messageUpdate', 'messageDelete', 'messageReaction', 'conversationUpdate', 'installationUpdate', 'invoke', 'typing'), json),
      id: json, text: json, from: fc.oneof(fc.record({ id: json, aadObjectId: json }, { requiredKeys: [] }), json), conversation: fc.oneof(fc.record({ id: json, conversationType: json, tenantId: json }, { requiredKeys: [] }), json),
      recipient: json, serviceUrl: fc.oneof(fc.constantFrom('https://smba.trafficmanager.net/emea/', 'javascript:alert(1)', 'http://127.0.0.1:1/'), json), channelId: fc.oneof(fc.constant('msteams'), json),
      channelData: json, entities: json, attachments: json, reactionsAdded: json, reactionsRemoved: json, replyToId: json, timestamp: json, value: json,
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(json, activity), (body) => {
        const r = validateActivity(body);
        if (!r.ok) {
          expect(r.error).toMatch(/^(body is not a JSON object|[\w.]+: \S.*)$/); // names the field, says what is wrong
          return;
        }
        // Accepted activities the turn acts on have somewhere to answer and a conversation.
        if (['message', 'messageUpdate', 'messageDelete', 'messageReaction', 'conversationUpdate', 'installationUpdate', 'invoke'].includes(r.activity.type)) {
          expect(r.activity.serviceUrl).toMatch(/^https?:\/\/\S+$/i);
          expect(r.activity.conversation?.id).toMatch(/./);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
