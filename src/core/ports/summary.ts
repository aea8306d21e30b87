/**
 * What wolbot gives back in chat — a day's digest, the kick-off, the wrap-up — as plain-text parts
 * the adapter lays out for its medium (Block Kit, Adaptive Card, the sandbox) with a text fallback.
 * Every string is plain text, already in the programme's language: the adapter escapes all of it
 * (names and quotes come from people). People appear by display name, never as a mention.
 */
export interface SummaryLink {
  url: string;
  label: string;
}

export interface SummaryLine {
  /** Our words (may contain people's names). */
  text: string;
  /** Someone's words, quoted; the adapter may shorten a long quote (the link leads to all of it). */
  quote?: string;
  link?: SummaryLink;
}

export interface SummarySection {
  heading?: string;
  lines: SummaryLine[];
}

export type SummaryKind = 'digest' | 'kickoff' | 'wrapup' | 'introduction' | 'circle';

export interface SummaryMessage {
  kind: SummaryKind;
  title: string;
  /** Paragraphs before the sections. */
  intro: string[];
  sections: SummarySection[];
  /** Shown last (workingoutloud.com, the gallery). */
  links: SummaryLink[];
  /**
   * The same message in shorter forms, longest first (fewer names before "and N others", shorter
   * quotes): an adapter sends the first form that fits its platform's limits (see fitSummary).
   */
  shorter?: SummaryMessage[];
}

/** The message without its shorter forms (what a medium with no limit shows, or keeps). */
export function fullForm<M extends SummaryMessage>(m: M): Omit<M, 'shorter'> {
  const own: M = { ...m };
  delete own.shorter;
  return own;
}

/** The message and its shorter forms, longest first (each without forms of its own). */
export function summaryForms(m: SummaryMessage): SummaryMessage[] {
  return [fullForm(m), ...(m.shorter ?? [])];
}

/** Plain text of a summary (the sandbox shows it; adapters build their escaped fallbacks the same way). */
export function summaryPlainText(m: SummaryMessage): string {
  const out = [m.title, ...m.intro];
  for (const s of m.sections) {
    const lines = s.lines.map((l) => [l.text, l.quote ? `“${l.quote}”` : '', l.link ? labelled(l.link) : ''].filter(Boolean).join(' '));
    out.push([s.heading, ...lines].filter(Boolean).join('\n'));
  }
  if (m.links.length) out.push(m.links.map(labelled).join('\n'));
  return out.join('\n\n');
}

/** "Label: url", without the colon when the label already ends in punctuation ("What is WOL? url"). */
function labelled(l: SummaryLink): string {
  return /[?!:.？！：。]$/.test(l.label) ? `${l.label} ${l.url}` : `${l.label}: ${l.url}`;
}
