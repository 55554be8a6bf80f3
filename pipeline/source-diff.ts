/**
 * What changed in the English between two versions, segment by segment:
 * unchanged, moved, changed, added or removed. jsdiff's `diffArrays` finds
 * the longest common sequence of normalised segment texts; what it leaves
 * removed and added is then paired, first by identical text (a moved
 * sentence or paragraph), then by similarity (a changed sentence).
 */
import { diffArrays, diffChars, diffWords } from 'diff';
import type { Segment } from './types.js';

/** One segment-level change between the old and the new English. */
export type SourceChange =
  | { kind: 'same'; before: Segment; after: Segment }
  | { kind: 'moved'; before: Segment; after: Segment }
  | { kind: 'changed'; before: Segment; after: Segment; similarity: number }
  | { kind: 'removed'; before: Segment }
  | { kind: 'added'; after: Segment };

export interface Options {
  /** Least similarity (0–1) for a removed and an added segment to count as one changed segment; default 0.5. */
  threshold?: number;
}

/** Whitespace-insensitive form of a segment text: re-wrapping a line is not a change. */
export function normalise(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether a text is best compared character by character (it has CJK characters, which have no spaces between words). */
export function isCjkText(text: string): boolean {
  return CJK.test(text);
}

/**
 * Similarity of two texts in [0, 1]: twice the length of what they share over
 * their total length (difflib's ratio). By words for Latin-script text, where
 * shared letters of unrelated words would inflate a character ratio; by
 * characters when `byChar` or for CJK text. Values under `minimum` may come back as 0.
 */
export function similarity(a: string, b: string, byChar = isCjkText(a) || isCjkText(b), minimum = 0): number {
  if (a.length + b.length === 0) return 1;
  // Below `minimum` the exact value does not matter: jsdiff gives up once the edit script is longer than that allows.
  const maxEditLength = minimum > 0 ? Math.ceil((1 - minimum) * (a.length + b.length)) : a.length + b.length;
  const parts = byChar ? diffChars(a, b, { maxEditLength }) : diffWords(a, b, { maxEditLength });
  if (!parts) return 0;
  let common = 0;
  for (const part of parts) if (!part.added && !part.removed) common += part.value.length;
  return Math.min(1, (2 * common) / (a.length + b.length));
}

/** The highest similarity two texts of these lengths can have (to skip hopeless pairs cheaply). */
export function similarityBound(a: number, b: number): number {
  return a + b === 0 ? 1 : (2 * Math.min(a, b)) / (a + b);
}

/** Segment-level changes from `before` to `after`, in the order of the new document (removed ones at their old place). */
export function diffSegments(before: readonly Segment[], after: readonly Segment[], options: Options = {}): SourceChange[] {
  // The same segments (tracking an English unchanged since `source_commit` passes the current ones twice):
  // every one is the same, in order, which the diff below would find after normalising every text twice.
  if (before === after) return after.map((segment) => ({ kind: 'same', before: segment, after: segment }));
  const threshold = options.threshold ?? 0.5;
  const oldTexts = before.map((s) => normalise(s.text));
  const newTexts = after.map((s) => normalise(s.text));
  const changes: SourceChange[] = [];
  const removed: Segment[] = [];
  const added: Segment[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(oldTexts, newTexts)) {
    for (let k = 0; k < part.count; k++) {
      if (part.removed) removed.push(before[i++]!);
      else if (part.added) added.push(after[j++]!);
      else changes.push({ kind: 'same', before: before[i++]!, after: after[j++]! });
    }
  }
  const paired = pairMoves(removed, added, changes);
  pairChanges(removed.filter((s) => !paired.has(s)), added.filter((s) => !paired.has(s)), threshold, changes, paired);
  for (const s of removed) if (!paired.has(s)) changes.push({ kind: 'removed', before: s });
  for (const s of added) if (!paired.has(s)) changes.push({ kind: 'added', after: s });
  return inNewOrder(changes);
}

/** Order of the new document; a removed segment goes just after the new place of its nearest unchanged predecessor. */
function inNewOrder(changes: SourceChange[]): SourceChange[] {
  const newOf = new Map<number, number>();
  // Only the common sequence anchors a removed segment: a moved predecessor would drag it along.
  for (const c of changes) if (c.kind === 'same') newOf.set(c.before.index, c.after.index);
  const key = (c: SourceChange): number => {
    if (c.kind !== 'removed') return c.after.index;
    for (let i = c.before.index - 1; i >= 0; i--) {
      const at = newOf.get(i);
      if (at !== undefined) return at + 0.5;
    }
    return -0.5;
  };
  const oldIndex = (c: SourceChange): number => (c.kind === 'added' ? -1 : c.before.index);
  return changes
    .map((change) => ({ change, key: key(change) }))
    .sort((a, b) => a.key - b.key || oldIndex(a.change) - oldIndex(b.change))
    .map((x) => x.change);
}

/** A removed segment whose exact text was added elsewhere moved; its translation is still good. */
function pairMoves(removed: readonly Segment[], added: readonly Segment[], out: SourceChange[]): Set<Segment> {
  const paired = new Set<Segment>();
  const waiting = new Map<string, Segment[]>();
  for (const s of added) {
    const key = normalise(s.text);
    waiting.set(key, [...(waiting.get(key) ?? []), s]);
  }
  for (const s of removed) {
    const match = waiting.get(normalise(s.text))?.shift();
    if (!match) continue;
    out.push({ kind: 'moved', before: s, after: match });
    paired.add(s).add(match);
  }
  return paired;
}

/**
 * Pair the remaining removed and added segments by similarity, best pair first
 * (ties: the pair closest in the document), so an edited sentence is one
 * change rather than a deletion plus an addition.
 */
function pairChanges(removed: readonly Segment[], added: readonly Segment[], threshold: number, out: SourceChange[], paired: Set<Segment>): void {
  const candidates: { before: Segment; after: Segment; score: number }[] = [];
  for (const before of removed) {
    const a = normalise(before.text);
    for (const after of added) {
      const b = normalise(after.text);
      if (similarityBound(a.length, b.length) < threshold) continue;
      const score = similarity(a, b, undefined, threshold);
      if (score >= threshold) candidates.push({ before, after, score });
    }
  }
  candidates.sort(
    (x, y) =>
      y.score - x.score ||
      Math.abs(x.before.index - x.after.index) - Math.abs(y.before.index - y.after.index) ||
      x.before.index - y.before.index ||
      x.after.index - y.after.index,
  );
  for (const { before, after, score } of candidates) {
    if (paired.has(before) || paired.has(after)) continue;
    out.push({ kind: 'changed', before, after, similarity: score });
    paired.add(before).add(after);
  }
}
