import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { align, lengthModel, lengthOf } from '../pipeline/align.js';
import { alignBlockItems, type BlockItem } from '../pipeline/align-blocks.js';
import { anchorsOf } from '../pipeline/anchors.js';
import { bestPath, SENTENCE_MOVES, type Step } from '../pipeline/align-sentences.js';
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
