import { parseCommand } from '../../src/core/ports/command-words';
import type { CommandAnswer, InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';

/** Slack wants the slash-command answer within 3 s; answer by then whatever happens. */
const ACK_BUDGET_MS = 2_500;

export interface CommandDeps {
  inbound: InboundPort;
  log: Logger;
  /** Is our bot a member of this channel? undefined when it cannot be told. */
  isMember(teamId: string, channelId: string): Promise<boolean | undefined>;
  /** POST to a response_url (ephemeral follow-ups). */
  respond(responseUrl: string, text: string): Promise<void>;
  /** The one slash command this app answers (SLACK_COMMAND). */
  command?: string;
}

export const DEFAULT_COMMAND = '/wol';

const ephemeral = (text: string) => ({ response_type: 'ephemeral', text });

export function inviteHint(inbound: Pick<InboundPort, 'phrase'>, channelName?: string): string {
  return inbound.phrase('chat.notMember', { where: channelName ? `#${channelName}` : inbound.phrase('chat.thisChannel') });
}

/** A `/wol …` slash command → the core's command words; the immediate answer is ephemeral. */
export async function handleSlashCommand(form: Record<string, string>, deps: CommandDeps): Promise<Record<string, unknown>> {
  const command = deps.command ?? DEFAULT_COMMAND;
  if (form.command !== command) {
    // Another command pointed at our URL (a misconfigured or hostile app): nothing runs.
    deps.log.warn({ command: form.command }, 'ignored a slash command that is not ours');
    return ephemeral(deps.inbound.phrase('chat.otherCommand', { command }));
  }
  const text = (form.text ?? '').trim();
  const channelId = form.channel_id;
  const teamId = form.team_id;
  const channelName = form.channel_name && form.channel_name !== 'privategroup' ? form.channel_name : undefined;
  const responseUrl = form.response_url;
  const followUp = async (msg: string) => {
    if (!responseUrl) return;
    try {
      await deps.respond(responseUrl, msg);
    } catch (err) {
      deps.log.warn({ err }, 'could not send /wol follow-up to response_url');
    }
  };

  // `subscribe` in a channel we cannot post to would only fail later: say how to invite us.
  if (parseCommand(text).word === 'subscribe' && teamId) {
    const member = await withTimeout(deps.isMember(teamId, channelId).catch(() => undefined), 1_000, undefined);
    if (member === false) return ephemeral(inviteHint(deps.inbound, channelName));
  }

  const work = deps.inbound.command(
    {
      platform: 'slack',
      channelId,
      userId: form.user_id,
      text,
      target: { platform: 'slack', channelId, workspaceId: teamId ?? null },
      prefix: `${command} `,
      channelName,
    },
    followUp,
  );
  let answer: CommandAnswer | 'late';
  try {
    answer = await withTimeout<CommandAnswer | 'late'>(work, ACK_BUDGET_MS, 'late');
  } catch (err) {
    deps.log.error({ err }, '/wol command failed');
    return ephemeral(deps.inbound.phrase('chat.failedNow'));
  }
  if (answer === 'late') {
    // Still answer within Slack's limit; the real answer follows through response_url.
    work.then((a) => followUp(a.text)).catch((err: unknown) => {
      deps.log.error({ err }, '/wol command failed');
      return followUp(deps.inbound.phrase('chat.failedLater'));
    });
    return ephemeral(deps.inbound.phrase('chat.working'));
  }
  answer.done.catch((err: unknown) => deps.log.error({ err }, '/wol background work failed'));
  let reply = answer.text;
  if (notMemberHere(reply, channelId) && !/\/invite/.test(reply)) reply += `\n${inviteHint(deps.inbound, channelName)}`;
  return ephemeral(reply);
}

const NOT_MEMBER = /not (a member|in (this|the) channel)|not_in_channel/i;

/**
 * Does the answer say the bot is not in *this* channel? A report over several channels (status)
 * has a block per channel, each starting with its `slack:ID` line: only this channel's block
 * counts, so another channel's not_in_channel adds no hint here.
 */
export function notMemberHere(reply: string, channelId: string): boolean {
  const blocks = reply.split(/\n(?=\S+:\S+ )/);
  const perChannel = blocks.filter((b) => /^[a-z]+:\S+ /.test(b));
  if (perChannel.length === 0) return NOT_MEMBER.test(reply);
  return perChannel.some((b) => b.startsWith(`slack:${channelId} `) && NOT_MEMBER.test(b));
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref?.();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
