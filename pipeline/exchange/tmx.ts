/**
 * TMX 1.4b translation memory of aligned sentence pairs: one `<tu>` per
 * alignment link with text on both sides, Markdown markup as `<bpt>`/`<ept>`
 * and `<ph>` carrying the Markdown (with `x` matching the codes of the two
 * languages). Deterministic: the only date is the latest meeting date of the
 * content, never the time of the export.
 */
import { codesOf, inlineOf, type Inline } from './inline.js';
import { matchCodes } from './model.js';
import { attr, attribute, attrs, text, xmlId } from './xml.js';
import { scriptOf } from '../languages.js';
import type { Alignment, Doc } from '../types.js';

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
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header${attrs(header)}/>\n  <body>\n`;
  for (const alignment of alignments) out += units(alignment);
  return `${out}  </body>\n</tmx>\n`;
}

/** The `<tu>` lines of one alignment, each ending with a newline. */
function units(alignment: Alignment): string {
  const { source, target } = alignment;
  // The same for every unit of the alignment: escaped once.
  const open = `    <tu tuid="${attr(`${source.slug}/${target.lang}/`)}`;
  const meeting = `">\n      <prop type="x-meeting">${text(source.slug)}</prop>\n      <tuv xml:lang="${attr(source.lang)}"><seg>`;
  const middle = `</seg></tuv>\n      <tuv xml:lang="${attr(target.lang)}"><seg>`;
  const sourceJoiner = joinerOf(source);
  const targetJoiner = joinerOf(target);
  let out = '';
  for (const link of alignment.links) {
    if (link.source.length === 0 || link.target.length === 0) continue;
    const en = linkInline(source, link.source, sourceJoiner);
    const tr = linkInline(target, link.target, targetJoiner);
    let next = 1;
    for (const code of codesOf(en)) code.id = String(next++);
    matchCodes(en, tr, next);
    let ids = '';
    for (const i of link.source) ids += (ids === '' ? '' : '_') + xmlId(source.segments[i]!.id);
    out += `${open}${attr(ids)}${meeting}${seg(en)}${middle}${seg(tr)}</seg></tuv>\n    </tu>\n`;
  }
  return out;
}

/** How the script of a document joins sentences: nothing in Chinese and Japanese, a space elsewhere. */
function joinerOf(doc: Doc): string {
  return scriptOf(doc.lang) === 'cjk' ? '' : ' ';
}

/** The inline content of a link's sentences: one span per block, joined as the script joins sentences. */
function linkInline(doc: Doc, indices: readonly number[], joiner: string): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < indices.length) {
    const first = doc.segments[indices[i]!]!;
    let last = first;
    while (i + 1 < indices.length && doc.segments[indices[i + 1]!]!.blockIndex === first.blockIndex) last = doc.segments[indices[++i]!]!;
    if (out.length > 0 && joiner) out.push({ type: 'text', value: joiner });
    for (const item of inlineOf(doc, first.start, last.end)) out.push(item);
    i++;
  }
  return out;
}

function seg(items: readonly Inline[]): string {
  let out = '';
  for (const item of items) {
    if (item.type === 'text') out += text(item.value);
    else if (item.type === 'ph') out += `<ph${attribute('x', item.id)}${attribute('type', TYPES[item.kind])}>${text(item.data)}</ph>`;
    else {
      const i = attr(item.id);
      out += `<bpt i="${i}" x="${i}"${attribute('type', TYPES[item.kind])}>${text(item.dataStart)}</bpt>${seg(item.children)}<ept i="${i}">${text(item.dataEnd)}</ept>`;
    }
  }
  return out;
}
