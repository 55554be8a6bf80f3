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

/** Dice similarity of character bigrams from which a paragraph counts as the disclaimer. */
export const SIMILARITY = 0.6;

const parser = unified().use(remarkParse).use(remarkGfm);
const stringifier = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fences: true });

/** The disclaimers an output in `lang` ends with: its own language's, then the English; none for the English source. */
export function disclaimersFor(lang: string, locales: Locales = defaultLocales()): Disclaimer[] {
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

/** Normalised disclaimers by locales object: findPasted runs for every document of a build. */
const referencesByLocales = new WeakMap<Locales, { lang: string; heading: string; text: string }[]>();

/** Every locale's disclaimer, normalised, for comparison. */
function references(locales: Locales): { lang: string; heading: string; text: string }[] {
  let refs = referencesByLocales.get(locales);
  if (!refs) referencesByLocales.set(locales, (refs = computeReferences(locales)));
  return refs;
}

function computeReferences(locales: Locales): { lang: string; heading: string; text: string }[] {
  return Object.keys(locales.resources)
    .sort()
    .map((lng) => {
      const t = translator(locales, lng);
      return { lang: lng, heading: normalise(t('disclaimer:heading')), text: normalise(t('disclaimer:text')) };
    });
}

/** Top-level paragraphs, headings and block quotes of `tree` that repeat a disclaimer, with the heading just before each. */
export function findPasted(tree: Root, locales: Locales = defaultLocales()): Pasted[] {
  const refs = references(locales);
  const found: Pasted[] = [];
  const nodes = tree.children;
  nodes.forEach((node, index) => {
    if (!(node.type === 'paragraph' || node.type === 'blockquote' || node.type === 'heading')) return;
    const text = normalise(toString(node));
    let best = { lang: '', similarity: 0 };
    for (const ref of refs) {
      // Dice can reach at most 2·min/(sum) of the lengths: most paragraphs are ruled out without counting bigrams.
      if ((2 * Math.min(text.length, ref.text.length)) / (text.length + ref.text.length) < Math.max(SIMILARITY, best.similarity)) continue;
      const score = similarity(text, ref.text);
      if (score > best.similarity) best = { lang: ref.lang, similarity: score };
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
  const pasted = findPasted(parser.parse(markdown), locales).filter((p) => p.position);
  return applyEdits(markdown, pasted.map((p) => ({ start: p.start, end: p.end, text: '' }))).output;
}

/**
 * The Markdown body of an output in `lang`, ending with its disclaimers.
 * Idempotent: a disclaimer already there is taken out before they are added.
 */
export function addDisclaimer(markdown: string, lang: string, locales: Locales = defaultLocales()): string {
  const body = stripPasted(markdown, locales).trimEnd();
  const nodes = disclaimerNodes(lang, locales);
  if (nodes.length === 0) return body === '' ? '' : `${body}\n`;
  const tail = stringifier.stringify({ type: 'root', children: nodes });
  const joined = body === '' ? tail : `${body}\n\n${tail}`;
  if (endsWithDisclaimers(joined, nodes.length, locales)) return joined;
  // The body leaves a block open (an unclosed code fence, HTML comment or <script>) that would swallow
  // the disclaimer: serialise the body with remark-stringify, which closes every block, and add them after.
  // Raw HTML is never published, and an unclosed comment or <script> block cannot be closed in Markdown: it is left out.
  const children = parser.parse(body).children.filter((node) => node.type !== 'html');
  return stringifier.stringify({ type: 'root', children: [...children, ...nodes] });
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
  return segment(parse(new TextEncoder().encode(value), { path: doc.file.path, slug: doc.slug, lang: doc.lang }));
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
