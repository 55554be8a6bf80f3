import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { treeWithoutLast } from '../pipeline/cut-tail.js';
import { findPasted, withoutPasted } from '../pipeline/disclaimer.js';
import { applyEdits } from '../pipeline/edits.js';
import { defaultLocales, translator } from '../pipeline/locales.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Doc } from '../pipeline/types.js';

const locales = defaultLocales();
const OPTIONS = { path: 'content/2024-06-01-x/zh.md', slug: '2024-06-01-x', lang: 'zh' };
const FRONT = '---\ntitle: "会议"\ndate: "2024-06-01"\nmeeting: "MAG"\nsource_commit: "0123456789abcdef0123456789abcdef01234567"\n---\n\n';

const load = (text: string): Doc => segment(parse(new TextEncoder().encode(text), OPTIONS));

/** What withoutPasted must give: the file with the pasted blocks removed, parsed as a file of its own. */
function reparsed(doc: Doc): Doc {
  const pasted = findPasted(doc.tree!, locales);
  return load(applyEdits(doc.value, pasted.map((p) => ({ start: p.start, end: p.end, text: '' }))).output);
}

function plain(doc: Doc) {
  return {
    value: doc.value,
    bodyStart: doc.bodyStart,
    frontMatter: doc.frontMatter,
    tree: doc.tree,
    blocks: doc.blocks,
    segments: doc.segments,
    messages: doc.file.messages.map((m) => [m.ruleId, m.line, m.column, m.reason]),
  };
}

const t = (lng: string) => translator(locales, lng);
const DISCLAIMERS = ['zh', 'en', 'fr'].flatMap((lng) => [`# ${t(lng)('disclaimer:heading')}`, `## ${t(lng)('disclaimer:heading')}`, t(lng)('disclaimer:text'), `> ${t(lng)('disclaimer:text')}`]);
const BLOCKS = [
  '会议讨论了多语言问题。', '- 第一项\n- 第二项', '1. 一\n2. 二', '  - 缩进的项', '> 引用', '## 议程', '```\n代码\n```', '```\n未闭合的代码',
  '| a | b |\n|---|---|\n| 1 | 2 |', '注释[^1]。', '[^1]: 脚注', '[ref]: https://example.org', '[链接][ref]', '<!-- 注释 -->', '段落\n===', '***', '    缩进代码',
  '- 列表\n\n  续段', '文字  \n换行', '', ' ', '\t',
];
const SEPARATORS = ['\n\n', '\n', '\n\n\n', '\n  \n', '\r\n\r\n', ' \n\n'];

const documents = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...BLOCKS), fc.constantFrom(...SEPARATORS)), { maxLength: 8 }),
    fc.array(fc.tuple(fc.constantFrom(...DISCLAIMERS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...BLOCKS), fc.constantFrom(...SEPARATORS)), { maxLength: 2 }),
    fc.constantFrom('', '\n', '\n\n', '  \n', '\t\n', '    \n'),
  )
  .map(([body, pasted, after, end]) => FRONT + [...body, ...pasted, ...after].map(([block, separator]) => block + separator).join('') + end);

describe('withoutPasted', () => {
  it('gives the document that parsing the file without its pasted disclaimers gives', () => {
    let derived = 0;
    fc.assert(
      fc.property(documents, (text) => {
        const doc = load(text);
        if (!doc.tree) return;
        const pasted = findPasted(doc.tree, locales);
        if (pasted.length === 0) return;
        const value = applyEdits(doc.value, pasted.map((p) => ({ start: p.start, end: p.end, text: '' }))).output;
        if (treeWithoutLast(doc.tree, doc.value, pasted, value)) derived++;
        expect(plain(withoutPasted(doc, locales))).toEqual(plain(reparsed(doc)));
      }),
      { numRuns: 500 },
    );
    // Both paths must have been taken: most documents end with their disclaimer.
    expect(derived).toBeGreaterThan(40);
  });

  it('parses again when whitespace lines after the disclaimer would extend an indented code block', () => {
    // Found by the property above: with the disclaimer gone, the tab line joins the code block before it.
    for (const tail of ['\t\n', '    \n', '\t\n\n']) {
      const doc = load(`${FRONT}    缩进代码\n\n${t('zh')('disclaimer:text')}\n\n${tail}`);
      const pasted = findPasted(doc.tree!, locales);
      const value = applyEdits(doc.value, pasted.map((p) => ({ start: p.start, end: p.end, text: '' }))).output;
      expect(treeWithoutLast(doc.tree!, doc.value, pasted, value)).toBeUndefined();
      expect(plain(withoutPasted(doc, locales))).toEqual(plain(reparsed(doc)));
    }
  });

  it('parses again when a block follows the disclaimer', () => {
    const doc = load(`${FRONT}会议。\n\n${t('zh')('disclaimer:text')}\n\n- 后面的列表\n`);
    const pasted = findPasted(doc.tree!, locales);
    const value = applyEdits(doc.value, pasted.map((p) => ({ start: p.start, end: p.end, text: '' }))).output;
    expect(treeWithoutLast(doc.tree!, doc.value, pasted, value)).toBeUndefined();
    expect(plain(withoutPasted(doc, locales))).toEqual(plain(reparsed(doc)));
  });
});
