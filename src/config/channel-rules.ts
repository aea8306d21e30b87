/**
 * The config's hook for platform rules on channel ids: each rule lives with its adapter (pure
 * code, no platform SDK) on its descriptor, so `check` and start-up refuse a name where an id
 * belongs.
 */
import type { Platform } from '../core/ports/platform';
import { PLATFORMS } from '../platforms';

/** Null when the platform accepts `channelId` as a channel id, else the problem. */
export function channelIdProblem(platform: Platform, channelId: string, platforms = PLATFORMS): string | null {
  return platforms.find((p) => p.name === platform)?.channelIdProblem?.(channelId) ?? null;
}
