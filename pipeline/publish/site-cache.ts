/**
 * The pages and downloads of one meeting, cached by the content of what they
 * are made from: the text of every edition, its freshness, the locales and
 * bitext's version. A rebuild after one file changed renders that meeting
 * only; the pages listing every meeting are always made afresh.
 */
import { Cache, hashOf } from '../cache.js';
import type { Locales } from '../locales.js';
import { SOURCE_LANG } from '../languages.js';
import { meetingActionsPage } from './action-pages.js';
import { extractActionItems } from './action-items.js';
import { markdownPath, publishedMarkdown } from './downloads.js';
import type { MeetingSite } from './editions.js';
import type { Page } from './layout.js';
import { alignedPage, meetingPage, type Context } from './pages.js';

/** What the sitemap needs of a page. */
export interface PageEntry {
  path: string;
  lang: string;
  alternates: [string, string][];
}

/** Every file of one meeting, path → content, and its pages for the sitemap. */
export interface SiteOutput {
  files: [string, string][];
  pages: PageEntry[];
}

function isSiteOutput(value: unknown): value is SiteOutput {
  const output = value as Partial<SiteOutput> | undefined;
  return typeof output === 'object' && output !== null && Array.isArray(output.files) && Array.isArray(output.pages);
}

/** The cache of meeting outputs under `<cwd>/.bitext-cache/sites/`. */
export function siteCache(cwd: string): Cache<SiteOutput> {
  return new Cache<SiteOutput>(cwd, 'sites', isSiteOutput);
}

/** Key of a meeting's output: everything its pages are made from. */
function keyOf(site: MeetingSite, locales: Locales): string {
  const parts = site.editions.flatMap((e) => [e.lang, e.kind, e.doc.file.path, e.doc.value, JSON.stringify(e.freshness ?? null)]);
  return hashOf('site', JSON.stringify(locales.resources), site.slug, ...parts);
}

/** The files and pages of one meeting, from the cache when nothing it is made from changed. */
export async function siteOutput(site: MeetingSite, context: Context, render: (page: Page) => string, cache: Cache<SiteOutput> | undefined): Promise<SiteOutput> {
  const key = cache ? keyOf(site, context.locales) : '';
  const cached = await cache?.get(key);
  if (cached) return cached;
  const files: [string, string][] = [[markdownPath(SOURCE_LANG, site.slug), publishedMarkdown(site.source, context.locales)]];
  const pages: Page[] = [];
  for (const edition of site.editions) {
    const { page, downloads } = meetingPage(site, edition, context);
    pages.push(page);
    for (const download of downloads) files.push([download.path, download.content]);
    if (edition.alignment) pages.push(alignedPage(site, edition, context));
    if (extractActionItems(edition.doc).length > 0) pages.push(meetingActionsPage(site, edition, context));
  }
  for (const page of pages) files.push([page.path, render(page)]);
  const output = { files, pages: pages.map((p) => ({ path: p.path, lang: p.lang, alternates: [...p.alternates] })) };
  await cache?.set(key, output);
  return output;
}
