/**
 * A tree with its last top-level blocks taken out, without parsing the file again.
 *
 * Translators paste the working group's disclaimer at the end of a translation; the site takes it
 * out and adds its own. Parsing the shortened file again cost a full parse of every such
 * translation. When nothing but the cut blocks and blank lines follows the first cut block, the
 * blocks before it parse as they did (Markdown decides a block from the lines up to its end and the
 * line after it, and what followed was a block of its own), so the tree is the old one with those
 * children dropped and the root ending where the new text ends. In any other case (a block cut from
 * the middle could let its neighbours join; whitespace lines after indented code, which it takes in)
 * the caller parses again. test/cut-tail.test.ts checks
 * the trees against a new parse.
 */
import type { Root } from 'mdast';
import { location } from 'vfile-location';

/** One cut: the offsets of a top-level block of the tree. */
export interface Cut {
  start: number;
  end: number;
}

/**
 * The tree of `after` (`value` with the `cuts` removed) made from `tree`, the tree of `value`;
 * undefined when a cut is not a top-level block or another block follows a cut one.
 */
export function treeWithoutLast(tree: Root, value: string, cuts: readonly Cut[], after: string): Root | undefined {
  if (cuts.length === 0 || !tree.position) return undefined;
  const unique = [...new Map(cuts.map((cut) => [cut.start, cut])).values()];
  const starts = new Set(unique.map((cut) => cut.start));
  const first = Math.min(...starts);
  const kept = tree.children.filter((node) => !starts.has(node.position?.start.offset ?? -1));
  // Every cut must be a whole top-level block, and every block from the first cut on must be cut.
  if (tree.children.length - kept.length !== starts.size) return undefined;
  if (unique.some((cut) => !tree.children.some((node) => node.position?.start.offset === cut.start && node.position.end.offset === cut.end))) return undefined;
  if (kept.some((node) => (node.position?.start.offset ?? Infinity) >= first)) return undefined;
  // What is left after the kept blocks is blank: the cut blocks, and whitespace between them.
  if (after.length !== value.length - unique.reduce((n, cut) => n + cut.end - cut.start, 0)) return undefined;
  // An indented code block (also one inside a list item) takes in the whitespace-only lines after it that
  // reach its indentation, four columns or more: with the cut blocks gone, such lines would end it later.
  const lastEnd = kept.at(-1)?.position?.end.offset;
  if (lastEnd !== undefined && /\t| {4}/.test(after.slice(lastEnd))) return undefined;
  const end = location(after).toPoint(after.length);
  if (!end) return undefined;
  return { ...tree, children: kept, position: { start: tree.position.start, end: { ...end, offset: after.length } } };
}
