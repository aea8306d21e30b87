/** Text that survives each medium: cuts by grapheme, isolated names, capped lists that fit each platform. */
import { promptActivity } from '../adapters/teams/card';
import { fitsTeams } from '../adapters/teams/card';
import { summaryActivity } from '../adapters/teams/summary-card';
import { promptMessage } from '../adapters/slack/blocks';
import { fitsSlack, summaryMessage } from '../adapters/slack/summary-blocks';
import { notMemberHere } from '../adapters/slack/commands';
import { cappedNames, withShorterForms } from '../src/core/give/capped-names';
import { wrapupContent, type RunShare } from '../src/core/give/wrapup-content';
import { translator } from '../src/core/i18n/catalogue';
import { fitSummary } from '../src/core/ports/fit-summary';
import { clipText, graphemes } from '../src/core/ports/text-fit';
import type { PromptMessage, SummaryMessage } from '../src/core/ports';
import { cardText, teamsBodyProblems } from './helpers/adaptive-cards';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAMES = ['Ana-María López (R&D).', "Ben O'Neil - PM!", 'Cy #1 [Ops] > Dev'];

describe('cutting by grapheme', () => {
  test('an emoji sequence or a flag at the cut is kept whole or left out, never split; "…" always ends the cut', () => {
    for (const tail of ['👩🏽‍💻', '🇩🇪', 'é', '👍🏿']) {
      for (let max = 5; max < 14; max++) {
        const s = `abcdefgh${tail}${tail}xyz`;
        const cut = clipText(s, max);
        if ([...s].length <= max) {
          expect(cut).toBe(s);
          continue;
        }
        expect([...cut].length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE_SURROGATE);
        expect(cut.endsWith('…')).toBe(true);
        // Every grapheme of the cut (but "…") is one of the original's.
        expect(graphemes(s).slice(0, graphemes(cut).length - 1)).toEqual(graphemes(cut).slice(0, -1));
      }
    }
  });

  test('a cut inside an isolated right-to-left name closes the isolate, so the rest of the line keeps its direction', () => {
    const line = `Thank you, ${cappedNames(translator('en'), ['سارة العلي', 'Ben'])}, for working out loud.`;
    const cut = clipText(line, 16);
    expect(cut).toBe('Thank you, \u2068سا\u2069…');
  });

  test('Slack prompt text is cut before escaping: never inside &amp; or an emoji', () => {
    const p: PromptMessage = {
      deliveryId: 'd', programme: 'p', programmeTitle: 'P', day: 1, theme: 'T', heading: `Day 1 · ${'R&D '.repeat(40)}`, challengeLabel: 'Today', invite: 'i', footer: 'f',
      text: `${'x'.repeat(2994)}&&&&🙂🙂`, challenge: 'c',
    };
    const m = promptMessage(p);
    const text = (m.blocks[1] as { text: { text: string } }).text.text;
    expect([...text].length).toBeLessThanOrEqual(3000);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(text.endsWith('…')).toBe(true);
    const header = (m.blocks[0] as { text: { text: string } }).text.text;
    expect([...header].length).toBeLessThanOrEqual(150);
  });
});

describe('long lists of names', () => {
  test('"and N others" in the programme’s language, each shown name isolated', () => {
    const names = Array.from({ length: 415 }, (_, i) => `P${i}`);
    expect(cappedNames(translator('en'), names, { max: 3, cut: false })).toBe('\u2068P0\u2069, \u2068P1\u2069, \u2068P2\u2069 and 412 others');
    expect(cappedNames(translator('de'), names, { max: 3, cut: false })).toBe('\u2068P0\u2069, \u2068P1\u2069, \u2068P2\u2069 und 412 weitere');
    expect(cappedNames(translator('en'), names.slice(0, 4), { max: 3, cut: false })).toBe('\u2068P0\u2069, \u2068P1\u2069, \u2068P2\u2069 and 1 other');
  });

  test('a 1,000-sharer wrap-up fits Slack and Teams, names the rest "others" and links the gallery; its card is valid', () => {
    const at = Date.parse('2026-11-20T10:00:00Z');
    const shares: RunShare[] = Array.from({ length: 1000 }, (_, i) => ({
      person: `slack:U${i}`, name: NAMES[i] ?? `Colleague ${i} from a department with a long name`, day: 1, heading: 'Day 1 · Connection',
      text: `Work in progress ${i} ${'🙂'.repeat(i < 3 ? 400 : 1)}`, reactions: i < 5 ? 5 - i : 0, at: new Date(at + i * 1000),
    }));
    const stats = {
      run: null, people: 1000, returning: 0, firstTime: 1000, shares: 1000, days: [{ day: 1, theme: 'Connection', localDate: '2026-11-16', shares: 1000, people: 1000 }],
      channels: [{ platform: 'slack' as const, channel: 'C1', name: 'wol', shares: 1000, people: 1000 }],
    };
    const tr = translator('en');
    const m = withShorterForms((cap) => wrapupContent({ title: 'WOL Week', stats: stats as never, headings: new Map([[1, 'Day 1 · Connection']]), shares, firstTimers: new Set(shares.map((s) => s.person)), galleryUrl: 'https://wol.example.com/', tr, cap }));
    expect(m.shorter?.length).toBeGreaterThan(0);

    const slack = fitSummary(m, summaryMessage, fitsSlack)!;
    expect(fitsSlack(slack.body)).toBe(true);
    const teams = fitSummary(m, summaryActivity, fitsTeams)!;
    expect(fitsTeams(teams.body)).toBe(true);
    expect(JSON.stringify(teams.body).length * 2).toBeLessThanOrEqual(80_000);
    expect(teamsBodyProblems(teams.body)).toEqual([]);
    const text = cardText(teams.body);
    expect(text).toMatch(/and \d+ others/);
    for (const n of NAMES) expect(text).toContain(`\u2068${n}\u2069`);
    expect(teams.body.attachments![0]!.content).toMatchObject({ actions: [{ type: 'Action.OpenUrl', url: 'https://wol.example.com/' }] });
    // The highlights stay capped, and their long quotes are cut whole.
    expect(text.split('\n').filter((l) => /^\u2068[^\u2069]*\u2069, Day 1 · Connection$/.test(l))).toHaveLength(3);
    expect(text).not.toMatch(/\d+ reactions?/); // no counts (issue 22)
  });
});

describe('Teams cards as Teams renders them', () => {
  test('a digest shows names and words exactly as written: valid card, no escapes, no entities, no text copy', () => {
    const digest: SummaryMessage = {
      kind: 'digest', title: 'Day 3 · R&D (Learning): thank you!',
      intro: [`Thank you, ${cappedNames(translator('en'), NAMES)}, for working out loud today.`],
      sections: [{ heading: 'Can you help?', lines: [{ text: `\u2068${NAMES[2]}\u2069 asked, and nobody has answered yet.`, quote: 'Is 3 < 4 & 5 > 2? *not bold* _nor italic_ [no](link)', link: { url: 'https://teams.example/l?a=1&b=2', label: 'View' } }] }],
      links: [{ url: 'https://wol.example.com/', label: 'Everyone who shared, in the gallery' }],
    };
    const a = summaryActivity(digest);
    expect(a.text).toBeUndefined();
    expect(a.summary).toBe('Day 3 · R&D (Learning): thank you!');
    expect(teamsBodyProblems(a)).toEqual([]);
    const text = cardText(a);
    for (const n of NAMES) expect(text).toContain(n);
    expect(text).toContain('Is 3 < 4 & 5 > 2? *not bold* _nor italic_ [no](link)');
    expect(JSON.stringify(a)).toContain('"url":"https://teams.example/l?a=1&b=2"');
  });

  test('the day’s card: valid, our words without escapes, its link a run that opens it', () => {
    const p: PromptMessage = {
      deliveryId: 'd', programme: 'p', programmeTitle: 'WOL Week (R&D)', day: 2, theme: 'Sharing', heading: 'Day 2 · Sharing - part 1.', challengeLabel: 'Today’s challenge!',
      invite: 'Reply in this thread (a draft, a question).', footer: 'Replies are gathered into the gallery.', text: 'Put something unfinished in front of people.', challenge: 'Share it - today!',
      link: { url: 'https://example.org/guide', label: 'The guide (PDF).' },
    };
    const a = promptActivity(p);
    expect(teamsBodyProblems(a)).toEqual([]);
    expect(a.text).toBeUndefined();
    expect(cardText(a)).toContain('Day 2 · Sharing - part 1.');
    expect(cardText(a)).toContain('The guide (PDF).');
  });
});

describe('/wol status hint', () => {
  const report = ['WOL Week (wol-week): …', 'slack:C1 (Europe/London, 09:00)', '  day 1 Connection: failed — not_in_channel', 'slack:C2 (Europe/London, 09:00)', '  day 1 Connection: posted'].join('\n');
  test('only for the channel the not_in_channel is about', () => {
    expect(notMemberHere(report, 'C1')).toBe(true);
    expect(notMemberHere(report, 'C2')).toBe(false);
    expect(notMemberHere('Could not post: not_in_channel', 'C2')).toBe(true);
  });
});
