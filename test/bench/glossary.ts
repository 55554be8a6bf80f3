/**
 * Benchmark of the glossary check: the same corpus checked against 10, 1,000
 * and 20,000 terms (the 10 real ones plus synthetic terms that never occur),
 * so the figures show what the number of terms costs. Building the matchers
 * is timed apart; the check is one Aho–Corasick pass per text, so its time
 * should not grow with the termbase.
 *
 * Run: node --import tsx test/bench/glossary.ts
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { alignWithTerms, checkAlignments } from '../../pipeline/glossary/check.js';
import { TermIndex } from '../../pipeline/glossary/forms.js';
import type { EntryData } from '../../pipeline/glossary/schema.js';
import { openTermbase, type Entry, type Termbase } from '../../pipeline/glossary/termbase.js';
import { loadCorpus } from '../../pipeline/load.js';
import type { Alignment } from '../../pipeline/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SIZES = [10, 1_000, 20_000] as const;

export interface GlossaryBenchRow {
  terms: number;
  /** Automaton states of the English and Chinese matchers. */
  states: number;
  buildMs: number;
  /** Median time of one glossary check of the whole corpus (alignment done beforehand). */
  checkMs: number;
  /** Fastest run: the cost without the noise of a shared machine. */
  bestMs: number;
}

export interface GlossaryBenchFigures {
  rows: GlossaryBenchRow[];
  /** bestMs with 20,000 terms divided by bestMs with 10 terms (the target is ≤ 1.3). */
  ratio: number;
  /** Characters of English and translation checked per run. */
  characters: number;
}

/** A deterministic pseudo-random generator (mulberry32), so every run checks the same terms. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` synthetic entries: an acronym, an English name of invented words, a Chinese rendering and a forbidden variant. */
export function syntheticEntries(count: number, seed = 1): Entry[] {
  const next = random(seed);
  const pick = (chars: string, n: number): string => Array.from({ length: n }, () => chars[Math.floor(next() * chars.length)]).join('');
  const han = (n: number): string => Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(next() * 0x51a5))).join('');
  const word = (): string => pick('BCDFGHJKLMNPQRSTVWXZ', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 2);
  return Array.from({ length: count }, (_, i): Entry => {
    const data: EntryData = {
      id: `synthetic-${i}`,
      term: `X${i.toString(36).toUpperCase()}Q`,
      expansion: `${word()} ${word()} ${word()}`,
      case_sensitive: true,
      langs: { zh: { approved: [han(5)], forbidden: [{ form: han(4), reason: 'synthetic' }], evidence: 'unverified' } },
    };
    return { ...data, file: 'synthetic.yaml', line: i + 1, column: 1 };
  });
}

/** A full garbage collection, where V8 allows one to be asked for. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Measure the glossary check with 10, 1,000 and 20,000 terms on the bundled corpus. */
export async function glossaryBench(iterations = 41): Promise<GlossaryBenchFigures> {
  const real = (await openTermbase(ROOT)).entries.slice(0, 10);
  const corpus = await loadCorpus(['content'], { cwd: ROOT });
  const baseIndex = new TermIndex({ entries: real, files: [] });
  const alignments: Alignment[][] = corpus.meetings.map((m) => alignWithTerms(m, baseIndex));
  const files = corpus.docs.map((d) => d.file);
  const kept = files.map((f) => f.messages.length);
  const characters = corpus.docs.reduce((n, d) => n + d.value.length, 0);
  const run = (index: TermIndex): number => {
    const t0 = performance.now();
    for (const group of alignments) checkAlignments(group, index);
    const elapsed = performance.now() - t0;
    files.forEach((f, k) => f.messages.splice(kept[k]!));
    return elapsed;
  };
  // Warm the JIT up first, so the smallest termbase is not measured on colder code than the others.
  for (let i = 0; i < iterations; i++) run(baseIndex);
  // Build every size first, then time the sizes in turns, so that noise of the machine hits them alike.
  const built = SIZES.map((size) => {
    const termbase: Termbase = { entries: [...real, ...syntheticEntries(size - real.length)], files: [] };
    const started = performance.now();
    const index = new TermIndex(termbase);
    const zh = index.target('zh');
    return { size, index, buildMs: performance.now() - started, states: index.english.size + zh.size, times: [] as number[] };
  });
  collectGarbage(); // the maps the builds left behind are build cost, not check cost
  for (const b of built) run(b.index);
  for (let i = 0; i < iterations; i++) for (const b of built) b.times.push(run(b.index));
  const rows: GlossaryBenchRow[] = built.map((b) => ({ terms: b.size, states: b.states, buildMs: b.buildMs, checkMs: median(b.times), bestMs: Math.min(...b.times) }));
  return { rows, ratio: rows[rows.length - 1]!.bestMs / rows[0]!.bestMs, characters };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await glossaryBench();
  for (const row of figures.rows) {
    console.log(`${String(row.terms).padStart(6)} terms  ${String(row.states).padStart(8)} states  build ${row.buildMs.toFixed(1).padStart(7)} ms  check ${row.checkMs.toFixed(2).padStart(6)} ms (best ${row.bestMs.toFixed(2)} ms)`);
  }
  console.log(`check of ${figures.characters} characters: 20,000 terms cost ${figures.ratio.toFixed(2)}× 10 terms (target ≤ 1.3×)`);
}
