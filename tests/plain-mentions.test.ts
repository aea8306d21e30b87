/**
 * Mentions are read at the edge: each adapter turns its markup into plain text and a mention list,
 * and quotes in digests and wrap-ups show `@Name` from that list alone (no ids, no pings).
 */
import { sandboxPlainText } from '../adapters/local/plain-text';
import { slackPlainText } from '../adapters/slack/plain-text';
import { teamsPlainText } from '../adapters/teams/plain-text';
import { mentionedIds, quoteOf } from '../src/core/give/mention-quotes';
import type { PlainText } from '../src/core/ports/inbound';

const names = new Map([['U0ANA', 'Ana'], ['29:ana', 'Ana López']]);
const quote = (p: PlainText) => quoteOf(p.plainText, p.mentions, names, 'someone');

describe('Slack markup at the edge', () => {
  test('user mentions: the known name, else the label Slack sent, else "someone"; each listed with its span', () => {
    const p = slackPlainText('thanks <@U0ANA>, <@U0BOB|bob> and <@U0CY>!');
    expect(p.plainText).toBe('thanks @U0ANA, @bob and @U0CY!');
    expect(p.mentions).toEqual([
      { userId: 'U0ANA', name: '', start: 7, end: 13 },
      { userId: 'U0BOB', name: 'bob', start: 15, end: 19 },
      { userId: 'U0CY', name: '', start: 24, end: 29 },
    ]);
    expect(quote(p)).toBe('thanks @Ana, @bob and @someone!');
  });

  test('channel-wide pings, groups, channels, links and entities read as words, mentioning nobody', () => {
    const p = slackPlainText('<!here> <!channel|channel> <!everyone> <!subteam^S0OPS|@ops> see <#C0WOL|wol> &amp; <https://x.example/a|the doc>, <mailto:a@b.example|a@b.example> 1 &lt; 2 &gt; 0');
    expect(p).toEqual({ plainText: '@here @channel @everyone @ops see #wol & the doc, a@b.example 1 < 2 > 0', mentions: [] });
  });

  test('a typed "<@U0ANA>" arrives encoded and stays text, not a mention', () => {
    expect(slackPlainText('&lt;@U0ANA&gt; is how Slack writes it')).toEqual({ plainText: '<@U0ANA> is how Slack writes it', mentions: [] });
  });
});

describe('Teams markup at the edge', () => {
  test('<at>Name</at> reads as @Name; the entity gives the person (id and full name)', () => {
    const entities = [{ type: 'mention', text: '<at>Ana</at>', mentioned: { id: '29:ana', name: 'Ana López' } }, { type: 'clientInfo' }];
    const p = teamsPlainText('<at>Ana</at> could you look? <at>Sam</at> too', entities);
    expect(p.plainText).toBe('@Ana could you look? @Sam too');
    expect(p.mentions).toEqual([{ userId: '29:ana', name: 'Ana López', start: 0, end: 4 }, { userId: '', name: 'Sam', start: 21, end: 25 }]);
    expect(quote(p)).toBe('@Ana López could you look? @Sam too');
  });
});

describe('the sandbox at the edge', () => {
  test('@id mentions that person; an e-mail address and a final dot are not part of one', () => {
    const p = sandboxPlainText('ask @U0ANA or mail ana@example.com, or @bo.');
    expect(p.plainText).toBe('ask @U0ANA or mail ana@example.com, or @bo.');
    expect(p.mentions).toEqual([{ userId: 'U0ANA', name: 'U0ANA', start: 4, end: 10 }, { userId: 'bo', name: 'bo', start: 39, end: 42 }]);
    expect(quote(p)).toBe('ask @Ana or mail ana@example.com, or @bo.');
  });
});

describe('the core reads only the list', () => {
  test('the ids to look up are each listed once; ids that are empty are not looked up', () => {
    const a = slackPlainText('<@U0ANA> and <@U0BOB|bob>');
    const b = slackPlainText('again <@U0ANA>');
    expect(mentionedIds([a, b, { mentions: [{ userId: '', name: 'Sam', start: 0, end: 4 }] }])).toEqual(['U0ANA', 'U0BOB']);
  });

  test('markup the list does not name stays as written; a span that does not fit the text is ignored', () => {
    expect(quoteOf('<@U0ANA> <at>Ana</at>', [], names, 'someone')).toBe('<@U0ANA> <at>Ana</at>');
    expect(quoteOf('hi @x', [{ userId: 'U0ANA', name: '', start: 3, end: 99 }], names, 'someone')).toBe('hi @x');
  });
});
