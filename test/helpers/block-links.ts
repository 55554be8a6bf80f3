/** Block links for property tests of the alignment outputs, cut from fast-check's numbers rather than found by the aligner. */
import type { BlockLink, Doc } from '../../pipeline/types.js';

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

/** Block links cut from `steps`: each takes 0–2 blocks of each side, in order, and together they take every block. */
export function cutBlockLinks(source: Doc, target: Doc, steps: readonly number[]): BlockLink[] {
  const links: BlockLink[] = [];
  let s = 0;
  let t = 0;
  for (let k = 0; s < source.blocks.length || t < target.blocks.length; k++) {
    const step = steps[k % steps.length] ?? 1;
    let ns = Math.min(step % 3, source.blocks.length - s);
    let nt = Math.min(Math.floor(step / 3) % 3, target.blocks.length - t);
    if (ns === 0 && nt === 0) (s < source.blocks.length ? (ns = 1) : (nt = 1));
    links.push({ source: range(s, ns), target: range(t, nt), score: 1 });
    s += ns;
    t += nt;
  }
  return links;
}
