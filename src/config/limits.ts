/** What the platforms can show; the programme is checked against these at load time. */

/** A Slack header block holds 150 plain-text characters; the theme shares it with "Day N · ". */
export const HEADER_MAX_CHARS = 150;
/** A Slack section block's text holds 3000 characters. */
export const SECTION_MAX_CHARS = 3000;
/** A Teams message (activity) may be about 28 KB in all. */
export const PROMPT_MAX_BYTES = 28 * 1024;

/** The prefix adapters put before the theme in the header. */
export function dayPrefix(day: number): string {
  return `Day ${day} · `;
}

/** How many characters of theme fit beside the prefix for `day`. */
export function themeMaxChars(day: number): number {
  return HEADER_MAX_CHARS - charCount(dayPrefix(day));
}

/** Characters as people (and Slack) count them: code points, not UTF-16 units. */
export function charCount(s: string): number {
  return [...s].length;
}
