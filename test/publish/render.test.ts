import { describe, expect, it } from 'vitest';
import type { ElementContent } from 'hast';
import { documentHtml, mdastToHast, parseMarkdown, rawHtml, toHtml } from '../../pipeline/publish/render.js';
import { h } from '../../pipeline/publish/layout.js';

/** Every construct the converter has a handler for, with the ones it copies or drops. */
const MARKDOWN = `# Heading *emphasis* **strong** ~~struck~~

Text with a note[^1], a [link](https://example.org "title"), a [reference][ref], \`code\`,
an image ![alt](https://example.org/a.png) and a local one ![local](a.png), www.example.org
and <span onclick="x()">inline HTML</span>.

> A quote
> with two lines

- [ ] open task
- [x] done task
  1. nested ordered

| a | b |
|:--|--:|
| 1 | 2 |

\`\`\`js
const a = 1;
\`\`\`

<script>alert(1)</script>

***

[ref]: https://example.org/ref
[^1]: The note, with *emphasis*.
`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('mdastToHast', () => {
  it('leaves the document tree as it was: the tree is shared with the other stages', () => {
    const tree = parseMarkdown(MARKDOWN);
    const before = structuredClone(tree);
    // Strict-mode code throws on a write to a frozen object, so any change to the tree fails here.
    const html = toHtml({ type: 'root', children: mdastToHast(deepFreeze(tree)) });
    expect(tree).toEqual(before);
    expect(html).toBe(toHtml({ type: 'root', children: mdastToHast(parseMarkdown(MARKDOWN)) }));
    expect(html).toContain('<table>');
    expect(html).toContain('data-footnote-ref');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onclick');
    // A remote image becomes a link; the local one stays an image.
    expect(html).toContain('<a href="https://example.org/a.png">alt</a>');
    expect(html).toContain('<img src="a.png" alt="local">');
  });

  it('serialises a document once, to the bytes the page would have had with its elements in place', () => {
    const tree = parseMarkdown(MARKDOWN);
    const html = documentHtml(tree);
    expect(documentHtml(tree)).toBe(html);
    const page = (article: ElementContent[]) => ({ type: 'root' as const, children: [h('html', { lang: 'en' }, [h('body', {}, [h('main', {}, [h('article', { className: ['content'] }, article)])])])] });
    expect(toHtml(page([rawHtml(html) as ElementContent]), { raw: true })).toBe(toHtml(page(mdastToHast(parseMarkdown(MARKDOWN)))));
  });
});
