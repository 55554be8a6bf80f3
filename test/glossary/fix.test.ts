import fc from 'fast-check';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixDoc, planFixes } from '../../pipeline/glossary/fix.js';
import { forbiddenHits } from '../../pipeline/glossary/check.js';
import { TermIndex } from '../../pipeline/glossary/forms.js';
import { openTermbase } from '../../pipeline/glossary/termbase.js';
import type { Doc } from '../../pipeline/types.js';
import { ROOT } from '../helpers/content.js';

let index: TermIndex;
beforeAll(async () => {
  index = new TermIndex(await openTermbase(ROOT));
});

/** A bare translation document: fix works on the text only. */
function doc(value: string): Doc {
  return { file: new VFile({ path: 'x/zh.md', value }), slug: 'x', lang: 'zh', value, frontMatter: undefined, bodyStart: 0, tree: { type: 'root', children: [] }, blocks: [], segments: [] };
}

const pieces = ['议会间联盟', '各国间议会联盟', '各国议会联盟', '利益相关者', '利益相关方', '多方利益相关方咨询委员会', '工作坊', '有意义访问政策网络', '国家和地区 IGF 倡议', 'IPU', '（', '）', '的', '会议', ' ', '\n', 'a', '。'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''));

describe('glossary fix', () => {
  it('leaves no forbidden variant, is idempotent and changes nothing outside the replaced ranges', () => {
    fc.assert(
      fc.property(text, (value) => {
        const fixed = fixDoc(doc(value), index);
        expect(forbiddenHits(doc(fixed.output), index)).toEqual([]);
        expect(fixDoc(doc(fixed.output), index).output).toBe(fixed.output);
        // Rebuild the output from the input outside the edits and the edit texts: nothing else differs.
        let rebuilt = '';
        let at = 0;
        for (const edit of fixed.applied) {
          rebuilt += value.slice(at, edit.start) + edit.text;
          at = edit.end;
        }
        expect(rebuilt + value.slice(at)).toBe(fixed.output);
        for (const edit of fixed.applied) expect(forbiddenHits(doc(value.slice(edit.start, edit.end)), index)).toHaveLength(1);
      }),
    );
  });

  it('fixes only the forbidden variant, not an approved form that contains the same characters', () => {
    const { edits } = planFixes(doc('各国议会联盟（IPU）与议会间联盟'), index);
    expect(edits.map((e) => [e.start, e.end, e.text])).toEqual([[12, 17, '各国议会联盟']]);
  });
});
