/** The web page's own words, Deutsch: see ./en.ts. */
import type { PageKey } from './en';

export const pageDe: Partial<Record<PageKey, string>> = {
  'page.signin.title': 'Melde dich an, um dein Programm zu sehen',
  'page.signin.intro': 'In der Galerie steht, was im Programm geteilt wurde. Melde dich mit dem Konto an, das du im Chat nutzt, dann siehst du dein Programm.',
  'page.signin.with': 'Mit {provider} anmelden',
  'page.signin.failed': 'Die Anmeldung hat nicht geklappt. Bitte versuch es noch einmal.',
  'page.signedInAs': 'Angemeldet als {name}',
  'page.signout': 'Abmelden',
  'page.yourShares': 'Deine Beiträge',
  'page.yourShares.none': 'Du hast in diesem Programm noch nichts geteilt.',
  'page.forget': 'Vergiss mich',
  'page.forget.confirm': 'Alles, was du hier geteilt hast, deine Reaktionen und deinen Namen aus wolbot löschen? Das lässt sich nicht rückgängig machen.',
};
