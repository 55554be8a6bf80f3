/**
 * Output of an alignment: a plain-text table for the terminal, JSON for
 * tools, bilingual Markdown for download and a side-by-side HTML table for
 * the published site. Markdown and HTML are built as syntax trees (mdast,
 * hast) and serialised by remark-stringify and rehype-stringify, so a
 * translator's text is escaped by the libraries, never by string pasting.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { visit } from 'unist-util-visit';
import type { BlockContent, DefinitionContent, FootnoteDefinition, Nodes as MdastNodes, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { getLanguage } from './languages.js';
import type { Alignment, Block, Doc, Link, Segment } from './types.js';

/** Output formats of an alignment. */
export type AlignFormat = 'table' | 'json' | 'md' | 'html';

/** Every format, for `--format` choices. */
export const ALIGN_FORMATS: readonly AlignFormat[] = ['table', 'json', 'md', 'html'];

/** The JSON shape of `bitext align --format json`. */
export interface AlignmentJson {
  links: { source: { id: string; text: string }[]; target: { id: string; text: string }[]; score: number }[];
}

/** Render an alignment in `format` (table, json, md or html). */
export function formatAlignment(alignment: Alignment, format: AlignFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(alignmentJson(alignment), null, 2)}\n`;
    case 'md':
      return bilingualMarkdown(alignment);
    case 'html':
      return sideBySideHtml(alignment);
    default:
      return table(alignment);
  }
}

/** The links of an alignment with segment ids and texts, in document order. */
export function alignmentJson(alignment: Alignment): AlignmentJson {
  const side = (doc: Doc, indices: readonly number[]) => indices.map((i) => ({ id: doc.segments[i]!.id, text: doc.segments[i]!.text }));
  return {
    links: alignment.links.map((link) => ({
      source: side(alignment.source, link.source),
      target: side(alignment.target, link.target),
      score: link.score,
    })),
  };
}

/** `1-1`, `2-1`, `0-1`…: the shape of a link. */
export function linkType(link: Pick<Link, 'source' | 'target'>): string {
  return `${link.source.length}-${link.target.length}`;
}

// --- table -------------------------------------------------------------------

const COLUMN = 58;
/** Wide characters take two terminal cells (East Asian Width W/F, approximated by script). */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

function cells(text: string): number {
  let n = 0;
  for (const c of text) n += WIDE.test(c) ? 2 : 1;
  return n;
}

/** Greedy wrap to `width` terminal cells, breaking at spaces where there are any. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lastSpace = -1;
  for (const c of text.replace(/\s+/gu, ' ')) {
    if (cells(line + c) > width) {
      if (c === ' ') {
        lines.push(line);
        line = '';
        lastSpace = -1;
        continue;
      }
      const cut = lastSpace > 0 ? lastSpace : line.length;
      lines.push(line.slice(0, cut).trimEnd());
      line = line.slice(cut).trimStart();
      lastSpace = -1;
    }
    if (c === ' ') lastSpace = line.length;
    line += c;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - cells(text)));

function table(alignment: Alignment): string {
  const { source, target } = alignment;
  const text = (doc: Doc, indices: readonly number[]) => indices.map((i) => doc.segments[i]!.text).join(' ');
  const out = [`${pad('link', 5)}${pad('score', 7)}${pad(source.lang, COLUMN)}  ${target.lang}`, `${'-'.repeat(12 + COLUMN * 2 + 2)}`];
  for (const link of alignment.links) {
    const left = wrap(text(source, link.source), COLUMN);
    const right = wrap(text(target, link.target), COLUMN);
    for (let k = 0; k < Math.max(left.length, right.length); k++) {
      const head = k === 0 ? pad(linkType(link), 5) + pad(link.score.toFixed(2), 7) : ' '.repeat(12);
      out.push(`${head}${pad(left[k] ?? '', COLUMN)}  ${right[k] ?? ''}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}

// --- bilingual Markdown --------------------------------------------------------

interface BlockNode {
  children: PhrasingContent[];
  /** Footnote label, for blocks inside a footnote definition. */
  footnote?: string;
  /** Number of the item, for blocks in an ordered list. */
  number?: number;
}

/** The mdast phrasing content of every block, by the offset where the block starts. */
function blockNodes(doc: Doc): Map<number, BlockNode> {
  const found = new Map<number, BlockNode>();
  if (!doc.tree) return found;
  const add = (children: PhrasingContent[], footnote?: string) => {
    const start = children[0]?.position?.start.offset;
    if (start !== undefined && !found.has(start)) found.set(start, footnote === undefined ? { children } : { children, footnote });
  };
  visit(doc.tree, 'footnoteDefinition', (definition) => {
    visit(definition, 'paragraph', (paragraph) => add(paragraph.children, definition.label ?? definition.identifier));
  });
  visit(doc.tree, 'list', (list) => {
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
  visit(doc.tree, (node: MdastNodes) => {
    if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') add(node.children);
  });
  return found;
}

/** Footnote labels of the translation get a language prefix, so both languages' notes coexist in one file. */
function relabel(children: PhrasingContent[], prefix: string): PhrasingContent[] {
  const copy = structuredClone(children);
  if (prefix === '') return copy;
  const root: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children: copy }] };
  visit(root, 'footnoteReference', (ref) => {
    ref.identifier = `${prefix}${ref.identifier}`;
    ref.label = `${prefix}${ref.label ?? ref.identifier}`;
  });
  return copy;
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

// --- side-by-side HTML --------------------------------------------------------

const inlineToHast = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize);
const html = unified().use(rehypeStringify);

/** A segment's Markdown as HTML phrasing content (sanitised); plain text when it does not parse as one paragraph. */
function segmentHast(segment: Segment): ElementContent[] {
  const tree = inlineToHast.runSync(inlineToHast.parse(segment.text)) as HastRoot;
  const elements = tree.children.filter((n) => n.type === 'element');
  const only = elements[0];
  if (elements.length === 1 && only && only.tagName === 'p') return only.children;
  return [{ type: 'text', value: segment.text }];
}

function cell(doc: Doc, indices: readonly number[]): Element {
  const children: ElementContent[] = [];
  indices.forEach((i, k) => {
    if (k > 0) children.push({ type: 'text', value: ' ' });
    children.push(...segmentHast(doc.segments[i]!));
  });
  const language = getLanguage(doc.lang);
  return { type: 'element', tagName: 'td', properties: { lang: doc.lang, dir: language?.dir ?? 'ltr' }, children };
}

/** A side-by-side HTML table (a fragment): one row per sentence link, one tbody per block link. */
export function sideBySideHtml(alignment: Alignment): string {
  const { source, target } = alignment;
  const header = (doc: Doc): Element => ({
    type: 'element',
    tagName: 'th',
    properties: { lang: 'en', scope: 'col' },
    children: [{ type: 'text', value: getLanguage(doc.lang)?.name ?? doc.lang }],
  });
  const bodies: Element[] = [];
  let next = 0;
  for (const blockLink of alignment.blocks) {
    const rows: Element[] = [];
    const inGroup = (link: Link) =>
      link.source.some((i) => blockLink.source.includes(source.segments[i]!.blockIndex)) ||
      link.target.some((i) => blockLink.target.includes(target.segments[i]!.blockIndex));
    while (next < alignment.links.length && inGroup(alignment.links[next]!)) {
      const link = alignment.links[next++]!;
      rows.push({
        type: 'element',
        tagName: 'tr',
        properties: { dataLink: linkType(link), dataScore: link.score.toFixed(3) },
        children: [cell(source, link.source), cell(target, link.target)],
      });
    }
    const kind = source.blocks[blockLink.source[0] ?? -1]?.kind ?? target.blocks[blockLink.target[0] ?? -1]?.kind ?? 'paragraph';
    if (rows.length > 0) bodies.push({ type: 'element', tagName: 'tbody', properties: { dataKind: kind }, children: rows });
  }
  const tableNode: Element = {
    type: 'element',
    tagName: 'table',
    properties: { className: ['bitext-alignment'] },
    children: [
      { type: 'element', tagName: 'thead', properties: {}, children: [{ type: 'element', tagName: 'tr', properties: {}, children: [header(source), header(target)] }] },
      ...bodies,
    ],
  };
  return `${html.stringify({ type: 'root', children: [tableNode] })}\n`;
}
