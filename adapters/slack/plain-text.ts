import type { Mention, PlainText } from '../../src/core/ports/inbound';

/**
 * What the core reads of a Slack message: its words without Slack's markup, and the people it
 * mentions. Slack writes each control as a `<…>` token (`<@U…|label>`, `<!here>`, `<!subteam^S…|@group>`,
 * `<#C…|name>`, `<url|label>`) and encodes a typed `&`, `<`, `>` as entities, so a token never
 * holds `<` or `>`: matching is linear in the text's length.
 */
const TOKEN = /<([^<>]*)>/g;
const ENTITY = /&(lt|gt|amp);/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&' };
const ID = /^[A-Za-z0-9]+$/;
/** Channel-wide pings read as the word people typed (plain text pings nobody). */
const SPECIAL = new Set(['here', 'channel', 'everyone']);

const decode = (s: string): string => s.replace(ENTITY, (_m, name: string) => ENTITIES[name]!);

/** A token as plain text, and the person it mentions (user mentions only; groups and channels are words). */
function readToken(body: string): { text: string; userId?: string; label?: string } | null {
  const bar = body.indexOf('|');
  const head = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? undefined : decode(body.slice(bar + 1)).trim();
  if (head.startsWith('@') && ID.test(head.slice(1))) return { text: `@${label || head.slice(1)}`, userId: head.slice(1), label: label ?? '' };
  if (head.startsWith('#') && ID.test(head.slice(1))) return { text: `#${label || head.slice(1)}` };
  if (head.startsWith('!')) {
    const [word = '', id = ''] = head.slice(1).split('^');
    if (SPECIAL.has(word)) return { text: `@${word}` };
    if (word === 'subteam') return { text: label ? (label.startsWith('@') ? label : `@${label}`) : `@${id}` };
    // `<!date^…|fallback>` and anything newer: the text Slack offers for clients that cannot render it.
    return { text: label ?? word };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(head)) return { text: label || decode(head.startsWith('mailto:') ? head.slice(7) : head) };
  return null;
}

export function slackPlainText(raw: string): PlainText {
  let plainText = '';
  const mentions: Mention[] = [];
  let at = 0;
  for (const m of raw.matchAll(TOKEN)) {
    plainText += decode(raw.slice(at, m.index));
    at = m.index + m[0].length;
    const t = readToken(m[1]!);
    if (!t) {
      plainText += decode(m[0]);
      continue;
    }
    if (t.userId) mentions.push({ userId: t.userId, name: t.label ?? '', start: plainText.length, end: plainText.length + t.text.length });
    plainText += t.text;
  }
  return { plainText: plainText + decode(raw.slice(at)), mentions };
}
