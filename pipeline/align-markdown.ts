/**
 * Bilingual Markdown for download: each English block followed by its
 * translation, the footnotes of both languages at the end. remark-stringify
 * decides every escape, bullet and blank line of the file; but almost every
 * block is one plain text, which it writes as it is but for `[`, so such blocks
 * are written here by those same rules (read from mdast-util-to-markdown's
 * `unsafe` patterns, `safe`, `join` and the list, heading, quote and footnote
 * handlers) and only the others are serialised by remark-stringify, a run of
 * adjacent blocks at a time. test/align-markdown.test.ts checks the result
 * against the whole file serialised by remark-stringify.
 */
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { BlockContent, List, Nodes as MdastNodes, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import type { Alignment, Block, BlockKind, Doc } from './types.js';

// --- the blocks' content, from the document's tree ---------------------------------

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

/**
 * One walk of the tree gathers what three `visit`s did, and the three lists are applied in their
 * order, so a footnote's label and an item's number land where they did (the first entry for an
 * offset wins; the outermost definition labels its paragraphs).
 */
function collectBlockNodes(tree: MdastRoot): Map<number, BlockNode> {
  const notes: [PhrasingContent[], string][] = [];
  const numbered: [PhrasingContent[], number][] = [];
  const blocks: PhrasingContent[][] = [];
  const walk = (node: MdastNodes, label: string | undefined): void => {
    if (!('children' in node)) return;
    if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') blocks.push(node.children);
    if (node.type === 'paragraph' && label !== undefined) notes.push([node.children, label]);
    if (node.type === 'list' && node.ordered) numberItems(node, numbered);
    const inner = label ?? (node.type === 'footnoteDefinition' ? (node.label ?? node.identifier) : undefined);
    for (const child of node.children) walk(child, inner);
  };
  walk(tree, undefined);
  const found = new Map<number, BlockNode>();
  const add = (children: PhrasingContent[], footnote?: string) => {
    const start = children[0]?.position?.start.offset;
    if (start !== undefined && !found.has(start)) found.set(start, footnote === undefined ? { children } : { children, footnote });
    return start === undefined ? undefined : found.get(start);
  };
  for (const [children, label] of notes) add(children, label);
  for (const [children, number] of numbered) {
    const node = add(children);
    if (node) node.number = number;
  }
  for (const children of blocks) add(children);
  return found;
}

function numberItems(list: List, out: [PhrasingContent[], number][]): void {
  list.children.forEach((item, k) => {
    const first = item.children[0];
    if (first?.type === 'paragraph') out.push([first.children, (list.start ?? 1) + k]);
  });
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

/** A block as the bilingual file holds it. */
interface Flow {
  kind: BlockKind;
  depth: number;
  children: PhrasingContent[];
  /** Footnote label (prefixed), for footnotes. */
  label?: string;
  /** Number of the item, for items of an ordered list. */
  number?: number;
}

function flowOf(doc: Doc, block: Block, nodes: Map<number, BlockNode>, prefix: string): Flow {
  const found = nodes.get(block.start);
  const children = found ? relabel(found.children, prefix) : [{ type: 'text' as const, value: doc.value.slice(block.start, block.end) }];
  const flow: Flow = { kind: block.kind, depth: block.depth, children };
  if (block.kind === 'footnote') flow.label = `${prefix}${found?.footnote ?? block.id}`;
  if (block.kind === 'listItem' && found?.number !== undefined) flow.number = found.number;
  return flow;
}

/** The blocks of the file in order: each link's English blocks then its translated ones, footnotes last. */
function bilingualFlows(alignment: Alignment): Flow[] {
  const { source, target } = alignment;
  const sourceNodes = blockNodes(source);
  const targetNodes = blockNodes(target);
  const body: Flow[] = [];
  const notes: Flow[] = [];
  const emit = (flow: Flow) => (flow.kind === 'footnote' ? notes : body).push(flow);
  for (const link of alignment.blocks) {
    for (const b of link.source) emit(flowOf(source, source.blocks[b]!, sourceNodes, ''));
    for (const b of link.target) emit(flowOf(target, target.blocks[b]!, targetNodes, `${target.lang}-`));
  }
  return [...body, ...notes];
}

/** The mdast of a block: a nested block sits in lists of one item, a footnote in its definition. */
function flowNode(flow: Flow): RootContent {
  const { children } = flow;
  switch (flow.kind) {
    case 'heading':
      return { type: 'heading', depth: Math.min(Math.max(flow.depth, 1), 6) as 1 | 2 | 3 | 4 | 5 | 6, children };
    case 'blockquote':
      return { type: 'blockquote', children: [{ type: 'paragraph', children }] };
    case 'footnote': {
      const label = flow.label ?? '';
      return { type: 'footnoteDefinition', identifier: label.toLowerCase(), label, children: [{ type: 'paragraph', children }] };
    }
    case 'listItem': {
      const item = { type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children }] };
      let node: BlockContent =
        flow.number === undefined
          ? { type: 'list', ordered: false, spread: false, children: [item] }
          : { type: 'list', ordered: true, start: flow.number, spread: false, children: [item] };
      for (let d = 1; d < flow.depth; d++) node = { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [node] }] };
      return node;
    }
    default:
      return { type: 'paragraph', children };
  }
}

// --- plain text, written directly ---------------------------------------------------

/**
 * Text that remark-stringify might escape or encode in a paragraph or heading, but for `[`: a
 * character with an `unsafe` pattern in phrasing (tab and line endings, `\\`, `&`, `*`, `<`, `_`,
 * backtick, `~`, `@`) or a pair that is one (`](`, `www.x`, `http:/`); edge spaces are tested
 * apart. `[` is escaped wherever it is, and nothing near it changes then (`![` keeps its `!`, as
 * `safe` drops an escape that only guards the character after it when that one is escaped).
 */
const ESCAPED = /[\t\n\r\\&*<_`~@]|\]\(|[Ww]\.[-.\w]|[ps]:\//;
/** A start that could open a block, escaped at the start of a paragraph (an ATX heading's text follows `# `). */
const BLOCK_START = /^(?:[#=>+\-|:]|\d+[.)])/;
/** Whitespace inside emphasis next to its marker, which remark-stringify encodes (micromark's Unicode whitespace). */
const EDGE_SPACE = /^\s|\s$/;
/** A footnote label remark-stringify writes as it is. */
const PLAIN_LABEL = /^[^[\]\\\r\n]+$/;

/**
 * The text of a block that is one text, or one emphasis or strong holding one text, with the marks
 * around it. The block starts and ends with the emphasis, next to a line start (or `# `) and end,
 * so with no whitespace inside its marks it forms as it is: remark-stringify picks `*` or `**`.
 */
function plainPhrasing(children: readonly PhrasingContent[]): { value: string; mark: string } | undefined {
  const only = children[0];
  if (children.length !== 1 || !only) return undefined;
  if (only.type === 'text') return { value: only.value, mark: '' };
  if (only.type !== 'emphasis' && only.type !== 'strong') return undefined;
  const inner = only.children[0];
  if (only.children.length !== 1 || inner?.type !== 'text' || EDGE_SPACE.test(inner.value)) return undefined;
  return { value: inner.value, mark: only.type === 'emphasis' ? '*' : '**' };
}

type Bullet = '-' | '*' | '.' | ')';

/**
 * The bullets of a list after `previous`, the bullet of the list just before it (if the block
 * before is a list): remark-stringify switches to `*` or `)` so that two lists stay apart, and
 * every level of a nested list compares with that same bullet (a list records its own only when
 * it ends). Its items always hold a paragraph, so no other rule changes the bullet.
 */
function listBullets(previous: Bullet | undefined): { unordered: '-' | '*'; ordered: '.' | ')' } {
  return { unordered: previous === '-' ? '*' : '-', ordered: previous === '.' ? ')' : '.' };
}

/** The bullet of the outermost list of a block, which the next block compares with; undefined if it is no list. */
function outerBullet(flow: Flow, previous: Bullet | undefined): Bullet | undefined {
  if (flow.kind !== 'listItem') return undefined;
  const bullets = listBullets(previous);
  return flow.depth <= 1 && flow.number !== undefined ? bullets.ordered : bullets.unordered;
}

/** A block's Markdown if it is plain text (see ESCAPED and plainPhrasing), as remark-stringify writes it; undefined otherwise. */
function plainMarkdown(flow: Flow, previous: Bullet | undefined): string | undefined {
  const phrasing = plainPhrasing(flow.children);
  if (!phrasing) return undefined;
  const { value, mark } = phrasing;
  const heading = flow.kind === 'heading';
  if (value === '' || value.startsWith(' ') || value.endsWith(' ') || ESCAPED.test(value) || (heading ? value.endsWith('#') : BLOCK_START.test(value))) return undefined;
  const text = mark + (value.includes('[') ? value.replaceAll('[', '\\[') : value) + mark;
  switch (flow.kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(Math.max(flow.depth, 1), 6) || 1)} ${text}`;
    case 'blockquote':
      return `> ${text}`;
    case 'footnote':
      return flow.label !== undefined && PLAIN_LABEL.test(flow.label) ? `[^${flow.label}]: ${text}` : undefined;
    case 'listItem': {
      const bullets = listBullets(previous);
      let head = '';
      for (let d = 1; d < flow.depth; d++) head += `${bullets.unordered} `;
      const number = flow.number === undefined ? undefined : flow.number > -1 ? flow.number : 1;
      return `${head}${number === undefined ? bullets.unordered : `${number}${bullets.ordered}`} ${text}`;
    }
    default:
      return text;
  }
}

// --- the other blocks, by remark-stringify --------------------------------------------

const markdown = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fences: true });

const paragraph = (value: string): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value }] });
const list = (ordered: boolean): RootContent => ({
  type: 'list',
  ordered,
  ...(ordered ? { start: 1 } : {}),
  spread: false,
  children: [{ type: 'listItem', spread: false, children: [paragraph('x') as BlockContent] }],
});

/** Lists put before a run so that remark-stringify has used `bullet` last when the run starts, and their Markdown. */
const PRIMERS: Record<Bullet, { nodes: RootContent[]; markdown: string }> = {
  '-': { nodes: [list(false)], markdown: '- x\n\n' },
  '*': { nodes: [list(false), list(false)], markdown: '- x\n\n* x\n\n' },
  '.': { nodes: [list(true)], markdown: '1. x\n\n' },
  ')': { nodes: [list(true), list(true)], markdown: '1. x\n\n1) x\n\n' },
};
/** A paragraph after a run, so that the run's own last line ending stays apart from the one remark-stringify adds. */
const END = { node: paragraph('x'), markdown: '\n\nx\n' };

/**
 * Adjacent blocks serialised together, as they are in the whole file: at the top level blocks are
 * joined by a blank line whatever they are, and the only state carried from one to the next is
 * the last list bullet, which the primer sets. Undefined if the primer or end is not where expected.
 */
function serialiseRun(nodes: RootContent[], previous: Bullet | undefined): string | undefined {
  const primer = previous === undefined ? { nodes: [], markdown: '' } : PRIMERS[previous];
  const out = markdown.stringify({ type: 'root', children: [...primer.nodes, ...nodes, END.node] });
  if (!out.startsWith(primer.markdown) || !out.endsWith(END.markdown)) return undefined;
  return out.slice(primer.markdown.length, out.length - END.markdown.length);
}

/** The whole file serialised by remark-stringify: the safe answer should a run's frame ever not be where expected. */
function serialiseAll(flows: readonly Flow[]): string {
  return markdown.stringify({ type: 'root', children: flows.map(flowNode) });
}

/** Bilingual Markdown: each English block followed by its translation, footnotes of both languages kept. */
export function bilingualMarkdown(alignment: Alignment): string {
  const flows = bilingualFlows(alignment);
  const parts: string[] = [];
  let run: RootContent[] = [];
  let runPrevious: Bullet | undefined;
  let previous: Bullet | undefined;
  const flush = (): boolean => {
    if (run.length === 0) return true;
    const out = serialiseRun(run, runPrevious);
    run = [];
    if (out === undefined) return false;
    parts.push(out);
    return true;
  };
  for (const flow of flows) {
    const plain = plainMarkdown(flow, previous);
    if (plain === undefined) {
      if (run.length === 0) runPrevious = previous;
      run.push(flowNode(flow));
    } else {
      if (!flush()) return serialiseAll(flows);
      parts.push(plain);
    }
    previous = outerBullet(flow, previous);
  }
  if (!flush()) return serialiseAll(flows);
  // remark-stringify ends a file with a line ending unless it is empty or ends with one already.
  const out = parts.join('\n\n');
  return out === '' || out.endsWith('\n') || out.endsWith('\r') ? out : `${out}\n`;
}
