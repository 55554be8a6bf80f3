/**
 * Disclaimer stage: every translated output ends with the working group's
 * disclaimer in the language of the translation, followed by the English one,
 * as the working group publishes them. A disclaimer a translator pasted into
 * the Markdown is found by text similarity to any locale's disclaimer (it may
 * be a variant, or another language's), reported by `bitext check`, and left
 * out of the output so the page never shows it twice. The translator's file
 * is never touched: this works on the Markdown generated for output.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import gfm from './gfm.js';
import { treeWithoutLast } from './cut-tail.js';
import remarkStringify from 'remark-stringify';
import { toString } from 'mdast-util-to-string';
import type { Root, RootContent } from 'mdast';
import { applyEdits } from './edits.js';
import { defaultLocales, loadLocales, translator, type Locales } from './locales.js';
import { SOURCE_LANG } from './languages.js';
import { parse } from './parse.js';
import { segment } from './segment.js';
import { report } from './rules.js';
import type { Check } from './checks.js';
import type { Doc, Range } from './types.js';

/** One language's disclaimer: its heading and its text. */
export interface Disclaimer {
  lang: string;
  heading: string;
  text: string;
}

/** A top-level node of a document that repeats a disclaimer (or its heading, just before one). */
export interface Pasted {
  start: number;
  end: number;
  position: Range | undefined;
  /** Locale whose disclaimer it is most like. */
  lang: string;
  /** Bigram similarity in [0, 1]; 1 for a heading. */
  similarity: number;
  /** The disclaimer text itself, or the heading that introduces it. */
  role: 'text' | 'heading';
}

/**
 * Dice similarity of character bigrams from which a paragraph counts as the disclaimer. Pasted
 * disclaimers in the working group's files score 0.95 to 1. Ordinary paragraphs of about the same
 * length in a Latin-script language share many bigrams with any text in it: over 4,300 documents
 * (content/ and two generated archives) French ones reached 0.65 against the French disclaimer and
 * English ones 0.58, Chinese ones 0.12. At 0.6 such French paragraphs were taken for disclaimers
 * and left out of the site.
 */
export const SIMILARITY = 0.8;

const parser = unified().use(remarkParse).use(gfm);
const stringifier = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fences: true });

/** The disclaimers an output in `lang` ends with: its own language's, then the English; none for the English source. */
export function disclaimersFor(lang: string, locales: Locales = defaultLocales()): Disclaimer[] {
  // Asked for on every page of a build: the strings depend on the locales and the language alone.
  let byLang = disclaimersByLocales.get(locales);
  if (!byLang) disclaimersByLocales.set(locales, (byLang = new Map()));
  let found = byLang.get(lang);
  if (!found) byLang.set(lang, (found = lookUpDisclaimers(lang, locales)));
  return found.map((disclaimer) => ({ ...disclaimer }));
}

const disclaimersByLocales = new WeakMap<Locales, Map<string, readonly Disclaimer[]>>();

function lookUpDisclaimers(lang: string, locales: Locales): Disclaimer[] {
  if (lang === SOURCE_LANG) return [];
  const of = (lng: string): Disclaimer => {
    const t = translator(locales, lng);
    return { lang: lng, heading: t('disclaimer:heading'), text: t('disclaimer:text') };
  };
  // A language without its own disclaimer falls back to English in i18next; say it once, not twice.
  const own = of(lang);
  const english = of(SOURCE_LANG);
  return own.text === english.text ? [english] : [own, english];
}

/** The disclaimers as mdast: a level-2 heading and a paragraph per language. */
export function disclaimerNodes(lang: string, locales: Locales = defaultLocales()): RootContent[] {
  return disclaimersFor(lang, locales).flatMap((d): RootContent[] => [
    { type: 'heading', depth: 2, children: [{ type: 'text', value: d.heading }] },
    { type: 'paragraph', children: [{ type: 'text', value: d.text }] },
  ]);
}

/** Letters and digits only, case- and width-folded: what survives retyping, reflowing and re-punctuating. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Dice coefficient of the character bigrams of two normalised strings. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  // A bigram as one number (two UTF-16 code units): no substring is allocated for each of them.
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const bigram = a.charCodeAt(i) * 0x10000 + a.charCodeAt(i + 1);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const bigram = b.charCodeAt(i) * 0x10000 + b.charCodeAt(i + 1);
    const n = counts.get(bigram) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(bigram, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/**
 * The character bigrams of a reference text in an open-addressing table (a bigram as one number:
 * two UTF-16 code units), for comparing many paragraphs with it: each paragraph is walked once,
 * no map of its own is built, and it is dropped as soon as the bigrams left cannot lift its Dice
 * coefficient to the threshold. The shared count is `similarity`'s, so the scores are the same.
 */
class ReferenceBigrams {
  private readonly keys: Uint32Array;
  private readonly counts: Int32Array;
  /** Bigrams of the current paragraph matched so far, valid where `stamps` holds its stamp. */
  private readonly used: Int32Array;
  private readonly stamps: Int32Array;
  private readonly shift: number;
  private stamp = 0;

  constructor(readonly text: string) {
    const bits = Math.max(4, Math.ceil(Math.log2(2 * text.length + 1)));
    this.shift = 32 - bits;
    this.keys = new Uint32Array(1 << bits).fill(EMPTY);
    this.counts = new Int32Array(1 << bits);
    this.used = new Int32Array(1 << bits);
    this.stamps = new Int32Array(1 << bits);
    for (let i = 0; i < text.length - 1; i++) this.counts[this.slot(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1))]! += 1;
  }

  /** The slot of `bigram`: where it is, or the empty one where it goes. */
  private slot(bigram: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(bigram, 0x9e3779b1) >>> this.shift;
    while (this.keys[slot] !== bigram && this.keys[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.keys[slot] = bigram;
    return slot;
  }

  /** `similarity(text, this.text)`, or undefined when it is below `threshold` (> 0). */
  similarity(text: string, threshold: number): number | undefined {
    if (text === this.text) return 1;
    if (text.length < 2 || this.text.length < 2) return 0;
    const total = text.length - 1 + (this.text.length - 1);
    const stamp = ++this.stamp;
    const mask = this.keys.length - 1;
    let shared = 0;
    for (let i = 0; i < text.length - 1; i++) {
      const bigram = text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
      let slot = Math.imul(bigram, 0x9e3779b1) >>> this.shift;
      while (this.keys[slot] !== bigram && this.keys[slot] !== EMPTY) slot = (slot + 1) & mask;
      if (this.keys[slot] === bigram) {
        if (this.stamps[slot] !== stamp) {
          this.stamps[slot] = stamp;
          this.used[slot] = 0;
        }
        if (this.used[slot]! < this.counts[slot]!) {
          this.used[slot]! += 1;
          shared++;
          continue;
        }
      }
      // A miss: even if every bigram left matched, would the score reach the threshold?
      if ((2 * (shared + text.length - 2 - i)) / total < threshold) return undefined;
    }
    return (2 * shared) / total;
  }
}

/** An empty slot: U+FFFF twice, which `normalise` never leaves (it is not a letter). */
const EMPTY = 0xffffffff;

/** One locale's disclaimer, normalised, with the bigrams of its text. */
interface Reference {
  lang: string;
  heading: string;
  text: string;
  bigrams: ReferenceBigrams;
}

/** Normalised disclaimers by locales object: findPasted runs for every document of a build. */
const referencesByLocales = new WeakMap<Locales, Reference[]>();

/** Every locale's disclaimer, normalised, for comparison. */
function references(locales: Locales): Reference[] {
  let refs = referencesByLocales.get(locales);
  if (!refs) referencesByLocales.set(locales, (refs = computeReferences(locales)));
  return refs;
}

function computeReferences(locales: Locales): Reference[] {
  return Object.keys(locales.resources)
    .sort()
    .map((lng) => {
      const t = translator(locales, lng);
      const text = normalise(t('disclaimer:text'));
      return { lang: lng, heading: normalise(t('disclaimer:heading')), text, bigrams: new ReferenceBigrams(text) };
    });
}

/** Top-level paragraphs, headings and block quotes of `tree` that repeat a disclaimer, with the heading just before each. */
export function findPasted(tree: Root, locales: Locales = defaultLocales()): Pasted[] {
  let byLocales = pastedByTree.get(tree);
  if (!byLocales) pastedByTree.set(tree, (byLocales = new WeakMap()));
  let found = byLocales.get(locales);
  if (!found) byLocales.set(locales, (found = computePasted(tree, locales)));
  return [...found];
}

/**
 * findPasted's results by tree and locales: a build asks about the same parsed document in the
 * check, the editions and the published Markdown, and a parsed tree is never changed afterwards.
 */
const pastedByTree = new WeakMap<Root, WeakMap<Locales, readonly Pasted[]>>();

function computePasted(tree: Root, locales: Locales): Pasted[] {
  const refs = references(locales);
  const found: Pasted[] = [];
  const nodes = tree.children;
  nodes.forEach((node, index) => {
    if (!(node.type === 'paragraph' || node.type === 'blockquote' || node.type === 'heading')) return;
    const text = normalise(toString(node));
    let best = { lang: '', similarity: 0 };
    for (const ref of refs) {
      // A score below SIMILARITY or below the best so far changes nothing, so such a reference is dropped early:
      // Dice can reach at most 2·min/(sum) of the lengths, which rules out most paragraphs before any bigram is looked at.
      const threshold = Math.max(SIMILARITY, best.similarity);
      if ((2 * Math.min(text.length, ref.text.length)) / (text.length + ref.text.length) < threshold) continue;
      const score = ref.bigrams.similarity(text, threshold);
      if (score !== undefined && score > best.similarity) best = { lang: ref.lang, similarity: score };
    }
    if (best.similarity < SIMILARITY) return;
    const previous = nodes[index - 1];
    const previousText = previous && (previous.type === 'heading' || previous.type === 'paragraph') ? normalise(toString(previous)) : undefined;
    const heading = previousText === undefined ? undefined : refs.find((ref) => ref.heading === previousText);
    if (previous && heading) found.push(pastedOf(previous, heading.lang, 1, 'heading'));
    found.push(pastedOf(node, best.lang, best.similarity, 'text'));
  });
  return found;
}

function pastedOf(node: RootContent, lang: string, score: number, role: Pasted['role']): Pasted {
  const position = node.position;
  const range = position && position.start.offset !== undefined && position.end.offset !== undefined
    ? { start: { ...position.start, offset: position.start.offset }, end: { ...position.end, offset: position.end.offset } }
    : undefined;
  return { start: range?.start.offset ?? 0, end: range?.end.offset ?? 0, position: range, lang, similarity: score, role };
}

/** Markdown without the disclaimers pasted into it (nothing else changes). */
export function stripPasted(markdown: string, locales: Locales = defaultLocales()): string {
  return withoutRanges(markdown, findPasted(parser.parse(markdown), locales), 0);
}

/** `markdown` without the pasted blocks, whose offsets are `shift` past the start of `markdown`. */
function withoutRanges(markdown: string, pasted: readonly Pasted[], shift: number): string {
  const edits = pasted.filter((p) => p.position).map((p) => ({ start: p.start - shift, end: p.end - shift, text: '' }));
  return applyEdits(markdown, edits).output;
}

/**
 * The Markdown body of an output in `lang`, ending with its disclaimers.
 * Idempotent: a disclaimer already there is taken out before they are added.
 */
export function addDisclaimer(markdown: string, lang: string, locales: Locales = defaultLocales()): string {
  return appendDisclaimers(stripPasted(markdown, locales), lang, locales);
}

/**
 * `addDisclaimer(doc.value.slice(bodyStart), doc.lang)`, taking the pasted disclaimers from
 * `doc.tree` instead of parsing the body again. The tree holds the same blocks when the body
 * starts the file or a line: parse blanked what comes before into blank lines (a BOM without
 * front matter becomes a space on the first line instead, so that case is parsed again).
 */
export function addDisclaimerToBody(doc: Doc, bodyStart: number, locales: Locales = defaultLocales()): string {
  const body = doc.value.slice(bodyStart);
  const before = doc.value.charCodeAt(bodyStart - 1);
  const sameBlocks = doc.tree !== undefined && bodyStart === doc.bodyStart && (bodyStart === 0 || before === 10 || before === 13);
  if (!sameBlocks || !doc.tree) return addDisclaimer(body, doc.lang, locales);
  return appendDisclaimers(withoutRanges(body, findPasted(doc.tree, locales), bodyStart), doc.lang, locales);
}

/** The stripped body with the disclaimers of `lang` after it. */
function appendDisclaimers(stripped: string, lang: string, locales: Locales): string {
  const body = stripped.trimEnd();
  const { count, tail, safeTail } = tailOf(lang, locales);
  if (count === 0) return body === '' ? '' : `${body}\n`;
  const joined = body === '' ? tail : `${body}\n\n${tail}`;
  // Parsing the result to see the disclaimers come last is only needed when the body can leave a block open.
  if (safeTail && !MAY_STAY_OPEN.test(body)) return joined;
  if (endsWithDisclaimers(joined, count, locales)) return joined;
  const nodes = disclaimerNodes(lang, locales);
  // The body leaves a block open (an unclosed code fence, HTML comment or <script>) that would swallow
  // the disclaimer: serialise the body with remark-stringify, which closes every block, and add them after.
  // Raw HTML is never published, and an unclosed comment or <script> block cannot be closed in Markdown: it is left out.
  const children = parser.parse(body).children.filter((node) => node.type !== 'html');
  return stringifier.stringify({ type: 'root', children: [...children, ...nodes] });
}

/**
 * Markdown that can keep a block open past a blank line: a code fence, and the HTML blocks that
 * end at a closing marker rather than at a blank line (CommonMark kinds 1–5: `<script`, `<pre`,
 * `<style`, `<textarea`, `<!--`, `<?`, `<!X`, `<![CDATA[`). Anything else ends at the blank line
 * before the disclaimers: containers (lists, quotes, footnotes) need indentation or `>` to go on,
 * and the disclaimers' headings start at column 0.
 */
const MAY_STAY_OPEN = /```|~~~|<[!?]|<(?:script|pre|style|textarea)/iu;

/** The serialised disclaimers of one language, and whether they are found as such after any body that closes its blocks. */
interface Tail {
  count: number;
  tail: string;
  /** The tail alone ends with its disclaimers, and has no brackets a definition in the body could turn into a reference. */
  safeTail: boolean;
}

const tailsByLocales = new WeakMap<Locales, Map<string, Tail>>();

function tailOf(lang: string, locales: Locales): Tail {
  let tails = tailsByLocales.get(locales);
  if (!tails) tailsByLocales.set(locales, (tails = new Map()));
  let found = tails.get(lang);
  if (!found) {
    const nodes = disclaimerNodes(lang, locales);
    const tail = nodes.length === 0 ? '' : stringifier.stringify({ type: 'root', children: nodes });
    const safeTail = nodes.length > 0 && !/[[\]]/u.test(tail) && endsWithDisclaimers(tail, nodes.length, locales);
    tails.set(lang, (found = { count: nodes.length, tail, safeTail }));
  }
  return found;
}

function endsWithDisclaimers(markdown: string, count: number, locales: Locales): boolean {
  const tree = parser.parse(markdown);
  const pasted = findPasted(tree, locales);
  const last = tree.children.slice(-count);
  return last.length === count && last.every((node) => pasted.some((p) => p.start === node.position?.start.offset));
}

/**
 * The document without its pasted disclaimers, parsed and segmented again,
 * for the outputs built from its segments (side-by-side page, TMX, XLIFF),
 * which should not carry the disclaimer as translated content.
 */
export function withoutPasted(doc: Doc, locales: Locales = defaultLocales()): Doc {
  const pasted = doc.tree ? findPasted(doc.tree, locales) : [];
  if (pasted.length === 0) return doc;
  const value = applyEdits(doc.value, pasted.map((p) => ({ start: p.start, end: p.end, text: '' }))).output;
  // Pasted at the end, as it usually is, the disclaimer is dropped from the tree instead of the file parsed again.
  const tree = treeWithoutLast(doc.tree!, doc.value, pasted, value);
  return segment(parse(new TextEncoder().encode(value), { path: doc.file.path, slug: doc.slug, lang: doc.lang }, tree && (() => tree)));
}

/** `bitext check`: a disclaimer pasted into a document (warning, at the pasted block). */
export const disclaimerCheck: Check = {
  id: 'disclaimer',
  description: 'a translation disclaimer pasted into the Markdown (the pipeline adds it)',
  run(corpus, options) {
    const dir = options.localesDir ?? path.join(options.cwd, 'locales');
    const locales = existsSync(path.join(dir, SOURCE_LANG)) ? loadLocales(dir, options.cwd) : defaultLocales();
    for (const doc of corpus.docs) {
      if (!doc.tree) continue;
      for (const pasted of findPasted(doc.tree, locales)) {
        if (pasted.role === 'heading') continue; // one finding per disclaimer, at its text
        report(doc.file, 'disclaimer-pasted', {
          params: { similarity: Math.round(pasted.similarity * 100), lng: pasted.lang },
          ...(pasted.position ? { place: pasted.position } : {}),
        });
      }
    }
  },
};
