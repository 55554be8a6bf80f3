/**
 * Output of an alignment: a plain-text table for the terminal, JSON for
 * tools, bilingual Markdown for download and a side-by-side HTML table for
 * the published site. The bilingual Markdown and the HTML table have their
 * own modules (align-markdown.ts, align-html.ts).
 */
import { bilingualMarkdown } from './align-markdown.js';
import { linkType, sideBySideHtml } from './align-html.js';
import type { Alignment, Doc } from './types.js';

export { bilingualMarkdown } from './align-markdown.js';
export { linkType, sideBySideHtml } from './align-html.js';

/** Output formats of an alignment. */
export type AlignFormat = 'table' | 'json' | 'md' | 'html';

/** Every format, for `--format` choices. */
export const ALIGN_FORMATS: readonly AlignFormat[] = ['table', 'json', 'md', 'html'];

/** The JSON shape of `bitext align --format json`. */
export interface AlignmentJson {
  links: { source: { id: string; text: string }[]; target: { id: string; text: string }[]; score: number }[];
}

/** Render an alignment in `format` (table, json, md or html). */
export function formatAlignment(alignment: Alignment, format: AlignFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(alignmentJson(alignment), null, 2)}\n`;
    case 'md':
      return bilingualMarkdown(alignment);
    case 'html':
      return sideBySideHtml(alignment);
    default:
      return table(alignment);
  }
}

/** The links of an alignment with segment ids and texts, in document order. */
export function alignmentJson(alignment: Alignment): AlignmentJson {
  const side = (doc: Doc, indices: readonly number[]) => indices.map((i) => ({ id: doc.segments[i]!.id, text: doc.segments[i]!.text }));
  return {
    links: alignment.links.map((link) => ({
      source: side(alignment.source, link.source),
      target: side(alignment.target, link.target),
      score: link.score,
    })),
  };
}

// --- table -------------------------------------------------------------------

const COLUMN = 58;
/** Wide characters take two terminal cells (East Asian Width W/F, approximated by script). */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

function cells(text: string): number {
  let n = 0;
  for (const c of text) n += WIDE.test(c) ? 2 : 1;
  return n;
}

/** Greedy wrap to `width` terminal cells, breaking at spaces where there are any. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lastSpace = -1;
  for (const c of text.replace(/\s+/gu, ' ')) {
    if (cells(line + c) > width) {
      if (c === ' ') {
        lines.push(line);
        line = '';
        lastSpace = -1;
        continue;
      }
      const cut = lastSpace > 0 ? lastSpace : line.length;
      lines.push(line.slice(0, cut).trimEnd());
      line = line.slice(cut).trimStart();
      lastSpace = -1;
    }
    if (c === ' ') lastSpace = line.length;
    line += c;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - cells(text)));

function table(alignment: Alignment): string {
  const { source, target } = alignment;
  const text = (doc: Doc, indices: readonly number[]) => indices.map((i) => doc.segments[i]!.text).join(' ');
  const out = [`${pad('link', 5)}${pad('score', 7)}${pad(source.lang, COLUMN)}  ${target.lang}`, `${'-'.repeat(12 + COLUMN * 2 + 2)}`];
  for (const link of alignment.links) {
    const left = wrap(text(source, link.source), COLUMN);
    const right = wrap(text(target, link.target), COLUMN);
    for (let k = 0; k < Math.max(left.length, right.length); k++) {
      const head = k === 0 ? pad(linkType(link), 5) + pad(link.score.toFixed(2), 7) : ' '.repeat(12);
      out.push(`${head}${pad(left[k] ?? '', COLUMN)}  ${right[k] ?? ''}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}
