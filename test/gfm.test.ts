import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import gfm from '../pipeline/gfm.js';
import { loadCorpus } from '../pipeline/load.js';
import { ROOT } from './helpers/content.js';

const reference = unified().use(remarkParse).use(remarkGfm);
const guarded = unified().use(remarkParse).use(gfm);

/** Pieces that make autolink literals, almost make them, or make them only once decoded. */
const PIECES = [
  'www.example.org', 'WWW.Example.org/path?q=1', 'http://a.b', 'https://igf.org/mag.', 'ftp://x.y', 'www', 'www .x', 'www\\.example.org',
  'user@example.com', 'a.b+c@d-e.org', 'mailto:x@y.zz', 'xmpp:me@host.net/res', 'user&#64;example.com', 'www&#46;example.org',
  'http&#58;//a.b', '\\@', '@', '://', 'x@y', '[link](https://a.b)', '[www.in.link](/x)', '<https://auto.link>', '`www.code.org`',
  '*www.em.org*', '多利益攸关方', 'MAG', ' ', '\n', '\n\n', '- ', '> ', '# ', '[^1]', '\n\n[^1]: note www.note.org\n', '| a | b |\n|---|---|\n| www.c.org | d@e.fg |\n',
];

const markdown = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(''));

function links(tree: unknown): number {
  let n = 0;
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'link') n++;
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree as { type: string });
  return n;
}

describe('gfm', () => {
  it('parses every document to the tree remark-gfm makes', () => {
    let linked = 0;
    fc.assert(
      fc.property(markdown, (text) => {
        const expected = reference.runSync(reference.parse(text));
        expect(guarded.runSync(guarded.parse(text))).toEqual(expected);
        if (links(expected) > 0) linked++;
      }),
      { numRuns: 600 },
    );
    // The property is worth something only if autolink literals were among the cases.
    expect(linked).toBeGreaterThan(100);
  });

  it('gives the bundled meetings their trees', async () => {
    const { docs } = await loadCorpus(['content'], { cwd: ROOT });
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const body = doc.value.slice(doc.bodyStart);
      expect(guarded.runSync(guarded.parse(body)), doc.file.path).toEqual(reference.runSync(reference.parse(body)));
    }
  });

  it('still turns literal URLs and addresses into links', () => {
    const tree = guarded.runSync(guarded.parse('See www.intgovforum.org or write to mag@example.org.'));
    expect(links(tree)).toBe(2);
  });
});
