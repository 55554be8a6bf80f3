/**
 * One meeting, start to finish: read and parse its files, align, track,
 * render its pages and downloads and write them into the output folder. A
 * build runs this for each meeting in a worker thread (or in this thread
 * when there are few), and only the summary comes back, so no thread ever
 * holds more than one meeting's trees and pages.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import path from 'node:path';
import { hashOf } from '../cache.js';
import type { GitSession } from '../git-objects.js';
import { languages, SOURCE_LANG } from '../languages.js';
import { loadMeeting } from '../load.js';
import type { TFunction } from 'i18next';
import { translator, type Locales } from '../locales.js';
import { meetingActionsPage } from './action-pages.js';
import { extractActionItems } from './action-items.js';
import { markdownPath, publishedMarkdown } from './downloads.js';
import { meetingEditions, publishable } from './editions.js';
import { layout, type Page } from './layout.js';
import { alignedPage, meetingPage, type Context } from './pages.js';
import { toHtml } from './render.js';
import { freshnessOf } from './stale.js';
import { summarise, type PageEntry, type SiteSummary } from './summary.js';

/** What a worker needs to render one meeting. */
export interface MeetingTask {
  /** Working directory (paths in messages and pages are relative to it). */
  cwd: string;
  /** The meeting folder, absolute. */
  dir: string;
  /** Its Markdown files, absolute and sorted. */
  files: string[];
  /** Folder to write the meeting's files into, absolute. */
  out: string;
  /** Folder to write the fragments of its summary into, absolute (see `Fragments`). */
  fragments: string;
}

/** What comes back of a meeting. */
export interface MeetingResult {
  slug: string;
  /** Undefined when the meeting is not published (no English, or the English has errors). */
  summary: SiteSummary | undefined;
  /** Site paths written, sorted. */
  files: string[];
  /** Documents left out because they have errors (their paths). */
  skipped: string[];
  /** Whether freshness fell back from the git history (no repository, a commit not in it): the result then also depends on the repository's state. */
  historyBound: boolean;
}

/** Everything rendering shares across meetings in one thread. */
export interface Renderer {
  locales: Locales;
  context: Context;
  render(page: Page): string;
  git: GitSession;
}

/** A renderer for `locales` in this thread. */
export function renderer(locales: Locales, git: GitSession): Renderer {
  const byLang = new Map<string, TFunction>();
  const context: Context = {
    locales,
    t: (lang) => {
      let t = byLang.get(lang);
      if (!t) byLang.set(lang, (t = remembering(translator(locales, lang))));
      return t;
    },
  };
  const autonyms = new Map(languages.map((l) => [l.tag, context.t(l.tag)('language.self')]));
  return { locales, context, git, render: (page) => toHtml(layout(page, context.t(page.lang), autonyms), { raw: page.raw === true }) };
}

/**
 * A `t` that remembers the strings it gave for keys without options: every page
 * asks for the same few dozen (navigation, footer, headings), thousands of times a build.
 */
function remembering(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const cached = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = t(key)));
    return value;
  };
  return cached as unknown as TFunction;
}

/** Render and write one meeting. */
export async function renderMeeting(task: MeetingTask, shared: Renderer): Promise<MeetingResult> {
  const meeting = await loadMeeting(task.dir, task.files, task.cwd);
  const docs = meeting.source ? [meeting.source, ...meeting.translations] : meeting.translations;
  const skipped = docs.filter((doc) => !publishable(doc)).map((doc) => doc.file.path).sort();
  let historyBound = false;
  const site = await meetingEditions(
    meeting,
    async (doc) => {
      const freshness = await freshnessOf(meeting, doc, { cwd: task.cwd, git: shared.git });
      // Without the history a result can change when the history arrives (a commit, a deeper clone).
      if (freshness && freshness.mode !== 'git' && doc.frontMatter?.source_commit !== undefined) historyBound = true;
      return freshness;
    },
    shared.locales,
  );
  if (!site) return { slug: meeting.slug, summary: undefined, files: [], skipped, historyBound };
  const { context } = shared;
  // Each file is written as soon as it is made, and each page as soon as it is rendered: held until the
  // meeting's last one, a meeting's megabyte of text and its pages' trees outlived the young generation's
  // collections, which copied them and moved them to the old generation.
  const written: string[] = [];
  const write = (name: string, content: string): void => {
    writeFiles(task.out, [[name, content]]);
    written.push(name);
  };
  const pages: PageEntry[] = [];
  const show = (page: Page): void => {
    write(page.path, shared.render(page));
    pages.push({ path: page.path, lang: page.lang, alternates: [...page.alternates] });
  };
  write(markdownPath(SOURCE_LANG, site.slug), publishedMarkdown(site.source, context.locales));
  for (const edition of site.editions) {
    const { page, downloads } = meetingPage(site, edition, context);
    for (const download of downloads) write(download.path, download.content);
    show(page);
    if (edition.alignment) show(alignedPage(site, edition, context));
    if (extractActionItems(edition.doc).length > 0) show(meetingActionsPage(site, edition, context));
  }
  const fragments: [string, string][] = [];
  const store = (text: string, extension: string) => {
    const name = `${hashOf('fragment', text)}.${extension}`;
    fragments.push([name, text]);
    return name;
  };
  const summary = summarise(site, pages, { store });
  for (const [name, text] of fragments) writeFragment(task.fragments, name, text);
  return { slug: meeting.slug, summary, files: written.sort(), skipped, historyBound };
}

/** Folders already made under an output folder, so each is made once per thread. */
const made = new Map<string, Set<string>>();

/**
 * Write site files (`a/b.html` → content) under `out`. Synchronously: the files are small and go to the
 * page cache, and fs/promises spends two to three times the CPU on each (an open, a write and a close
 * through the thread pool, measured on 3,300 files); a meeting writes about 33 of them.
 */
export function writeFiles(out: string, files: readonly (readonly [string, string])[]): void {
  let dirs = made.get(out);
  if (!dirs) made.set(out, (dirs = new Set()));
  for (const [name, content] of files) {
    const file = path.join(out, ...name.split('/'));
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(file, content);
  }
}

/**
 * Write a fragment unless it is there: its name is the hash of its content. Written beside and
 * renamed, so a build running at the same time never reads one half written.
 */
function writeFragment(dir: string, name: string, text: string): void {
  const target = path.join(dir, name);
  if (existsSync(target)) return;
  const temporary = `${target}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}
