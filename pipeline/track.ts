/**
 * Track stage: which translated segments are out of date. A translation's
 * `source_commit` names the en.md it was made from; the English at that
 * commit is diffed with the current en.md segment by segment, and the
 * changes are carried onto the translation through the alignment of the old
 * English with the translation. Nothing is reverted to English: a stale
 * segment keeps its human translation and is only reported.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { align } from './align.js';
import { parse } from './parse.js';
import { segment } from './segment.js';
import { diffSegments, type SourceChange } from './source-diff.js';
import type { GitSession } from './git-objects.js';
import { blobHash, hasCommit, repoFile, showAt, showBlob, type RepoFile } from './track-git.js';
import type { Alignment, Doc, Link, Meeting, Segment } from './types.js';

/** How the staleness of one translation was decided, and what is out of date. */
export interface Staleness {
  lang: string;
  /** `git`: segment by segment from the history; `hash`: whole document by `source_hash`; `none`: undecidable. */
  mode: 'git' | 'hash' | 'none';
  /** From front matter. */
  sourceCommit: string | undefined;
  /** Translated segments whose English changed (or was deleted: then `sourceAfter` is undefined). */
  stale: StaleSegment[];
  /** Current English segments with no translation (added since, or changed and never translated). */
  missing: Segment[];
  /** Old English segments deleted since (their translations, listed in `stale`, can be removed). */
  removed: Segment[];
  /** Whether the English changed since the translation at all (in `hash` mode the only thing known). */
  outdated: boolean;
}

/** A translated passage whose English changed since `source_commit`. */
export interface StaleSegment {
  /** The translation's segments for that English, in the current file. */
  target: Segment[];
  /** The English text at `source_commit`. */
  before: string;
  /** The English text now (empty when it was deleted). */
  after: string;
  sourceBefore: Segment;
  sourceAfter: Segment | undefined;
}

/** Why segment-level tracking was not possible. */
export interface TrackProblem {
  rule: 'no-source-commit' | 'no-source-history';
  reason: string;
}

/** Everything tracking found, for the commands that show more than `Staleness`. */
export interface TrackDetails {
  staleness: Staleness;
  problem: TrackProblem | undefined;
  /** The English at `source_commit` (git mode only). */
  oldSource: Doc | undefined;
  /** Segment-level changes of the English (git mode only). */
  changes: SourceChange[];
  /** The old English aligned with the translation (git mode, when the English changed). */
  alignment: Alignment | undefined;
  /** Where en.md lives in its repository, when it is in one. */
  repo: RepoFile | undefined;
}

export interface Options {
  /** Working directory that document paths are relative to. */
  cwd: string;
  /** Shared git session (one `cat-file --batch` per repository) for runs that track many translations. */
  git?: GitSession;
}

/** The git reads tracking needs, one process each, or through a session's batch reader. */
function reads(session: GitSession | undefined) {
  if (!session) return { repoFile, hasCommit, showAt, showBlob };
  const object = async (top: string, name: string, type: string) => {
    const found = await session.objects(top).read(name);
    return found?.type === type ? found : undefined;
  };
  return {
    async repoFile(file: string): Promise<RepoFile | undefined> {
      const dir = path.dirname(file);
      const top = await session.topOf(dir);
      if (!top) return undefined;
      // Synchronously: a build asks once per translation, and each asynchronous call left a worker idle for a thread-pool round trip.
      const real = realOrSame(dir);
      return { top, path: path.relative(top, path.join(real, path.basename(file))).split(path.sep).join('/') };
    },
    hasCommit: async (top: string, commit: string) => (await object(top, `${commit}^{commit}`, 'commit')) !== undefined,
    showAt: async (top: string, commit: string, file: string) => (await object(top, `${commit}:${file}`, 'blob'))?.bytes,
    showBlob: async (top: string, blob: string) => (await object(top, `${blob}^{blob}`, 'blob'))?.bytes,
  };
}

function realOrSame(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}

/** Staleness of one translation against the current en.md. */
export async function track(meeting: Meeting, target: Doc, options: Options): Promise<Staleness> {
  return (await trackDetails(meeting, target, options)).staleness;
}

/** Staleness of one translation, with the old English, the source changes and the reason when history was unavailable. */
export async function trackDetails(meeting: Meeting, target: Doc, options: Options): Promise<TrackDetails> {
  const source = meeting.source;
  if (!source) throw new Error(`${target.file.path}: no English source (en.md) to track against`);
  const sourceCommit = target.frontMatter?.source_commit;
  const base = { lang: target.lang, sourceCommit, stale: [], missing: [], removed: [], outdated: false };
  const none = (problem: TrackProblem, repo: RepoFile | undefined): TrackDetails => ({
    staleness: { ...base, mode: 'none' },
    problem,
    oldSource: undefined,
    changes: [],
    alignment: undefined,
    repo,
  });
  const { repoFile, hasCommit, showAt, showBlob } = reads(options.git);
  const repo = await repoFile(path.resolve(options.cwd, source.file.path));
  if (sourceCommit === undefined) return none({ rule: 'no-source-commit', reason: 'no `source_commit` in the front matter' }, repo);
  let reason: string;
  if (!repo) reason = 'not a git repository';
  else if (!(await hasCommit(repo.top, sourceCommit))) reason = `commit ${sourceCommit} is not in the history (a shallow clone or a downloaded archive?)`;
  else {
    const bytes = await showAt(repo.top, sourceCommit, repo.path);
    if (bytes) return fromHistory(source, target, bytes, sourceCommit, repo);
    reason = `${repo.path} did not exist at commit ${sourceCommit}`;
  }
  const hash = target.frontMatter?.source_hash;
  // A rebase or squash leaves source_commit dangling, but the English it names may still be there by its blob id.
  const blob = repo && hash ? await showBlob(repo.top, hash) : undefined;
  if (repo && blob) return fromHistory(source, target, blob, sourceCommit, repo);
  const problem: TrackProblem = { rule: 'no-source-history', reason };
  if (hash === undefined) return none(problem, repo);
  // Without history only a whole-document comparison is possible: git's blob id of en.md when source_commit was recorded.
  return {
    staleness: { ...base, mode: 'hash', outdated: blobHash(source.value) !== hash },
    problem,
    oldSource: undefined,
    changes: [],
    alignment: undefined,
    repo,
  };
}

/** Segment-level staleness from the English at `sourceCommit`. */
function fromHistory(source: Doc, target: Doc, bytes: Uint8Array, sourceCommit: string, repo: RepoFile): TrackDetails {
  // The usual case: the English did not change since. Its segments are those of the current file, already parsed.
  const unchanged = bytes.length === Buffer.byteLength(source.value) && Buffer.from(bytes).toString('utf8') === source.value;
  const oldSource = unchanged ? source : segment(parse(bytes, { path: `${sourceCommit.slice(0, 12)}:${repo.path}`, slug: source.slug, lang: source.lang }));
  const changes = diffSegments(oldSource.segments, source.segments);
  // The usual case, an up-to-date translation, needs no alignment: nothing is carried over.
  const alignment = changes.every((c) => c.kind === 'same') ? undefined : align(oldSource, target);
  const linkOf = new Map<number, Link>();
  for (const link of alignment?.links ?? []) for (const i of link.source) linkOf.set(i, link);
  const translationOf = (old: Segment): Segment[] => (linkOf.get(old.index)?.target ?? []).map((i) => target.segments[i]!);
  const staleness: Staleness = {
    lang: target.lang,
    mode: 'git',
    sourceCommit,
    stale: [],
    missing: [],
    removed: [],
    outdated: changes.some((c) => c.kind !== 'same'),
  };
  for (const change of changes) {
    if (change.kind === 'added') staleness.missing.push(change.after);
    else if (change.kind === 'changed') {
      const translated = translationOf(change.before);
      if (translated.length === 0) staleness.missing.push(change.after);
      else staleness.stale.push({ target: translated, before: change.before.text, after: change.after.text, sourceBefore: change.before, sourceAfter: change.after });
    } else if (change.kind === 'removed') {
      staleness.removed.push(change.before);
      const translated = translationOf(change.before);
      if (translated.length > 0) staleness.stale.push({ target: translated, before: change.before.text, after: '', sourceBefore: change.before, sourceAfter: undefined });
    }
  }
  return { staleness, problem: undefined, oldSource, changes, alignment, repo };
}

/** The translation's block nearest to where a missing English segment belongs: that of the closest kept English segment, preceding ones first. */
export function nearestTargetBlock(details: TrackDetails, missing: Segment, target: Doc): number | undefined {
  const targetOfOld = new Map<number, number[]>();
  for (const link of details.alignment?.links ?? []) for (const i of link.source) targetOfOld.set(i, link.target);
  const kept = details.changes
    .filter((c): c is Extract<SourceChange, { before: Segment; after: Segment }> => c.kind !== 'added' && c.kind !== 'removed')
    .map((c) => ({ at: c.after.index, targets: targetOfOld.get(c.before.index) ?? [] }))
    .filter((k) => k.targets.length > 0);
  const before = kept.filter((k) => k.at < missing.index).at(-1);
  const after = kept.find((k) => k.at > missing.index);
  const pick = before ? before.targets.at(-1) : after?.targets[0];
  if (pick !== undefined) return target.segments[pick]!.blockIndex;
  return target.blocks.length > 0 ? 0 : undefined;
}
