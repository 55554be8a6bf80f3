/**
 * Multi-pattern matching: one pass over a text finds every occurrence of any
 * number of literal terms (Aho–Corasick).
 *
 * Written by hand: the npm Aho–Corasick packages are unmaintained and none
 * offers what a termbase needs together: per-pattern case rules (MAG is not
 * "mag", "stakeholder" is "Stakeholder"), Unicode word boundaries for
 * space-separated scripts and none for CJK, and UTF-16 offsets that are
 * offsets into the file. Patterns are literals, so there is no regex and no
 * catastrophic backtracking; the scan is linear in the text plus the matches.
 */

/** A literal to find, with the data the caller wants back on each match. */
export interface Pattern<T> {
  text: string;
  /** Match the exact case; otherwise letters are compared case-folded. */
  caseSensitive: boolean;
  data: T;
}

/** An occurrence of a pattern: half-open UTF-16 offsets into the text. */
export interface Match<T> {
  start: number;
  end: number;
  /** The text as written at that place. */
  text: string;
  pattern: Pattern<T>;
}

/** Letters and digits of scripts that separate words with spaces (CJK ideographs, kana and hangul excluded). */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether `c` is part of a word of a space-separated script. */
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c) && !NO_SPACES.test(c);
}

/** Case folding of every UTF-16 code unit, length-preserving (so offsets stay offsets into the original); built on first use. */
let foldTable: Uint16Array | undefined;

function folds(): Uint16Array {
  if (!foldTable) {
    foldTable = new Uint16Array(0x10000);
    for (let code = 0; code < 0x10000; code++) {
      const lower = String.fromCharCode(code).toLowerCase();
      foldTable[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
    }
    // Typographic apostrophes are the same letter to a reader: l’Internet is l'Internet.
    foldTable[0x2019] = 0x27;
    foldTable[0x2bc] = 0x27;
  }
  return foldTable;
}

/** The code point ending just before `index` (surrogate pairs joined). */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1];
}

/** The code point starting at `index`. */
function charAt(text: string, index: number): string | undefined {
  if (index >= text.length) return undefined;
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

/**
 * An Aho–Corasick automaton over case-folded patterns. Case-sensitive
 * patterns are verified against the original text on a hit, so one automaton
 * serves both kinds.
 *
 * The trie is built with maps, then compiled into typed arrays: a dense
 * table for the root (most characters of a text fall back to it) and one
 * open-addressing hash of (state, code unit) for every other transition, so
 * a lookup touches a few contiguous cells whatever the number of terms.
 */
export class Matcher<T> {
  readonly patterns: readonly Pattern<T>[];
  /** Number of states, for benchmarks. */
  readonly size: number;
  private readonly root = new Int32Array(0x10000);
  private readonly mask: number;
  /** Open-addressing hash of transitions, three cells per slot side by side: state (-1: empty), code unit, target. */
  private readonly table: Int32Array;
  /**
   * Per state, four cells side by side so a visit reads one cache line: two words with a bit per
   * (code unit mod 64) of its transitions (most failed lookups end there, without probing the hash),
   * the state itself if patterns end there or else the nearest such state on its failure chain
   * (-1: none), and its failure link.
   */
  private readonly info: Int32Array;
  /** The next state with output on the failure chain of a state with output; -1: none. */
  private readonly dict: Int32Array;
  /** Patterns ending at a state. */
  private readonly out: Map<number, number[]>;

  constructor(patterns: Iterable<Pattern<T>>) {
    this.patterns = [...patterns].filter((p) => p.text.length > 0);
    const trie = buildTrie(this.patterns.map((p) => p.text));
    this.size = trie.next.length;
    this.out = trie.out;
    this.info = new Int32Array(this.size * 4);
    this.dict = new Int32Array(this.size).fill(-1);
    let edges = 0;
    for (const map of trie.next) edges += map.size;
    // A load factor of at most 1/4 keeps unsuccessful probes short.
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, edges * 4)));
    this.mask = capacity - 1;
    this.table = new Int32Array(capacity * 3).fill(-1);
    for (const [code, to] of trie.next[0]!) this.root[code] = to;
    trie.next.forEach((map, state) => {
      if (state === 0) return;
      for (const [code, to] of map) {
        let slot = hash(state, code) & this.mask;
        while (this.table[slot * 3] !== -1) slot = (slot + 1) & this.mask;
        this.table[slot * 3] = state;
        this.table[slot * 3 + 1] = code;
        this.table[slot * 3 + 2] = to;
        const bit = state * 4 + ((code >> 5) & 1);
        this.info[bit] = this.info[bit]! | (1 << (code & 31));
      }
    });
    // Breadth-first order (the order states were linked in) sets each state's links from shorter ones.
    this.info[2] = -1;
    for (const state of trie.order) {
      const linked = trie.fail[state]!;
      const chain = linked > 0 ? (this.out.has(linked) ? linked : this.info[linked * 4 + 2]!) : -1;
      this.dict[state] = chain;
      this.info[state * 4 + 2] = this.out.has(state) ? state : chain;
      this.info[state * 4 + 3] = linked;
    }
  }

  private step(state: number, code: number): number {
    if ((this.info[state * 4 + ((code >> 5) & 1)]! & (1 << (code & 31))) === 0) return -1;
    for (let slot = hash(state, code) & this.mask; this.table[slot * 3] !== -1; slot = (slot + 1) & this.mask) {
      if (this.table[slot * 3] === state && this.table[slot * 3 + 1] === code) return this.table[slot * 3 + 2]!;
    }
    return -1;
  }

  /** Every occurrence of every pattern in `text`, by start then longest first; overlaps are kept. */
  findAll(text: string): Match<T>[] {
    const fold = folds();
    const found: Match<T>[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = fold[text.charCodeAt(i)]!;
      let to = -1;
      while (state !== 0 && (to = this.step(state, code)) === -1) state = this.info[state * 4 + 3]!;
      state = state === 0 ? this.root[code]! : to;
      for (let s = this.info[state * 4 + 2]!; s > 0; s = this.dict[s]!) {
        for (const index of this.out.get(s)!) this.accept(text, i + 1, this.patterns[index]!, found);
      }
    }
    return found.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** Keep a candidate ending at `end` if its case and its word boundaries hold. */
  private accept(text: string, end: number, pattern: Pattern<T>, found: Match<T>[]): void {
    const start = end - pattern.text.length;
    const written = text.slice(start, end);
    if (pattern.caseSensitive && written !== pattern.text) return;
    // A pattern edge that is a letter of a space-separated script needs a boundary there; CJK edges need none.
    if (isWordChar(charAt(pattern.text, 0)) && isWordChar(charBefore(text, start))) return;
    if (isWordChar(charBefore(pattern.text, pattern.text.length)) && isWordChar(charAt(text, end))) return;
    found.push({ start, end, text: written, pattern });
  }
}

/** Leftmost-longest non-overlapping matches, as a reader would see the terms. */
export function leftmostLongest<T>(matches: readonly Match<T>[]): Match<T>[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match<T>[] = [];
  let end = -1;
  for (const match of sorted) {
    if (match.start >= end) {
      kept.push(match);
      end = match.end;
    }
  }
  return kept;
}

/** Mix a state and a code unit into a table index. */
function hash(state: number, code: number): number {
  return (Math.imul(state, 0x9e3779b1) ^ Math.imul(code, 0x85ebca77)) >>> 0;
}

interface Trie {
  next: Map<number, number>[];
  fail: Int32Array;
  out: Map<number, number[]>;
  /** States in breadth-first order, root excluded. */
  order: number[];
}

/** The trie of the (case-folded) patterns with its failure links. */
function buildTrie(texts: readonly string[]): Trie {
  const fold = folds();
  const next: Map<number, number>[] = [new Map()];
  const out = new Map<number, number[]>();
  texts.forEach((text, index) => {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = fold[text.charCodeAt(i)]!;
      let to = next[state]!.get(code);
      if (to === undefined) {
        to = next.length;
        next.push(new Map());
        next[state]!.set(code, to);
      }
      state = to;
    }
    out.set(state, [...(out.get(state) ?? []), index]);
  });
  const fail = new Int32Array(next.length);
  const order = [...next[0]!.values()];
  for (let head = 0; head < order.length; head++) {
    const state = order[head]!;
    for (const [code, child] of next[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !next[f]!.has(code)) f = fail[f]!;
      const to = next[f]!.get(code);
      fail[child] = to !== undefined && to !== child ? to : 0;
      order.push(child);
    }
  }
  return renumber({ next, fail, out, order });
}

/**
 * Number the states breadth-first: the shallow states, which a scan visits
 * most (every character that starts a term), then sit together in memory.
 */
function renumber(trie: Trie): Trie {
  const id = new Int32Array(trie.next.length);
  trie.order.forEach((state, i) => (id[state] = i + 1));
  const next: Map<number, number>[] = Array.from({ length: trie.next.length }, () => new Map<number, number>());
  const fail = new Int32Array(trie.next.length);
  trie.next.forEach((map, state) => {
    for (const [code, to] of map) next[id[state]!]!.set(code, id[to]!);
    fail[id[state]!] = id[trie.fail[state]!]!;
  });
  const out = new Map([...trie.out].map(([state, indices]) => [id[state]!, indices]));
  return { next, fail, out, order: trie.order.map((_, i) => i + 1) };
}
