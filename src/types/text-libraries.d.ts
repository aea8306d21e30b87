// The two text libraries the overlap finder uses ship no types of their own: only what we call.

declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}

declare module 'stopword' {
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
  export const eng: string[];
  export const deu: string[];
  export const jpn: string[];
  export const fra: string[];
  export const spa: string[];
  export const nld: string[];
}
