/**
 * XLIFF 1.2 for older CAT tools (OmegaT through its Okapi filter, Trados
 * 2007/Studio, memoQ, Virtaal): a `<trans-unit>` per English block with the
 * sentences as `<mrk mtype="seg">` in `<seg-source>` and `<target>`. Markup is
 * `<bpt>`/`<ept>` (paired) and `<ph>` (standalone) carrying the Markdown
 * itself, the 1.2 way of keeping native codes inside the segment; `<g>`/`<x>`
 * would need a skeleton file to restore the Markdown.
 */
import { targetsOf, type ExUnit, type Exchange, type State } from './model.js';
import type { Inline } from './inline.js';
import { attribute, attrs, text } from './xml.js';
import type { InlineKind } from '../types.js';

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
  let out =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xliff${attrs({ version: '1.2', xmlns: XLIFF12_NS })}>\n` +
    `  <file${attrs({ original: exchange.original, 'source-language': exchange.srcLang, 'target-language': exchange.trgLang, datatype: 'x-markdown', 'product-name': exchange.slug })}>\n` +
    `    <header><tool${attrs({ 'tool-id': 'bitext', 'tool-name': 'bitext' })}/></header>\n` +
    '    <body>\n';
  for (const unit of exchange.units) out += writeUnit(unit);
  return `${out}    </body>\n  </file>\n</xliff>\n`;
}

/** Constant markup, written out rather than escaped again for every unit. */
const CONTEXT_GROUP = `        <context-group${attrs({ name: 'bitext', purpose: 'information' })}>\n`;
const CONTEXT = `          <context${attrs({ 'context-type': TARGETS_CONTEXT })}>`;
const NOTE = `        <note${attrs({ from: 'bitext' })}>`;

/** The `<trans-unit>` of one unit, each line ending with a newline. */
function writeUnit(unit: ExUnit): string {
  let source = '';
  let segSource = '';
  let target = '';
  let segments = 0;
  let translated = 0;
  let state = ORDER.length - 1;
  for (const part of unit.parts) {
    const content = inline(part.source);
    source += content;
    if (part.type === 'ignorable') {
      segSource += content;
      target += part.target ? inline(part.target) : content;
      continue;
    }
    segSource += mrk(part.id, content);
    target += mrk(part.id, part.target ? inline(part.target) : '');
    segments++;
    if (part.target) translated++;
    state = Math.min(state, ORDER.indexOf(part.state));
  }
  let out =
    `      <trans-unit${attrs({ id: unit.id, restype: `x-${unit.kind}`, 'xml:space': 'preserve' })}>\n` +
    `        <source>${source}</source>\n` +
    `        <seg-source>${segSource}</seg-source>\n`;
  if (translated > 0) {
    // The lowest state of the unit's segments, or needs-translation while one of them is untranslated.
    const lowest = translated === segments ? (ORDER[state] ?? 'initial') : 'initial';
    out += `        <target${attrs({ state: STATES[lowest] })}>${target}</target>\n${contextGroup(unit)}`;
  }
  for (const note of unit.notes) out += `${NOTE}${text(note)}</note>\n`;
  return `${out}      </trans-unit>\n`;
}

/** The `<context-group>` recording the target sentences (or the anchor) of each segment of a unit. */
function contextGroup(unit: ExUnit): string {
  let out = CONTEXT_GROUP;
  for (const part of unit.parts) {
    if (part.type !== 'segment') continue;
    const targets = targetsOf(part);
    if (targets !== '') out += `${CONTEXT}${text(`${part.id}: ${targets}`)}</context>\n`;
  }
  return `${out}        </context-group>\n`;
}

const ORDER: State[] = ['initial', 'translated', 'reviewed', 'final'];

/** A segment's `<mrk>` around its already serialised content. */
function mrk(id: string, content: string): string {
  return `<mrk mtype="seg"${attribute('mid', id)}>${content}</mrk>`;
}

function inline(items: readonly Inline[]): string {
  let out = '';
  for (const item of items) {
    if (item.type === 'text') out += text(item.value);
    else if (item.type === 'ph') out += `<ph${attribute('id', item.id)}${attribute('ctype', CTYPES[item.kind])}>${text(item.data)}</ph>`;
    else {
      const id = attribute('id', item.id);
      out += `<bpt${id}${attribute('ctype', CTYPES[item.kind])}>${text(item.dataStart)}</bpt>${inline(item.children)}<ept${id}>${text(item.dataEnd)}</ept>`;
    }
  }
  return out;
}

/** Kind of markup from an XLIFF 1.2 `ctype`, for reading files back. */
export function kindOfCtype(ctype: string | undefined): InlineKind {
  for (const [kind, value] of Object.entries(CTYPES)) if (value === ctype) return kind as InlineKind;
  return 'html';
}
