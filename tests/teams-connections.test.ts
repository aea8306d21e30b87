/** Introductions and circles on Teams (issue 25): bots cannot start group chats, so each person gets a 1:1 naming the others. */
import { circleContent, introductionContent } from '../src/core/connect/group-content';
import { translator } from '../src/core/i18n/catalogue';
import { TENANT } from './fakes/bot-connector';
import { teamsAdapterForTests } from './helpers/teams-adapter';

const CHANNEL = '19:wol@thread.tacv2';

describe('Teams: introductions and circles as 1:1 chats', () => {
  const { fake, adapter, target } = teamsAdapterForTests(CHANNEL);

  it('an introduction opens a 1:1 chat with each person (isGroup false, their tenant) and sends each the card naming the other', async () => {
    const message = introductionContent({
      a: { userId: '29:anna', name: 'Anna', text: 'Our onboarding checklist', link: null },
      b: { userId: '29:ben', name: 'Ben', text: 'I rewrote the onboarding checklist', link: 'https://teams.microsoft.com/l/message/x' },
      words: ['onboarding', 'checklist'],
      tr: translator('de'),
    });
    const id = await adapter.openGroup!(target, ['29:anna', '29:ben'], message);
    const created = fake.of('createConversation');
    expect(created.map((c) => c.body)).toEqual([
      expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: '29:anna' })], tenantId: TENANT, channelData: { tenant: { id: TENANT } } }),
      expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: '29:ben' })], tenantId: TENANT }),
    ]);
    const sent = fake.of('sendToConversation');
    expect(sent.map((c) => c.conversationId)).toEqual(created.map((c) => c.response.id));
    for (const c of sent) expect(JSON.stringify(c.body)).toContain('Anna, das ist Ben');
    expect(id.split(',')).toEqual(created.map((c) => c.response.id));
    // People's words are plain text in the card; nobody is @mentioned.
    expect(JSON.stringify(sent[0]!.body)).not.toContain('<at>');
  });

  it("a circle's welcome goes to each of its members, with the Circle Guides and a first meeting time", async () => {
    const people = ['a', 'b', 'c', 'd'].map((x) => ({ userId: `29:${x}`, name: x.toUpperCase() }));
    await adapter.openGroup!(target, people.map((p) => p.userId), circleContent({ people, zone: 'Europe/Berlin', now: new Date('2026-11-20T10:00:00Z'), tr: translator('en') }));
    expect(fake.of('createConversation')).toHaveLength(4);
    const body = JSON.stringify(fake.of('sendToConversation')[0]!.body);
    expect(body).toContain('https://workingoutloud.com/circle-guides');
    // Friday + 2 days is a Sunday: the first weekday after is Monday 23 November, at noon in the circle's zone.
    expect(body).toContain('Monday 23 November at 12:00');
    expect(body).toContain('Europe/Berlin');
    expect(body).toContain('A, B, C and D');
  });
});
