/**
 * XLIFF 2.1 (OASIS, core + metadata module): a `<unit>` per English block, a
 * `<segment>` per alignment link, `<ignorable>` for the space between
 * sentences; Markdown markup as `<pc>`/`<ph>` whose original Markdown sits in
 * the unit's `<originalData>`, so CAT tools show and protect it as tags.
 */
import { buildExchange, targetsOf, type ExUnit, type Exchange } from './model.js';
import { toMarkdown, type Inline, type Ph, type Pc } from './inline.js';
import { attribute, attrs, cp, needsPreserve, text } from './xml.js';
import { writeXliff12 } from './xliff12.js';
import type { Alignment, InlineKind } from '../types.js';

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
  let out =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<xliff${attrs({ xmlns: XLIFF2_NS, 'xmlns:mda': MDA_NS, version: '2.1', srcLang: exchange.srcLang, trgLang: exchange.trgLang })}>\n` +
    // Segment ids carry the mapping back to the Markdown: a CAT tool must not re-segment.
    `  <file${attrs({ id: exchange.slug, original: exchange.original, canResegment: 'no' })}>\n`;
  for (const unit of exchange.units) out += writeUnit(unit);
  return `${out}  </file>\n</xliff>\n`;
}

/** ` type="…" subType="…"` of each kind of markup, escaped once. */
const CODE_ATTRS = Object.fromEntries(Object.entries(CODE_TYPES).map(([kind, { type, subType }]) => [kind, attribute('type', type) + attribute('subType', subType)])) as Record<InlineKind, string>;
const META_GROUP = `      <mda:metadata><mda:metaGroup${attrs({ category: TARGETS_CATEGORY, appliesTo: 'target' })}>\n`;
const PRESERVE = attribute('xml:space', 'preserve');

/** The `<unit>` of one unit, each line ending with a newline. */
function writeUnit(unit: ExUnit): string {
  const data = new DataTable();
  // The parts are serialised first: they fill the data table that precedes them.
  let parts = '';
  for (const part of unit.parts) {
    const name = part.type === 'ignorable' ? 'ignorable' : 'segment';
    const state = part.type === 'segment' ? attribute('state', part.state) : '';
    // Source before target: the data ids are numbered in order of use.
    const source = content('source', part.source, data);
    const target = part.target ? content('target', part.target, data) : '';
    parts += `      <${name}${attribute('id', part.id)}${state}>${source}${target}</${name}>\n`;
  }
  let out = `    <unit${attribute('id', unit.id)}${attribute('type', `md:${unit.kind}`)}>\n`;
  let metas = '';
  for (const part of unit.parts) {
    if (part.type === 'segment' && (part.targetIds.length > 0 || part.anchor !== undefined)) metas += `        <mda:meta${attribute('type', part.id)}>${text(targetsOf(part))}</mda:meta>\n`;
  }
  if (metas !== '') out += `${META_GROUP}${metas}      </mda:metaGroup></mda:metadata>\n`;
  if (unit.notes.length > 0) {
    out += '      <notes>';
    for (const note of unit.notes) out += `<note>${text(note)}</note>`;
    out += '</notes>\n';
  }
  if (data.entries.length > 0) {
    out += '      <originalData>\n';
    for (const [id, value] of data.entries) out += `        <data${attribute('id', id)}${needsPreserve(value) ? PRESERVE : ''}>${text(value, cp)}</data>\n`;
    out += '      </originalData>\n';
  }
  return `${out}${parts}    </unit>\n`;
}

/** `<source>` or `<target>` with its inline content. */
function content(name: 'source' | 'target', items: readonly Inline[], data: DataTable): string {
  return `<${name}${needsPreserve(toMarkdown(items)) ? PRESERVE : ''}>${inline(items, data)}</${name}>`;
}

function inline(items: readonly Inline[], data: DataTable): string {
  let out = '';
  for (const item of items) out += item.type === 'text' ? text(item.value, cp) : item.type === 'ph' ? ph(item, data) : pc(item, data);
  return out;
}

function ph(code: Ph, data: DataTable): string {
  const ref = attribute('dataRef', data.ref(code.data));
  return `<ph${attribute('id', code.id)}${ref}${CODE_ATTRS[code.kind]}${attribute('disp', code.kind === 'break' ? '↵' : display(code.data))}/>`;
}

function pc(code: Pc, data: DataTable): string {
  const refs = attribute('dataRefStart', data.ref(code.dataStart)) + attribute('dataRefEnd', data.ref(code.dataEnd));
  return `<pc${attribute('id', code.id)}${refs}${CODE_ATTRS[code.kind]}>${inline(code.children, data)}</pc>`;
}

const SPACES = /\s+/g;

/** A short display text for a standalone code, so a CAT tool shows `` `x` `` or `[^1]` rather than a bare number. */
function display(data: string): string | undefined {
  return data.length <= 40 ? data.replace(SPACES, ' ') : `${data.slice(0, 39)}…`;
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
