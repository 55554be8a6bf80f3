/**
 * Align stage: a translation against its English source, blocks by Markdown
 * structure first, then sentences inside each aligned block group by length
 * and anchors. Every source and every target segment ends up in exactly one
 * link, and links are in document order.
 */
import { alignBlockItems, type BlockItem } from './align-blocks.js';
import { alignSequences, scoreOf, type LengthModel } from './align-sentences.js';
import { anchorsOf, isTranslatorNote, type AnchorSet } from './anchors.js';
import type { Alignment, BlockLink, Doc, Link, Meeting, Segment } from './types.js';

export interface Options {
  /** extra anchor terms, e.g. glossary renderings: English term → target renderings */
  anchors?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Target characters per English character, by target language: the default
 * when a document is too short to measure its own ratio. zh was measured on
 * the bundled meetings (0.29–0.31 non-space characters per English one).
 */
const DEFAULT_RATIO: Record<string, number> = { zh: 0.3, 'zh-Hant': 0.3, ja: 0.45, fr: 1.15, es: 1.15, ru: 1.1, ar: 0.95 };
/** Below this many English characters a document's own ratio is too noisy to use. */
const MIN_CALIBRATION = 400;
/** Variance of the target length per English character, as a multiple of the ratio (Gale & Church measured 6.8 for c ≈ 1). */
const VARIANCE_FACTOR = 6.8;

/** Length of a segment for the length model: characters that are not white space. */
export function lengthOf(text: string): number {
  let n = 0;
  for (const c of text) if (!/\s/u.test(c)) n++;
  return n;
}

/** The length model of a document pair: its own length ratio when long enough, else the language default. */
export function lengthModel(source: Doc, target: Doc): LengthModel {
  const fallback = DEFAULT_RATIO[target.lang] ?? 1;
  const sourceLength = source.segments.reduce((n, s) => n + lengthOf(s.text), 0);
  const targetLength = target.segments.reduce((n, s) => n + lengthOf(s.text), 0);
  const measured = sourceLength >= MIN_CALIBRATION && targetLength > 0 ? targetLength / sourceLength : fallback;
  const ratio = Math.min(Math.max(measured, fallback / 2), fallback * 2);
  return { ratio, variance: VARIANCE_FACTOR * ratio };
}

function segmentAnchors(doc: Doc, other: string, options: Options): AnchorSet[] {
  return doc.segments.map((s) =>
    anchorsOf(s.text, { lang: doc.lang, other, inline: s.inline, ...(options.anchors ? { terms: options.anchors } : {}) }),
  );
}

function blockItems(doc: Doc, anchors: readonly AnchorSet[]): BlockItem[] {
  return doc.blocks.map((block) => {
    const own = block.segments.map((s) => anchors[s.index]!);
    const merged: AnchorSet = { strong: new Set(own.flatMap((a) => [...a.strong])), weak: new Set(own.flatMap((a) => [...a.weak])) };
    const note = doc.lang !== 'en' && isTranslatorNote(doc.value.slice(block.start, block.end));
    return { block, length: block.segments.reduce((n, s) => n + lengthOf(s.text), 0), anchors: merged, note };
  });
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, k) => from + k);

/** Align a translation with its English source: blocks by structure, then sentences. */
export function align(source: Doc, target: Doc, options: Options = {}): Alignment {
  const model = lengthModel(source, target);
  const sourceAnchors = segmentAnchors(source, target.lang, options);
  const targetAnchors = segmentAnchors(target, source.lang, options);
  const blockSteps = alignBlockItems(blockItems(source, sourceAnchors), blockItems(target, targetAnchors), model);
  const blocks: BlockLink[] = [];
  const links: Link[] = [];
  for (const step of blockSteps) {
    blocks.push({ source: range(step.i, step.ds), target: range(step.j, step.dt), score: scoreOf(step.cost) });
    const s = range(step.i, step.ds).flatMap((b) => source.blocks[b]!.segments);
    const t = range(step.j, step.dt).flatMap((b) => target.blocks[b]!.segments);
    links.push(...alignGroup(s, t, sourceAnchors, targetAnchors, model));
  }
  return { source, target, blocks, links };
}

/** Sentence links inside one aligned block group. */
function alignGroup(
  source: readonly Segment[],
  target: readonly Segment[],
  sourceAnchors: readonly AnchorSet[],
  targetAnchors: readonly AnchorSet[],
  model: LengthModel,
): Link[] {
  const items = (segments: readonly Segment[], anchors: readonly AnchorSet[], notes: boolean) => ({
    lengths: segments.map((s) => lengthOf(s.text)),
    anchors: segments.map((s) => anchors[s.index]!),
    notes: segments.map((s) => notes && isTranslatorNote(s.text)),
  });
  const steps = alignSequences(items(source, sourceAnchors, false), items(target, targetAnchors, true), model);
  return steps.map((step) => ({
    source: source.slice(step.i, step.i + step.ds).map((s) => s.index),
    target: target.slice(step.j, step.j + step.dt).map((s) => s.index),
    score: scoreOf(step.cost),
  }));
}

/** Align every translation of a meeting with its source (empty when the meeting has no source). */
export function alignMeeting(meeting: Meeting, options: Options = {}): Alignment[] {
  const source = meeting.source;
  if (!source) return [];
  return meeting.translations.map((target) => align(source, target, options));
}
