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
  'digest.title.daily': '{heading} — 今日のまとめ',
  'digest.title.weekly': '{heading} — 今週のまとめ',
  'digest.reactions': 'リアクション{n}件',
};
