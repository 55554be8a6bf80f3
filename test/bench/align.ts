/**
 * Benchmark of the align stage on long documents: a bundled meeting repeated
 * 1, 5, 10 and 20 times (100 to 2,000 blocks a side), one copy left out of the
 * translation so the path leaves the diagonal. Small grids are searched whole,
 * larger ones in a widening band, so time grows far slower than length².
 *
 * Run: node --import tsx test/bench/align.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { align } from '../../pipeline/align.js';
import { parse } from '../../pipeline/parse.js';
import { segment } from '../../pipeline/segment.js';
import type { Doc } from '../../pipeline/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SLUG = '2025-02-05-first-open-consultations-mag';

/** `count` copies of the meeting's body under its front matter, leaving out copy `skip`. */
function copies(lang: string, count: number, skip = -1): Doc {
  const value = readFileSync(path.join(ROOT, 'content', SLUG, `${lang}.md`), 'utf8');
  const end = value.indexOf('\n---', 3) + 4;
  const body = Array.from({ length: count }, (_, k) => (k === skip ? '' : value.slice(end))).join('\n');
  return segment(parse(new TextEncoder().encode(value.slice(0, end) + body), { path: `x/${lang}.md`, slug: SLUG, lang }));
}

const rows = ['copies  blocks en/zh  sentences en/zh   median ms'];
for (const count of [1, 5, 10, 20]) {
  const source = copies('en', count);
  const target = copies('zh', count, count > 1 ? 1 : -1);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    align(source, target);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  rows.push(`${String(count).padStart(6)}  ${`${source.blocks.length}/${target.blocks.length}`.padStart(12)}  ${`${source.segments.length}/${target.segments.length}`.padStart(15)}  ${times[1]!.toFixed(0).padStart(10)}`);
}
console.log(rows.join('\n'));
