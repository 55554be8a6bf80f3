/**
 * The side-by-side table is written as a string around segment HTML made once per document; it
 * must not change by a byte. The old writer, frozen in `legacy/side-by-side-html.ts` (a hast table
 * serialised whole by rehype-stringify), is the oracle: random Markdown documents in two languages
 * (plain text, CJK, Arabic, `<&>"'`, inline syntax, links, code, footnote references, lists, quotes,
 * tables, headings, fences, HTML), joined by the aligner or by random 0-1, 1-0, 1-1, 2-1, 1-2 links,
 * with one English document beside two translations, and the same with segment texts replaced by
 * hostile strings a segmenter never gives (line endings, definitions, lone surrogates, NUL, BOM, the
 * batch marker), must give the same table. The escaping and the no-parse fast path are checked
 * against the libraries on their own.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as HastRoot } from 'hast';
import { align } from '../pipeline/align.js';
import { formatAlignment } from '../pipeline/align-format.js';
import { escapeAttribute, escapeText, isInert, sideBySideHtml } from '../pipeline/align-html.js';
import { loadCorpus } from '../pipeline/load.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Alignment, BlockLink, Doc, Link } from '../pipeline/types.js';
import { cutBlockLinks } from './helpers/block-links.js';
import { CONTENT, ROOT } from './helpers/content.js';
import { sideBySideHtml as legacySideBySideHtml } from './legacy/side-by-side-html.js';

const FM = '---\ntitle: "x"\ndate: "2024-01-01"\nmeeting: "x"\nkind: summary\n---\n\n';
const doc = (value: string, lang: string): Doc => segment(parse(new TextEncoder().encode(FM + value), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));

const toHtml = unified().use(rehypeStringify);
const QUIET = { numRuns: 300 };

// --- escaping -------------------------------------------------------------------

const SPECIALS = ['<', '&', '>', '"', "'", '`', '\0', '=', '/', ' ', '\t', '\n', 'a', 'é', '会', 'ع', '😀', '\uD800', '\uDFFF', '&amp;', '&#x3C;', '\u00A0', '\u2028'];
const value = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.constantFrom(...SPECIALS), { maxLength: 12 }).map((parts) => parts.join('')));

const textAgrees = (escape: (value: string) => string) =>
  fc.property(value, (v) => {
    expect(escape(v)).toBe(toHtml.stringify({ type: 'root', children: [{ type: 'text', value: v }] }));
  });
const attributeAgrees = (escape: (value: string) => string) =>
  fc.property(value, (v) => {
    const element = { type: 'element' as const, tagName: 'td', properties: { lang: v, dataKind: v }, children: [] };
    expect(`<td lang="${escape(v)}" data-kind="${escape(v)}"></td>`).toBe(toHtml.stringify({ type: 'root', children: [element] }));
  });

describe('escaping as hast-util-to-html does it', () => {
  it('text: `&` and `<` as hexadecimal references, nothing else', () => {
    fc.assert(textAgrees(escapeText), { numRuns: 1000 });
  });

  it('double-quoted attribute values: NUL, quotes, `&` and backtick', () => {
    fc.assert(attributeAgrees(escapeAttribute), { numRuns: 1000 });
  });

  it('the properties catch an escape that differs in one character or one spelling', () => {
    expect(() => fc.assert(textAgrees((v) => escapeText(v).replaceAll('&#x26;', '&amp;')), QUIET)).toThrow();
    expect(() => fc.assert(textAgrees((v) => escapeText(v).replaceAll('>', '&#x3E;')), QUIET)).toThrow();
    expect(() => fc.assert(attributeAgrees((v) => escapeAttribute(v).replaceAll('&#x27;', "'")), QUIET)).toThrow();
    expect(() => fc.assert(attributeAgrees((v) => escapeAttribute(v).replaceAll('&#x0;', '\0')), QUIET)).toThrow();
    expect(() => fc.assert(attributeAgrees(escapeText), QUIET)).toThrow();
  });
});

// --- segments that need no parse -----------------------------------------------------

const reference = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize);
/** A segment's HTML as the old writer made it: the content of its one paragraph, or its text when it parses to anything else. */
function parsedAlone(text: string): string {
  const elements = (reference.runSync(reference.parse(text)) as HastRoot).children.filter((node) => node.type === 'element');
  const only = elements.length === 1 && elements[0]!.tagName === 'p' ? elements[0]! : undefined;
  return toHtml.stringify({ type: 'root', children: only ? only.children : [{ type: 'text', value: text }] });
}

/** Pieces of text around brackets, pipes and the starts of blocks, and (less often) pieces that make links, definitions, emphasis or autolinks. */
const PLAIN = ['a', 'the MAG', '会议', 'مرحبا', ' ', ' ', '.', ',', '(', ')', ':', '^', '!', '|', '[', ']', '[a]', '[^1]', '[a][b]', '[a][]', '![a]', '[a] (b)', '[a] :', '#', '-', '=', '+', '>', '1.', '2)', '\u3000', '\u00A0', '\uD800', '\t', '---', '| - |', '"', "'"];
const MARKED = ['](', ']:', '[a]: x', '[^1]: note', '[a](b)', '![a](b)', '*', '*a*', '**b**', '_', '~', '`', '@', 'x@y.z', 'www.un.org', 'https://un.org', '\\', '&', '<'];
const piecesText = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PLAIN) }, fc.constantFrom(...MARKED)), { maxLength: 8 })
  .map((parts) => parts.join(''));

const fastPathAgrees = (inert: (text: string) => boolean) =>
  fc.property(piecesText, (text) => {
    if (inert(text)) expect(escapeText(text)).toBe(parsedAlone(text));
  });

describe('isInert', () => {
  it('holds only for text whose HTML, parsed alone, is its escaped text', () => {
    let inert = 0;
    fc.assert(
      fc.property(piecesText, (text) => {
        if (!isInert(text)) return;
        inert++;
        expect(escapeText(text)).toBe(parsedAlone(text));
      }),
      { numRuns: 3000 },
    );
    expect(inert).toBeGreaterThan(300);
  });

  it('takes brackets, footnote calls and pipes without a parse, but not links, definitions or emphasis', () => {
    for (const text of ['See [x] here.', '[建设]数字合作', 'Energy."[^3] This', '[^1] Note.', 'a | b', '![a] b', '[a][b] and [c][]']) expect(isInert(text), text).toBe(true);
    for (const text of ['[a](b)', '[a]: https://x.org', '[^1]: note', '*a*', '- a', 'www.un.org', '2024. A year', ' a', 'a\nb']) expect(isInert(text), text).toBe(false);
  });

  it('the property catches a fast path that lets links, emphasis, edge spaces or autolinks through', () => {
    const quiet = { numRuns: 3000 };
    expect(() => fc.assert(fastPathAgrees((t) => isInert(t.replaceAll('](', '] ('))), quiet)).toThrow();
    expect(() => fc.assert(fastPathAgrees((t) => isInert(t.replaceAll('*', ''))), quiet)).toThrow();
    expect(() => fc.assert(fastPathAgrees((t) => isInert(t.trim())), quiet)).toThrow();
    expect(() => fc.assert(fastPathAgrees((t) => isInert(t.replaceAll('www.', 'www'))), quiet)).toThrow();
  });
});

// --- the table agrees with the old writer ----------------------------------------------

const WORDS = ['IGF', 'the', 'MAG', 'met', 'x', '2024', '会议', '举行', '互联网治理论坛', 'réunion', 'مرحبا', 'بالعالم', '😀', 'a < b', 'R&D', '"q"', "it's", '`c`'];
const MARKUP = ['*', '**', '_', '~~', '`', '[', ']', '](', '[^1]', '[^a]', '|', '!', '![', '<b>', '<script>x</script>', '&amp;', '&#x20;', '\\', '@', 'a@b.co', 'www.un.org', 'https://un.org', '#', '1.', '2)', '-'];
const atom = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...MARKUP) }, fc.constant(' '));
const sentence = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 2, arbitrary: fc.array(atom, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')) },
);
const inline = fc.oneof(
  { weight: 5, arbitrary: sentence },
  sentence.map((t) => `*${t}*`),
  sentence.map((t) => `**${t}**`),
  sentence.map((t) => `~~${t}~~`),
  sentence.map((t) => `[${t}](https://example.org/?a=1&b='2')`),
  sentence.map((t) => `[${t}](javascript:alert(1))`),
  sentence.map((t) => `\`${t}\``),
  fc.tuple(sentence, fc.constantFrom('1', 'a b')).map(([a, n]) => `${a}[^${n}]`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a}\n${b}`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a}  \n${b}`),
);
/** Sentences a segmenter splits: Latin and Arabic ones end with `. `, `? `; CJK ones with `。`. */
const paragraph = fc.array(fc.tuple(inline, fc.constantFrom('. ', '? ', '。', '! ', ' ')), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([s, end]) => s + end).join('').trim());
const block = fc.oneof(
  { weight: 5, arbitrary: paragraph },
  fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([depth, text]) => `${'#'.repeat(depth)} ${text.replace(/\n/gu, ' ')}`),
  paragraph.map((text) => `> ${text.replace(/\n/gu, '\n> ')}`),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => items.map((t) => `- ${t.replace(/\n/gu, '\n  ')}`).join('\n')),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => items.map((t, k) => `${k + 1}. ${t.replace(/\n/gu, '\n   ')}`).join('\n')),
  fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |\n| ${b} | ${a} |`),
  fc.tuple(fc.constantFrom('1', 'a b'), paragraph).map(([n, text]) => `[^${n}]: ${text.replace(/\n/gu, '\n    ')}`),
  fc.constantFrom('```\ncode\n```', '***', '<div>x</div>', '[ref]: https://example.org'),
);
const markdown = fc.array(block, { maxLength: 8 }).map((blocks) => blocks.join('\n\n'));

/** Segment texts no segmenter gives: line endings, definitions, fences, lone surrogates, NUL, BOM, the batch marker. */
const HOSTILE = [
  '\n', '\r\n', '\n\n', ' ', '\t', '\0', '\uFEFF', '\uD800', '\uDC00', '\uE000bitext-segment\uE000', '[x]: https://x.org', '[x]', '[^1]: n', '```', '~~~ f', '<div>',
  '<!--', '- ', '# ', '> ', '1. ', '| a |\n| - |', '*a*', 'a', 'مرحبا', '会议', '&', '<', '"', "'", '`',
];
const hostile = fc.array(fc.oneof(atom, fc.constantFrom(...HOSTILE)), { maxLength: 6 }).map((parts) => parts.join(''));

/** Sentence links inside each block link, cut from `steps`: 0–2 segments of each side, scores from `scores`. */
function cutSegments(source: Doc, target: Doc, blocks: readonly BlockLink[], steps: readonly number[], scores: readonly number[]): Link[] {
  const links: Link[] = [];
  const inBlocks = (d: Doc, indices: readonly number[]) => d.segments.flatMap((seg, i) => (indices.includes(seg.blockIndex) ? [i] : []));
  let k = 0;
  for (const blockLink of blocks) {
    const left = inBlocks(source, blockLink.source);
    const right = inBlocks(target, blockLink.target);
    while (left.length > 0 || right.length > 0) {
      const step = steps[k % steps.length] ?? 4;
      let ns = Math.min(step % 3, left.length);
      let nt = Math.min(Math.floor(step / 3) % 3, right.length);
      if (ns === 0 && nt === 0) (left.length > 0 ? (ns = 1) : (nt = 1));
      links.push({ source: left.splice(0, ns), target: right.splice(0, nt), score: scores[k++ % scores.length] ?? 0.5 });
    }
  }
  return links;
}

interface Case {
  en: string;
  others: [string, string];
  langs: [string, string];
  steps: number[];
  scores: number[];
  aligned: boolean;
  texts: string[] | undefined;
}
const cases: fc.Arbitrary<Case> = fc.record({
  en: markdown,
  others: fc.tuple(markdown, markdown),
  langs: fc.tuple(fc.constantFrom('zh', 'fr', 'ar', 'zh-Hant', 'es'), fc.constantFrom('zh', 'ar', 'fr', 'x-"&\'`<\0')),
  steps: fc.array(fc.nat(8), { minLength: 1, maxLength: 12 }),
  scores: fc.array(fc.oneof(fc.double({ min: 0, max: 1 }), fc.double()), { minLength: 1, maxLength: 4 }),
  aligned: fc.boolean(),
  texts: fc.option(fc.array(hostile, { minLength: 1, maxLength: 10 }), { nil: undefined, freq: 4 }),
});

/** Give a document other segment texts (cycled), as a new document with a new segment list. */
const withTexts = (d: Doc, texts: readonly string[], shift: number): Doc => ({ ...d, segments: d.segments.map((s, k) => ({ ...s, text: texts[(k + shift) % texts.length]! })) });

/** The alignments of one English document with two translations, so the second table reuses the English HTML. */
function alignmentsOf(c: Case): Alignment[] {
  let source = doc(c.en, 'en');
  if (c.texts) source = withTexts(source, c.texts, 0);
  return c.others.map((other, n) => {
    let target = doc(other, c.langs[n]!.startsWith('x-') ? 'fr' : c.langs[n]!);
    target = { ...target, lang: c.langs[n]! };
    if (c.texts) target = withTexts(target, c.texts, n + 1);
    if (c.aligned && !c.texts) return align(source, target);
    const blocks = cutBlockLinks(source, target, c.steps);
    return { source, target, blocks, links: cutSegments(source, target, blocks, c.steps, c.scores) };
  });
}

/** A property that `next` gives the table the old writer gives, for both translations. */
const agrees = (next: (alignment: Alignment) => string) =>
  fc.property(cases, (c) => {
    for (const alignment of alignmentsOf(c)) expect(next(alignment)).toBe(legacySideBySideHtml(alignment));
  });

describe('sideBySideHtml agrees with the old writer', () => {
  it('on random documents, links and texts', () => {
    fc.assert(agrees(sideBySideHtml), { numRuns: 400 });
  });

  it('on the bundled meetings, and formatAlignment html is the same writer', async () => {
    const { meetings } = await loadCorpus([CONTENT], { cwd: ROOT });
    expect(meetings.length).toBeGreaterThan(0);
    for (const meeting of meetings) {
      for (const translation of meeting.translations) {
        const alignment = align(meeting.source!, translation);
        expect(formatAlignment(alignment, 'html'), path.join(meeting.slug, translation.lang)).toBe(legacySideBySideHtml(alignment));
      }
    }
  });

  it('makes the HTML of a document again when its segments are replaced', () => {
    const source = doc('The *MAG* met. See [x] here.\n\n- one\n- two\n', 'en');
    const target = doc('MAG 开会了。见 [x]。\n\n- 一\n- 二\n', 'zh');
    const before = align(source, target);
    expect(sideBySideHtml(before)).toBe(legacySideBySideHtml(before));
    source.segments = source.segments.map((s) => ({ ...s, text: `${s.text} **now** & a < b` }));
    const after = { ...before, source };
    expect(sideBySideHtml(after)).toBe(legacySideBySideHtml(after));
    expect(sideBySideHtml(after)).toContain('<strong>now</strong> &#x26; a &#x3C; b');
  });

  it('the property catches a table that escapes, marks direction, rounds or renders Markdown differently', () => {
    const quiet = { numRuns: 200 };
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replaceAll('&#x3C;', '&lt;')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replaceAll(' dir="rtl"', ' dir="ltr"')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replaceAll('&#x27;', "'")), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/data-score="(-?\d+\.\d\d)\d"/gu, 'data-score="$1"')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/<\/?em>/gu, '*')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/ href="[^"]*"/gu, '')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/<\/?code>/gu, '`')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/<td([^>]*)><\/td>/gu, '<td$1> </td>')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/<tbody data-kind="[^"]*">/gu, '<tbody>')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => sideBySideHtml(a).replace(/[\uD800-\uDFFF]/gu, '\uFFFD')), quiet)).toThrow();
  });
});
