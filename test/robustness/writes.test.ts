/** Writes to a translator's file are atomic and never go over uncommitted work without --force. */
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTranslatorFile, WriteRefused } from '../../pipeline/write.js';
import { ROOT } from '../helpers/content.js';
import { scratchDir } from '../helpers/scratch.js';

const WRITER = path.join(ROOT, 'test/fixtures/robustness/writer.ts');

/** Start the writer, wait until it writes, SIGKILL it after `delay` ms. */
async function killMidWrite(file: string, delay: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, delay));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('atomic writes', () => {
  it('leaves the old or the new file after SIGKILL mid-write, never a truncated one', { timeout: 120_000 }, async () => {
    const dir = scratchDir('bitext-kill-');
    const file = path.join(dir, 'zh.md');
    const original = 'O'.repeat(2 * 1024 * 1024);
    writeFileSync(file, original);
    const allowed = new Set(['O', 'A', 'B']);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await killMidWrite(file, 20 + ((i * 37) % 90));
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBe(original.length);
      const kinds = new Set(text);
      expect(kinds.size).toBe(1);
      const kind = [...kinds][0]!;
      expect(allowed.has(kind)).toBe(true);
      seen.add(kind);
    }
    expect([...seen].some((k) => k !== 'O')).toBe(true); // the writer did replace the file before some kills
  });

  it('refuses a file with uncommitted changes unless forced', async () => {
    const dir = scratchDir('bitext-dirty-');
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    const file = path.join(dir, 'zh.md');
    writeFileSync(file, 'committed\n');
    git('add', 'zh.md');
    git('commit', '-qm', 'zh');
    await writeTranslatorFile(file, 'clean rewrite\n');
    expect(readFileSync(file, 'utf8')).toBe('clean rewrite\n');
    await expect(writeTranslatorFile(file, 'second rewrite\n')).rejects.toBeInstanceOf(WriteRefused);
    expect(readFileSync(file, 'utf8')).toBe('clean rewrite\n');
    await writeTranslatorFile(file, 'forced\n', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('forced\n');
  });
});
