import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import { align } from '../pipeline/align.js';
import { alignmentJson, formatAlignment } from '../pipeline/align-format.js';
import { loadMeeting } from '../pipeline/load.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Alignment, Doc } from '../pipeline/types.js';
import { CONTENT, ROOT } from './helpers/content.js';

const brochure = async (): Promise<Alignment> => {
  const dir = path.join(CONTENT, '2024-12-15-nris-brochure');
  const meeting = await loadMeeting(dir, [path.join(dir, 'zh.md')], ROOT);
  return align(meeting.source!, meeting.translations[0]!);
};
const FM = '---\ntitle: "x"\ndate: "2024-01-01"\nmeeting: "x"\nkind: summary\n---\n\n';
const doc = (value: string, lang: string): Doc => segment(parse(new TextEncoder().encode(FM + value), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));

describe('formatAlignment json', () => {
  it('is exactly {links: [{source: [{id, text}], target: [...], score}]}, in document order, texts as written', async () => {
    const a = await brochure();
    const json = JSON.parse(formatAlignment(a, 'json')) as ReturnType<typeof alignmentJson>;
    expect(Object.keys(json)).toEqual(['links']);
    for (const link of json.links) {
      expect(Object.keys(link)).toEqual(['source', 'target', 'score']);
      for (const s of [...link.source, ...link.target]) expect(Object.keys(s)).toEqual(['id', 'text']);
    }
    expect(json.links.flatMap((l) => l.source.map((s) => s.text))).toEqual(a.source.segments.map((s) => s.text));
    expect(json.links.flatMap((l) => l.target.map((s) => s.id))).toEqual(a.target.segments.map((s) => s.id));
    expect(json.links.map((l) => l.score)).toEqual(a.links.map((l) => l.score));
  });
});

describe('formatAlignment md', () => {
  it('gives every block of both languages in order, English first, and keeps both sets of footnotes apart', async () => {
    const a = await brochure();
    const md = formatAlignment(a, 'md');
    const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
    const definitions: string[] = [];
    visit(tree, 'footnoteDefinition', (node) => {
      definitions.push(node.identifier);
    });
    expect(definitions).toEqual(['1', 'zh-1', '2', 'zh-2', '3', 'zh-3', '4', 'zh-4']);
    const references: string[] = [];
    visit(tree, 'footnoteReference', (node) => {
      references.push(node.identifier);
    });
    expect(references).toEqual(['1', '2', 'zh-1', 'zh-2', '3', '4', 'zh-3', 'zh-4']);
    const text = toString(tree);
    let cursor = 0;
    for (const link of a.blocks) {
      for (const b of [...link.source.map((i) => a.source.blocks[i]!), ...link.target.map((i) => a.target.blocks[i]!)]) {
        if (b.kind === 'footnote') continue;
        const first = toString(unified().use(remarkParse).use(remarkGfm).parse(b.segments[0]!.text)).replace(/\[\^\d+\]/gu, '').slice(0, 12);
        const at = text.indexOf(first, cursor);
        expect(at, first).toBeGreaterThanOrEqual(cursor);
        cursor = at;
      }
    }
    expect(md).toContain('\n## The Internet Governance Forum (IGF) is a process\n\n## 互联网治理论坛（IGF）是一个进程\n');
  });

  it('keeps the numbers of ordered list items in both languages', async () => {
    const dir = path.join(CONTENT, '2024-02-27-first-open-consultations-mag');
    const meeting = await loadMeeting(dir, [path.join(dir, 'zh.md')], ROOT);
    const tree = unified().use(remarkParse).parse(formatAlignment(align(meeting.source!, meeting.translations[0]!), 'md')) as Root;
    const starts: [number | null | undefined, string][] = [];
    visit(tree, 'list', (list) => {
      if (list.ordered) starts.push([list.start, toString(list).slice(0, 4)]);
    });
    expect(starts).toEqual([[1, 'Harn'], [1, '在数字领'], [2, 'Enha'], [2, '加强对和'], [3, 'Adva'], [3, '在数字时'], [4, 'Impr'], [4, '改善数字']]);
  });

  it('escapes Markdown a translator wrote as text, so the file parses back to the same text', () => {
    const a = align(doc('Use the *Internet We Want* paper.\n', 'en'), doc('使用 1\\. 和 \\*星号\\* 文件。\n', 'zh'));
    const tree = unified().use(remarkParse).parse(formatAlignment(a, 'md')) as Root;
    expect(toString(tree)).toBe('Use the Internet We Want paper.使用 1. 和 *星号* 文件。');
  });
});

describe('formatAlignment html', () => {
  it('is a side-by-side table with one row per link and lang on every cell', async () => {
    const a = await brochure();
    const html = formatAlignment(a, 'html');
    expect(html.startsWith('<table class="bitext-alignment"><thead>')).toBe(true);
    expect(html.match(/<tr data-link=/gu)).toHaveLength(a.links.length);
    expect(html.match(/<td lang="en" dir="ltr">/gu)).toHaveLength(a.links.length);
    expect(html.match(/<td lang="zh" dir="ltr">/gu)).toHaveLength(a.links.length);
    expect(html).toContain('<a href="mailto:igf@un.org">igf@un.org</a>');
  });

  it('escapes text and sanitises markup: no script, no javascript: links', () => {
    const a = align(
      doc('Compare a < b & c. See [the call](javascript:alert(1)).\n', 'en'),
      doc('比较 a < b & c。见<script>alert(1)</script>[征集](javascript:alert(1))。\n', 'zh'),
    );
    const html = formatAlignment(a, 'html');
    expect(html).not.toMatch(/<script|javascript:/iu);
    expect(html).toContain('a &#x3C; b &#x26; c');
  });
  it('renders each sentence as it parses alone: a definition or an open fence in one sentence changes no other', () => {
    const a = align(
      doc('See [x] here. [x]: https://example.org\n\nA sentence. ~~~ tilde fence\n\nAfter the *fence* text. 2024. A year.\n', 'en'),
      doc('见 [x]。[x]: https://example.org\n\n一句话。~~~ 波浪\n\n*围栏*之后。\n', 'zh'),
    );
    const html = formatAlignment(a, 'html');
    expect(html).toContain('<td lang="en" dir="ltr">See [x] here.</td>');
    expect(html).toContain('<td lang="en" dir="ltr">[x]: https://example.org</td>');
    expect(html).toContain('<td lang="en" dir="ltr">~~~ tilde fence</td>');
    // `2024.` alone is an ordered list, so it stays text; the sentence before it keeps its emphasis.
    expect(html).toContain('<td lang="en" dir="ltr">After the <em>fence</em> text. 2024.</td>');
    expect(html).toContain('<td lang="zh" dir="ltr"><em>围栏</em>之后。</td>');
    expect(html).not.toContain('<a href');
  });
});

describe('formatAlignment table', () => {
  it('puts every link on its own rows, wrapped to fit the columns, CJK counted double-width', async () => {
    const a = await brochure();
    const lines = formatAlignment(a, 'table').trimEnd().split('\n');
    expect(lines.filter((l) => /^\d-\d /u.test(l))).toHaveLength(a.links.length);
    const width = (s: string) => [...s].reduce((n, c) => n + (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(c) ? 2 : 1), 0);
    for (const line of lines.slice(2)) expect(width(line)).toBeLessThanOrEqual(12 + 58 + 2 + 58);
    expect(lines[2]).toContain('Internet Governance Forum');
    expect(lines[2]).toContain('互联网治理论坛');
  });
});
