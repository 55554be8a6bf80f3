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
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { lock } from 'proper-lockfile';
import { CACHE_DIR, hashOf } from '../cache.js';
import { git, isRepository } from '../git.js';
import { GitSession } from '../git-objects.js';
import { findMeetings } from '../load.js';
import { jobsFrom, workerOptions } from '../pool.js';
import { isInside, outputDir, UnsafePath } from '../paths.js';
import { languages, SOURCE_LANG } from '../languages.js';
import { defaultLocales, type Locales } from '../locales.js';
import { actionItemsJsonChunks, openActionsPage, splitAtFragments } from './action-pages.js';
import { atomFeed, sitemap } from './feed.js';
import { CSS, type Page } from './layout.js';
import { MARKER, markerId, markerText, readManifest, readSummaries, writeManifest, writeSummaries, type Manifest, type MeetingEntry, type Summaries } from './manifest.js';
import { renderMeeting, renderer, writeFiles, type MeetingResult, type MeetingTask } from './meeting.js';
import type { WorkerTask } from './meeting-worker.js';
import { homePage, paths } from './pages.js';
import type { SiteSummary } from './summary.js';

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
    if (incremental && !(await applyChanges(stage, out, incremental, result))) {
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
  }
}

/** An existing, non-empty output folder must be a site bitext built: it will be deleted. */
async function refuseForeign(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new Error(`--out ${out}: exists and is not a folder; refusing to replace it`);
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new Error(`--out ${out}: the folder exists and was not built by bitext (no ${MARKER}); refusing to replace it`);
  }
}

/** Write every file into a fresh temporary folder next to `out`, then replace `out` with it by renames. */
export async function writeSite(files: ReadonlyMap<string, string>, out: string): Promise<void> {
  const parent = path.dirname(out);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(path.join(parent, `.${path.basename(out)}.tmp-`));
  try {
    for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = path.join(temp, ...name.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await swapIn(temp, out);
}

/** Replace `out` with the complete folder `temp` by renames, under a lock. */
async function swapIn(temp: string, out: string): Promise<void> {
  const parent = path.dirname(out);
  // Two builds of the same tree may run at once: each writes its own temporary
  // folder, and the swap is serialised by a lock, so the output is never a mix.
  const release = await lockOut(out);
  try {
    const old = path.join(parent, `.${path.basename(out)}.old-${randomBytes(6).toString('hex')}`);
    const hadOld = existsSync(out);
    if (hadOld) await rename(out, old);
    try {
      await rename(temp, out);
    } catch (error) {
      if (hadOld) await rename(old, out);
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } finally {
    await release();
  }
}

/** The lock serialising changes to `out` (a folder beside it). */
function lockOut(out: string): Promise<() => Promise<void>> {
  const parent = path.dirname(out);
  return lock(out, {
    realpath: false,
    lockfilePath: path.join(parent, `.${path.basename(out)}.lock`),
    retries: { retries: 100, minTimeout: 50, maxTimeout: 500 },
    stale: 60_000,
  });
}

/**
 * An incremental build: move the re-rendered files from `stage` into `out`
 * (each by one rename, so every file is always whole), delete what the
 * re-rendered and removed meetings no longer have, then mark the output with
 * the new build id. The marker is cleared first, so a build interrupted half
 * way is never taken as complete: the next one rebuilds everything. False
 * when another build changed `out` since this one read it (nothing is moved).
 */
async function applyChanges(stage: string, out: string, previous: Manifest, result: Rendered): Promise<boolean> {
  const release = await lockOut(out);
  try {
    if ((await markerId(out)) !== previous.id) return false;
    await writeFile(path.join(out, MARKER), markerText('incomplete'));
    const dirs = new Set<string>();
    for (const name of result.written) {
      const target = path.join(out, ...name.split('/'));
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        dirs.add(dir);
      }
      await rename(path.join(stage, ...name.split('/')), target);
    }
    for (const name of result.removed) await rm(path.join(out, ...name.split('/')), { force: true });
    // Anything else in the output (a file left there by hand) goes too: the output is the site and nothing more.
    const present = await readdir(out, { recursive: true, withFileTypes: true });
    const emptied = new Set<string>();
    for (const entry of present) {
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const name = path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (!result.all.has(name)) {
        await rm(path.join(out, name), { force: true });
        emptied.add(path.dirname(path.join(out, name)));
      }
    }
    for (const name of result.removed) emptied.add(path.dirname(path.join(out, ...name.split('/'))));
    // Folders left empty (a deleted meeting's downloads) go as well; rmdir refuses a folder that is not empty.
    for (const dir of [...emptied].sort().reverse()) {
      for (let at = dir; isInside(out, at); at = path.dirname(at)) if (!(await rmdir(at).then(() => true, () => false))) break;
    }
    await writeFile(path.join(out, MARKER), markerText(result.manifest.id));
    return true;
  } finally {
    await release();
  }
}

/** Meetings to render below this many are rendered in this thread: starting workers would cost more. */
const POOL_FROM = 4;

/** Young generation of a worker's heap, in MB: 128 spends about a quarter less CPU than the default (measured at 100 meetings). */
const YOUNG_GENERATION_MB = 128;

/**
 * Old generation of a worker's heap, in MB (`BITEXT_WORKER_HEAP_MB` overrides it). A meeting needs
 * far less; the limit makes V8 collect before the heap grows, which keeps a build of thousands of
 * meetings within about 1 GB.
 */
const OLD_GENERATION_MB = 384;

function oldGenerationMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.BITEXT_WORKER_HEAP_MB;
  if (raw === undefined || raw === '') return OLD_GENERATION_MB;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 8) throw new Error(`BITEXT_WORKER_HEAP_MB ${raw}: expected a whole number of megabytes, at least 8`);
  return mb;
}

/** One meeting folder of the content, with the key of everything it is rendered from. */
interface Planned {
  /** Folder relative to the working directory, with `/`: the meeting's name in the manifest. */
  name: string;
  dir: string;
  files: string[];
  key: string;
}

interface Plan {
  cwd: string;
  locales: Locales;
  /** Hash of the locale resources, part of every key. */
  localesKey: string;
  meetings: Planned[];
  /** Folder of summary fragments: in the cache, or a temporary one removed after the build. */
  fragments: string;
  /** Whether `fragments` is a temporary folder. */
  temporaryFragments: boolean;
}

/** Find the meetings and hash their files. */
async function planBuild(options: Options, cwd: string, stage: string): Promise<Plan> {
  const locales = options.locales ?? defaultLocales();
  const localesKey = hashOf('locales', JSON.stringify(locales.resources));
  const { byDir } = await findMeetings([options.content ?? 'content'], cwd);
  const meetings: Planned[] = [];
  for (const dir of [...byDir.keys()].sort()) {
    const files = [...byDir.get(dir)!].sort();
    const name = path.relative(cwd, dir).split(path.sep).join('/');
    const parts: (string | Uint8Array)[] = ['meeting', localesKey, name];
    // The English is read even when it is not among the files found (loadMeeting does the same).
    const source = path.join(dir, `${SOURCE_LANG}.md`);
    for (const file of files.includes(source) ? files : [source, ...files]) {
      parts.push(path.basename(file), await readFile(file).catch(() => new Uint8Array(0)));
    }
    meetings.push({ name, dir, files, key: hashOf(...parts) });
  }
  const temporaryFragments = options.cache === false;
  const fragments = temporaryFragments ? `${stage}.fragments` : path.join(cwd, CACHE_DIR, 'fragments');
  await mkdir(fragments, { recursive: true });
  return { cwd, locales, localesKey, meetings, fragments, temporaryFragments };
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
    rendered: todo.length,
    unchanged: plan.meetings.length - todo.length,
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

/** Render `todo` into `stage`: in a worker pool when there are enough, else in this thread. */
async function renderAll(plan: Plan, options: Options, stage: string, planned: readonly Planned[]): Promise<Map<string, MeetingResult>> {
  let todo = planned;
  const results = new Map<string, MeetingResult>();
  const jobs = Math.max(1, Math.min(options.jobs ?? jobsFrom(), todo.length));
  let done = 0;
  options.onProgress?.(0, planned.length);
  const task = (m: Planned): MeetingTask => ({ cwd: plan.cwd, dir: m.dir, files: m.files, out: stage, fragments: plan.fragments });
  if (todo.length >= POOL_FROM) {
    const resources = options.locales ? JSON.stringify(options.locales.resources) : undefined;
    // Even with one job a worker is used: its heap can be given a young generation large enough for
    // Markdown parsing, which allocates many short-lived objects (a quarter less CPU, see test/bench/).
    const pool = new Piscina({
      ...workerOptions('./publish/meeting-worker'),
      minThreads: jobs,
      maxThreads: jobs,
      idleTimeout: 1000,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: oldGenerationMb() },
    });
    const tooLarge: Planned[] = [];
    const outOfMemory = (error: unknown) => (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    // A worker that runs out of heap outside a task (while starting) is reported on the pool: then
    // no worker can be trusted to start, the pool is stopped and the rest is rendered in this thread.
    let broken: unknown;
    pool.on('error', (error: unknown) => {
      broken ??= error;
      void pool.destroy();
    });
    try {
      await Promise.all(
        todo.map(async (m) => {
          const job: WorkerTask = { ...task(m), resources };
          try {
            results.set(m.name, (await pool.run(job)) as MeetingResult);
            options.onProgress?.(++done, planned.length);
          } catch (error) {
            // A meeting larger than a worker's heap stops that worker: it is rendered in this thread instead.
            if (!outOfMemory(error) && !(broken !== undefined && outOfMemory(broken))) throw broken ?? error;
            tooLarge.push(m);
          }
        }),
      );
    } finally {
      await pool.destroy().catch(() => undefined);
    }
    if (broken !== undefined && !outOfMemory(broken)) throw broken;
    if (tooLarge.length === 0) return results;
    todo = tooLarge.sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  const git = new GitSession();
  try {
    const shared = renderer(plan.locales, git);
    for (const m of todo) {
      results.set(m.name, await renderMeeting(task(m), shared));
      options.onProgress?.(++done, planned.length);
    }
  } finally {
    git.close();
  }
  return results;
}

/**
 * Write the pages and files listing every meeting: home pages, open action items, the feed, the
 * sitemap, `action-items.json`, the style sheet. Each is made, written and let go before the next:
 * at thousands of meetings one such page is megabytes of HTML.
 */
async function writeListing(stage: string, sites: readonly SiteSummary[], plan: Plan, siteUrl: string): Promise<{ files: string[]; pages: number }> {
  const git = new GitSession();
  const { context, render } = renderer(plan.locales, git);
  const read = (name: string) => readFile(path.join(plan.fragments, name), 'utf8');
  const written: string[] = [];
  const entries: { path: string; alternates: Iterable<readonly [string, string]> }[] = [];
  const write = async (name: string, content: string) => {
    await writeFiles(stage, [[name, content]]);
    written.push(name);
  };
  const makers: (() => Page)[] = [() => homePage(SOURCE_LANG, sites, context, 'index.html')];
  for (const { tag } of languages) makers.push(() => homePage(tag, sites, context, paths.home(tag)), () => openActionsPage(tag, sites, context));
  for (const make of makers) {
    const page = make();
    entries.push({ path: page.path, alternates: [...page.alternates] });
    const { text, fragments } = splitAtFragments(render(page));
    if (fragments.length === 0) {
      await write(page.path, text.join(''));
      continue;
    }
    // The open items of every meeting are written from their fragment files, one at a time.
    await writeFiles(stage, [[page.path, '']]);
    const file = await open(path.join(stage, ...page.path.split('/')), 'w');
    try {
      for (const [index, part] of text.entries()) {
        await file.write(part);
        if (index < fragments.length) await file.write(await read(fragments[index]!));
      }
    } finally {
      await file.close();
    }
    written.push(page.path);
  }
  await write('assets/site.css', CSS);
  await write('feed.xml', atomFeed(sites, siteUrl, context.t(SOURCE_LANG)('site.title')));
  await write('sitemap.xml', sitemap([...entries, ...sites.flatMap((s) => s.pages)], siteUrl));
  const json = await open(path.join(stage, 'action-items.json'), 'w');
  try {
    for await (const chunk of actionItemsJsonChunks(sites, read)) await json.write(chunk);
  } finally {
    await json.close();
  }
  written.push('action-items.json');
  return { files: written.sort(), pages: makers.length };
}

/** Delete the fragment files no summary of this build names (those of meetings since changed or removed). */
async function pruneFragments(dir: string, sites: readonly SiteSummary[]): Promise<void> {
  const used = new Set(sites.flatMap((s) => [s.itemsFragment, ...s.editions.map((e) => e.openFragment)]));
  // A `.tmp` file is a fragment another build is writing right now.
  for (const name of await readdir(dir)) if (!used.has(name) && !name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true });
}
