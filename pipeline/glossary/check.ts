/**
 * Glossary stage: every translation against the termbase. A forbidden
 * variant anywhere is an error; a term of an English sentence must come back
 * in the aligned translation as an approved rendering or the kept acronym;
 * where the English introduces an acronym after its full name, the
 * translation does too. Findings name both files.
 */
import { location } from 'vfile-location';
import { align } from '../align.js';
import { scriptOf } from '../languages.js';
import { report, type Related } from '../rules.js';
import type { Alignment, Doc, Meeting, Range as Position } from '../types.js';
import type { Check } from '../checks.js';
import { expectedForms, hasBoundarySpace, segmentHits, spacings, TermIndex, type Hit } from './forms.js';
import { leftmostLongest } from './matcher.js';
import { openTermbase, type Entry } from './termbase.js';

/**
 * Glossary renderings as alignment anchors: English term or expansion → approved renderings in `lang`,
 * only for the entries the English source uses (found in one pass), so a large termbase costs the aligner nothing.
 */
export function alignmentAnchors(source: Doc, index: TermIndex, lang: string): Map<string, string[]> {
  const used = new Set(index.english.findAll(source.value).map((hit) => hit.pattern.data.entry));
  const anchors = new Map<string, string[]>();
  for (const entry of used) {
    const approved = entry.langs[lang as keyof Entry['langs']]?.approved;
    if (!approved) continue;
    for (const key of [entry.expansion, ...(entry.expansion === undefined ? [entry.term] : [])]) if (key) anchors.set(key, approved);
  }
  return anchors;
}

/** Align every translation of a meeting, with the termbase as extra anchors. */
export function alignWithTerms(meeting: Meeting, index: TermIndex): Alignment[] {
  const source = meeting.source;
  if (!source?.tree) return [];
  return meeting.translations.filter((t) => t.tree).map((target) => align(source, target, { anchors: alignmentAnchors(source, index, target.lang) }));
}

/** Check every translation of `meeting` (or only those in `only`) and add the findings to their vfiles. */
export function checkMeeting(meeting: Meeting, index: TermIndex, only?: ReadonlySet<Doc>): void {
  if (index.termbase.entries.length === 0) return;
  const alignments = alignWithTerms(meeting, index).filter((a) => !only || only.has(a.target));
  checkAlignments(alignments, index);
  // A translation that could not be aligned (no English source, or an unreadable one) still gets its forbidden variants reported.
  const aligned = new Set(alignments.map((a) => a.target));
  for (const doc of meeting.translations) {
    if (doc.tree && !aligned.has(doc) && (!only || only.has(doc))) checkForbidden(doc, index, () => undefined);
  }
}

/** Check aligned translations of one English source against the termbase (the English is scanned once for all). */
export function checkAlignments(alignments: readonly Alignment[], index: TermIndex): void {
  if (alignments.length === 0) return;
  const english = segmentHits(alignments[0]!.source.segments, index.english).map(leftmostLongest);
  for (const alignment of alignments) checkTranslation(alignment, english, index);
}

/** Places of a document by offset. */
function placer(doc: Doc): (start: number, end: number) => Position {
  const place = location(doc.value);
  return (start, end) => ({ start: { ...place.toPoint(start)!, offset: start }, end: { ...place.toPoint(end)!, offset: end } });
}

function checkTranslation(alignment: Alignment, english: readonly Hit[][], index: TermIndex): void {
  const { source, target } = alignment;
  const all = index.target(target.lang).findAll(target.value);
  const targetHits = bySegment(target.segments, all);
  const sourcePlace = placer(source);
  const related = (hit: Hit | undefined, segment: number | undefined): Related | undefined => {
    if (hit) return { file: source.file.path, place: sourcePlace(hit.start, hit.end), note: `English \`${hit.text}\`` };
    const s = segment === undefined ? undefined : source.segments[segment];
    return s ? { file: source.file.path, place: s.position, note: 'English source' } : undefined;
  };
  const linkOfTarget = new Map<number, number[]>();
  for (const link of alignment.links) for (const t of link.target) linkOfTarget.set(t, link.source);
  checkForbidden(target, index, (offset, entry) => {
    const segment = target.segments.find((s) => s.start <= offset && offset < s.end);
    const sources = segment ? (linkOfTarget.get(segment.index) ?? []) : [];
    const hit = sources.flatMap((i) => english[i] ?? []).find((h) => h.pattern.data.entry === entry);
    return related(hit, sources[0]);
  }, all);
  const targetPlace = placer(target);
  for (const link of alignment.links) {
    if (link.source.length === 0 || link.target.length === 0) continue;
    const sourceHits = link.source.flatMap((i) => english[i] ?? []);
    const hits = link.target.flatMap((i) => targetHits[i] ?? []);
    const first = target.segments[link.target[0]!]!;
    const last = target.segments[link.target[link.target.length - 1]!]!;
    const where = targetPlace(first.start, last.end);
    const seen = new Set<Entry>();
    for (const hit of sourceHits) {
      const entry = hit.pattern.data.entry;
      if (seen.has(entry)) continue;
      seen.add(entry);
      const mine = hits.filter((h) => h.pattern.data.entry === entry);
      const expected = expectedForms(entry, target.lang);
      if (expected.length === 0 || mine.length > 0) continue; // nothing to require, or valid / already reported as forbidden
      report(target.file, 'glossary-missing-term', {
        params: { english: hit.text, term: entry.term, expected: expected.map((f) => `\`${f}\``).join(' or ') },
        place: where,
        ...withRelated(related(hit, undefined)),
      });
    }
  }
  checkFirstUse(alignment, english, targetHits, related, targetPlace);
}

const withRelated = (related: Related | undefined): { related?: Related } => (related ? { related } : {});

/** Report every forbidden variant of the file (leftmost-longest, so a longer approved form shadows a forbidden one inside it). */
function checkForbidden(
  doc: Doc,
  index: TermIndex,
  relatedOf: (offset: number, entry: Entry) => Related | undefined,
  all = index.target(doc.lang).findAll(doc.value),
): void {
  const at = placer(doc);
  for (const hit of forbiddenOf(all)) {
    const { entry, forbidden } = hit.pattern.data;
    report(doc.file, 'glossary-forbidden-variant', {
      params: { found: hit.text, expected: replacementOf(hit, doc.lang) ?? entry.term, term: entry.term, reason: forbidden?.reason ?? '' },
      place: at(hit.start, hit.end),
      ...withRelated(relatedOf(hit.start, entry)),
    });
  }
}

/** Forbidden variants of a translation, as a reader sees them (not inside a longer approved form). */
export function forbiddenHits(doc: Doc, index: TermIndex): Hit[] {
  return forbiddenOf(index.target(doc.lang).findAll(doc.value));
}

const forbiddenOf = (all: readonly Hit[]): Hit[] => leftmostLongest(all).filter((hit) => hit.pattern.data.kind === 'forbidden');

/** Hits of a whole file grouped by the segment they lie in (one scan of the file serves both checks). */
function bySegment(segments: readonly { start: number; end: number }[], hits: readonly Hit[]): Hit[][] {
  const out: Hit[][] = segments.map(() => []);
  let k = 0;
  for (const hit of hits) {
    while (k < segments.length && segments[k]!.end <= hit.start) k++;
    const segment = segments[k];
    if (segment && hit.start >= segment.start && hit.end <= segment.end) out[k]!.push(hit);
  }
  return out;
}

/** The approved form that replaces a forbidden hit: its `use`, else the entry's preferred form. */
export function replacementOf(hit: Hit, lang: string): string | undefined {
  const { entry, forbidden } = hit.pattern.data;
  const replacement = forbidden?.use ?? entry.langs[lang as keyof Entry['langs']]?.approved[0];
  if (replacement === undefined || scriptOf(lang) !== 'cjk') return replacement;
  // Keep the translator's spacing between Chinese and Latin letters (国家和地区 IGF 倡议 → 国家和区域 IGF 倡议).
  const variants = spacings(replacement);
  return hasBoundarySpace(hit.text) ? variants[variants.length - 1] : variants[0];
}

const ACRONYM_AFTER = /^\s*[（(]\s*([^()（）]+?)\s*[）)]/u;

/** Where the English first writes "Full Name (ACR)", the aligned translation writes its full name followed by the acronym. */
function checkFirstUse(
  alignment: Alignment,
  english: readonly Hit[][],
  targetHits: readonly Hit[][],
  related: (hit: Hit | undefined, segment: number | undefined) => Related | undefined,
  targetPlace: (start: number, end: number) => Position,
): void {
  const { source, target } = alignment;
  const introduced = new Set<Entry>();
  for (const link of alignment.links) {
    for (const hit of link.source.flatMap((i) => english[i] ?? [])) {
      const entry = hit.pattern.data.entry;
      if (!entry.acronym_after_full_name_on_first_use || introduced.has(entry) || hit.pattern.data.kind === 'term') continue;
      const after = ACRONYM_AFTER.exec(source.value.slice(hit.end, hit.end + 40));
      if (!after || after[1] !== entry.term) continue;
      introduced.add(entry);
      if (link.target.length === 0) continue;
      const hits = link.target.flatMap((i) => targetHits[i] ?? []).filter((h) => h.pattern.data.entry === entry);
      if (hits.some((h) => h.pattern.data.kind === 'forbidden')) continue; // reported as forbidden already
      const ok = hits.some((h) => h.pattern.data.kind === 'approved' && ACRONYM_AFTER.exec(target.value.slice(h.end, h.end + 40))?.[1] === entry.term);
      if (ok) continue;
      const preferred = entry.langs[target.lang as keyof Entry['langs']]?.approved[0];
      if (preferred === undefined) continue;
      const first = target.segments[link.target[0]!]!;
      const last = target.segments[link.target[link.target.length - 1]!]!;
      report(target.file, 'glossary-first-use', {
        params: { term: entry.term, expected: target.lang.startsWith('zh') ? `${preferred}（${entry.term}）` : `${preferred} (${entry.term})` },
        place: targetPlace(first.start, last.end),
        ...withRelated(related(hit, undefined)),
      });
    }
  }
}

const WARNINGS = ['glossary-missing-term', 'glossary-first-use'];

/** `bitext check`: the glossary rules over every translation asked for. */
export const glossaryCheck: Check = {
  id: 'glossary',
  description: 'forbidden variants, missing terms and first use of acronyms against the termbase',
  async run(corpus, options) {
    const index = new TermIndex(await openTermbase(options.cwd, options.glossaryDir));
    const wanted = new Set(corpus.docs);
    for (const meeting of corpus.meetings) checkMeeting(meeting, index, wanted);
    // `--fail-on glossary` (or a rule id) makes the glossary warnings errors.
    const escalated = new Set(WARNINGS.filter((rule) => options.failOn.has(rule) || options.failOn.has('glossary')));
    for (const doc of corpus.docs) for (const m of doc.file.messages) if (m.ruleId && escalated.has(m.ruleId)) m.fatal = true;
  },
};
