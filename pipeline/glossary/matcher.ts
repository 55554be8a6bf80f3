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

/** Case-fold one UTF-16 code unit, keeping the length (so offsets stay offsets into the original). */
function fold(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
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
 */
export class Matcher<T> {
  /** goto function: per state, code unit → state. */
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at a state. */
  private readonly out: number[][] = [[]];
  /** Nearest state on the failure chain that has output (-1: none), so a scan visits only states with matches. */
  private readonly dict: number[] = [-1];
  readonly patterns: readonly Pattern<T>[];

  constructor(patterns: Iterable<Pattern<T>>) {
    this.patterns = [...patterns].filter((p) => p.text.length > 0);
    this.patterns.forEach((pattern, index) => this.insert(pattern.text, index));
    this.link();
  }

  /** Number of states, for benchmarks. */
  get size(): number {
    return this.next.length;
  }

  private insert(text: string, index: number): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = fold(text.charCodeAt(i));
      let to = this.next[state]!.get(code);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.dict.push(-1);
        this.next[state]!.set(code, to);
      }
      state = to;
    }
    this.out[state]!.push(index);
  }

  /** Breadth-first failure and dictionary links. */
  private link(): void {
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [code, child] of this.next[state]!) {
        let f = this.fail[state]!;
        while (f !== 0 && !this.next[f]!.has(code)) f = this.fail[f]!;
        const target = this.next[f]!.get(code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const linked = this.fail[child]!;
        this.dict[child] = this.out[linked]!.length > 0 ? linked : this.dict[linked]!;
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every pattern in `text`, by start then longest first; overlaps are kept. */
  findAll(text: string): Match<T>[] {
    const found: Match<T>[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = fold(text.charCodeAt(i));
      let to = this.next[state]!.get(code);
      while (to === undefined && state !== 0) {
        state = this.fail[state]!;
        to = this.next[state]!.get(code);
      }
      state = to ?? 0;
      for (let s = this.out[state]!.length > 0 ? state : this.dict[state]!; s > 0; s = this.dict[s]!) {
        for (const index of this.out[s]!) this.accept(text, i + 1, this.patterns[index]!, found);
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
