import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../pipeline/load.js';
import { CompactTrie, compactConverter } from '../../pipeline/publish/opencc.js';
import { ROOT } from '../helpers/content.js';

const reference = OpenCC.Converter({ from: 'cn', to: 'tw' });
const compact = compactConverter('cn', 'tw');

/** Sources of the `cn` → `tw` dictionaries, every 97th of them: phrases, characters, normalisations. */
function dictionarySources(): string[] {
  const sources: string[] = [];
  const configs = OpenCC.Locale.configs as unknown as Record<string, Record<string, unknown>>;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      value.split('|').forEach((entry, i) => {
        if (i % 97 === 0) sources.push(entry.split(' ')[0]!);
      });
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const part of Object.values(configs.s2tw!)) visit(part);
  return sources.filter(Boolean);
}

const SOURCES = dictionarySources();
/** Text around dictionary words: ASCII, Markdown, ideographic description sequences (⿰ takes the next two as one), astral characters, lone surrogates. */
const OTHERS = ['a', 'MAG', ' ', '\n', '# ', '**', '⿰', '⿱', '⿲', '𠮷', '𩸽', '\ud800', '\udc00', '的', '了', '项目', '发展', '利益攸关方', '数字契约'];
const text = fc.array(fc.oneof(fc.constantFrom(...SOURCES), fc.constantFrom(...OTHERS)), { maxLength: 30 }).map((parts) => parts.join(''));

describe('compact OpenCC converter', () => {
  it('has dictionaries to draw from', () => {
    expect(SOURCES.length).toBeGreaterThan(500);
  });

  it('converts generated text as opencc-js does', () => {
    let changed = 0;
    fc.assert(
      fc.property(text, (value) => {
        const expected = reference(value);
        expect(compact(value)).toBe(expected);
        if (expected !== value) changed++;
      }),
      { numRuns: 2000 },
    );
    // Worth something only if most cases were converted.
    expect(changed).toBeGreaterThan(1000);
  });

  it('converts the bundled translations as opencc-js does', async () => {
    const { docs } = await loadCorpus(['content'], { cwd: ROOT });
    const zh = docs.filter((doc) => doc.lang === 'zh');
    expect(zh.length).toBeGreaterThan(0);
    for (const doc of zh) expect(compact(doc.value), doc.file.path).toBe(reference(doc.value));
  });

  it('takes the longest word, the first replacement given, and words added before matching', () => {
    const trie = new CompactTrie();
    // opencc-js loads a group's dictionaries last first, so the first one's replacement wins.
    trie.loadDictGroup(['ab X|abc Y', 'ab Z|b W']);
    expect(trie.convert('abcd ab b')).toBe('Yd X W');
    expect(() => trie.addWord('c', 'V')).toThrow(/after compile/);
  });
});
