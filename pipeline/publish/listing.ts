/** The pages listing every meeting, written from the meetings' summaries. */
import { open, readdir, readFile, rm } from 'node:fs/promises';
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
  const read = (name: string) => readFile(path.join(plan.fragments, name), 'utf8');
  const written: string[] = [];
  const entries: { path: string; alternates: Iterable<readonly [string, string]> }[] = [];
  const write = async (name: string, content: string) => {
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
      await write(page.path, text.join(''));
      continue;
    }
    // The open items of every meeting are written from their fragment files, one at a time.
    writeFiles(stage, [[page.path, '']]);
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
export async function pruneFragments(dir: string, sites: readonly SiteSummary[]): Promise<void> {
  const used = new Set(sites.flatMap((s) => [s.itemsFragment, ...s.editions.map((e) => e.openFragment)]));
  // A `.tmp` file is a fragment another build is writing right now.
  for (const name of await readdir(dir)) if (!used.has(name) && !name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true });
}

