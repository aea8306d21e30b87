import type { AdapterRegistry } from './adapter-registry';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';

/** What an organizer should do about a failure reason, in plain words. */
export function adviceFor(reason: string): string {
  if (/not_in_channel|bot.*removed|http_403|forbidden/i.test(reason)) return 'Invite the bot to the channel again, then say `post N here` to send the missed day.';
  if (/archived/i.test(reason)) return 'The channel is archived: unarchive it and subscribe again, or remove it from the config.';
  if (/channel_not_found|http_404|not found/i.test(reason)) return 'The channel no longer exists or the bot cannot see it: check the channel id in the config.';
  if (/auth|token|revoked|uninstalled/i.test(reason)) return 'The app lost its access to the workspace: reinstall it and check the tokens in .env.';
  return 'Check the channel and the bot, then say `post N here` to send the missed day.';
}

/** Tells the organizers privately, once per delivery, that a post failed for good or is uncertain. */
export class FailureNotifier {
  constructor(
    private readonly d: { store: Store; adapters: AdapterRegistry; admins: string[]; clock: Clock; logger: Logger },
  ) {}

  async deliveryFailed(rec: DeliveryRecord, channel: ChannelRecord, reason: string): Promise<void> {
    await this.tell(rec, channel, `wolbot could not post day ${rec.day} in ${channelLabel(channel)}: ${reason}. ${adviceFor(reason)}`);
  }

  async deliveryUncertain(rec: DeliveryRecord, reason: string): Promise<void> {
    const channel = await this.d.store.getChannel(rec.platform, rec.channelId);
    if (!channel) return;
    await this.tell(rec, channel, `wolbot is not sure whether day ${rec.day} reached ${channelLabel(channel)} (${reason}). It will not post it again by itself: look in the channel, and if it is missing say \`post ${rec.day} here again\`.`);
  }

  private async tell(rec: DeliveryRecord, channel: ChannelRecord, text: string): Promise<void> {
    const adapter = this.d.adapters.get(channel.platform);
    if (!adapter?.notifyAdmins || this.d.admins.length === 0) return;
    try {
      if (!(await this.d.store.markAdminsNotified(rec.id, this.d.clock.now()))) return;
      await adapter.notifyAdmins({ text, admins: this.d.admins, target: targetOf(channel) });
    } catch (err) {
      this.d.logger.warn({ err, delivery: rec.id }, 'could not tell the admins about a failed post');
    }
  }
}
