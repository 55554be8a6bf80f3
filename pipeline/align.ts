/**
 * Align stage: a translation against its English source, blocks by Markdown
 * structure first, then sentences inside each aligned block group by length
 * and anchors. Every source and every target segment ends up in exactly one
 * link, and links are in document order.
 */
import { alignBlockItems, type BlockItem } from './align-blocks.js';
import { alignSequences, scoreOf, type LengthModel, type Step } from './align-sentences.js';
import { anchorsOf, isTranslatorNote, stripUrls, type AnchorSet } from './anchors.js';
import { scriptOf, SOURCE_LANG } from './languages.js';
import type { Alignment, BlockLink, Doc, Link, Meeting } from './types.js';

/** Options of the align stage. */
export interface Options {
  /** extra anchor terms, e.g. glossary renderings: English term → target renderings */
  anchors?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Target characters per English character, by target language: the default
 * when a document is too short to measure its own ratio. zh was measured on
 * the bundled meetings (0.299–0.310, with `lengthOf` below).
 */
const DEFAULT_RATIO: Record<string, number> = { zh: 0.3, 'zh-Hant': 0.3, ja: 0.45, fr: 1.15, es: 1.15, ru: 1.1, ar: 0.95 };
/** Below this many English characters a document's own ratio is too noisy to use. */
const MIN_CALIBRATION = 400;
/**
 * Variance of the target length per English character, in target units²:
 * Gale & Church measured 6.8 for c ≈ 1, so 6.8·c² here. The bundled zh
 * meetings measure 0.19 (≈ 2.1·c²); the English there was reconstructed from
 * the Chinese, so real translations vary more and the wider default stays.
 */
const VARIANCE_FACTOR = 6.8;

/** Characters that carry a CJK text: Han, kana, Hangul, full-width punctuation. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/**
 * Weight of a Latin letter or digit inside CJK text: acronyms, numbers and
 * names are copied from the English, so they count as much as the English
 * they stand for would after translation (about the zh/en ratio).
 */
const LATIN_IN_CJK = 0.3;

/** Length of a segment for the length model: characters that are not white space, URLs left out (they are copied, not translated). */
export function lengthOf(text: string, lang = 'en'): number {
  const cjk = scriptOf(lang) === 'cjk';
  let n = 0;
  for (const c of stripUrls(text)) {
    if (/\s/u.test(c)) continue;
    n += cjk && !CJK_CHAR.test(c) ? LATIN_IN_CJK : 1;
  }
  return n;
}

/** The length model of a document pair: its own length ratio when long enough, else the language default. */
export function lengthModel(source: Doc, target: Doc): LengthModel {
  const fallback = DEFAULT_RATIO[target.lang] ?? 1;
  const sourceLength = source.segments.reduce((n, s) => n + lengthOf(s.text, source.lang), 0);
  const targetLength = target.segments.reduce((n, s) => n + lengthOf(s.text, target.lang), 0);
  const measured = sourceLength >= MIN_CALIBRATION && targetLength > 0 ? targetLength / sourceLength : fallback;
  const ratio = Math.min(Math.max(measured, fallback / 2), fallback * 2);
  return { ratio, variance: VARIANCE_FACTOR * ratio * ratio };
}

/** What the aligner knows of each segment of one side: length, anchors, whether it is a translator's note. */
interface Side {
  doc: Doc;
  lengths: number[];
  anchors: AnchorSet[];
  notes: boolean[];
}

function sideOf(doc: Doc, other: string, options: Options): Side {
  const terms = options.anchors ? { terms: options.anchors } : {};
  return {
    doc,
    lengths: doc.segments.map((s) => lengthOf(s.text, doc.lang)),
    anchors: doc.segments.map((s) => anchorsOf(s.text, { lang: doc.lang, other, inline: s.inline, ...terms })),
    // Only a translation has translator's notes; English text that starts with "N.d.T." is content.
    notes: doc.segments.map((s) => doc.lang !== SOURCE_LANG && isTranslatorNote(s.text)),
  };
}

function blockItems(side: Side): BlockItem[] {
  const { doc } = side;
  return doc.blocks.map((block) => {
    const own = block.segments.map((s) => side.anchors[s.index]!);
    const anchors: AnchorSet = { strong: new Set(own.flatMap((a) => [...a.strong])), weak: new Set(own.flatMap((a) => [...a.weak])) };
    const note = doc.lang !== SOURCE_LANG && isTranslatorNote(doc.value.slice(block.start, block.end));
    return { block, length: block.segments.reduce((n, s) => n + side.lengths[s.index]!, 0), anchors, note };
  });
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, k) => from + k);

/** Relative change of the length ratio that is worth a second pass over the blocks. */
const RATIO_TOLERANCE = 0.05;

/**
 * The length model re-measured on the 1–1 block links of a first pass, or
 * undefined when it hardly differs: a translation that leaves out a whole
 * section makes the ratio of the two documents too low, and a too-low ratio
 * makes every faithful block look long and merges look cheap.
 */
function refinedModel(steps: readonly Step[], source: readonly BlockItem[], target: readonly BlockItem[], model: LengthModel): LengthModel | undefined {
  let sourceLength = 0;
  let targetLength = 0;
  for (const step of steps) {
    if (step.ds !== 1 || step.dt !== 1) continue;
    sourceLength += source[step.i]!.length;
    targetLength += target[step.j]!.length;
  }
  if (sourceLength < MIN_CALIBRATION || targetLength === 0) return undefined;
  const ratio = targetLength / sourceLength;
  if (Math.abs(ratio / model.ratio - 1) <= RATIO_TOLERANCE) return undefined;
  return { ratio, variance: VARIANCE_FACTOR * ratio * ratio };
}

/** Block links of two documents, with the length model they were found with (re-measured once when the first pass shows the documents' ratio was skewed). */
function alignBlocks(source: readonly BlockItem[], target: readonly BlockItem[], first: LengthModel): { steps: Step[]; model: LengthModel } {
  const steps = alignBlockItems(source, target, first);
  const model = refinedModel(steps, source, target, first);
  return model ? { steps: alignBlockItems(source, target, model), model } : { steps, model: first };
}

/** Align a translation with its English source: blocks by structure, then sentences. */
export function align(source: Doc, target: Doc, options: Options = {}): Alignment {
  // `bitext check` runs QA, tracking and fuzzy-match checks over the same pairs: align each pair once.
  // Documents are not changed after segmentation, so an alignment without extra anchors can be reused.
  if (options.anchors !== undefined) return alignUncached(source, target, options);
  let byTarget = memo.get(source);
  if (!byTarget) memo.set(source, (byTarget = new WeakMap()));
  let alignment = byTarget.get(target);
  if (!alignment) byTarget.set(target, (alignment = alignUncached(source, target, options)));
  return alignment;
}

const memo = new WeakMap<Doc, WeakMap<Doc, Alignment>>();

function alignUncached(source: Doc, target: Doc, options: Options): Alignment {
  const sourceSide = sideOf(source, target.lang, options);
  const targetSide = sideOf(target, source.lang, options);
  const blocks: BlockLink[] = [];
  const links: Link[] = [];
  const { steps, model } = alignBlocks(blockItems(sourceSide), blockItems(targetSide), lengthModel(source, target));
  for (const step of steps) {
    blocks.push({ source: range(step.i, step.ds), target: range(step.j, step.dt), score: scoreOf(step.cost) });
    const s = range(step.i, step.ds).flatMap((b) => source.blocks[b]!.segments.map((x) => x.index));
    const t = range(step.j, step.dt).flatMap((b) => target.blocks[b]!.segments.map((x) => x.index));
    links.push(...alignGroup(s, t, sourceSide, targetSide, model));
  }
  return { source, target, blocks, links };
}

/** Sentence links inside one aligned block group (segment indices of each side). */
function alignGroup(source: readonly number[], target: readonly number[], sourceSide: Side, targetSide: Side, model: LengthModel): Link[] {
  const items = (indices: readonly number[], side: Side) => ({
    lengths: indices.map((i) => side.lengths[i]!),
    anchors: indices.map((i) => side.anchors[i]!),
    notes: indices.map((i) => side.notes[i]!),
  });
  return alignSequences(items(source, sourceSide), items(target, targetSide), model).map((step) => ({
    source: source.slice(step.i, step.i + step.ds),
    target: target.slice(step.j, step.j + step.dt),
    score: scoreOf(step.cost),
  }));
}

/** Align every translation of a meeting with its source (empty when the meeting has no source). */
export function alignMeeting(meeting: Meeting, options: Options = {}): Alignment[] {
  const source = meeting.source;
  if (!source) return [];
  return meeting.translations.map((target) => align(source, target, options));
}
