/**
 * `connections: true` on a German programme (issue 25): the day's introductions follow its digest,
 * in German; never across workspaces; once a day and exactly once across a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';

const BERLIN_0900 = Date.parse('2026-11-16T08:00:30Z');
const BERLIN_1700 = Date.parse('2026-11-16T16:00:30Z');
const DAY = 86_400_000;

describe('Slack: daily introductions after the digest (German, two workspaces)', () => {
  let s: SlackApp;
  let dir: string;
  let seq = 0;
  const command = async (text: string, user: string, channel: string, teamId: string) => {
    const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand(text, { user, channel, teamId, responseUrl: s.fake.responseUrl(`r${++seq}`) }), { form: true });
    expect(r.status).toBe(200);
    return JSON.stringify(r.json ?? r.text);
  };
  const share = async (channel: string, thread: string, user: string, text: string, teamId: string) => {
    const m = s.fake.addMessage({ channel, user, text, thread_ts: thread, ts: (Number(thread) + ++seq / 1000).toFixed(6) });
    const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'message', channel, user, text, ts: m.ts, thread_ts: thread, event_ts: m.ts, channel_type: 'channel' }, { teamId }));
    expect(r.status).toBe(200);
  };
  const promptIn = (channel: string, day: number) => s.fake.posts(channel).find((m) => (m.metadata as { event_payload?: { day?: number } } | undefined)?.event_payload?.day === day)!.ts;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-daily-'));
    fs.writeFileSync(
      path.join(dir, 'wolbot.yaml'),
      ['program: wol-woche', 'start: 2026-11-16', 'time: "09:00"', 'timezone: Europe/Berlin', 'digest: "17:00"', 'connections: true', 'admins: [UADMIN]', 'channels:', '  - slack:C0WOL1', ''].join('\n'),
    );
    s = await startSlackApp({ dir, clockAt: BERLIN_0900 });
    for (const [id, name] of [['U0ANNA', 'Anna'], ['U0BEN', 'Ben'], ['U0CARA', 'Cara'], ['U0GUS', 'Gus']]) s.fake.userNames.set(id, name);
  });
  afterAll(() => s.stop());

  test('Anna and Ben are introduced in German after the digest; Cara, in another workspace, never; nobody twice after a restart', async () => {
    await s.app.tick();
    // A second workspace's channel, subscribed there.
    s.fake.channels.set('C0OTHER', { name: 'wol-andere', is_member: true });
    expect(await command('subscribe', 'UADMIN', 'C0OTHER', 'T0OTHER')).toContain('Angemeldet');
    await command('post 1 here', 'UADMIN', 'C0OTHER', 'T0OTHER');
    await waitFor(() => s.fake.posts('C0OTHER').some((m) => m.metadata), 'day 1 in the other workspace');
    const here = promptIn('C0WOL1', 1);
    const there = promptIn('C0OTHER', 1);
    await share('C0WOL1', here, 'U0ANNA', 'Ich überarbeite gerade unsere Checkliste für das Onboarding neuer Kolleginnen im Vertrieb.', 'T0TEAM');
    await share('C0WOL1', here, 'U0BEN', 'Beim Onboarding kann ich helfen: letztes Jahr habe ich die Checklisten für neue Mitarbeiter geschrieben.', 'T0TEAM');
    await share('C0WOL1', here, 'U0GUS', 'Wir suchen einen Ort für das Teamtreffen am See.', 'T0TEAM');
    await share('C0OTHER', there, 'U0CARA', 'Auch bei uns: eine Checkliste fürs Onboarding neuer Kollegen, wer hat Vorlagen?', 'T0OTHER');
    for (const u of ['U0ANNA', 'U0BEN', 'U0GUS']) expect(await command('connect on', u, 'C0WOL1', 'T0TEAM')).toContain('Du bist dabei');
    expect(await command('connect on', 'U0CARA', 'C0OTHER', 'T0OTHER')).toContain('Du bist dabei');

    // Before the digest: no round yet.
    s.clock.t = BERLIN_1700 - 60_000;
    await s.app.tick();
    expect(s.fake.groups.size).toBe(0);
    s.clock.t = BERLIN_1700;
    await s.app.tick();
    expect([...s.fake.groups.values()]).toEqual([['U0ANNA', 'U0BEN']]);
    const [group] = [...s.fake.groups.keys()];
    const intro = s.fake.posts(group)[0]!.text!;
    expect(intro).toContain('Anna, das ist Ben');
    expect(intro).toContain('Eine Frage zum Einstieg');
    expect(intro).not.toContain('Cara');

    // A restart on the same store and the same day: no second round, no second introduction.
    await s.app.stop();
    s = await startSlackApp({ dir, fake: s.fake, clockAt: BERLIN_1700 + 60_000 });
    await s.app.tick();
    const again = await s.app.core.introduce();
    expect(again.map((r) => r.result.made)).toEqual([0]);
    expect(s.fake.posts(group)).toHaveLength(1);

    // Day 2: Cara overlaps with Anna and Ben, but in another workspace: still nobody new.
    s.clock.t = BERLIN_0900 + DAY;
    await s.app.tick();
    s.clock.t = BERLIN_1700 + DAY;
    await s.app.tick();
    expect(s.fake.groups.size).toBe(1);
    expect((await s.app.store.listIntroductions()).map((i) => i.users)).toEqual([['U0ANNA', 'U0BEN']]);
  });
});
