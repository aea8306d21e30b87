/**
 * The config's hook for platform rules on channel ids: each rule lives with its adapter (pure
 * code, no platform SDK) and is listed here, so `check` and start-up refuse a name where an id
 * belongs.
 */
import { slackChannelIdProblem } from '../../adapters/slack/channel-id';
import type { Platform } from '../core/ports/platform';

const RULES: Partial<Record<Platform, (id: string) => string | null>> = {
  slack: slackChannelIdProblem,
};

/** Null when the platform accepts `channelId` as a channel id, else the problem. */
export function channelIdProblem(platform: Platform, channelId: string): string | null {
  return RULES[platform]?.(channelId) ?? null;
}
