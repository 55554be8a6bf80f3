/**
 * Publish stage: the static multilingual site. Each meeting is rendered on
 * its own (in a worker thread when there are many, see meeting.ts) straight
 * into a temporary folder beside the output; the pages listing every meeting
 * are made from the meetings' summaries. A full build swaps the temporary
 * folder in whole, so a failed build leaves the previous site as it was. With
 * the cache, a build renders only the meetings whose files changed (keyed by
 * content, see manifest.ts) and moves just their files into the output.
 * Nothing depends on the clock, on randomness or on which thread finished
 * first: the same content always gives the same bytes.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashOf } from '../cache.js';
import { git, isRepository } from '../git.js';
import { isInside, outputDir, UnsafePath } from '../paths.js';
import type { Locales } from '../locales.js';
import { writeListing, pruneFragments } from './listing.js';
import { MARKER, markerId, markerText, readManifest, readSummaries, writeManifest, writeSummaries, type Manifest, type MeetingEntry, type Summaries } from './manifest.js';
import type { MeetingResult } from './meeting.js';
import { applyChanges, refuseForeign, swapIn } from './output.js';
import { planBuild, type Plan, type Planned } from './plan.js';
import { renderAll } from './render-all.js';
import type { SiteSummary } from './summary.js';

export { writeSite } from './output.js';

export interface Options {
  /** Working directory: content, output and cache are relative to it, and the output must be inside it. */
  cwd: string;
  /** Output folder (default `dist`). */
  out?: string;
  /** Content folder (default `content`). */
  content?: string;
  /** Read and write `.bitext-cache/` (default true). */
  cache?: boolean;
  /** Where the site is served, for the sitemap and the feed (default `http://localhost:8080/`). */
  siteUrl?: string;
  /** Page strings and disclaimers (default: the bundled locales). */
  locales?: Locales;
  /** Worker threads (default: `jobsFrom()`, the cores or `BITEXT_JOBS`). */
  jobs?: number;
  /** Called as meetings are rendered: `done` of `total` (those to render). */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  /** Absolute path of the output folder. */
  out: string;
  pages: number;
  files: number;
  meetings: number;
  /** Documents left out because they have errors (their paths). */
  skipped: string[];
  /** Meeting folders rendered by this build. */
  rendered: number;
  /** Meeting folders unchanged since the previous build, whose files were kept. */
  unchanged: number;
}

export { MARKER };

/** The output folder, refused when it is not strictly inside `cwd` (also through symbolic links). */
export function resolveOut(cwd: string, out: string): string {
  try {
    return outputDir(cwd, out);
  } catch (error) {
    if (!(error instanceof UnsafePath)) throw error;
    throw new Error(`--out ${out}: the output folder must be inside the working directory ${path.resolve(cwd)} (a sub-folder such as dist); ${error.message}`);
  }
}

/** The files of a built site, path → content, built into a temporary folder and read back (for tests and library users). */
export async function generateSite(options: Options): Promise<{ files: Map<string, string>; pages: number; meetings: number; skipped: string[] }> {
  const cwd = path.resolve(options.cwd);
  const temp = await mkdtemp(path.join(os.tmpdir(), 'bitext-site-'));
  try {
    const plan = await planBuild({ ...options, cache: false }, cwd, temp);
    const result = await renderSite(plan, { ...options, cache: false }, temp, undefined, temp);
    const files = new Map<string, string>();
    for (const name of result.written.sort()) files.set(name, await readFile(path.join(temp, ...name.split('/')), 'utf8'));
    return { files, pages: result.pages, meetings: result.meetings, skipped: result.skipped };
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(`${temp}.fragments`, { recursive: true, force: true });
  }
}

/** Build the site into `out`: only what changed since the last build when the cache allows, else everything, swapped in whole. */
export async function build(options: Options): Promise<BuildResult> {
  const out = resolveOut(options.cwd, options.out ?? 'dist');
  const content = path.resolve(options.cwd, options.content ?? 'content');
  if (isInside(content, out) || isInside(out, content)) {
    throw new Error(`--out ${options.out ?? 'dist'}: the output folder and the content folder ${path.relative(options.cwd, content)} must not contain each other`);
  }
  await refuseForeign(out);
  const cwd = path.resolve(options.cwd);
  const parent = path.dirname(out);
  await mkdir(parent, { recursive: true });
  const stage = await mkdtemp(path.join(parent, `.${path.basename(out)}.tmp-`));
  const forget = removedOnSignal([stage, `${stage}.fragments`]);
  try {
    const plan = await planBuild(options, cwd, stage);
    const previous = options.cache === false ? undefined : await readManifest(cwd, out);
    const incremental = previous && (await markerId(out)) === previous.id ? previous : undefined;
    const result = await renderSite(plan, options, stage, incremental, out);
    const remember = async () => {
      if (options.cache === false) return;
      if (result.summaries) await writeSummaries(cwd, out, result.summaries);
      await writeManifest(cwd, out, result.manifest);
    };
    const summary = { out, pages: result.pages, files: result.files, meetings: result.meetings, skipped: result.skipped, rendered: result.rendered, unchanged: result.unchanged };
    if (incremental && !(await applyChanges(stage, out, incremental.id, { id: result.manifest.id, written: result.written, removed: result.removed, all: result.all }))) {
      // Another build replaced the output meanwhile: this one builds everything afresh.
      await rm(stage, { recursive: true, force: true });
      const full = await build({ ...options, cache: false });
      await remember();
      return full;
    }
    if (!incremental) await swapIn(stage, out);
    await remember();
    return summary;
  } finally {
    await rm(stage, { recursive: true, force: true });
    await rm(`${stage}.fragments`, { recursive: true, force: true });
    forget();
  }
}

const STOPPING = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Delete `paths` when the process is stopped by Ctrl-C, `kill` or a closed terminal, then stop it
 * as the signal would have: a build's temporary folders hold a whole site (a gigabyte at 1,000
 * meetings), hidden next to the output, and `finally` does not run when a signal ends the process.
 * Returns the function that stops listening.
 */
function removedOnSignal(paths: readonly string[]): () => void {
  const stop = (signal: NodeJS.Signals): void => {
    forget();
    for (const target of paths) rmSync(target, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  const forget = (): void => {
    for (const signal of STOPPING) process.removeListener(signal, stop);
  };
  for (const signal of STOPPING) process.on(signal, stop);
  return forget;
}


/** What rendering produced. */
interface Rendered {
  manifest: Manifest;
  /** Every summary the manifest names, when they changed (to store); undefined when the stored ones still hold. */
  summaries: Summaries | undefined;
  /** Site paths written into the stage folder, sorted. */
  written: string[];
  /** Site paths of the previous build that this one no longer has. */
  removed: string[];
  /** Every site path of this build. */
  all: Set<string>;
  files: number;
  pages: number;
  meetings: number;
  skipped: string[];
  rendered: number;
  unchanged: number;
}

/** Render what changed into `stage`, and the listing pages when any summary changed. */
async function renderSite(plan: Plan, options: Options, stage: string, previous: Manifest | undefined, out: string): Promise<Rendered> {
  let history: string | undefined;
  if (plan.meetings.some((m) => previous?.meetings[m.name]?.historyBound)) history = await historyState(plan.cwd);
  const reuse = (m: Planned): MeetingEntry | undefined => {
    const entry = previous?.meetings[m.name];
    return entry && entry.key === m.key && (!entry.historyBound || entry.history === history) ? entry : undefined;
  };
  const todo = plan.meetings.filter((m) => !reuse(m));
  const results = await renderAll(plan, options, stage, todo);
  if (history === undefined && [...results.values()].some((r) => r.historyBound)) history = await historyState(plan.cwd);
  const fresh = new Map<string, SiteSummary>();
  const entries: Record<string, MeetingEntry> = {};
  const entryOf = (m: Planned, result: MeetingResult): MeetingEntry => {
    const summary = result.summary ? hashOf('summary', JSON.stringify(result.summary)) : '';
    if (result.summary) fresh.set(summary, result.summary);
    return { key: m.key, summary, pages: result.summary?.pages.length ?? 0, files: result.files, skipped: result.skipped, historyBound: result.historyBound, ...(result.historyBound ? { history: history! } : {}) };
  };
  for (const m of plan.meetings) {
    const result = results.get(m.name);
    entries[m.name] = result ? entryOf(m, result) : reuse(m)!;
  }
  const siteUrl = options.siteUrl ?? 'http://localhost:8080/';
  const ordered = plan.meetings.map((m) => entries[m.name]!);
  const indexKey = hashOf('index', plan.localesKey, siteUrl, ...ordered.map((e) => e.summary));
  const written = todo.flatMap((m) => results.get(m.name)!.files);
  let index = previous && previous.index.key === indexKey ? previous.index : undefined;
  let summaries: Summaries | undefined;
  let renderedAgain = 0;
  if (!index) {
    // The listing pages change: they need every summary, the new ones and those kept from the last build.
    const stored = previous ? await readSummaries(plan.cwd, out) : {};
    const present = new Set(await readdir(plan.fragments));
    const complete = (summary: SiteSummary | undefined) =>
      summary !== undefined && [summary.itemsFragment, ...summary.editions.map((e) => e.openFragment)].every((name) => name === '' || present.has(name));
    const missing = plan.meetings.filter((m) => {
      const hash = entries[m.name]!.summary;
      return hash !== '' && !fresh.has(hash) && !complete(stored[hash]);
    });
    if (missing.length > 0) {
      // Summaries lost from the cache: those meetings are rendered again.
      const again = await renderAll(plan, options, stage, missing);
      renderedAgain = missing.length;
      for (const m of missing) {
        entries[m.name] = entryOf(m, again.get(m.name)!);
        written.push(...again.get(m.name)!.files);
      }
    }
    summaries = {};
    for (const entry of Object.values(entries)) if (entry.summary !== '') summaries[entry.summary] = fresh.get(entry.summary) ?? stored[entry.summary]!;
    const sites = plan.meetings.map((m) => entries[m.name]!.summary).filter(Boolean).map((hash) => summaries![hash]!);
    const files = await writeListing(stage, sites, plan, siteUrl);
    if (!plan.temporaryFragments) await pruneFragments(plan.fragments, sites);
    index = { key: indexKey, files: files.files, pages: files.pages };
    written.push(...index.files);
  }
  const id = hashOf('site', indexKey, ...plan.meetings.flatMap((m) => [m.name, m.key]));
  if (!previous) {
    await writeFile(path.join(stage, MARKER), markerText(id));
    written.push(MARKER);
  }
  const all = new Set([MARKER, ...index.files, ...ordered.flatMap((e) => e.files)]);
  const removed = previous ? previousFiles(previous).filter((name) => !all.has(name)) : [];
  const manifest: Manifest = { schema: 2, id, index, meetings: entries };
  const published = Object.values(entries).filter((e) => e.summary !== '');
  return {
    manifest,
    summaries,
    written: [...new Set(written)].sort(),
    removed,
    all,
    files: all.size,
    pages: index.pages + published.reduce((n, e) => n + e.pages, 0),
    meetings: published.length,
    skipped: Object.values(entries).flatMap((e) => e.skipped).sort(),
    rendered: todo.length + renderedAgain,
    unchanged: plan.meetings.length - todo.length - renderedAgain,
  };
}

/**
 * The state of the repository the working directory is in, for results that
 * depend on which commits it has: HEAD, and whether the clone is shallow.
 */
async function historyState(cwd: string): Promise<string> {
  if (!(await isRepository(cwd))) return 'no repository';
  const head = await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '');
  const shallow = await git(cwd, ['rev-parse', '--is-shallow-repository']).catch(() => '');
  return `${head.trim() || 'no commit'} ${shallow.trim()}`;
}

function previousFiles(previous: Manifest): string[] {
  return [...previous.index.files, ...Object.values(previous.meetings).flatMap((e) => e.files)];
}

