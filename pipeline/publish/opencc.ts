/**
 * OpenCC's Simplified → Traditional (Taiwan) converter, with its dictionaries kept where the
 * garbage collector does not walk them.
 *
 * opencc-js keeps each dictionary as a trie of nested `Map`s: about 42 MB of small objects per
 * thread for `cn` → `tw`. Every major collection of a worker marks all of them, and in a build a
 * worker collects dozens of times: with the converter loaded, a worker spent about a third of
 * its CPU collecting garbage, against a tenth without it. This module builds the same tries in
 * typed arrays (an open-addressing table of `(node, code point) → child`, and the replacements
 * as offsets into one string), so a collection has almost nothing of them to mark.
 *
 * Only the storage changes. The matching is opencc-js's own: `CompactTrie` extends its `Trie`,
 * whose `loadDict`, `segment` and `convert` call the `addWord` and `matchPrefix` defined here,
 * and the converter chains normalisation, segmentation and conversion as opencc-js's `Converter`
 * does for the same configuration (`Locale.configs.s2tw`). test/publish/opencc.test.ts compares
 * the result with opencc-js's converter on the bundled translations and on generated text.
 */
import * as OpenCC from 'opencc-js';
import type { DictGroup, DictLike, Trie as TrieClass } from 'opencc-js/core';

// opencc-js's full.d.ts re-exports its classes from './core' without an extension, which NodeNext
// resolution cannot follow: the values come from the package, their types from its core typings.
const Trie = OpenCC.Trie as typeof TrieClass;

/** A trie matching as opencc-js's `Trie` does, stored in typed arrays once `compile()` ran. */
export class CompactTrie extends Trie {
  /** Words added and not compiled yet (the last replacement of a source wins, as in opencc-js). */
  private words: Map<string, string> | undefined = new Map();
  /** Hash table of transitions: parent node (-1 for a free slot), code point, child node. */
  private parents = new Int32Array(0);
  private codes = new Int32Array(0);
  private children = new Int32Array(0);
  private mask = 0;
  /** Per node, its replacement as `replacements.slice(start, end)`; `start` is -1 when the node ends no word. */
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private replacements = '';

  override addWord(source: string, replacement: string): void {
    if (!this.words) throw new Error('CompactTrie: a word was added after compile()');
    this.words.set(source, replacement);
  }

  /** Moves the words added into the typed arrays; matching works from then on. */
  compile(): this {
    const words = this.words;
    if (!words) return this;
    this.words = undefined;
    let bound = 1;
    for (const source of words.keys()) bound += source.length;
    let size = 16;
    while (size < 2 * bound) size *= 2;
    this.parents = new Int32Array(size).fill(-1);
    this.codes = new Int32Array(size);
    this.children = new Int32Array(size);
    this.mask = size - 1;
    const starts = new Int32Array(bound).fill(-1);
    const ends = new Int32Array(bound);
    const parts: string[] = [];
    let nodes = 1;
    let offset = 0;
    for (const [source, replacement] of words) {
      let node = 0;
      for (let i = 0; i < source.length; ) {
        const code = source.codePointAt(i)!;
        i += code > 0xffff ? 2 : 1;
        let slot = this.slotOf(node, code);
        if (this.parents[slot] === -1) {
          this.parents[slot] = node;
          this.codes[slot] = code;
          this.children[slot] = nodes++;
        }
        node = this.children[slot]!;
      }
      // opencc-js's root can hold a value too, but matchPrefix never returns it (nothing consumed).
      if (node === 0) continue;
      starts[node] = offset;
      parts.push(replacement);
      offset += replacement.length;
      ends[node] = offset;
    }
    this.starts = starts.slice(0, nodes);
    this.ends = ends.slice(0, nodes);
    this.replacements = parts.join('');
    return this;
  }

  /** The slot of the transition from `node` on `code`, or the free slot where it would go. */
  private slotOf(node: number, code: number): number {
    let hash = Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b);
    hash ^= hash >>> 15;
    let slot = hash & this.mask;
    for (;;) {
      const parent = this.parents[slot]!;
      if (parent === -1 || (parent === node && this.codes[slot] === code)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The longest word starting at `offset` (by code points, as opencc-js walks its trie). */
  override matchPrefix(text: string, offset: number): { end: number; value: string } | null {
    if (this.words) this.compile();
    const length = text.length;
    let node = 0;
    let found = -1;
    let end = 0;
    for (let i = offset; i < length; ) {
      const code = text.codePointAt(i)!;
      i += code > 0xffff ? 2 : 1;
      const slot = this.slotOf(node, code);
      if (this.parents[slot] === -1) break;
      node = this.children[slot]!;
      if (this.starts[node]! >= 0) {
        found = node;
        end = i;
      }
    }
    return found === -1 ? null : { end, value: this.replacements.slice(this.starts[found], this.ends[found]) };
  }
}

/** A configuration of opencc-js's `Locale.configs`, with the normalisation its typings leave out. */
interface Config {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

function isGroup(dicts: DictLike | DictGroup): dicts is DictGroup {
  return Array.isArray(dicts) && dicts.every((dict) => typeof dict === 'string');
}

function trieOf(group: DictGroup): CompactTrie {
  const trie = new CompactTrie();
  trie.loadDictGroup(group);
  return trie.compile();
}

/** The segmentation dictionaries, read as opencc-js reads them: a list of dictionary strings is a group. */
function segmenterOf(dicts: DictLike | DictGroup): CompactTrie {
  if (isGroup(dicts)) return trieOf(dicts);
  const trie = new CompactTrie();
  trie.loadDict(dicts as DictLike);
  return trie.compile();
}

/**
 * The converter opencc-js's `Converter({ from, to })` makes, built on `CompactTrie`s: normalise,
 * cut into the segmentation dictionary's words, convert each piece through the chain, join.
 */
export function compactConverter(from: string, to: string): (text: string) => string {
  const name = from === 'cn' ? `s2${to}` : `${from}2${to}`;
  const config = (OpenCC.Locale.configs as Record<string, Config | undefined>)[name];
  if (!config) throw new Error(`OpenCC has no configuration ${name}`);
  // opencc-js flattens the normalisation chain into groups; every configuration it ships has groups of dictionary strings.
  const normalizers = (config.normalizationChain ?? []).map((group) => {
    if (!isGroup(group)) throw new Error(`OpenCC configuration ${name}: unexpected normalisation dictionaries`);
    return trieOf(group);
  });
  const segmenter = config.segmentation ? segmenterOf(config.segmentation) : undefined;
  const chain = config.conversionChain.map(trieOf);
  return (text) => {
    let normalized = text;
    for (const trie of normalizers) normalized = trie.convert(normalized);
    let pieces = segmenter ? segmenter.segment(normalized) : [normalized];
    for (const trie of chain) pieces = pieces.map((piece) => trie.convert(piece));
    return pieces.join('');
  };
}
