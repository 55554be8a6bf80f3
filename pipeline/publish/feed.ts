/**
 * `feed.xml` (Atom 1.0) and `sitemap.xml` (with `xhtml:link` language
 * alternates), serialised by fast-xml-parser's builder, which escapes every
 * text and attribute. Dates are meeting dates, never the time of the build,
 * so the same content always gives the same files.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { SOURCE_LANG } from '../languages.js';
import { newestFirst, type SiteSummary } from './summary.js';
import { paths } from './pages.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** Absolute URL of a site path under `siteUrl` (which ends with `/`). */
export function absolute(siteUrl: string, sitePath: string): string {
  return new URL(sitePath, siteUrl).href;
}

/** The Atom feed: one entry per published document (the English and each translation), newest meeting first. */
export function atomFeed(sites: readonly SiteSummary[], siteUrl: string, title: string): string {
  const ordered = newestFirst(sites);
  const entries = ordered.flatMap((site) =>
    site.editions
      .filter((e) => e.kind !== 'untranslated')
      .map((edition) => {
        const url = absolute(siteUrl, paths.meeting(edition.lang, site.slug));
        return {
          '@_xml:lang': edition.lang,
          title: { '#text': edition.title, '@_type': 'text' },
          id: url,
          link: { '@_rel': 'alternate', '@_type': 'text/html', '@_hreflang': edition.lang, '@_href': url },
          updated: `${site.date}T00:00:00Z`,
          summary: { '#text': edition.meeting, '@_type': 'text' },
        };
      }),
  );
  const feed = {
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': SOURCE_LANG,
      title: { '#text': title, '@_type': 'text' },
      id: absolute(siteUrl, 'feed.xml'),
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': absolute(siteUrl, 'feed.xml') },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': absolute(siteUrl, 'index.html') },
      ],
      updated: `${ordered[0]?.date ?? '1970-01-01'}T00:00:00Z`,
      author: { name: 'IGF MAG Working Group on Multilingualism' },
      generator: 'bitext',
      entry: entries,
    },
  };
  return DECLARATION + builder.build(feed);
}

/** The sitemap: every page with its language alternates. */
export function sitemap(pages: readonly { path: string; alternates: Iterable<readonly [string, string]> }[], siteUrl: string): string {
  const urls = [...pages]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((page) => ({
      loc: absolute(siteUrl, page.path),
      'xhtml:link': [...page.alternates].map(([lang, target]) => ({ '@_rel': 'alternate', '@_hreflang': lang, '@_href': absolute(siteUrl, target) })),
    }));
  const doc = { urlset: { '@_xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9', '@_xmlns:xhtml': 'http://www.w3.org/1999/xhtml', url: urls } };
  return DECLARATION + builder.build(doc);
}
