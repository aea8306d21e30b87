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
 * The welcome before a channel's day 1: what Working Out Loud is (or the programme's own `intro`),
 * how the programme runs here, what happens to replies and how to take them back.
 */
export function kickoffContent(o: { programme: Programme; schedule: Occurrence[]; retentionMs: number; tr: Translator }): AnnouncementMessage {
  const { programme, schedule, tr } = o;
  const first = schedule[0]!;
  const date = longDate(first.localDate, tr.lang);
  const weekly = programme.cadence === 'weekly';
  const intro = [
    programme.intro?.trim() || tr.t('kickoff.wol'),
    tr.t(weekly ? 'kickoff.schedule.weekly' : 'kickoff.schedule.daily', {
      date, time: first.localTime, zone: first.timezone, n: schedule.length, themes: listOf(tr.lang, schedule.map((s) => s.theme)),
    }),
  ];
  if (gathers(programme)) {
    intro.push(tr.t('kickoff.gather'), tr.t('kickoff.retention', { days: Math.round(o.retentionMs / 86_400_000) }), tr.t('kickoff.forget'));
    // Introductions are opt-in (issue 25): the words to opt in are said before anything is gathered.
    intro.push(tr.t('kickoff.connect'));
  } else {
    intro.push(tr.t('kickoff.private'));
  }
  return { kind: 'kickoff', title: tr.t('kickoff.title', { title: programme.title, date }), intro, sections: [], links: [{ url: WOL_URL, label: tr.t('kickoff.more') }] };
}
