/**
 * What the platforms can show, from their descriptors' limits; the programme is checked against
 * these at load time. A programme may be posted anywhere, so each limit is the smallest of all.
 */
import type { PlatformDescriptor } from '../core/ports/platform-descriptor';
import { PLATFORMS } from '../platforms';

type Limit = keyof PlatformDescriptor['limits'];

/** The smallest value of one limit over every platform (Infinity when none has it), and whose it is. */
function smallest(limit: Limit): { value: number; platform?: string } {
  let best: { value: number; platform?: string } = { value: Infinity };
  for (const p of PLATFORMS) {
    const value = p.limits[limit];
    if (value !== undefined && value < best.value) best = { value, platform: p.name };
  }
  return best;
}

/** Characters in a header (the theme shares it with "Day N · "). */
export const HEADER_MAX_CHARS = smallest('headerChars').value;
/** Characters in one section of text. */
export const SECTION_MAX_CHARS = smallest('sectionChars').value;
const promptBytes = smallest('messageBytes');
/** Bytes in one whole message, all its parts together. */
export const PROMPT_MAX_BYTES = promptBytes.value;
/** The platform whose message is smallest, as a sentence names it ("Teams"). */
export const PROMPT_MAX_BYTES_PLATFORM = (promptBytes.platform ?? '').replace(/^./, (c) => c.toUpperCase());

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
