// Preview (for organizers): a kick-off, a day or week, a digest or a wrap-up as one channel would
// get it, from GET /v1/preview — the same text `wolbot preview` prints. Nothing is sent.
import { api, messageOf } from './api.js';
import { byId, el, reconcile, setText } from './dom.js';
import { t } from './words.js';
import type { StatusDoc } from './types.js';

interface PreviewDoc {
  programme: string;
  language: string;
  channel: string | null;
  timezone: string;
  time: string;
  when: string;
  /** What `when` is made of, to say it in the page's language. */
  whenValues?: Record<string, string | number>;
  text: string;
}

/** The channel chooser: every channel of every programme (a preview speaks for one channel). */
export function renderPreviewChoices(status: StatusDoc): void {
  const channels = status.channels.filter((c) => c.active);
  reconcile(byId('preview-channel'), channels, (c) => c.channel, (c) => el('option', null, c.channel), (node, c) => {
    node.value = c.channel;
    setText(node, c.name ? `#${c.name} (${c.channel})` : c.channel);
  });
}

async function show(): Promise<void> {
  const kind = byId<HTMLSelectElement>('preview-kind').value;
  const n = byId<HTMLInputElement>('preview-n').value.trim();
  const channel = byId<HTMLSelectElement>('preview-channel').value;
  const q = new URLSearchParams({ kind });
  if (n && kind !== 'kickoff' && kind !== 'wrapup') q.set('n', n);
  if (channel) q.set('channel', channel);
  const out = byId('preview-out');
  const head = byId('preview-head');
  out.hidden = false;
  try {
    const p = await api<PreviewDoc>(`/v1/preview?${q.toString()}`);
    setText(head, t('page.preview.head', { programme: p.programme, language: p.language, channel: p.channel ?? t('page.preview.defaultChannel'), zone: p.timezone, time: p.time, when: p.whenValues ? t('page.preview.when', p.whenValues) : p.when }));
    setText(out, p.text);
  } catch (err) {
    setText(head, '');
    setText(out, t('page.preview.failed', { error: messageOf(err) }));
  }
}

export function initPreview(): void {
  byId('preview-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void show();
  });
}
