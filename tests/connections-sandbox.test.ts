import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { sandboxAppForTests } from './helpers/sandbox-app';

/**
 * The sandbox's form of introductions and circles (issue 25): messages of their own kind on the
 * page, addressed to their people; and GET /v1/offers, "who can help with what" from Day 1.
 */
describe('sandbox: introductions, circles and who can help with what', () => {
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = sandboxAppForTests(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general]
`, clock);
  const people = () => localPeople(app, () => clock.now());

  beforeAll(async () => {
    await app.tick();
    const thread = (await app.core.exportPosts({ day: 1 })).posts[0]!.thread;
    const say = async (user: string, text: string) => expect((await people().reply(user, 'general', thread, text)).outcome).toBe('stored');
    await say('ana', 'I can help with onboarding checklists for new engineers.');
    await say('ben', 'Our onboarding checklist for new hires needs a rewrite: ideas welcome.');
    await say('dan', 'Happy to review onboarding checklists too.');
    await say('cy', 'Budget spreadsheets are my thing.');
    for (const u of ['ana', 'ben', 'cy']) expect((await people().command(u, 'general', 'connect on')).text).toMatch(/You are in/);
  }, 60_000);

  test('the introduction is a message of its own kind on the page, for Ana and Ben only', async () => {
    const rounds = await app.core.introduce();
    expect(rounds.map((r) => r.result)).toEqual([{ made: 1, failed: 0 }]);
    const page = (await (await fetch(`${app.url}/v1/local/messages?channel=general`)).json()) as { messages: { kind: string; body: { to?: string[]; text?: string } }[] };
    const intro = page.messages.filter((m) => m.kind === 'introduction');
    expect(intro).toHaveLength(1);
    expect([...intro[0]!.body.to!].sort()).toEqual(['ana', 'ben']);
    expect(intro[0]!.body.text).toMatch(/meet/);
  });

  test('GET /v1/offers lists the Day 1 offers of people who opted in, searchable by word or prefix', async () => {
    const all = (await (await fetch(`${app.url}/v1/offers`)).json()) as { offers: { text: string }[] };
    // Written in the same instant of the fake clock: compared as a set.
    expect(all.offers.map((o) => o.text).sort()).toEqual([
      'Budget spreadsheets are my thing.',
      'I can help with onboarding checklists for new engineers.',
      'Our onboarding checklist for new hires needs a rewrite: ideas welcome.',
    ]);
    // Dan did not opt in: his offer is not listed, whatever the search.
    const found = (await (await fetch(`${app.url}/v1/offers?q=${encodeURIComponent('onboard')}`)).json()) as { offers: { text: string }[] };
    expect(found.offers).toHaveLength(2);
    expect(found.offers.map((o) => o.text).join(' ')).not.toContain('review');
    const budget = (await (await fetch(`${app.url}/v1/offers?q=budgets`)).json()) as { offers: { text: string }[] };
    expect(budget.offers.map((o) => o.text)).toEqual(['Budget spreadsheets are my thing.']);
    expect((await fetch(`${app.url}/v1/offers?q=a&q=b`)).status).toBe(400);
  });

  test('circles: too few joined to form one — they wait, and status says so', async () => {
    for (const u of ['ana', 'ben', 'cy']) expect((await people().command(u, 'general', 'circle join')).text).toMatch(/on the list/);
    expect((await people().command('cy', 'general', 'circle leave')).text).toMatch(/off the list/);
    const [round] = await app.core.formCircles();
    expect(round!.result).toEqual({ formed: 0, placed: 0, waiting: 2, failed: 0 });
    const status = (await people().command('sandbox-user', 'general', 'status')).text;
    expect(status).toContain('Circles: 2 joined, 0 circles formed; 2 people wait for the next round.');
    expect(status).toContain('Introductions: 3 opted in, 1 introduction made.');
  });
});
