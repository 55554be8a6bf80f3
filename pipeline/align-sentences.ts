/**
 * The alignment machinery shared by blocks and sentences: a length model in
 * the manner of Gale & Church (1993), anchor evidence, and a dynamic program
 * over two sequences with 1–1, 1–0, 0–1, 2–1, 1–2 and 2–2 moves.
 *
 * Written by hand: the npm aligners (bleualign ports, hunalign bindings) need
 * a dictionary or a native build, and none keeps Markdown blocks intact.
 */
import { compareAnchors, mergeAnchors, type AnchorSet } from './anchors.js';

/** A move of the dynamic program: how many source and target items one link takes, and its prior probability. */
export interface Move {
  source: number;
  target: number;
  prior: number;
}

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

/** One step of a best path: source items [i, i+ds) go with target items [j, j+dt). */
export interface Step {
  i: number;
  j: number;
  ds: number;
  dt: number;
  cost: number;
}

/** Standard normal cumulative distribution (Abramowitz & Stegun 26.2.17, as in Gale & Church). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989423 * Math.exp((-z * z) / 2);
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return z > 0 ? 1 - p : p;
}

/** −log P(lengths match) under the length model: 0 for a perfect ratio, growing with the normalised difference. */
export function lengthCost(sourceLength: number, targetLength: number, model: LengthModel): number {
  if (sourceLength === 0 && targetLength === 0) return 0;
  const mean = (sourceLength + targetLength / model.ratio) / 2;
  const delta = (targetLength - sourceLength * model.ratio) / Math.sqrt(Math.max(mean, 1) * model.variance);
  const p = 2 * (1 - normalCdf(Math.abs(delta)));
  return -Math.log(Math.max(p, 1e-12));
}

/** Weight of one matching anchor and of one anchor the other side lacks, in nats. */
const HIT = 1.2;
const MISS = 1.5;

/** Cost of linking two groups given their anchors: matches lower it, strong anchors without a partner raise it. */
export function anchorCost(source: readonly AnchorSet[], target: readonly AnchorSet[]): number {
  if (source.length === 0 || target.length === 0) {
    // A skipped item that carries numbers or URLs is unlikely to be an omission.
    const strong = [...source, ...target].reduce((n, set) => n + set.strong.size, 0);
    return Math.min(strong, 4) * 0.5;
  }
  const { hits, misses } = compareAnchors(mergeAnchors(source), mergeAnchors(target));
  return -HIT * Math.min(hits, 6) + MISS * Math.min(misses, 6);
}

/** Cost of linking source [i, i+ds) with target [j, j+dt); Infinity forbids the link. */
export type LinkCost = (i: number, j: number, ds: number, dt: number) => number;

/** Grids up to this many cells are searched whole (200 × 200 blocks, about 0.15 s; the bundled meetings have about 100). */
const EXACT_CELLS = 40_000;
/** First half-width of the band, in items, when a grid is larger. */
const MIN_BAND = 25;
/** A path this close to a band edge may have been cut off by it: search again with a band twice as wide. */
const EDGE_MARGIN = 3;

/** The cells of each row that a band of half-width `band` around the diagonal of an n × m grid allows: |i·m − j·n| ≤ band·max(n, m). */
function bandRows(n: number, m: number, band: number): { lo: Int32Array; hi: Int32Array; start: Int32Array } {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const start = new Int32Array(n + 2);
  const reach = band * Math.max(n, m);
  for (let i = 0; i <= n; i++) {
    const whole = n === 0 || !Number.isFinite(reach);
    lo[i] = whole ? 0 : Math.max(0, Math.ceil((i * m - reach) / n));
    hi[i] = whole ? m : Math.min(m, Math.floor((i * m + reach) / n));
    start[i + 1] = start[i]! + hi[i]! - lo[i]! + 1;
  }
  return { lo, hi, start };
}

/** Cheapest path inside a band; `cut` when the path runs along an edge the band imposed. */
function pathInBand(n: number, m: number, moves: readonly Move[], cost: LinkCost, band: number): { steps: Step[]; cut: boolean } {
  const { lo, hi, start } = bandRows(n, m, band);
  const cell = (i: number, j: number): number => (j < lo[i]! || j > hi[i]! ? -1 : start[i]! + j - lo[i]!);
  const size = start[n + 1]!;
  const total = new Float64Array(size).fill(Infinity);
  const back = new Int8Array(size).fill(-1);
  const stepCost = new Float64Array(size);
  total[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      moves.forEach((move, k) => {
        const pi = i - move.source;
        const pj = j - move.target;
        const from = pi < 0 || pj < 0 ? -1 : cell(pi, pj);
        if (from < 0 || total[from] === Infinity) return;
        const c = cost(pi, pj, move.source, move.target) - Math.log(move.prior);
        if (total[from]! + c < best) {
          best = total[from]! + c;
          back[cell(i, j)] = k;
          stepCost[cell(i, j)] = c;
        }
      });
      total[cell(i, j)] = best;
    }
  }
  const steps: Step[] = [];
  let cut = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cell(i, j);
    const move = moves[here < 0 ? -1 : back[here]!];
    if (!move) throw new Error(`No alignment path to (${i}, ${j}): the moves must include 1–0 and 0–1`);
    cut ||= (lo[i]! > 0 && j - lo[i]! < EDGE_MARGIN) || (hi[i]! < m && hi[i]! - j < EDGE_MARGIN);
    steps.push({ i: i - move.source, j: j - move.target, ds: move.source, dt: move.target, cost: stepCost[here]! });
    i -= move.source;
    j -= move.target;
  }
  return { steps: steps.reverse(), cut };
}

/**
 * Cheapest path through an n × m grid of link costs. Ties go to the move
 * listed first, so the result is deterministic. Small grids are searched
 * whole; larger ones inside a band around the diagonal, widened until the
 * path keeps clear of its edges (as hunalign does), so time and memory grow
 * with length × band rather than length². `band` sets the first half-width
 * (Infinity: always search the whole grid).
 */
export function bestPath(n: number, m: number, moves: readonly Move[], cost: LinkCost, band?: number): Step[] {
  if (band === undefined && (n + 1) * (m + 1) <= EXACT_CELLS) band = Infinity;
  let width = band ?? Math.max(MIN_BAND, Math.ceil(0.05 * Math.max(n, m)));
  for (;;) {
    const { steps, cut } = pathInBand(n, m, moves, cost, width);
    if (!cut || width >= Math.max(n, m)) return steps;
    width *= 2;
  }
}

/** Confidence in [0, 1] from the cost of a link (a perfect 1–1 link scores about 0.97). */
export function scoreOf(cost: number): number {
  return Math.round(Math.exp(-Math.max(0, cost) / 6) * 1000) / 1000;
}

/** The items of one side of a sentence-alignment problem: lengths, anchors, and which are translator's notes. */
export interface Items {
  lengths: readonly number[];
  anchors: readonly AnchorSet[];
  notes?: readonly boolean[];
}

/** Cost of a translator's note: it never links to English, and standing alone it costs about as much as a good 1–1 link. */
export function noteCost(ds: number, dt: number, prior: number): number {
  return ds === 0 && dt === 1 ? Math.log(prior) + 0.2 : Infinity;
}

/** Align two sequences of sentences by length and anchors; returns the best path. */
export function alignSequences(source: Items, target: Items, model: LengthModel, moves: readonly Move[] = SENTENCE_MOVES): Step[] {
  const sum = (values: readonly number[], from: number, count: number): number => {
    let s = 0;
    for (let k = from; k < from + count; k++) s += values[k]!;
    return s;
  };
  const prior = (ds: number, dt: number): number => moves.find((m) => m.source === ds && m.target === dt)?.prior ?? 1;
  return bestPath(source.lengths.length, target.lengths.length, moves, (i, j, ds, dt) => {
    if (target.notes?.slice(j, j + dt).some(Boolean)) return noteCost(ds, dt, prior(ds, dt));
    const length = ds === 0 || dt === 0 ? 0 : lengthCost(sum(source.lengths, i, ds), sum(target.lengths, j, dt), model);
    return length + anchorCost(source.anchors.slice(i, i + ds), target.anchors.slice(j, j + dt));
  });
}
