import { DateTime } from 'luxon';
import type { Occurrence } from '../calendar';
import type { Translator } from '../i18n/catalogue';
import type { AnnouncementMessage } from '../ports/messages';
import { gathers, type Programme } from '../programme';
import { listOf } from './names-list';

export const WOL_URL = 'https://workingoutloud.com';

/** "Monday 16 November" in the catalogue's language. */
export function longDate(localDate: string, lang: string): string {
  return DateTime.fromISO(localDate).setLocale(lang === 'en' ? 'en-GB' : lang).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
}

/**
 * "09:00 (Europe/London)" in English; elsewhere the way the language writes it, with the zone's
 * local short name where it has one ("9:00 Uhr (MEZ)", "9:00（JST）"), else the IANA name.
 */
export function timeAt(localDate: string, localTime: string, zone: string, tr: Translator): string {
  if (tr.lang === 'en') return tr.t('give.at', { time: localTime, zone });
  const at = DateTime.fromISO(`${localDate}T${localTime}`, { zone }).setLocale(tr.lang);
  const short = at.toFormat('ZZZZ');
  return tr.t('give.at', { time: at.toFormat('H:mm'), zone: /^(GMT|UTC)([+-]|$)/.test(short) ? zone : short });
}

/**
 * The welcome before a channel's day 1: what Working Out Loud is (or the programme's own `intro`),
 * how the programme runs here, what happens to replies and how to take them back on this platform.
 */
export function kickoffContent(o: {
  programme: Programme;
  schedule: Occurrence[];
  retentionMs: number;
  /** How a command starts on the channel's platform (`/wol `, `@wolbot `, nothing in the sandbox). */
  commandPrefix?: string;
  tr: Translator;
  /** The page, where members sign in to see their programme (PUBLIC_URL). */
  galleryUrl?: string;
}): AnnouncementMessage {
  const { programme, schedule, tr } = o;
  const first = schedule[0]!;
  const date = longDate(first.localDate, tr.lang);
  const weekly = programme.cadence === 'weekly';
  const intro = [
    programme.intro?.trim() || tr.t('kickoff.wol'),
    tr.t(weekly ? 'kickoff.schedule.weekly' : 'kickoff.schedule.daily', {
      date, at: timeAt(first.localDate, first.localTime, first.timezone, tr), n: schedule.length, themes: listOf(tr.lang, schedule.map((s) => s.theme)),
    }),
  ];
  if (gathers(programme)) {
    // What is kept, who sees it, where it is quoted, for how long, and the exact words to take it back here.
    const words = `${o.commandPrefix ?? ''}forget me`;
    intro.push(tr.t('kickoff.gather'), tr.t('kickoff.quotes'), tr.t('kickoff.retention', { days: Math.round(o.retentionMs / 86_400_000) }), tr.t('kickoff.forget', { words }));
    // Introductions are opt-in (issue 25): the words to opt in are said before anything is gathered.
    intro.push(tr.t('kickoff.connect'));
  } else {
    intro.push(tr.t('kickoff.private'));
  }
  // The page where members sign in to see the gallery (PUBLIC_URL), when it gathers anything.
  const gallery = o.galleryUrl && gathers(programme) ? [{ url: o.galleryUrl, label: tr.t('wrapup.gallery') }] : [];
  return { kind: 'kickoff', title: tr.t('kickoff.title', { title: programme.title, date }), intro, sections: [], links: [...gallery, { url: WOL_URL, label: tr.t('kickoff.more') }] };
}
