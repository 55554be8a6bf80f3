/** A hand-built alignment of the markup fixture with every kind of link the exchange model has to place. */
import path from 'node:path';
import { loadDoc } from '../../pipeline/load.js';
import type { Alignment, Link } from '../../pipeline/types.js';
import { ROOT } from '../helpers/content.js';

export const MARKUP = path.join(ROOT, 'test/fixtures/exchange/markup/content/2024-05-01-markup');

/** The markup fixture aligned by hand: 1–0, 0–1, 1–2 and cross-block 2–1 links. */
export async function handAligned(): Promise<Alignment> {
  const source = await loadDoc(path.join(MARKUP, 'en.md'), '2024-05-01-markup', ROOT);
  const target = await loadDoc(path.join(MARKUP, 'zh.md'), '2024-05-01-markup', ROOT);
  const link = (s: number[], t: number[]): Link => ({ source: s, target: t, score: 1 });
  const links = [
    link([0], []), // heading left untranslated
    link([], [0]), // target-only sentence in its own block
    link([1], [1, 2]), // one English sentence, two Chinese ones
    link([2, 3], [3]), // two English sentences of different paragraphs, one Chinese
    link([4], [4]),
    link([], [5]), // target-only sentence next to the previous target
    link([5], []),
    link([6], [6]),
    link([7], [7]),
  ];
  return { source, target, blocks: [], links };
}
