import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesOf, inlineOf, toMarkdown, type Inline } from '../../pipeline/exchange/inline.js';
import { loadDoc } from '../../pipeline/load.js';
import { parse } from '../../pipeline/parse.js';
import { segment } from '../../pipeline/segment.js';
import { contentFiles, ROOT } from '../helpers/content.js';

const MARKUP = path.join(ROOT, 'test/fixtures/exchange/markup/content/2024-05-01-markup');

describe('inline codes', () => {
  it('give back every segment and block of the corpus byte for byte', async () => {
    for (const file of contentFiles()) {
      const doc = await loadDoc(path.join(ROOT, file), path.basename(path.dirname(file)), ROOT);
      expect(doc.segments.length).toBeGreaterThan(0);
      for (const s of doc.segments) expect(toMarkdown(inlineOf(doc, s.start, s.end))).toBe(s.text);
      for (const b of doc.blocks) expect(toMarkdown(inlineOf(doc, b.start, b.end))).toBe(doc.value.slice(b.start, b.end));
    }
  });

  it('turn links, bold, emphasis and strikethrough into paired codes and the rest into standalone ones', async () => {
    const doc = await loadDoc(path.join(MARKUP, 'en.md'), '2024-05-01-markup', ROOT);
    const codes = doc.blocks.flatMap((b) => codesOf(inlineOf(doc, b.start, b.end)));
    const summary = codes.map((c) => `${c.type}:${c.kind}:${c.type === 'ph' ? c.data : `${c.dataStart}|${c.dataEnd}`}`);
    expect(summary).toEqual([
      'pc:strong:**|**',
      'pc:link:[|](https://example.org/riyadh "Host city")',
      'ph:inlineCode:`bitext check`',
      'ph:footnoteReference:[^1]',
      'pc:emphasis:*|*',
      'pc:delete:~~|~~',
      'ph:break:  \n',
      'ph:image:![logo](logo.png)',
      'pc:strong:**|**',
      'pc:link:[|](https://example.org/?a=1&b=2)',
      'ph:inlineCode:`code <tag> "q"`',
      'ph:link:<https://www.intgovforum.org/>',
    ]);
  });

  it('nest a link inside bold', async () => {
    const doc = await loadDoc(path.join(MARKUP, 'en.md'), '2024-05-01-markup', ROOT);
    const nested = doc.segments.find((s) => s.text.startsWith('Nested'))!;
    const items = inlineOf(doc, nested.start, nested.end);
    const bold = items.find((i): i is Inline & { type: 'pc' } => i.type === 'pc')!;
    expect(bold.kind).toBe('strong');
    expect(bold.children.map((c) => c.type)).toEqual(['text', 'pc']);
  });

  it('are lossless on any mix of Markdown inline syntax', () => {
    const piece = fc.constantFrom('word', ' ', '**', '*', '_', '`', '[', ']', '(', ')', '<', '>', '!', '~~', '[^1]', 'https://x.org', '\\', '.', '。', '中文', '&', '\n');
    let checked = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const body = pieces.join('');
        const value = `---\ntitle: t\n---\n\n${body}\n\n[^1]: note\n`;
        const doc = segment(parse(new TextEncoder().encode(value), { path: 'x/en.md', slug: 'x', lang: 'en' }));
        for (const s of doc.segments) expect(toMarkdown(inlineOf(doc, s.start, s.end))).toBe(s.text);
        checked += doc.segments.length;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});
