/**
 * The one list of platforms. A platform's id is a plain string; this list says which exist.
 * Adding a platform: a folder under adapters/ exporting a PlatformDescriptor, and a line here.
 */
import { localPlatform } from '../adapters/local/platform';
import { slackPlatform } from '../adapters/slack/platform';
import { teamsPlatform } from '../adapters/teams/platform';
import type { PlainText } from './core/ports/inbound';
import type { PlatformDescriptor } from './core/ports/platform-descriptor';

// Each descriptor's methods take its own settings; method parameters are checked bivariantly, so
// one list holds them all and src/config/ keeps each one's settings under its name.
export const PLATFORMS: readonly PlatformDescriptor<unknown>[] = [slackPlatform, teamsPlatform, localPlatform];

/** The sandbox's name (its messages live in the store's sandbox table). */
export const SANDBOX = localPlatform.name;

/** A reply's text as written, read by its platform's adapter (replies stored before migration 004 kept only that). */
export const readWritten = (platform: string, text: string): PlainText | undefined => PLATFORMS.find((p) => p.name === platform)?.readWritten?.(text);

export const platformNames = (list: readonly PlatformDescriptor<unknown>[] = PLATFORMS): string[] => list.map((p) => p.name);
