/** 日本語: the prompt frame and the digest; everything else falls back to English. */
import type { Messages } from './catalogue';

export const ja: Messages = {
  'frame.heading.daily': '{n}日目 · {theme}',
  'frame.heading.weekly': '第{n}週 · {theme}',
  'frame.challenge.daily': '今日のチャレンジ',
  'frame.challenge.weekly': '今週のチャレンジ',
  'frame.invite': 'このスレッドに、いま取り組んでいることを返信してください。下書きでも、質問でも、作りかけのものでもかまいません。',
  'frame.invite.private': '考えたことはサークルのミーティングに持っていきましょう。このスレッドはリマインダーです。',
  'frame.footer': 'ここへの返信はプログラムのギャラリーに集められ、参加者全員が見られます。',
  'frame.footer.private': 'wolbot はこのスレッドの返信を収集・保存・エクスポートしません。',
  'frame.link': '詳しくはこちら',
  'digest.title.daily': '{heading}：ありがとう',
  'digest.title.weekly': '{heading}：ありがとう',
  'digest.thanks.daily': '{names}、今日は仕事をオープンにしてくれてありがとうございます。',
  'digest.thanks.weekly': '{names}、今週は仕事をオープンにしてくれてありがとうございます。',
  'digest.reactions': 'リアクション{n}件',
  'digest.replies': '返信{n}件',
  'digest.responses': '話題になった投稿',
  'digest.response': '{name}：{detail}',
  'digest.asks': '手伝えますか？',
  'digest.ask': '{name}さんの質問に、まだ誰も答えていません。役に立ちそうなことを知っていたら、スレッドで返信してください。',
  'digest.quiet.daily': '今日はここが静かですが、それで大丈夫です。小さな作りかけのものがあれば、このスレッドがちょうどいい場所です。',
  'digest.quiet.weekly': '今週はここが静かですが、それで大丈夫です。小さな作りかけのものがあれば、このスレッドがちょうどいい場所です。',
  // weeks and earlier digests (issue 24)
  'parse.digest': '`digest` に付けられる数字は一つです：`digest`（最新）または `digest N`',
  'cmd.post.notWeekly': 'このプログラムは週ではなく日で数えます。`{p}post N` で日を指定してください。',
  'cmd.post.noWeek': 'このプログラムに第{week}週はありません（あるのは第{weeks}週）。何も投稿していません。',
  'cmd.post.startingWeek': '第{week}週（{theme}）を{where}に{again, select, yes {もう一度} other {}}投稿しています…',
  'cmd.digest.notPosted': '{weekly, select, yes {第{n}週} other {{n}日目}}はこのチャンネルにまだ投稿されていないので、まとめはありません。',
  // preview samples (issue 24)
  'preview.sample.draft': 'オンボーディングガイドの最初の下書きです。入社1週目の人にとって、足りないものは何でしょう？',
  'preview.sample.ask': '3つのタイムゾーンにまたがるチームで振り返りをする良い方法を知っている人はいますか？',
  'preview.sample.idea': '今日は週次の報告を短い動画にしてみました。10分で済みました。',
};
