// Frozen copy of pipeline/exchange/xliff.ts before the performance rewrite: the oracle of test/exchange/equivalence.test.ts. Do not edit.
/**
 * XLIFF 2.1 (OASIS, core + metadata module): a `<unit>` per English block, a
 * `<segment>` per alignment link, `<ignorable>` for the space between
 * sentences; Markdown markup as `<pc>`/`<ph>` whose original Markdown sits in
 * the unit's `<originalData>`, so CAT tools show and protect it as tags.
 */
import { buildExchange, targetsOf, type ExSegment, type ExUnit, type Exchange } from './model.js';
import { toMarkdown, type Inline, type Ph, type Pc } from './inline.js';
import { attrs, cp, needsPreserve, text } from './xml.js';
import { writeXliff12 } from './xliff12.js';
import type { Alignment, InlineKind } from '../../../pipeline/types.js';

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';
/** Category of the metadata group that maps segment ids to target sentence ids. */
export const TARGETS_CATEGORY = 'bitext:targets';

/** XLIFF 2 `type`/`subType` of each kind of Markdown markup (`xlf:` subtypes are the spec's own). */
const CODE_TYPES: Record<InlineKind, { type: string; subType?: string }> = {
  emphasis: { type: 'fmt', subType: 'xlf:i' },
  strong: { type: 'fmt', subType: 'xlf:b' },
  delete: { type: 'fmt', subType: 'md:strikethrough' }, // xlf: defines only b, i, u, lb, pb and var
  link: { type: 'link' },
  linkReference: { type: 'link' },
  image: { type: 'image' },
  imageReference: { type: 'image' },
  break: { type: 'fmt', subType: 'xlf:lb' },
  inlineCode: { type: 'other', subType: 'md:code' },
  footnoteReference: { type: 'other', subType: 'md:footnote' },
  html: { type: 'other', subType: 'md:html' },
};

/** Kind of markup from an XLIFF 2 `subType`/`type`, for reading files back. */
export function kindOfCode(type: string | undefined, subType: string | undefined): InlineKind {
  for (const [kind, value] of Object.entries(CODE_TYPES)) if (value.subType !== undefined && value.subType === subType) return kind as InlineKind;
  return type === 'link' ? 'link' : type === 'image' ? 'image' : 'html';
}

/** Serialise an alignment as XLIFF 2.1 or 1.2. */
export function exportXliff(alignment: Alignment, version: '2.1' | '1.2'): string {
  const exchange = buildExchange(alignment);
  return version === '2.1' ? writeXliff2(exchange) : writeXliff12(exchange);
}

/** XLIFF 2.1 text of an exchange model. */
export function writeXliff2(exchange: Exchange): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff${attrs({ xmlns: XLIFF2_NS, 'xmlns:mda': MDA_NS, version: '2.1', srcLang: exchange.srcLang, trgLang: exchange.trgLang })}>`,
    // Segment ids carry the mapping back to the Markdown: a CAT tool must not re-segment.
    `  <file${attrs({ id: exchange.slug, original: exchange.original, canResegment: 'no' })}>`,
  ];
  for (const unit of exchange.units) lines.push(...writeUnit(unit).map((line) => `  ${line}`));
  lines.push('  </file>', '</xliff>', '');
  return lines.join('\n');
}

function writeUnit(unit: ExUnit): string[] {
  const data = new DataTable();
  const parts = unit.parts.map((part) => {
    if (part.type === 'ignorable') return `    <ignorable${attrs({ id: part.id })}>${content('source', part.source, data)}${part.target ? content('target', part.target, data) : ''}</ignorable>`;
    return `    <segment${attrs({ id: part.id, state: part.state })}>${content('source', part.source, data)}${part.target ? content('target', part.target, data) : ''}</segment>`;
  });
  const lines = [`  <unit${attrs({ id: unit.id, type: `md:${unit.kind}` })}>`];
  const segments = unit.parts.filter((part): part is ExSegment => part.type === 'segment' && (part.targetIds.length > 0 || part.anchor !== undefined));
  if (segments.length > 0) {
    lines.push(`    <mda:metadata><mda:metaGroup${attrs({ category: TARGETS_CATEGORY, appliesTo: 'target' })}>`);
    for (const segment of segments) lines.push(`      <mda:meta${attrs({ type: segment.id })}>${text(targetsOf(segment))}</mda:meta>`);
    lines.push('    </mda:metaGroup></mda:metadata>');
  }
  if (unit.notes.length > 0) lines.push(`    <notes>${unit.notes.map((note) => `<note>${text(note)}</note>`).join('')}</notes>`);
  if (data.entries.length > 0) {
    lines.push('    <originalData>');
    for (const [id, value] of data.entries) lines.push(`      <data${attrs({ id, ...(needsPreserve(value) ? { 'xml:space': 'preserve' } : {}) })}>${text(value, cp)}</data>`);
    lines.push('    </originalData>');
  }
  lines.push(...parts, '  </unit>');
  return lines;
}

/** `<source>` or `<target>` with its inline content. */
function content(name: 'source' | 'target', items: readonly Inline[], data: DataTable): string {
  const space = needsPreserve(toMarkdown(items)) ? { 'xml:space': 'preserve' } : {};
  return `<${name}${attrs(space)}>${inline(items, data)}</${name}>`;
}

function inline(items: readonly Inline[], data: DataTable): string {
  return items.map((item) => (item.type === 'text' ? text(item.value, cp) : item.type === 'ph' ? ph(item, data) : pc(item, data))).join('');
}

function ph(code: Ph, data: DataTable): string {
  const { type, subType } = CODE_TYPES[code.kind];
  return `<ph${attrs({ id: code.id, dataRef: data.ref(code.data), type, subType, disp: code.kind === 'break' ? '↵' : display(code.data) })}/>`;
}

function pc(code: Pc, data: DataTable): string {
  const { type, subType } = CODE_TYPES[code.kind];
  const refs = { dataRefStart: data.ref(code.dataStart), dataRefEnd: data.ref(code.dataEnd) };
  return `<pc${attrs({ id: code.id, ...refs, type, subType })}>${inline(code.children, data)}</pc>`;
}

/** A short display text for a standalone code, so a CAT tool shows `` `x` `` or `[^1]` rather than a bare number. */
function display(data: string): string | undefined {
  return data.length <= 40 ? data.replace(/\s+/g, ' ') : `${data.slice(0, 39)}…`;
}

/** The `<originalData>` of one unit: each distinct Markdown snippet once, `d1`, `d2`… in order of use. */
class DataTable {
  readonly entries: [string, string][] = [];
  private readonly ids = new Map<string, string>();

  ref(value: string): string {
    let id = this.ids.get(value);
    if (!id) {
      id = `d${this.entries.length + 1}`;
      this.ids.set(value, id);
      this.entries.push([id, value]);
    }
    return id;
  }
}
