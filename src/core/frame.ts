/** The words around a prompt (heading, challenge label, invitation, footer, link), rendered in the programme's language. */
import { formatPattern, translator, type Translator } from './i18n/catalogue';
import { gathers, type Programme, type Prompt } from './programme';

export interface PromptFrame {
  /** "Day 3 · Sharing" / "Week 2 · …" / "Tag 3 · …". */
  heading: string;
  /** "Today's challenge" / "This week's challenge". */
  challengeLabel: string;
  /** The one "Reply in this thread…" sentence. */
  invite: string;
  footer: string;
  link?: { url: string; label: string };
}

export function translatorOf(p: Pick<Programme, 'language'>): Translator {
  return translator(p.language);
}

/** The number shown in the heading: the day, or for a weekly programme the week (days 1–7 = week 1). */
export function periodNumber(p: Pick<Programme, 'cadence'>, day: number): number {
  return p.cadence === 'weekly' ? Math.floor((day - 1) / 7) + 1 : day;
}

/** The day a number names: in a weekly programme week N's first day (week 2 → day 8), else the day itself. */
export function dayNamed(p: Pick<Programme, 'cadence' | 'prompts'>, n: number): number | undefined {
  if (p.cadence !== 'weekly') return n;
  return p.prompts.find((x) => periodNumber(p, x.day) === n)?.day;
}

/**
 * The values a message needs to name a post the way its programme counts: `{day}`, `{week}`, and
 * `{weekly}` (`yes`/`no`) for `{weekly, select, yes {week {week}} other {day {day}}}`.
 */
export function periodValues(p: Pick<Programme, 'cadence'>, day: number): { weekly: 'yes' | 'no'; day: number; week: number } {
  return { weekly: p.cadence === 'weekly' ? 'yes' : 'no', day, week: periodNumber(p, day) };
}

/** A weekly programme's week numbers, in order. */
export function weeksOf(p: Pick<Programme, 'cadence' | 'prompts'>): number[] {
  return p.prompts.map((x) => periodNumber(p, x.day));
}

export function headingFor(p: Pick<Programme, 'language' | 'cadence' | 'labels'>, day: number, theme: string): string {
  const tr = translatorOf(p);
  const values = { n: periodNumber(p, day), theme };
  if (p.labels?.heading) return formatPattern(p.labels.heading, tr.lang, values);
  return tr.t(p.cadence === 'weekly' ? 'frame.heading.weekly' : 'frame.heading.daily', values);
}

export function promptFrame(p: Programme, prompt: Prompt): PromptFrame {
  const tr = translatorOf(p);
  const weekly = p.cadence === 'weekly';
  const gather = gathers(p);
  return {
    heading: headingFor(p, prompt.day, prompt.theme),
    challengeLabel: p.labels?.challenge ?? tr.t(weekly ? 'frame.challenge.weekly' : 'frame.challenge.daily'),
    // A day may close with its own line (`footer:`), or with none (`footer: null`).
    invite: prompt.footer === null ? '' : (prompt.footer ?? p.labels?.invite ?? tr.t(gather ? 'frame.invite' : 'frame.invite.private')),
    footer: p.footer,
    ...(prompt.link ? { link: { url: prompt.link, label: p.labels?.link ?? tr.t('frame.link') } } : {}),
  };
}

/** The footer a programme gets when its file names none. */
export function defaultFooter(p: Pick<Programme, 'language' | 'gather'>): string {
  return translatorOf(p).t(gathers(p) ? 'frame.footer' : 'frame.footer.private');
}
