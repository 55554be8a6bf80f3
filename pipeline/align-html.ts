/**
 * The side-by-side HTML table of an alignment, for the published site: one row per sentence link,
 * one tbody per block link, each cell the HTML of its segments.
 *
 * A translator's Markdown goes through remark, the sanitiser and rehype-stringify, so its text is
 * escaped and its markup filtered by the libraries. The table around it holds only text and
 * attribute values bitext chose (language tags and names, link shapes, scores, block kinds); it is
 * written as a string with hast-util-to-html's own escaping (escapeText, escapeAttribute), because
 * building and serialising a hast table cost more than parsing the documents did. Each segment's
 * HTML is made once per document: an English source is shown beside each of its translations.
 * The output is the one the hast table gave, byte for byte (test/align-html.test.ts).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Nodes as MdastNodes } from 'mdast';
import type { ElementContent, Root as HastRoot, RootContent as HastRootContent } from 'hast';
import gfm from './gfm.js';
import { getLanguage } from './languages.js';
import type { Alignment, Doc, Link, Segment } from './types.js';

const inlineToHast = unified().use(remarkParse).use(gfm).use(remarkRehype).use(rehypeSanitize);
const html = unified().use(rehypeStringify);

/**
 * Text as hast-util-to-html writes it outside script and style: `&` and `<` as hexadecimal
 * references (stringify-entities with a subset replaces only those), everything else as it is.
 */
export function escapeText(value: string): string {
  return /[&<]/u.test(value) ? value.replace(/[&<]/gu, reference) : value;
}

/** A double-quoted attribute value as hast-util-to-html writes it: NUL, quotes, `&` and backtick as references. */
export function escapeAttribute(value: string): string {
  return /[\0"&'`]/u.test(value) ? value.replace(/[\0"&'`]/gu, reference) : value;
}

function reference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`;
}

/** `1-1`, `2-1`, `0-1`…: the shape of a link. */
export function linkType(link: Pick<Link, 'source' | 'target'>): string {
  return `${link.source.length}-${link.target.length}`;
}

/** The phrasing content of a parse that gave one paragraph; undefined when it gave anything else. */
function phrasing(nodes: readonly HastRootContent[]): ElementContent[] | undefined {
  let only: HastRootContent | undefined;
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (only) return undefined;
    only = node;
  }
  return only?.type === 'element' && only.tagName === 'p' ? only.children : undefined;
}

/** A segment's HTML from its parse: its paragraph's content, or its text when it is not one paragraph. */
function segmentHtml(nodes: readonly HastRootContent[], text: string): string {
  const children = phrasing(nodes);
  return children ? html.stringify({ type: 'root', children }) : escapeText(text);
}

/**
 * Text that Markdown leaves as it is: one line, trimmed, none of the characters that start inline
 * syntax (escapes, character references, HTML and autolinks, emphasis, code, strikethrough, e-mail
 * literals) or that the parser replaces (NUL, a leading BOM), and no start that opens a block (ATX
 * heading, quote, list, break or setext line, `1.` or `1)`). Brackets, `!` and `|` may appear: a
 * segment parsed alone defines no reference, so `[x]`, `[^1]` and `![x]` resolve to nothing unless a
 * `]` opens a resource or a definition right after it (`](`, `]:`), and one line makes no table.
 * It parses to one paragraph holding exactly its text, so most sentences need no parse at all.
 */
const INERT = /^(?![#>+\-=]|\d{1,9}[.)])[^\\&<>*_`~@\0\r\n\uFEFF]*$/u;
/** GFM autolink literals start at `www.` and `http://`/`https://` without any of the characters above; links and definitions at `](` and `]:`. */
const LINKS = /www\.|:\/\/|\][(:]/iu;

/** Whether a segment's HTML is its text, escaped, with no need to parse it. */
export function isInert(text: string): boolean {
  return text === text.trim() && INERT.test(text) && !LINKS.test(text);
}

/** Separates segments parsed together: a paragraph of private-use characters no translator types. */
const MARK = '\uE000bitext-segment\uE000';

function isMark(node: HastRootContent): boolean {
  return node.type === 'element' && node.tagName === 'p' && node.children.length === 1 && node.children[0]?.type === 'text' && node.children[0].value === MARK;
}

/** Whether a tree holds a definition or a footnote definition (a plain loop: unist-util-visit makes a closure per node). */
function defines(node: MdastNodes): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  if (!('children' in node)) return false;
  for (const child of node.children) if (defines(child)) return true;
  return false;
}

/**
 * The HTML of many segments from one parse (micromark's set-up per call costs more than a short
 * sentence): each segment a block of its own between marker paragraphs, whose blank lines end any
 * list, quote or table a segment opens. Undefined when that could differ from parsing each alone: a
 * definition (references resolve across the whole text), a fence or HTML block left open (it
 * swallows a marker, so the count is off), a BOM (dropped only at the very start) or the marker itself.
 */
function batchHtml(texts: readonly string[]): string[] | undefined {
  if (texts.some((text) => text.includes(MARK) || text.includes('\uFEFF'))) return undefined;
  const mdast = inlineToHast.parse(texts.join(`\n\n${MARK}\n\n`));
  if (defines(mdast)) return undefined;
  const chunks: HastRootContent[][] = [[]];
  for (const node of (inlineToHast.runSync(mdast) as HastRoot).children) {
    if (isMark(node)) chunks.push([]);
    else chunks[chunks.length - 1]!.push(node);
  }
  if (chunks.length !== texts.length) return undefined;
  return chunks.map((nodes, k) => segmentHtml(nodes, texts[k]!));
}

/** The HTML of each text: in one parse where possible, halves parsed apart around a segment that does not allow it. */
function parsedHtml(texts: readonly string[]): string[] {
  if (texts.length === 0) return [];
  if (texts.length === 1) return [segmentHtml((inlineToHast.runSync(inlineToHast.parse(texts[0]!)) as HastRoot).children, texts[0]!)];
  const together = batchHtml(texts);
  if (together) return together;
  const half = Math.ceil(texts.length / 2);
  return [...parsedHtml(texts.slice(0, half)), ...parsedHtml(texts.slice(half))];
}

/** segmentsHtml by document: an English source is shown beside each of its translations. */
const htmlByDoc = new WeakMap<Doc, { segments: readonly Segment[]; html: string[] }>();

/** The HTML of every segment of a document, each as it parses alone (inert text needs no parse). */
function segmentsHtml(doc: Doc): string[] {
  const cached = htmlByDoc.get(doc);
  if (cached && cached.segments === doc.segments) return cached.html;
  const out: string[] = [];
  const rest: number[] = [];
  doc.segments.forEach(({ text }, i) => (isInert(text) ? (out[i] = escapeText(text)) : rest.push(i)));
  parsedHtml(rest.map((i) => doc.segments[i]!.text)).forEach((segment, k) => (out[rest[k]!] = segment));
  htmlByDoc.set(doc, { segments: doc.segments, html: out });
  return out;
}

/** Writes the cells of one document: its segments' HTML, a space apart, in a td with its language and direction. */
function cells(doc: Doc): (indices: readonly number[]) => string {
  const segments = segmentsHtml(doc);
  const open = `<td lang="${escapeAttribute(doc.lang)}" dir="${getLanguage(doc.lang)?.dir ?? 'ltr'}">`;
  return (indices) => {
    let out = open;
    for (let k = 0; k < indices.length; k++) out += (k > 0 ? ' ' : '') + segments[indices[k]!]!;
    return `${out}</td>`;
  };
}

function header(doc: Doc): string {
  return `<th lang="en" scope="col">${escapeText(getLanguage(doc.lang)?.name ?? doc.lang)}</th>`;
}

/** A side-by-side HTML table (a fragment): one row per sentence link, one tbody per block link. */
export function sideBySideHtml(alignment: Alignment): string {
  const { source, target } = alignment;
  const left = cells(source);
  const right = cells(target);
  let out = `<table class="bitext-alignment"><thead><tr>${header(source)}${header(target)}</tr></thead>`;
  let next = 0;
  for (const blockLink of alignment.blocks) {
    let rows = '';
    const inGroup = (link: Link) =>
      link.source.some((i) => blockLink.source.includes(source.segments[i]!.blockIndex)) ||
      link.target.some((i) => blockLink.target.includes(target.segments[i]!.blockIndex));
    while (next < alignment.links.length && inGroup(alignment.links[next]!)) {
      const link = alignment.links[next++]!;
      // A link's shape and a fixed-point score hold only digits, `-`, `.` and letters: nothing to escape.
      rows += `<tr data-link="${linkType(link)}" data-score="${link.score.toFixed(3)}">${left(link.source)}${right(link.target)}</tr>`;
    }
    const kind = source.blocks[blockLink.source[0] ?? -1]?.kind ?? target.blocks[blockLink.target[0] ?? -1]?.kind ?? 'paragraph';
    if (rows !== '') out += `<tbody data-kind="${escapeAttribute(kind)}">${rows}</tbody>`;
  }
  return `${out}</table>\n`;
}
