import { z } from 'zod';

/**
 * The shape an inbound Bot Framework activity must have before CloudAdapter sees it. CloudAdapter
 * answers 500 to some malformed bodies (it throws before its own checks), so anything that fails
 * here gets 400 from us instead. Unknown fields pass through untouched.
 */
const account = z.looseObject({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

/**
 * Fields of channelData, conversation and the activity we read later: one of the wrong type is dropped (read as
 * absent) rather than failing the activity, so they are typed without trusting the sender.
 */
const lenient = z.string().optional().catch(undefined);
const idAndName = z.looseObject({ id: lenient, name: lenient }).optional().catch(undefined);
const channelData = z.looseObject({
  eventType: lenient,
  tenant: idAndName,
  team: idAndName,
  channel: idAndName,
  settings: z.looseObject({ selectedChannel: idAndName }).optional().catch(undefined),
});

const base = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().optional(),
  timestamp: z.string().optional(),
  text: z.string().optional(),
  from: account.optional(),
  recipient: account.optional(),
  serviceUrl: z.string().optional(),
  conversation: z.looseObject({ id: z.string().min(1), tenantId: lenient, conversationType: lenient }).optional(),
  channelData: channelData.optional(),
  replyToId: lenient,
  /** installationUpdate: `add`, `remove`, `add-upgrade`, … */
  action: lenient,
  entities: z.array(z.looseObject({ type: z.string().optional(), text: lenient, mentioned: z.looseObject({ id: lenient, name: lenient }).optional().catch(undefined) })).optional(),
  /** `content` is left as sent (a card, an HTML string, a file's download info): read it field by field. */
  attachments: z.array(z.looseObject({ contentType: z.string().optional(), contentUrl: lenient, name: lenient })).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  reactionsAdded: z.array(z.looseObject({ type: z.string() })).optional(),
  reactionsRemoved: z.array(z.looseObject({ type: z.string() })).optional(),
});

/** Activities we act on need somewhere to answer (serviceUrl) and a conversation. */
const ROUTED = new Set([
  'message',
  'messageUpdate',
  'messageDelete',
  'messageReaction',
  'conversationUpdate',
  'installationUpdate',
  'invoke',
]);

const activity = base.superRefine((a, ctx) => {
  if (!ROUTED.has(a.type)) return;
  if (!a.serviceUrl || !/^https?:\/\/\S+$/i.test(a.serviceUrl)) {
    ctx.addIssue({ code: 'custom', path: ['serviceUrl'], message: 'an http(s) URL is required' });
  }
  if (!a.conversation) ctx.addIssue({ code: 'custom', path: ['conversation'], message: 'required' });
  if (!a.id && a.type !== 'conversationUpdate' && a.type !== 'installationUpdate') {
    ctx.addIssue({ code: 'custom', path: ['id'], message: 'required' });
  }
});

export type InboundActivity = z.infer<typeof base>;

export type ValidationResult = { ok: true; activity: InboundActivity } | { ok: false; error: string };

export function validateActivity(body: unknown): ValidationResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'body is not a JSON object' };
  }
  const r = activity.safeParse(body);
  if (r.success) return { ok: true, activity: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `${first.path.join('.') || 'activity'}: ${first.message}` };
}
