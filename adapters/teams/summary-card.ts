import type { SummaryLine, SummaryMessage, SummarySection } from '../../src/core/ports/summary';
import { clipText } from '../../src/core/ports/text-fit';
import { adaptiveCard, cardActivity, httpUrl, linkRun, richText, run, type TeamsMessage } from './card';

const QUOTE_MAX = 300;

function line(l: SummaryLine): unknown[] {
  const out: unknown[] = [richText([run(l.link ? `${l.text} ` : l.text), ...(l.link ? [linkRun(l.link.label, l.link.url)] : [])], { spacing: 'Small' })];
  if (l.quote) out.push(richText([run(clipText(l.quote.trim(), QUOTE_MAX), { italic: true, isSubtle: true })], { spacing: 'None' }));
  return out;
}

function section(s: SummarySection): unknown {
  const items: unknown[] = s.heading ? [richText([run(s.heading, { weight: 'Bolder' })])] : [];
  for (const l of s.lines) items.push(...line(l));
  return { type: 'Container', spacing: 'Medium', items };
}

/**
 * A digest, kick-off or wrap-up (one of its forms) as an Adaptive Card. Every string is a plain
 * text run: names and quotes show exactly as people wrote them, nothing is escaped, and names are
 * never `<at>` mentions. No `text` copy of the card: `summary` is the notification line.
 */
export function summaryActivity(m: SummaryMessage): TeamsMessage {
  const body: unknown[] = [richText([run(m.title, { weight: 'Bolder', size: 'Medium' })])];
  for (const p of m.intro) body.push(richText([run(p)]));
  for (const s of m.sections) body.push(section(s));
  const actions = m.links.flatMap((l) => {
    const url = httpUrl(l.url);
    return url ? [{ type: 'Action.OpenUrl', title: l.label, url }] : [];
  });
  return cardActivity(m.title, adaptiveCard(body, actions));
}
