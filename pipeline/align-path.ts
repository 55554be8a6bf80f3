/**
 * The dynamic program shared by block and sentence alignment: the cheapest
 * path of links through the grid of two sequences, searched whole when small
 * and in a widening band around the diagonal when large.
 */

/** A move of the dynamic program: how many source and target items one link takes, and its prior probability. */
export interface Move {
  source: number;
  target: number;
  prior: number;
}

/** One step of a best path: source items [i, i+ds) go with target items [j, j+dt). */
export interface Step {
  i: number;
  j: number;
  ds: number;
  dt: number;
  cost: number;
}

/**
 * What the search knows when it asks for a link's cost: above `limit`, the
 * link cannot make its cell cheaper (Infinity while the cell has no way in).
 * One object, updated in place: a number passed as an argument would be
 * boxed on the heap, millions of times for each document pair.
 */
export interface Bound {
  limit: number;
}

/**
 * Cost of linking source [i, i+ds) with target [j, j+dt); Infinity forbids the
 * link. It may also return Infinity when it can tell, before computing all of
 * its cost, that the cost is above `bound.limit`.
 */
export type LinkCost = (i: number, j: number, ds: number, dt: number, bound: Bound) => number;

/**
 * Slack added to the `limit` of a link cost, relative to the totals it is
 * computed from: a link skipped for being over the limit must be over it by
 * more than the rounding of the few additions involved (about 1e-16 of the
 * totals each), so that skipping it never changes the path.
 */
const LIMIT_SLACK = 1e-9;

/** Grids up to this many cells are searched whole (200 × 200 blocks, about 0.15 s; the bundled meetings have about 100). */
const EXACT_CELLS = 40_000;
/** First half-width of the band, in items, when a grid is larger. */
const MIN_BAND = 25;
/** A path this close to a band edge may have been cut off by it: search again with a band twice as wide. */
const EDGE_MARGIN = 3;

/**
 * A list of moves as typed arrays, built once per list, in the order the
 * search tries them: skips (1–0, 0–1) first, as they cost little to price and
 * give a bound that often spares pricing the others; `index` is the place of
 * each in the list, which settles ties.
 */
interface MoveTable {
  index: Int32Array;
  ds: Int32Array;
  dt: Int32Array;
  logPrior: Float64Array;
}

const tables = new WeakMap<readonly Move[], MoveTable>();

function tableOf(moves: readonly Move[]): MoveTable {
  let table = tables.get(moves);
  if (!table) {
    const skip = (move: Move): boolean => move.source === 0 || move.target === 0;
    const order = [...moves.keys()].sort((a, b) => Number(skip(moves[b]!)) - Number(skip(moves[a]!)) || a - b);
    table = {
      index: Int32Array.from(order),
      ds: Int32Array.from(order, (k) => moves[k]!.source),
      dt: Int32Array.from(order, (k) => moves[k]!.target),
      logPrior: Float64Array.from(order, (k) => Math.log(moves[k]!.prior)),
    };
    tables.set(moves, table);
  }
  return table;
}

/** The rows of a band: first and last column of each, and where each starts in the cell tables. */
interface Rows {
  lo: Int32Array;
  hi: Int32Array;
  start: Int32Array;
}

/** The tables of a search, one entry per cell: cheapest total, move taken, cost of that move. */
interface Cells {
  total: Float64Array;
  back: Int8Array;
  stepCost: Float64Array;
}

const rowsOf = (count: number): Rows => ({ lo: new Int32Array(count), hi: new Int32Array(count), start: new Int32Array(count + 1) });
const cellsOf = (count: number): Cells => ({ total: new Float64Array(count), back: new Int8Array(count), stepCost: new Float64Array(count) });

/**
 * Tables kept from one search to the next, up to a grid of 256 rows and 65,536
 * cells (1.1 MB): most searches are a few sentences, and allocating six typed
 * arrays for each cost more than the search itself. Larger grids, and a search
 * started while another runs, get tables of their own.
 */
const kept = { rows: rowsOf(256), cells: cellsOf(65_536), busy: false };

/** The cells of each row that a band of half-width `band` around the diagonal of an n × m grid allows: |i·m − j·n| ≤ band·max(n, m). */
function bandRows(n: number, m: number, band: number, rows: Rows): void {
  const { lo, hi, start } = rows;
  const reach = band * Math.max(n, m);
  start[0] = 0;
  for (let i = 0; i <= n; i++) {
    const whole = n === 0 || !Number.isFinite(reach);
    lo[i] = whole ? 0 : Math.max(0, Math.ceil((i * m - reach) / n));
    hi[i] = whole ? m : Math.min(m, Math.floor((i * m + reach) / n));
    start[i + 1] = start[i]! + hi[i]! - lo[i]! + 1;
  }
}

/** Cheapest path inside a band; `cut` when the path runs along an edge the band imposed. */
function pathInBand(n: number, m: number, moves: readonly Move[], cost: LinkCost, band: number): { steps: Step[]; cut: boolean } {
  const own = kept.busy;
  kept.busy = true;
  try {
    const rows = !own && n + 1 <= kept.rows.lo.length ? kept.rows : rowsOf(n + 1);
    bandRows(n, m, band, rows);
    const size = rows.start[n + 1]!;
    const cells = !own && size <= kept.cells.total.length ? kept.cells : cellsOf(size);
    fillCells(n, moves, cost, rows, cells);
    return backtrack(n, m, moves, rows, cells);
  } finally {
    kept.busy = own;
  }
}

/**
 * The cheapest total of every cell of the band, and the move that reaches it.
 * Plain loops over typed arrays: this runs once for every cell and move of
 * the grid, tens of thousands of times for each document pair. Every cell is
 * written before it is read, so kept tables need no clearing.
 */
function fillCells(n: number, moves: readonly Move[], cost: LinkCost, rows: Rows, cells: Cells): void {
  const { lo, hi, start } = rows;
  const { total, back, stepCost } = cells;
  const { index, ds, dt, logPrior } = tableOf(moves);
  const count = moves.length;
  // Per move, for the current row: the columns its previous cell may take, and the offset from a column to its previous cell.
  // (Plain arrays: most searches are a few sentences, where allocating typed arrays would cost more than the search.)
  const fromLo: number[] = new Array<number>(count).fill(0);
  const fromHi: number[] = new Array<number>(count).fill(0);
  const fromBase: number[] = new Array<number>(count).fill(0);
  const bound: Bound = { limit: Infinity };
  total[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let k = 0; k < count; k++) {
      const pi = i - ds[k]!;
      // An empty range when the previous row is above the grid.
      fromLo[k] = pi < 0 ? 1 : lo[pi]! + dt[k]!;
      fromHi[k] = pi < 0 ? 0 : hi[pi]! + dt[k]!;
      fromBase[k] = pi < 0 ? 0 : start[pi]! - lo[pi]! - dt[k]!;
    }
    const here0 = start[i]! - lo[i]!;
    for (let j = i === 0 ? 1 : lo[i]!; j <= hi[i]!; j++) {
      let best = Infinity;
      let bestMove = -1;
      let bestCost = 0;
      for (let k = 0; k < count; k++) {
        if (j < fromLo[k]! || j > fromHi[k]!) continue;
        const from = total[fromBase[k]! + j]!;
        if (from === Infinity) continue;
        bound.limit = best - from + logPrior[k]! + LIMIT_SLACK * (1 + Math.abs(best) + Math.abs(from));
        const c = cost(i - ds[k]!, j - dt[k]!, ds[k]!, dt[k]!, bound) - logPrior[k]!;
        // The cheapest move, and of equally cheap ones the first listed.
        if (from + c < best || (from + c === best && index[k]! < bestMove)) {
          best = from + c;
          bestMove = index[k]!;
          bestCost = c;
        }
      }
      total[here0 + j] = best;
      back[here0 + j] = bestMove;
      stepCost[here0 + j] = bestCost;
    }
  }
}

/** The steps of the cheapest path, from the moves `fillCells` recorded. */
function backtrack(n: number, m: number, moves: readonly Move[], rows: Rows, cells: Cells): { steps: Step[]; cut: boolean } {
  const { lo, hi, start } = rows;
  const { back, stepCost } = cells;
  const steps: Step[] = [];
  let cut = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = j < lo[i]! || j > hi[i]! ? -1 : start[i]! + j - lo[i]!;
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
