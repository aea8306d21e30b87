/**
 * `wolbot preview` and GET /v1/preview: a kick-off, a day (or week), a digest or a wrap-up as one
 * channel would get it — its programme's language and labels, its zone and time — without sending
 * anything. Digests and wrap-ups are filled with sample people (nobody real is quoted).
 */
import { channelSchedule } from './calendar';
import { programmeFor } from './campaigns';
import { channelLabel } from './channels';
import { dayNamed, headingFor, periodNumber, translatorOf, weeksOf } from './frame';
import { digestContent, type Share } from './give/digest-content';
import { kickoffContent } from './give/kickoff-content';
import { wrapupContent, type RunShare } from './give/wrapup-content';
import { english, type MessageValues, type Translator } from './i18n/catalogue';
import type { Platform } from './ports/platform';
import type { PreviewMessage } from './ports/preview';
import { promptMessage } from './prompt-message';
import { promptForDay, type Prompt } from './programme';
import type { ProgrammeSettings, WolSettings } from './settings';
import type { RunStats } from './stats';

export const PREVIEW_KINDS = ['kickoff', 'day', 'week', 'digest', 'wrapup'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

export function isPreviewKind(s: string): s is PreviewKind {
  return (PREVIEW_KINDS as readonly string[]).includes(s);
}

export interface PreviewAsk {
  kind: PreviewKind;
  /** The day (`day N`), the week (`week N`), or the digest's day/week (default: the first). */
  n?: number;
}

/** The channel a preview is for: a stored or configured one, or the programme's defaults. */
export interface PreviewChannel {
  platform: Platform;
  channelId: string;
  timezone: string | null;
  time: string | null;
}

export interface Preview {
  programme: string;
  language: string;
  /** `local:general`, or null when the programme has no channel yet (its default zone and time). */
  channel: string | null;
  platform: Platform | null;
  timezone: string;
  time: string;
  /** When this kind goes out, in a sentence (English: the CLI's words). */
  when: string;
  /** What `when` is made of: the page says it in its own language (the same `page.preview.when`). */
  whenValues: MessageValues;
  message: PreviewMessage;
}

/** A preview that cannot be made: the day does not exist, the programme counts days… (a usage error). */
export class PreviewError extends Error {}

/** The programme a preview is for: the channel's, the one named, or the only one. */
export function previewProgramme(settings: WolSettings, o: { programme?: string; channel?: { platform: string; channelId: string } }): ProgrammeSettings {
  if (o.channel) return programmeFor(settings, o.channel);
  const ids = settings.programmes.map((p) => p.programme.id);
  if (o.programme !== undefined) {
    const p = settings.programmes.find((x) => x.programme.id === o.programme);
    if (!p) throw new PreviewError(`no programme "${o.programme}" in the config (it has ${ids.join(', ')})`);
    return p;
  }
  if (settings.programmes.length > 1) throw new PreviewError(`the config runs several programmes (${ids.join(', ')}): say which with --programme ID, or give --channel`);
  return settings.programmes[0]!;
}

/** The message `ask` names, for `channel` (null: the programme's default zone and time). */
export function buildPreview(settings: WolSettings, p: ProgrammeSettings, channel: PreviewChannel | null, ask: PreviewAsk): Preview {
  const zone = channel?.timezone ?? p.timezone;
  const time = channel?.time ?? p.time;
  const tr = translatorOf(p.programme);
  const base = { programme: p.programme.id, language: tr.lang, channel: channel ? channelLabel(channel) : null, platform: channel?.platform ?? null, timezone: zone, time };
  const schedule = channelSchedule(p, { timezone: zone, time });
  const weekly = p.programme.cadence === 'weekly' ? 'yes' : 'no';
  // One sentence for the command line and the page's preview (which fills it in its own language).
  const when = (kind: string, values: MessageValues = {}) => {
    const whenValues = { kind, weekly, ...values };
    return { when: english.t('page.preview.when', whenValues), whenValues };
  };
  switch (ask.kind) {
    case 'kickoff':
      return { ...base, ...when('kickoff', { date: schedule[0]?.localDate ?? p.start }), message: { kind: 'summary', summary: kickoffContent({ programme: p.programme, schedule, retentionMs: settings.retentionMs, tr }) } };
    case 'day':
    case 'week': {
      const prompt = promptNamed(p, ask);
      const at = schedule.find((o) => o.day === prompt.day);
      return { ...base, ...(at ? when('prompt', { date: at.localDate, time: at.localTime, zone }) : when('skipped')), message: { kind: 'prompt', prompt: promptMessage(p.programme, prompt, 'preview') } };
    }
    case 'digest': {
      const prompt = ask.n === undefined ? p.programme.prompts[0]! : promptNamed(p, { kind: p.programme.cadence === 'weekly' ? 'week' : 'day', n: ask.n });
      const heading = headingFor(p.programme, prompt.day, prompt.theme);
      const digest = digestContent({ day: prompt.day, theme: prompt.theme, heading, shares: sampleShares(tr), links: new Map(), quiet: p.digestQuiet ?? 'nudge', weekly: p.programme.cadence === 'weekly', tr });
      return { ...base, ...(p.digest ? when('digest', { time: p.digest, zone }) : when('manualDigest')), message: { kind: 'summary', summary: digest! } };
    }
    case 'wrapup':
      return { ...base, ...when('wrapup'), message: { kind: 'summary', summary: sampleWrapup(p, tr, channel) } };
  }
}

/** `day N` or `week N` (in a weekly programme, N of `day` is the day as the ledger counts). */
function promptNamed(p: ProgrammeSettings, ask: PreviewAsk): Prompt {
  const weekly = p.programme.cadence === 'weekly';
  if (ask.n === undefined) throw new PreviewError(`preview ${ask.kind} needs a number: preview ${ask.kind} N`);
  if (ask.kind === 'week' && !weekly) throw new PreviewError(`${p.programme.id} counts days, not weeks: preview day N (its days are ${p.programme.prompts.map((x) => x.day).join(', ')})`);
  const day = ask.kind === 'week' ? dayNamed(p.programme, ask.n) : ask.n;
  const prompt = day === undefined ? undefined : promptForDay(p.programme, day);
  if (!prompt) {
    throw new PreviewError(ask.kind === 'week' ? `${p.programme.id} has no week ${ask.n}; its weeks are ${weeksOf(p.programme).join(', ')}` : `${p.programme.id} has no day ${ask.n}; its days are ${p.programme.prompts.map((x) => x.day).join(', ')}`);
  }
  return prompt;
}

const SAMPLE_PEOPLE = ['Ana', 'Ben', 'Chiara'] as const;

/** Three sample shares: one drew reactions, one is an open question, one a plain share. */
function sampleShares(tr: Translator): Share[] {
  const at = new Date(0);
  return [
    { messageId: 's1', user: 'sample-1', name: SAMPLE_PEOPLE[0], text: tr.t('preview.sample.draft'), at, reactions: 3 },
    { messageId: 's2', user: 'sample-2', name: SAMPLE_PEOPLE[1], text: tr.t('preview.sample.ask'), at, reactions: 0 },
    { messageId: 's3', user: 'sample-3', name: SAMPLE_PEOPLE[2], text: tr.t('preview.sample.idea'), at, reactions: 1 },
  ];
}

/** A wrap-up of a run where the sample people shared on the first days. */
function sampleWrapup(p: ProgrammeSettings, tr: Translator, channel: PreviewChannel | null) {
  const shares = sampleShares(tr);
  const days = p.programme.prompts.map((x, i) => ({ day: x.day, theme: x.theme, shares: Math.max(0, 3 - i), people: Math.max(0, 3 - i) }));
  const total = days.reduce((n, d) => n + d.shares, 0);
  const stats: RunStats = { run: { programme: p.programme.id, start: p.start }, people: 3, returning: 1, firstTime: 2, shares: total, days, channels: [{ platform: channel?.platform ?? 'sample', channel: channel?.channelId ?? 'sample', name: '', shares: total, people: 3 }], introductions: 0, circles: 0 };
  const first = p.programme.prompts[0]!;
  const heading = headingFor(p.programme, first.day, first.theme);
  const runShares: RunShare[] = shares.map((s) => ({ person: `sample:${s.user}`, name: s.name, day: first.day, heading, text: s.text, reactions: s.reactions, at: s.at }));
  const headings = new Map(p.programme.prompts.map((x) => [x.day, headingFor(p.programme, x.day, x.theme)]));
  return wrapupContent({ title: p.programme.title, stats, headings, shares: runShares, firstTimers: new Set(['sample:sample-2', 'sample:sample-3']), weekly: p.programme.cadence === 'weekly', tr });
}

/** "day 3" / "week 2" for a header line. */
export function periodLabel(p: ProgrammeSettings, day: number): string {
  return p.programme.cadence === 'weekly' ? `week ${periodNumber(p.programme, day)}` : `day ${day}`;
}
