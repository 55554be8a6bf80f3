// Frozen copy of pipeline/exchange/xliff12.ts before the performance rewrite: the oracle of test/exchange/equivalence.test.ts. Do not edit.
/**
 * XLIFF 1.2 for older CAT tools (OmegaT through its Okapi filter, Trados
 * 2007/Studio, memoQ, Virtaal): a `<trans-unit>` per English block with the
 * sentences as `<mrk mtype="seg">` in `<seg-source>` and `<target>`. Markup is
 * `<bpt>`/`<ept>` (paired) and `<ph>` (standalone) carrying the Markdown
 * itself, the 1.2 way of keeping native codes inside the segment; `<g>`/`<x>`
 * would need a skeleton file to restore the Markdown.
 */
import { targetsOf, type ExSegment, type ExUnit, type Exchange, type State } from './model.js';
import type { Inline } from './inline.js';
import { attrs, text } from './xml.js';
import type { InlineKind } from '../../../pipeline/types.js';

export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
/** `context-type` of the context that maps a segment to its target sentence ids. */
export const TARGETS_CONTEXT = 'x-bitext-targets';

const CTYPES: Record<InlineKind, string> = {
  emphasis: 'italic',
  strong: 'bold',
  delete: 'x-strikethrough',
  link: 'link',
  linkReference: 'link',
  image: 'image',
  imageReference: 'image',
  break: 'lb',
  inlineCode: 'x-code',
  footnoteReference: 'x-footnote',
  html: 'x-html',
};

const STATES: Record<State, string> = { initial: 'needs-translation', translated: 'translated', reviewed: 'signed-off', final: 'final' };

/** XLIFF 1.2 text of an exchange model. */
export function writeXliff12(exchange: Exchange): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff${attrs({ version: '1.2', xmlns: XLIFF12_NS })}>`,
    `  <file${attrs({ original: exchange.original, 'source-language': exchange.srcLang, 'target-language': exchange.trgLang, datatype: 'x-markdown', 'product-name': exchange.slug })}>`,
    `    <header><tool${attrs({ 'tool-id': 'bitext', 'tool-name': 'bitext' })}/></header>`,
    '    <body>',
  ];
  for (const unit of exchange.units) lines.push(...writeUnit(unit));
  lines.push('    </body>', '  </file>', '</xliff>', '');
  return lines.join('\n');
}

function writeUnit(unit: ExUnit): string[] {
  const segments = unit.parts.filter((part): part is ExSegment => part.type === 'segment');
  const translated = segments.filter((segment) => segment.target);
  const lines = [
    `      <trans-unit${attrs({ id: unit.id, restype: `x-${unit.kind}`, 'xml:space': 'preserve' })}>`,
    `        <source>${unit.parts.map((part) => inline(part.source)).join('')}</source>`,
    `        <seg-source>${unit.parts.map((part) => (part.type === 'segment' ? mrk(part.id, part.source) : inline(part.source))).join('')}</seg-source>`,
  ];
  if (translated.length > 0) {
    const state = translated.length === segments.length ? lowest(segments.map((s) => s.state)) : 'initial';
    const body = unit.parts.map((part) => (part.type === 'segment' ? mrk(part.id, part.target ?? []) : inline(part.target ?? part.source))).join('');
    lines.push(`        <target${attrs({ state: STATES[state] })}>${body}</target>`);
    lines.push(`        <context-group${attrs({ name: 'bitext', purpose: 'information' })}>`);
    for (const segment of segments.filter((s) => targetsOf(s) !== '')) {
      lines.push(`          <context${attrs({ 'context-type': TARGETS_CONTEXT })}>${text(`${segment.id}: ${targetsOf(segment)}`)}</context>`);
    }
    lines.push('        </context-group>');
  }
  for (const note of unit.notes) lines.push(`        <note${attrs({ from: 'bitext' })}>${text(note)}</note>`);
  lines.push('      </trans-unit>');
  return lines;
}

const ORDER: State[] = ['initial', 'translated', 'reviewed', 'final'];

function lowest(states: State[]): State {
  return ORDER[Math.min(...states.map((state) => ORDER.indexOf(state)))] ?? 'initial';
}

function mrk(id: string, items: readonly Inline[]): string {
  return `<mrk${attrs({ mtype: 'seg', mid: id })}>${inline(items)}</mrk>`;
}

function inline(items: readonly Inline[]): string {
  return items
    .map((item) => {
      if (item.type === 'text') return text(item.value);
      if (item.type === 'ph') return `<ph${attrs({ id: item.id, ctype: CTYPES[item.kind] })}>${text(item.data)}</ph>`;
      const open = `<bpt${attrs({ id: item.id, ctype: CTYPES[item.kind] })}>${text(item.dataStart)}</bpt>`;
      return `${open}${inline(item.children)}<ept${attrs({ id: item.id })}>${text(item.dataEnd)}</ept>`;
    })
    .join('');
}

/** Kind of markup from an XLIFF 1.2 `ctype`, for reading files back. */
export function kindOfCtype(ctype: string | undefined): InlineKind {
  for (const [kind, value] of Object.entries(CTYPES)) if (value === ctype) return kind as InlineKind;
  return 'html';
}
