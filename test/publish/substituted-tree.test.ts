import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parse, parseBody } from '../../pipeline/parse.js';
import { substitutedTree } from '../../pipeline/publish/substituted-tree.js';
import { LETTERS, refusedMarkdown, zhMarkdown } from '../helpers/zh-markdown.js';

const LETTER = /^\p{Lo}$/u;

/**
 * `text` with letters swapped for others: every one of some letters, as OpenCC does, or those at
 * chosen positions, as its phrases do (several letters may become one).
 */
function swapLetters(text: string, everywhere: ReadonlyMap<string, string>, swaps: readonly (readonly [number, string])[]): string {
  const chars = text.split('').map((c) => everywhere.get(c) ?? c);
  const letters = [...text.matchAll(/\p{Lo}/gu)].map((m) => m.index).filter((i) => text.charCodeAt(i) < 0xd800 || text.charCodeAt(i) > 0xdfff);
  if (letters.length > 0) for (const [n, letter] of swaps) chars[letters[n % letters.length]!] = letter;
  return chars.join('');
}

const FROM = ['发', '干', '后', '头', '里', '台', '系', '会', '项', '国', '注', '展', '图', '發'];
/** What a letter must not become: punctuation, a modifier letter, spaces, syntax, ASCII. */
const NOT_LETTERS = ['·', '•', '。', '々', '\u3000', ' ', '*', '_', '[', 'a'];

const text = fc.oneof({ weight: 3, arbitrary: zhMarkdown }, fc.tuple(zhMarkdown, refusedMarkdown).map(([a, b]) => `${a}\n\n${b}`));
const letterSwaps = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(...FROM), fc.constantFrom(...LETTERS)), { maxLength: 6 }).map((pairs) => new Map(pairs)),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...LETTERS)), { maxLength: 20 }),
);
/** Now and then some changes that are not letter for letter (the copy must be refused), at letters or anywhere. */
const otherChanges = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ everywhere: new Map<string, string>(), swaps: [] as [number, string][] }) },
  fc.tuple(fc.constantFrom(...FROM), fc.constantFrom(...NOT_LETTERS)).map(([from, to]) => ({ everywhere: new Map([[from, to]]), swaps: [] as [number, string][] })),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOT_LETTERS)), { minLength: 1, maxLength: 3 }).map((swaps) => ({ everywhere: new Map<string, string>(), swaps })),
);

const swapped = fc.tuple(text, letterSwaps, otherChanges, fc.option(fc.tuple(fc.nat(), fc.constantFrom(...NOT_LETTERS)))).map(([original, [everywhere, swaps], other, anywhere]) => {
  let changed = swapLetters(swapLetters(original, everywhere, swaps), other.everywhere, other.swaps);
  if (anywhere && changed.length > 0 && anywhere[0] % 4 === 0) {
    const at = anywhere[0] % changed.length;
    changed = changed.slice(0, at) + anywhere[1] + changed.slice(at + 1);
  }
  return { text: original, changed };
});

describe('substitutedTree', () => {
  it('is the tree remark-parse makes of the changed text whenever it gives one', () => {
    let copied = 0;
    let changedCopies = 0;
    fc.assert(
      fc.property(swapped, fc.boolean(), ({ text, changed }, wholeText) => {
        // The body after the front matter, as parse() gives it, or all of the text (a BOM then stays).
        const bodyStart = wholeText ? 0 : parse(new TextEncoder().encode(text), { path: 'zh.md', slug: 'x', lang: 'zh' }).bodyStart;
        const copy = substitutedTree(parseBody(text, bodyStart), text, changed, bodyStart);
        if (!copy) return;
        copied++;
        if (changed !== text) changedCopies++;
        expect(copy).toStrictEqual(parseBody(changed, bodyStart));
      }),
      { numRuns: 400 },
    );
    // Worth something only if most documents were copied, with letters changed.
    expect(copied).toBeGreaterThan(120);
    expect(changedCopies).toBeGreaterThan(100);
  });

  it('is refused or right when letters next to markup become something else', () => {
    // Whether `*`, `_`, `~` open or close, whether `www.` or `[` start a construct, depends on the
    // characters around them being letters: the changes most likely to change the tree.
    let changes = 0;
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOT_LETTERS, ...LETTERS)), { minLength: 1, maxLength: 4 }), (original, swaps) => {
        const nearMarkup = [...original.matchAll(/\p{Lo}(?=[*_~\[\]()<>`!&\\])|(?<=[*_~\[\]()<>`!&\\])\p{Lo}/gu)].map((m) => m.index);
        if (nearMarkup.length === 0) return;
        const chars = original.split('');
        for (const [n, to] of swaps) chars[nearMarkup[n % nearMarkup.length]!] = to;
        const changed = chars.join('');
        if (changed !== original) changes++;
        const copy = substitutedTree(parseBody(original, 0), original, changed, 0);
        if (copy) expect(copy).toStrictEqual(parseBody(changed, 0));
      }),
      { numRuns: 300 },
    );
    expect(changes).toBeGreaterThan(150);
  });

  it('refuses texts that differ by more than letters', () => {
    const tree = parseBody('发展 *a*\n', 0);
    expect(substitutedTree(tree, '发展 *a*\n', '發展 *a*\n', 0)).toBeDefined();
    expect(substitutedTree(tree, '发展 *a*\n', '發展 *b*\n', 0)).toBeUndefined();
    expect(substitutedTree(tree, '发展 *a*\n', '發展 *a* \n', 0)).toBeUndefined();
    expect(substitutedTree(tree, '发展 *a*\n', '發展\u3000*a*\n', 0)).toBeUndefined();
    expect(LETTER.test('\u3000')).toBe(false);
  });

  it('refuses a BOM parseBody did not blank: micromark counts offsets after it', () => {
    const text = '\uFEFF*發*\n';
    expect(substitutedTree(parseBody(text, 0), text, '\uFEFF*发*\n', 0)).toBeUndefined();
    expect(substitutedTree(parseBody(text, 1), text, '\uFEFF*发*\n', 1)).toStrictEqual(parseBody('\uFEFF*发*\n', 1));
  });

  it('refuses labels with letters, which letters folded together can make match', () => {
    // 发 and 發 both become 發: the converted file has a link where the original has text.
    const text = '[发]\n\n[發]: https://example.org\n';
    const changed = '[發]\n\n[發]: https://example.org\n';
    expect(parseBody(text, 0).children[0]).toMatchObject({ children: [{ type: 'text' }] });
    expect(parseBody(changed, 0).children[0]).toMatchObject({ children: [{ type: 'linkReference' }] });
    expect(substitutedTree(parseBody(text, 0), text, changed, 0)).toBeUndefined();
  });

  it('refuses letters a character reference may have made', () => {
    // The alt text's 发 comes from the reference; the 发 of the source is in the nested link's URL, which alt drops.
    const text = '![&#x53D1; [x](发)](y.png)\n';
    const changed = '![&#x53D1; [x](發)](y.png)\n';
    expect(substitutedTree(parseBody(text, 0), text, changed, 0)).toBeUndefined();
    expect(parseBody(changed, 0)).toMatchObject({ children: [{ children: [{ alt: '发 x' }] }] });
  });

  it('converts URLs, titles, alt texts, code info and autolinks', () => {
    const text = '[链接](https://例子.cn/发 "发展") ![头发](发.png) <https://例子.cn/发> www.例子.cn/发\n\n```js 发\n发\n```\n';
    const changed = text.replace(/发/g, '發').replace(/头/g, '頭');
    const copy = substitutedTree(parseBody(text, 0), text, changed, 0);
    expect(copy).toStrictEqual(parseBody(changed, 0));
    expect(JSON.stringify(copy)).not.toContain('发');
  });

  it('copies a tree that went through JSON (the parse cache) to the fresh parse but for keys JSON drops', () => {
    // The autolink transform makes nodes with `position: undefined`; JSON keeps no undefined key.
    const text = '见 [x](https://example.org/x) https://example.org/x 和 a@b.org。\n';
    const changed = text.replace('见', '見');
    const cached = JSON.parse(JSON.stringify(parseBody(text, 0))) as Root;
    const copy = substitutedTree(cached, text, changed, 0);
    expect(copy).toEqual(parseBody(changed, 0));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parseBody(changed, 0)));
  });

  it('shares no object with the original tree', () => {
    const text = '# 发展\n\n- 项目 [a](b)\n';
    const tree = parseBody(text, 0);
    const before = structuredClone(tree);
    const copy = substitutedTree(tree, text, text.replace('发', '發'), 0)!;
    const seen = new Set<object>();
    const collect = (value: unknown) => {
      if (value === null || typeof value !== 'object') return;
      seen.add(value);
      for (const item of Object.values(value)) collect(item);
    };
    collect(tree);
    const shared: object[] = [];
    const check = (value: unknown) => {
      if (value === null || typeof value !== 'object') return;
      if (seen.has(value)) shared.push(value);
      for (const item of Object.values(value)) check(item);
    };
    check(copy);
    expect(shared).toEqual([]);
    expect(tree).toStrictEqual(before);
  });
});
