/**
 * Markdown → HTML syntax tree for the published pages: remark-parse with GFM,
 * remark-rehype (raw HTML is dropped, never passed through) and
 * rehype-sanitize with its default (GitHub) schema, so `<script>`, event
 * handlers, `javascript:` and `data:` URLs never reach a page.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import gfm from '../gfm.js';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';

const parser = unified().use(remarkParse).use(gfm);
const toHast = unified().use(remarkRehype).use(rehypeSanitize, defaultSchema);
const serialiser = unified().use(rehypeStringify, { allowDangerousHtml: false });
/** Only for the one fragment built as a sanitised hast tree elsewhere and handed over as HTML (see `rawHtml`). */
const serialiserWithRaw = unified().use(rehypeStringify, { allowDangerousHtml: true });

/** Parse Markdown (without front matter) into mdast with GFM. */
export function parseMarkdown(markdown: string): MdastRoot {
  return parser.parse(markdown);
}

/**
 * Sanitised HTML elements of an mdast tree. The tree is not copied: mdast-util-to-hast only reads it
 * (it clones what it takes over, such as `data.hProperties`) and rehype-sanitize builds a new tree,
 * so a document's tree can be shared with the other stages (test/publish/render.test.ts freezes it).
 */
export function mdastToHast(tree: MdastRoot): ElementContent[] {
  const hast = toHast.runSync(tree) as HastRoot;
  offline(hast);
  return hast.children.filter((node): node is ElementContent => node.type !== 'doctype');
}

/** Serialised documents: an untranslated page shows the English again, so a tree is converted once. */
const converted = new WeakMap<MdastRoot, string>();

/**
 * A document's tree as sanitised HTML, remembered per tree, to be placed with `rawHtml`. hast-util-to-html
 * writes an element the same wherever it sits in an HTML page, so the fragment serialised once is the
 * page's own bytes (test/publish/render.test.ts compares both).
 */
export function documentHtml(tree: MdastRoot): string {
  let found = converted.get(tree);
  if (found === undefined) converted.set(tree, (found = fragmentHtml(mdastToHast(tree))));
  return found;
}

/** Sanitised HTML elements of a Markdown text. */
export function markdownToHast(markdown: string): ElementContent[] {
  return mdastToHast(parseMarkdown(markdown));
}

/**
 * A remote image would make the page request another site: it becomes a link
 * to the image with its alternative text, so pages load nothing from outside.
 * A plain loop rather than unist-util-visit, which makes a closure and renames
 * it for every node: over every document of a build that cost about 1% of it.
 */
function offline(parent: HastRoot | Element): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type !== 'element') continue;
    if (node.tagName === 'img') {
      const src = String(node.properties['src'] ?? '');
      if (!/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('//')) continue;
      const alt = String(node.properties['alt'] ?? src);
      children[index] = { type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: alt }] };
      continue;
    }
    offline(node);
  }
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
