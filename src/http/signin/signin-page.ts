import { translator, type Translator } from '../../core/i18n/catalogue';
import { PROVIDERS } from './providers';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page anyone without access sees: a link per provider (links, not a form: the CSP's
 * `form-action 'self'` would stop a form that redirects to the provider), no data, no script.
 */
export function signinPage(providers: readonly string[], note?: string, tr: Translator = translator()): string {
  const links = providers
    .filter((p): p is keyof typeof PROVIDERS => p in PROVIDERS)
    .map((p) => `<li><a class="signin" href="/auth/${p}">${escape(tr.t('page.signin.with', { provider: PROVIDERS[p].label }))}</a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escape(tr.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wolbot</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<main id="main" class="signin-page">
<h1>${escape(tr.t('page.signin.title'))}</h1>
${note ? `<p class="note" role="alert">${escape(note)}</p>\n` : ''}<p>${escape(tr.t('page.signin.intro'))}</p>
<ul class="signin-links">
${links}
</ul>
</main>
</body>
</html>
`;
}
