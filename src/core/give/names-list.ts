/** "Ana, Ben and Cy" / "Ana, Ben und Cy": a list of names in the catalogue's language. */
export function listOf(lang: string, items: string[]): string {
  return new Intl.ListFormat(lang === 'en' ? 'en-GB' : lang, { style: 'long', type: 'conjunction' }).format(items);
}
