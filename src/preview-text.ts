/** A preview as text: the platform's own rendering when it has one, else the sandbox's plain text. */
import type { Preview } from './core/preview';
import type { PreviewMessage } from './core/ports/preview';
import { summaryPlainText } from './core/ports/summary';
import { PLATFORMS } from './platforms';

function plainText(m: PreviewMessage): string {
  if (m.kind === 'summary') return summaryPlainText(m.summary);
  const p = m.prompt;
  return [p.heading, p.text, p.link ? `${p.link.label}: ${p.link.url}` : '', `${p.challengeLabel}: ${p.challenge}`, `${p.invite} ${p.footer}`].filter(Boolean).join('\n\n');
}

export function previewText(preview: Preview): string {
  const platform = PLATFORMS.find((p) => p.name === preview.platform);
  return platform?.preview ? platform.preview(preview.message) : plainText(preview.message);
}

/** The line above a preview: what, for where, when it goes out; and that nothing is sent. */
export function previewHeader(preview: Preview, what: string): string {
  const where = preview.channel ?? `${preview.programme}'s default (no channel yet)`;
  return `Preview of ${what} · ${preview.programme} (${preview.language}) for ${where} — ${preview.timezone}, ${preview.time}. Goes out: ${preview.when}. Nothing is sent.`;
}
