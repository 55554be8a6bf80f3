/**
 * Anchors: tokens that survive translation unchanged or nearly so — numbers,
 * dates, times, URLs, Latin acronyms, glossary terms. The aligner uses them as
 * evidence that two sentences match; the QA checks use them to find what a
 * translation lost.
 *
 * Written by hand: no npm library normalises "27 February" and "2月27日",
 * "6th" and "第六次", "5:00 p.m." and "下午 5:00" to the same keys.
 */
import type { InlineMark } from './types.js';

/** Keys found in a text. `strong` keys are expected on the other side; `weak` ones only count when they match. */
export interface AnchorSet {
  strong: Set<string>;
  weak: Set<string>;
}

/** What anchor extraction needs to know about a text. */
export interface AnchorOptions {
  /** Language of the text (BCP 47). */
  lang: string;
  /** Language of the other side: English number words and month names count only where the translation writes them as numerals. */
  other?: string;
  /** Glossary anchors: English term → renderings in the target language. */
  terms?: ReadonlyMap<string, readonly string[]>;
  /** Inline marks of the text, for link targets (offsets relative to `base`). */
  inline?: readonly InlineMark[];
  /** Offset of the text in its file (for `inline`). */
  base?: number;
}

/** Languages that write dates and counts with digits or Han numerals ("2月27日", "三个"), so English words map onto them. */
const NUMERIC_LANGS = new Set(['zh', 'zh-Hant', 'ja']);

/** Whether `lang` writes English number words and month names as numerals. */
export function writesNumerals(lang: string): boolean {
  return NUMERIC_LANGS.has(lang);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENS_ORDINAL = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

/** English number words → value. "one" is left out: "one another", "one of", "no one" are rarely counts. */
const WORDS = new Map<string, number>();
UNITS.forEach((w, i) => i >= 2 && WORDS.set(w, i));
ORDINALS.forEach((w, i) => i >= 1 && WORDS.set(w, i));
TENS.forEach((w, i) => w && WORDS.set(w, i * 10));
TENS_ORDINAL.forEach((w, i) => w && WORDS.set(w, i * 10));

const HAN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const HAN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const HAN_NUMBER = /[零〇一二两兩三四五六七八九十百千万萬亿億]+/gu;

/** Value of a Han numeral such as 十三, 二十, 一百零五, 三万. */
export function hanValue(text: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of text) {
    if (c in HAN_DIGITS) digit = HAN_DIGITS[c]!;
    else if (c in HAN_UNITS) {
      section += (digit || 1) * HAN_UNITS[c]!;
      digit = 0;
    } else if (c in HAN_BIG) {
      total += (section + digit || 1) * HAN_BIG[c]!;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** URLs and e-mail addresses; a URL ends before full-width punctuation or Han ("见 https://x.org/a）。"). */
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()[\]\u3000-\u303f\uff00-\uffef\p{Script=Han}]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const TIME = /(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])(?:\s*([ap])\.?\s?m\b\.?)?/giu;
const ACRONYM = /(?<![A-Za-z0-9])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)s?(?![A-Za-z0-9])/gu;
/** A number not inside another one ("1,000", "3.5"); a comma after a word is punctuation ("，60 分钟" in NFKC). */
const NUMBER = /(?<!\d|\d[.,])\d+(?:,\d{3})*(?:\.\d+)?(?!\d)/gu;
const FOOTNOTE = /\[\^[^\]\s]+\]/gu;
/**
 * What every match of URL or FOOTNOTE contains (`://`, `www.`, `@`, `[^`): most sentences have
 * none, and this test is far cheaper than the Unicode-property expressions it spares them.
 */
const MAY_HAVE_URL = /:\/\/|www\.|@|\[\^/iu;

/** Normalise a URL or link target so `https://x.org/` and `http://x.org` compare equal. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    // GFM autolink literals run on through full-width punctuation and Han ("https://x.org/a）。").
    .replace(/[\u3000-\u303f\uff00-\uffef\p{Script=Han}].*$/u, '')
    .replace(/^mailto:/iu, '')
    .replace(/^https?:\/\//iu, '')
    .replace(/[.,;:!?]+$/u, '')
    .replace(/\/$/u, '')
    .toLowerCase();
}

/** URLs and e-mail addresses written in a text, plus the targets of its links. */
export function urlsOf(text: string, inline: readonly InlineMark[] = []): Set<string> {
  const found = new Set<string>();
  if (MAY_HAVE_URL.test(text)) for (const m of text.matchAll(URL)) found.add(normaliseUrl(m[0]));
  for (const mark of inline) if (mark.url !== undefined && !mark.url.startsWith('#')) found.add(normaliseUrl(mark.url));
  return found;
}

/** Latin acronyms (two or more capitals, plural `s` dropped): "NRIs" → "NRI", "WSIS+20" → "WSIS". */
export function acronymsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of stripUrls(text).matchAll(ACRONYM)) found.add(m[1]!);
  return found;
}

/** Text with URLs, e-mail addresses and footnote marks blanked, so their digits and capitals are not read as content. */
export function stripUrls(text: string): string {
  if (!MAY_HAVE_URL.test(text)) return text;
  return text.replace(URL, (s) => ' '.repeat(s.length)).replace(FOOTNOTE, (s) => ' '.repeat(s.length));
}

/**
 * A translator's note ("译者注：…", "（译注：…）", "Translator's note: …",
 * "N.d.T. : …", "Примечание переводчика"): content the translation adds on
 * purpose, which the aligner keeps as a 0–1 link.
 */
const NOTE = /^[\s(（[【〔>*_]*(?:译者注|譯者注|译注|譯注|translator['’]s note|note du traducteur|n\.\s?d\.\s?t\.|nota del traductor|n\.\s?del\s?t\.|примечание переводчика|прим\.\s?пер\.|ملاحظة المترجم)/iu;

/** Whether a segment or block is a translator's note. */
export function isTranslatorNote(text: string): boolean {
  return NOTE.test(text);
}

/** Han characters (CJK ideographs). */
export const HAN = /\p{Script=Han}/u;

/** Numbers of a text as keys: digits, times (`t:17:00`), and — per language — number words, months, Han numerals. */
export function numbersOf(text: string, options: AnchorOptions): AnchorSet {
  const strong = new Set<string>();
  const weak = new Set<string>();
  let rest = stripUrls(text).normalize('NFKC');
  rest = rest.replace(TIME, (whole, h: string, mm: string, ap: string | undefined, offset: number, all: string) => {
    let hour = Number(h);
    const before = all.slice(Math.max(0, offset - 3), offset);
    const pm = ap?.toLowerCase() === 'p' || /(?:下午|晚上|傍晚)\s*$/u.test(before);
    if (pm && hour < 12) hour += 12;
    if (ap?.toLowerCase() === 'a' && hour === 12) hour = 0;
    strong.add(`t:${hour}:${mm}`);
    return ' '.repeat(whole.length);
  });
  for (const m of rest.matchAll(NUMBER)) strong.add(`n:${Number(m[0].replace(/,/gu, ''))}`);
  if (options.lang === 'en' && options.other !== undefined && writesNumerals(options.other)) {
    const lower = rest.toLowerCase();
    for (const m of lower.matchAll(/[a-z]+(?:-[a-z]+)?/gu)) {
      if (m[0] === 'first' && adverbialFirst(lower, m.index ?? 0)) continue;
      const value = wordValue(m[0]);
      if (value !== undefined) weak.add(`n:${value}`);
      const month = MONTHS.indexOf(m[0]);
      if (month >= 0 && !(m[0] === 'may' && !/\d/u.test(rest.slice(Math.max(0, (m.index ?? 0) - 4), (m.index ?? 0) + 8)))) weak.add(`n:${month + 1}`);
    }
  }
  if (writesNumerals(options.lang)) {
    for (const m of rest.matchAll(HAN_NUMBER)) weak.add(`n:${hanValue(m[0])}`);
    if (HAN_FIRST.test(rest)) weak.add('n:1');
  }
  return { strong, weak };
}

/** 首 as "first" (首次, 首届, 首批…), which Chinese writes instead of 第一. */
const HAN_FIRST = /首[次届个位批轮场期]/u;

/** "First" that counts nothing: "First, …", "at first", "first of all", "first and foremost" (Chinese 首先, 起初). */
function adverbialFirst(text: string, index: number): boolean {
  const after = text.slice(index + 5, index + 20);
  return /^(?:\s*,|\s+of\s+all\b|\s+and\s+foremost\b)/u.test(after) || /\bat\s+$/u.test(text.slice(Math.max(0, index - 4), index));
}

/** Value of an English number word ("four", "sixth", "twenty-five"), or undefined. */
function wordValue(word: string): number | undefined {
  const direct = WORDS.get(word);
  if (direct !== undefined) return direct;
  const [tens, unit] = word.split('-');
  if (tens === undefined || unit === undefined) return undefined;
  const t = WORDS.get(tens);
  const u = WORDS.get(unit);
  return t !== undefined && u !== undefined && t % 10 === 0 && t >= 20 && u < 10 ? t + u : undefined;
}

/** Glossary keys of a text: English terms found in an English text, or terms whose rendering is found in a translation. */
export function termsOf(text: string, options: AnchorOptions): Set<string> {
  const found = new Set<string>();
  if (!options.terms) return found;
  const lower = text.toLowerCase();
  for (const [term, renderings] of options.terms) {
    if (options.lang === 'en') {
      if (new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u').test(lower)) found.add(`g:${term}`);
    } else if (renderings.some((r) => r !== '' && lower.includes(r.toLowerCase()))) found.add(`g:${term}`);
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Languages that copy Latin acronyms verbatim ("IGF", "NRIs"); French writes FGI, Russian ФУИ, Spanish FGI. */
const VERBATIM_ACRONYMS = new Set(['en', 'zh', 'zh-Hant', 'ja']);

/** Whether a translation into `lang` is expected to keep the English acronyms as written. */
export function keepsAcronyms(lang: string): boolean {
  return VERBATIM_ACRONYMS.has(lang);
}

/** Every anchor of a text, as alignment evidence. */
export function anchorsOf(text: string, options: AnchorOptions): AnchorSet {
  const { strong, weak } = numbersOf(text, options);
  for (const url of urlsOf(text, options.inline)) strong.add(`u:${url}`);
  // An acronym the other language renders in its own letters is evidence only where both sides have it.
  const acronyms = keepsAcronyms(options.lang) && (options.other === undefined || keepsAcronyms(options.other)) ? strong : weak;
  for (const acronym of acronymsOf(text)) acronyms.add(`a:${acronym}`);
  for (const term of termsOf(text, options)) weak.add(term);
  return { strong, weak };
}

/** Union of anchor sets. */
export function mergeAnchors(sets: readonly AnchorSet[]): AnchorSet {
  if (sets.length === 1) return sets[0]!;
  const strong = new Set<string>();
  const weak = new Set<string>();
  for (const set of sets) {
    for (const key of set.strong) strong.add(key);
    for (const key of set.weak) weak.add(key);
  }
  return { strong, weak };
}

const has = (set: AnchorSet, key: string): boolean => set.strong.has(key) || set.weak.has(key);

/** Anchors of `a` and `b` that match, and strong anchors of either side the other lacks. */
export function compareAnchors(a: AnchorSet, b: AnchorSet): { hits: number; misses: number } {
  let hits = 0;
  let misses = 0;
  for (const key of a.strong) if (has(b, key)) hits++;
  else misses++;
  for (const key of a.weak) if (!a.strong.has(key) && has(b, key)) hits++;
  for (const key of b.strong) if (!has(a, key)) misses++;
  return { hits, misses };
}
