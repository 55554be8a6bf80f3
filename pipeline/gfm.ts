/**
 * GFM for every Markdown parser of bitext: remark-gfm's syntax and trees, at less cost.
 *
 * Two parts of remark-gfm cost far more than they find on meeting summaries:
 * - **Syntax.** micromark tries GFM's constructs at every position that could start one: the
 *   e-mail autolink literal at the start of every word, the table at the start of every block.
 *   On the benchmark corpus this made parsing 1.8× as slow as CommonMark alone, for documents
 *   that hold no autolink literal and few tables. Every GFM construct needs some characters in
 *   the source (below, `NEEDS`), so each document is parsed with only the extensions whose
 *   characters it holds. An absent construct could only have failed, and a failed attempt
 *   leaves micromark's state as it was, so the events and the tree are the same.
 * - **The autolink-literal pass** after parsing (mdast-util-gfm-autolink-literal, through
 *   mdast-util-find-and-replace and unist-util-visit-parents, which makes a closure per node):
 *   each of its patterns needs `://`, `www.` or `@` in a text node's value, so a plain loop over
 *   the text nodes decides whether it can change anything; when it can, it runs as it is.
 *
 * The trees are remark-gfm's either way: test/gfm.test.ts compares them on generated documents
 * built from the characters each gate looks for, and on the bundled meetings. remark-gfm has no
 * option for either part, hence this module.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Extension as FromMarkdownExtension, Transform } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Extension as SyntaxExtension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

/**
 * GFM's syntax extensions in micromark-extension-gfm's order, each with what a document must hold
 * for the extension to make anything:
 * - autolink literals: `http(s)://`, `www.` (any case), or `@` for addresses, `mailto:` and `xmpp:`;
 * - footnotes: a definition or call starts `[^`;
 * - strikethrough: `~`;
 * - tables: a delimiter row holds `|`, or `:` beside a `-` (`a\n:-` is a one-column table);
 * - task list items: `[` with a space, tab, line ending, `x` or `X`, then `]`.
 */
const NEEDS: readonly (readonly [SyntaxExtension, RegExp])[] = [
  [gfmAutolinkLiteral(), /:\/\/|www\.|@/i],
  [gfmFootnote(), /\[\^/],
  [gfmStrikethrough(), /~/],
  [gfmTable(), /\||:-|-:/],
  [gfmTaskListItem(), /\[(?:[ \t\nxX]|\r\n?)\]/],
];

/** The syntax extensions that can make something in `document`. */
export function syntaxFor(document: string): SyntaxExtension[] {
  const found: SyntaxExtension[] = [];
  for (const [extension, needs] of NEEDS) if (needs.test(document)) found.push(extension);
  return found;
}

/** What every pattern of the autolink-literal pass needs in a text's value. */
const MAY_LINK = /:\/\/|www\.|@/i;

const literalLinks = gfmAutolinkLiteralFromMarkdown().transforms![0]!;

function mayLink(node: Nodes): boolean {
  if (node.type === 'text') return MAY_LINK.test(node.value);
  if (!('children' in node)) return false;
  for (const child of node.children) if (mayLink(child)) return true;
  return false;
}

const guardedLiteralLinks: Transform = (tree: Root) => (mayLink(tree) ? literalLinks(tree) : undefined);

type Extensions = (FromMarkdownExtension | Extensions)[];

function guard(extensions: Extensions): Extensions {
  return extensions.map((extension) =>
    Array.isArray(extension)
      ? guard(extension)
      : extension.transforms?.includes(literalLinks)
        ? { ...extension, transforms: extension.transforms.map((transform) => (transform === literalLinks ? guardedLiteralLinks : transform)) }
        : extension,
  );
}

const fromMarkdownExtensions = guard([gfmFromMarkdown()]) as FromMarkdownExtension[];

/**
 * remark-gfm for a processor that uses remark-parse before it: the same serialiser extensions,
 * and a parser that reads each document with the GFM syntax it can hold.
 */
export default function gfm(this: Processor): void {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push(...fromMarkdownExtensions);
  (data.toMarkdownExtensions ??= []).push(gfmToMarkdown());
  // remark-parse's parser, with the syntax extensions chosen per document.
  const self = this;
  this.parser = (document: string): Root =>
    fromMarkdown(document, {
      ...self.data('settings'),
      extensions: [...(self.data('micromarkExtensions') ?? []), ...syntaxFor(document)],
      mdastExtensions: self.data('fromMarkdownExtensions') ?? [],
    });
}
