import { createHash } from 'node:crypto';
import type { LoadedSettings } from './organizer';

/** Where a running server records the config it has loaded (`check` compares its own reading). */
export const CONFIG_META_KEY = 'config.loaded';

/**
 * A short hash of the settings read from the config and its programme files: the same files give
 * the same value in the server and in `check` (comments and spacing do not count).
 */
export function configFingerprint(loaded: LoadedSettings): string {
  return createHash('sha256').update(JSON.stringify(loaded.settings)).digest('hex').slice(0, 16);
}

/** What the server stores under CONFIG_META_KEY: the fingerprint and when it was loaded. */
export function loadedMark(loaded: LoadedSettings, at: Date): string {
  return JSON.stringify({ fingerprint: configFingerprint(loaded), at: at.toISOString() });
}

export function readLoadedMark(value: string | null): { fingerprint: string; at: string } | null {
  if (!value) return null;
  try {
    const v: unknown = JSON.parse(value);
    if (v && typeof v === 'object' && 'fingerprint' in v && 'at' in v && typeof v.fingerprint === 'string' && typeof v.at === 'string') return { fingerprint: v.fingerprint, at: v.at };
  } catch {
    // an older or foreign value: treated as unknown
  }
  return null;
}
