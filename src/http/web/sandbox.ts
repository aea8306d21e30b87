// Sandbox: the local channel as a chat. Each prompt has one reply box, built once and never
// rebuilt, so live updates cannot clear it or take its focus.
import { api, messageOf, SANDBOX } from './api.js';
import { byId, el, link, linkify, reconcile, setText, whenIn } from './dom.js';
import { resetLocalFeed } from './local-feed.js';
import { authorName, avatar } from './people.js';
import { periodNumber, periodOf, periodOfCadence, t, type Period } from './words.js';
import type { ExportDoc, LocalMessage, LocalMessages, PromptBody, StatusChannel, StatusDoc, SummaryBody } from './types.js';

type Refresh = (force?: boolean) => Promise<void>;
type HeartButton = HTMLButtonElement & { wolCount?: number };
type Reply = LocalMessage & { name?: string };

let refresh: Refresh = () => Promise.resolve();
let channel: string | null = null;
let zone = 'UTC';
/** The shown channel's programme counts days or weeks (whatever run the figures show). */
let period: Period = 'day';
let counts = new Map<string, number>();
let names = new Map<string, string>();

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
const httpLink = (l: unknown): l is { url: string; label?: string } => isRecord(l) && typeof l.url === 'string' && /^https?:/i.test(l.url);

async function react(item: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    await api('/v1/reactions', { channel, item, emoji: 'heart' });
    await refresh();
  } finally {
    button.disabled = false;
  }
}

/** A heart button that keeps its identity across updates (only its count changes). */
function heartButton(item: string, what: string): HeartButton {
  const b = el('button', 'heart');
  b.type = 'button';
  b.dataset.item = item;
  b.dataset.what = what;
  b.addEventListener('click', () => void react(b.dataset.item ?? item, b));
  return b;
}

function setHeart(b: HeartButton): void {
  const n = counts.get(b.dataset.item ?? '') ?? 0;
  // The name is the visible text plus a hidden lead-in, so speech and sight agree.
  const text = t('page.sandbox.heart', { what: b.dataset.what ?? '' });
  if (b.wolCount === n && b.childElementCount) return;
  b.wolCount = n;
  b.replaceChildren(el('span', 'sr-only', text), n ? `❤ ${n}` : '♡ 0');
}

function when(m: LocalMessage): HTMLTimeElement {
  const t = el('time', 'msg-time', whenIn(m.at, zone));
  t.dateTime = m.at;
  return t;
}

function byline(name: string, m: LocalMessage): HTMLDivElement {
  return el('div', 'msg-head', [avatar(name), el('span', 'author', name), when(m)]);
}

/** A message's text when it has no parts to lay out (a notice, an older digest). */
function bodyText(m: LocalMessage): string {
  const b = m.body ?? {};
  if (typeof b === 'string') return b;
  if (!isRecord(b)) return JSON.stringify(b);
  // Digests, kick-offs, wrap-ups, introductions and circles carry their whole plain text (title included).
  if (['digest', 'kickoff', 'wrapup', 'introduction', 'circle'].includes(m.kind) && typeof b.text === 'string') return b.text;
  if (m.kind === 'digest') {
    const day = Number(b.day) || 0;
    const lines = [str(b.title) || (b.theme ? periodOf(day, str(b.theme), period) : periodOf(day, undefined, period))];
    if (b.summary) lines.push(str(b.summary));
    else lines.push(t('page.sandbox.digestCounts', { shares: Number(b.replyCount) || 0, people: Number(b.peopleCount) || 0 }));
    const highlights = Array.isArray(b.highlights) ? b.highlights.filter(isRecord) : [];
    for (const h of highlights) lines.push(`• ${str(h.name) || str(h.user)}: ${str(h.text)}${h.reactionsText ? ` (${str(h.reactionsText)})` : ''}`);
    return lines.join('\n');
  }
  return [b.title, b.heading, b.text, b.intro].filter((x): x is string => typeof x === 'string' && x !== '').join('\n\n') || JSON.stringify(b);
}

/** A digest, kick-off, wrap-up, introduction or circle laid out from its parts (title, intro, sections, links). */
function summaryNodes(b: SummaryBody): HTMLElement[] {
  const out: HTMLElement[] = [el('p', 'sum-title', str(b.title))];
  for (const para of b.intro ?? []) out.push(el('p', 'msg-text', [linkify(str(para))]));
  for (const sec of b.sections ?? []) {
    const list = el('ul', 'sum-lines');
    for (const line of sec.lines ?? []) {
      const li = el('li', null, [linkify(str(line.text))]);
      if (line.quote) li.append(' ', el('q', 'sum-quote', str(line.quote)));
      if (httpLink(line.link)) li.append(' ', link(line.link.url, line.link.label || line.link.url));
      list.append(li);
    }
    out.push(el('div', 'sum-section', [sec.heading ? el('p', 'sum-heading', str(sec.heading)) : null, list]));
  }
  const links = (b.links ?? []).filter(httpLink);
  if (links.length) out.push(el('p', 'sum-links', links.flatMap((l, i) => [i ? ' · ' : null, link(l.url, l.label || l.url)])));
  return out;
}

/** The body of a message that is not a prompt: structured when it has parts, else its text. */
function bodyNodes(m: LocalMessage): HTMLElement[] {
  const b = m.body;
  if (isRecord(b) && Array.isArray(b.sections)) return summaryNodes(b as SummaryBody);
  const text = el('p', 'msg-text');
  text.append(linkify(bodyText(m)));
  return [text];
}

function fillThreadItem(node: HTMLLIElement, m: Reply): void {
  const name = m.kind === 'reply' ? authorName({ name: names.get(m.id), user: m.user }) : m.user;
  const body = m.kind === 'reply' ? [el('p', 'msg-text', [linkify(isRecord(m.body) ? str(m.body.text) : '')])] : bodyNodes(m);
  node.classList.toggle('bot', m.kind !== 'reply');
  let heart = node.querySelector<HeartButton>('.heart');
  if (m.kind === 'reply' && !heart) heart = heartButton(m.id, t('page.sandbox.heartShare', { name }));
  node.replaceChildren(...[byline(name, m), ...body, m.kind === 'reply' ? heart : null].filter((x) => x !== null));
}

function replyForm(li: HTMLLIElement, headingId: string): HTMLFormElement {
  const form = el('form', 'reply-form');
  const box = el('textarea', 'reply-box');
  box.rows = 1;
  box.placeholder = t('page.sandbox.reply');
  box.setAttribute('aria-label', t('page.sandbox.reply'));
  box.setAttribute('aria-describedby', headingId);
  const send = el('button', 'send', t('page.sandbox.send'));
  send.type = 'submit';
  const error = el('p', 'form-error');
  error.setAttribute('role', 'alert');
  form.append(box, send, error);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  box.addEventListener('input', () => {
    box.style.height = 'auto';
    box.style.height = `${Math.min(box.scrollHeight, 200)}px`;
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = box.value;
    if (!text.trim() || send.disabled) return;
    send.disabled = true;
    setText(error, '');
    void api('/v1/replies', { channel, thread: li.dataset.key, text })
      .then(async () => {
        // Only what was sent is removed: anything typed meanwhile stays.
        box.value = box.value.startsWith(text) ? box.value.slice(text.length) : box.value;
        box.style.height = 'auto';
        await refresh();
      })
      .catch((err: unknown) => setText(error, t('page.sandbox.notSent', { error: messageOf(err) })))
      .finally(() => {
        send.disabled = false;
      });
  });
  return form;
}

function promptNode(m: LocalMessage): HTMLLIElement {
  const li = el('li', 'msg prompt');
  const thread = el('ol', 'msg-thread');
  thread.setAttribute('aria-label', t('page.sandbox.thread'));
  const p: PromptBody = isRecord(m.body) ? m.body : {};
  const actions = el('div', 'msg-actions', [heartButton(m.id, t('page.sandbox.heartPost', { n: periodNumber(Number(p.day) || 0, period), period }))]);
  li.append(el('div', 'content'), actions, thread, replyForm(li, `prompt-${m.id}`));
  return li;
}

function fillPrompt(node: HTMLLIElement, { m, replies }: { m: LocalMessage; replies: Reply[] }): void {
  const p: PromptBody = isRecord(m.body) ? m.body : {};
  const h = el('h3', 'msg-title', p.heading || periodOf(Number(p.day) || 0, str(p.theme), period));
  h.id = `prompt-${m.id}`;
  const text = el('p', 'msg-text');
  text.append(linkify(str(p.text)));
  const parts: HTMLElement[] = [byline('wolbot', m), h, text];
  if (p.challenge) parts.push(el('div', 'challenge', [el('strong', null, `${p.challengeLabel || t('page.sandbox.challenge')}: `), linkify(str(p.challenge))]));
  if (httpLink(p.link)) parts.push(el('p', 'msg-link', [link(p.link.url, p.link.label || p.link.url)]));
  if (p.invite) parts.push(el('p', 'msg-invite', str(p.invite)));
  if (p.footer) parts.push(el('p', 'msg-foot', str(p.footer)));
  node.querySelector('.content')!.replaceChildren(...parts);
  reconcile(node.querySelector('.msg-thread')!, replies, (r) => r.id, () => el('li', 'msg in-thread'), fillThreadItem);
}

function fillPlain(node: HTMLLIElement, { m }: { m: LocalMessage }): void {
  node.className = `msg kind-${m.kind}`;
  const label = t('page.sandbox.kind', { kind: m.kind });
  node.replaceChildren(...[byline(m.user, m), label ? el('p', 'kind-label', label) : null, ...bodyNodes(m)].filter((x) => x !== null));
}

/** The sandbox channel to show: the one chosen, else the configured one (the demo's #general), else any active one. */
function chooseChannel(locals: StatusChannel[]): void {
  const select = byId<HTMLSelectElement>('sandbox-channel');
  const options = locals.map((c) => c.id);
  if ([...select.options].map((o) => o.value).join('\n') !== options.join('\n')) {
    select.replaceChildren(...locals.map((c) => Object.assign(document.createElement('option'), { value: c.id, textContent: c.channel })));
  }
  byId('sandbox-channel-field').hidden = locals.length < 2;
  if (channel === null || !options.includes(channel)) channel = (locals.find((c) => c.active && c.source === 'config') ?? locals.find((c) => c.active) ?? locals[0])?.id ?? null;
  select.value = channel ?? '';
  zone = locals.find((c) => c.id === channel)?.timezone ?? 'UTC';
}

export function renderSandbox(local: LocalMessages | null, exp: ExportDoc, status: StatusDoc): void {
  chooseChannel(status.channels.filter((c) => c.platform === SANDBOX && c.platformOn));
  const own = status.programmes?.find((p) => p.channels.some((c) => c.platform === SANDBOX && c.id === channel));
  period = periodOfCadence(own?.cadence ?? status.programme.cadence);
  counts = new Map();
  names = new Map();
  for (const p of exp.posts.filter((x) => x.platform === SANDBOX && x.channel === channel)) {
    counts.set(p.thread, p.reactions);
    for (const r of p.replies) {
      counts.set(r.id, r.reactions);
      if (r.name) names.set(r.id, r.name);
    }
  }
  const mine = (local?.messages ?? []).filter((m) => m.channelId === channel);
  // In time order; prompts posted in the same minute (post N by hand) in day order.
  const dayOf = (m: LocalMessage) => (m.kind === 'prompt' && isRecord(m.body) ? Number(m.body.day) || 0 : 0);
  const top = mine.filter((m) => !m.threadId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || dayOf(a) - dayOf(b));
  const inThread = (id: string): Reply[] => mine.filter((m) => m.threadId === id).map((r) => ({ ...r, name: names.get(r.id) }));
  const items = top.map((m) => ({ m, replies: m.kind === 'prompt' ? inThread(m.id) : [] }));
  const chat = byId('chat');
  reconcile(chat, items, (x) => x.m.id, (x) => (x.m.kind === 'prompt' ? promptNode(x.m) : el('li', 'msg')), (node, x) => (x.m.kind === 'prompt' ? fillPrompt(node, x) : fillPlain(node, x)));
  for (const b of chat.querySelectorAll<HeartButton>('.heart')) setHeart(b);
  if (!items.length) {
    if (!chat.querySelector('.empty')) chat.append(el('li', 'empty', t('page.sandbox.empty', { period })));
  } else chat.querySelector('.empty')?.remove();
}

async function runCommand(input: HTMLInputElement, out: HTMLElement): Promise<void> {
  if (!input.value.trim() || !channel) return;
  try {
    const a = await api<{ text?: string; followUps?: string[] }>('/v1/commands', { channel, text: input.value });
    out.textContent = [a.text, ...(a.followUps ?? [])].filter(Boolean).join('\n\n');
    input.value = '';
  } catch (err) {
    out.textContent = t('page.sandbox.notRun', { error: messageOf(err) });
  }
  out.hidden = false;
  resetLocalFeed(); // a command (forget me) may have removed messages: read them all again
  await refresh();
}

export function initSandbox(onChange: Refresh): void {
  refresh = onChange;
  byId<HTMLSelectElement>('sandbox-channel').addEventListener('change', (e) => {
    channel = (e.target as HTMLSelectElement).value;
    void refresh(true);
  });
  byId('command-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void runCommand(byId<HTMLInputElement>('command'), byId('answer'));
  });
}
