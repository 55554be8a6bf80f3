/**
 * Block alignment: the Markdown structure of a translation follows its source
 * (same headings, paragraphs, list items, cells, in order), so blocks are
 * aligned first by a dynamic program whose costs come from kind and depth
 * agreement, the length model and anchors. Inserted, dropped, merged and
 * split blocks are 0–1, 1–0, 1–2 and 2–1 links.
 */
import { keysOf, type KeyIds, type Keys } from './align-keys.js';
import { bestPath, type Bound, type Move, type Step } from './align-path.js';
import { anchorCost, anchorRuns, anyOf, lengthCost, noteCost, priorOf, sumOf, type LengthModel } from './align-sentences.js';
import type { AnchorSet } from './anchors.js';
import type { Block, BlockKind } from './types.js';

/** A block as the aligner sees it: its kind and depth, its length and anchors. */
export interface BlockItem {
  block: Block;
  length: number;
  anchors: AnchorSet;
  /** A translator's note: never linked to English. */
  note: boolean;
}

/**
 * Block moves: structure is nearly always kept, so 1–1 dominates. A merge or
 * split of paragraphs is no likelier than a dropped one: with equal priors only
 * length and anchors decide, so a short dropped paragraph ("Summary of action
 * items") is reported rather than silently merged into its neighbour.
 */
const BLOCK_MOVES: readonly Move[] = [
  { source: 1, target: 1, prior: 0.98 },
  { source: 2, target: 1, prior: 0.005 },
  { source: 1, target: 2, prior: 0.005 },
  { source: 1, target: 0, prior: 0.005 },
  { source: 0, target: 1, prior: 0.005 },
];

/** Cost of a block kind that differs (a paragraph rendered as a list item…) and of a depth that differs. */
const KIND_COST = 6;
const DEPTH_COST = 2;
/**
 * Ceiling of the length cost of a block link: a translator who adds a
 * sentence to a paragraph still translated that paragraph, so length alone
 * must never outweigh a block's place in the structure (two skips cost ≈ 10.6).
 */
const MAX_BLOCK_LENGTH_COST = 6;

/** One side of the block grid, read by the cost function: one array per property, anchor keys by run. */
interface Side {
  kinds: BlockKind[];
  depths: number[];
  lengths: number[];
  notes: boolean[];
  runs: Keys[][];
}

function sideOf(items: readonly BlockItem[], ids: KeyIds): Side {
  return {
    kinds: items.map((item) => item.block.kind),
    depths: items.map((item) => item.block.depth),
    lengths: items.map((item) => item.length),
    notes: items.map((item) => item.note),
    runs: anchorRuns(items.map((item) => keysOf(item.anchors, ids)), BLOCK_MOVES),
  };
}

/** Best block path between two documents' blocks; `band` as in `bestPath` (default: chosen by size). */
export function alignBlockItems(source: readonly BlockItem[], target: readonly BlockItem[], model: LengthModel, band?: number): Step[] {
  const ids: KeyIds = new Map();
  const s = sideOf(source, ids);
  const t = sideOf(target, ids);
  const notes = t.notes.includes(true);
  const linkCost = (i: number, j: number, ds: number, dt: number, bound: Bound): number => {
    if (notes && anyOf(t.notes, j, dt)) return noteCost(ds, dt, priorOf(BLOCK_MOVES, ds, dt));
    if (ds === 0 || dt === 0) return 0 + 0 + anchorCost(s.runs, i, ds, t.runs, j, dt);
    const structure = structureCost(s, i, ds, t, j, dt);
    if (structure === Infinity) return Infinity;
    const anchors = anchorCost(s.runs, i, ds, t.runs, j, dt);
    // The length cost is never negative: when the rest is over the limit already, it need not be computed.
    if (structure + anchors > bound.limit) return Infinity;
    return structure + blockLengthCost(sumOf(s.lengths, i, ds), sumOf(t.lengths, j, dt), ds === 1 && dt === 1, model) + anchors;
  };
  // A skip's cost depends on the skipped block alone: priced once per block rather than once per cell.
  const none: Bound = { limit: Infinity };
  const skipSource = source.map((_, i) => linkCost(i, 0, 1, 0, none));
  const skipTarget = target.map((_, j) => linkCost(0, j, 0, 1, none));
  const cost = (i: number, j: number, ds: number, dt: number, bound: Bound): number =>
    ds === 1 && dt === 0 ? skipSource[i]! : ds === 0 && dt === 1 ? skipTarget[j]! : linkCost(i, j, ds, dt, bound);
  return bestPath(source.length, target.length, BLOCK_MOVES, cost, band);
}

/**
 * Cost of the structure of a link of source blocks [i, i+ds) and target blocks
 * [j, j+dt), neither empty: kinds and depths that differ (written for speed:
 * it runs for most cells of the block grid).
 */
function structureCost(source: Side, i: number, ds: number, target: Side, j: number, dt: number): number {
  const kind = source.kinds[i];
  const depth = source.depths[i];
  let kinds = false;
  let depths = false;
  for (let k = i + 1; k < i + ds; k++) {
    kinds ||= source.kinds[k] !== kind;
    depths ||= source.depths[k] !== depth;
  }
  for (let k = j; k < j + dt; k++) {
    kinds ||= target.kinds[k] !== kind;
    depths ||= target.depths[k] !== depth;
  }
  // Merges and splits only happen between blocks of one kind (two paragraphs joined, one list item split).
  if (kinds && ds + dt > 2) return Infinity;
  return (kinds ? KIND_COST : 0) + (depths ? DEPTH_COST : 0);
}

/** Length cost of a block link: capped for 1–1 (the block's place in the structure is the evidence), whole for merges and splits, which only length can justify. */
function blockLengthCost(sourceLength: number, targetLength: number, single: boolean, model: LengthModel): number {
  return lengthCost(sourceLength, targetLength, model, single ? MAX_BLOCK_LENGTH_COST : Infinity);
}
