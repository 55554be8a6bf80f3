/**
 * Align stage: a translation against its English source, blocks by Markdown
 * structure first, then sentences inside each aligned block group by length
 * and anchors. Every source and every target segment ends up in exactly one
 * link, and links are in document order.
 */
import { alignBlockItems, type BlockItem } from './align-blocks.js';
import { keysOf, type KeyIds, type Keys } from './align-keys.js';
import type { Step } from './align-path.js';
import { alignSequences, scoreOf, sumOf, type Items, type LengthModel } from './align-sentences.js';
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

/**
 * Found in every text `stripUrls` changes (a scheme, `www.`, an e-mail `@`, a
 * footnote mark `[^`): most segments have none, and its URL pattern is slow.
 */
const MAY_HAVE_URL = /:\/\/|www\.|@|\[\^/iu;

/** Classes of characters for `lengthOf`. */
const SPACE = 1;
const CJK = 2;
const OTHER = 3;
/** Class of each UTF-16 code unit met so far (0: not met): the two Unicode tests run once per character, not once per occurrence. */
const classes = new Uint8Array(0x10000);

function classOf(char: string): number {
  return /\s/u.test(char) ? SPACE : CJK_CHAR.test(char) ? CJK : OTHER;
}

/** Length of a segment for the length model: characters that are not white space, URLs left out (they are copied, not translated). */
export function lengthOf(text: string, lang = 'en'): number {
  const cjk = scriptOf(lang) === 'cjk';
  const plain = MAY_HAVE_URL.test(text) ? stripUrls(text) : text;
  let n = 0;
  for (let k = 0; k < plain.length; k++) {
    const code = plain.charCodeAt(k);
    let kind: number;
    if (code >= 0xd800 && code <= 0xdbff && k + 1 < plain.length && (plain.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
      // A character outside the BMP: classified as a whole, as iterating the string by code points would.
      kind = classOf(plain.slice(k, k + 2));
      k++;
    } else kind = classes[code] || (classes[code] = classOf(plain[k]!));
    if (kind === SPACE) continue;
    // Added one at a time in text order: a sum of 1s and 0.3s depends on the order in its last bits, and links must not change.
    n += cjk && kind !== CJK ? LATIN_IN_CJK : 1;
  }
  return n;
}

/** The length model of a document pair: its own length ratio when long enough, else the language default. */
export function lengthModel(source: Doc, target: Doc): LengthModel {
  return modelOf(lengthsOf(source), lengthsOf(target), target.lang);
}

function lengthsOf(doc: Doc): number[] {
  return doc.segments.map((s) => lengthOf(s.text, doc.lang));
}

/** `lengthModel` from the segment lengths of both sides. */
function modelOf(sourceLengths: readonly number[], targetLengths: readonly number[], lang: string): LengthModel {
  const fallback = DEFAULT_RATIO[lang] ?? 1;
  const sourceLength = sumOf(sourceLengths, 0, sourceLengths.length);
  const targetLength = sumOf(targetLengths, 0, targetLengths.length);
  const measured = sourceLength >= MIN_CALIBRATION && targetLength > 0 ? targetLength / sourceLength : fallback;
  const ratio = Math.min(Math.max(measured, fallback / 2), fallback * 2);
  return { ratio, variance: VARIANCE_FACTOR * ratio * ratio };
}

/** What the aligner knows of each segment of one side: length, anchors (as sets and as keys), whether it is a translator's note. */
interface Side {
  doc: Doc;
  lengths: number[];
  anchors: AnchorSet[];
  keys: Keys[];
  notes: boolean[];
}

/** The segments of one side; `ids` numbers the anchor keys of both sides. */
function sideOf(doc: Doc, other: string, options: Options, ids: KeyIds): Side {
  const terms = options.anchors ? { terms: options.anchors } : {};
  const anchors = doc.segments.map((s) => anchorsOf(s.text, { lang: doc.lang, other, inline: s.inline, ...terms }));
  return {
    doc,
    lengths: lengthsOf(doc),
    anchors,
    keys: anchors.map((set) => keysOf(set, ids)),
    // Only a translation has translator's notes; English text that starts with "N.d.T." is content.
    notes: doc.segments.map((s) => doc.lang !== SOURCE_LANG && isTranslatorNote(s.text)),
  };
}

function blockItems(side: Side): BlockItem[] {
  const { doc } = side;
  return doc.blocks.map((block) => {
    const anchors: AnchorSet = { strong: new Set(), weak: new Set() };
    for (const s of block.segments) {
      const own = side.anchors[s.index]!;
      for (const key of own.strong) anchors.strong.add(key);
      for (const key of own.weak) anchors.weak.add(key);
    }
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
  const ids: KeyIds = new Map();
  const sourceSide = sideOf(source, target.lang, options, ids);
  const targetSide = sideOf(target, source.lang, options, ids);
  const blocks: BlockLink[] = [];
  const links: Link[] = [];
  const { steps, model } = alignBlocks(blockItems(sourceSide), blockItems(targetSide), modelOf(sourceSide.lengths, targetSide.lengths, target.lang));
  for (const step of steps) {
    blocks.push({ source: range(step.i, step.ds), target: range(step.j, step.dt), score: scoreOf(step.cost) });
    alignGroup(segmentsOf(source, step.i, step.ds), segmentsOf(target, step.j, step.dt), sourceSide, targetSide, model, links);
  }
  return { source, target, blocks, links };
}

/** Indices of the segments of blocks [from, from+count). */
function segmentsOf(doc: Doc, from: number, count: number): number[] {
  const indices: number[] = [];
  for (let b = from; b < from + count; b++) for (const segment of doc.blocks[b]!.segments) indices.push(segment.index);
  return indices;
}

/** The segments `indices` of one side, as sentence alignment reads them. */
function itemsOf(indices: readonly number[], side: Side): Items {
  const items = { lengths: [] as number[], keys: [] as Keys[], notes: [] as boolean[] };
  for (const i of indices) {
    items.lengths.push(side.lengths[i]!);
    items.keys.push(side.keys[i]!);
    items.notes.push(side.notes[i]!);
  }
  return items;
}

/** Sentence links inside one aligned block group (segment indices of each side), added to `links`. */
function alignGroup(source: readonly number[], target: readonly number[], sourceSide: Side, targetSide: Side, model: LengthModel, links: Link[]): void {
  for (const step of alignSequences(itemsOf(source, sourceSide), itemsOf(target, targetSide), model)) {
    links.push({ source: source.slice(step.i, step.i + step.ds), target: target.slice(step.j, step.j + step.dt), score: scoreOf(step.cost) });
  }
}

/** Align every translation of a meeting with its source (empty when the meeting has no source). */
export function alignMeeting(meeting: Meeting, options: Options = {}): Alignment[] {
  const source = meeting.source;
  if (!source) return [];
  return meeting.translations.map((target) => align(source, target, options));
}
