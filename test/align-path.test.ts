import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, lengthModel, lengthOf } from '../pipeline/align.js';
import { alignBlockItems, type BlockItem } from '../pipeline/align-blocks.js';
import { anchorsOf } from '../pipeline/anchors.js';
import { bestPath, type Bound, type Move, type Step } from '../pipeline/align-path.js';
import { SENTENCE_MOVES } from '../pipeline/align-sentences.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import type { Doc } from '../pipeline/types.js';
import { CONTENT } from './helpers/content.js';

const key = (s: Pick<Step, 'i' | 'j' | 'ds' | 'dt'>): string => `${s.i},${s.j},${s.ds},${s.dt}`;

/** A planted path: 1–1 links, with `gap` source items left out (1–0) after the first `before` items. */
function planted(n: number, before: number, gap: number): Step[] {
  const steps: Step[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (i >= before && i < before + gap) steps.push({ i, j, ds: 1, dt: 0, cost: 0 });
    else steps.push({ i, j: j++, ds: 1, dt: 1, cost: 0 });
  }
  return steps;
}

/** The search as first written, cell by cell and move by move in list order: what `bestPath` must return, however it gets there. */
function plainPath(n: number, m: number, moves: readonly Move[], cost: (i: number, j: number, ds: number, dt: number) => number): Step[] {
  const total = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const back = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(-1));
  const stepCost = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  total[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      moves.forEach((move, k) => {
        const [pi, pj] = [i - move.source, j - move.target];
        if (pi < 0 || pj < 0 || total[pi]![pj] === Infinity) return;
        const c = cost(pi, pj, move.source, move.target) - Math.log(move.prior);
        if (total[pi]![pj]! + c < total[i]![j]!) [total[i]![j], back[i]![j], stepCost[i]![j]] = [total[pi]![pj]! + c, k, c];
      });
    }
  }
  const steps: Step[] = [];
  for (let [i, j] = [n, m]; i > 0 || j > 0; ) {
    const move = moves[back[i]![j]!]!;
    steps.push({ i: i - move.source, j: j - move.target, ds: move.source, dt: move.target, cost: stepCost[i]![j]! });
    [i, j] = [i - move.source, j - move.target];
  }
  return steps.reverse();
}

describe('bestPath against the plain search', () => {
  // Equal priors and small integer costs make ties common; the skips are listed last, though the search tries them first.
  const even: readonly Move[] = [
    { source: 1, target: 1, prior: 0.25 },
    { source: 2, target: 1, prior: 0.25 },
    { source: 1, target: 0, prior: 0.25 },
    { source: 0, target: 1, prior: 0.25 },
  ];
  const grid = fc.record({ n: fc.nat(7), m: fc.nat(7), seed: fc.nat(1000), moves: fc.constantFrom(SENTENCE_MOVES, even) });
  /** Costs from a hash of the link: a part known early, a part ≥ 0 known late, now and then Infinity (never for a skip: every cell stays reachable). */
  const parts = (seed: number, i: number, j: number, ds: number, dt: number): [number, number] => {
    const h = (seed * 7919 + i * 104_729 + j * 1_299_709 + ds * 31 + dt * 17) % 97;
    return h % 13 === 0 && ds > 0 && dt > 0 ? [Infinity, 0] : [(h % 5) - 2, h % 3];
  };

  it('finds the same steps and costs, ties going to the move listed first', () => {
    fc.assert(
      fc.property(grid, ({ n, m, seed, moves }) => {
        const cost = (i: number, j: number, ds: number, dt: number): number => parts(seed, i, j, ds, dt).reduce((a, b) => a + b);
        expect(bestPath(n, m, moves, cost)).toEqual(plainPath(n, m, moves, cost));
      }),
    );
  });

  it('finds the same steps and costs when link costs give up above their bound', () => {
    fc.assert(
      fc.property(grid, ({ n, m, seed, moves }) => {
        const cost = (i: number, j: number, ds: number, dt: number): number => parts(seed, i, j, ds, dt).reduce((a, b) => a + b);
        const bounded = (i: number, j: number, ds: number, dt: number, bound: Bound): number => {
          const [early, late] = parts(seed, i, j, ds, dt);
          return early > bound.limit ? Infinity : early + late;
        };
        expect(bestPath(n, m, moves, bounded)).toEqual(plainPath(n, m, moves, cost));
      }),
    );
  });
});

describe('bestPath on grids too large to search whole', () => {
  it('finds a path that leaves the diagonal far beyond the first band, and the same path as the whole search', () => {
    // 600 × 400: the first band is ±30 items, the planted path runs 100 items off the diagonal.
    const plant = planted(600, 100, 200);
    const on = new Set(plant.map(key));
    const cost = (i: number, j: number, ds: number, dt: number): number => (on.has(key({ i, j, ds, dt })) ? 0 : 5);
    const strip = (steps: Step[]) => steps.map(key);
    const banded = bestPath(600, 400, SENTENCE_MOVES, cost);
    expect(strip(banded)).toEqual(strip(plant));
    expect(strip(bestPath(600, 400, SENTENCE_MOVES, cost, Infinity))).toEqual(strip(plant));
    expect(strip(bestPath(600, 400, SENTENCE_MOVES, cost, 2))).toEqual(strip(plant));
  });

  it('handles very unequal lengths and empty sides', () => {
    const flat = () => 1;
    expect(bestPath(1, 2000, SENTENCE_MOVES, flat, 1).flatMap((s) => Array(s.dt).fill(0)).length).toBe(2000);
    expect(bestPath(0, 700, SENTENCE_MOVES, flat).every((s) => s.ds === 0 && s.dt === 1)).toBe(true);
    expect(bestPath(700, 0, SENTENCE_MOVES, flat).every((s) => s.ds === 1 && s.dt === 0)).toBe(true);
  });
});

describe('align on a long document', () => {
  const slug = '2025-02-05-first-open-consultations-mag';
  const read = (lang: string): { head: string; body: string } => {
    const value = readFileSync(path.join(CONTENT, slug, `${lang}.md`), 'utf8');
    const end = value.indexOf('\n---', 3) + 4;
    return { head: value.slice(0, end), body: value.slice(end) };
  };
  const doc = (value: string, lang: string): Doc => segment(parse(new TextEncoder().encode(value), { path: `x/${lang}.md`, slug, lang }));
  const copies = (lang: string, count: number, skip?: number): Doc => {
    const { head, body } = read(lang);
    return doc(head + Array.from({ length: count }, (_, k) => (k === skip ? '' : body)).join('\n'), lang);
  };

  /** Block items as the aligner builds them (lengths and anchors of each block's sentences). */
  const items = (d: Doc, other: string): BlockItem[] =>
    d.blocks.map((block) => {
      const sets = block.segments.map((x) => anchorsOf(x.text, { lang: d.lang, other, inline: x.inline }));
      const anchors = { strong: new Set(sets.flatMap((a) => [...a.strong])), weak: new Set(sets.flatMap((a) => [...a.weak])) };
      return { block, length: block.segments.reduce((n, x) => n + lengthOf(x.text, d.lang), 0), anchors, note: false };
    });

  it('searches a band, and finds the same block links as the whole search, for six copies of a meeting against five', () => {
    const source = copies('en', 6);
    const target = copies('zh', 6, 1);
    const model = lengthModel(source, target);
    const [s, t] = [items(source, 'zh'), items(target, 'en')];
    expect((s.length + 1) * (t.length + 1)).toBeGreaterThan(40_000); // too large to search whole by default
    const strip = (steps: Step[]) => steps.map(key);
    expect(strip(alignBlockItems(s, t, model))).toEqual(strip(alignBlockItems(s, t, model, Infinity)));
  });

  it('aligns six copies against five like the single meeting: the untranslated copy is one run of 1–0 blocks', () => {
    const one = align(copies('en', 1), copies('zh', 1));
    const perCopy = one.source.blocks.length;
    const map = new Map(one.blocks.filter((b) => b.source.length === 1 && b.target.length === 1).map((b) => [b.source[0]!, b.target[0]!]));
    expect(map.size).toBe(perCopy);

    const source = copies('en', 6);
    const target = copies('zh', 6, 1);
    expect(source.blocks.length).toBe(6 * perCopy);
    expect(target.blocks.length).toBe(5 * perCopy);
    const long = align(source, target);
    const dropped = long.blocks.filter((b) => b.target.length === 0).flatMap((b) => b.source);
    expect(dropped.at(-1)! - dropped[0]! + 1).toBe(dropped.length); // one contiguous run
    // Copies repeat their text, so a short paragraph at the seam may go with either neighbour: allow one block of slack.
    expect(dropped.length).toBeGreaterThanOrEqual(perCopy - 1);
    expect(dropped.length).toBeLessThanOrEqual(perCopy);
    const linked = long.blocks.filter((b) => b.source.length > 0 && b.target.length > 0);
    const faithful = linked.filter((b) => b.source.length === 1 && b.target.length === 1 && map.get(b.source[0]! % perCopy) === b.target[0]! % perCopy);
    expect(linked.length - faithful.length).toBeLessThanOrEqual(1);
    expect(long.links.flatMap((l) => l.source)).toEqual(source.segments.map((_, i) => i));
    expect(long.links.flatMap((l) => l.target)).toEqual(target.segments.map((_, i) => i));
  });
});
