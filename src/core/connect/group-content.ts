import { DateTime } from 'luxon';
import type { Translator } from '../i18n/catalogue';
import type { GroupMessage } from '../ports/messages';
import { longDate } from '../give/kickoff-content';
import { listOf } from '../give/names-list';

export const CIRCLE_GUIDES_URL = 'https://workingoutloud.com/circle-guides';

export interface IntroducedPerson {
  userId: string;
  name: string;
  /** What they shared that overlaps (their own words). */
  text: string;
  link: string | null;
}

/** "Anna, meet Ben": why (the overlapping words), what each shared with a link, one question to start with. */
export function introductionContent(o: { a: IntroducedPerson; b: IntroducedPerson; words: string[]; tr: Translator }): GroupMessage {
  const { a, b, tr } = o;
  const words = o.words.slice(0, 4);
  return {
    kind: 'introduction',
    title: tr.t('intro.title', { a: a.name, b: b.name }),
    intro: [tr.t('intro.why', { words: listOf(tr.lang, words) })],
    sections: [
      {
        heading: tr.t('intro.shared'),
        lines: [a, b].map((p) => ({ text: tr.t('intro.share', { name: p.name }), quote: p.text, link: p.link ? { url: p.link, label: tr.t('intro.link') } : undefined })),
      },
      { lines: [{ text: tr.t('intro.question', { word: words[0] ?? '' }) }] },
    ],
    links: [],
    people: [a, b].map((p) => ({ userId: p.userId, name: p.name })),
  };
}

/** A first meeting to suggest: the first weekday at least two days on, at noon in the circle's zone. */
export function firstMeeting(now: Date, zone: string): DateTime {
  let d = DateTime.fromJSDate(now, { zone }).plus({ days: 2 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d;
}

/** The welcome of a new circle: who is in it, the official Circle Guides, a first meeting time; and that nothing here is gathered. */
export function circleContent(o: { people: { userId: string; name: string }[]; zone: string; now: Date; tr: Translator }): GroupMessage {
  const { tr } = o;
  const meeting = firstMeeting(o.now, o.zone);
  return {
    kind: 'circle',
    title: tr.t('circle.title'),
    intro: [
      tr.t('circle.welcome', { names: listOf(tr.lang, o.people.map((p) => p.name)) }),
      tr.t('circle.meeting', { date: longDate(meeting.toISODate()!, tr.lang), time: meeting.toFormat('HH:mm'), zone: o.zone }),
      tr.t('circle.private'),
    ],
    sections: [],
    links: [{ url: CIRCLE_GUIDES_URL, label: tr.t('circle.guides') }],
    people: o.people,
  };
}
