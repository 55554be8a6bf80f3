/**
 * The exchange writers were rewritten for speed (escape only when needed, no
 * per-attribute objects, no per-unit lookups); their output must not change by
 * a byte. The old implementation, frozen in `legacy/`, is the oracle: each
 * property compares new and old output on random input — random Unicode with
 * lone surrogates, control characters, `&<>"'` and CJK for the XML helpers and
 * the writers, random Markdown and random link shapes for the model and TMX.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attr, attrs, cp, fromXmlId, needsPreserve, text, xmlId, type InvalidChar } from '../../pipeline/exchange/xml.js';
import { buildExchange, type ExIgnorable, type ExSegment, type ExUnit, type Exchange } from '../../pipeline/exchange/model.js';
import type { Inline } from '../../pipeline/exchange/inline.js';
import { exportXliff, writeXliff2 } from '../../pipeline/exchange/xliff.js';
import { writeXliff12 } from '../../pipeline/exchange/xliff12.js';
import { exportTmx } from '../../pipeline/exchange/tmx.js';
import * as old from './legacy/xml.js';
import { buildExchange as oldBuildExchange } from './legacy/model.js';
import { exportXliff as oldExportXliff, writeXliff2 as oldWriteXliff2 } from './legacy/xliff.js';
import { writeXliff12 as oldWriteXliff12 } from './legacy/xliff12.js';
import { exportTmx as oldExportTmx } from './legacy/tmx.js';
import { parse } from '../../pipeline/parse.js';
import { segment } from '../../pipeline/segment.js';
import type { Alignment, BlockKind, Doc, InlineKind, Link } from '../../pipeline/types.js';

/** Characters the escaping treats specially, and their neighbours. */
const SPECIAL = [
  '&', '<', '>', '"', "'", '\t', '\n', '\r', ' ', '  ', '\u3000', '\u00A0', '\u2028', '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F',
  '\uFFFE', '\uFFFF', '\uFFFD', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '中', '文。', '~', '.', ']]>', '&amp;', 'a',
];
/** One UTF-16 code unit of any value (so lone surrogates), a whole code point, or a special character. */
const hostileChar = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }),
);
const hostile = fc.array(hostileChar, { maxLength: 12 }).map((chars) => chars.join(''));

/** A property that `next` and `oracle` agree on every generated value. */
function agree<T>(arbitrary: fc.Arbitrary<T>, next: (value: T) => unknown, oracle: (value: T) => unknown): fc.IPropertyWithHooks<[T]> {
  return fc.property(arbitrary, (value) => {
    expect(next(value)).toEqual(oracle(value));
  });
}

const RUNS = { numRuns: 2000 };

describe('XML helpers agree with the old implementation', () => {
  const replacement: InvalidChar = () => '\uFFFD';
  const cases: [string, fc.Arbitrary<string>, (value: string) => unknown, (value: string) => unknown][] = [
    ['text', hostile, (v) => text(v), (v) => old.text(v)],
    ['text with <cp>', hostile, (v) => text(v, cp), (v) => old.text(v, old.cp)],
    ['text with a replacement passed in', hostile, (v) => text(v, replacement), (v) => old.text(v, old.replacement)],
    ['attr', hostile, attr, old.attr],
    ['needsPreserve', hostile, needsPreserve, old.needsPreserve],
    ['xmlId', hostile, xmlId, old.xmlId],
    ['fromXmlId', hostile, fromXmlId, old.fromXmlId],
  ];
  it.each(cases)('%s', (_name, arbitrary, next, oracle) => {
    fc.assert(agree(arbitrary, next, oracle), RUNS);
  });

  it('attrs, with undefined values left out in order', () => {
    const values = fc.dictionary(fc.constantFrom('id', 'type', 'xml:space', 'subType', 'disp', 'x', 'i'), fc.option(hostile, { nil: undefined }));
    fc.assert(agree(values, attrs, old.attrs), RUNS);
  });

  it('the properties catch an escaping that differs (no fast path may hide it)', () => {
    // A lone surrogate must become U+FFFD, a pair must stay: an escaper that gets either wrong is caught.
    const keepsSurrogates = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
    expect(() => fc.assert(agree(hostile, keepsSurrogates, (v) => old.text(v)), RUNS)).toThrow();
    const forgetsCarriageReturn = (v: string): string => old.attr(v).replace(/&#13;/g, '\r');
    expect(() => fc.assert(agree(hostile, forgetsCarriageReturn, old.attr), RUNS)).toThrow();
    const unicodeBlind = (v: string): boolean => /^ |  | $|[\t\n\r]/.test(v);
    expect(() => fc.assert(agree(hostile, unicodeBlind, old.needsPreserve), RUNS)).toThrow();
  });
});

const INLINE_KINDS: InlineKind[] = ['emphasis', 'strong', 'delete', 'link', 'linkReference', 'image', 'imageReference', 'break', 'inlineCode', 'footnoteReference', 'html'];
const BLOCK_KINDS: BlockKind[] = ['heading', 'paragraph', 'listItem', 'tableCell', 'blockquote', 'footnote'];
const id = fc.oneof(fc.constantFrom('1', '2', 's-ab12', 's-ab12~2', 'b-9f_s-1'), hostile);

const { inlines } = fc.letrec<{ item: Inline; inlines: Inline[] }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constant('text' as const), value: hostile }),
    fc.record({ type: fc.constant('ph' as const), id, kind: fc.constantFrom(...INLINE_KINDS), data: fc.oneof(hostile, fc.string({ minLength: 35, maxLength: 50 })) }),
    fc.record({ type: fc.constant('pc' as const), id, kind: fc.constantFrom(...INLINE_KINDS), dataStart: hostile, dataEnd: hostile, children: tie('inlines') }),
  ),
  inlines: fc.array(tie('item'), { maxLength: 4 }),
}));

const exSegment: fc.Arbitrary<ExSegment> = fc.record({
  type: fc.constant('segment' as const),
  id,
  sourceIds: fc.array(id, { maxLength: 2 }),
  targetIds: fc.array(id, { maxLength: 3 }),
  anchor: fc.option(hostile, { nil: undefined }),
  source: inlines,
  target: fc.option(inlines, { nil: undefined }),
  state: fc.constantFrom('initial' as const, 'translated' as const, 'reviewed' as const, 'final' as const),
});
const exIgnorable: fc.Arbitrary<ExIgnorable> = fc.record({ type: fc.constant('ignorable' as const), id, source: inlines, target: fc.option(inlines, { nil: undefined }) });
const exUnit: fc.Arbitrary<ExUnit> = fc.record({
  id,
  kind: fc.constantFrom(...BLOCK_KINDS),
  parts: fc.array(fc.oneof(exSegment, exIgnorable), { maxLength: 5 }),
  notes: fc.array(hostile, { maxLength: 2 }),
});
const exchange: fc.Arbitrary<Exchange> = fc.record({ slug: hostile, srcLang: fc.constantFrom('en', 'e"n'), trgLang: hostile, original: hostile, units: fc.array(exUnit, { maxLength: 4 }) });

describe('XLIFF writers agree with the old implementation on random exchange models', () => {
  it('XLIFF 2.1', () => {
    let escaped = 0;
    fc.assert(
      fc.property(exchange, (model) => {
        const xml = writeXliff2(model);
        expect(xml).toBe(oldWriteXliff2(model));
        if (/<cp hex=|&amp;|&lt;|&quot;|&#10;|\uFFFD/.test(xml)) escaped++;
      }),
      { numRuns: 1000 },
    );
    expect(escaped).toBeGreaterThan(100);
  });

  it('XLIFF 1.2', () => {
    let escaped = 0;
    fc.assert(
      fc.property(exchange, (model) => {
        const xml = writeXliff12(model);
        expect(xml).toBe(oldWriteXliff12(model));
        if (/&amp;|&lt;|&quot;|&#10;|\uFFFD/.test(xml)) escaped++;
      }),
      { numRuns: 1000 },
    );
    expect(escaped).toBeGreaterThan(100);
  });
});

/** Inline Markdown pieces: syntax that makes codes, text that needs escaping, sentence ends of both scripts. */
const piece = fc.oneof(
  fc.constantFrom(
    'word', 'The MAG met. ', 'It ended. ', 'Then it rained! ', '会议举行。', ' ', '**', '*', '_', '`', '[', ']', '(', ')', '<', '>', '!', '~~', '[^1]', 'https://x.org', '[a](https://e.org/?a=1&b=2 "t")',
    '![i](p.png)', '<b>x</b>', '\\', '.', '. ', '? ', '。', '中文', '会议举行。', '&', '"', "'", '  \n', '\n', '\u0001', '\uFFFE', 'é', '😀', '\u3000', '~',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
);
const sentence = fc
  .tuple(fc.constantFrom('The ', 'It ', '会议', ''), fc.array(piece, { minLength: 1, maxLength: 5 }), fc.constantFrom('. ', '。', '! ', '? ', ''))
  .map(([start, pieces, end]) => start + pieces.join('') + end);
const line = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join(''));
const body = fc
  .array(fc.tuple(fc.constantFrom('', '', '# ', '- ', '> ', '1. ', '| a | b |\n|---|---|\n| '), line), { minLength: 1, maxLength: 6 })
  .map((blocks) => `${blocks.map(([prefix, text]) => prefix + text).join('\n\n')}\n\n[^1]: A *note* & more.\n`);

function docOf(markdown: string, lang: string, frontMatter: string, slug: string): Doc {
  const value = `---\n${frontMatter}---\n\n${markdown}`;
  return segment(parse(new TextEncoder().encode(value), { path: `${slug}/${lang}.md`, slug, lang }));
}

const STEPS: [number, number][] = [[1, 1], [1, 0], [0, 1], [2, 1], [1, 2], [2, 2], [1, 1], [1, 0]];

/** Monotone links covering every sentence of both sides, their shapes picked by `script`. */
function linksOf(sources: number, targets: number, script: readonly number[]): Link[] {
  const links: Link[] = [];
  const run = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
  let s = 0;
  let t = 0;
  for (let k = 0; s < sources || t < targets; k++) {
    let [a, b] = STEPS[(script[k % Math.max(1, script.length)] ?? 0) % STEPS.length]!;
    if (s + a > sources || t + b > targets || a + b === 0) [a, b] = [s < sources ? 1 : 0, t < targets ? 1 : 0];
    links.push({ source: run(s, a), target: run(t, b), score: 1 });
    s += a;
    t += b;
  }
  return links;
}

const meeting = fc.record({
  slug: fc.constantFrom('2024-05-01-m', 'm&<"x\''),
  en: body,
  translations: fc.array(
    fc.record({ lang: fc.constantFrom('zh', 'fr', 'ja'), body, status: fc.constantFrom('draft', 'reviewed', 'published', 'bogus'), date: fc.constantFrom('2024-05-01', '2025-01-31'), script: fc.array(fc.nat(20), { maxLength: 12 }) }),
    { minLength: 1, maxLength: 2 },
  ),
});

function alignmentsOf(m: typeof meeting extends fc.Arbitrary<infer T> ? T : never): Alignment[] {
  const source = docOf(m.en, 'en', 'title: "T"\ndate: "2024-05-01"\nmeeting: "M"\nkind: summary\n', m.slug);
  return m.translations.map((t) => {
    const target = docOf(t.body, t.lang, `title: "T"\ndate: "${t.date}"\nmeeting: "M"\nkind: summary\nsource_commit: "0000000"\ntranslators: ["T"]\nreviewers: []\nstatus: ${t.status}\n`, m.slug);
    return { source, target, blocks: [], links: linksOf(source.segments.length, target.segments.length, t.script) };
  });
}

/** Whether a unit has an untranslated segment between two translated ones (its anchor could go either way). */
function untranslatedBetween(unit: ExUnit): boolean {
  const translated = unit.parts.filter((p): p is ExSegment => p.type === 'segment').map((p) => p.targetIds.length > 0);
  return translated.some((t, i) => !t && translated.slice(0, i).includes(true) && translated.slice(i + 1).includes(true));
}

describe('the exchange model and TMX agree with the old implementation on random alignments', () => {
  it('buildExchange, XLIFF 2.1 and 1.2 from it, and TMX', () => {
    const seen = { gapTargets: 0, anchors: 0, anchorsBetween: 0, notes: 0, merged: 0, codes: 0 };
    fc.assert(
      fc.property(meeting, (m) => {
        const alignments = alignmentsOf(m);
        for (const alignment of alignments) {
          const model = buildExchange(alignment);
          expect(model).toEqual(oldBuildExchange(alignment));
          expect(writeXliff2(model)).toBe(oldWriteXliff2(model));
          expect(writeXliff12(model)).toBe(oldWriteXliff12(model));
          expect(exportXliff(alignment, '2.1')).toBe(oldExportXliff(alignment, '2.1'));
          const parts = model.units.flatMap((u) => u.parts);
          if (parts.some((p) => p.type === 'ignorable' && p.target)) seen.gapTargets++;
          if (parts.some((p) => p.type === 'segment' && p.anchor)) seen.anchors++;
          if (model.units.some(untranslatedBetween)) seen.anchorsBetween++;
          if (model.units.some((u) => u.notes.length > 0)) seen.notes++;
          if (parts.some((p) => p.type === 'segment' && p.sourceIds.length > 1)) seen.merged++;
          if (writeXliff2(model).includes('<pc ')) seen.codes++;
        }
        expect(exportTmx(alignments, { toolVersion: 'x&"y' })).toBe(oldExportTmx(alignments, { toolVersion: 'x&"y' }));
      }),
      { numRuns: 150 },
    );
    // The random alignments reach every path the rewrite touched.
    for (const [path, count] of Object.entries(seen)) expect(count, path).toBeGreaterThan(20);
  });
});
