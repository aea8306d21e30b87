import { parseCommand } from '../src/core/commands/parse';
import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { sandboxAppForTests } from './helpers/sandbox-app';

describe('parseCommand', () => {
  test.each([
    ['', { word: 'help' }],
    ['post 2', { word: 'post', day: 2, here: false, again: false }],
    ['POST 3 here again', { word: 'post', day: 3, here: true, again: true }],
    ['post', { word: 'post', day: 'today', here: false, again: false }],
    ['post today here', { word: 'post', day: 'today', here: true, again: false }],
    ['subscribe America/New_York', { word: 'subscribe', timezone: 'America/New_York' }],
    ['forget me', { word: 'forget-me' }],
    ['pause all', { word: 'pause', all: true }],
    ['resume', { word: 'resume', all: false }],
  ])('%j', (input, expected) => expect(parseCommand(input)).toEqual(expected));

  test.each(['post two', 'post 2 3', 'forget', 'pause everything', 'dance', 'status now'])('%j is refused with a reason', (input) => {
    const c = parseCommand(input);
    expect(c.word).toBe('unknown');
    expect((c as { problem: string }).problem.length).toBeGreaterThan(5);
  });
});

describe('chat commands through the sandbox API', () => {
  const clock = new FakeClock('2026-11-17T10:00:00Z');
  const app = sandboxAppForTests(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general, local:team2]
`, clock);
  // The sandbox API always speaks as sandbox-user (an admin here); other people speak through the core.
  const say = async (text: string, user?: string, channel = 'general') => {
    if (user) return localPeople(app).command(user, channel, text);
    const r = await fetch(`${app.url}/v1/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, text }) });
    expect(r.status).toBe(200);
    return (await r.json()) as { text: string; followUps: string[] };
  };
  const promptDays = async (channel: string) => (await app.store.listLocalMessages(channel)).filter((m) => m.kind === 'prompt').map((m) => (m.body as { day: number }).day);

  test('a member cannot post: a polite refusal and nothing posted', async () => {
    const a = await say('post 2', 'member-1');
    expect(a.text).toMatch(/for the programme's admins/);
    expect(a.text).toMatch(/Nothing was changed/);
    expect(await promptDays('general')).toEqual([]);
  });

  test('an admin posts day 2 everywhere once; a repeat says when and how to force it', async () => {
    const a = await say('post 2');
    expect(a.text).toMatch(/Posting day 2 \(Sharing\) to 2 channels/);
    expect(a.followUps.join('\n')).toMatch(/Day 2 posted in 2 channels/);
    const b = await say('post 2');
    expect(b.followUps.join('\n')).toMatch(/local:general: day 2 was already posted at 2026-11-17 10:00 \(Europe\/London\)\. Say `post 2 again`/);
    expect(await promptDays('general')).toEqual([2]);
    expect(await promptDays('team2')).toEqual([2]);
  });

  test('`post today here again` posts only in this channel, again', async () => {
    const a = await say('post today here again', undefined, 'team2');
    expect(a.text).toMatch(/Posting day 2 \(Sharing\) to local:team2, again/);
    expect(await promptDays('team2')).toEqual([2, 2]);
    expect(await promptDays('general')).toEqual([2]);
  });

  test('a day the programme does not have, an unknown timezone and unknown words change nothing', async () => {
    expect((await say('post 9')).text).toMatch(/no day 9; its days are 1, 2, 3, 4, 5/);
    expect((await say('subscribe Mars/Base')).text).toMatch(/not a timezone I know/);
    expect((await say('dance')).text).toMatch(/I don't know "dance"/);
    expect(await promptDays('general')).toEqual([2]);
  });

  test('subscribe and unsubscribe a new channel; status shows it', async () => {
    expect((await say('subscribe Asia/Kolkata', undefined, 'new')).text).toMatch(/Subscribed[\s\S]*Next post: day 3 \(Learning\) on 2026-11-18 at 09:00 Asia\/Kolkata/);
    expect((await say('status')).text).toMatch(/local:new \(Asia\/Kolkata, 09:00\)/);
    expect((await say('unsubscribe', undefined, 'new')).text).toMatch(/unsubscribed/);
    expect((await say('status')).text).toMatch(/local:new .*inactive: unsubscribed by sandbox-user/);
  });

  test('help is open to everyone', async () => {
    expect((await say('help', 'member-2')).text).toMatch(/forget me[\s\S]*post \[N\|today\] \[here\] \[again\]/);
  });
});
