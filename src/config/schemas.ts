/** zod schemas of the organizer config and the programme, with messages meant for organizers. */
import { IANAZone, DateTime } from 'luxon';
import { z } from 'zod';
import { parseDuration } from './duration';
import { charCount, HEADER_MAX_CHARS, SECTION_MAX_CHARS } from './limits';

/** HH:MM; one-digit hours (`9:00`) are accepted and read as `09:00`. */
export const HHMM_RE = /^([01]?\d|2[0-3]):[0-5]\d$/;
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return `a date (${v.toISOString()}) — put it in quotes`;
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v as number | boolean | bigint | undefined); // what YAML leaves: a scalar
}

const required = (what: string) => (i: { input: unknown }) =>
  i.input === undefined ? 'is required' : `expected ${what}, got ${describe(i.input)}`;

/** A string field checked by `check` (null = fine, else the problem). Empty text is always refused. */
function text(what: string, check: (s: string) => string | null = () => null) {
  return z.string({ error: required(what) }).superRefine((s, ctx) => {
    const m = s.trim() === '' ? 'must not be empty' : check(s);
    if (m) ctx.addIssue({ code: 'custom', message: m });
  });
}

const maxChars = (n: number) => (s: string) =>
  charCount(s) > n ? `is ${charCount(s)} characters; at most ${n} can be shown` : null;

export const hhmm = (what = 'a time HH:MM (00:00–23:59)') =>
  text(what, (s) => (HHMM_RE.test(s) ? null : `expected a time HH:MM (00:00–23:59), got ${describe(s)}`)).transform((s) => s.padStart(5, '0'));

export const isoDate = text('a date YYYY-MM-DD', (s) =>
  DATE_RE.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid ? null : `expected a real date YYYY-MM-DD, got ${describe(s)}`,
);

export const timezone = text('an IANA time zone like Europe/London', (s) =>
  IANAZone.isValidZone(s) ? null : `unknown IANA time zone ${describe(s)} (e.g. Europe/London, America/New_York)`,
);

const duration = text('a duration like 30m, 4h, 1h30m or 2d', (s) =>
  parseDuration(s) === null ? `expected a duration like 30m, 4h, 1h30m or 2d, got ${describe(s)}` : null,
);

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: required(what) }).nullish(); // `key:` with nothing after it = empty list

export const channelObject = z.strictObject(
  {
    id: text('"platform:id"'),
    timezone: timezone.optional(),
    time: hhmm().optional(),
  },
  { error: required('a mapping') },
);

/** The keys of one programme: the single form's top level, or one item of `programmes:`. */
export const programmeFields = {
  program: text('a programme name (e.g. wol-week) or a path'),
  start: isoDate,
  time: hhmm(),
  timezone,
  digest: hhmm().optional(),
  grace: duration.optional(),
  days: z.enum(['calendar', 'weekdays'], { error: (i) => `expected calendar or weekdays, got ${describe(i.input)}` }).optional(),
  skip: list(isoDate, 'a list of dates YYYY-MM-DD'),
  digest_quiet: z.enum(['skip', 'nudge'], { error: (i) => `expected skip or nudge, got ${describe(i.input)}` }).optional(),
  connections: z.boolean({ error: (i) => `expected true or false, got ${describe(i.input)}` }).optional(),
  // Entries are strings or mappings: each is checked on its own (see organizer.ts).
  channels: list(z.unknown(), 'a list of channels'),
};

/** Settings that are the bot's, not a programme's: they stay at the top in both forms. */
export const sharedFields = {
  retention: text('a duration like 365d', (s) => {
    const ms = parseDuration(s);
    return ms === null ? `expected a duration like 365d, got ${describe(s)}` : ms <= 0 ? 'must be longer than 0' : null;
  }).optional(),
  admins: list(text('a platform user id'), 'a list of platform user ids'),
};

export const programmeItemSchema = z.strictObject(programmeFields, { error: required('a mapping of programme settings (program, start, time, timezone, …)') });
export type ProgrammeItemRaw = z.infer<typeof programmeItemSchema>;

/** The single-programme form: a programme's keys and the shared ones at the top. */
export const organizerSchema = z.strictObject(
  { ...programmeFields, ...sharedFields },
  { error: required('a mapping of settings (program, start, time, timezone, …)') },
);
/** Several programmes: `programmes:` items, the shared keys beside it. */
export const multiOrganizerSchema = z.strictObject(
  { ...sharedFields, programmes: z.array(z.unknown(), { error: required('a list of programmes') }).min(1, { error: 'must list at least one programme' }) },
  { error: required('a mapping of settings') },
);
export type OrganizerRaw = z.infer<typeof organizerSchema>;

const day = z
  .number({ error: required('a positive whole number') })
  .superRefine((n, ctx) => {
    if (!Number.isInteger(n) || n < 1) ctx.addIssue({ code: 'custom', message: `expected a positive whole number, got ${describe(n)}` });
  });

/** A link shown with a prompt: an absolute http(s) URL, so chat clients make it clickable. */
const url = text('a URL like https://example.org/guide', (s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? null : `expected an http or https URL, got ${describe(s)}`;
  } catch {
    return `expected a full URL like https://example.org/guide, got ${describe(s)}`;
  }
});

/** BCP 47 as Intl understands it (en, de, de-CH, ja, pt-BR, …). */
const language = text('a BCP 47 language tag like en, de or ja', (s) => {
  try {
    Intl.getCanonicalLocales(s);
    return null;
  } catch {
    return `expected a BCP 47 language tag like en, de or ja, got ${describe(s)}`;
  }
});

/** `labels:` — frame words the organizer overrides (heading is checked as a pattern in programme-file.ts). */
export const labelsSchema = z.strictObject(
  {
    heading: text('a heading pattern like "Session {n} · {theme}"', maxChars(HEADER_MAX_CHARS)).optional(),
    challenge: text('the words before the challenge', maxChars(HEADER_MAX_CHARS)).optional(),
    invite: text('the sentence that invites replies', maxChars(SECTION_MAX_CHARS)).optional(),
    link: text('the words of the link', maxChars(HEADER_MAX_CHARS)).optional(),
  },
  { error: required('a mapping of frame words (heading, challenge, invite, link)') },
);

export const promptSchema = z.strictObject(
  {
    day,
    // The exact limit depends on the day ("Day N · " prefix): checked in programme-file.ts.
    theme: text('a short theme'),
    text: text('the text of the day', maxChars(SECTION_MAX_CHARS)),
    challenge: text('a challenge for the day', maxChars(SECTION_MAX_CHARS)),
    link: url.optional(),
    // The day's own closing line instead of the programme's invitation (`null`: none that day).
    footer: text('the line under the challenge', maxChars(SECTION_MAX_CHARS)).nullable().optional(),
  },
  { error: required('a mapping with day, theme, text and challenge') },
);

export const programmeSchema = z.strictObject(
  {
    title: text('a title', maxChars(HEADER_MAX_CHARS)),
    footer: text('a footer line', maxChars(SECTION_MAX_CHARS)).optional(),
    language: language.optional(),
    cadence: z.enum(['daily', 'weekly'], { error: (i) => (i.input === undefined ? 'is required' : `expected daily or weekly, got ${describe(i.input)}`) }).optional(),
    labels: labelsSchema.optional(),
    intro: text('the kick-off text', maxChars(SECTION_MAX_CHARS)).optional(),
    gather: z.boolean({ error: (i) => `expected true or false, got ${describe(i.input)}` }).optional(),
    prompts: z
      .array(promptSchema, { error: required('a list of prompts') })
      .min(1, { error: 'must list at least one prompt' }),
  },
  { error: required('a mapping with title and prompts') },
);
export type ProgrammeRaw = z.infer<typeof programmeSchema>;
