/**
 * Pages of action items: a meeting's items by section, every open item of
 * every meeting on one page per language, and `action-items.json`.
 */
import type { ElementContent } from 'hast';
import type { ListItem } from 'mdast';
import { SOURCE_LANG, languages } from '../languages.js';
import { bySection, extractActionItems, type ActionItem, type Extracted } from './action-items.js';
import type { Edition, MeetingSite } from './editions.js';
import { itemsShown, newestFirst, type SiteSummary } from './summary.js';
import { dirOf, h, href, type Page } from './layout.js';
import { banners, dateElement, disclaimerAside, paths, type Context } from './pages.js';
import { mdastToHast, rawHtml } from './render.js';

/** The shape of `action-items.json`. */
export interface ActionItemsJson {
  /** Version of this shape. */
  version: 1;
  /** Every open item, by meeting (newest first), language (site order), then document order. */
  items: (ActionItem & { page: string })[];
}

/** Groups of items as HTML: a heading for the section, the lead paragraph, the items as Markdown renders them. */
export function sectionsHast(items: readonly Extracted[], depth: number): ElementContent[] {
  return bySection(items).flatMap((group) => {
    const first = group[0]!;
    const title = first.item.section.join(' › ');
    const { lead, list } = groupHast(group);
    return [...(title ? [h(`h${depth}`, {}, [title])] : []), ...lead, ...list];
  });
}

/** Converted groups, by their first item: a meeting's items are shown on its page and again among the open items. */
const converted = new WeakMap<ListItem, { nodes: readonly ListItem[]; lead: ElementContent[]; list: ElementContent[] }[]>();

/** The lead and the list of a group as HTML elements, converted once per group of items (page trees are only serialised). */
function groupHast(group: readonly Extracted[]): { lead: ElementContent[]; list: ElementContent[] } {
  const first = group[0]!;
  const nodes = group.map((e) => e.node);
  let known = converted.get(first.node);
  if (!known) converted.set(first.node, (known = []));
  const found = known.find((k) => k.nodes.length === nodes.length && k.nodes.every((node, i) => node === nodes[i]));
  if (found) return found;
  const made = {
    nodes,
    lead: first.lead ? mdastToHast({ type: 'root', children: [first.lead] }) : [],
    list: mdastToHast({ type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [...nodes] }, ...first.definitions] }),
  };
  known.push(made);
  return made;
}

/** Editions whose action items are published: each language's own (or converted) text, and the English. */
function hasItems(edition: Edition): boolean {
  return extractActionItems(edition.doc).length > 0;
}

/** The action items of one meeting in one language, by section. */
export function meetingActionsPage(site: MeetingSite, edition: Edition, context: Context): Page {
  const t = context.t(edition.lang);
  const path = paths.actions(edition.lang, site.slug);
  const doc = edition.doc;
  const main: ElementContent[] = [
    h('header', { className: ['doc'] }, [
      h('h1', {}, [t('actionItems.heading')]),
      h('p', { className: ['meta'] }, [
        h('a', { href: href(path, paths.meeting(edition.lang, site.slug)), lang: doc.lang, dir: dirOf(doc.lang) }, [doc.frontMatter!.title]),
        ' · ',
        dateElement(t, site.date),
      ]),
    ]),
    ...banners(edition, site, t, path),
    h('div', { className: ['content'], lang: doc.lang, dir: dirOf(doc.lang) }, sectionsHast(extractActionItems(doc), 2)),
  ];
  const aside = edition.kind === 'source' || edition.kind === 'untranslated' ? undefined : disclaimerAside(edition.lang, context.locales);
  if (aside) main.push(aside);
  return { path, lang: edition.lang, title: `${t('actionItems.heading')} — ${doc.frontMatter!.title}`, alternates: new Map(site.editions.filter(hasItems).map((e) => [e.lang, paths.actions(e.lang, site.slug)])), main };
}

/** Every open action item of every meeting, in one language (the English where a meeting is not translated). */
export function openActionsPage(lang: string, sites: readonly SiteSummary[], context: Context): Page {
  const t = context.t(lang);
  const path = paths.openActions(lang);
  const main: ElementContent[] = [h('h1', {}, [t('actionItems.openHeading')]), h('p', {}, [t('actionItems.intro')])];
  let total = 0;
  const sections: ElementContent[] = [];
  for (const site of newestFirst(sites)) {
    const edition = site.editions.find((e) => e.lang === lang)!;
    const shown = itemsShown(site, edition);
    const count = shown.open;
    if (count === 0) continue;
    total += count;
    sections.push(h('section', { lang: edition.docLang, dir: dirOf(edition.docLang) }, [
      h('h2', {}, [h('a', { href: href(path, paths.actions(lang, site.slug)) }, [edition.title])]),
      h('p', { className: ['item-meta'] }, [dateElement(t, site.date), ' · ', t('actionItems.count', { count })]),
      // Rendered and sanitised with the meeting (sectionsHast) and kept in a file: the page is written around it.
      rawHtml(fragmentMark(shown.openFragment)) as ElementContent,
    ]));
  }
  main.push(h('p', { className: ['meta'] }, [t('actionItems.count', { count: total }), ' · ', h('a', { href: href(path, 'action-items.json') }, [t('actionItems.json')])]));
  main.push(...(sections.length > 0 ? sections : [h('p', {}, [t('actionItems.none')])]));
  if (lang !== SOURCE_LANG) main.push(disclaimerAside(lang, context.locales)!);
  return { path, lang, title: t('actionItems.openHeading'), alternates: new Map(languages.map((l) => [l.tag, paths.openActions(l.tag)])), main, raw: true };
}

/** Where the HTML of a fragment file goes in a page (sanitised content never holds a comment). */
export function fragmentMark(name: string): string {
  return `<!--bitext-fragment:${name}-->`;
}

/** A page's HTML as text and fragment file names, in order, for writing the page without holding the fragments. */
export function splitAtFragments(html: string): { text: string[]; fragments: string[] } {
  const parts = html.split(/<!--bitext-fragment:([0-9a-f]{64}\.(?:html|json))-->/);
  return { text: parts.filter((_, i) => i % 2 === 0), fragments: parts.filter((_, i) => i % 2 === 1) };
}

/**
 * `action-items.json` as chunks: every open item of the English and of each translation
 * (converted editions included), meetings newest first, formatted as `JSON.stringify(…, null, 2)`
 * would. An archive's items can run to tens of megabytes, written without one string of them all;
 * `read` gives the content of a fragment file, passed on as it is (bytes need not be decoded to
 * be written again).
 */
export async function* actionItemsJsonChunks<Content>(sites: readonly SiteSummary[], read: (name: string) => Promise<Content>): AsyncGenerator<string | Content> {
  let first = true;
  for (const site of newestFirst(sites)) {
    if (site.itemsFragment === '') continue;
    yield first ? '{\n  "version": 1,\n  "items": [\n' : ',\n';
    yield await read(site.itemsFragment);
    first = false;
  }
  yield first ? '{\n  "version": 1,\n  "items": []\n}\n' : '\n  ]\n}\n';
}
