/**
 * The bilingual Markdown writer writes plain blocks itself and leaves the rest
 * to remark-stringify; its output must not change by a byte. The old writer,
 * frozen in `legacy/bilingual-markdown.ts` (the whole file serialised by
 * remark-stringify), is the oracle: random Markdown documents in two languages
 * — plain text, CJK, punctuation, every Markdown-special character, emphasis,
 * links, code, footnotes, headings, quotes, tables, ordered and unordered lists
 * nested three deep — joined by random block links or by the aligner, and the
 * same with the text of the tree replaced by hostile strings a parser never
 * gives (line endings, edge spaces, tabs), must give the same file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Nodes, Root } from 'mdast';
import { align } from '../pipeline/align.js';
import { bilingualMarkdown } from '../pipeline/align-markdown.js';
import { formatAlignment } from '../pipeline/align-format.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Alignment, Doc } from '../pipeline/types.js';
import { cutBlockLinks } from './helpers/block-links.js';
import { bilingualMarkdown as legacyBilingualMarkdown } from './legacy/bilingual-markdown.js';

const FM = '---\ntitle: "x"\ndate: "2024-01-01"\nmeeting: "x"\nkind: summary\n---\n\n';
const doc = (value: string, lang: string): Doc => segment(parse(new TextEncoder().encode(FM + value), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));

// --- random Markdown ------------------------------------------------------------

const WORDS = ['IGF', 'the', 'MAG', 'met', 'Www', 'ps', '会议', '举行', '互联网治理论坛', 'réunion', 'مرحبا', '2024', '18', 'x', '😀'];
/** Characters remark-stringify may escape somewhere, and their neighbours. */
const SPECIAL = [
  '\\', '\\*', '&', '&amp;', '&#x20;', '*', '_', '__', '`', '~', '~~', '<', '<b>', '</i>', '<!--', '>', '@', 'a@b.c', '!', '![', '[', ']', '](', '(', ')',
  '#', '=', '+', '-', '--', '|', ':', ':-', '.', ',', ';', '1.', '2)', '10.', 'www.un.org', 'https://un.org', 'p:/', '^', '[^1]', '"', "'", '?', '/', '{', '}',
  '$', '%', '。', '，', '（', '）', '！', '\u3000', '\u00A0', '\t', '\u200B',
];
const atom = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) }, fc.constant(' '));
const words = fc.array(atom, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
/** Mostly plain sentences, so the fast path is taken, with sometimes a special character. */
const sentence = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 3, arbitrary: words },
);
/** Footnote labels, with escapes that the label keeps. */
const label = fc.constantFrom('1', '2', 'n-3', 'a b', 'Note', 'é', 'a\\]b', 'a\\\\b');
/** The content of a block: text, or text with inline markup, soft breaks or footnote references. */
const inline = fc.oneof(
  { weight: 6, arbitrary: sentence },
  sentence.map((t) => `*${t}*`),
  sentence.map((t) => `**${t}**`),
  sentence.map((t) => `_${t}_`),
  sentence.map((t) => `~~${t}~~`),
  sentence.map((t) => `[${t}](https://example.org)`),
  sentence.map((t) => `\`${t}\``),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a} [${b}](https://example.org) ${a}`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a} \`${b}\` ${a}`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a}\n${b}`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a}  \n${b}`),
  fc.tuple(sentence, label).map(([a, n]) => `${a}[^${n}]`),
  fc.tuple(sentence, label, sentence).map(([a, n, b]) => `${a}[^${n}] ${b}`),
);

interface ListShape {
  ordered: boolean;
  start: number;
  marker: string;
  items: { text: string; child: ListShape | undefined }[];
}
const { list } = fc.letrec<{ list: ListShape; item: { text: string; child: ListShape | undefined } }>((tie) => ({
  list: fc.record({
    ordered: fc.boolean(),
    start: fc.integer({ min: 0, max: 12 }),
    marker: fc.constantFrom('-', '*', '+', '.', ')'),
    items: fc.array(tie('item'), { minLength: 1, maxLength: 3 }),
  }),
  item: fc.record({ text: inline, child: fc.option(tie('list'), { nil: undefined, depthSize: 'small', freq: 3 }) }),
}));

function renderList(shape: ListShape, indent: string, depth: number): string {
  return shape.items
    .map((item, k) => {
      const marker = shape.ordered ? `${shape.start + k}${shape.marker === ')' ? ')' : '.'} ` : `${['.', ')'].includes(shape.marker) ? '-' : shape.marker} `;
      const pad = indent + ' '.repeat(marker.length);
      const head = `${indent}${marker}${item.text.replace(/\n/g, `\n${pad}`)}`;
      return item.child && depth < 3 ? `${head}\n${renderList(item.child, pad, depth + 1)}` : head;
    })
    .join('\n');
}

const block = fc.oneof(
  { weight: 5, arbitrary: inline },
  fc.tuple(fc.integer({ min: 1, max: 6 }), inline, fc.boolean()).map(([depth, text, close]) => `${'#'.repeat(depth)} ${text.replace(/\n/g, ' ')}${close ? ' ##' : ''}`),
  fc.tuple(inline, fc.constantFrom('=', '-')).map(([text, line]) => `${text}\n${line.repeat(3)}`),
  inline.map((text) => `> ${text.replace(/\n/g, '\n> ')}`),
  { weight: 4, arbitrary: list.map((shape) => renderList(shape, '', 1)) },
  fc.tuple(label, fc.option(label, { nil: undefined }), inline).map(([n, m, text]) => `[^${n}]: ${m === undefined ? '' : `[^${m}]: `}${text.replace(/\n/g, '\n    ')}`),
  fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |\n| ${b} | ${a} |`),
  fc.constantFrom('```\ncode\n```', '***', '<div>x</div>', '[ref]: https://example.org'),
);
/** Blocks apart, or run together, so that a list may follow a list (another marker starts another list). */
const markdown = fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n', '\n')), { maxLength: 9 }).map((parts) => parts.map(([b, sep]) => b + sep).join(''));

/** Replace the values of the tree's text nodes, in order, by `values` (cycled), and the starts of its ordered lists. */
function replaceTexts(tree: Root | undefined, values: readonly string[]): void {
  let k = 0;
  const starts = [-2, null, 0, 1e9];
  const walk = (node: Nodes) => {
    if (node.type === 'text' && values.length > 0) node.value = values[k++ % values.length]!;
    if (node.type === 'list' && node.ordered) node.start = starts[k++ % starts.length];
    if ('children' in node) for (const child of node.children) walk(child);
  };
  if (tree) walk(tree);
}

const hostile = fc.array(fc.oneof(atom, fc.constantFrom('\n', '\r', '\r\n', ' ', '  ', '#', '\t', '', '\u3000', '\u00A0', '\u2028', '\v')), { maxLength: 6 }).map((parts) => parts.join(''));

interface Case {
  en: string;
  other: string;
  lang: string;
  steps: number[];
  aligned: boolean;
  texts: string[] | undefined;
  treeless: boolean;
}
const cases: fc.Arbitrary<Case> = fc.record({
  en: markdown,
  other: markdown,
  lang: fc.constantFrom('zh', 'fr', 'ar', 'zh-Hant'),
  steps: fc.array(fc.nat(8), { minLength: 1, maxLength: 12 }),
  aligned: fc.boolean(),
  texts: fc.option(fc.array(hostile, { minLength: 1, maxLength: 10 }), { nil: undefined, freq: 4 }),
  treeless: fc.nat(4).map((n) => n === 0),
});

function alignmentOf(c: Case): Alignment {
  const source = doc(c.en, 'en');
  let target = doc(c.other, c.lang);
  if (c.texts) {
    replaceTexts(source.tree, c.texts);
    replaceTexts(target.tree, [...c.texts].reverse());
  }
  if (c.treeless) target = { ...target, tree: undefined };
  if (c.aligned) return align(source, target);
  return { source, target, blocks: cutBlockLinks(source, target, c.steps), links: [] };
}

const RUNS = { numRuns: 400 };

/** A property that `next` gives the file the old writer gives. */
const agrees = (next: (alignment: Alignment) => string) =>
  fc.property(cases, (c) => {
    const alignment = alignmentOf(c);
    expect(next(alignment)).toBe(legacyBilingualMarkdown(alignment));
  });

describe('bilingual Markdown agrees with the old writer', () => {
  it('on random documents, links and texts', () => {
    fc.assert(agrees(bilingualMarkdown), RUNS);
  });

  it('formatAlignment md is the same writer', () => {
    const a = align(doc('# Title\n\nThe MAG met [^1] here.\n\n- one\n- two\n\n1. first\n', 'en'), doc('# 标题\n\nMAG 开会了。\n\n- 一\n\n3) 第三\n', 'zh'));
    expect(formatAlignment(a, 'md')).toBe(legacyBilingualMarkdown(a));
  });

  it.each([
    ['adjacent lists alternate bullets, at every level', '- a\n* b\n+ c\n\n1. d\n2) e\n\n- f\n  1. g\n     - h\n'],
    ['ordered lists keep their numbers', '0. zero\n\n7) seven\n8) eight\n\n10. ten\n'],
    ['escapes at a line start and in text', '\\# not a heading\n\n\\- not a list\n\n2024\\. a year\n\nSee \\[x] and a[^1] b\n\n\\> not a quote\n'],
    ['headings ending with a number sign, and setext headings', '# C\\#\n\n## Plain #\n\nTwo\nlines\n===\n'],
    ['emphasis with spaces or punctuation at its edges', '*(x)*\n\n**「强调」**\n\n*a* b\n\n**&#x20;a**\n'],
    ['footnotes of both languages at the end', 'Text[^1] and[^a b].\n\n[^1]: One.\n\n[^a b]: *Two*.\n'],
    ['quotes, tables and code', '> quoted [x]\n\n| a | b |\n| - | - |\n| c | d |\n\n```\ncode\n```\n'],
  ])('%s', (_name, markdownText) => {
    const a = align(doc(markdownText, 'en'), doc(markdownText, 'zh'));
    expect(bilingualMarkdown(a)).toBe(legacyBilingualMarkdown(a));
  });

  it('the property catches a writer that escapes, numbers or picks bullets differently', () => {
    const quiet = { ...RUNS, numRuns: 300 };
    expect(() => fc.assert(agrees((a) => bilingualMarkdown(a).replaceAll('\\[', '[')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => bilingualMarkdown(a).replace(/^\* /gmu, '- ')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => bilingualMarkdown(a).replace(/^(\d+)\) /gmu, '$1. ')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => bilingualMarkdown(a).replace(/^(\s*)- - /gmu, '$1- ')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => bilingualMarkdown(a).replace(/^(\s*)(\d+)\. /gmu, '$11. ')), quiet)).toThrow();
    expect(() => fc.assert(agrees((a) => bilingualMarkdown(a).replace(/&#x20;/gu, ' ')), quiet)).toThrow();
  });
});
