/** The few git queries bitext needs, through the git binary (no shell, arguments as an array). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const run = promisify(execFile);

/** Run git in `cwd`; resolves to stdout, rejects with git's stderr. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || (error as Error).message);
  }
}

/** Whether `cwd` is inside a git work tree. */
export async function isRepository(cwd: string): Promise<boolean> {
  return git(cwd, ['rev-parse', '--is-inside-work-tree']).then(
    (out) => out.trim() === 'true',
    () => false,
  );
}

/** Absolute paths of files changed since `ref` (committed, staged, unstaged or untracked). */
export async function changedFiles(cwd: string, ref: string): Promise<Set<string>> {
  const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  const diff = await git(cwd, ['diff', '--name-only', '-z', ref, '--']);
  const untracked = await git(cwd, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name']);
  const names = [...diff.split('\0'), ...untracked.split('\0')].filter(Boolean);
  return new Set(names.map((name) => path.resolve(top, name)));
}
