import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, resolveOut, writeSite, MARKER } from '../../pipeline/publish/build.js';
import { runCli } from '../helpers/cli.js';
import { contentFiles, ROOT } from '../helpers/content.js';
import { listFiles } from './site.js';

const OUT_A = 'test-results/build-a';
const OUT_B = 'test-results/build-b';

async function hashes(files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map(async (f) => createHash('sha256').update(await readFile(path.join(ROOT, f))).digest('hex')));
}

afterAll(async () => {
  for (const out of [OUT_A, OUT_B]) await rm(path.join(ROOT, out), { recursive: true, force: true });
});

describe('bitext build on the bundled content', () => {
  it('gives byte-identical trees when run twice (with and without the cache), and never touches a translator’s file', async () => {
    const sources = contentFiles();
    const before = await hashes(sources);
    const first = await runCli(['build', '--out', OUT_A], ROOT);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^bitext build: 3 meetings, \d+ pages, \d+ files → test-results\/build-a\n$/);
    const second = await runCli(['build', '--out', OUT_B, '--no-cache'], ROOT);
    expect(second.code).toBe(0);
    const a = await listFiles(path.join(ROOT, OUT_A));
    const b = await listFiles(path.join(ROOT, OUT_B));
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(80);
    for (const file of a) {
      const [x, y] = await Promise.all([readFile(path.join(ROOT, OUT_A, file)), readFile(path.join(ROOT, OUT_B, file))]);
      expect(Buffer.compare(x, y), file).toBe(0);
    }
    expect(await hashes(sources)).toEqual(before);
  });

  it('replaces its own previous output as a whole', async () => {
    await writeFile(path.join(ROOT, OUT_A, 'stray.html'), 'left over');
    const result = await runCli(['build', '--out', OUT_A], ROOT);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(ROOT, OUT_A, 'stray.html'))).toBe(false);
    expect(existsSync(path.join(ROOT, OUT_A, MARKER))).toBe(true);
    expect((await readdir(path.join(ROOT, 'test-results'))).filter((n) => n.startsWith('.build-a.'))).toEqual([]);
  });
});

describe('bad input', () => {
  it('is left out of the site and named, and the other documents are published', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'bitext-bad-'));
    const dir = path.join(cwd, 'content/2024-01-01-bad');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'en.md'), await readFile(path.join(ROOT, 'test/fixtures/publish/clean/2024-05-01-clean/en.md')));
    await writeFile(path.join(dir, 'zh.md'), '---js\nmodule.exports = { title: process.exit(3) }\n---\n\n# 标题\n');
    await writeFile(path.join(dir, 'fr.md'), Buffer.from([0xff, 0xfe, 0x41]));
    const result = await runCli(['build'], cwd);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'bitext build: content/2024-01-01-bad/fr.md not published: it has errors (run `bitext check content/2024-01-01-bad/fr.md`)',
      'bitext build: content/2024-01-01-bad/zh.md not published: it has errors (run `bitext check content/2024-01-01-bad/zh.md`)',
    ]);
    expect(result.stdout).toMatch(/^bitext build: 1 meeting, /);
    const zh = await readFile(path.join(cwd, 'dist/zh/2024-01-01-bad.html'), 'utf8');
    expect(zh).toContain('<div class="banner untranslated" role="note">');
    await rm(cwd, { recursive: true, force: true });
  });
});

describe('the output folder', () => {
  it('must stay inside the working directory', async () => {
    for (const out of ['../dist', '/tmp/dist', '.', 'content/..', path.join(os.tmpdir(), 'x')]) {
      expect(() => resolveOut(ROOT, out)).toThrow(/must be inside the working directory/);
      const result = await runCli(['build', '--out', out], ROOT);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--out ${out}: the output folder must be inside the working directory`);
    }
    for (const out of ['content', 'content/site']) {
      const result = await runCli(['build', '--out', out], ROOT);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('the output folder and the content folder content must not contain each other');
    }
    expect(resolveOut(ROOT, 'site/dist')).toBe(path.join(ROOT, 'site/dist'));
    expect(resolveOut(ROOT, path.join(ROOT, 'dist'))).toBe(path.join(ROOT, 'dist'));
  });

  it('is never a folder bitext did not build', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'bitext-out-'));
    await mkdir(path.join(cwd, 'docs'));
    await writeFile(path.join(cwd, 'docs/notes.md'), 'mine');
    await expect(build({ cwd, out: 'docs', content: 'content' })).rejects.toThrow(/was not built by bitext/);
    expect(await readFile(path.join(cwd, 'docs/notes.md'), 'utf8')).toBe('mine');
    await rm(cwd, { recursive: true, force: true });
  });

  it('keeps the previous site when writing the new one fails, and leaves no temporary folder', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'bitext-swap-'));
    const out = path.join(cwd, 'dist');
    await writeSite(new Map([['index.html', 'old'], [MARKER, '']]), out);
    // A NUL byte in a file name makes the write fail half way, after other files were written.
    const failing = new Map([['a.html', 'new'], ['b\0.html', 'new'], ['index.html', 'new']]);
    await expect(writeSite(failing, out)).rejects.toThrow();
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('old');
    expect(existsSync(path.join(out, 'a.html'))).toBe(false);
    expect((await readdir(cwd)).sort()).toEqual(['dist']);
    await rm(cwd, { recursive: true, force: true });
  });
});
