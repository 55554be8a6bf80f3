/**
 * What the pages listing every meeting (home pages, open action items, the
 * feed, the sitemap, `action-items.json`) need to know of one meeting, as
 * plain data. A meeting is rendered in a worker thread, or not at all when
 * the cache has it; either way only this summary reaches the main thread, so
 * a build never holds the whole archive in memory.
 */
import type { ElementContent } from 'hast';
import { openItems, extractActionItems, type ActionItem } from './action-items.js';
import type { EditionKind, MeetingSite } from './editions.js';
import { sectionsHast } from './action-pages.js';
import { paths } from './pages.js';
import { fragmentHtml } from './render.js';

/** One meeting in one language, as the listing pages show it. */
export interface EditionSummary {
  lang: string;
  kind: EditionKind;
  /** Language of the text shown (the English for an untranslated edition). */
  docLang: string;
  /** Title of the text shown. */
  title: string;
  /** The `meeting` line of its front matter. */
  meeting: string;
  /** Whether the meeting has an action-items page in this language. */
  actions: boolean;
  /** How many open action items it has; 0 for an untranslated edition (see `itemsShown`). */
  open: number;
  /** File name of its open items as sanitised HTML, for the open-action-items page ('' when none; see `Fragments`). */
  openFragment: string;
}

/** A page for the sitemap: its path, language and alternates. */
export interface PageEntry {
  path: string;
  lang: string;
  alternates: [string, string][];
}

/** One meeting as the listing pages need it. */
export interface SiteSummary {
  slug: string;
  date: string;
  title: string;
  /** The English `meeting` line. */
  meeting: string;
  /** Every language of the site, in the order of `languages`. */
  editions: EditionSummary[];
  /** The meeting's own pages. */
  pages: PageEntry[];
  /** File name of its open action items as `action-items.json` lists them (see `itemsJsonOf`); '' when it has none. */
  itemsFragment: string;
}

/**
 * Where the bulky parts of summaries go: the open items of a meeting (HTML, and JSON for
 * `action-items.json`) can be megabytes across an archive, so they are files named by the hash of
 * their content, written by the worker that renders the meeting and read back only while the
 * listing pages are written. `store` keeps a text and returns its file name.
 */
export interface Fragments {
  store(text: string, extension: 'html' | 'json'): string;
}

/** The summary of a meeting whose pages are `pages`. */
export function summarise(site: MeetingSite, pages: readonly PageEntry[], fragments: Fragments): SiteSummary {
  const listed = site.editions
    .filter((edition) => edition.kind !== 'untranslated')
    .flatMap((edition) => openItems(extractActionItems(edition.doc)).map(({ item }) => ({ ...item, page: paths.actions(edition.lang, site.slug) })));
  return {
    slug: site.slug,
    date: site.date,
    title: site.title,
    meeting: site.source.frontMatter!.meeting,
    editions: site.editions.map((edition) => {
      const items = extractActionItems(edition.doc);
      // An untranslated edition shows the English: its items are those of the English edition, not kept twice.
      const open = edition.kind === 'untranslated' ? [] : openItems(items);
      const front = edition.doc.frontMatter!;
      const html: ElementContent[] = open.length > 0 ? sectionsHast(open, 3) : [];
      return {
        lang: edition.lang,
        kind: edition.kind,
        docLang: edition.doc.lang,
        title: front.title,
        meeting: front.meeting,
        actions: items.length > 0,
        open: open.length,
        openFragment: html.length > 0 ? fragments.store(fragmentHtml(html), 'html') : '',
      };
    }),
    pages: [...pages],
    itemsFragment: listed.length > 0 ? fragments.store(itemsJsonOf(listed), 'json') : '',
  };
}

/**
 * Items as they sit in `action-items.json` (`JSON.stringify(…, null, 2)` of the whole file): each
 * indented by four spaces, joined by `,\n`. Kept as text so that the main thread holds one string
 * per meeting rather than thousands of objects.
 */
export function itemsJsonOf(items: readonly (ActionItem & { page: string })[]): string {
  // Only the line breaks JSON.stringify puts between members: a text's own breaks are escaped, but U+2028
  // and U+2029 are written as they are, and a multiline /^/ would indent after them, inside the string.
  return items.map((item) => `    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`).join(',\n');
}

/** Whether a cached value is a list of summaries (the rest is guaranteed by the key it is stored under). */
export function isSiteSummary(value: unknown): value is SiteSummary {
  const data = value as Partial<SiteSummary> | null;
  return typeof data === 'object' && data !== null && typeof data.slug === 'string' && Array.isArray(data.editions) && Array.isArray(data.pages) && typeof data.itemsFragment === 'string';
}

/** Meetings newest first (then by slug), the order of every list on the site. */
export function newestFirst<T extends { date: string; slug: string }>(sites: readonly T[]): T[] {
  return [...sites].sort((a, b) => (a.date === b.date ? (a.slug < b.slug ? -1 : 1) : a.date < b.date ? 1 : -1));
}

/** Editions that are translations of the English (real or converted). */
export function translatedSummaries(site: SiteSummary): EditionSummary[] {
  return site.editions.filter((edition) => edition.kind === 'translation' || edition.kind === 'converted');
}

/** The edition whose open items a language shows: its own, or the English one when it is not translated. */
export function itemsShown(site: SiteSummary, edition: EditionSummary): EditionSummary {
  return edition.kind === 'untranslated' ? site.editions.find((e) => e.kind === 'source') ?? edition : edition;
}
