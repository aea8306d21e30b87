/** Quotes in digests and wrap-ups: mention markup becomes a plain `@Name` (no ids, no pings). */
import { mentionedIds, plainMentions } from '../src/core/give/plain-mentions';

describe('plain mentions', () => {
  const names = new Map([['U0ANA', 'Ana']]);

  test('a known id reads as the name, an unknown one as the label the platform sent, else "someone"', () => {
    expect(plainMentions('thanks <@U0ANA>, <@U0BOB|bob> and <@U0CY>!', names, 'someone')).toBe('thanks @Ana, @bob and @someone!');
  });

  test("Teams' <at>Name</at> reads as @Name", () => {
    expect(plainMentions('<at>Ana Lopez</at> could you look?', names, 'someone')).toBe('@Ana Lopez could you look?');
  });

  test('the ids to look up are each listed once; other angle brackets are left alone', () => {
    expect(mentionedIds(['<@U0ANA> and <@U0BOB|bob>', 'again <@U0ANA>', '<https://x.example|link> <!here>'])).toEqual(['U0ANA', 'U0BOB']);
    expect(plainMentions('<!here> 1 < 2 > 0 <@ not a mention', names, 'someone')).toBe('<!here> 1 < 2 > 0 <@ not a mention');
  });
});
