import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import gfm, { syntaxFor } from '../pipeline/gfm.js';
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
  'a\n:-\n', 'b\n-:|\n', '~~gone~~', '~one~', '- [ ] todo', '- [x] done', '* [X]\tdone', '![^1]', '[^n]:\n', '\n- [\t] tab', '\n- [\n] line', '\n* [\r\n] crlf',
];

/**
 * Characters, and short runs of them, each syntax gate of pipeline/gfm.ts looks for, and their neighbours: a generated
 * document of these that parses differently with the gates shows a gate too narrow.
 */
const CHARACTERS = ['|', ':', '-', '~', '[', '^', ']', 'x', 'X', ' ', '\t', '\n', '\r\n', '\r', '@', 'w', '.', 'h', 't', 'p', 's', '/', 'a', '1', '>', '*', '_', '!', '(', ')', '#', '`', '\\', '&', '利',
  ':-', '-:', '|-', '-|', '---', '[^', '[ ]', '[x]', '~~', 'www.', '://', '\n- ', '\n> ', '\n\n', '[^1]', '\n[^1]: '];
const characters = fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 40 }).map((parts) => parts.join(''));

/** Node types in a tree, for checking that the generated documents reach the GFM constructs. */
function types(tree: unknown, into = new Set<string>()): Set<string> {
  const node = tree as { type: string; children?: unknown[] };
  into.add(node.type);
  for (const child of node.children ?? []) types(child, into);
  return into;
}

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

  it('parses documents made of the characters the syntax gates look for as remark-gfm does', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(characters, (text) => {
        const expected = reference.parse(text);
        expect(guarded.parse(text)).toEqual(expected);
        types(expected, seen);
      }),
      { numRuns: 3000 },
    );
    // Worth something only if the generated documents made the constructs the gates are for.
    for (const type of ['table', 'delete', 'footnoteDefinition', 'footnoteReference', 'link']) expect(seen, type).toContain(type);
  });

  it('reads only the syntax a document can hold', () => {
    expect(syntaxFor('# 会议摘要\n\n多利益攸关方。')).toHaveLength(0);
    expect(syntaxFor('a\n:-')).toHaveLength(1);
    expect(syntaxFor('| a |\n~b~ [^1] [ ] www.x.org')).toHaveLength(5);
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
