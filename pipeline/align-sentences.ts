/**
 * The alignment machinery shared by blocks and sentences: a length model in
 * the manner of Gale & Church (1993), anchor evidence, and sentence alignment
 * by the dynamic program of align-path.ts with 1–1, 1–0, 0–1, 2–1, 1–2 and 2–2
 * moves.
 *
 * Written by hand: the npm aligners (bleualign ports, hunalign bindings) need
 * a dictionary or a native build, and none keeps Markdown blocks intact.
 */
import { hitsOf, missesOf, runsOf, type Keys } from './align-keys.js';
import { bestPath, type Move, type Step } from './align-path.js';

/**
 * Priors of the sentence moves. Gale & Church measured 0.89 for 1–1 on
 * parliamentary French; Chinese translators join and split English sentences
 * far more often, hence the heavier 2–1 and 1–2.
 */
export const SENTENCE_MOVES: readonly Move[] = [
  { source: 1, target: 1, prior: 0.84 },
  { source: 2, target: 1, prior: 0.06 },
  { source: 1, target: 2, prior: 0.06 },
  { source: 2, target: 2, prior: 0.02 },
  { source: 1, target: 0, prior: 0.005 },
  { source: 0, target: 1, prior: 0.005 },
];

/** The length model: target length ≈ ratio × source length, with `variance` per source character (in target units²). */
export interface LengthModel {
  ratio: number;
  variance: number;
}

/** Standard normal cumulative distribution (Abramowitz & Stegun 26.2.17, as in Gale & Church). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989423 * Math.exp((-z * z) / 2);
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return z > 0 ? 1 - p : p;
}

/** Smallest probability the length model gives, and its cost. */
const FLOOR_P = 1e-12;
const FLOOR_COST = -Math.log(FLOOR_P);
/**
 * From this normalised difference on, `normalCdf` leaves less than FLOOR_P:
 * its Gaussian factor 0.3989·e^(−z²/2) is below 2.5e-13 and the rest below
 * 1.3, so the cost is FLOOR_COST without computing it.
 */
const FLOOR_Z = 7.5;

/**
 * From this normalised difference on, the length cost is at least `cap`:
 * 2·(1 − Φ(z)) ≤ e^(−z²/2) = e^(−cap−0.5), short of e^(−cap) by far more than
 * the 7.5e-8 error of `normalCdf` while cap ≤ 14.
 */
function capZ(cap: number): number {
  return cap <= 14 ? Math.sqrt(2 * (cap + 0.5)) : Infinity;
}

/**
 * −log P(lengths match) under the length model: 0 for a perfect ratio,
 * growing with the normalised difference; no more than `cap`. The block grid
 * asks this for every pair of blocks, most of them far apart: the differences
 * whose cost is known to reach the cap or the floor skip the exp and log.
 */
export function lengthCost(sourceLength: number, targetLength: number, model: LengthModel, cap = Infinity): number {
  if (sourceLength === 0 && targetLength === 0) return 0;
  const mean = (sourceLength + targetLength / model.ratio) / 2;
  const delta = (targetLength - sourceLength * model.ratio) / Math.sqrt(Math.max(mean, 1) * model.variance);
  const z = Math.abs(delta);
  if (z >= FLOOR_Z) return Math.min(FLOOR_COST, cap);
  if (z >= capZ(cap)) return cap;
  const p = 2 * (1 - normalCdf(z));
  return Math.min(-Math.log(Math.max(p, FLOOR_P)), cap);
}

/** Weight of one matching anchor and of one anchor the other side lacks, in nats. */
const HIT = 1.2;
const MISS = 1.5;

/**
 * Cost of linking source items [i, i+ds) with target items [j, j+dt) given
 * their anchors (`runs` as built by `anchorRuns`): matches lower it, strong
 * anchors without a partner raise it.
 */
export function anchorCost(source: readonly (readonly Keys[])[], i: number, ds: number, target: readonly (readonly Keys[])[], j: number, dt: number): number {
  if (ds === 0 || dt === 0) {
    // A skipped item that carries numbers or URLs is unlikely to be an omission.
    let strong = 0;
    for (let k = i; k < i + ds; k++) strong += source[0]![k]!.strong.length;
    for (let k = j; k < j + dt; k++) strong += target[0]![k]!.strong.length;
    return Math.min(strong, 4) * 0.5;
  }
  const a = source[ds - 1]![i]!;
  const b = target[dt - 1]![j]!;
  const hits = hitsOf(a, b);
  return -HIT * Math.min(hits, 6) + MISS * Math.min(missesOf(a, b, hits), 6);
}

/** Runs of up to as many items as the largest move takes, for `anchorCost`. */
export function anchorRuns(items: readonly Keys[], moves: readonly Move[]): Keys[][] {
  return runsOf(items, moves.reduce((n, move) => Math.max(n, move.source, move.target), 1));
}

/** Confidence in [0, 1] from the cost of a link (a perfect 1–1 link scores about 0.97). */
export function scoreOf(cost: number): number {
  return Math.round(Math.exp(-Math.max(0, cost) / 6) * 1000) / 1000;
}

/** The items of one side of a sentence-alignment problem: lengths, anchor keys, and which are translator's notes. */
export interface Items {
  lengths: readonly number[];
  keys: readonly Keys[];
  notes?: readonly boolean[];
}

/** Cost of a translator's note: it never links to English, and standing alone it costs about as much as a good 1–1 link. */
export function noteCost(ds: number, dt: number, prior: number): number {
  return ds === 0 && dt === 1 ? Math.log(prior) + 0.2 : Infinity;
}

/** Prior of the move that takes `ds` source and `dt` target items (1 when there is none). */
export function priorOf(moves: readonly Move[], ds: number, dt: number): number {
  return moves.find((m) => m.source === ds && m.target === dt)?.prior ?? 1;
}

/** Whether any of items [from, from+count) is set. */
export function anyOf(flags: readonly boolean[], from: number, count: number): boolean {
  for (let k = from; k < from + count; k++) if (flags[k]) return true;
  return false;
}

/** Sum of values [from, from+count), added in order. */
export function sumOf(values: readonly number[], from: number, count: number): number {
  let s = 0;
  for (let k = from; k < from + count; k++) s += values[k]!;
  return s;
}

/** Align two sequences of sentences by length and anchors; returns the best path. */
export function alignSequences(source: Items, target: Items, model: LengthModel, moves: readonly Move[] = SENTENCE_MOVES): Step[] {
  const sourceRuns = anchorRuns(source.keys, moves);
  const targetRuns = anchorRuns(target.keys, moves);
  const notes = target.notes;
  return bestPath(source.lengths.length, target.lengths.length, moves, (i, j, ds, dt) => {
    if (notes && anyOf(notes, j, dt)) return noteCost(ds, dt, priorOf(moves, ds, dt));
    const length = ds === 0 || dt === 0 ? 0 : lengthCost(sumOf(source.lengths, i, ds), sumOf(target.lengths, j, dt), model);
    return length + anchorCost(sourceRuns, i, ds, targetRuns, j, dt);
  });
}
