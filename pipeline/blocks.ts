/**
 * Translatable blocks from mdast: the inline content of headings, paragraphs,
 * list items, table cells, block quotes and footnotes, in document order.
 */
import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import type { BlockKind, InlineKind, InlineMark } from './types.js';
import type { MarkSpan } from './sentences.js';

/** A block before it has ids and segments. */
export interface RawBlock {
  kind: BlockKind;
  depth: number;
  start: number;
  end: number;
  inline: InlineMark[];
  /** Inline marks with the offset where their children end (for sentence splitting). */
  marks: MarkSpan[];
}

interface Context {
  kind: BlockKind;
  depth: number;
}

const INLINE_KINDS = new Set<string>([
  'emphasis', 'strong', 'delete', 'link', 'linkReference', 'inlineCode', 'image', 'imageReference', 'footnoteReference', 'html', 'break',
]);

/** Blocks of a tree in document order. */
export function collectBlocks(tree: Root): RawBlock[] {
  const blocks: RawBlock[] = [];
  walk(tree, { kind: 'paragraph', depth: 0 }, 0, blocks);
  return blocks;
}

function walk(node: Parents, context: Context, listDepth: number, out: RawBlock[]): void {
  for (const child of node.children as Nodes[]) {
    switch (child.type) {
      case 'heading':
        addBlock(child.children, { kind: 'heading', depth: child.depth }, out);
        break;
      case 'paragraph':
        addBlock(child.children, context, out);
        break;
      case 'list':
        walk(child, context, listDepth + 1, out);
        break;
      case 'listItem':
        walk(child, { kind: 'listItem', depth: listDepth }, listDepth, out);
        break;
      case 'blockquote':
        walk(child, { kind: 'blockquote', depth: context.depth }, listDepth, out);
        break;
      case 'footnoteDefinition':
        walk(child, { kind: 'footnote', depth: 0 }, listDepth, out);
        break;
      case 'table':
        child.children.forEach((row, r) => {
          for (const cell of row.children) addBlock(cell.children, { kind: 'tableCell', depth: r + 1 }, out);
        });
        break;
      default:
        break; // code, html, thematic breaks, definitions: nothing to translate
    }
  }
}

function addBlock(children: PhrasingContent[], context: Context, out: RawBlock[]): void {
  const first = children[0]?.position;
  const last = children[children.length - 1]?.position;
  if (!first || !last || first.start.offset === undefined || last.end.offset === undefined) return;
  const inline: InlineMark[] = [];
  const marks: MarkSpan[] = [];
  const start = first.start.offset;
  for (const child of children) collectInline(child, start, inline, marks);
  out.push({ kind: context.kind, depth: context.depth, start, end: last.end.offset, inline, marks });
}

function collectInline(node: PhrasingContent, base: number, inline: InlineMark[], marks: MarkSpan[]): void {
  const position = node.position;
  if (INLINE_KINDS.has(node.type) && position?.start.offset !== undefined && position.end.offset !== undefined) {
    const mark: InlineMark = { kind: node.type as InlineKind, start: position.start.offset, end: position.end.offset };
    if ('url' in node && typeof node.url === 'string') mark.url = node.url;
    inline.push(mark);
    const children = 'children' in node ? node.children : [];
    const lastChild = children[children.length - 1]?.position?.end.offset;
    marks.push({
      start: mark.start - base,
      end: mark.end - base,
      contentEnd: (lastChild ?? mark.start) - base,
      trailing: node.type === 'footnoteReference',
    });
  }
  if ('children' in node) for (const child of node.children) collectInline(child, base, inline, marks);
}
