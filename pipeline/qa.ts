/**
 * QA checks on aligned pairs: what the English has and the translation lost
 * (numbers, dates, times, link targets, acronyms, inline markup), sentences
 * left untranslated or unaligned, and the typography of the translation
 * (brackets and quotes, half-width punctuation in Chinese). Every finding is
 * placed in the translation with the English place as `related`.
 */
import { location } from 'vfile-location';
import { align } from './align.js';
import { acronymsOf, isTranslatorNote, keepsAcronyms, numbersOf, urlsOf, type AnchorSet } from './anchors.js';
import { fullWidth, halfwidth, proseOf, strayWords, unbalanced, untranslated } from './qa-text.js';
import { scriptOf, SOURCE_LANG } from './languages.js';
import { report, type Related, type RuleId } from './rules.js';
import type { Check } from './checks.js';
import type { Alignment, Doc, InlineKind, Link, Point, Range, Segment } from './types.js';

/** A link with the texts and marks of both sides, and of the aligned block group around it. */
interface Pair {
  link: Link;
  source: Segment[];
  target: Segment[];
  /** All segments of the block groups the link lies in, for things a translator moved to a neighbouring sentence. */
  sourceGroup: Segment[];
  targetGroup: Segment[];
}

const text = (segments: readonly Segment[]): string => segments.map((s) => s.text).join(' ');
const short = (value: string): string => {
  const flat = value.replace(/\s+/gu, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
};

/** Pairs of an alignment with their block groups. */
function pairsOf(alignment: Alignment): Pair[] {
  const { source, target } = alignment;
  const groupOf = new Map<string, { s: Segment[]; t: Segment[] }>();
  for (const blockLink of alignment.blocks) {
    const group = {
      s: blockLink.source.flatMap((b) => source.blocks[b]!.segments),
      t: blockLink.target.flatMap((b) => target.blocks[b]!.segments),
    };
    for (const b of blockLink.source) groupOf.set(`s${b}`, group);
    for (const b of blockLink.target) groupOf.set(`t${b}`, group);
  }
  return alignment.links.map((link) => {
    const s = link.source.map((i) => source.segments[i]!);
    const t = link.target.map((i) => target.segments[i]!);
    const group = groupOf.get(s[0] ? `s${s[0].blockIndex}` : `t${t[0]!.blockIndex}`) ?? { s, t };
    return { link, source: s, target: t, sourceGroup: group.s, targetGroup: group.t };
  });
}

/** The rule ids of the QA checks: `--fail-on qa` names them all. */
export const QA_RULES: readonly RuleId[] = [
  'unaligned-source', 'unaligned-target', 'number-mismatch', 'link-mismatch', 'acronym-missing',
  'markup-mismatch', 'untranslated-segment', 'unbalanced-pair', 'halfwidth-punctuation',
];

/** Options of the QA checks. */
export interface Options {
  /** Rule ids, or the group `qa`, whose warnings count as errors. */
  failOn?: ReadonlySet<string>;
}

/** Reporting helpers bound to one alignment. */
class Reporter {
  private readonly targetPlace;
  constructor(
    readonly alignment: Alignment,
    private readonly failOn: ReadonlySet<string> = new Set(),
  ) {
    this.targetPlace = location(alignment.target.value);
  }

  point(offset: number): Point {
    return { ...this.targetPlace.toPoint(offset)!, offset };
  }

  related(segments: readonly Segment[]): Related | undefined {
    const first = segments[0];
    const last = segments[segments.length - 1];
    if (!first || !last) return undefined;
    return { file: this.alignment.source.file.path, place: { start: first.position.start, end: last.position.end }, note: 'English source' };
  }

  add(ruleId: RuleId, place: Point | Range, english: readonly Segment[], params: Record<string, string | number>): void {
    const related = this.related(english);
    const error = this.failOn.has(ruleId) || this.failOn.has('qa');
    report(this.alignment.target.file, ruleId, { params, place, ...(related ? { related } : {}), ...(error ? { severity: 'error' as const } : {}) });
  }
}

const span = (segments: readonly Segment[]): Range => ({ start: segments[0]!.position.start, end: segments[segments.length - 1]!.position.end });

/** 1–0 and 0–1 links: English left untranslated, translation without English (translator's notes excepted). */
function checkUnaligned(pair: Pair, index: number, pairs: readonly Pair[], r: Reporter): void {
  if (pair.source.length > 0 && pair.target.length === 0) {
    // Where the translation should be: after the previous translated sentence, else before the next one.
    const before = pairs.slice(0, index).reverse().find((p) => p.target.length > 0)?.target.at(-1);
    const after = pairs.slice(index + 1).find((p) => p.target.length > 0)?.target[0];
    const place = before ? before.position.end : after ? after.position.start : r.point(r.alignment.target.bodyStart);
    r.add('unaligned-source', place, pair.source, { text: short(text(pair.source)) });
  } else if (pair.source.length === 0 && pair.target.length > 0) {
    if (pair.target.every((s) => isTranslatorNote(s.text))) return;
    const near = pairs.slice(0, index).reverse().find((p) => p.source.length > 0)?.source.at(-1) ?? pairs.slice(index + 1).find((p) => p.source.length > 0)?.source[0];
    r.add('unaligned-target', span(pair.target), near ? [near] : [], { text: short(text(pair.target)) });
  }
}

const shown = (key: string): string => key.replace(/^[a-z]:/u, '');
const has = (set: AnchorSet, key: string): boolean => set.strong.has(key) || set.weak.has(key);

/** Numbers, dates and times of the English that the translation lacks, in the link and in its block group. */
function checkNumbers(pair: Pair, r: Reporter): void {
  const lang = r.alignment.target.lang;
  const english = numbersOf(text(pair.source), { lang: SOURCE_LANG, other: lang });
  const translation = numbersOf(text(pair.target), { lang, other: SOURCE_LANG });
  const group = numbersOf(text(pair.targetGroup), { lang, other: SOURCE_LANG });
  const missing = [...english.strong, ...english.weak].filter((key) => !has(translation, key) && !has(group, key));
  if (missing.length === 0) return;
  const extra = [...translation.strong].filter((key) => !has(english, key));
  const found = extra.length > 0 ? `; it has ${extra.map(shown).join(', ')}` : '';
  r.add('number-mismatch', span(pair.target), pair.source, { missing: [...new Set(missing)].map(shown).join(', '), found });
}

/** Acronyms of the English missing from the translation (link, then block group), for languages that keep them verbatim. */
function checkAcronyms(pair: Pair, r: Reporter): void {
  if (!keepsAcronyms(r.alignment.target.lang)) return;
  const present = new Set([...acronymsOf(text(pair.target)), ...acronymsOf(text(pair.targetGroup))]);
  const missing = [...acronymsOf(text(pair.source))].filter((a) => !present.has(a));
  if (missing.length > 0) r.add('acronym-missing', span(pair.target), pair.source, { acronym: missing.join(', ') });
}

/** Untranslated sentences: identical to the English, or English words in a Chinese translation. */
function checkUntranslated(pair: Pair, r: Reporter): void {
  const why = untranslated(text(pair.source), text(pair.target), scriptOf(r.alignment.target.lang) === 'cjk');
  if (why) r.add('untranslated-segment', span(pair.target), pair.source, { text: short(text(pair.target)), detail: why });
}

/** Half-width punctuation and English words left in a Chinese translation, one finding each. */
function checkChinese(segment: Segment, english: readonly Segment[], r: Reporter): void {
  const prose = proseOf(segment.text, segment.inline, segment.start);
  for (const finding of halfwidth(prose)) {
    const offset = segment.start + finding.offset;
    r.add('halfwidth-punctuation', { start: r.point(offset), end: r.point(offset + 1) }, english, { found: finding.detail, expected: fullWidth(finding.detail) });
  }
  for (const finding of strayWords(prose)) {
    const offset = segment.start + finding.offset;
    const place = { start: r.point(offset), end: r.point(offset + finding.detail.length) };
    r.add('untranslated-segment', place, english, { text: finding.detail, detail: 'is an English word in Chinese text' });
  }
}

/** Inline markup counted by kind, the way readers see it (a reference link is a link). */
function markupCounts(segments: readonly Segment[]): Map<string, number> {
  const names: Partial<Record<InlineKind, string>> = {
    link: 'links', linkReference: 'links', emphasis: 'emphasis', strong: 'strong emphasis', inlineCode: 'inline code',
    image: 'images', imageReference: 'images', footnoteReference: 'footnote references',
  };
  const counts = new Map<string, number>();
  for (const mark of segments.flatMap((s) => s.inline)) {
    const name = names[mark.kind];
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** Per aligned block group: inline markup, link targets, brackets and quotes. */
function checkGroup(source: readonly Segment[], target: readonly Segment[], r: Reporter): void {
  if (source.length === 0 || target.length === 0) return;
  const place = span(target);
  const english = markupCounts(source);
  const translation = markupCounts(target);
  for (const kind of new Set([...english.keys(), ...translation.keys()])) {
    const expected = english.get(kind) ?? 0;
    const found = translation.get(kind) ?? 0;
    if (expected !== found) r.add('markup-mismatch', place, source, { expected, kind, found });
  }
  const sourceUrls = urlsOf(text(source), source.flatMap((s) => s.inline));
  const targetUrls = urlsOf(text(target), target.flatMap((s) => s.inline));
  for (const url of sourceUrls) if (!targetUrls.has(url)) r.add('link-mismatch', place, source, { url, detail: 'of the English is missing from the translation' });
  for (const url of targetUrls) if (!sourceUrls.has(url)) r.add('link-mismatch', place, source, { url, detail: 'is not in the English' });
  checkBalance(source, target, r);
}

/** Unbalanced brackets and quotes of a translated block, unless the English block is unbalanced too (then the imbalance is inherited). */
function checkBalance(source: readonly Segment[], target: readonly Segment[], r: Reporter): void {
  const doc = r.alignment.target;
  const blocks = [...new Set(target.map((s) => s.blockIndex))].map((b) => doc.blocks[b]!);
  const englishBalanced = [...new Set(source.map((s) => s.blockIndex))].every((b) => {
    const block = r.alignment.source.blocks[b]!;
    return unbalanced(proseOf(r.alignment.source.value.slice(block.start, block.end), block.inline, block.start)).length === 0;
  });
  if (!englishBalanced) return;
  for (const block of blocks) {
    for (const finding of unbalanced(proseOf(doc.value.slice(block.start, block.end), block.inline, block.start))) {
      const offset = block.start + finding.offset;
      r.add('unbalanced-pair', { start: r.point(offset), end: r.point(offset + 1) }, source, { detail: finding.detail });
    }
  }
}

/** Run every QA check on one alignment; findings go to the translation's vfile. */
export function checkAlignment(alignment: Alignment, options: Options = {}): void {
  const r = new Reporter(alignment, options.failOn);
  const pairs = pairsOf(alignment);
  const cjk = scriptOf(alignment.target.lang) === 'cjk' && alignment.target.lang.startsWith('zh');
  pairs.forEach((pair, index) => {
    checkUnaligned(pair, index, pairs, r);
    if (pair.source.length > 0 && pair.target.length > 0) {
      checkNumbers(pair, r);
      checkAcronyms(pair, r);
      checkUntranslated(pair, r);
    }
    if (cjk) for (const segment of pair.target) checkChinese(segment, pair.source, r);
  });
  for (const blockLink of alignment.blocks) {
    const source = blockLink.source.flatMap((b) => alignment.source.blocks[b]!.segments);
    const target = blockLink.target.flatMap((b) => alignment.target.blocks[b]!.segments);
    checkGroup(source, target, r);
  }
}

/** Whether a document can be aligned (it was read and parsed). */
const readable = (doc: Doc | undefined): doc is Doc => doc !== undefined && doc.tree !== undefined;

/** The QA check of `bitext check`: every translation asked for, aligned with its source. */
export const qaCheck: Check = {
  id: 'qa',
  description: 'numbers, links, acronyms, markup, untranslated and unaligned sentences, brackets and punctuation of each translation against its English',
  run(corpus, options) {
    const asked = new Set(corpus.docs);
    for (const meeting of corpus.meetings) {
      if (!readable(meeting.source)) continue;
      for (const target of meeting.translations) if (asked.has(target) && readable(target)) checkAlignment(align(meeting.source, target), { failOn: options.failOn });
    }
  },
};

