/**
 * The bilingual Markdown writer as it was before the plain-text fast path
 * (pipeline/align-format.ts at 179c77d, unchanged but for imports): every
 * block built as mdast and the whole file serialised by remark-stringify.
 * Frozen here as the oracle the new writer must match byte for byte.
 */
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { visit } from 'unist-util-visit';
import type { BlockContent, DefinitionContent, FootnoteDefinition, Nodes as MdastNodes, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import type { Alignment, Block, Doc } from '../../pipeline/types.js';

interface BlockNode {
  children: PhrasingContent[];
  /** Footnote label, for blocks inside a footnote definition. */
  footnote?: string;
  /** Number of the item, for blocks in an ordered list. */
  number?: number;
}

/** blockNodes by tree: an English source is written beside each of its translations. */
const blockNodesByTree = new WeakMap<MdastRoot, Map<number, BlockNode>>();

/** The mdast phrasing content of every block, by the offset where the block starts. */
function blockNodes(doc: Doc): Map<number, BlockNode> {
  if (!doc.tree) return new Map();
  let found = blockNodesByTree.get(doc.tree);
  if (!found) blockNodesByTree.set(doc.tree, (found = collectBlockNodes(doc.tree)));
  return found;
}

function collectBlockNodes(tree: MdastRoot): Map<number, BlockNode> {
  const found = new Map<number, BlockNode>();
  const add = (children: PhrasingContent[], footnote?: string) => {
    const start = children[0]?.position?.start.offset;
    if (start !== undefined && !found.has(start)) found.set(start, footnote === undefined ? { children } : { children, footnote });
  };
  visit(tree, 'footnoteDefinition', (definition) => {
    visit(definition, 'paragraph', (paragraph) => add(paragraph.children, definition.label ?? definition.identifier));
  });
  visit(tree, 'list', (list) => {
    if (!list.ordered) return;
    list.children.forEach((item, k) => {
      const first = item.children[0];
      if (first?.type !== 'paragraph') return;
      add(first.children);
      const start = first.children[0]?.position?.start.offset;
      const node = start === undefined ? undefined : found.get(start);
      if (node) node.number = (list.start ?? 1) + k;
    });
  });
  visit(tree, (node: MdastNodes) => {
    if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') add(node.children);
  });
  return found;
}

/**
 * Footnote labels of the translation get a language prefix, so both languages' notes coexist in one file.
 * remark-stringify only reads the tree, so the document's own nodes are used as they are; only the
 * nodes on the way to a footnote reference are copied, never the document's tree changed.
 */
function relabel(children: PhrasingContent[], prefix: string): PhrasingContent[] {
  if (prefix === '') return children;
  const copy = (node: PhrasingContent): PhrasingContent => {
    if (node.type === 'footnoteReference') return { ...node, identifier: `${prefix}${node.identifier}`, label: `${prefix}${node.label ?? `${prefix}${node.identifier}`}` };
    if (!('children' in node) || !node.children.some(hasReference)) return node;
    return { ...node, children: node.children.map((child) => copy(child as PhrasingContent)) } as PhrasingContent;
  };
  return children.some(hasReference) ? children.map(copy) : children;
}

function hasReference(node: MdastNodes): boolean {
  return node.type === 'footnoteReference' || ('children' in node && node.children.some(hasReference));
}

function blockContent(doc: Doc, block: Block, nodes: Map<number, BlockNode>, prefix: string): RootContent {
  const found = nodes.get(block.start);
  const children = found ? relabel(found.children, prefix) : [{ type: 'text' as const, value: doc.value.slice(block.start, block.end) }];
  switch (block.kind) {
    case 'heading':
      return { type: 'heading', depth: Math.min(Math.max(block.depth, 1), 6) as 1 | 2 | 3 | 4 | 5 | 6, children };
    case 'blockquote':
      return { type: 'blockquote', children: [{ type: 'paragraph', children }] };
    case 'footnote': {
      const label = `${prefix}${found?.footnote ?? block.id}`;
      const definition: FootnoteDefinition = { type: 'footnoteDefinition', identifier: label.toLowerCase(), label, children: [{ type: 'paragraph', children }] };
      return definition;
    }
    case 'listItem': {
      const item = { type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children }] };
      let node: BlockContent =
        found?.number === undefined
          ? { type: 'list', ordered: false, spread: false, children: [item] }
          : { type: 'list', ordered: true, start: found.number, spread: false, children: [item] };
      for (let d = 1; d < block.depth; d++) node = { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [node] }] };
      return node;
    }
    default:
      return { type: 'paragraph', children };
  }
}

const markdown = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fences: true });

/** Bilingual Markdown: each English block followed by its translation, footnotes of both languages kept. */
export function bilingualMarkdown(alignment: Alignment): string {
  const { source, target } = alignment;
  const sourceNodes = blockNodes(source);
  const targetNodes = blockNodes(target);
  const body: RootContent[] = [];
  const notes: (BlockContent | DefinitionContent)[] = [];
  const emit = (node: RootContent) => (node.type === 'footnoteDefinition' ? notes.push(node) : body.push(node));
  for (const link of alignment.blocks) {
    for (const b of link.source) emit(blockContent(source, source.blocks[b]!, sourceNodes, ''));
    for (const b of link.target) emit(blockContent(target, target.blocks[b]!, targetNodes, `${target.lang}-`));
  }
  return markdown.stringify({ type: 'root', children: [...body, ...notes] });
}

