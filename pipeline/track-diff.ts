/**
 * What changed in the English of each stale segment, as a word diff beside
 * the current translation and the place to edit (`bitext diff`): text (with
 * colour on a terminal), Markdown, HTML or JSON.
 */
import { diffChars, diffWordsWithSpace } from 'diff';
import { isCjkText } from './source-diff.js';
import { nearestTargetBlock, type TrackDetails } from './track.js';
import type { Doc, Meeting } from './types.js';

/** One part of a word diff. */
export interface WordChange {
  value: string;
  added: boolean;
  removed: boolean;
}

/** A place in a file. */
export interface Place {
  path: string;
  line: number;
  column: number;
}

/** A stale passage of the translation. */
export interface DiffItem {
  /** `changed`: the English was edited; `removed`: it was deleted (delete the translation). */
  kind: 'changed' | 'removed';
  /** Where the translation to edit is. */
  at: Place;
  /** The current translation. */
  target: string;
  before: string;
  after: string;
  /** The current English, when it still exists. */
  english: Place | null;
  /** Word diff of `before` → `after` (by character for CJK text). */
  changes: WordChange[];
}

/** An English segment with no translation. */
export interface MissingItem {
  text: string;
  english: Place;
  /** The translation's block nearest to where it belongs. */
  near: Place | null;
}

/** The JSON shape of `bitext diff --format json`. */
export interface DiffReport {
  slug: string;
  lang: string;
  path: string;
  source: string;
  mode: 'git' | 'hash' | 'none';
  sourceCommit: string | null;
  /** Whether the English changed since `source_commit` at all. */
  outdated: boolean;
  stale: DiffItem[];
  missing: MissingItem[];
  /** English segments that only moved (not stale). */
  moved: number;
  note: string | null;
}

export type Format = 'text' | 'md' | 'html' | 'json';

/** Word diff of two English texts; by character when they are CJK (no spaces between words). */
export function wordDiff(before: string, after: string): WordChange[] {
  const parts = isCjkText(before) || isCjkText(after) ? diffChars(before, after) : diffWordsWithSpace(before, after);
  return readable(parts.map((p) => ({ value: p.value, added: p.added, removed: p.removed })));
}

type Group = { common: string } | { removed: string; added: string };

/**
 * Merge an edit, a short equality and an edit into one edit when the equality
 * is blank or no longer than the edits around it (the semantic cleanup of
 * diff-match-patch, which jsdiff lacks): "sessions{+,+} [-other-]{+including+}
 * [-than -]" reads better as "sessions[- other than -]{+, including +}".
 */
function readable(parts: readonly WordChange[]): WordChange[] {
  const groups: Group[] = [];
  for (const part of parts) {
    const last = groups.at(-1);
    if (!part.added && !part.removed) groups.push({ common: part.value });
    else if (last && !('common' in last)) last[part.removed ? 'removed' : 'added'] += part.value;
    else groups.push({ removed: part.removed ? part.value : '', added: part.added ? part.value : '' });
  }
  const size = (g: { removed: string; added: string }): number => Math.max(g.removed.length, g.added.length);
  for (let i = 1; i < groups.length - 1; i++) {
    const [prev, cur, next] = [groups[i - 1]!, groups[i]!, groups[i + 1]!];
    if (!('common' in cur) || 'common' in prev || 'common' in next) continue;
    if (cur.common.trim() !== '' && (cur.common.length > size(prev) || cur.common.length > size(next))) continue;
    groups.splice(i - 1, 3, { removed: prev.removed + cur.common + next.removed, added: prev.added + cur.common + next.added });
    i = Math.max(0, i - 2);
  }
  return groups.flatMap((g): WordChange[] =>
    'common' in g
      ? [{ value: g.common, added: false, removed: false }]
      : [
          ...(g.removed ? [{ value: g.removed, added: false, removed: true }] : []),
          ...(g.added ? [{ value: g.added, added: true, removed: false }] : []),
        ],
  );
}

/** The diff report of a translation from its tracking details. */
export function diffReport(meeting: Meeting, target: Doc, details: TrackDetails): DiffReport {
  const source = meeting.source!;
  const { staleness, problem } = details;
  const place = (doc: Doc, point: { line: number; column: number }): Place => ({ path: doc.file.path, line: point.line, column: point.column });
  const stale = staleness.stale.map(
    (s): DiffItem => ({
      kind: s.sourceAfter ? 'changed' : 'removed',
      at: place(target, s.target[0]!.position.start),
      target: target.value.slice(s.target[0]!.start, s.target.at(-1)!.end),
      before: s.before,
      after: s.after,
      english: s.sourceAfter ? place(source, s.sourceAfter.position.start) : null,
      changes: wordDiff(s.before, s.after),
    }),
  );
  const missing = staleness.missing.map((s): MissingItem => {
    const block = target.blocks[nearestTargetBlock(details, s, target) ?? -1];
    return { text: s.text, english: place(source, s.position.start), near: block ? place(target, block.position.start) : null };
  });
  return {
    slug: meeting.slug,
    lang: target.lang,
    path: target.file.path,
    source: source.file.path,
    mode: staleness.mode,
    sourceCommit: staleness.sourceCommit ?? null,
    outdated: staleness.outdated,
    stale,
    missing,
    moved: details.changes.filter((c) => c.kind === 'moved').length,
    note: problem ? `${problem.rule}: ${problem.reason}` : null,
  };
}

const at = (p: Place): string => `${p.path}:${p.line}:${p.column}`;
const flat = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

function headline(report: DiffReport): string {
  const since = report.sourceCommit ? ` since ${report.sourceCommit.slice(0, 10)}` : '';
  const moved = report.moved > 0 ? `, ${report.moved} moved (still current)` : '';
  return `${report.path}: ${report.stale.length} stale, ${report.missing.length} missing${moved}${since} (English: ${report.source})`;
}

function renderText(report: DiffReport, color: boolean): string {
  const paint = (c: WordChange): string => {
    const value = flat(c.value);
    if (color) return c.removed ? `\x1b[31;9m${value}\x1b[0m` : c.added ? `\x1b[32;4m${value}\x1b[0m` : value;
    return c.removed ? `[-${value}-]` : c.added ? `{+${value}+}` : value;
  };
  const out = [headline(report)];
  if (report.note) out.push(`note: ${report.note}`);
  if (report.mode === 'hash' && report.outdated) out.push('The English changed since the translation, but without its history the changed segments cannot be shown.');
  for (const item of report.stale) {
    out.push('', `${at(item.at)}  ${item.kind === 'changed' ? 'stale' : 'English deleted: delete this translation'}`);
    out.push(`  English:     ${item.changes.map(paint).join('')}${item.english ? `  (${at(item.english)})` : ''}`);
    out.push(`  translation: ${flat(item.target)}`);
  }
  for (const item of report.missing) {
    out.push('', `${item.near ? at(item.near) : report.path}  missing: translate near here`);
    out.push(`  English:     ${flat(item.text)}  (${at(item.english)})`);
  }
  return `${out.join('\n')}\n`;
}

function renderMarkdown(report: DiffReport): string {
  const mark = (c: WordChange): string => {
    const value = flat(c.value);
    if (!value.trim()) return value;
    const pad = (s: string, inner: string): string => `${/^\s/.test(s) ? ' ' : ''}${inner}${/\s$/.test(s) ? ' ' : ''}`;
    return c.removed ? pad(value, `~~${value.trim()}~~`) : c.added ? pad(value, `**${value.trim()}**`) : value;
  };
  const out = [`# Changes of the English: \`${report.path}\``, '', headline(report).replace(`${report.path}: `, '')];
  if (report.note) out.push('', `Note: ${report.note}`);
  for (const item of report.stale) {
    out.push('', `## \`${at(item.at)}\`${item.kind === 'removed' ? ' (English deleted)' : ''}`, '');
    out.push(`- English: ${item.changes.map(mark).join('')}`, `- Translation: ${flat(item.target)}`);
  }
  if (report.missing.length > 0) {
    out.push('', '## Missing translations', '');
    for (const item of report.missing) out.push(`- \`${item.near ? at(item.near) : report.path}\`: ${flat(item.text)}`);
  }
  return `${out.join('\n')}\n`;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function renderHtml(report: DiffReport): string {
  const cell = (c: WordChange): string => (c.removed ? `<del>${escapeHtml(c.value)}</del>` : c.added ? `<ins>${escapeHtml(c.value)}</ins>` : escapeHtml(c.value));
  const rows = report.stale.map(
    (item) =>
      `<tr><td><code>${escapeHtml(at(item.at))}</code></td><td lang="en">${item.changes.map(cell).join('')}</td><td lang="${escapeHtml(report.lang)}">${escapeHtml(item.target)}</td></tr>`,
  );
  const missing = report.missing.map(
    (item) => `<tr><td><code>${escapeHtml(item.near ? at(item.near) : report.path)}</code></td><td lang="en"><ins>${escapeHtml(item.text)}</ins></td><td></td></tr>`,
  );
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.path)}: changes of the English</title>`,
    '<style>body{font-family:system-ui,sans-serif;margin:2rem}td{vertical-align:top;padding:.4rem;border-bottom:1px solid #ddd}del{background:#fdd}ins{background:#dfd;text-decoration:none}</style></head><body>',
    `<h1>${escapeHtml(headline(report))}</h1>`,
    report.note ? `<p>${escapeHtml(report.note)}</p>` : '',
    '<table><thead><tr><th>edit at</th><th>English (before → after)</th><th>translation</th></tr></thead><tbody>',
    ...rows,
    ...missing,
    '</tbody></table></body></html>',
    '',
  ].join('\n');
}

/** Render a diff report. */
export function renderDiff(report: DiffReport, format: Format, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    default:
      return renderText(report, options.color ?? false);
  }
}
