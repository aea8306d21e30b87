import { randomUUID } from 'node:crypto';
import { rememberChannel } from './channels';
import type { Clock } from './ports/clock';
import type { ChannelLifecycleEvent } from './ports/inbound';
import type { Logger } from './ports/logger';
import type { ChannelTarget } from './ports/platform';
import type { Channels, StoreMeta } from './ports/store';

/** Channel archived / bot removed / id changed / app uninstalled, and install-time references. */
export class ChannelLifecycle {
  constructor(private readonly d: { store: Channels & Pick<StoreMeta, 'setMetaIfAbsent'>; clock: Clock; logger: Logger }) {}

  async apply(e: ChannelLifecycleEvent): Promise<void> {
    const now = this.d.clock.now();
    const log = this.d.logger.child({ platform: e.platform, channel: e.channelId, kind: e.kind });
    if ((e.kind === 'deactivated' || e.kind === 'renamed') && !(await this.ownedBy(e))) {
      log.warn({ workspace: e.workspaceId }, 'ignored a channel lifecycle event from a workspace that does not own the channel');
      return;
    }
    if (e.kind === 'deactivated') await this.d.store.setChannelActive(e.platform, e.channelId, false, e.reason, now);
    else if (e.kind === 'renamed' && e.newChannelId) await this.d.store.renameChannel(e.platform, e.channelId, e.newChannelId, now);
    else if (e.kind === 'group_gone' && e.groupId) await this.d.store.deactivateGroup(e.platform, e.groupId, e.reason, now);
    else if (e.kind === 'workspace_gone') {
      if (e.workspaceId) await this.d.store.deactivateWorkspace(e.platform, e.workspaceId, e.reason, now);
      if (e.includeUnassigned) {
        for (const c of await this.d.store.listChannels({ activeOnly: true })) {
          if (c.platform === e.platform && !c.workspaceId) await this.d.store.setChannelActive(c.platform, c.channelId, false, e.reason, now);
        }
      }
    }
    log.info({ reason: e.reason }, 'channel lifecycle');
  }

  /** A channel stored with its workspace changes only by an event from that workspace. */
  private async ownedBy(e: ChannelLifecycleEvent): Promise<boolean> {
    const c = await this.d.store.getChannel(e.platform, e.channelId);
    return !c?.workspaceId || !e.workspaceId || c.workspaceId === e.workspaceId;
  }

  /**
   * Keep how to reach a channel (Teams install) without subscribing it; never reactivates.
   * True only for the first process ever to see the channel: "first" is decided by the store
   * (first writer of a meta key), so two replicas handling the same install greet once.
   */
  async remember(t: ChannelTarget): Promise<boolean> {
    await rememberChannel(this.d.store, t, null, this.d.clock.now());
    const mark = randomUUID();
    return (await this.d.store.setMetaIfAbsent(`seen:${t.platform}:${t.channelId}`, mark)) === mark;
  }
}
