/**
 * Writing a translator's file: atomically (temporary file + rename, so a
 * killed process leaves the old or the new file, never a truncated one) and
 * never over uncommitted changes unless forced.
 */
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { git, isRepository } from './git.js';

export class WriteRefused extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'WriteRefused';
  }
}

/** Whether `file` has uncommitted changes (staged, unstaged or untracked); false outside a git work tree. */
export async function hasUncommittedChanges(file: string): Promise<boolean> {
  const dir = path.dirname(file);
  if (!(await isRepository(dir))) return false;
  const status = await git(dir, ['status', '--porcelain', '--', path.basename(file)]);
  return status.trim() !== '';
}

export interface WriteOptions {
  /** Write even over uncommitted changes. */
  force?: boolean;
}

/** Write `content` to a translator's `file` atomically; refuses a file with uncommitted changes unless forced. */
export async function writeTranslatorFile(file: string, content: string, options: WriteOptions = {}): Promise<void> {
  if (!options.force && (await hasUncommittedChanges(file))) {
    throw new WriteRefused(file, 'has uncommitted changes; commit or stash them first, or pass --force');
  }
  await writeFileAtomic(file, content, { encoding: 'utf8', fsync: true });
}
