import type { ChatAdapter } from './ports/chat-adapter';
import type { Platform } from './ports/platform';

/** The adapters that are on in this process; filled by the composition root. */
export class AdapterRegistry {
  private readonly adapters = new Map<Platform, ChatAdapter>();

  register(adapter: ChatAdapter): void {
    this.adapters.set(adapter.platform, adapter);
  }

  get(platform: Platform): ChatAdapter | undefined {
    return this.adapters.get(platform);
  }

  has(platform: Platform): boolean {
    return this.adapters.has(platform);
  }

  all(): ChatAdapter[] {
    return [...this.adapters.values()];
  }
}
