/**
 * `npm run bench`: the cost of a build on a synthetic archive of N meetings
 * (en/zh/fr, see generate.ts), against parsing the same files with
 * remark-parse alone and against po4a, plus the rebuild after one change and
 * the glossary check with 20,000 terms. Prints a table and writes the figures
 * to test/bench/results/latest.json.
 *
 * Run: npm run bench [-- --n 100] [-- --runs 3] [-- --keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { align } from '../../pipeline/align.js';
import { loadCorpus } from '../../pipeline/load.js';
import { nodeFlagsFor } from '../../pipeline/node-flags.js';
import { contentFiles, pairsOf } from './files.js';
import { generateCorpus } from './generate.js';
import { glossaryBench } from './glossary.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Run {
  ms: number;
  maxRssMb: number;
  code: number;
  stderr: string;
}

interface SizeFigures {
  meetings: number;
  files: number;
  megabytes: number;
  jobs: number;
  remarkParseMs: number;
  buildMs: number;
  buildMaxRssMb: number;
  stages: { parseSegmentMs: number; alignMs: number; publishAndWriteMs: number };
  rebuildOneFileMs: number;
  ratioBuildToRemark: number;
  ratioRebuildToBuild: number;
  po4a: { installed: false } | { installed: true; pairs: number; po4aMs: number; segmentAlignMs: number; ratio: number; failedPairs: number };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Time `count` runs of `work`, the median. */
async function timed(count: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** One bitext command in a child process (peak RSS of that process only), started with the Node flags `bin/bitext.js` starts it with. */
function child(cwd: string, args: readonly string[]): Run {
  const flags = nodeFlagsFor(args, [], process.env);
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, ...flags].filter(Boolean).join(' ') };
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/bench/child.ts'), cwd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (!line.startsWith('{')) throw new Error(`bitext ${args.join(' ')} in ${cwd} failed: ${result.stderr.slice(-2000)}`);
  return JSON.parse(line) as Run;
}

/** remark-parse alone over every file, each run in a child process of its own (remark-child.ts), as the floor a Markdown pipeline cannot go below: the median. */
function remarkOnly(cwd: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/bench/remark-child.ts'), cwd], { cwd: ROOT, encoding: 'utf8' });
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    if (!line.startsWith('{')) throw new Error(`remark-parse over ${cwd} failed: ${result.stderr.slice(-2000)}`);
    times.push((JSON.parse(line) as { ms: number }).ms);
  }
  return median(times);
}

/** po4a-gettextize over every en/zh pair, against bitext's read + parse + segment + align of the same pairs. */
async function po4aVersus(cwd: string): Promise<SizeFigures['po4a']> {
  const found = spawnSync('po4a-gettextize', ['--version'], { encoding: 'utf8' });
  if (found.error) return { installed: false };
  const pairs = await pairsOf(cwd);
  const out = path.join(os.tmpdir(), `bitext-bench-po4a-${process.pid}.po`);
  let failedPairs = 0;
  const po4aMs = await timed(1, () => {
    for (const { en, zh } of pairs) {
      const result = spawnSync('po4a-gettextize', ['-f', 'text', '-m', en, '-l', zh, '-M', 'UTF-8', '-L', 'UTF-8', '-p', out], { encoding: 'utf8' });
      if (result.status !== 0) failedPairs++;
    }
  });
  await rm(out, { force: true });
  const segmentAlignMs = await timed(1, async () => {
    const { meetings } = await loadCorpus(pairs.map((p) => path.dirname(p.en)), { cwd });
    for (const meeting of meetings) {
      const zh = meeting.translations.find((doc) => doc.lang === 'zh');
      if (meeting.source && zh) align(meeting.source, zh);
    }
  });
  return { installed: true, pairs: pairs.length, po4aMs, segmentAlignMs, ratio: segmentAlignMs / po4aMs, failedPairs };
}

/** The stages timed apart, in one child-free pass: load (parse + segment), then align every translation. */
async function stages(cwd: string): Promise<{ parseSegmentMs: number; alignMs: number }> {
  let started = performance.now();
  const { meetings } = await loadCorpus(['content'], { cwd });
  const parseSegmentMs = performance.now() - started;
  started = performance.now();
  for (const meeting of meetings) for (const doc of meeting.translations) if (meeting.source) align(meeting.source, doc);
  return { parseSegmentMs, alignMs: performance.now() - started };
}

/** Every figure for an archive of `count` meetings. */
async function measure(count: number, runs: number, keep: boolean): Promise<SizeFigures> {
  const cwd = await generateCorpus(count);
  const files = await contentFiles(cwd);
  const bytes = (await Promise.all(files.map((f) => readFile(f)))).reduce((n, b) => n + b.length, 0);
  const jobs = Number(process.env.BITEXT_JOBS ?? Math.min(os.availableParallelism(), 8));
  progress(`N=${count}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${cwd}`);
  const remarkParseMs = remarkOnly(cwd, runs);
  progress(`N=${count}: remark-parse ${remarkParseMs.toFixed(0)} ms`);
  const builds: Run[] = [];
  // Each run builds a folder of its own, as a first build would: replacing the last run's output would
  // time the deletion of its 33,000 files too, and on ext4 without a journal creating files soon after
  // deleting many makes the inode allocator skip every recently deleted inode (recently_deleted()), a
  // fifth of all CPU time in a build made right after another. Nothing is deleted until the end.
  for (let i = 0; i < runs; i++) builds.push(child(cwd, ['build', '--no-cache', '--quiet', '--out', `dist-run-${i + 1}`]));
  const build = builds.sort((a, b) => a.ms - b.ms)[Math.floor(builds.length / 2)]!;
  if (build.code !== 0) throw new Error(`bitext build exited ${build.code}: ${build.stderr}`);
  progress(`N=${count}: build ${build.ms.toFixed(0)} ms, ${build.maxRssMb.toFixed(0)} MB`);
  child(cwd, ['build', '--quiet', '--out', 'dist']); // fills the cache
  const touched = (await contentFiles(cwd)).find((f) => f.endsWith('zh.md'))!;
  await appendFile(touched, '\n会议于下午六时结束。\n');
  const rebuild = child(cwd, ['build', '--quiet', '--out', 'dist']);
  progress(`N=${count}: rebuild after one change ${rebuild.ms.toFixed(0)} ms`);
  const stage = await stages(cwd);
  const po4a = await po4aVersus(cwd);
  if (!keep) made.push(cwd);
  return {
    meetings: count,
    files: files.length,
    megabytes: bytes / 1e6,
    jobs,
    remarkParseMs,
    buildMs: build.ms,
    buildMaxRssMb: build.maxRssMb,
    stages: { ...stage, publishAndWriteMs: Math.max(0, build.ms - stage.parseSegmentMs / Math.max(1, jobs) - stage.alignMs) },
    rebuildOneFileMs: rebuild.ms,
    ratioBuildToRemark: build.ms / remarkParseMs,
    ratioRebuildToBuild: rebuild.ms / build.ms,
    po4a,
  };
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function table(sizes: readonly SizeFigures[], glossaryRatio: number): string {
  const rows: [string, ...string[]][] = [
    ['meetings (en/zh/fr)', ...sizes.map((s) => String(s.meetings))],
    ['files / MB', ...sizes.map((s) => `${s.files} / ${s.megabytes.toFixed(1)}`)],
    ['remark-parse alone (ms)', ...sizes.map((s) => s.remarkParseMs.toFixed(0))],
    [`bitext build --no-cache (ms)`, ...sizes.map((s) => `${s.buildMs.toFixed(0)} (${s.jobs} jobs)`)],
    ['  parse + segment, one thread (ms)', ...sizes.map((s) => s.stages.parseSegmentMs.toFixed(0))],
    ['  align, one thread (ms)', ...sizes.map((s) => s.stages.alignMs.toFixed(0))],
    ['  publish + write, rest (ms)', ...sizes.map((s) => s.stages.publishAndWriteMs.toFixed(0))],
    ['peak RSS of build (MB)', ...sizes.map((s) => s.buildMaxRssMb.toFixed(0))],
    ['rebuild, one file changed (ms)', ...sizes.map((s) => s.rebuildOneFileMs.toFixed(0))],
    ['(a) build ÷ remark-parse  [≤ 2.5]', ...sizes.map((s) => s.ratioBuildToRemark.toFixed(2))],
    ['(b) rebuild ÷ build       [≤ 0.05]', ...sizes.map((s) => s.ratioRebuildToBuild.toFixed(3))],
    ['(c) check 20,000 ÷ 10 terms [≤ 1.3]', ...sizes.map(() => glossaryRatio.toFixed(2))],
    ['(d) segment+align ÷ po4a-gettextize', ...sizes.map((s) => (s.po4a.installed ? `${s.po4a.ratio.toFixed(2)} (${s.po4a.segmentAlignMs.toFixed(0)} / ${s.po4a.po4aMs.toFixed(0)} ms, ${s.po4a.failedPairs} po4a failures)` : 'po4a not installed'))],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([name, ...cells]) => `${name.padEnd(width)}  ${cells.map((c) => c.padStart(12)).join('  ')}`).join('\n');
}

const { values } = parseArgs({ options: { n: { type: 'string', multiple: true }, runs: { type: 'string' }, keep: { type: 'boolean' } } });
const counts = (values.n ?? ['100', '1000']).flatMap((v) => v.split(',')).map(Number);
const runs = Number(values.runs ?? 1);
const sizes: SizeFigures[] = [];
/** Generated archives to delete once everything is measured (see the builds in `measure`). */
const made: string[] = [];
for (const count of counts) sizes.push(await measure(count, runs, values.keep === true));
for (const cwd of made) await rm(cwd, { recursive: true, force: true });
const glossary = await glossaryBench();
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const figures = { date: new Date().toISOString(), machine, commit, runs, sizes, glossary };
await mkdir(path.join(ROOT, 'test/bench/results'), { recursive: true });
await writeFile(path.join(ROOT, 'test/bench/results/latest.json'), `${JSON.stringify(figures, null, 2)}\n`);
process.stdout.write(`${machine}, commit ${commit}\n${table(sizes, glossary.ratio)}\n`);
