// Frozen copy of pipeline/exchange/tmx.ts before the performance rewrite: the oracle of test/exchange/equivalence.test.ts. Do not edit.
/**
 * TMX 1.4b translation memory of aligned sentence pairs: one `<tu>` per
 * alignment link with text on both sides, Markdown markup as `<bpt>`/`<ept>`
 * and `<ph>` carrying the Markdown (with `x` matching the codes of the two
 * languages). Deterministic: the only date is the latest meeting date of the
 * content, never the time of the export.
 */
import { codesOf, inlineOf, type Inline } from './inline.js';
import { matchCodes } from './model.js';
import { attrs, text, xmlId } from './xml.js';
import { scriptOf } from '../../../pipeline/languages.js';
import type { Alignment, Doc } from '../../../pipeline/types.js';

export interface TmxOptions {
  /** `creationtoolversion` of the header. */
  toolVersion?: string;
}

const TYPES: Partial<Record<string, string>> = { strong: 'bold', emphasis: 'italic', link: 'link', linkReference: 'link', image: 'image', imageReference: 'image', break: 'lb', footnoteReference: 'fnote' };

/** Serialise the aligned sentence pairs of several alignments as one TMX 1.4b memory. */
export function exportTmx(alignments: readonly Alignment[], options: TmxOptions = {}): string {
  const dates = alignments.flatMap((a) => [a.source.frontMatter?.date, a.target.frontMatter?.date]).filter((d): d is string => Boolean(d));
  const latest = dates.sort().pop();
  const header = {
    creationtool: 'bitext',
    creationtoolversion: options.toolVersion ?? 'unknown',
    segtype: 'sentence',
    'o-tmf': 'bitext',
    adminlang: 'en',
    srclang: alignments[0]?.source.lang ?? 'en',
    datatype: 'markdown',
    creationdate: latest ? `${latest.replace(/-/g, '')}T000000Z` : undefined,
  };
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">', `  <header${attrs(header)}/>`, '  <body>'];
  for (const alignment of alignments) lines.push(...units(alignment));
  lines.push('  </body>', '</tmx>', '');
  return lines.join('\n');
}

function units(alignment: Alignment): string[] {
  const { source, target } = alignment;
  const lines: string[] = [];
  for (const link of alignment.links) {
    if (link.source.length === 0 || link.target.length === 0) continue;
    const en = linkInline(source, link.source);
    const tr = linkInline(target, link.target);
    let next = 1;
    for (const code of codesOf(en)) code.id = String(next++);
    matchCodes(en, tr, next);
    const ids = link.source.map((i) => xmlId(source.segments[i]!.id)).join('_');
    lines.push(
      `    <tu${attrs({ tuid: `${source.slug}/${target.lang}/${ids}` })}>`,
      `      <prop type="x-meeting">${text(source.slug)}</prop>`,
      `      <tuv${attrs({ 'xml:lang': source.lang })}><seg>${seg(en)}</seg></tuv>`,
      `      <tuv${attrs({ 'xml:lang': target.lang })}><seg>${seg(tr)}</seg></tuv>`,
      '    </tu>',
    );
  }
  return lines;
}

/** The inline content of a link's sentences: one span per block, joined as the script joins sentences. */
function linkInline(doc: Doc, indices: readonly number[]): Inline[] {
  const out: Inline[] = [];
  const joiner = scriptOf(doc.lang) === 'cjk' ? '' : ' ';
  let i = 0;
  while (i < indices.length) {
    const first = doc.segments[indices[i]!]!;
    let last = first;
    while (i + 1 < indices.length && doc.segments[indices[i + 1]!]!.blockIndex === first.blockIndex) last = doc.segments[indices[++i]!]!;
    if (out.length > 0 && joiner) out.push({ type: 'text', value: joiner });
    out.push(...inlineOf(doc, first.start, last.end));
    i++;
  }
  return out;
}

function seg(items: readonly Inline[]): string {
  return items
    .map((item) => {
      if (item.type === 'text') return text(item.value);
      const type = TYPES[item.kind];
      if (item.type === 'ph') return `<ph${attrs({ x: item.id, type })}>${text(item.data)}</ph>`;
      return `<bpt${attrs({ i: item.id, x: item.id, type })}>${text(item.dataStart)}</bpt>${seg(item.children)}<ept${attrs({ i: item.id })}>${text(item.dataEnd)}</ept>`;
    })
    .join('');
}
