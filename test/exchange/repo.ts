/** Temporary git repositories holding copies of meetings, for tests that write translator files. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A git repository in a temporary folder with `content/<slug>/` copied from each of `meetings` and committed; removed when the test ends. */
export function tempRepo(meetings: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bitext-exchange-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const meeting of meetings) cpSync(meeting, path.join(dir, 'content', path.basename(meeting)), { recursive: true });
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'content');
  return dir;
}

/** Commit every change of the repository. */
export function commitAll(dir: string): void {
  execFileSync('git', ['add', '.'], { cwd: dir, stdio: 'ignore' });
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'change'], { cwd: dir, stdio: 'ignore' });
}

/** Read a file of the repository. */
export function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

/** Replace the one occurrence of `from` in a file of the repository (fails when it is not there exactly once). */
export function replaceOnce(dir: string, file: string, from: string, to: string): void {
  const value = read(dir, file);
  const at = value.indexOf(from);
  if (at === -1 || value.indexOf(from, at + 1) !== -1) throw new Error(`${file}: expected one "${from}"`);
  writeFileSync(path.join(dir, file), value.slice(0, at) + to + value.slice(at + from.length));
}
