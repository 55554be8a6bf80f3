import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Doc } from '../pipeline/types.js';
import { contentFiles, ROOT } from './helpers/content.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/segment');

function segmentText(value: string, lang: string): Doc {
  return segment(parse(new TextEncoder().encode(value), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));
}

/** Assert the lossless invariants: ranges sorted, disjoint, trimmed, equal to the file; gaps + segments = file. */
function expectLossless(doc: Doc): void {
  let cursor = 0;
  let rebuilt = '';
  for (const s of doc.segments) {
    expect(s.start).toBeGreaterThanOrEqual(cursor);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.text).toBe(doc.value.slice(s.start, s.end));
    expect(s.text.trim()).toBe(s.text);
    rebuilt += doc.value.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  rebuilt += doc.value.slice(cursor);
  expect(rebuilt).toBe(doc.value);
}

/** Every non-space character of every block lies in exactly one segment, and no inline mark straddles two. */
function expectComplete(doc: Doc): void {
  for (const block of doc.blocks) {
    for (let i = block.start; i < block.end; i++) {
      if (/\s/u.test(doc.value[i]!)) continue;
      expect(block.segments.filter((s) => s.start <= i && i < s.end)).toHaveLength(1);
    }
    for (const mark of block.inline) {
      expect(block.segments.some((s) => s.start <= mark.start && mark.end <= s.end)).toBe(true);
    }
  }
}

const render = (doc: Doc): string =>
  doc.segments
    .map((s) => `${s.position.start.line}:${s.position.start.column}-${s.position.end.line}:${s.position.end.column}\t${s.text.replace(/\n/g, '\\n')}`)
    .join('\n') + '\n';

describe('segment on the real content', () => {
  for (const file of contentFiles()) {
    it(`is lossless and complete for ${file}`, () => {
      const lang = path.basename(file, '.md');
      const doc = segmentText(readFileSync(path.join(ROOT, file), 'utf8'), lang);
      expect(doc.file.messages).toEqual([]);
      expect(doc.segments.length).toBeGreaterThan(20);
      expectLossless(doc);
      expectComplete(doc);
      expect(new Set(doc.segments.map((s) => s.id)).size).toBe(doc.segments.length);
    });
  }
});

describe('segment fixtures (hand-checked expected segmentations)', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, () => {
      const dir = path.join(FIXTURES, name);
      const lang = readFileSync(path.join(dir, 'lang'), 'utf8').trim();
      const doc = segmentText(readFileSync(path.join(dir, 'input.md'), 'utf8'), lang);
      const actual = render(doc);
      const expectedFile = path.join(dir, 'expected.txt');
      if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
      expectLossless(doc);
    });
  }
});

// Generated Markdown: the building blocks translators use, in Latin and CJK scripts.
const word = fc.constantFrom('MAG', 'IGF', 'the', 'meeting', 'agreed', 'e.g.', 'Mr.', 'U.N.', '3.5', '14:00', '会议', '利益相关方', '（NRIs）', '“引号”', '🙂', '𠀀', '\u200b', 'a.m.');
const terminator = fc.constantFrom('.', '。', '！', '？', '；', '?', '!', '……', '', '.)', '。”');
const sentence = fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), terminator).map(([w, t]) => w.join(' ') + t);
const inline = fc.oneof(
  sentence,
  sentence.map((s) => `**${s}**`),
  sentence.map((s) => `*${s}*`),
  sentence.map((s) => `[${s}](https://example.org/x.y)`),
  sentence.map((s) => `\`${s}\``),
  fc.constant('[^1]'),
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '));
const block = fc.oneof(
  paragraph,
  fc.tuple(fc.integer({ min: 1, max: 6 }), paragraph).map(([d, p]) => `${'#'.repeat(d)} ${p}`),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => items.map((p, i) => `${'  '.repeat(i % 2)}- ${p}`).join('\n')),
  paragraph.map((p) => `> ${p}`),
  fc.tuple(paragraph, paragraph).map(([a, b]) => `| ${a.replace(/\|/g, '')} | x |\n|---|---|\n| ${b.replace(/\|/g, '')} | y |`),
  paragraph.map((p) => `[^1]: ${p}`),
  fc.constant('<div onclick="x()">raw</div>'),
  fc.constant('```\ncode. here\n```'),
);
const markdown = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([blocks, eol, bom]) => `${bom ? '\uFEFF' : ''}---${eol}title: T${eol}---${eol}${eol}${blocks.join(eol + eol).replace(/\n/g, eol)}${eol}`);

describe('segment properties', () => {
  it('is lossless and complete for arbitrary Markdown', () => {
    fc.assert(
      fc.property(markdown, fc.constantFrom('en', 'zh', 'ar'), (value, lang) => {
        const doc = segmentText(value, lang);
        expectLossless(doc);
        expectComplete(doc);
      }),
      { numRuns: 300 },
    );
  });

  // Distinct sentences, so that each id is unique and the property is exact.
  const uniqueSentences = fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 3, maxLength: 30 }).map((ns) => ns.map((n) => `Sentence number ${n} about the MAG.`));
  const toDoc = (sentences: string[]): string => `---\ntitle: T\n---\n\n${sentences.map((s, i) => (i % 3 === 2 ? `${s}\n` : `${s} `)).join('\n')}\n`;

  it('keeps every other id when one segment is edited, inserted or deleted', () => {
    fc.assert(
      fc.property(uniqueSentences, fc.nat(), fc.constantFrom('edit', 'insert', 'delete'), (sentences, at, operation) => {
        const i = at % sentences.length;
        const before = segmentText(toDoc(sentences), 'en').segments.map((s) => s.id);
        const changed = [...sentences];
        if (operation === 'edit') changed[i] = `An edited sentence ${i} of the IGF.`;
        if (operation === 'insert') changed.splice(i, 0, 'A brand new sentence of the IGF.');
        if (operation === 'delete') changed.splice(i, 1);
        const after = new Set(segmentText(toDoc(changed), 'en').segments.map((s) => s.id));
        const kept = before.filter((id, k) => !(operation !== 'insert' && k === i));
        for (const id of kept) expect(after.has(id)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('segment structure', () => {
  it('records block kinds and inline markup', () => {
    const doc = segmentText(readFileSync(path.join(FIXTURES, 'markup/input.md'), 'utf8'), 'en');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'listItem', 'listItem', 'blockquote', 'tableCell', 'tableCell', 'tableCell', 'tableCell', 'paragraph', 'footnote']);
    const link = doc.segments.find((s) => s.text.startsWith('Then [see this.'));
    expect(link?.inline).toEqual([expect.objectContaining({ kind: 'link', url: 'https://example.org/a.b' })]);
    expect(doc.segments.some((s) => s.text.includes('indented code'))).toBe(false);
  });
});
