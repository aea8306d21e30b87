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

  // The web page for a signed-in member (issue 23)
  'page.signin.title': 'サインインして自分のプログラムを見る',
  'page.signin.intro': 'ギャラリーには、プログラムで共有された内容が集まっています。チャットで使っているアカウントでサインインすると、自分のプログラムが表示されます。',
  'page.signin.with': '{provider}でサインイン',
  'page.signin.failed': 'サインインできませんでした。もう一度お試しください。',
  'page.signedInAs': '{name}としてサインイン中',
  'page.signout': 'サインアウト',
  'page.yourShares': 'あなたの共有',
  'page.yourShares.none': 'このプログラムではまだ何も共有していません。',
  'page.forget': '私のデータを削除',
  'page.forget.confirm': 'ここで共有した内容、リアクション、名前を wolbot からすべて削除しますか？元に戻すことはできません。',
};
