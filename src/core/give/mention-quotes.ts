import type { Mention } from '../ports/inbound';

/**
 * Quotes in digests and wrap-ups show who was addressed by name: each mention the adapter found
 * reads `@Name` — the name the people table has, else the name the message carried, else
 * `someone`. Only the mention list is read, never a platform's markup; plain text pings nobody.
 */

/** The user ids these replies mention, each once (to look their names up with the writers'). */
export function mentionedIds(replies: readonly { mentions: readonly Mention[] }[]): string[] {
  const ids = new Set<string>();
  for (const r of replies) for (const m of r.mentions) if (m.userId) ids.add(m.userId);
  return [...ids];
}

/** `plainText` with each mention's span as `@Name`; a span that does not fit the text (overlapping, out of range) is left as it reads. */
export function quoteOf(plainText: string, mentions: readonly Mention[], names: ReadonlyMap<string, string>, someone: string): string {
  let out = '';
  let at = 0;
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end < m.start || m.end > plainText.length) continue;
    const name = (m.userId ? names.get(m.userId) : undefined) ?? (m.name.trim() || someone);
    out += `${plainText.slice(at, m.start)}@${name}`;
    at = m.end;
  }
  return out + plainText.slice(at);
}
