/**
 * The surface forms of a termbase, compiled into one matcher for English and
 * one per target language: plural and singular forms for space-separated
 * scripts, spacing variants at CJK/Latin boundaries for Chinese (`第0天`,
 * `第 0 天`), kept acronyms in translations.
 */
import { scriptOf } from '../languages.js';
import { Matcher, type Match, type Pattern } from './matcher.js';
import type { Forbidden } from './schema.js';
import type { Entry, Termbase } from './termbase.js';

/** What a matched form is for its entry. */
export type FormKind = 'term' | 'expansion' | 'variant' | 'approved' | 'forbidden' | 'acronym';

/** The data a match carries back. */
export interface Form {
  entry: Entry;
  kind: FormKind;
  /** The form as written in the termbase (before inflection or spacing variants). */
  canonical: string;
  /** For approved forms: 0 is the preferred rendering. */
  rank: number;
  forbidden?: Forbidden;
}

export type Hit = Match<Form>;

/** Singular and plural of the last word of a Latin-script form ("NRIs" ↔ "NRI", "talk" ↔ "talks"). */
export function inflections(form: string): string[] {
  const out = new Set([form]);
  const word = /([\p{L}\p{N}]+)$/u.exec(form)?.[1];
  if (!word || !/\p{L}$/u.test(word)) return [...out];
  const stem = form.slice(0, form.length - word.length);
  const acronym = !/\p{Ll}/u.test(word.slice(0, -1)) && word.length > 1;
  if (acronym) {
    if (word.endsWith('s') && word.length > 2) out.add(stem + word.slice(0, -1));
    else if (!word.endsWith('s')) out.add(`${stem}${word}s`);
    return [...out];
  }
  if (/[^aeiou]y$/i.test(word)) out.add(`${stem}${word.slice(0, -1)}ies`);
  else if (/(s|x|z|ch|sh)$/i.test(word)) out.add(`${stem}${word}es`);
  else out.add(`${stem}${word}s`);
  if (/[^s]s$/i.test(word) && word.length > 3) out.add(stem + word.slice(0, -1));
  return [...out];
}

/** Words that end the head noun phrase of a French or Spanish name ("Coalition dynamique" | "de …"). */
const ROMANCE_BREAK = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'sur', 'pour', 'au', 'aux', 'et', 'y', 'del', 'el', 'los', 'las', 'para', 'sobre', 'en', 'por', 'contra']);

/** French and Spanish plural of a name: nouns and adjectives agree, so every word before the first preposition takes the plural. */
export function romancePlural(form: string, lang: string): string | undefined {
  const words = form.split(' ');
  const end = words.findIndex((w) => ROMANCE_BREAK.has(w.toLowerCase()) || /^[ld]['’]/i.test(w));
  const head = end === -1 ? words.length : end;
  if (head === 0) return undefined;
  const plural = words.map((word, i) => {
    if (i >= head || /[sxz]$/i.test(word) || !/\p{L}$/u.test(word)) return word;
    if (lang === 'fr' && /al$/.test(word)) return `${word.slice(0, -2)}aux`;
    if (lang === 'es' && /ión$/.test(word)) return `${word.slice(0, -3)}iones`;
    if (lang === 'es' && !/[aeiouáéó]$/i.test(word)) return `${word}es`;
    return `${word}s`;
  });
  const out = plural.join(' ');
  return out === form ? undefined : out;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Spacing variants stop here: a form with more CJK/Latin boundaries than this is matched compact and fully spaced only. */
const MAX_BOUNDARIES = 4;

/** A Chinese form with and without spaces where CJK meets Latin letters or digits, as translators write both. */
export function spacings(form: string): string[] {
  const compact = form.replace(/ +/g, (space: string, offset: number) =>
    isBoundary(form[offset - 1] ?? '', form[offset + space.length] ?? '') ? '' : space,
  );
  const chars = [...compact];
  const parts = [''];
  chars.forEach((c, i) => {
    if (i > 0 && isBoundary(chars[i - 1]!, c)) parts.push('');
    parts[parts.length - 1] += c;
  });
  const gaps = parts.length - 1;
  if (gaps === 0) return [compact];
  if (gaps > MAX_BOUNDARIES) return [parts.join(''), parts.join(' ')];
  const out: string[] = [];
  for (let mask = 0; mask < 1 << gaps; mask++) {
    out.push(parts.reduce((acc, part, i) => (i === 0 ? part : acc + ((mask >> (i - 1)) & 1 ? ' ' : '') + part), ''));
  }
  return out;
}

/** Whether a text has a space where CJK meets a letter or digit of another script. */
export function hasBoundarySpace(text: string): boolean {
  return [...text].some((c, i, chars) => c === ' ' && isBoundary(chars[i - 1] ?? '', chars[i + 1] ?? ''));
}

/** Where CJK meets a letter or digit of another script. */
function isBoundary(a: string, b: string): boolean {
  const word = /[\p{L}\p{N}]/u;
  return (CJK.test(a) && word.test(b) && !CJK.test(b)) || (CJK.test(b) && word.test(a) && !CJK.test(a));
}

/** Whether a form is written without lower-case letters (an acronym such as MAG, WSIS+20, UN DESA). */
const isAcronymLike = (form: string): boolean => !/\p{Ll}/u.test(form.replace(/s$/, ''));

/** Compiled matchers of a termbase, built once and reused for every document. */
export class TermIndex {
  readonly english: Matcher<Form>;
  private readonly targets = new Map<string, Matcher<Form>>();

  constructor(readonly termbase: Termbase) {
    this.english = new Matcher(termbase.entries.flatMap(englishPatterns));
  }

  /** The matcher of a target language (approved, forbidden and kept-acronym forms). */
  target(lang: string): Matcher<Form> {
    let matcher = this.targets.get(lang);
    if (!matcher) {
      matcher = new Matcher(this.termbase.entries.flatMap((entry) => targetPatterns(entry, lang)));
      this.targets.set(lang, matcher);
    }
    return matcher;
  }
}

function englishPatterns(entry: Entry): Pattern<Form>[] {
  const patterns: Pattern<Form>[] = [];
  const add = (canonical: string, kind: FormKind, caseSensitive: boolean): void => {
    for (const text of inflections(canonical)) patterns.push({ text, caseSensitive, data: { entry, kind, canonical, rank: 0 } });
  };
  add(entry.term, 'term', entry.case_sensitive);
  if (entry.expansion !== undefined) add(entry.expansion, 'expansion', false);
  for (const variant of entry.variants ?? []) add(variant, 'variant', entry.case_sensitive && isAcronymLike(variant));
  return patterns;
}

function targetPatterns(entry: Entry, lang: string): Pattern<Form>[] {
  const rendering = entry.langs[lang as keyof Entry['langs']];
  const script = scriptOf(lang);
  const expand = (form: string): string[] => {
    if (script === 'cjk') return spacings(form);
    const plural = lang === 'fr' || lang === 'es' ? romancePlural(form, lang) : undefined;
    return plural === undefined ? inflections(form) : [...new Set([...inflections(form), plural])];
  };
  const patterns: Pattern<Form>[] = [];
  const add = (canonical: string, data: Omit<Form, 'entry' | 'canonical'>, caseSensitive: boolean): void => {
    for (const text of expand(canonical)) patterns.push({ text, caseSensitive, data: { entry, canonical, ...data } });
  };
  if (rendering) {
    rendering.approved.forEach((form, rank) => add(form, { kind: 'approved', rank }, isAcronymLike(form)));
    for (const forbidden of rendering.forbidden ?? []) add(forbidden.form, { kind: 'forbidden', rank: 0, forbidden }, isAcronymLike(forbidden.form));
  }
  // The English acronym kept as is (MAG, NRIs) is a valid rendering in every language.
  if (entry.expansion !== undefined) {
    for (const acronym of [entry.term, ...(entry.variants ?? []).filter(isAcronymLike)]) {
      for (const text of inflections(acronym)) patterns.push({ text, caseSensitive: entry.case_sensitive, data: { entry, kind: 'acronym', canonical: acronym, rank: 0 } });
    }
  }
  return patterns;
}

/** The hits of every segment of a document, offsets into the file, indexed like `doc.segments`. */
export function segmentHits(segments: readonly { start: number; text: string }[], matcher: Matcher<Form>): Hit[][] {
  return segments.map((segment) =>
    matcher.findAll(segment.text).map((hit) => ({ ...hit, start: hit.start + segment.start, end: hit.end + segment.start })),
  );
}

/** Whether a hit is a valid rendering of its entry in a translation (approved or the kept acronym). */
export const isValidRendering = (hit: Hit): boolean => hit.pattern.data.kind === 'approved' || hit.pattern.data.kind === 'acronym';

/** The forms a translator is expected to write for `entry` in `lang`, preferred first. */
export function expectedForms(entry: Entry, lang: string): string[] {
  const approved = entry.langs[lang as keyof Entry['langs']]?.approved ?? [];
  return entry.expansion === undefined ? [...approved] : [...approved, entry.term];
}
