import { botAuthConfig } from '../adapters/teams/auth';
import { ADAPTIVE_CARD, promptActivity } from '../adapters/teams/card';
import { summaryActivity } from '../adapters/teams/summary-card';
import type { SummaryMessage } from '../src/core/ports/summary';
import { toDeliveryError } from '../adapters/teams/connector';
import { stripBotMention } from '../adapters/teams/mention';
import { Pacer } from '../adapters/teams/pacer';
import { asTeamsReference, referenceFor, tenantOf, threadConversationId, threadRootId } from '../adapters/teams/reference';
import { parseCommand } from '../src/core/commands/parse';
import { channelOnlyWord as fromTable } from '../src/core/commands/table';

/** The core's command table decides which words need a channel (Teams says whether it is one). */
const channelOnlyWord = (text: string) => fromTable(parseCommand(text));
import { teamsAuthMode } from '../adapters/teams/settings';
import { validateActivity } from '../adapters/teams/validate';
import { filesOf } from '../adapters/teams/inbound-events';
import type { Clock, PromptMessage } from '../src/core/ports';

const prompt: PromptMessage = {
  deliveryId: 'd1',
  programme: 'wol-week',
  programmeTitle: 'WOL Week',
  day: 3,
  theme: 'Learning',
  text: 'Learning in the open means letting others see the rough edges.',
  challenge: 'Share one thing you learned this week and how.',
  footer: 'Replies here are gathered into the programme gallery.',
  heading: 'Day 3 · Learning',
  challengeLabel: "Today's challenge",
  invite: 'Reply in this thread with your work in progress: a draft, a question, a half-made thing.',
};

describe('prompt card', () => {
  it('is an Adaptive Card 1.5 with day, theme, text, a separate challenge, an invitation and the footer, plus a text fallback', () => {
    const a = promptActivity(prompt);
    expect(a.attachments).toHaveLength(1);
    expect(a.attachments![0].contentType).toBe(ADAPTIVE_CARD);
    const card = a.attachments![0].content as { type: string; version: string; body: any[] };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    const texts = JSON.stringify(card.body);
    expect(texts).toContain('Day 3 · Learning');
    expect(texts).toContain(prompt.text);
    expect(texts).toContain(prompt.footer);
    expect(texts).toMatch(/work in progress/);
    const challenge = card.body.find((b) => b.type === 'Container');
    expect(JSON.stringify(challenge)).toContain(prompt.challenge);
    // No text copy of the card (desktop shows it above the card): the summary is the notification line.
    expect(a.text).toBeUndefined();
    expect(a.summary).toBe('Day 3 · Learning');
  });

  it('shows people’s words in digests as written: plain text runs, no escapes, no mentions, no text copy', () => {
    const quote = '<script>x</script> **bold** [link](http://e.vil)';
    const d = summaryActivity({ kind: 'digest', day: 3, theme: 'Learning', title: 'Day 3 · Learning: thank you', intro: ['Thank you, Ana <b>, for working out loud today.'], sections: [{ heading: 'What got people talking', lines: [{ text: 'Ana <b>: 2 reactions', quote, link: { url: 'https://example.com/x', label: 'View' } }] }], links: [], sharers: ['Ana <b>'], shares: 1 } as SummaryMessage);
    expect(d.text).toBeUndefined();
    const json = JSON.stringify(d.attachments![0]!.content);
    expect(json).toContain(JSON.stringify(quote));
    expect(json).not.toMatch(/&lt;|&amp;|\\\\/);
    expect(json).toContain('"type":"RichTextBlock"');
    expect(json).not.toMatch(/<at>/);
  });
});

describe('activity validation', () => {
  const ok = { type: 'message', id: '1', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'c' } };
  it.each([
    ['null', null],
    ['an array', [ok]],
    ['a string', 'message'],
    ['no type', { ...ok, type: undefined }],
    ['empty type', { ...ok, type: '' }],
    ['no serviceUrl', { ...ok, serviceUrl: undefined }],
    ['a non-http serviceUrl', { ...ok, serviceUrl: 'file:///etc/passwd' }],
    ['no conversation', { ...ok, conversation: undefined }],
    ['a conversation without id', { ...ok, conversation: {} }],
    ['a message without id', { ...ok, id: undefined }],
    ['entities not a list', { ...ok, entities: 'x' }],
  ])('rejects %s', (_n, body) => {
    expect(validateActivity(body).ok).toBe(false);
  });
  it('accepts a Teams message and keeps unknown fields', () => {
    const r = validateActivity({ ...ok, locale: 'en-GB', channelData: { tenant: { id: 't' } } });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.activity as any).locale).toBe('en-GB');
  });
  it('reads a channelData or conversation field of the wrong type as absent, keeping the activity', () => {
    const r = validateActivity({
      ...ok, conversation: { id: 'c', tenantId: 7, conversationType: ['channel'] },
      channelData: { tenant: { id: 't' }, team: { id: 42, name: 'Team' }, channel: 'general', eventType: {} },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.activity.channelData).toMatchObject({ tenant: { id: 't' }, team: { id: undefined, name: 'Team' }, channel: undefined, eventType: undefined });
    expect(r.activity.conversation).toMatchObject({ id: 'c', tenantId: undefined, conversationType: undefined });
    expect(tenantOf(r.activity)).toBe('t');
  });
  it("takes a reply's files from what Teams sent, skipping the HTML copy of the text, cards and fields of the wrong type", () => {
    const r = validateActivity({
      ...ok,
      attachments: [
        { contentType: 'text/html', content: '<p>hi</p>' },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
        { contentType: 'image/png', contentUrl: 'https://files.example/a.png' },
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'b.docx', content: { downloadUrl: 'https://files.example/b.docx' } },
        { contentType: 'application/pdf', contentUrl: 42, name: 'c.pdf', content: { downloadUrl: ['x'] } },
        { contentType: 'application/zip', content: 'just text' },
      ],
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(filesOf(r.activity)).toEqual(['https://files.example/a.png', 'https://files.example/b.docx', 'c.pdf']);
  });
  it('accepts an unrouted type with only a type', () => {
    expect(validateActivity({ type: 'typing' }).ok).toBe(true);
  });
});

describe('mention stripping', () => {
  const bot = '28:bot';
  const ent = (text: string, id = bot) => [{ type: 'mention', text, mentioned: { id, name: 'wolbot' } }];
  it('removes a leading mention and keeps the rest byte for byte', () => {
    const r = stripBotMention('<at>wolbot</at> my  draft\n  - point one  \n', ent('<at>wolbot</at>'), bot);
    expect(r).toEqual({ text: 'my  draft\n  - point one  \n', mentioned: true });
  });
  it('removes a mention in the middle leaving one space', () => {
    expect(stripBotMention('thanks <at>wolbot</at> for this', ent('<at>wolbot</at>'), bot).text).toBe('thanks for this');
  });
  it('removes a trailing mention', () => {
    expect(stripBotMention('done here <at>wolbot</at>', ent('<at>wolbot</at>'), bot).text).toBe('done here');
  });
  it('leaves other people\'s mentions and text without mentions alone', () => {
    const t = '<at>Ana</at> look at this ';
    expect(stripBotMention(t, ent('<at>Ana</at>', '29:ana'), bot)).toEqual({ text: t, mentioned: false });
    expect(stripBotMention('  plain  ', undefined, bot)).toEqual({ text: '  plain  ', mentioned: false });
  });
});

describe('auth configuration', () => {
  it('maps our settings onto exactly the keys botbuilder reads', () => {
    const c = botAuthConfig({ appId: 'app', appPassword: 'pw', appTenantId: 'ten', appType: 'SingleTenant', allowAnonymous: false });
    expect(Object.keys(c).sort()).toEqual(['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType']);
    expect(c).toEqual({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'ten' });
  });
  it('is closed without an app id unless anonymous is allowed', () => {
    expect(teamsAuthMode({ allowAnonymous: false })).toBe('closed');
    expect(teamsAuthMode({ allowAnonymous: true })).toBe('anonymous');
    expect(teamsAuthMode({ appId: 'x', allowAnonymous: true })).toBe('authenticated');
  });
});

describe('thread ids', () => {
  it('reads and builds ;messageid= conversation ids', () => {
    expect(threadRootId('19:a@thread.tacv2;messageid=123')).toBe('123');
    expect(threadRootId('19:a@thread.tacv2')).toBeNull();
    expect(threadConversationId('19:a@thread.tacv2', '9')).toBe('19:a@thread.tacv2;messageid=9');
  });
});

describe('delivery errors', () => {
  const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });
  it.each([429, 412, 502, 504])('%i is transient', (status) => {
    const e = toDeliveryError({ statusCode: status, response: { headers: headers({ 'retry-after': '7' }) } }, 0);
    expect(e.kind).toBe('transient');
    expect(e.retryAfterMs).toBe(7000);
  });
  it('403 and 404 are permanent and deactivate the channel', () => {
    expect(toDeliveryError({ statusCode: 403 }, 0)).toMatchObject({ kind: 'permanent', deactivateChannel: true, reason: 'bot_removed' });
    expect(toDeliveryError({ statusCode: 404 }, 0)).toMatchObject({ kind: 'permanent', deactivateChannel: true, reason: 'conversation_not_found' });
  });
  it('a refused connection is transient, a timeout uncertain', () => {
    expect(toDeliveryError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 0).kind).toBe('transient');
    expect(toDeliveryError({ name: 'AbortError', message: 'The operation was aborted.' }, 0)).toMatchObject({ kind: 'uncertain', reason: 'timeout' });
  });
});

describe('pacer', () => {
  it('lets 7 through per conversation each second and makes the 8th wait for the window', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const clock: Clock = { now: () => new Date(now), sleep: async (ms) => { sleeps.push(ms); } };
    const p = new Pacer(clock);
    for (let i = 0; i < 7; i++) await p.take([['conv:a', 7], ['tenant:t', 50]]);
    expect(sleeps).toEqual([]);
    await p.take([['conv:a', 7], ['tenant:t', 50]]);
    expect(sleeps).toEqual([1000]);
    await p.take([['conv:b', 7], ['tenant:t', 50]]); // another conversation is not held up
    expect(sleeps).toEqual([1000]);
    now = 2000;
    await p.take([['conv:a', 7]]);
    expect(sleeps).toEqual([1000]);
  });
  it('holds a tenant to 50 per second across conversations', async () => {
    const sleeps: number[] = [];
    const clock: Clock = { now: () => new Date(0), sleep: async (ms) => { sleeps.push(ms); } };
    const p = new Pacer(clock);
    for (let i = 0; i < 51; i++) await p.take([[`conv:${i}`, 7], ['tenant:t', 50]]);
    expect(sleeps).toEqual([1000]);
  });
});

describe('words that need a team channel', () => {
  it.each([
    ['subscribe', 'subscribe'],
    ['Subscribe Europe/Berlin', 'subscribe'],
    ['unsubscribe', 'unsubscribe'],
    ['digest', 'digest'],
    ['pause', 'pause'],
    ['resume', 'resume'],
    ['post 2 here', 'post here'],
  ])('%s is declined outside a channel', (text, word) => {
    expect(channelOnlyWord(text)).toBe(word);
  });
  it.each(['help', 'status', 'forget me', 'post 2', 'post today again', 'pause all', 'resume all', 'pause nonsense'])('%s goes to the core', (text) => {
    expect(channelOnlyWord(text)).toBeNull();
  });
});

describe('saved references', () => {
  const a = {
    type: 'conversationUpdate',
    serviceUrl: 'https://smba.example/emea/',
    recipient: { id: '28:bot', name: 'wolbot' },
    conversation: { id: '19:general@thread.tacv2', tenantId: 't1' },
    channelData: { team: { id: '19:general@thread.tacv2' }, channel: { id: '19:new@thread.tacv2', name: 'new one' }, tenant: { id: 't1' }, eventType: 'channelCreated' },
  };
  it("give the activity's channel name only to that channel", () => {
    expect(referenceFor(a, '19:new@thread.tacv2')).toMatchObject({ channelName: 'new one', teamId: '19:general@thread.tacv2', tenantId: 't1', conversationType: 'channel' });
    expect(referenceFor(a, '19:other@thread.tacv2').channelName).toBeNull();
    expect(referenceFor(a, '19:other@thread.tacv2', 'listed name').channelName).toBe('listed name');
  });
  it('read back what referenceFor wrote; an older or damaged one keeps what is usable', () => {
    const ref = referenceFor(a, '19:new@thread.tacv2');
    expect(asTeamsReference(JSON.parse(JSON.stringify(ref)))).toEqual(ref);
    expect(asTeamsReference({ serviceUrl: 'https://smba.example/emea/', channelId: '19:c', tenantId: 5 })).toEqual({
      serviceUrl: 'https://smba.example/emea/', channelId: '19:c', tenantId: null, teamId: null, channelName: null, teamName: null, botId: null, botName: null, conversationType: null,
    });
    for (const bad of [null, 'x', {}, { serviceUrl: '', channelId: 'c' }, { serviceUrl: 'https://s/', channelId: 3 }]) expect(asTeamsReference(bad)).toBeNull();
  });
});
