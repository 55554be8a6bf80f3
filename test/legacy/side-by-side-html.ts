/**
 * The side-by-side HTML table as it was before it was written as a string
 * (pipeline/align-format.ts at 2fe2114, unchanged but for imports and the
 * `linkType` it used): a hast table of every row and cell, each cell the
 * segments' sanitised HTML, serialised whole by rehype-stringify.
 * Frozen here as the oracle the new writer must match byte for byte.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { CONTINUE, EXIT, visit } from 'unist-util-visit';
import type { Nodes as MdastNodes } from 'mdast';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastRootContent } from 'hast';
import { getLanguage } from '../../pipeline/languages.js';
import type { Alignment, Doc, Link, Segment } from '../../pipeline/types.js';

function linkType(link: Pick<Link, 'source' | 'target'>): string {
  return `${link.source.length}-${link.target.length}`;
}

const inlineToHast = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize);
const html = unified().use(rehypeStringify);

/** A segment's Markdown as HTML phrasing content (sanitised); plain text when it does not parse as one paragraph. */
function segmentHast(text: string): ElementContent[] {
  return phrasing((inlineToHast.runSync(inlineToHast.parse(text)) as HastRoot).children, text);
}

function phrasing(nodes: readonly HastRootContent[], text: string): ElementContent[] {
  const elements = nodes.filter((n) => n.type === 'element');
  const only = elements[0];
  if (elements.length === 1 && only && only.tagName === 'p') return only.children;
  return [{ type: 'text', value: text }];
}

/**
 * Text that Markdown leaves as it is: one line, trimmed, none of the characters that start inline
 * syntax (escapes, character references, HTML and autolinks, emphasis, code, links, footnotes,
 * strikethrough, e-mail literals) or that the parser replaces (NUL, a leading BOM), and no start
 * that opens a block (ATX heading, quote, list, break, setext or table line, `1.` or `1)`).
 * It parses to one paragraph holding exactly its text, so most sentences need no parse at all.
 */
const INERT = /^(?![#>+\-=]|\d{1,9}[.)])[^\\&<>*_`~[\]!@|\0\r\n\uFEFF]*$/u;
/** GFM autolink literals start at `www.` and `http://`/`https://` without any of the characters above. */
const AUTOLINK = /www\.|:\/\//iu;

function isInert(text: string): boolean {
  return text === text.trim() && INERT.test(text) && !AUTOLINK.test(text);
}

/** Separates segments parsed together: a paragraph of private-use characters no translator types. */
const MARK = '\uE000bitext-segment\uE000';

function isMark(node: HastRootContent): boolean {
  return node.type === 'element' && node.tagName === 'p' && node.children.length === 1 && node.children[0]?.type === 'text' && node.children[0].value === MARK;
}

/**
 * The HTML of many segments from one parse (micromark's set-up per call costs more than a short
 * sentence): each segment a block of its own between marker paragraphs, whose blank lines end any
 * list, quote or table a segment opens. Undefined when that could differ from parsing each alone: a
 * definition (references resolve across the whole text), a fence or HTML block left open (it
 * swallows a marker, so the count is off), a BOM (dropped only at the very start) or the marker itself.
 */
function batchHast(texts: readonly string[]): ElementContent[][] | undefined {
  if (texts.some((text) => text.includes(MARK) || text.includes('\uFEFF'))) return undefined;
  const mdast = inlineToHast.parse(texts.join(`\n\n${MARK}\n\n`));
  let defined = false;
  visit(mdast, (node: MdastNodes) => {
    if (node.type !== 'definition' && node.type !== 'footnoteDefinition') return CONTINUE;
    defined = true;
    return EXIT;
  });
  if (defined) return undefined;
  const chunks: HastRootContent[][] = [[]];
  for (const node of (inlineToHast.runSync(mdast) as HastRoot).children) {
    if (isMark(node)) chunks.push([]);
    else chunks[chunks.length - 1]!.push(node);
  }
  if (chunks.length !== texts.length) return undefined;
  return chunks.map((nodes, k) => phrasing(nodes, texts[k]!));
}

/** The HTML of each text: in one parse where possible, halves parsed apart around a segment that does not allow it. */
function parsedHast(texts: readonly string[]): ElementContent[][] {
  if (texts.length === 0) return [];
  if (texts.length === 1) return [segmentHast(texts[0]!)];
  const together = batchHast(texts);
  if (together) return together;
  const half = Math.ceil(texts.length / 2);
  return [...parsedHast(texts.slice(0, half)), ...parsedHast(texts.slice(half))];
}

/** segmentsHast by document: an English source is shown beside each of its translations. */
const hastByDoc = new WeakMap<Doc, { segments: readonly Segment[]; hast: ElementContent[][] }>();

/** Every segment of a document as HTML phrasing content, as segmentHast gives it for each. */
function segmentsHast(doc: Doc): ElementContent[][] {
  const cached = hastByDoc.get(doc);
  if (cached && cached.segments === doc.segments) return cached.hast;
  const hast: ElementContent[][] = [];
  const rest: number[] = [];
  doc.segments.forEach(({ text }, i) => (isInert(text) ? (hast[i] = [{ type: 'text', value: text }]) : rest.push(i)));
  parsedHast(rest.map((i) => doc.segments[i]!.text)).forEach((nodes, k) => (hast[rest[k]!] = nodes));
  hastByDoc.set(doc, { segments: doc.segments, hast });
  return hast;
}

function cell(doc: Doc, indices: readonly number[]): Element {
  const hast = segmentsHast(doc);
  const children: ElementContent[] = [];
  indices.forEach((i, k) => {
    if (k > 0) children.push({ type: 'text', value: ' ' });
    children.push(...hast[i]!);
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
