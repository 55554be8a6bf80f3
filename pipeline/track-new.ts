/**
 * Starting a translation (`bitext new`): a copy of en.md whose segments are
 * replaced, range by range, with translation-memory matches, so headings,
 * lists, tables, links and footnotes keep the English structure exactly.
 * Exact matches are filled; fuzzy ones are filled and listed in the front
 * matter `fuzzy` for review (the `fuzzy-match` check reports them until the
 * text is edited or its id removed); the rest stays English, reported as
 * untranslated.
 */
import path from 'node:path';
import { Document, isScalar, Scalar } from 'yaml';
import { applyEdits, type Edit } from './edits.js';
import { scriptOf } from './languages.js';
import { parse } from './parse.js';
import { segment } from './segment.js';
import { FUZZY_THRESHOLD, linkText, type Memory } from './tm.js';
import { blobHash, isDirty, lastCommit, repoFile, showAt } from './track-git.js';
import type { Doc, Meeting, Segment } from './types.js';

/** A segment of the new file pre-filled from memory. */
export interface Prefill {
  /** Ids of the new file's segments holding the match. */
  ids: string[];
  line: number;
  similarity: number;
  english: string;
  /** Meeting the match comes from. */
  from: string;
}

/** The draft of a new translation, before it is written. */
export interface Draft {
  path: string;
  lang: string;
  content: string;
  sourceCommit: string | undefined;
  /** English segments. */
  segments: number;
  exact: Prefill[];
  fuzzy: Prefill[];
  /** English segments left in English. */
  untranslated: { line: number; text: string }[];
  /** Things the translator should know (e.g. en.md not committed: no `source_commit`). */
  notes: string[];
}

export interface Options {
  cwd: string;
  /** Least similarity of a fuzzy match; default 0.75. */
  threshold?: number;
}

interface Fill {
  edit: Edit;
  segments: Segment[];
  similarity: number;
  english: string;
  from: string;
}

/** Memory matches for the English segments, block by block: two-sentence units first (a 2–1 link of another meeting), then single sentences. */
function fills(source: Doc, memory: Memory, threshold: number, cjk: boolean): Fill[] {
  const out: Fill[] = [];
  for (const block of source.blocks) {
    const segments = block.segments;
    let previous: Fill | undefined;
    for (let k = 0; k < segments.length; ) {
      const pair = segments.slice(k, k + 2);
      const pairEntry = pair.length === 2 ? memory.exact(linkText(source, pair.map((s) => s.index))) : undefined;
      const unit = pairEntry ? pair : [segments[k]!];
      const match = pairEntry ? { entry: pairEntry, similarity: 1 } : memory.lookup(unit[0]!.text, threshold);
      const first = unit[0]!;
      const last = unit.at(-1)!;
      if (match) {
        // CJK writes no space between sentences: drop the English space between two filled ones.
        const gap = source.value.slice(previous?.edit.end ?? first.start, first.start);
        const start = cjk && previous && previous.edit.end !== first.start && /^[ \t]+$/.test(gap) ? previous.edit.end : first.start;
        const fill: Fill = { edit: { start, end: last.end, text: match.entry.target }, segments: unit, similarity: match.similarity, english: linkText(source, unit.map((s) => s.index)), from: match.entry.slug };
        out.push(fill);
        previous = fill;
      } else previous = undefined;
      k += unit.length;
    }
  }
  return out;
}

/** YAML of the new front matter, in the style of content/README.md (quoted strings, plain enums, flow lists when empty). */
function frontMatterYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  for (const key of ['kind', 'status']) {
    const node = doc.get(key, true);
    if (isScalar(node)) node.type = Scalar.PLAIN;
  }
  return `---\n${doc.toString({ defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0, flowCollectionPadding: false })}---\n`;
}

/** Draft `content/<slug>/<lang>.md` from en.md and the translation memory (nothing is written). */
export async function draftTranslation(meeting: Meeting, lang: string, memory: Memory, options: Options): Promise<Draft> {
  const source = meeting.source;
  if (!source?.frontMatter) throw new Error(`${path.join(meeting.dir, 'en.md')}: missing or invalid; run \`bitext check\` first`);
  const notes: string[] = [];
  const repo = await repoFile(path.resolve(options.cwd, source.file.path));
  let sourceCommit: string | undefined;
  let sourceHash: string | undefined;
  if (!repo) notes.push('not a git repository: no `source_commit` recorded, so staleness cannot be tracked');
  else if (await isDirty(repo.top, repo.path)) notes.push(`${source.file.path} has uncommitted changes: no \`source_commit\` recorded; commit it, then run \`bitext bump\` to record its commit`);
  else {
    sourceCommit = await lastCommit(repo.top, repo.path);
    const bytes = sourceCommit ? await showAt(repo.top, sourceCommit, repo.path) : undefined;
    sourceHash = bytes ? blobHash(Buffer.from(bytes).toString('utf8')) : undefined;
  }
  const planned = fills(source, memory, options.threshold ?? FUZZY_THRESHOLD, scriptOf(lang) === 'cjk');
  const { output } = applyEdits(source.value, planned.map((f) => f.edit));
  const body = output.slice(source.bodyStart);
  const fm = source.frontMatter;
  const title = memory.exact(fm.title)?.target ?? fm.title;
  const data = (fuzzy: string[]): Record<string, unknown> => ({
    title,
    date: fm.date,
    meeting: fm.meeting,
    kind: fm.kind,
    ...(sourceCommit ? { source_commit: sourceCommit } : {}),
    ...(sourceHash ? { source_hash: sourceHash } : {}),
    translators: [],
    reviewers: [],
    status: 'draft',
    ...(planned.length > 0 ? { machine_prefilled: true } : {}),
    ...(fuzzy.length > 0 ? { fuzzy } : {}),
  });
  const shown = path.join(meeting.dir, `${lang}.md`);
  // Segment ids are hashes of text, so the ids found with a provisional front matter hold in the final file.
  const head = frontMatterYaml(data([]));
  const draft = segment(parse(Buffer.from(head + body, 'utf8'), { path: shown, slug: meeting.slug, lang }));
  const shift = head.length - source.bodyStart;
  const prefills = newRanges(planned).map(({ fill, start, end }): Prefill & { exactMatch: boolean } => {
    const inside = draft.segments.filter((s) => s.start >= start + shift && s.end <= end + shift);
    return { ids: inside.map((s) => s.id), line: inside[0]?.position.start.line ?? 1, similarity: round(fill.similarity), english: fill.english, from: fill.from, exactMatch: fill.similarity === 1 };
  });
  const strip = ({ exactMatch: _, ...p }: Prefill & { exactMatch: boolean }): Prefill => p;
  const exact = prefills.filter((p) => p.exactMatch).map(strip);
  const fuzzy = prefills.filter((p) => !p.exactMatch).map(strip);
  const filled = new Set(planned.flatMap((f) => f.segments));
  const untranslated = source.segments.filter((s) => !filled.has(s)).map((s) => ({ line: 0, text: s.text }));
  const content = frontMatterYaml(data(fuzzy.flatMap((p) => p.ids))) + body;
  const final = segment(parse(Buffer.from(content, 'utf8'), { path: shown, slug: meeting.slug, lang }));
  const lineOf = new Map(final.segments.map((s) => [s.id, s.position.start.line]));
  for (const p of [...exact, ...fuzzy]) p.line = lineOf.get(p.ids[0] ?? '') ?? p.line;
  const englishLine = englishLines(final, source);
  for (const u of untranslated) u.line = englishLine.get(u.text) ?? u.line;
  return { path: shown, lang, content, sourceCommit, segments: source.segments.length, exact, fuzzy, untranslated, notes };
}

/** Where each planned edit's text lies in the output, in the original's offsets shifted by the edits before it. */
function newRanges(planned: readonly Fill[]): { fill: Fill; start: number; end: number }[] {
  let shift = 0;
  return [...planned]
    .sort((a, b) => a.edit.start - b.edit.start)
    .map((fill) => {
      const start = fill.edit.start + shift;
      shift += fill.edit.text.length - (fill.edit.end - fill.edit.start);
      return { fill, start, end: start + fill.edit.text.length };
    });
}

/** Lines of the English segments left as they were in the new file. */
function englishLines(draft: Doc, source: Doc): Map<string, number> {
  const english = new Set(source.segments.map((s) => s.text));
  const lines = new Map<string, number>();
  for (const s of draft.segments) if (english.has(s.text) && !lines.has(s.text)) lines.set(s.text, s.position.start.line);
  return lines;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
