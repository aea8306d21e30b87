import type { AdapterRegistry } from './adapter-registry';
import { english, type Translator } from './i18n/catalogue';
import { periodValues, translatorOf } from './frame';
import type { Programme } from './programme';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';

/** What an organizer should do about a failure reason, in plain words (a weekly programme's missed post is a week). */
export function adviceFor(reason: string, tr: Translator = english, weekly = false): string {
  const values = { weekly: weekly ? 'yes' : 'no' };
  if (/not_in_channel|bot.*removed|http_403|forbidden/i.test(reason)) return tr.t('advice.invite', values);
  if (/archived/i.test(reason)) return tr.t('advice.archived');
  if (/channel_not_found|http_404|not found/i.test(reason)) return tr.t('advice.notFound');
  if (/auth|token|revoked|uninstalled/i.test(reason)) return tr.t('advice.auth');
  return tr.t('advice.other', values);
}

/** Tells the organizers privately, once per delivery, that a post failed for good or is uncertain. */
export class FailureNotifier {
  constructor(
    private readonly d: {
      store: Store;
      adapters: AdapterRegistry;
      admins: string[];
      clock: Clock;
      logger: Logger;
      /** The channel's programme: organizers read notices in its language, and by its count (day or week). */
      programmeOf?: (channel: ChannelRecord) => Pick<Programme, 'language' | 'cadence'>;
    },
  ) {}

  async deliveryFailed(rec: DeliveryRecord, channel: ChannelRecord, reason: string): Promise<void> {
    const { tr, period } = this.wordsFor(rec, channel);
    await this.tell(rec, channel, tr.t('notice.failed', { kind: rec.kind, ...period, where: channelLabel(channel), reason, advice: adviceFor(reason, tr, period.weekly === 'yes') }));
  }

  async deliveryUncertain(rec: DeliveryRecord, reason: string): Promise<void> {
    const channel = await this.d.store.getChannel(rec.platform, rec.channelId);
    if (!channel) return;
    const { tr, period } = this.wordsFor(rec, channel);
    await this.tell(rec, channel, tr.t('notice.uncertain', { kind: rec.kind, ...period, where: channelLabel(channel), reason }));
  }

  /** The programme's language, and its name for the post: day N, or week N in a weekly programme. */
  private wordsFor(rec: DeliveryRecord, channel: ChannelRecord): { tr: Translator; period: ReturnType<typeof periodValues> } {
    const p = this.d.programmeOf?.(channel);
    return { tr: p ? translatorOf(p) : english, period: periodValues(p ?? {}, rec.day) };
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
