/**
 * Block alignment: the Markdown structure of a translation follows its source
 * (same headings, paragraphs, list items, cells, in order), so blocks are
 * aligned first by a dynamic program whose costs come from kind and depth
 * agreement, the length model and anchors. Inserted, dropped, merged and
 * split blocks are 0–1, 1–0, 1–2 and 2–1 links.
 */
import { anchorCost, bestPath, lengthCost, noteCost, type LengthModel, type Move, type Step } from './align-sentences.js';
import type { AnchorSet } from './anchors.js';
import type { Block } from './types.js';

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

/** Cost of the structure of a group: kinds and depths of the source and target blocks (written for speed: it runs for every cell of the block grid). */
function structureCost(source: readonly BlockItem[], target: readonly BlockItem[]): number {
  const first = source[0]?.block;
  if (!first || target.length === 0) return 0;
  let kinds = false;
  let depths = false;
  for (const side of [source, target]) {
    for (const item of side) {
      kinds ||= item.block.kind !== first.kind;
      depths ||= item.block.depth !== first.depth;
    }
  }
  // Merges and splits only happen between blocks of one kind (two paragraphs joined, one list item split).
  if (kinds && source.length + target.length > 2) return Infinity;
  return (kinds ? KIND_COST : 0) + (depths ? DEPTH_COST : 0);
}

/** Best block path between two documents' blocks; `band` as in `bestPath` (default: chosen by size). */
export function alignBlockItems(source: readonly BlockItem[], target: readonly BlockItem[], model: LengthModel, band?: number): Step[] {
  const cost = (i: number, j: number, ds: number, dt: number): number => {
    const s = source.slice(i, i + ds);
    const t = target.slice(j, j + dt);
    if (t.some((b) => b.note)) return noteCost(ds, dt, BLOCK_MOVES.find((m) => m.source === ds && m.target === dt)?.prior ?? 1);
    const structure = structureCost(s, t);
    if (structure === Infinity) return Infinity;
    const length = ds === 0 || dt === 0 ? 0 : blockLengthCost(s, t, model);
    return structure + length + anchorCost(s.map((b) => b.anchors), t.map((b) => b.anchors));
  };
  return bestPath(source.length, target.length, BLOCK_MOVES, cost, band);
}

/** Length cost of a block link: capped for 1–1 (the block's place in the structure is the evidence), whole for merges and splits, which only length can justify. */
function blockLengthCost(source: readonly BlockItem[], target: readonly BlockItem[], model: LengthModel): number {
  const cost = lengthCost(sumLength(source), sumLength(target), model);
  return source.length === 1 && target.length === 1 ? Math.min(cost, MAX_BLOCK_LENGTH_COST) : cost;
}

function sumLength(items: readonly BlockItem[]): number {
  return items.reduce((n, item) => n + item.length, 0);
}
