import { dayNamed, periodValues, promptFrame } from '../src/core/frame';
import { parseCommand } from '../src/core/commands/parse';
import { adviceFor } from '../src/core/failure-notifier';
import fs from 'node:fs';
import path from 'node:path';
import { de } from '../src/core/i18n/de';
import { ja } from '../src/core/i18n/ja';
import { en, type MessageKey } from '../src/core/i18n/en';
import { catalogueFor, LANGUAGES, missingKeys, translator } from '../src/core/i18n/catalogue';
import type { Programme } from '../src/core/programme';

/** A value for any argument a message names (ICU throws on a missing one): 2 fills plurals, numbers and text alike. */
const values = new Proxy({} as Record<string, number>, { get: (_t, k) => (typeof k === 'string' ? 2 : undefined), has: () => true });

const programme = (over: Partial<Programme> = {}): Programme => ({
  id: 'p', title: 'P', footer: 'f', prompts: [{ day: 8, theme: 'Teilen', text: 't', challenge: 'c' }], ...over,
});

describe('message catalogue', () => {
  test.each(LANGUAGES)('every %s message is valid ICU and fills in', (lang) => {
    const tr = translator(lang);
    for (const key of Object.keys(en) as MessageKey[]) expect(() => tr.t(key, values)).not.toThrow();
  });

  test('German and Japanese are complete: every message of en.ts, none falling back to English', () => {
    expect(missingKeys('de')).toEqual([]);
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(missingKeys('ja')).toEqual([]);
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    expect(translator('ja').t('frame.challenge.weekly')).toBe('今週のチャレンジ');
    // Written in Japanese, not left in English (a few words such as "Working Out Loud" and commands stay).
    const english = (Object.keys(en) as MessageKey[]).filter((k) => ja[k] === en[k] && !/^`|^\{|^report\.links$/.test(en[k]));
    expect(english).toEqual([]);
  });

  test('none of the German calques the review found is left in the German texts', () => {
    const root = path.join(__dirname, '..');
    const german = [JSON.stringify(de), ...fs.readdirSync(path.join(root, 'schedules')).filter((f) => f.startsWith('wol-woche')).map((f) => fs.readFileSync(path.join(root, 'schedules', f), 'utf8'))].join('\n');
    const calques = [
      'beginnt {date}', 'was man weiß', 'die halbe Übung', 'Die meiste Hilfe im Job', 'entsteht meist zufällig', 'Offen zu lernen schließt diese Lücke',
      'Bleibt es privat, bleibt es zäh', 'mit dem aufzutauchen', 'erzähl ihnen', 'Arbeitsstände', 'Arbeitsstand',
      'Für euch alle war es das erste Mal', 'Ein paar Highlights', 'ein ruhiger Tag', 'hilft: antworte', '09:00 (Europe/Berlin)',
      'Thread eines Beitrags', 'Nächster Beitrag', 'keine Beiträge mehr',
    ];
    expect(calques.filter((c) => german.includes(c))).toEqual([]);
  });

  test('BCP 47 tags pick the catalogue by language; unknown ones fall back to English and check can list every key', () => {
    expect(catalogueFor('de-CH')).toBe('de');
    expect(catalogueFor('DE')).toBe('de');
    expect(catalogueFor('ja-JP')).toBe('ja');
    expect(catalogueFor('fr')).toBeNull();
    expect(translator('fr').lang).toBe('en');
    expect(missingKeys('fr')).toHaveLength(Object.keys(en).length);
  });

  test('plurals follow the language', () => {
    expect(translator('en').t('digest.replies', { n: 1 })).toBe('1 reply');
    expect(translator('de').t('digest.replies', { n: 4 })).toBe('4 Antworten');
    expect(translator('de').t('wrapup.thanks', { n: 1, names: 'Anna' })).toBe('Danke, Anna, für dein Working Out Loud.');
    expect(translator('de').t('wrapup.thanks', { n: 2, names: 'Anna und Ben' })).toBe('Danke, Anna und Ben, für euer Working Out Loud.');
    expect(translator('de').t('digest.thanks.daily', { n: 1, names: 'Ana' })).toBe('Danke, Ana, dass du heute deine Arbeit gezeigt hast.');
    expect(translator('de').t('digest.thanks.daily', { n: 2, names: 'Ana und Ben' })).toBe('Danke, Ana und Ben, dass ihr heute eure Arbeit gezeigt habt.');
  });
});

describe('prompt frame', () => {
  test('daily English: "Day N", "today", one invitation to reply in the thread', () => {
    const f = promptFrame(programme({ prompts: [] }), { day: 3, theme: 'Learning', text: 't', challenge: 'c' });
    expect(f.heading).toBe('Day 3 · Learning');
    expect(f.challengeLabel).toBe("Today's challenge");
    expect(f.invite).toMatch(/^Reply in this thread/);
    expect(f.footer).not.toMatch(/Reply in this thread/);
  });

  test('weekly: "Week N" and "this week", never "today"', () => {
    const p = programme({ cadence: 'weekly' });
    const f = promptFrame(p, p.prompts[0]!);
    expect(f.heading).toBe('Week 2 · Teilen');
    expect(f.challengeLabel).toBe("This week's challenge");
    expect(JSON.stringify(f)).not.toMatch(/today/i);
  });

  test('German, weekly, with labels and a link', () => {
    const p = programme({ language: 'de', cadence: 'weekly', labels: { heading: 'Treffen {n}: {theme}', link: 'Zum Leitfaden' } });
    const f = promptFrame(p, { ...p.prompts[0]!, link: 'https://workingoutloud.com/circle-guides' });
    expect(f.heading).toBe('Treffen 2: Teilen');
    expect(f.challengeLabel).toBe('Die Aufgabe für diese Woche');
    expect(f.link).toEqual({ url: 'https://workingoutloud.com/circle-guides', label: 'Zum Leitfaden' });
  });

  test('a programme that gathers nothing does not invite replies into a gallery', () => {
    const f = promptFrame(programme({ gather: false }), { day: 1, theme: 'T', text: 't', challenge: 'c' });
    expect(f.invite).not.toMatch(/gallery|Reply in this thread/);
  });
});

describe('a weekly programme’s answers and notices name the week (a daily one’s the day)', () => {
  const weekly = programme({ cadence: 'weekly' });
  const daily = programme();
  const notice = (lang: string, p: Programme, kind: string, reason = 'not_in_channel') => {
    const tr = translator(lang);
    const period = periodValues(p, 8);
    return {
      failed: tr.t('notice.failed', { kind, ...period, where: 'slack:C1', reason, advice: adviceFor(reason, tr, period.weekly === 'yes') }),
      uncertain: tr.t('notice.uncertain', { kind, ...period, where: 'slack:C1', reason: 'timeout' }),
    };
  };

  test('notices to the organizers, in English, German and Japanese', () => {
    expect(notice('en', weekly, 'prompt').failed).toBe('wolbot could not post week 2 in slack:C1: not_in_channel. Invite the bot to the channel again, then say `post N here` to send the missed week.');
    expect(notice('en', daily, 'prompt').failed).toBe('wolbot could not post day 8 in slack:C1: not_in_channel. Invite the bot to the channel again, then say `post N here` to send the missed day.');
    expect(notice('en', weekly, 'digest').uncertain).toBe('wolbot is not sure whether the digest of week 2 reached slack:C1 (timeout). It will not post it again by itself: look in the channel.');
    expect(notice('de', weekly, 'prompt').failed).toBe('wolbot konnte den Impuls von Woche 2 nicht in slack:C1 posten: not_in_channel. Lade den Bot wieder in den Kanal ein und sag dann `post N here`, um die verpasste Woche nachzuholen.');
    expect(notice('de', daily, 'prompt').failed).toBe('wolbot konnte den Impuls von Tag 8 nicht in slack:C1 posten: not_in_channel. Lade den Bot wieder in den Kanal ein und sag dann `post N here`, um den verpassten Tag nachzuholen.');
    expect(notice('de', weekly, 'prompt').uncertain).toBe('wolbot weiß nicht sicher, ob der Impuls von Woche 2 in slack:C1 angekommen ist (timeout). Von sich aus postet wolbot nichts noch einmal: Schau im Kanal nach, und falls er fehlt, sag `post week 2 here again`.');
    expect(notice('de', daily, 'prompt').uncertain).toMatch(/ob der Impuls von Tag 8 in slack:C1 .* und falls er fehlt, sag `post 8 here again`\.$/);
    expect(notice('de', weekly, 'digest', 'boom').failed).toMatch(/^wolbot konnte die Zusammenfassung von Woche 2 nicht in slack:C1 posten: boom\. .*die verpasste Woche nachzuholen\.$/);
    expect(notice('ja', weekly, 'prompt').failed).toBe('wolbot はslack:C1に第2週のお題を投稿できませんでした：not_in_channel。ボットをチャンネルにもう一度招待してから `post N here` と送り、投稿できなかった週のお題を投稿してください。');
    expect(notice('ja', daily, 'prompt').uncertain).toMatch(/^wolbot は、8日目のお題が.*`post 8 here again`/);
  });

  test.each(LANGUAGES)('the command a %s notice advises posts that very prompt again', (lang) => {
    for (const p of [weekly, daily]) {
      const advised = /`(post [^`]+)`/.exec(notice(lang, p, 'prompt').uncertain)![1]!;
      const cmd = parseCommand(advised);
      expect(cmd).toMatchObject({ word: 'post', here: true, again: true });
      if (cmd.word !== 'post' || cmd.day === 'today') throw new Error(advised);
      expect(dayNamed(p, cmd.day)).toBe(8);
    }
  });

  test('what a weekly programme has no more of, and what `post N` takes there', () => {
    expect(translator('en').t('cmd.subscribe.noMore', { weekly: 'yes' })).toBe('The programme has no more weeks to post.');
    expect(translator('en').t('cmd.subscribe.noMore', { weekly: 'no' })).toBe('The programme has no more days to post.');
    expect(translator('de').t('cmd.subscribe.noMore', { weekly: 'yes' })).toBe('Das Programm hat keine weiteren Wochen.');
    expect(translator('en').t('cmd.post.noToday', { date: '2026-11-17', p: '/wol ', days: '1, 2, 3, 4', weekly: 'yes' })).toBe('There is no prompt for today (2026-11-17). Say `/wol post N` with a week of the programme: 1, 2, 3, 4.');
    expect(translator('de').t('cmd.post.noToday', { date: '2026-11-17', p: '/wol ', days: '1, 2', weekly: 'yes' })).toBe('Für heute (2026-11-17) gibt es keinen Impuls. Sag `/wol post N` und setz für N eine Woche des Programms ein: 1, 2.');
    expect(translator('en').t('cmd.post.error', { ...periodValues(weekly, 8), error: 'boom' })).toBe('Posting week 2 ran into an error: boom. `status` shows what was posted.');
  });

  test('a manual post’s answer reads right with every state (“wird gesendet” is no adjective)', () => {
    const de = translator('de');
    const state = de.t('status.state', { state: 'sending' });
    expect(de.t('post.alreadyState', { where: 'slack:C1', ...periodValues(weekly, 8), state, reason: '', hint: 'post week 2 again' })).toBe('slack:C1: Woche 2 hat bereits den Status „wird gesendet“. Sag `post week 2 again`, um sie noch einmal zu posten.');
    expect(translator('ja').t('post.sent', { ...periodValues(weekly, 8), n: 1, where: 'local:shuu' })).toBe('第2週のお題を1チャンネルに投稿しました：local:shuu。');
  });
});
