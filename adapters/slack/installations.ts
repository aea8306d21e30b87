import type { Platform } from '../../src/core/ports/platform';

/**
 * Multi-workspace installations, one record a workspace: `data` is encrypted by the caller before
 * it reaches the store (oauth.ts). A port this adapter owns; src/store implements it.
 */
export interface Installations {
  saveInstallation(platform: Platform, workspaceId: string, data: string, now: Date): Promise<void>;
  getInstallation(platform: Platform, workspaceId: string): Promise<string | null>;
  deleteInstallation(platform: Platform, workspaceId: string): Promise<void>;
}

// The store handed to platforms keeps the installations (see PlatformStore).
declare module '../../src/core/ports/platform-descriptor' {
  interface PlatformStore extends Installations {}
}
