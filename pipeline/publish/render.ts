/**
 * Markdown → HTML syntax tree for the published pages: remark-parse with GFM,
 * remark-rehype (raw HTML is dropped, never passed through) and
 * rehype-sanitize with its default (GitHub) schema, so `<script>`, event
 * handlers, `javascript:` and `data:` URLs never reach a page.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { visit } from 'unist-util-visit';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';

const parser = unified().use(remarkParse).use(remarkGfm);
const toHast = unified().use(remarkRehype).use(rehypeSanitize, defaultSchema);
const serialiser = unified().use(rehypeStringify, { allowDangerousHtml: false });
/** Only for the one fragment built as a sanitised hast tree elsewhere and handed over as HTML (see `rawHtml`). */
const serialiserWithRaw = unified().use(rehypeStringify, { allowDangerousHtml: true });

/** Parse Markdown (without front matter) into mdast with GFM. */
export function parseMarkdown(markdown: string): MdastRoot {
  return parser.parse(markdown);
}

/** Sanitised HTML elements of an mdast tree. */
export function mdastToHast(tree: MdastRoot): ElementContent[] {
  const hast = toHast.runSync(structuredClone(tree)) as HastRoot;
  offline(hast);
  return hast.children.filter((node): node is ElementContent => node.type !== 'doctype');
}

/** Converted trees of documents: an untranslated page shows the English again, so the same tree is converted once. */
const converted = new WeakMap<MdastRoot, readonly ElementContent[]>();

/**
 * `mdastToHast` of a document's tree, remembered per tree. Page trees are
 * only serialised, never changed, so the same elements can sit in several pages.
 */
export function documentHast(tree: MdastRoot): ElementContent[] {
  let found = converted.get(tree);
  if (!found) converted.set(tree, (found = mdastToHast(tree)));
  return [...found];
}

/** Sanitised HTML elements of a Markdown text. */
export function markdownToHast(markdown: string): ElementContent[] {
  return mdastToHast(parseMarkdown(markdown));
}

/**
 * A remote image would make the page request another site: it becomes a link
 * to the image with its alternative text, so pages load nothing from outside.
 */
function offline(tree: HastRoot): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img' || index === undefined || !parent) return;
    const src = String(node.properties['src'] ?? '');
    if (!/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('//')) return;
    const alt = String(node.properties['alt'] ?? src);
    const link: Element = { type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: alt }] };
    parent.children[index] = link;
  });
}

/** Serialise a whole page tree to HTML. */
export function toHtml(tree: HastRoot, options: { raw?: boolean } = {}): string {
  return `${(options.raw ? serialiserWithRaw : serialiser).stringify(tree)}\n`;
}

/** Sanitised elements serialised on their own, to be inserted later with `rawHtml`. */
export function fragmentHtml(children: ElementContent[]): string {
  return serialiser.stringify({ type: 'root', children });
}

/** A fragment of HTML produced by another bitext stage from a sanitised hast tree, inserted as is. */
export function rawHtml(html: string): HastContent {
  return { type: 'raw', value: html } as unknown as HastContent;
}
