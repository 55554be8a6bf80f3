/**
 * Hostile Markdown: every case ends in correct output or a located error,
 * never a crash or a hang (each case runs under the test timeout).
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../pipeline/parse.js';
import { segment } from '../../pipeline/segment.js';
import type { Doc } from '../../pipeline/types.js';

const FM = '---\ntitle: T\ndate: "2024-01-01"\nmeeting: "IGF 2024 MAG, 1st meeting"\nkind: summary\n---\n\n';
const run = (value: string | Uint8Array, lang = 'en'): Doc =>
  segment(parse(typeof value === 'string' ? new TextEncoder().encode(value) : value, { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));
const rules = (doc: Doc): string[] => doc.file.messages.map((m) => String(m.ruleId));

/** The lossless invariant, cheaply: gaps plus segments give back the file. */
function rebuilt(doc: Doc): string {
  let out = '';
  let cursor = 0;
  for (const s of doc.segments) {
    out += doc.value.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + doc.value.slice(cursor);
}

describe('hostile Markdown', () => {
  it('segments a 10 MB document', { timeout: 120_000 }, () => {
    const paragraph = 'The MAG met on 27 February. 会议于2月27日举行。 More text follows here, e.g. details.\n\n';
    const value = FM + paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length));
    const doc = run(value);
    expect(value.length).toBeGreaterThan(10 * 1024 * 1024 - 1);
    expect(rules(doc)).toEqual([]);
    expect(doc.segments.length).toBeGreaterThan(300_000);
    expect(rebuilt(doc)).toBe(value);
  });

  it('refuses 10,000-deep nested lists and block quotes with a located error', () => {
    const lists = FM + Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(Math.min(i * 2, 20_000))}- item ${i}.`).join('\n');
    const quotes = FM + '>'.repeat(10_000) + ' deep.';
    for (const value of [lists, quotes]) {
      const doc = run(value);
      expect(rules(doc)).toEqual(['nesting-too-deep']);
      expect(doc.file.messages[0]!.line).toBeGreaterThan(7);
      expect(doc.segments).toEqual([]);
    }
  });

  it('parses moderate nesting (8 levels) normally', () => {
    const value = FM + Array.from({ length: 8 }, (_, i) => `${'  '.repeat(i)}- level ${i}.`).join('\n') + '\n' + '> '.repeat(8) + 'quoted.\n';
    const doc = run(value);
    expect(rules(doc)).toEqual([]);
    expect(doc.segments.map((s) => s.text)).toContain('level 7.');
    expect(doc.segments.map((s) => s.text)).toContain('quoted.');
  });

  it('segments a 1 MB line', { timeout: 60_000 }, () => {
    const value = `${FM}${'Word word. '.repeat(100_000)}\n`;
    const doc = run(value);
    expect(doc.segments).toHaveLength(100_000);
    expect(rebuilt(doc)).toBe(value);
  });

  it('reports NUL bytes and invalid UTF-8 at their place', () => {
    expect(rules(run(`${FM}Te\0xt.\n`))).toEqual(['nul-byte']);
    const bytes = new Uint8Array([...new TextEncoder().encode(`${FM}ok `), 0xff, 0xfe, 0x0a]);
    const doc = run(bytes);
    expect(rules(doc)).toEqual(['invalid-utf8']);
    expect(doc.file.messages[0]).toMatchObject({ line: 8, column: 4 });
  });

  it('handles BOM, CR, CRLF and mixed line endings losslessly', () => {
    for (const [eol, expected] of [['\r\n', ['line-ending']], ['\r', ['line-ending']], ['\n', []]] as const) {
      const value = `\uFEFF${FM}# Title\n\nOne. Two.\n\n- item. Next.\n`.replace(/\n/g, eol);
      const doc = run(value);
      expect(rules(doc)).toEqual(['bom', ...expected]);
      expect(rebuilt(doc)).toBe(value);
    }
    const mixed = `${FM}One.\r\nTwo.\rThree.\n`;
    const doc = run(mixed);
    expect(doc.file.messages[0]!.reason).toContain('mixed');
    expect(rebuilt(doc)).toBe(mixed);
  });

  it('keeps bidi controls, zero-width characters, emoji and astral-plane CJK inside segments', () => {
    const value = `${FM}Text \u202ereversed\u202c and zero\u200bwidth. 🙂 emoji 👩🏽‍💻 here. 𠀀𪚥 會議。\n`;
    const doc = run(value, 'en');
    expect(doc.segments.map((s) => s.text)).toEqual(['Text \u202ereversed\u202c and zero\u200bwidth.', '🙂 emoji 👩🏽‍💻 here.', '𠀀𪚥 會議。']);
    const zh = run(`${FM}𠀀𪚥会议。🙂下一句！\n`, 'zh');
    expect(zh.segments.map((s) => s.text)).toEqual(['𠀀𪚥会议。', '🙂下一句！']);
  });

  it('refuses oversized front matter with a message', () => {
    const value = `---\ntitle: T\nnotes: "${'x'.repeat(70_000)}"\n---\n\nText.\n`;
    expect(rules(run(value))).toEqual(['front-matter-too-large']);
  });
});
