/** Sign-in's words (issue 23): the kick-off links to the page, the sign-in page speaks the programme's language. */
import { kickoffContent } from '../src/core/give/kickoff-content';
import { translator } from '../src/core/i18n/catalogue';
import { signinPage } from '../src/http/signin/signin-page';

describe('sign-in words', () => {
  const schedule = [{ day: 1, theme: 'One', timezone: 'Europe/Berlin', localDate: '2026-11-16', localTime: '09:00', at: new Date('2026-11-16T08:00:00Z') }];
  const programme = { id: 'p', title: 'Circle', footer: 'f', prompts: [{ day: 1, theme: 'One', text: 't', challenge: 'c' }] };

  test('the kick-off links to the page (where members sign in) when PUBLIC_URL is given', () => {
    const m = kickoffContent({ programme, schedule, retentionMs: 86_400_000, tr: translator('en'), galleryUrl: 'https://wol.example.com/' });
    expect(m.links[0]).toEqual({ url: 'https://wol.example.com/', label: 'Everything shared, in the gallery' });
    // A programme that gathers nothing has no gallery to link to.
    const quiet = kickoffContent({ programme: { ...programme, gather: false }, schedule, retentionMs: 86_400_000, tr: translator('en'), galleryUrl: 'https://wol.example.com/' });
    expect(quiet.links.map((l) => l.url)).toEqual(['https://workingoutloud.com']);
  });

  test('the sign-in page is links (no form, no script), in the programme\'s language', () => {
    const de = signinPage(['slack', 'microsoft'], undefined, translator('de'));
    expect(de).toContain('<html lang="de">');
    expect(de).toContain('<a class="signin" href="/auth/slack">Mit Slack anmelden</a>');
    expect(de).toContain('<a class="signin" href="/auth/microsoft">Mit Microsoft anmelden</a>');
    expect(de).not.toMatch(/<form|<script|style=/);
    expect(signinPage(['slack'], 'a <b>note</b>')).toContain('a &#60;b&#62;note&#60;/b&#62;');
  });
});
