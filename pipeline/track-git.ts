/**
 * The git history queries source tracking needs: the English at a commit,
 * the last commit of a file, commit dates, and the version of a translation
 * when its `source_commit` was set.
 */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { git, isRepository } from './git.js';

/** A file inside a repository: the work tree top and the path relative to it (with `/`). */
export interface RepoFile {
  top: string;
  path: string;
}

/** Locate `file` (absolute) in its git repository; undefined outside a work tree. */
export async function repoFile(file: string): Promise<RepoFile | undefined> {
  const dir = await realpath(path.dirname(file)).catch(() => path.dirname(file));
  if (!(await isRepository(dir))) return undefined;
  const top = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  return { top, path: path.relative(top, path.join(dir, path.basename(file))).split(path.sep).join('/') };
}

/** Whether `commit` names a commit object the repository has (false in a shallow clone that cut it off). */
export async function hasCommit(top: string, commit: string): Promise<boolean> {
  return git(top, ['cat-file', '-e', `${commit}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/** The full hash of a commit name, or undefined. */
export async function resolveCommit(top: string, commit: string): Promise<string | undefined> {
  return git(top, ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`]).then(
    (out) => out.trim() || undefined,
    () => undefined,
  );
}

/** The bytes of `file` at `commit`, or undefined when it did not exist there. */
export async function showAt(top: string, commit: string, file: string): Promise<Uint8Array | undefined> {
  const exists = await git(top, ['cat-file', '-e', `${commit}:${file}`]).then(
    () => true,
    () => false,
  );
  if (!exists) return undefined;
  return Buffer.from(await git(top, ['show', `${commit}:${file}`]), 'utf8');
}

/** The bytes of a blob by its id, or undefined when the repository does not have it. */
export async function showBlob(top: string, blob: string): Promise<Uint8Array | undefined> {
  const exists = await git(top, ['cat-file', '-e', `${blob}^{blob}`]).then(
    () => true,
    () => false,
  );
  return exists ? Buffer.from(await git(top, ['cat-file', 'blob', blob]), 'utf8') : undefined;
}

/** The last commit that changed `file`, or undefined when it was never committed. */
export async function lastCommit(top: string, file: string): Promise<string | undefined> {
  const out = (await git(top, ['log', '-1', '--format=%H', '--', file])).trim();
  return out || undefined;
}

/** Committer date of a commit, in seconds since the epoch. */
export async function commitTime(top: string, commit: string): Promise<number | undefined> {
  return git(top, ['show', '-s', '--format=%ct', commit]).then(
    (out) => Number.parseInt(out.trim(), 10) || undefined,
    () => undefined,
  );
}

/** Whether `file` differs from its committed version (or is untracked). */
export async function isDirty(top: string, file: string): Promise<boolean> {
  return (await git(top, ['status', '--porcelain', '--', file])).trim() !== '';
}

/** Commits that changed the number of occurrences of `text` in `file`, newest first (git's pickaxe). */
export async function commitsTouching(top: string, file: string, text: string): Promise<string[]> {
  const out = await git(top, ['log', '--format=%H', `-S${text}`, '--', file]);
  return out.split('\n').filter(Boolean);
}

/** git's blob id of a text (`git hash-object`), computed without git so it works in an archive. */
export function blobHash(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
