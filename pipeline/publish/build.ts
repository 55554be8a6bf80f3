/**
 * Publish stage: the static multilingual site. Every file is generated in
 * memory from the content (no clock, no randomness, sorted everywhere), then
 * written to a temporary folder next to the output and swapped in with
 * renames, so a failed build leaves the previous site as it was.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lock } from 'proper-lockfile';
import { loadCorpus } from '../load.js';
import { createParser, jobsFrom } from '../pool.js';
import { isInside, outputDir, UnsafePath } from '../paths.js';
import { languages, SOURCE_LANG } from '../languages.js';
import { defaultLocales, translator, type Locales } from '../locales.js';
import { actionItemsJson, openActionsPage } from './action-pages.js';
import { meetingEditions, publishable, type MeetingSite } from './editions.js';
import { atomFeed, sitemap } from './feed.js';
import { CSS, layout, type Page } from './layout.js';
import { homePage, paths, type Context } from './pages.js';
import { toHtml } from './render.js';
import { freshnessCache, freshnessOf } from './stale.js';
import { siteCache, siteOutput } from './site-cache.js';

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
  /** Worker threads for parsing (default: `jobsFrom()`, the cores or `BITEXT_JOBS`). */
  jobs?: number;
  /** Called as documents are read: `done` of `total`. */
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
}

/** A file of the marker bitext leaves in its output, so it never replaces a folder it did not build. */
export const MARKER = '.bitext-site';

/** The output folder, refused when it is not strictly inside `cwd` (also through symbolic links). */
export function resolveOut(cwd: string, out: string): string {
  try {
    return outputDir(cwd, out);
  } catch (error) {
    if (!(error instanceof UnsafePath)) throw error;
    throw new Error(`--out ${out}: the output folder must be inside the working directory ${path.resolve(cwd)} (a sub-folder such as dist); ${error.message}`);
  }
}

/** Every file of the site, path → content, generated from the content folder. */
export async function generateSite(options: Options): Promise<{ files: Map<string, string>; pages: number; meetings: number; skipped: string[] }> {
  const cwd = path.resolve(options.cwd);
  const locales = options.locales ?? defaultLocales();
  const context: Context = { locales, t: (lang) => translator(locales, lang) };
  const freshness = options.cache === false ? undefined : freshnessCache(cwd);
  const parser = createParser({ cwd, jobs: options.jobs ?? jobsFrom(), cache: options.cache !== false });
  const corpus = await loadCorpus([options.content ?? 'content'], { cwd, parser, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }).finally(() => parser.close());
  const sites: MeetingSite[] = [];
  const skipped: string[] = [];
  for (const meeting of corpus.meetings) {
    const site = await meetingEditions(meeting, (doc) => freshnessOf(meeting, doc, { cwd, cache: freshness }), locales);
    if (site) sites.push(site);
    for (const doc of meeting.translations.concat(meeting.source ? [meeting.source] : [])) if (!publishable(doc)) skipped.push(doc.file.path);
  }
  const files = new Map<string, string>();
  const pages: Page[] = [];
  const add = (page: Page) => pages.push(page);
  for (const { tag } of languages) {
    add(homePage(tag, sites, context, paths.home(tag)));
    add(openActionsPage(tag, sites, context));
  }
  const autonyms = new Map(languages.map((l) => [l.tag, context.t(l.tag)('language.self')]));
  const render = (page: Page) => toHtml(layout(page, context.t(page.lang), autonyms), { raw: page.raw === true });
  // Each meeting's own pages and downloads come from the cache when nothing they are made from changed.
  const cache = options.cache === false ? undefined : siteCache(cwd);
  const entries: Page[] = [];
  for (const site of sites) {
    const output = await siteOutput(site, context, render, cache);
    for (const [name, content] of output.files) files.set(name, content);
    for (const entry of output.pages) entries.push({ path: entry.path, lang: entry.lang, title: '', alternates: new Map(entry.alternates), main: [] });
  }
  const root = homePage(SOURCE_LANG, sites, context, 'index.html');
  for (const page of [root, ...pages]) files.set(page.path, render(page));
  files.set('assets/site.css', CSS);
  files.set('action-items.json', `${JSON.stringify(actionItemsJson(sites), null, 2)}\n`);
  const siteUrl = options.siteUrl ?? 'http://localhost:8080/';
  files.set('feed.xml', atomFeed(sites, siteUrl, context.t(SOURCE_LANG)('site.title')));
  files.set('sitemap.xml', sitemap([root, ...pages, ...entries], siteUrl));
  files.set(MARKER, 'Built by `bitext build`; the whole folder is replaced on every build.\n');
  return { files, pages: pages.length + entries.length + 1, meetings: sites.length, skipped: skipped.sort() };
}

/** Build the site into `out`: generate, write to a temporary folder beside it, swap it in. */
export async function build(options: Options): Promise<BuildResult> {
  const out = resolveOut(options.cwd, options.out ?? 'dist');
  const content = path.resolve(options.cwd, options.content ?? 'content');
  if (isInside(content, out) || isInside(out, content)) {
    throw new Error(`--out ${options.out ?? 'dist'}: the output folder and the content folder ${path.relative(options.cwd, content)} must not contain each other`);
  }
  await refuseForeign(out);
  const { files, pages, meetings, skipped } = await generateSite(options);
  await writeSite(files, out);
  return { out, pages, files: files.size, meetings, skipped };
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
  // Two builds of the same tree may run at once: each writes its own temporary
  // folder, and the swap is serialised by a lock, so the output is never a mix.
  const release = await lock(out, {
    realpath: false,
    lockfilePath: path.join(parent, `.${path.basename(out)}.lock`),
    retries: { retries: 100, minTimeout: 50, maxTimeout: 500 },
    stale: 60_000,
  });
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
