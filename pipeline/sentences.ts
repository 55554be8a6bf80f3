/**
 * Sentence boundaries inside one block of text, by script.
 *
 * Written by hand: Intl.Segmenter follows UAX #29, which does not end Chinese
 * segments at `；`, has no abbreviation list ("Mr.", "U.N.", "No. 5") and
 * changes with the ICU version, and no npm splitter handles Markdown inline
 * markup, CJK and Latin rules together; segment ids must stay stable.
 */
import type { Script } from './languages.js';

/** A half-open range [start, end) relative to the text given. */
export interface Span {
  start: number;
  end: number;
}

/** Inline markup inside the text, relative offsets; `contentEnd` is where its children end. */
export interface MarkSpan extends Span {
  contentEnd: number;
  /** Footnote references after a full stop belong to the sentence before them. */
  trailing: boolean;
}

const CJK_TERMINATORS = new Set(['。', '！', '？', '；', '…', '‥', '｡']);
const ARABIC_TERMINATORS = new Set(['؟', '؛', '۔']);
const ASCII_TERMINATORS = new Set(['.', '!', '?']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', '」', '』', '）', '》', '】', '〕', '〉', '›', ')', ']', '＂', '＇', '〞']);

/** Words after which a full stop does not end a sentence (lower case, inner dots kept). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'vs', 'cf', 'e.g', 'i.e', 'approx', 'art', 'para', 'paras',
  'vol', 'fig', 'p', 'pp', 'ch', 'sec', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'u.n', 'u.s', 'u.k', 'e.u', 'inc', 'ltd', 'co', 'corp', 'dept', 'est', 'gen', 'gov', 'hon', 'jr', 'sr',
  // French, Spanish, Russian
  'm', 'mm', 'mme', 'mlle', 'p.ex', 'env', 'sra', 'srta', 'dra', 'ud', 'uds', 'núm', 'pág', 'т.е', 'т.к', 'г-н', 'г-жа', 'стр', 'им',
]);
/** Abbreviations that may also end a sentence: they break only before a capitalised word. */
const SOFT_ABBREVIATIONS = new Set(['a.m', 'p.m', 'etc', 'т.д', 'т.п']);

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);
const isLower = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c);
const isUpper = (c: string | undefined): boolean => c !== undefined && /\p{Lu}/u.test(c);

function isTerminator(c: string, script: Script): boolean {
  if (ASCII_TERMINATORS.has(c) || c === '…') return true;
  if (CJK_TERMINATORS.has(c) || c === '！' || c === '？') return true; // full-width forms end a sentence in any script
  return script === 'arabic' && ARABIC_TERMINATORS.has(c);
}

/** Whether the terminator at `i` (ASCII or ellipsis) ends a sentence, looking at the words around it. */
function latinBreak(text: string, i: number, j: number, script: Script): boolean {
  if (j < text.length && !isSpace(text[j])) return false; // 3.5, e.g., www.un.org
  let k = j;
  while (isSpace(text[k])) k++;
  const next = text[k];
  if (isLower(next)) return false;
  if (text[i] !== '.') return true;
  let w = i;
  while (w > 0 && /[\p{L}.\-]/u.test(text[w - 1] ?? '')) w--;
  const word = text.slice(w, i);
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (/^\p{Lu}$/u.test(word) && script !== 'cjk') return false; // an initial: "J. Smith"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) && /^[\p{Lu}.]+$/u.test(word)) return false; // U.N.S.C.
  if (SOFT_ABBREVIATIONS.has(lower)) {
    const nextWord = /^[\p{L}]+/u.exec(text.slice(k))?.[0] ?? '';
    return isUpper(next) && nextWord !== nextWord.toUpperCase();
  }
  return true;
}

/** Split `text` into trimmed sentence spans; whitespace between them belongs to no span. */
export function splitSentences(text: string, script: Script, marks: readonly MarkSpan[] = []): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let start = skipSpace(text, 0);
  for (let i = start; i < n; i++) {
    const c = text[i]!;
    if (!isTerminator(c, script)) continue;
    const j = extend(text, i, marks);
    if (marks.some((m) => m.start < j && j < m.end)) continue; // inside a link or emphasis: markup stays whole
    const ascii = ASCII_TERMINATORS.has(c) || (c === '…' && script !== 'cjk');
    if (ascii && !latinBreak(text, i, j, script)) continue;
    const next = skipSpace(text, j);
    if (next >= n) break;
    spans.push({ start, end: trimEnd(text, j, start) });
    start = next;
    i = next - 1;
  }
  if (start < n) {
    const end = trimEnd(text, n, start);
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** From a terminator at `i`: past further terminators, closing quotes and brackets, closing markup, trailing footnote marks. */
function extend(text: string, i: number, marks: readonly MarkSpan[]): number {
  let j = i + 1;
  for (;;) {
    const c = text[j];
    if (c !== undefined && (CLOSERS.has(c) || ASCII_TERMINATORS.has(c) || CJK_TERMINATORS.has(c) || c === '！' || c === '？')) {
      j++;
      continue;
    }
    const closing = marks.find((m) => m.start < j && j < m.end && m.contentEnd <= j);
    if (closing) {
      j = closing.end;
      continue;
    }
    const footnote = marks.find((m) => m.trailing && m.start === j);
    if (footnote) {
      j = footnote.end;
      continue;
    }
    return j;
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

function trimEnd(text: string, end: number, floor: number): number {
  while (end > floor && isSpace(text[end - 1])) end--;
  return end;
}
