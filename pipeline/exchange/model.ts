/**
 * The exchange model every writer serialises: one unit per English block, one
 * segment per alignment link, ignorables for the text between segments.
 *
 * Why one segment per link rather than per sentence: a 2–1 link (two English
 * sentences rendered by one Chinese sentence) cannot be split, so its two
 * source sentences are merged into one segment (id `s-a_s-b`), as XLIFF
 * allows; a 1–2 link puts both target sentences into the target of the one
 * segment. When a link's sentences lie in different blocks, the target goes
 * to the segment of the first block and the unit carries a note. Target-only
 * sentences (0–1 links) are joined to the neighbouring segment of the same
 * block so they stay editable. Each segment records the ids of the target
 * sentences it covers, so import finds them again without re-aligning.
 */
import { codeKey, codesOf, inlineOf, type Inline } from './inline.js';
import { xmlId } from './xml.js';
import type { Alignment, BlockKind, Doc, Link, Segment } from '../types.js';

/** The translation state of a segment, named as in XLIFF 2. */
export type State = 'initial' | 'translated' | 'reviewed' | 'final';

export interface ExSegment {
  type: 'segment';
  /** XML id: the source segment ids joined by `_`, `~` written `.`. */
  id: string;
  sourceIds: string[];
  /** Ids of the target sentences the target covers, in order. */
  targetIds: string[];
  /** For an untranslated segment: where a new translation goes, `after:<id>` or `before:<id>` of a target sentence of the unit. */
  anchor: string | undefined;
  source: Inline[];
  target: Inline[] | undefined;
  state: State;
}

export interface ExIgnorable {
  type: 'ignorable';
  id: string;
  source: Inline[];
  /** The text between the targets of the segments around it, when both are translated in one block (no space in Chinese). */
  target: Inline[] | undefined;
}

export interface ExUnit {
  /** XML id of the English block. */
  id: string;
  kind: BlockKind;
  parts: (ExSegment | ExIgnorable)[];
  notes: string[];
}

export interface Exchange {
  slug: string;
  srcLang: string;
  trgLang: string;
  /** `<slug>/<lang>.md`, independent of where the content folder is. */
  original: string;
  units: ExUnit[];
}

const STATES: Record<string, State> = { draft: 'translated', reviewed: 'reviewed', published: 'final' };

/** Build the exchange model of an alignment. */
export function buildExchange(alignment: Alignment): Exchange {
  const { source, target } = alignment;
  const targets = targetsByLink(alignment);
  const linkOf: (Link | undefined)[] = [];
  for (const link of alignment.links) for (const s of link.source) linkOf[s] = link;
  const state = STATES[target.frontMatter?.status ?? 'draft'] ?? 'translated';
  const targetById = new Map(target.segments.map((s) => [s.id, s]));
  const units: ExUnit[] = [];
  for (const block of source.blocks) {
    if (block.segments.length === 0) continue;
    const unit: ExUnit = { id: xmlId(block.id), kind: block.kind, parts: [], notes: [] };
    let at = block.start;
    const addGap = (end: number): void => {
      if (end > at) unit.parts.push({ type: 'ignorable', id: `${unit.id}-i${unit.parts.length + 1}`, source: inlineOf(source, at, end), target: undefined });
    };
    for (const seg of block.segments) {
      const link = linkOf[seg.index];
      const sources = link ? link.source.map((i) => source.segments[i]!).filter((s) => s.blockIndex === seg.blockIndex) : [seg];
      if (sources[0] !== seg) continue; // merged into the segment of an earlier sentence
      const last = sources[sources.length - 1]!;
      addGap(seg.start);
      const isFirstOfLink = !link || link.source[0] === seg.index;
      const covered = isFirstOfLink && link ? (targets.get(link) ?? []) : [];
      if (link && !isFirstOfLink) unit.notes.push(`The translation of ${xmlId(seg.id)} is in the target of ${xmlId(source.segments[link.source[0]!]!.id)}.`);
      const segment = makeSegment(source, target, sources, covered, state);
      const elsewhere = isFirstOfLink && link ? link.target.map((i) => target.segments[i]!).filter((t) => !covered.includes(t)) : [];
      if (elsewhere.length > 0) {
        const ids = elsewhere.map((t) => t.id).join(', ');
        unit.notes.push(`Part of the translation of ${segment.id} is in another block of ${target.lang}.md (${ids}), not in this file; edit it there.`);
      }
      unit.parts.push(segment);
      at = last.end;
    }
    addGap(block.end);
    anchorUntranslated(unit);
    fillGaps(unit, target, targetById);
    numberCodes(unit);
    units.push(unit);
  }
  return { slug: source.slug, srcLang: source.lang, trgLang: target.lang, original: `${source.slug}/${source.lang}.md`, units };
}

function makeSegment(source: Doc, target: Doc, sources: Segment[], covered: Segment[], state: State): ExSegment {
  const first = sources[0]!;
  const last = sources[sources.length - 1]!;
  const segment: ExSegment = {
    type: 'segment',
    id: sources.map((s) => xmlId(s.id)).join('_'),
    sourceIds: sources.map((s) => s.id),
    targetIds: covered.map((t) => t.id),
    anchor: undefined,
    source: inlineOf(source, first.start, last.end),
    target: undefined,
    state: 'initial',
  };
  if (covered.length > 0) {
    segment.target = inlineOf(target, covered[0]!.start, covered[covered.length - 1]!.end);
    segment.state = state;
  }
  return segment;
}

/** The target of each ignorable between two translated segments: the target text between their sentences. */
function fillGaps(unit: ExUnit, target: Doc, byId: ReadonlyMap<string, Segment>): void {
  const parts = unit.parts;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const before = parts[i - 1]!;
    const after = parts[i + 1]!;
    if (part.type !== 'ignorable' || before.type !== 'segment' || after.type !== 'segment') continue;
    const end = byId.get(before.targetIds[before.targetIds.length - 1] ?? '');
    const start = byId.get(after.targetIds[0] ?? '');
    if (end && start && end.blockIndex === start.blockIndex && end.index + 1 === start.index) part.target = inlineOf(target, end.end, start.start);
  }
}

/** Give each untranslated segment a place for its translation: after the previous translated segment of the unit, or before the next. */
function anchorUntranslated(unit: ExUnit): void {
  const segments = unit.parts.filter((part): part is ExSegment => part.type === 'segment');
  // Two passes instead of a search each way per segment: the nearest translated segment after, then before.
  let next: ExSegment | undefined;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (segment.targetIds.length > 0) next = segment;
    else if (next) segment.anchor = `before:${next.targetIds[0]}`;
  }
  let previous: ExSegment | undefined;
  for (const segment of segments) {
    if (segment.targetIds.length > 0) previous = segment;
    else if (previous) segment.anchor = `after:${previous.targetIds[previous.targetIds.length - 1]}`;
  }
}

/**
 * The target sentences each link's segment carries: the link's own targets in
 * the block of its first target, plus target-only sentences adjacent to them.
 */
function targetsByLink(alignment: Alignment): Map<Link, Segment[]> {
  const segs = alignment.target.segments;
  const out = new Map<Link, Segment[]>();
  let previous: Link | undefined;
  let pending: Segment[] = [];
  const adjacent = (a: Segment | undefined, b: Segment | undefined): boolean =>
    a !== undefined && b !== undefined && b.index === a.index + 1 && a.blockIndex === b.blockIndex;
  for (const link of alignment.links) {
    const all = link.target.map((i) => segs[i]!);
    // Only the part in the block of the first target sentence: a segment's target is one range of one block.
    const own = all.filter((t) => t.blockIndex === all[0]!.blockIndex);
    if (link.source.length === 0) {
      const list = previous ? out.get(previous)! : [];
      if (previous && pending.length === 0 && adjacent(list[list.length - 1], own[0])) list.push(...own);
      else pending.push(...own);
      continue;
    }
    const before = pending.length > 0 && adjacent(pending[pending.length - 1], own[0]) ? pending : [];
    out.set(link, [...before, ...own]);
    pending = [];
    previous = link;
  }
  return out;
}

/**
 * Number the codes of a unit: source codes 1…n in order; a target code gets
 * the id of an unused source code of its segment with identical markup (a
 * "corresponding" code in XLIFF terms), otherwise a new id.
 */
function numberCodes(unit: ExUnit): void {
  let next = 1;
  for (const part of unit.parts) for (const code of codesOf(part.source)) code.id = String(next++);
  for (const part of unit.parts) if (part.target) next = matchCodes(part.source, part.target, next);
}

/** Give each target code the id of an unused source code with identical markup, or a new id from `next`; returns the next free id. */
export function matchCodes(source: readonly Inline[], target: readonly Inline[], next: number): number {
  const free = codesOf(source);
  const keys = free.map(codeKey);
  for (const code of codesOf(target)) {
    const match = keys.indexOf(codeKey(code));
    if (match === -1) code.id = String(next++);
    else {
      code.id = free[match]!.id;
      free.splice(match, 1);
      keys.splice(match, 1);
    }
  }
  return next;
}

/** The recorded target of a segment: its target sentence ids, or the anchor of an untranslated one. */
export function targetsOf(segment: ExSegment): string {
  const ids = segment.targetIds;
  // Most segments cover one sentence: no join for them.
  return ids.length === 1 ? ids[0]! : ids.length > 0 ? ids.join(' ') : (segment.anchor ?? '');
}

/** Every segment of an exchange, in document order. */
export function segmentsOf(exchange: Exchange): ExSegment[] {
  return exchange.units.flatMap((unit) => unit.parts.filter((part): part is ExSegment => part.type === 'segment'));
}
