/**
 * Recording that a translation caught up with the English (`bitext bump`).
 *
 * A stale segment stays stale by `source_commit` until the commit is bumped,
 * so bump needs another witness that the translator really updated it: the
 * translation as it was when `source_commit` got its current value (the
 * newest commit of the translation whose front matter has that value). A
 * stale segment counts as updated when its translation now differs from that
 * version (a segment id that version did not have); a missing segment counts
 * as translated when the current English-to-translation alignment gives it a
 * translation that version did not have and that is not the English itself.
 */
import path from 'node:path';
import { isMap, isScalar, parseDocument, Scalar } from 'yaml';
import { align } from './align.js';
import { applyEdits, type Edit } from './edits.js';
import { parse } from './parse.js';
import { segment } from './segment.js';
import { blobHash, commitsTouching, isDirty, lastCommit, repoFile, showAt } from './track-git.js';
import { trackDetails, type StaleSegment, type TrackDetails } from './track.js';
import { writeTranslatorFile } from './write.js';
import type { Doc, Meeting, Segment } from './types.js';

/** A segment id without its `~n` repeat suffix: the hash of its text. */
export function textId(id: string): string {
  const tilde = id.indexOf('~');
  return tilde === -1 ? id : id.slice(0, tilde);
}

/** What is still out of date in a translation, after the translator's edits since `source_commit` was recorded. */
export interface Pending {
  stale: StaleSegment[];
  missing: Segment[];
  /** Commit of the translation taken as the version before the update, if one was found. */
  baseline: string | undefined;
}

/** Stale and missing segments of `details` that the translator has not updated yet. */
export async function pendingUpdates(meeting: Meeting, target: Doc, details: TrackDetails, cwd: string): Promise<Pending> {
  const { stale, missing, sourceCommit } = details.staleness;
  const repo = await repoFile(path.resolve(cwd, target.file.path));
  if (!repo || sourceCommit === undefined || (stale.length === 0 && missing.length === 0)) return { stale, missing, baseline: undefined };
  let baseline: Doc | undefined;
  let baselineCommit: string | undefined;
  for (const commit of await commitsTouching(repo.top, repo.path, sourceCommit)) {
    const bytes = await showAt(repo.top, commit, repo.path);
    const doc = bytes && segment(parse(bytes, { path: `${commit.slice(0, 12)}:${repo.path}`, slug: target.slug, lang: target.lang }));
    if (doc?.frontMatter?.source_commit === sourceCommit) {
      baseline = doc;
      baselineCommit = commit;
      break;
    }
  }
  if (!baseline) return { stale, missing, baseline: undefined };
  const before = new Set(baseline.segments.map((s) => textId(s.id)));
  const isNew = (s: Segment): boolean => !before.has(textId(s.id));
  const source = meeting.source!;
  const english = new Set(source.segments.map((s) => textId(s.id)));
  const now = align(source, target);
  const translationOf = new Map<number, Segment[]>();
  for (const link of now.links) for (const i of link.source) translationOf.set(i, link.target.map((t) => target.segments[t]!));
  return {
    stale: stale.filter((s) => !s.target.some(isNew)),
    missing: missing.filter((s) => !(translationOf.get(s.index) ?? []).some((t) => isNew(t) && !english.has(textId(t.id)))),
    baseline: baselineCommit,
  };
}

/** Range edits that set front matter `entries` in a file's value: a value is replaced in place, a missing key is added before the closing `---`. */
export function frontMatterEdits(value: string, entries: readonly (readonly [string, string])[]): Edit[] {
  const bom = value.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opening = /^---[^\n\r]*\r?\n/.exec(value.slice(bom));
  if (!opening) throw new Error('no front matter block');
  const yamlStart = bom + opening[0].length;
  const closing = /(^|\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(value.slice(yamlStart));
  if (!closing) throw new Error('front matter block is not closed');
  const yamlEnd = yamlStart + closing.index + closing[1]!.length;
  const doc = parseDocument(value.slice(yamlStart, yamlEnd));
  const newline = value.includes('\r\n') ? '\r\n' : '\n';
  const edits: Edit[] = [];
  // A new key goes on the line after the previous entry's key (source_hash after source_commit), else at the end.
  let insertAt = yamlEnd;
  for (const [key, text] of entries) {
    const pair = isMap(doc.contents) ? doc.contents.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    const node = pair?.value;
    if (isScalar(node) && node.range) {
      const quoted = node.type === Scalar.QUOTE_SINGLE ? `'${text}'` : node.type === Scalar.PLAIN ? text : JSON.stringify(text);
      edits.push({ start: yamlStart + node.range[0], end: yamlStart + node.range[1], text: quoted, reason: key });
      const lineEnd = value.indexOf('\n', yamlStart + node.range[1]);
      insertAt = lineEnd === -1 || lineEnd >= yamlEnd ? yamlEnd : lineEnd + 1;
    } else if (pair) throw new Error(`front matter \`${key}\` is not a single value`);
    else edits.push({ start: insertAt, end: insertAt, text: `${key}: ${JSON.stringify(text)}${newline}`, reason: key });
  }
  return edits;
}

export interface BumpOptions {
  cwd: string;
  /** Bump even while segments are pending, and write over uncommitted changes. */
  force?: boolean;
}

/** What `bitext bump` did. */
export interface BumpResult {
  path: string;
  previous: string | undefined;
  sourceCommit: string;
  sourceHash: string;
  /** Whether the file was written (false when refused or already current). */
  written: boolean;
  pending: Pending;
  /** Why the file was not written, when it was not. */
  refused: string | undefined;
}

/** Record the last commit of en.md as the translation's `source_commit` (and `source_hash`), by range edits of just those values. */
export async function bump(meeting: Meeting, target: Doc, options: BumpOptions): Promise<BumpResult> {
  const source = meeting.source;
  if (!source) throw new Error(`${target.file.path}: no English source (en.md)`);
  if (!target.frontMatter) throw new Error(`${target.file.path}: the front matter is missing or invalid; run \`bitext check\` and fix it first`);
  const repo = await repoFile(path.resolve(options.cwd, source.file.path));
  if (!repo) throw new Error(`${source.file.path}: not in a git repository; bump records a git commit`);
  const commit = await lastCommit(repo.top, repo.path);
  if (!commit) throw new Error(`${source.file.path}: never committed; commit the English first`);
  const blob = await showAt(repo.top, commit, repo.path);
  const sourceHash = blobHash(Buffer.from(blob ?? new Uint8Array()).toString('utf8'));
  const details = await trackDetails(meeting, target, { cwd: options.cwd });
  const pending = await pendingUpdates(meeting, target, details, options.cwd);
  const result: BumpResult = { path: target.file.path, previous: details.staleness.sourceCommit, sourceCommit: commit, sourceHash, written: false, pending, refused: undefined };
  const refuse = (reason: string): BumpResult => ({ ...result, refused: reason });
  if (!options.force) {
    if (await isDirty(repo.top, repo.path)) return refuse(`${source.file.path} has uncommitted changes; commit the English first`);
    if (details.staleness.mode !== 'git' && details.problem?.rule === 'no-source-history') {
      return refuse(`cannot verify the update without the history of en.md (${details.problem.reason}); pass --force to record ${commit} anyway`);
    }
    if (pending.stale.length + pending.missing.length > 0) {
      return refuse(`${pending.stale.length} stale and ${pending.missing.length} missing segment(s) not yet updated; update them (see \`bitext diff\`) or pass --force`);
    }
  }
  if (details.staleness.sourceCommit === commit && target.frontMatter.source_hash === sourceHash) return result;
  const { output } = applyEdits(target.value, frontMatterEdits(target.value, [['source_commit', commit], ['source_hash', sourceHash]]));
  await writeTranslatorFile(path.resolve(options.cwd, target.file.path), output, { force: options.force ?? false });
  return { ...result, written: true };
}
