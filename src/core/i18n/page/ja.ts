/** The web page's own words, 日本語: see ./en.ts. */
import type { PageKey } from './en';

export const pageJa: Partial<Record<PageKey, string>> = {
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
