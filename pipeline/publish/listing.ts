/** The pages listing every meeting, written from the meetings' summaries. */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { GitSession } from '../git-objects.js';
import { languages, SOURCE_LANG } from '../languages.js';
import { actionItemsJsonChunks, openActionsPage, splitAtFragments } from './action-pages.js';
import { atomFeed, sitemap } from './feed.js';
import { CSS, type Page } from './layout.js';
import { renderer, writeFiles } from './meeting.js';
import { homePage, paths } from './pages.js';
import type { Plan } from './plan.js';
import type { SiteSummary } from './summary.js';

/**
 * Write the pages and files listing every meeting: home pages, open action items, the feed, the
 * sitemap, `action-items.json`, the style sheet. Each is made, written and let go before the next:
 * at thousands of meetings one such page is megabytes of HTML.
 */
export async function writeListing(stage: string, sites: readonly SiteSummary[], plan: Plan, siteUrl: string): Promise<{ files: string[]; pages: number }> {
  const git = new GitSession();
  const { context, render } = renderer(plan.locales, git);
  // Read and written synchronously: the workers are done, and thousands of fragments cost a thread-pool
  // round trip each through fs/promises (seconds at 1,000 meetings), against microseconds from the page cache.
  const read = (name: string) => readFileSync(path.join(plan.fragments, name));
  const written: string[] = [];
  const entries: { path: string; alternates: Iterable<readonly [string, string]> }[] = [];
  const write = (name: string, content: string) => {
    writeFiles(stage, [[name, content]]);
    written.push(name);
  };
  const makers: (() => Page)[] = [() => homePage(SOURCE_LANG, sites, context, 'index.html')];
  for (const { tag } of languages) makers.push(() => homePage(tag, sites, context, paths.home(tag)), () => openActionsPage(tag, sites, context));
  for (const make of makers) {
    const page = make();
    entries.push({ path: page.path, alternates: [...page.alternates] });
    const { text, fragments } = splitAtFragments(render(page));
    if (fragments.length === 0) {
      write(page.path, text.join(''));
      continue;
    }
    // The open items of every meeting are written from their fragment files, one at a time.
    writeFiles(stage, [[page.path, '']]);
    const file = openSync(path.join(stage, ...page.path.split('/')), 'w');
    try {
      for (const [index, part] of text.entries()) {
        writeAll(file, part);
        if (index < fragments.length) writeAll(file, read(fragments[index]!));
      }
    } finally {
      closeSync(file);
    }
    written.push(page.path);
  }
  write('assets/site.css', CSS);
  write('feed.xml', atomFeed(sites, siteUrl, context.t(SOURCE_LANG)('site.title')));
  write('sitemap.xml', sitemap([...entries, ...sites.flatMap((s) => s.pages)], siteUrl));
  const json = openSync(path.join(stage, 'action-items.json'), 'w');
  try {
    for await (const chunk of actionItemsJsonChunks(sites, async (name) => read(name))) writeAll(json, chunk);
  } finally {
    closeSync(json);
  }
  written.push('action-items.json');
  return { files: written.sort(), pages: makers.length };
}

/** Write all of `data` to `fd` (writeSync may write less than it was given). */
function writeAll(fd: number, data: string | Uint8Array): void {
  let bytes = typeof data === 'string' ? Buffer.from(data) : data;
  while (bytes.length > 0) bytes = bytes.subarray(writeSync(fd, bytes));
}

/** Delete the fragment files no summary of this build names (those of meetings since changed or removed). */
export async function pruneFragments(dir: string, sites: readonly SiteSummary[]): Promise<void> {
  const used = new Set(sites.flatMap((s) => [s.itemsFragment, ...s.editions.map((e) => e.openFragment)]));
  // A `.tmp` file is a fragment another build is writing right now.
  for (const name of await readdir(dir)) if (!used.has(name) && !name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true });
}

