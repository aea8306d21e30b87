import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { deu, eng, fra, jpn, nld, spa } from 'stopword';

/**
 * The words of a share that say what it is about, per programme language: Intl.Segmenter finds the
 * words (Japanese has no spaces), `stopword` drops the little ones, a Snowball stemmer folds
 * "checklists" and "checklist" (German "Checklisten" and "Checkliste") into one term.
 */
interface Language {
  stopwords: ReadonlySet<string>;
  stemmer: Stemmer | null;
}

/**
 * Words every share of a WOL week uses whatever it is about ("help", "share", "week"): they say
 * nothing of the work, so two offers to "help" are no overlap. Stemmed on use.
 */
const WOL_WORDS: Record<string, string[]> = {
  en: ['help', 'helping', 'happy', 'could', 'would', 'anyone', 'someone', 'share', 'sharing', 'working', 'work', 'week', 'today', 'new', 'looking', 'thing', 'things', 'year', 'first', 'also', 'like', 'really', 'just', 'day'],
  de: ['helfe', 'helfen', 'gerne', 'gern', 'kann', 'könnte', 'jemand', 'teilen', 'arbeite', 'arbeiten', 'woche', 'heute', 'neu', 'neue', 'neuen', 'suche', 'gerade', 'jahr', 'letztes', 'erste', 'tag', 'mal'],
  ja: ['こと', 'もの', 'ため', 'よう', 'さん', 'これ', 'それ', '今日', '今週'],
};

const STOPWORDS: Record<string, string[]> = { en: eng, de: deu, ja: jpn, fr: fra, es: spa, nl: nld };
const STEMMERS: Record<string, string> = { en: 'english', de: 'german', fr: 'french', es: 'spanish', nl: 'dutch' };

const languages = new Map<string, Language>();

function languageOf(lang: string): Language {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  let l = languages.get(base);
  if (!l) {
    const stemmer = STEMMERS[base] ? newStemmer(STEMMERS[base]) : null;
    const stem = (w: string) => (stemmer ? stemmer.stem(w) : w);
    const words = [...(STOPWORDS[base] ?? []), ...(WOL_WORDS[base] ?? [])].map((w) => w.toLowerCase());
    l = { stemmer, stopwords: new Set([...words, ...words.map(stem)]) };
    languages.set(base, l);
  }
  return l;
}

export interface Term {
  /** The stemmed form: what overlaps are matched on. */
  term: string;
  /** The word as first written (for the suggested question). */
  word: string;
}

/** The meaningful terms of a text, in order (repeats kept: BM25 counts them). */
export function termsOf(text: string, lang: string): Term[] {
  const l = languageOf(lang);
  const out: Term[] = [];
  // Links (bare, or in a platform's <…> markup) name no topic of their own.
  const words = text.replace(/<[^<>\s]*>/g, ' ').replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ');
  for (const s of new Intl.Segmenter(lang, { granularity: 'word' }).segment(words)) {
    if (!s.isWordLike) continue;
    const word = s.segment.toLowerCase();
    // Links and ids are no topic; one letter (or one kana) says nothing.
    if (word.length < 2 || /^\d+$/.test(word) || l.stopwords.has(word)) continue;
    const term = l.stemmer ? l.stemmer.stem(word) : word;
    if (!l.stopwords.has(term)) out.push({ term, word: s.segment });
  }
  return out;
}
