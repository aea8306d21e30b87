// Sandbox: the local channel as a chat. Each prompt has one reply box, built once and never
// rebuilt, so live updates cannot clear it or take its focus.
import { api, SANDBOX } from './api.js';
import { el, link, linkify, plural, reconcile, setText, whenIn } from './dom.js';
import { authorName, avatar } from './people.js';

const $ = (id) => document.getElementById(id);
let refresh = () => Promise.resolve();
let channel = null;
let zone = 'UTC';
let counts = new Map();
let names = new Map();

async function react(item, button) {
  button.disabled = true;
  try {
    await api('/v1/reactions', { channel, item, emoji: 'heart' });
    await refresh();
  } finally {
    button.disabled = false;
  }
}

/** A heart button that keeps its identity across updates (only its count changes). */
function heartButton(item, what) {
  const b = el('button', 'heart');
  b.type = 'button';
  b.dataset.item = item;
  b.dataset.what = what;
  b.addEventListener('click', () => void react(b.dataset.item, b));
  return b;
}

function setHeart(b) {
  const n = counts.get(b.dataset.item) ?? 0;
  // The name is the visible text plus a hidden lead-in, so speech and sight agree.
  const text = `React with a heart to ${b.dataset.what}; reactions so far: `;
  if (b.wolCount === n && b.childElementCount) return;
  b.wolCount = n;
  b.replaceChildren(el('span', 'sr-only', text), n ? `❤ ${n}` : '♡ 0');
}

function when(m) {
  const t = el('time', 'msg-time', whenIn(m.at, zone));
  t.dateTime = m.at;
  return t;
}

function byline(name, m) {
  return el('div', 'msg-head', [avatar(name), el('span', 'author', name), when(m)]);
}

function bodyText(m) {
  const b = m.body ?? {};
  if (typeof b === 'string') return b;
  // Digests, kick-offs and wrap-ups carry their whole plain text (title included).
  if (['digest', 'kickoff', 'wrapup'].includes(m.kind) && typeof b.text === 'string') return b.text;
  if (m.kind === 'digest' && typeof b.text !== 'string') {
    const lines = [b.title || `Day ${b.day}${b.theme ? ` · ${b.theme}` : ''}`];
    if (b.summary) lines.push(b.summary);
    else lines.push(`${plural(b.replyCount ?? 0, 'share', 'shares')} from ${plural(b.peopleCount ?? 0, 'person', 'people')}.`);
    for (const h of b.highlights ?? []) lines.push(`• ${h.name || h.user}: ${h.text}${h.reactionsText ? ` (${h.reactionsText})` : ''}`);
    return lines.join('\n');
  }
  return [b.title, b.heading, b.text, b.intro].filter((x) => typeof x === 'string' && x).join('\n\n') || JSON.stringify(b);
}

/** A digest, kick-off or wrap-up laid out from its parts (title, intro, sections, links). */
function summaryNodes(b) {
  const out = [el('p', 'sum-title', String(b.title ?? ''))];
  for (const para of b.intro ?? []) out.push(el('p', 'msg-text', [linkify(String(para))]));
  for (const sec of b.sections ?? []) {
    const list = el('ul', 'sum-lines');
    for (const line of sec.lines ?? []) {
      const li = el('li', null, [linkify(String(line.text ?? ''))]);
      if (line.quote) li.append(' ', el('q', 'sum-quote', String(line.quote)));
      if (line.link?.url && /^https?:/i.test(line.link.url)) li.append(' ', link(line.link.url, line.link.label || line.link.url));
      list.append(li);
    }
    out.push(el('div', 'sum-section', [sec.heading ? el('p', 'sum-heading', String(sec.heading)) : null, list]));
  }
  const links = (b.links ?? []).filter((l) => /^https?:/i.test(l.url ?? ''));
  if (links.length) out.push(el('p', 'sum-links', links.flatMap((l, i) => [i ? ' · ' : null, link(l.url, l.label || l.url)]).filter(Boolean)));
  return out;
}

/** The body of a message that is not a prompt: structured when it has parts, else its text. */
function bodyNodes(m) {
  const b = m.body ?? {};
  if (b && typeof b === 'object' && Array.isArray(b.sections)) return summaryNodes(b);
  const text = el('p', 'msg-text');
  text.append(linkify(bodyText(m)));
  return [text];
}

function threadItem() {
  return el('li', 'msg in-thread');
}

function fillThreadItem(node, m) {
  const name = m.kind === 'reply' ? authorName({ name: names.get(m.id), user: m.user }) : m.user;
  let body = bodyNodes(m);
  if (m.kind === 'reply') {
    body = [el('p', 'msg-text', [linkify(String(m.body?.text ?? ''))])];
  }
  node.classList.toggle('bot', m.kind !== 'reply');
  let heart = node.querySelector('.heart');
  if (m.kind === 'reply' && !heart) heart = heartButton(m.id, `${name}’s share`);
  node.replaceChildren(...[byline(name, m), ...body, m.kind === 'reply' ? heart : null].filter(Boolean));
}

function promptNode(m) {
  const li = el('li', 'msg prompt');
  const content = el('div', 'content');
  const actions = el('div', 'msg-actions');
  const thread = el('ol', 'msg-thread');
  thread.setAttribute('aria-label', 'Shares in this thread');
  const p = m.body ?? {};
  const headingId = `prompt-${m.id}`;
  actions.append(heartButton(m.id, `day ${p.day} post`));
  const form = el('form', 'reply-form');
  const box = el('textarea', 'reply-box');
  box.rows = 1;
  box.placeholder = 'Reply…';
  box.setAttribute('aria-label', 'Reply…');
  box.setAttribute('aria-describedby', headingId);
  const send = el('button', 'send', 'Send');
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
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = box.value;
    if (!text.trim() || send.disabled) return;
    send.disabled = true;
    setText(error, '');
    try {
      await api('/v1/replies', { channel, thread: li.dataset.key, text });
      // Only what was sent is removed: anything typed meanwhile stays.
      box.value = box.value.startsWith(text) ? box.value.slice(text.length) : box.value;
      box.style.height = 'auto';
      await refresh();
    } catch (err) {
      setText(error, `Not sent: ${err.message}`);
    } finally {
      send.disabled = false;
    }
  });
  li.append(content, actions, thread, form);
  return li;
}

function fillPrompt(node, { m, replies }) {
  const p = m.body ?? {};
  const h = el('h3', 'msg-title', p.heading || `Day ${p.day} · ${p.theme}`);
  h.id = `prompt-${m.id}`;
  const text = el('p', 'msg-text');
  text.append(linkify(String(p.text ?? '')));
  const parts = [byline('wolbot', m), h, text];
  if (p.challenge) parts.push(el('div', 'challenge', [el('strong', null, `${p.challengeLabel || 'Challenge'}: `), linkify(String(p.challenge))]));
  if (p.link?.url && /^https?:/i.test(p.link.url)) parts.push(el('p', 'msg-link', [link(p.link.url, p.link.label || p.link.url)]));
  if (p.invite) parts.push(el('p', 'msg-invite', String(p.invite)));
  if (p.footer) parts.push(el('p', 'msg-foot', String(p.footer)));
  node.querySelector('.content').replaceChildren(...parts);
  reconcile(node.querySelector('.msg-thread'), replies, (r) => r.id, threadItem, fillThreadItem);
}

function plainNode() {
  return el('li', 'msg');
}

function fillPlain(node, { m }) {
  node.className = `msg kind-${m.kind}`;
  const label = { kickoff: 'Kick-off', notice: 'Note to the organizers', wrapup: 'Wrap-up' }[m.kind];
  node.replaceChildren(...[byline(m.user, m), label ? el('p', 'kind-label', label) : null, ...bodyNodes(m)].filter(Boolean));
}

export function renderSandbox(local, exp, status) {
  const locals = status.channels.filter((c) => c.platform === SANDBOX && c.platformOn);
  const select = $('sandbox-channel');
  const options = locals.map((c) => c.id);
  if ([...select.options].map((o) => o.value).join('\n') !== options.join('\n')) {
    select.replaceChildren(...locals.map((c) => Object.assign(document.createElement('option'), { value: c.id, textContent: c.channel })));
  }
  $('sandbox-channel-field').hidden = locals.length < 2;
  // The configured channel first (the demo's #general), then any other active one.
  if (!options.includes(channel)) channel = (locals.find((c) => c.active && c.source === 'config') ?? locals.find((c) => c.active) ?? locals[0])?.id ?? null;
  select.value = channel ?? '';
  zone = locals.find((c) => c.id === channel)?.timezone ?? 'UTC';

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
  const dayOf = (m) => (m.kind === 'prompt' ? Number(m.body?.day) || 0 : 0);
  const top = mine.filter((m) => !m.threadId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || dayOf(a) - dayOf(b));
  const inThread = (id) => mine.filter((m) => m.threadId === id);
  const items = top.map((m) => ({ m, replies: m.kind === 'prompt' ? inThread(m.id).map((r) => ({ ...r, name: names.get(r.id) })) : [] }));
  const chat = $('chat');
  reconcile(chat, items, (x) => x.m.id, (x) => (x.m.kind === 'prompt' ? promptNode(x.m) : plainNode()), (node, x) => (x.m.kind === 'prompt' ? fillPrompt(node, x) : fillPlain(node, x)));
  for (const b of chat.querySelectorAll('.heart')) setHeart(b);
  if (!items.length) {
    if (!chat.querySelector('.empty')) chat.append(el('li', 'empty', 'Nothing posted here yet. Day 1 appears at its local time, or run “post 1” above.'));
  } else chat.querySelector('.empty')?.remove();
}

export function initSandbox(onChange) {
  refresh = onChange;
  $('sandbox-channel').addEventListener('change', (e) => {
    channel = e.target.value;
    void refresh(true);
  });
  $('command-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('command');
    const out = $('answer');
    if (!input.value.trim() || !channel) return;
    try {
      const a = await api('/v1/commands', { channel, text: input.value });
      out.textContent = [a.text, ...(a.followUps ?? [])].filter(Boolean).join('\n\n');
      input.value = '';
    } catch (err) {
      out.textContent = `Not run: ${err.message}`;
    }
    out.hidden = false;
    await refresh();
  });
}
