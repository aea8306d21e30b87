/**
 * Mention markup in people's words — `<@U123>` or `<@U123|ann>` (Slack), `<at>Ann</at>` (Teams) —
 * as plain `@Name`. Quotes in a digest or wrap-up show who was addressed by name, not by id, and
 * escaped markup would show as `<@U123>`; plain text pings nobody. Neither pattern can run past
 * the next `<` or `>`, so this is linear in the text's length.
 */
const ID_MENTION = /<@([A-Za-z0-9]+)(?:\|([^<>]*))?>/g;
const AT_MENTION = /<at>([^<>]*)<\/at>/g;

/** The user ids mentioned by id in these texts, each once (to look their names up). */
export function mentionedIds(texts: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(ID_MENTION)) ids.add(m[1]!);
  return [...ids];
}

/** `text` with each mention as `@Name`: the known name, else the label the platform sent, else `someone`. */
export function plainMentions(text: string, names: ReadonlyMap<string, string>, someone: string): string {
  return text
    .replace(ID_MENTION, (_m, id: string, label?: string) => `@${names.get(id) ?? (label?.trim() || someone)}`)
    .replace(AT_MENTION, (_m, name: string) => `@${name.trim() || someone}`);
}
