/**
 * GFM for every Markdown parser of bitext: remark-gfm, with its autolink-literal pass run only on
 * trees that can hold one.
 *
 * After parsing, remark-gfm searches every text node for `www.`, `http(s)://`, `mailto:`, `xmpp:`
 * and e-mail addresses (mdast-util-gfm-autolink-literal, through mdast-util-find-and-replace and
 * unist-util-visit-parents, which makes a closure per node): about 3% of a build, on documents that
 * mostly hold no such text. Each of its patterns needs `://`, `www.` or `@` in a text node's value,
 * so a plain loop over the text nodes decides whether the pass can change anything; when it can,
 * the pass runs as it is. The trees are the same either way (test/gfm.test.ts).
 */
import type { Nodes, Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Extension, Transform } from 'mdast-util-from-markdown';
import remarkGfm from 'remark-gfm';
import type { Processor } from 'unified';

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

type Extensions = (Extension | Extensions)[];

function guard(extensions: Extensions): Extensions {
  return extensions.map((extension) =>
    Array.isArray(extension)
      ? guard(extension)
      : extension.transforms?.includes(literalLinks)
        ? { ...extension, transforms: extension.transforms.map((transform) => (transform === literalLinks ? guardedLiteralLinks : transform)) }
        : extension,
  );
}

/** remark-gfm, with the autolink-literal pass skipped on trees where it cannot find anything. */
export default function gfm(this: Processor): void {
  remarkGfm.call(this);
  const data = this.data();
  data.fromMarkdownExtensions = guard(data.fromMarkdownExtensions ?? []) as NonNullable<typeof data.fromMarkdownExtensions>;
}
