// "Who can help with what": the Day 1 offers of the people who said `connect on`, from
// /v1/offers. Shown only when there is something to show (or a search is under way), so a
// server, run or person without offers sees no empty section.
import { api, ApiError } from './api.js';
import { byId, el, linkify, reconcile, setText } from './dom.js';
import { avatar } from './people.js';
import { t } from './words.js';
import type { Offer, OffersDoc } from './types.js';

const DEBOUNCE_MS = 300;

/** What the page last heard: the offers (null: the endpoint did not answer 200) for the words searched. */
export interface OffersState {
  q: string;
  offers: Offer[] | null;
  error?: string;
}

/** The search words typed, trimmed ('' when none). */
function words(): string {
  return byId<HTMLInputElement>('offers-search').value.trim();
}

/** GET /v1/offers for `run` (null: the current one) and the words in the search box; an error answer is kept, not thrown. */
export async function loadOffers(run: string | null): Promise<OffersState> {
  const q = words();
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (run) params.set('run', run);
  const query = params.toString();
  try {
    const doc = await api<OffersDoc>(`/v1/offers${query ? `?${query}` : ''}`);
    return { q, offers: Array.isArray(doc.offers) ? doc.offers : [] };
  } catch (err) {
    // 401/403/404 (no access, no such run, a server without offers): nothing to show.
    if (err instanceof ApiError) return { q, offers: null, error: err.message };
    throw err;
  }
}

function fillOffer(node: HTMLLIElement, o: Offer): void {
  const who = o.name || t('page.offers.anonymous');
  const text = el('p', 'offer-text');
  text.append(linkify(o.text));
  node.replaceChildren(el('div', 'offer-head', [avatar(who), el('span', 'author', who)]), text);
}

/** Keys for the list: offers carry no id, so name, platform and time (and a count for twins). */
function keyed(offers: Offer[]): { key: string; o: Offer }[] {
  const seen = new Map<string, number>();
  return offers.map((o) => {
    const base = `${o.platform}|${o.name ?? ''}|${o.at}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, o };
  });
}

export function renderOffers(s: OffersState): void {
  const searching = s.q !== '';
  const show = searching || (s.offers !== null && s.offers.length > 0);
  byId('offers').hidden = !show;
  byId('nav-offers').hidden = !show;
  const list = s.offers ?? [];
  reconcile(byId('offers-list'), keyed(list), (x) => x.key, () => el('li', 'offer'), (node, x) => fillOffer(node, x.o));
  let count: string;
  if (s.offers === null) count = searching ? t('page.offers.failed', { error: s.error ?? '—' }) : '';
  else if (searching) count = t('page.offers.found', { n: list.length, q: s.q });
  else count = t('page.offers.all', { n: list.length });
  setText(byId('offers-count'), count);
}

/** The search box: a pause in typing loads again (through `refresh`, with everything else). */
export function initOffers(refresh: () => Promise<void>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const form = byId('offers-form');
  form.addEventListener('submit', (e) => e.preventDefault());
  byId('offers-search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), DEBOUNCE_MS);
  });
}
