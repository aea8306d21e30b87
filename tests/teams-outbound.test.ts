/** Posting through real botbuilder to the fake Bot Connector: thread creation, digests, failures. */
import type { TeamsReference } from '../adapters/teams/reference';
import { DeliveryError, type PromptMessage } from '../src/core/ports';
import { cardText, teamsBodyProblems } from './helpers/adaptive-cards';
import { TEAM, TENANT } from './fakes/bot-connector';
import { teamsAdapterForTests } from './helpers/teams-adapter';

const CHANNEL = '19:out@thread.tacv2';
const prompt: PromptMessage = {
  deliveryId: 'd-1', programme: 'wol-week', programmeTitle: 'WOL Week', day: 3, theme: 'Learning',
  text: 'Learn in the open.', challenge: 'Share one lesson.', footer: 'Replies are gathered into the gallery.',
  heading: 'Day 3 · Learning', challengeLabel: "Today's challenge", invite: 'Reply in this thread with your work in progress.',
};

describe('Teams outbound', () => {
  const { fake, adapter, target } = teamsAdapterForTests(CHANNEL);

  it('postPrompt creates a new channel thread and returns its ;messageid= conversation id', async () => {
    const ref = await adapter.postPrompt(target, prompt);
    const [call] = fake.of('createConversation');
    expect(ref).toEqual({ platform: 'teams', channelId: CHANNEL, id: `${CHANNEL};messageid=${call.response.activityId}` });
    expect(call.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL }, tenant: { id: TENANT } }, tenantId: TENANT });
    expect(call.body.activity.attachments[0].content.version).toBe('1.5');
  });

  it('a kick-off opens a thread of its own with a card that mentions nobody, and messageLink builds a deep link', async () => {
    const ref = await adapter.postAnnouncement(target, { kind: 'kickoff', title: 'WOL Week starts Monday', intro: ['Hello <at>Ana</at>'], sections: [], links: [{ url: 'https://workingoutloud.com', label: 'What is Working Out Loud?' }] });
    const [call] = fake.of('createConversation');
    expect(ref.id).toBe(`${CHANNEL};messageid=${call.response.activityId}`);
    const card = call.body.activity.attachments[0].content;
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'What is Working Out Loud?', url: 'https://workingoutloud.com' }]);
    // `<at>` in a text run is text, not a mention: no mention entities, shown as written.
    expect(call.body.activity.entities ?? []).toEqual([]);
    expect(cardText(call.body)).toContain('Hello <at>Ana</at>');
    expect(teamsBodyProblems(call.body)).toEqual([]);
    const link = await adapter.messageLink!(target, { platform: 'teams', channelId: CHANNEL, id: `${CHANNEL};messageid=100` }, '200');
    expect(link).toBe(`https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL)}/200?tenantId=${TENANT}&parentMessageId=100`);
  });

  it('postDigest replies in the thread (conversation id arrives URL-encoded and is decoded)', async () => {
    const thread = { platform: 'teams' as const, channelId: CHANNEL, id: `${CHANNEL};messageid=42` };
    await adapter.postDigest(thread, target, { kind: 'digest', day: 3, theme: 'Learning', title: 'Day 3 · Learning: thank you', intro: ['Thank you, Ana <b>, for working out loud today.'], sections: [{ heading: 'What got people talking', lines: [{ text: 'Ana <b>: 2 reactions', quote: 'a <b>', link: { url: 'https://example.com/x', label: 'View' } }] }], links: [], sharers: ['Ana <b>'], shares: 1 });
    const [call] = fake.of('sendToConversation');
    expect(call.path).toContain(encodeURIComponent(thread.id));
    expect(call.conversationId).toBe(thread.id);
    expect(call.body.text).toBeUndefined();
    expect(cardText(call.body)).toContain('a <b>');
    expect(cardText(call.body)).toContain('Thank you, Ana <b>, for working out loud today.');
    expect(teamsBodyProblems(call.body)).toEqual([]);
  });

  it('429 is transient with Retry-After, and is not retried behind the ledger', async () => {
    fake.failNext({ kind: 'createConversation', status: 429, headers: { 'Retry-After': '3' } });
    const err = await adapter.postPrompt(target, prompt).catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ kind: 'transient', retryAfterMs: 3000 });
    expect(fake.of('createConversation')).toHaveLength(1);
  });

  it.each([412, 502, 504])('%i is transient, sent once', async (status) => {
    fake.failNext({ kind: 'createConversation', status });
    await expect(adapter.postPrompt(target, prompt)).rejects.toMatchObject({ kind: 'transient', reason: `http_${status}` });
    expect(fake.of('createConversation')).toHaveLength(1);
  });

  it('403 (bot removed) and 404 (conversation gone) are permanent and deactivate the channel', async () => {
    fake.failNext({ kind: 'createConversation', status: 403 });
    await expect(adapter.postPrompt(target, prompt)).rejects.toMatchObject({ kind: 'permanent', deactivateChannel: true, reason: 'bot_removed' });
    fake.failNext({ kind: 'sendToConversation', status: 404 });
    await expect(adapter.postDigest({ platform: 'teams', channelId: CHANNEL, id: `${CHANNEL};messageid=1` }, target, { kind: 'digest', day: 1, theme: 't', title: 'Day 1 · t', intro: ['Quiet in here today.'], sections: [], links: [], sharers: [], shares: 0 }))
      .rejects.toMatchObject({ kind: 'permanent', deactivateChannel: true, reason: 'conversation_not_found' });
  });

  it('a timeout after the request left is uncertain', async () => {
    fake.failNext({ kind: 'createConversation', status: 0, hang: true });
    await expect(adapter.postPrompt(target, prompt)).rejects.toMatchObject({ kind: 'uncertain', reason: 'timeout' });
    expect(fake.of('createConversation')).toHaveLength(1);
  });

  it('a refused connection is transient (nothing was sent)', async () => {
    const dead = { ...target, reference: { ...(target.reference as TeamsReference), serviceUrl: 'http://127.0.0.1:1' } };
    await expect(adapter.postPrompt(dead, prompt)).rejects.toMatchObject({ kind: 'transient' });
  });

  it('a channel without a saved reference fails permanently without deactivating', async () => {
    await expect(adapter.postPrompt({ platform: 'teams', channelId: CHANNEL }, prompt)).rejects.toMatchObject({ kind: 'permanent', reason: 'teams_no_reference', deactivateChannel: false });
  });

  it('findPostedPrompt cannot look on Teams: uncertain', async () => {
    await expect(adapter.findPostedPrompt!(target, 'd-1', new Date())).rejects.toMatchObject({ kind: 'uncertain', reason: 'teams_no_lookup' });
  });

  it('notifyAdmins tells each organizer in a 1:1 chat, never in the team’s General channel or the failing channel', async () => {
    await adapter.notifyAdmins!({ text: 'day 3 could not be posted: bot_removed', admins: ['aad-admin-1', '29:admin-two'], target });
    const opened = fake.of('createConversation');
    expect(opened.map((c) => c.body)).toEqual([
      expect.objectContaining({ isGroup: false, members: [{ id: 'aad-admin-1' }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } }),
      expect.objectContaining({ isGroup: false, members: [{ id: '29:admin-two' }], tenantId: TENANT }),
    ]);
    for (const c of opened) {
      expect(c.body.channelData.channel).toBeUndefined();
      expect(fake.textsIn(c.response.id)).toEqual(['day 3 could not be posted: bot_removed']);
    }
    expect(fake.textsIn(TEAM)).toEqual([]);
    expect(fake.textsIn(CHANNEL)).toEqual([]);
  });

  it('notifyAdmins: one organizer Teams cannot reach does not stop the next', async () => {
    fake.failNext({ kind: 'createConversation', status: 403 });
    await adapter.notifyAdmins!({ text: 'day 2 could not be posted', admins: ['29:gone', '29:here'], target });
    const here = fake.of('createConversation').find((c) => c.body.members[0].id === '29:here')!;
    expect(fake.textsIn(here.response.id)).toEqual(['day 2 could not be posted']);
  });
});
