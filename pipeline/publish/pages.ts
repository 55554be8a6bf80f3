/**
 * The pages of a meeting (the document in one language, side by side with
 * the English) and the home page of each language, as `Page`s for the layout.
 */
import type { ElementContent } from 'hast';
import type { TFunction } from 'i18next';
import { disclaimersFor } from '../disclaimer.js';
import { languages, SOURCE_LANG } from '../languages.js';
import type { Locales } from '../locales.js';
import { extractActionItems } from './action-items.js';
import { downloadsOf, sideBySide, type Download } from './downloads.js';
import type { Edition, MeetingSite } from './editions.js';
import { newestFirst, translatedSummaries, type SiteSummary } from './summary.js';
import { dirOf, h, href, type Page } from './layout.js';
import { documentHtml, rawHtml } from './render.js';

/** Where each page lives in the site. */
export const paths = {
  home: (lang: string) => `${lang}/index.html`,
  meeting: (lang: string, slug: string) => `${lang}/${slug}.html`,
  aligned: (lang: string, slug: string) => `${lang}/${slug}.aligned.html`,
  actions: (lang: string, slug: string) => `${lang}/${slug}.actions.html`,
  openActions: (lang: string) => `${lang}/action-items.html`,
};

/** What every page needs: the locales and a translator per language. */
export interface Context {
  locales: Locales;
  t(lang: string): TFunction;
}

/** A date as the language writes it, in a `<time>` element. */
export function dateElement(t: TFunction, date: string): ElementContent {
  return h('time', { dateTime: date }, [longDate(t, date)]);
}

/**
 * Dates already written, per translator: a meeting's date is written on each of its pages in
 * every language, and i18next's interpolation and formatting cost tens of microseconds a call
 * (2% of a worker's time in a build). The string depends only on the translator and the date.
 */
const longDates = new WeakMap<TFunction, Map<string, string>>();

function longDate(t: TFunction, date: string): string {
  let known = longDates.get(t);
  if (!known) longDates.set(t, (known = new Map()));
  let text = known.get(date);
  if (text === undefined) known.set(date, (text = t('date.long', { date: new Date(`${date}T00:00:00Z`) })));
  return text;
}

/** The same page in every language that has it. */
function alternates(site: MeetingSite, path: (lang: string, slug: string) => string, only?: (edition: Edition) => boolean): Map<string, string> {
  return new Map(site.editions.filter((e) => !only || only(e)).map((e) => [e.lang, path(e.lang, site.slug)]));
}


/** The disclaimers closing a translated page: the page language's, then the English. */
export function disclaimerAside(lang: string, locales: Locales): ElementContent | undefined {
  const disclaimers = disclaimersFor(lang, locales);
  if (disclaimers.length === 0) return undefined;
  return h(
    'aside',
    { className: ['disclaimer'] },
    disclaimers.map((d) => h('section', { lang: d.lang, dir: dirOf(d.lang) }, [h('h2', {}, [d.heading]), h('p', {}, [d.text])])),
  );
}

/** Banners above a document: outdated translation, machine conversion, not yet translated. */
export function banners(edition: Edition, site: MeetingSite, t: TFunction, page: string): ElementContent[] {
  const out: ElementContent[] = [];
  const english = href(page, paths.meeting(SOURCE_LANG, site.slug));
  const banner = (kind: string, title: string, ...lines: (string | ElementContent)[]) =>
    h('div', { className: ['banner', kind], role: 'note' }, [h('strong', {}, [title]), ...lines.map((line) => h('p', {}, [line]))]);
  const fresh = edition.freshness;
  if (fresh && (fresh.stale > 0 || fresh.missing > 0 || fresh.outdated)) {
    const lines: (string | ElementContent)[] = [];
    if (fresh.stale > 0) lines.push(t('banner.staleDetail', { count: fresh.stale }));
    if (fresh.missing > 0) lines.push(t('banner.missing', { count: fresh.missing }));
    if (fresh.stale === 0 && fresh.missing === 0) lines.push(t('banner.outdated'));
    lines.push(h('a', { href: english, hrefLang: SOURCE_LANG }, [t('meeting.original')]));
    out.push(banner('stale', t('banner.stale'), ...lines));
  }
  if (edition.kind === 'converted') out.push(banner('converted', t('banner.converted'), t('banner.convertedDetail')));
  if (edition.kind === 'untranslated') {
    const language = t(`languages.${edition.lang}`);
    out.push(banner('untranslated', t('banner.untranslated'), t('banner.untranslatedDetail', { language }), t('banner.contribute', { file: `content/${site.slug}/${edition.lang}.md` })));
  }
  return out;
}

function docHeader(edition: Edition, site: MeetingSite, t: TFunction): ElementContent {
  const front = edition.doc.frontMatter!;
  const meta: (string | ElementContent)[] = [dateElement(t, site.date), ' · ', h('span', { lang: SOURCE_LANG }, [front.meeting])];
  if (edition.kind === 'translation' || edition.kind === 'converted') {
    if (front.translators.length > 0) meta.push(' · ', t('meeting.translators', { names: front.translators.join(', ') }));
    if (front.reviewers.length > 0) meta.push(' · ', t('meeting.reviewers', { names: front.reviewers.join(', ') }));
    meta.push(' · ', t(`meeting.status.${front.status}`));
  }
  return h('header', { className: ['doc'] }, [h('h1', { lang: edition.doc.lang, dir: dirOf(edition.doc.lang) }, [front.title]), h('p', { className: ['meta'] }, meta)]);
}

function docLinks(edition: Edition, site: MeetingSite, t: TFunction, page: string, downloads: readonly Download[]): ElementContent {
  const links: ElementContent[] = [];
  const link = (target: string, text: string, extra: Record<string, string> = {}) => h('li', {}, [h('a', { href: href(page, target), ...extra }, [text])]);
  if (edition.alignment) links.push(link(paths.aligned(edition.lang, site.slug), t('meeting.sideBySide')));
  if (extractActionItems(edition.doc).length > 0) links.push(link(paths.actions(edition.lang, site.slug), t('meeting.actionItems')));
  if (edition.kind !== 'source' && edition.kind !== 'untranslated') links.push(link(paths.meeting(SOURCE_LANG, site.slug), t('meeting.original'), { hrefLang: SOURCE_LANG }));
  const files = downloads.map((d) => h('li', {}, [h('a', { href: href(page, d.path), download: '' }, [t(`meeting.download.${d.kind}`)])]));
  return h('nav', { className: ['doc-links'] }, [
    h('ul', {}, links),
    files.length > 0 && h('section', { className: ['downloads'] }, [h('h2', {}, [t('meeting.downloads')]), h('ul', {}, files)]),
  ]);
}

/** A meeting in one language: the document, its banners, links, downloads and disclaimer. */
export function meetingPage(site: MeetingSite, edition: Edition, context: Context): { page: Page; downloads: Download[] } {
  const t = context.t(edition.lang);
  const path = paths.meeting(edition.lang, site.slug);
  const downloads = edition.alignment ? downloadsOf(edition.alignment, context.locales) : [];
  const doc = edition.doc;
  const main: ElementContent[] = [
    docHeader(edition, site, t),
    ...banners(edition, site, t, path),
    docLinks(edition, site, t, path, downloads),
    h('article', { lang: doc.lang, dir: dirOf(doc.lang), className: ['content'] }, doc.tree ? [rawHtml(documentHtml(doc.tree)) as ElementContent] : []),
  ];
  const aside = edition.kind === 'untranslated' || edition.kind === 'source' ? undefined : disclaimerAside(edition.lang, context.locales);
  if (aside) main.push(aside);
  return { page: { path, lang: edition.lang, title: doc.frontMatter!.title, alternates: alternates(site, paths.meeting), main, raw: true }, downloads };
}

/** A translation side by side with the English, one row per aligned sentence group. */
export function alignedPage(site: MeetingSite, edition: Edition, context: Context): Page {
  const t = context.t(edition.lang);
  const path = paths.aligned(edition.lang, site.slug);
  const main: ElementContent[] = [
    h('header', { className: ['doc'] }, [
      h('h1', { lang: edition.doc.lang, dir: dirOf(edition.doc.lang) }, [edition.doc.frontMatter!.title]),
      h('p', { className: ['meta'] }, [t('alignment.heading'), ' · ', h('a', { href: href(path, paths.meeting(edition.lang, site.slug)) }, [edition.doc.frontMatter!.title])]),
    ]),
    ...banners(edition, site, t, path),
    h('p', {}, [t('alignment.intro')]),
    h('div', { className: ['aligned'] }, [rawHtml(sideBySide(edition.alignment!)) as ElementContent]),
  ];
  const aside = disclaimerAside(edition.lang, context.locales);
  if (aside) main.push(aside);
  const only = (e: Edition) => e.kind === 'translation' || e.kind === 'converted';
  return { path, lang: edition.lang, title: `${edition.doc.frontMatter!.title} — ${t('alignment.heading')}`, alternates: alternates(site, paths.aligned, only), main, raw: true };
}

/** The home page of a language: meetings by year, newest first, with the languages each is in. */
export function homePage(lang: string, sites: readonly SiteSummary[], context: Context, path: string): Page {
  const t = context.t(lang);
  const byYear = new Map<string, SiteSummary[]>();
  for (const site of newestFirst(sites)) {
    const year = site.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), site]);
  }
  const main: ElementContent[] = [h('h1', {}, [t('site.title')]), h('p', {}, [t('site.tagline')])];
  for (const [year, list] of byYear) {
    main.push(h('section', { className: ['meetings'] }, [
      h('h2', {}, [t('home.year', { year })]),
      h('p', { className: ['meta'] }, [t('home.meetings', { count: list.length })]),
      h('ul', {}, list.map((site) => meetingEntry(site, lang, t, path, context))),
    ]));
  }
  const homes = new Map(languages.map((l) => [l.tag, paths.home(l.tag)]));
  return { path, lang, title: t('home.heading'), alternates: homes, main };
}

function meetingEntry(site: SiteSummary, lang: string, t: TFunction, path: string, context: Context): ElementContent {
  const edition = site.editions.find((e) => e.lang === lang)!;
  const available = [site.editions[0]!, ...translatedSummaries(site)].map((e) =>
    h('a', { href: href(path, paths.meeting(e.lang, site.slug)), hrefLang: e.lang, lang: e.lang, dir: dirOf(e.lang) }, [context.t(e.lang)('language.self')]),
  );
  return h('li', {}, [
    h('a', { href: href(path, paths.meeting(lang, site.slug)), lang: edition.docLang, dir: dirOf(edition.docLang) }, [edition.title]),
    h('p', { className: ['meta'] }, [dateElement(t, site.date), ' · ', h('span', { lang: SOURCE_LANG }, [site.meeting])]),
    h('p', { className: ['languages-of-meeting'] }, [t('home.available'), ' ', ...available]),
    edition.actions && h('p', {}, [h('a', { href: href(path, paths.actions(lang, site.slug)) }, [t('meeting.actionItems')])]),
  ]);
}
