/**
 * Text-level QA of a translation: unbalanced brackets and quotation marks,
 * half-width punctuation in Chinese, untranslated sentences. Pure functions
 * over strings; pipeline/qa.ts turns their results into located findings.
 */
import { acronymsOf, HAN, stripUrls } from './anchors.js';
import type { InlineMark } from './types.js';

/** An offset in the text given and what was found there. */
export interface Finding {
  offset: number;
  detail: string;
}

/** Opening → closing character of the pairs that must balance within a block. */
const PAIRS: Record<string, string> = { '（': '）', '(': ')', '《': '》', '“': '”', '「': '」', '『': '』', '【': '】', '[': ']', '〈': '〉', '«': '»' };
const CLOSING = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
/** Closing marks of the other width: "（见附件)" is one typo (a full-width bracket closed by an ASCII one), not two unmatched marks. */
const OTHER_WIDTH: Record<string, string> = { ')': '）', '）': ')', ']': '】', '】': ']' };

/** Text with inline code and URLs blanked (same length), so their brackets and punctuation are not read as prose. */
export function proseOf(text: string, inline: readonly InlineMark[] = [], base = 0): string {
  let out = stripUrls(text);
  for (const mark of inline) {
    if (mark.kind !== 'inlineCode') continue;
    const start = Math.max(0, mark.start - base);
    const end = Math.min(out.length, mark.end - base);
    if (end > start) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  }
  return out;
}

/** Unbalanced or mismatched brackets and quotation marks (ASCII `"` by parity). */
export function unbalanced(text: string): Finding[] {
  const found: Finding[] = [];
  const stack: { char: string; offset: number }[] = [];
  let quote = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++; // an escaped character is literal Markdown
      continue;
    }
    if (c === '"') quote = quote === -1 ? i : -1;
    else if (c in PAIRS) stack.push({ char: c, offset: i });
    else if (CLOSING.has(c)) {
      const open = CLOSING.get(c)!;
      const top = stack[stack.length - 1];
      if (top?.char === open) stack.pop();
      else if (top && stack.some((s) => s.char === open)) {
        found.push({ offset: top.offset, detail: `\`${top.char}\` is closed by \`${c}\`; expected \`${PAIRS[top.char]}\`` });
        while (stack.length > 0 && stack[stack.length - 1]!.char !== open) stack.pop();
        stack.pop();
      } else if (top && PAIRS[top.char] === OTHER_WIDTH[c]) {
        found.push({ offset: i, detail: `\`${top.char}\` is closed by \`${c}\`; expected \`${PAIRS[top.char]}\`` });
        stack.pop();
      } else found.push({ offset: i, detail: `Unmatched closing \`${c}\`; expected an opening \`${open}\` before it` });
    }
  }
  for (const open of stack) found.push({ offset: open.offset, detail: `Unmatched \`${open.char}\`; expected a closing \`${PAIRS[open.char]}\`` });
  if (quote !== -1) found.push({ offset: quote, detail: 'Unmatched `"`; expected a closing `"`' });
  return found.sort((a, b) => a.offset - b.offset);
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };
/** Characters after which Chinese punctuation is expected: Han and full-width closing marks. */
const CJK_BEFORE = /[\p{Script=Han}）》」』】”]/u;

/**
 * Half-width `, ; : ? !` in Chinese prose: after a Han character (spaces
 * skipped), or before one after Latin text ("NRIs, 为"), or ending a Chinese
 * sentence ("参与 NRIs?"). Colons between digits (9:00) are never flagged.
 */
export function halfwidth(prose: string): Finding[] {
  const found: Finding[] = [];
  const hasHan = HAN.test(prose);
  for (let i = 0; i < prose.length; i++) {
    const c = prose[i]!;
    if (!(c in FULL_WIDTH)) continue;
    let p = i - 1;
    while (p >= 0 && prose[p] === ' ') p--;
    let n = i + 1;
    while (n < prose.length && prose[n] === ' ') n++;
    const before = prose[p];
    const after = prose[n];
    if (before === undefined || /\d/u.test(before) && /\d/u.test(after ?? '')) continue;
    const hanBefore = CJK_BEFORE.test(before);
    const hanAfter = after !== undefined && HAN.test(after);
    const sentenceEnd = after === undefined && hasHan && c !== ',';
    if (hanBefore || hanAfter || sentenceEnd) found.push({ offset: i, detail: c });
  }
  return found;
}

/** Full-width form of a half-width punctuation mark. */
export function fullWidth(c: string): string {
  return FULL_WIDTH[c] ?? c;
}

/** A lower-case Latin word between Han characters ("国家 and 区域"): English left inside a Chinese sentence. Names and acronyms are capitalised and stay. */
const STRAY = /(?<=\p{Script=Han}\s*)[a-z][a-z'’-]+(?=\s*\p{Script=Han})/gu;

/** English words left between Han characters of a Chinese text. */
export function strayWords(prose: string): Finding[] {
  return [...prose.matchAll(STRAY)].map((m) => ({ offset: m.index ?? 0, detail: m[0] }));
}

const WORD = /[\p{L}][\p{L}'’-]*/gu;

/**
 * Words of a sentence that call for translation: what is left without URLs,
 * acronyms, numbers and markup. A short run of capitalised words is a name
 * ("Carol Roach", "Doodle") and needs none.
 */
export function translatableWords(text: string): string[] {
  const acronyms = acronymsOf(text);
  const words = [...stripUrls(text).matchAll(WORD)].map((m) => m[0]).filter((w) => !acronyms.has(w.replace(/s$/u, '')));
  const lower = words.filter((w) => /^\p{Ll}/u.test(w));
  if (lower.length === 0 && words.length <= 3) return [];
  return words;
}

const normalise = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** Why a translated sentence looks untranslated, or undefined: identical to the English, or English words without any Han in a Chinese text. */
export function untranslated(source: string, target: string, targetHan: boolean): string | undefined {
  const words = translatableWords(source);
  if (words.length === 0) return undefined;
  if (normalise(source) === normalise(target)) return 'is identical to the English';
  if (targetHan && !HAN.test(target)) {
    const english = new Set(words.map((w) => w.toLowerCase()));
    const kept = translatableWords(target).filter((w) => english.has(w.toLowerCase()));
    if (kept.length >= 3) return 'has English words and no Chinese';
  }
  return undefined;
}
