import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../pipeline/load.js';
import { createParser, jobsFrom, MAX_JOBS } from '../../pipeline/pool.js';
import { HEAP_GROWING_PERCENT, heapGrowingFlag } from '../../pipeline/publish/render-all.js';
import { runCli } from '../helpers/cli.js';
import { generateCorpus } from '../bench/generate.js';
import { copyOfContent, digest } from './helpers.js';

describe('jobsFrom', () => {
  it('takes --jobs, then BITEXT_JOBS, then the cores capped at MAX_JOBS', () => {
    expect(jobsFrom('3', { BITEXT_JOBS: '5' })).toBe(3);
    expect(jobsFrom(undefined, { BITEXT_JOBS: '5' })).toBe(5);
    const cores = jobsFrom(undefined, {});
    expect(cores).toBeGreaterThanOrEqual(1);
    expect(cores).toBeLessThanOrEqual(MAX_JOBS);
  });

  it('refuses what is not a whole number of threads, naming where it came from', () => {
    expect(() => jobsFrom('0', {})).toThrow(/--jobs 0/);
    expect(() => jobsFrom('two', {})).toThrow(/--jobs two/);
    expect(() => jobsFrom(undefined, { BITEXT_JOBS: '1.5' })).toThrow(/BITEXT_JOBS 1\.5/);
  });
});

describe('heapGrowingFlag', () => {
  it('grows worker heaps faster unless Node was given a growing percentage', () => {
    expect(heapGrowingFlag([])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowingFlag(['--enable-source-maps'])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowingFlag(['--heap-growing-percent=50'])).toBeUndefined();
    expect(heapGrowingFlag(['--heap_growing_percent=50'])).toBeUndefined();
  });
});

describe('parse pool', () => {
  it('gives the same documents and messages in worker threads as in this thread', async () => {
    const cwd = await copyOfContent();
    const parser = createParser({ cwd, jobs: 2, cache: false });
    const pooled = await loadCorpus(['content'], { cwd, parser }).finally(() => parser.close());
    const local = await loadCorpus(['content'], { cwd });
    expect(pooled.docs.map((d) => d.file.path)).toEqual(local.docs.map((d) => d.file.path));
    for (const [index, doc] of pooled.docs.entries()) {
      const other = local.docs[index]!;
      expect(doc.tree).toEqual(other.tree);
      expect(doc.segments).toEqual(other.segments);
      expect(doc.file.messages.map(String)).toEqual(other.file.messages.map(String));
    }
  });

  it('builds byte-identical sites with 1 and with 2 jobs, and reports progress on stderr only', async () => {
    const cwd = await copyOfContent();
    const one = await runCli(['build', '--no-cache', '--jobs', '1', '--out', 'one', '--quiet'], cwd);
    const two = await runCli(['build', '--no-cache', '--jobs', '2', '--out', 'two'], cwd);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toMatch(/^bitext build: 3 meetings, \d+ pages, \d+ files → two\n$/);
    expect(await digest(path.join(cwd, 'two'))).toEqual(await digest(path.join(cwd, 'one')));
  });

  it('renders meetings in worker threads into the same bytes as in this thread, and refuses a bad BITEXT_WORKER_HEAP_MB', { timeout: 120_000 }, async () => {
    const cwd = await generateCorpus(6);
    try {
      const one = await runCli(['build', '--no-cache', '--jobs', '1', '--out', 'one', '--quiet'], cwd);
      const two = await runCli(['build', '--no-cache', '--jobs', '2', '--out', 'two', '--quiet'], cwd);
      expect([one.code, two.code]).toEqual([0, 0]);
      expect(two.stdout).toMatch(/^bitext build: 6 meetings, \d+ pages, \d+ files → two\n$/);
      const files = await digest(path.join(cwd, 'one'));
      expect(Object.keys(files).length).toBeGreaterThan(150);
      expect(await digest(path.join(cwd, 'two'))).toEqual(files);
      process.env.BITEXT_WORKER_HEAP_MB = 'lots';
      const bad = await runCli(['build', '--no-cache', '--out', 'bad', '--quiet'], cwd).finally(() => delete process.env.BITEXT_WORKER_HEAP_MB);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('BITEXT_WORKER_HEAP_MB lots');
      process.env.BITEXT_WORKER_HEAP_MB = '8';
      const tiny = await runCli(['build', '--no-cache', '--out', 'tiny', '--quiet'], cwd).finally(() => delete process.env.BITEXT_WORKER_HEAP_MB);
      expect(tiny.code).toBe(2);
      expect(tiny.stderr).toContain('at least 64');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('refuses a bad --jobs on build and check with a usage error', async () => {
    const cwd = await copyOfContent();
    for (const command of ['build', 'check']) {
      const result = await runCli([command, '--jobs', 'many'], cwd);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--jobs many');
    }
  });
});
