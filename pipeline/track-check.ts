/**
 * The checks of the track stage: stale and missing segments of every
 * translation against the history of its en.md, and segments pre-filled
 * from fuzzy translation-memory matches that await review.
 */
import { align } from './align.js';
import type { Check, CheckOptions } from './checks.js';
import { report, type RuleId, type Severity } from './rules.js';
import { blobHash } from './track-git.js';
import { nearestTargetBlock, trackDetails, type TrackDetails } from './track.js';
import type { Doc, Meeting, Segment } from './types.js';

/** Rule groups `--fail-on` accepts besides rule ids. */
const GROUPS: Record<string, readonly RuleId[]> = { stale: ['stale-segment', 'stale-removed', 'missing-translation', 'source-outdated'] };

/** The severity a warning of `rule` gets under `--fail-on`. */
function severityFor(rule: RuleId, failOn: ReadonlySet<string>): Severity | undefined {
  if (failOn.has(rule)) return 'error';
  for (const [group, members] of Object.entries(GROUPS)) if (failOn.has(group) && members.includes(rule)) return 'error';
  return undefined;
}

/** A text shortened for a one-line message. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The differing middle of two texts with a few words of context, so a one-line message shows what changed. */
export function changedSpan(before: string, after: string, context = 24): [string, string] {
  const a = before.replace(/\s+/gu, ' ').trim();
  const b = after.replace(/\s+/gu, ' ').trim();
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const cut = (text: string): string => {
    const from = head > context ? text.lastIndexOf(' ', head - context) + 1 : 0;
    const end = text.length - tail;
    const stop = tail > context ? text.indexOf(' ', end + context) : -1;
    return `${from > 0 ? '…' : ''}${excerpt(text.slice(from, stop === -1 ? text.length : stop), 120)}${stop === -1 ? '' : '…'}`;
  };
  return [cut(a), cut(b)];
}

/** Translations of the corpus that can be tracked: with an English source and valid front matter. */
function trackable(meetings: readonly Meeting[], docs: readonly Doc[]): { meeting: Meeting; doc: Doc }[] {
  const wanted = new Set(docs);
  return meetings.flatMap((meeting) =>
    meeting.source ? meeting.translations.filter((doc) => wanted.has(doc) && doc.frontMatter).map((doc) => ({ meeting, doc })) : [],
  );
}

function reportDetails(meeting: Meeting, doc: Doc, details: TrackDetails, failOn: ReadonlySet<string>): void {
  const source = meeting.source!;
  const { staleness, problem } = details;
  const commit = (staleness.sourceCommit ?? '').slice(0, 10);
  const severity = (rule: RuleId): { severity?: Severity } => {
    const s = severityFor(rule, failOn);
    return s ? { severity: s } : {};
  };
  const span = (segments: readonly Segment[]) => ({ start: segments[0]!.position.start, end: segments.at(-1)!.position.end });
  if (problem?.rule === 'no-source-commit') report(doc.file, 'no-source-commit', { place: { line: 1, column: 1, offset: 0 } });
  else if (problem) {
    const fallback = staleness.mode === 'hash' ? 'compared the whole English by `source_hash` instead' : 'staleness is unknown (no `source_hash` to compare)';
    report(doc.file, 'no-source-history', { params: { reason: problem.reason, fallback }, place: { line: 1, column: 1, offset: 0 } });
  }
  if (staleness.mode === 'hash' && staleness.outdated) {
    report(doc.file, 'source-outdated', { params: { expected: String(doc.frontMatter?.source_hash).slice(0, 10), found: blobHash(source.value).slice(0, 10) }, place: { line: 1, column: 1, offset: 0 }, ...severity('source-outdated') });
  }
  for (const stale of staleness.stale) {
    if (stale.sourceAfter) {
      const [before, after] = changedSpan(stale.before, stale.after);
      report(doc.file, 'stale-segment', {
        params: { commit, before, after },
        place: span(stale.target),
        related: { file: source.file.path, place: stale.sourceAfter.position, note: 'current English' },
        ...severity('stale-segment'),
      });
    } else {
      report(doc.file, 'stale-removed', { params: { commit, before: excerpt(stale.before) }, place: span(stale.target), ...severity('stale-removed') });
    }
  }
  for (const missing of staleness.missing) {
    const block = doc.blocks[nearestTargetBlock(details, missing, doc) ?? -1];
    report(doc.file, 'missing-translation', {
      params: { commit, text: excerpt(missing.text) },
      place: block ? block.position : { line: 1, column: 1, offset: 0 },
      related: { file: source.file.path, place: missing.position, note: 'English to translate' },
      ...severity('missing-translation'),
    });
  }
}

/** Stale segments, missing translations and the reason when the history of en.md is unavailable. */
export const trackCheck: Check = {
  id: 'track',
  description: 'translated segments whose English changed since `source_commit`, and English added since',
  async run(corpus, options: CheckOptions) {
    for (const { meeting, doc } of trackable(corpus.meetings, corpus.docs)) {
      reportDetails(meeting, doc, await trackDetails(meeting, doc, { cwd: options.cwd }), options.failOn);
    }
  },
};

/** Segments pre-filled from fuzzy translation-memory matches (front matter `fuzzy`) that are still as pre-filled. */
export const fuzzyCheck: Check = {
  id: 'fuzzy-match',
  description: 'segments pre-filled by `bitext new` from a fuzzy translation-memory match, not yet reviewed',
  run(corpus, options: CheckOptions) {
    for (const { meeting, doc } of trackable(corpus.meetings, corpus.docs)) {
      const ids = new Set(doc.frontMatter?.fuzzy ?? []);
      if (ids.size === 0) continue;
      const alignment = align(meeting.source!, doc);
      const englishOf = new Map<number, string>();
      for (const link of alignment.links) {
        const english = link.source.map((i) => meeting.source!.segments[i]!.text).join(' ');
        for (const t of link.target) englishOf.set(t, english);
      }
      for (const s of doc.segments) {
        if (!ids.has(s.id)) continue;
        const rule = severityFor('fuzzy-match', options.failOn);
        report(doc.file, 'fuzzy-match', { params: { english: excerpt(englishOf.get(s.index) ?? '') }, place: s.position, ...(rule ? { severity: rule } : {}) });
      }
    }
  },
};
