// Frozen copy of pipeline/exchange/inline.ts before the performance rewrite: the oracle of test/exchange/equivalence.test.ts. Do not edit.
/**
 * Markdown inline markup ↔ exchange inline codes. A CAT tool must protect
 * markup, so every piece of Markdown syntax inside a segment becomes a code:
 * paired (`pc`: emphasis, strong, strikethrough, links) with the opening and
 * closing syntax as original data, or standalone (`ph`: inline code, footnote
 * references, images, breaks, autolinks, raw HTML). Text between codes is the
 * Markdown source exactly as written, so `toMarkdown(inlineOf(…))` gives the
 * file's text back byte for byte.
 */
import type { Nodes, Root } from 'mdast';
import type { Doc, InlineKind } from '../../../pipeline/types.js';

/** Plain text, as written in the Markdown source. */
export interface Text {
  type: 'text';
  value: string;
}

/** A standalone code: one piece of Markdown that is not translated as such. */
export interface Ph {
  type: 'ph';
  /** Code id, unique in its unit except for the corresponding code of the other language. */
  id: string;
  kind: InlineKind;
  data: string;
}

/** A paired code around translatable content. */
export interface Pc {
  type: 'pc';
  id: string;
  kind: InlineKind;
  dataStart: string;
  dataEnd: string;
  children: Inline[];
}

export type Inline = Text | Ph | Pc;

/** An inline mdast node with the offsets of its syntax and, when paired, of its content. */
interface Span {
  kind: InlineKind;
  start: number;
  end: number;
  /** Content range of a paired node; undefined for a standalone one. */
  content: { start: number; end: number } | undefined;
}

const KINDS = new Set<string>([
  'emphasis', 'strong', 'delete', 'link', 'linkReference', 'inlineCode', 'image', 'imageReference', 'footnoteReference', 'html', 'break',
]);
const PAIRABLE = new Set<string>(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

const spansByTree = new WeakMap<Root, Span[]>();

/** Inline spans of a document, sorted by start (outer before inner); computed once per tree. */
function spansOf(doc: Doc): Span[] {
  const tree = doc.tree;
  if (!tree) return [];
  const cached = spansByTree.get(tree);
  if (cached) return cached;
  const spans: Span[] = [];
  const walk = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (KINDS.has(node.type) && start !== undefined && end !== undefined) {
      const content = pairedContent(node, doc.value);
      spans.push({ kind: node.type as InlineKind, start, end, content });
      // A standalone code keeps its inside (alt text, autolink text) as data.
      if (!content) return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  spansByTree.set(tree, spans);
  return spans;
}

/** The content range of a node a translator may translate inside, or undefined when it is atomic. */
function pairedContent(node: Nodes, value: string): Span['content'] {
  if (!PAIRABLE.has(node.type) || !('children' in node)) return undefined;
  const first = node.children[0]?.position?.start.offset;
  const last = node.children[node.children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return undefined;
  // Autolinks (`<https://…>`, bare `www.…`) and shortcut references: the text IS the target, so it is not translatable.
  if (node.type === 'link' && value[node.position?.start.offset ?? -1] !== '[') return undefined;
  if (node.type === 'linkReference' && node.referenceType !== 'full') return undefined;
  return { start: first, end: last };
}

/** The inline content of `doc.value[start, end)` as text and codes (code ids left empty). */
export function inlineOf(doc: Doc, start: number, end: number): Inline[] {
  const spans = spansOf(doc).filter((span) => span.start >= start && span.end <= end);
  return build(doc.value, spans, start, end);
}

function build(value: string, spans: readonly Span[], from: number, to: number): Inline[] {
  const out: Inline[] = [];
  let at = from;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (span.start < at) continue; // inside a span handled before
    if (span.start > at) out.push({ type: 'text', value: value.slice(at, span.start) });
    if (span.content) {
      const inner = spans.slice(i + 1).filter((s) => s.start >= span.content!.start && s.end <= span.content!.end);
      out.push({
        type: 'pc',
        id: '',
        kind: span.kind,
        dataStart: value.slice(span.start, span.content.start),
        dataEnd: value.slice(span.content.end, span.end),
        children: build(value, inner, span.content.start, span.content.end),
      });
    } else {
      out.push({ type: 'ph', id: '', kind: span.kind, data: value.slice(span.start, span.end) });
    }
    at = span.end;
  }
  if (at < to) out.push({ type: 'text', value: value.slice(at, to) });
  return out;
}

/** The Markdown an inline sequence stands for. */
export function toMarkdown(items: readonly Inline[]): string {
  let out = '';
  for (const item of items) {
    if (item.type === 'text') out += item.value;
    else if (item.type === 'ph') out += item.data;
    else out += item.dataStart + toMarkdown(item.children) + item.dataEnd;
  }
  return out;
}

/** The plain text of an inline sequence (codes left out), e.g. for notes and messages. */
export function toPlainText(items: readonly Inline[]): string {
  return items.map((item) => (item.type === 'text' ? item.value : item.type === 'pc' ? toPlainText(item.children) : '')).join('');
}

/** Every code of an inline sequence, depth first in document order. */
export function codesOf(items: readonly Inline[]): (Ph | Pc)[] {
  const out: (Ph | Pc)[] = [];
  for (const item of items) {
    if (item.type === 'text') continue;
    out.push(item);
    if (item.type === 'pc') out.push(...codesOf(item.children));
  }
  return out;
}

/** Key under which two codes count as the same markup (identical kind and original data). */
export function codeKey(code: Ph | Pc): string {
  return code.type === 'ph' ? `ph\0${code.kind}\0${code.data}` : `pc\0${code.kind}\0${code.dataStart}\0${code.dataEnd}`;
}
