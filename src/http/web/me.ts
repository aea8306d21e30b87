// A signed-in person's part of the page: who they are, their own shares first, `forget me` (after
// a confirmation) and signing out, in their programme's language (the words come from /v1/me).
import { api, messageOf } from './api.js';
import { byId, el, setText } from './dom.js';
import { periodOf, setWords, t } from './words.js';
import type { ExportDoc } from './types.js';

export interface MeDoc {
  role: 'operator' | 'organizer' | 'member';
  person: { platform: string; userId: string; workspaceId: string; name: string | null } | null;
  /** Whether the sandbox box is this viewer's (the pure demo, the operator, organizers). */
  sandbox: boolean;
  lang: string;
  /** The page's words: ICU patterns in its programme's language. */
  patterns: Record<string, string>;
}

let me: MeDoc | null = null;

/** Who the page is for; null when this server has no /v1/me. */
export async function loadMe(): Promise<MeDoc | null> {
  try {
    me = await api<MeDoc>('/v1/me');
  } catch {
    me = null;
  }
  if (me) setWords(me.lang, me.patterns);
  if (me?.person) showPerson(me.person);
  // The preview is for organizers (its API answers a member 403): a member's page leaves it out.
  if (me?.role === 'member') byId('preview').hidden = byId('nav-preview').hidden = true;
  return me;
}

function showPerson(person: NonNullable<MeDoc['person']>): void {
  byId('you').hidden = false;
  byId('nav-you').hidden = false;
  setText(byId('you-who'), t('page.signedInAs', { name: person.name ?? person.userId }));
  byId('forget').addEventListener('click', () => {
    byId('forget-confirm').hidden = false;
  });
  byId('forget-no').addEventListener('click', () => {
    byId('forget-confirm').hidden = true;
  });
  byId('forget-yes').addEventListener('click', () => void forget());
}

async function forget(): Promise<void> {
  byId('forget-confirm').hidden = true;
  const answer = byId('forget-answer');
  answer.hidden = false;
  try {
    setText(answer, (await api<{ text: string }>('/v1/forget', {})).text);
  } catch (err) {
    setText(answer, messageOf(err));
  }
}

/** The person's own replies in the shares shown, newest first. */
export function renderYourShares(doc: ExportDoc): void {
  const person = me?.person;
  if (!person) return;
  const mine = doc.posts
    .filter((p) => p.platform === person.platform)
    .flatMap((p) => p.replies.filter((r) => r.user === person.userId).map((r) => ({ post: p, reply: r })))
    .sort((a, b) => b.reply.at.localeCompare(a.reply.at));
  const list = byId('your-shares');
  list.replaceChildren(...mine.map(({ post, reply }) => el('li', 'your-share', [el('span', 'day', periodOf(post.day, post.theme)), el('p', null, reply.text)])));
  byId('you-none').hidden = mine.length > 0;
}
