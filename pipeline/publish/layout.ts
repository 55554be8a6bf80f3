/**
 * The page chrome as hast: `<html lang dir>`, the head with `hreflang`
 * alternates, the header with the language switcher (plain links, no
 * JavaScript) and the footer. Every string from content or locales goes in
 * as a text node or a property value, escaped by the serialiser.
 */
import path from 'node:path';
import type { Element, ElementContent, Properties, Root } from 'hast';
import type { TFunction } from 'i18next';
import { getLanguage, languages, SOURCE_LANG } from '../languages.js';

type Child = ElementContent | string | false | undefined;

/**
 * A hast element (hastscript is not a dependency of bitext and the chrome
 * needs only this): strings become text nodes, falsy children are dropped.
 */
export function h(tagName: string, properties: Properties = {}, children: readonly Child[] = []): Element {
  const kids: ElementContent[] = [];
  for (const child of children) {
    if (child === false || child === undefined || child === '') continue;
    kids.push(typeof child === 'string' ? { type: 'text', value: child } : child);
  }
  return { type: 'element', tagName, properties, children: kids };
}

/** Relative URL from the page at `from` to the file at `to` (both relative to the site root, POSIX). */
export function href(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative === '' ? path.posix.basename(to) : relative;
}

/** Writing direction of a language. */
export function dirOf(lang: string): 'ltr' | 'rtl' {
  return getLanguage(lang)?.dir ?? 'ltr';
}

export interface Page {
  /** Path of the page in the site, e.g. `zh/2024-02-27-x.html`. */
  path: string;
  lang: string;
  title: string;
  /** The same page in other languages, by language tag (the page's own included). */
  alternates: ReadonlyMap<string, string>;
  main: ElementContent[];
  /** The page holds HTML fragments serialised on their own from sanitised trees (a document, the side-by-side table), inserted as is. */
  raw?: boolean;
}

/** Language autonyms for the switcher, from each language's own locale. */
export type Autonyms = ReadonlyMap<string, string>;

/** The whole page: head, header with navigation and language switcher, main, footer. */
export function layout(page: Page, t: TFunction, autonyms: Autonyms): Root {
  const to = (target: string) => href(page.path, target);
  const head = h('head', {}, [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', {}, [`${page.title} — ${t('site.title')}`]),
    h('link', { rel: ['stylesheet'], href: to('assets/site.css') }),
    ...[...page.alternates].map(([lang, target]) => h('link', { rel: ['alternate'], hrefLang: lang, href: to(target) })),
    page.alternates.has(SOURCE_LANG) ? h('link', { rel: ['alternate'], hrefLang: 'x-default', href: to(page.alternates.get(SOURCE_LANG)!) }) : undefined,
    h('link', { rel: ['alternate'], type: 'application/atom+xml', title: t('nav.feed'), href: to('feed.xml') }),
  ]);
  const switcher = h('nav', { className: ['languages'], ariaLabel: t('nav.languages') }, [
    h(
      'ul',
      {},
      languages.map((language) => {
        const target = page.alternates.get(language.tag);
        const name = autonyms.get(language.tag) ?? language.name;
        if (!target) return undefined;
        const current = language.tag === page.lang;
        return h('li', {}, [
          h('a', { href: to(target), hrefLang: language.tag, lang: language.tag, dir: language.dir, ...(current ? { ariaCurrent: 'page' } : {}) }, [name]),
        ]);
      }),
    ),
  ]);
  const header = h('header', { className: ['site'] }, [
    h('a', { className: ['skip'], href: '#main' }, [t('site.skip')]),
    h('p', { className: ['site-title'] }, [h('a', { href: to(`${page.lang}/index.html`) }, [t('site.title')])]),
    h('nav', { className: ['sections'] }, [
      h('a', { href: to(`${page.lang}/index.html`) }, [t('nav.home')]),
      ' · ',
      h('a', { href: to(`${page.lang}/action-items.html`) }, [t('nav.openActionItems')]),
    ]),
    switcher,
  ]);
  const footer = h('footer', { className: ['site'] }, [
    h('p', {}, [t('footer.disclaimerNote')]),
    h('p', {}, [t('footer.generated'), ' ', h('a', { href: to('feed.xml') }, [t('nav.feed')]), ' · ', h('a', { href: to('action-items.json') }, ['JSON'])]),
  ]);
  const body = h('body', {}, [header, h('main', { id: 'main' }, page.main), footer]);
  return {
    type: 'root',
    children: [{ type: 'doctype' }, h('html', { lang: page.lang, dir: dirOf(page.lang) }, [head, body])],
  };
}

/** The site's style sheet: system fonts with CJK and Arabic fallbacks, comfortable line height, no external requests. */
export const CSS = `:root {
  --text: #1d1d1f; --muted: #5b5b66; --rule: #d8d8de; --accent: #0b5cad; --note: #fff6d6; --stale: #fde2e1; --bg: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans Arabic", sans-serif;
  line-height: 1.7; color: var(--text); background: var(--bg);
}
:lang(zh-Hant) { font-family: system-ui, "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }
:lang(zh), :lang(zh-Hant) { line-height: 1.85; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, sans-serif; line-height: 1.9; }
body { margin: 0 auto; max-width: 52rem; padding: 0 1.25rem 3rem; }
a { color: var(--accent); }
.skip { position: absolute; inset-inline-start: -100rem; }
.skip:focus { inset-inline-start: 1rem; }
header.site { border-block-end: 1px solid var(--rule); padding-block: 1rem; margin-block-end: 1.5rem; }
.site-title { font-weight: 600; margin: 0 0 .25rem; }
.site-title a { color: inherit; text-decoration: none; }
nav.languages ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
nav.languages a[aria-current="page"] { font-weight: 700; color: inherit; text-decoration: none; }
h1 { font-size: 1.8rem; line-height: 1.3; }
h2, h3, h4 { line-height: 1.35; margin-block-start: 2rem; }
.meta { color: var(--muted); }
.banner { border-inline-start: .3rem solid #b58900; background: var(--note); padding: .75rem 1rem; margin-block: 1rem; }
.banner.stale { border-color: #c0392b; background: var(--stale); }
.banner strong { display: block; }
aside.disclaimer { border-block-start: 1px solid var(--rule); margin-block-start: 3rem; color: var(--muted); font-size: .95rem; }
aside.disclaimer h2 { font-size: 1.05rem; margin-block-start: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .4rem .6rem; vertical-align: top; text-align: start; }
table.bitext-alignment td { width: 50%; }
table.bitext-alignment tbody[data-kind="heading"] td { font-weight: 600; }
.downloads ul, .meetings ul { padding-inline-start: 1.2rem; }
.meetings li { margin-block-end: 1.25rem; }
.meetings li p { margin-block: .15rem; }
.languages-of-meeting a { margin-inline-end: .6rem; }
.item-meta { color: var(--muted); font-size: .9rem; }
footer.site { border-block-start: 1px solid var(--rule); margin-block-start: 3rem; color: var(--muted); font-size: .9rem; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e8e8ec; --muted: #a8a8b3; --rule: #3a3a44; --accent: #7db4ff; --note: #3a3320; --stale: #43201e; --bg: #16161a; }
}
`;
