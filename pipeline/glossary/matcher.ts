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

import { compile, folds, hash, type Automaton } from './automaton.js';

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
 * An Aho–Corasick automaton over case-folded patterns (`automaton.ts`).
 * Case-sensitive patterns are verified against the original text on a hit,
 * so one automaton serves both kinds.
 */
export class Matcher<T> {
  readonly patterns: readonly Pattern<T>[];
  private readonly automaton: Automaton;

  constructor(patterns: Iterable<Pattern<T>>) {
    this.patterns = [...patterns].filter((p) => p.text.length > 0);
    this.automaton = compile(this.patterns.map((p) => p.text));
  }

  /** Number of states, for benchmarks. */
  get size(): number {
    return this.automaton.size;
  }

  /** Every occurrence of every pattern in `text`, by start then longest first; overlaps are kept. */
  findAll(text: string): Match<T>[] {
    const fold = folds();
    const { root, info, dict, out } = this.automaton;
    const { cells, mask } = this.automaton.edges;
    const found: Match<T>[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = fold[text.charCodeAt(i)]!;
      let to = -1;
      while (state !== 0) {
        // The transition bits answer most failed lookups without probing the hash (inlined: this is the hot loop).
        if ((info[state * 4 + ((code >> 5) & 1)]! & (1 << (code & 31))) !== 0) {
          for (let slot = hash(state, code) & mask; cells[slot * 3] !== -1; slot = (slot + 1) & mask) {
            if (cells[slot * 3] === state && cells[slot * 3 + 1] === code) {
              to = cells[slot * 3 + 2]!;
              break;
            }
          }
          if (to !== -1) break;
        }
        state = info[state * 4 + 3]!;
      }
      state = state === 0 ? root[code]! : to;
      for (let s = info[state * 4 + 2]!; s > 0; s = dict[s]!) {
        for (const index of out.get(s)!) this.accept(text, i + 1, this.patterns[index]!, found);
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
