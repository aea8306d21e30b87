import type { Platform } from '../core/ports/platform';
import { platformNames } from '../platforms';

export type ChannelSpec = { platform: Platform; channelId: string };

/**
 * `platform:id` → { platform, channelId }. Splits on the FIRST colon only: channel ids may contain
 * colons themselves (a Teams id starts `19:`). The platform must be one of src/platforms.ts.
 * Returns an error text instead when the spec is not valid.
 */
export function parseChannelSpec(s: string): ChannelSpec | { error: string } {
  if (typeof s !== 'string') return { error: 'expected "platform:id"' };
  const at = s.indexOf(':');
  if (at < 0) return { error: `expected "platform:id" (e.g. slack:C0123ABC), got "${s}"` };
  const platform = s.slice(0, at).trim();
  const channelId = s.slice(at + 1).trim();
  const known = platformNames();
  if (!known.includes(platform)) {
    return { error: `unknown platform "${platform}" (expected one of ${known.join(', ')})` };
  }
  if (channelId === '') return { error: `missing channel id after "${platform}:"` };
  return { platform, channelId };
}

export function isChannelSpecError(x: ChannelSpec | { error: string }): x is { error: string } {
  return 'error' in x;
}
