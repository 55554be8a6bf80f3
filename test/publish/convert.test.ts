import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../pipeline/load.js';
import { parse } from '../../pipeline/parse.js';
import { convertToTraditional, toTraditional } from '../../pipeline/publish/convert.js';
import { substitutedTree } from '../../pipeline/publish/substituted-tree.js';
import { segment } from '../../pipeline/segment.js';
import type { Doc } from '../../pipeline/types.js';
import { ROOT } from '../helpers/content.js';
import { refusedMarkdown, zhMarkdown } from '../helpers/zh-markdown.js';

const SLUG = '2024-02-27-x';
const readZh = (text: string): Doc => segment(parse(new TextEncoder().encode(text), { path: `content/${SLUG}/zh.md`, slug: SLUG, lang: 'zh' }));

/** The converted edition as it was made before the copy: the converted text parsed as a file of its own. */
function reparsed(doc: Doc): Doc {
  const path = doc.file.path.replace(/zh\.md$/, 'zh-Hant.md');
  return segment(parse(new TextEncoder().encode(toTraditional(doc.value)), { path, slug: doc.slug, lang: 'zh-Hant' }));
}

/** Everything of a document the pipeline reads, as plain data (a message's stack names the code that made it). */
function view(doc: Doc): unknown {
  const { file, ...rest } = doc;
  const messages = file.messages.map((m) => ({
    reason: m.reason,
    message: m.message,
    ruleId: m.ruleId,
    source: m.source,
    place: m.place,
    line: m.line,
    column: m.column,
    fatal: m.fatal,
    file: m.file,
    url: m.url,
    note: m.note,
    actual: m.actual,
    expected: m.expected,
    cause: m.cause,
    ancestors: m.ancestors,
  }));
  return { ...rest, file: { path: file.path, value: file.value, history: file.history, cwd: file.cwd, data: file.data, messages } };
}

/** Whether the converted tree of `doc` is copied rather than parsed. */
const copied = (doc: Doc): boolean => Boolean(doc.tree && substitutedTree(doc.tree, doc.value, toTraditional(doc.value), doc.bodyStart));

describe('convertToTraditional', () => {
  it('gives the document a parse of the converted file gives', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: zhMarkdown }, fc.tuple(zhMarkdown, refusedMarkdown).map(([a, b]) => `${a}\n\n${b}`)), (text) => {
        const zh = readZh(text);
        if (copied(zh)) fast++;
        expect(view(convertToTraditional(zh))).toStrictEqual(view(reparsed(zh)));
      }),
      { numRuns: 300 },
    );
    // Worth something only if most documents took the copy.
    expect(fast).toBeGreaterThan(120);
  });

  it('copies the trees of the bundled meetings and gives them their parse', async () => {
    const { docs } = await loadCorpus(['content'], { cwd: ROOT });
    const zh = docs.filter((doc) => doc.lang === 'zh');
    expect(zh.length).toBeGreaterThan(0);
    for (const doc of zh) {
      expect(copied(doc), doc.file.path).toBe(true);
      expect(view(convertToTraditional(doc)), doc.file.path).toStrictEqual(view(reparsed(doc)));
    }
  });

  it('converts the front matter, names the converted file and locates its messages', () => {
    const doc = convertToTraditional(readZh('---\ntitle: 发展\ndate: "2024-02-27"\nmeeting: 会议\nkind: summary\n备注: 头发\n---\n\n# 发展\r\n'));
    expect(doc.file.path).toBe(`content/${SLUG}/zh-Hant.md`);
    expect(doc.frontMatter).toMatchObject({ title: '發展', meeting: '會議' });
    expect(doc.file.messages.map((m) => m.reason)).toEqual([expect.stringContaining('CRLF'), expect.stringContaining('備註')]);
    expect(doc.tree).toMatchObject({ children: [{ type: 'heading', children: [{ value: '發展' }] }] });
    expect(doc.segments.map((s) => s.text)).toEqual(['發展']);
  });
});
