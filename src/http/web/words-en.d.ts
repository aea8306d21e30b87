// The page's English words (key → ICU pattern), served as /assets/words-en.js: src/http/page.ts
// builds that module from the catalogue when the server starts.
export declare const english: Record<string, string>;
