/**
 * Anchor sets in the form the aligner's cost functions read: every key of one
 * alignment problem numbered once, every item's keys a sorted array of ids.
 * The dynamic programs compare two groups of items for every cell of their
 * grid, and merging and comparing Sets of strings there took most of the time
 * of alignment; hits and misses are counted exactly as `compareAnchors`
 * counts them.
 */
import type { AnchorSet } from './anchors.js';

/** The anchor keys of one item, or of a run of consecutive items, as sorted ids. */
export interface Keys {
  /** Strong and weak keys. */
  all: readonly number[];
  /** Strong keys only. */
  strong: readonly number[];
  /** Bit `id % 32` set for every id of `all`: two sets whose masks are disjoint share no key, found without comparing them. */
  mask: number;
}

/** Key → id, shared by both sides of one alignment problem. */
export type KeyIds = Map<string, number>;

const NONE: readonly number[] = [];
const NO_KEYS: Keys = { all: NONE, strong: NONE, mask: 0 };

function keys(all: readonly number[], strong: readonly number[]): Keys {
  let mask = 0;
  for (const id of all) mask |= 1 << (id & 31);
  return { all, strong, mask };
}

function idsOf(keys: ReadonlySet<string>, ids: KeyIds): readonly number[] {
  if (keys.size === 0) return NONE;
  const out: number[] = [];
  for (const key of keys) {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    // Insertion sort: a segment has a handful of keys, and Array#sort copies its input.
    let k = out.length;
    out.push(id);
    for (; k > 0 && out[k - 1]! > id; k--) out[k] = out[k - 1]!;
    out[k] = id;
  }
  return out;
}

/** Sorted union of two sorted id arrays (one of them when the other is empty). */
function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    out.push(x <= y ? x : y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Number of ids two sorted arrays share. */
function common(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) n++;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return n;
}

/** The keys of an anchor set, numbered with `ids`. */
export function keysOf(set: AnchorSet, ids: KeyIds): Keys {
  const strong = idsOf(set.strong, ids);
  const all = union(strong, idsOf(set.weak, ids));
  return all.length === 0 ? NO_KEYS : keys(all, strong);
}

/**
 * Keys of the runs of consecutive items: `runs[d - 1][k]` holds the union of
 * items k … k+d−1, for runs of up to `longest` items (what `mergeAnchors` would
 * build for a link of d items, built once instead of for every cell).
 */
export function runsOf(items: readonly Keys[], longest: number): Keys[][] {
  const runs: Keys[][] = [items.slice()];
  for (let d = 2; d <= longest; d++) {
    const previous = runs[d - 2]!;
    const row: Keys[] = [];
    for (let k = 0; k + d <= items.length; k++) {
      const head = previous[k]!;
      const last = items[k + d - 1]!;
      row.push(last.all.length === 0 ? head : keys(union(head.all, last.all), union(head.strong, last.strong)));
    }
    runs.push(row);
  }
  return runs;
}

/** Keys `a` and `b` share: the hits of `compareAnchors`. */
export function hitsOf(a: Keys, b: Keys): number {
  return (a.mask & b.mask) === 0 ? 0 : common(a.all, b.all);
}

/** Strong keys of either side the other lacks, given their `hits`: the misses of `compareAnchors`. */
export function missesOf(a: Keys, b: Keys, hits: number): number {
  // Strong keys are among all keys: with no key in common, no strong key has a partner.
  if (hits === 0) return a.strong.length + b.strong.length;
  return a.strong.length - common(a.strong, b.all) + (b.strong.length - common(b.strong, a.all));
}
