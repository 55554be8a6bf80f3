import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemsJson } from '../../pipeline/publish/action-pages.js';
import { buildSite, listFiles, readSite, type BuiltSite } from './site.js';

const FIRST = '2024-02-27-first-open-consultations-mag';
const PROBE = '2024-03-01-xss-probe';
let site: BuiltSite;
let files: string[];

beforeAll(async () => {
  site = await buildSite(['xss', 'pasted', 'clean']);
  files = await listFiles(site.out);
}, 120_000);

afterAll(async () => {
  if (site) await rm(site.cwd, { recursive: true, force: true });
});

/** Every `href` and `src` of an HTML text. */
function links(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&#x26;|&amp;/g, '&'));
}

describe('the site layout', () => {
  it('has a home page, a page per meeting and language, side-by-side and action-item pages', () => {
    for (const lang of ['en', 'zh', 'zh-Hant', 'fr', 'es', 'ru', 'ar']) {
      expect(files).toContain(`${lang}/index.html`);
      expect(files).toContain(`${lang}/action-items.html`);
      expect(files).toContain(`${lang}/${FIRST}.html`);
      expect(files).toContain(`${lang}/${FIRST}.actions.html`);
    }
    expect(files).toContain(`zh/${FIRST}.aligned.html`);
    expect(files).toContain(`zh-Hant/${FIRST}.aligned.html`);
    expect(files).not.toContain(`fr/${FIRST}.aligned.html`);
    expect(files).not.toContain('en/2024-12-15-nris-brochure.actions.html');
    for (const file of ['index.html', 'feed.xml', 'sitemap.xml', 'action-items.json', 'assets/site.css', `md/zh/${FIRST}.md`, `md/zh-Hant/${FIRST}.md`, `md/en/${FIRST}.md`]) expect(files).toContain(file);
    for (const ext of ['md', 'tmx', 'xlf', 'xliff12.xlf']) expect(files).toContain(`downloads/${FIRST}/en-zh.${ext}`);
  });

  it('links only with relative URLs that resolve to files of the site (works offline, from any path)', async () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      for (const url of links(await readSite(site, file))) {
        if (/^(https?|mailto):/.test(url) || url.startsWith('#')) continue;
        expect(url.startsWith('/'), `${file}: ${url}`).toBe(false);
        const target = path.posix.join(path.posix.dirname(file), url.split('#')[0]!);
        if (!files.includes(target)) broken.push(`${file} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('loads nothing from another site and runs no JavaScript', async () => {
    for (const file of files.filter((f) => f.endsWith('.html') || f.endsWith('.css'))) {
      const text = await readSite(site, file);
      expect(text).not.toMatch(/<script|@import|url\(/i);
      expect(text).not.toMatch(/<(?:link|img)[^>]+(?:href|src)="(?:https?:)?\/\//);
    }
  });
});

describe('a meeting page', () => {
  it('declares its language and direction, with hreflang alternates and the switcher', async () => {
    const zh = await readSite(site, `zh/${FIRST}.html`);
    expect(zh).toMatch(/^<!doctype html><html lang="zh" dir="ltr">/);
    expect(zh).toContain(`<link rel="alternate" hreflang="en" href="../en/${FIRST}.html">`);
    expect(zh).toContain(`<link rel="alternate" hreflang="x-default" href="../en/${FIRST}.html">`);
    expect(zh).toContain(`<a href="${FIRST}.html" hreflang="zh" lang="zh" dir="ltr" aria-current="page">中文（简体）</a>`);
    const ar = await readSite(site, `ar/${FIRST}.html`);
    expect(ar).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
  });

  it('ends a translation with its disclaimer then the English one, once, and gives the English none', async () => {
    const zh = await readSite(site, `zh/${FIRST}.html`);
    const aside = zh.slice(zh.indexOf('<aside class="disclaimer">'));
    expect(aside).toMatch(/^<aside class="disclaimer"><section lang="zh" dir="ltr"><h2>免责声明<\/h2><p>本译文由 IGF MAG 多语言工作组成员自愿提供，.*<\/p><\/section><section lang="en" dir="ltr"><h2>Disclaimer<\/h2><p>This translation is a voluntary contribution/);
    expect((await readSite(site, `en/${FIRST}.html`)).includes('class="disclaimer"')).toBe(false);
    const pasted = await readSite(site, 'zh/2024-06-01-pasted.html');
    expect(pasted.split('自愿提供').length - 1).toBe(1);
    expect(pasted).not.toContain('不能保证');
    const aligned = await readSite(site, 'zh/2024-06-01-pasted.aligned.html');
    expect(aligned.slice(0, aligned.indexOf('<aside'))).not.toContain('voluntary contribution');
  });

  it('publishes the translated Markdown with its front matter as written and the two disclaimers', async () => {
    const md = await readSite(site, `md/zh/${FIRST}.md`);
    expect(md.startsWith('---\ntitle: "2024年联合国互联网治理论坛')).toBe(true);
    expect(md).toMatch(/\n## 免责声明\n\n本译文由[^\n]+\n\n## Disclaimer\n\nThis translation[^\n]+\n$/);
    const en = await readSite(site, `md/en/${FIRST}.md`);
    expect(en).not.toContain('Disclaimer');
  });

  it('shows a language without a translation as the English, with how to contribute', async () => {
    const fr = await readSite(site, `fr/${FIRST}.html`);
    expect(fr).toContain('<html lang="fr" dir="ltr">');
    expect(fr).toContain('<article lang="en" dir="ltr" class="content">');
    expect(fr).toContain('Pas encore traduit');
    expect(fr).toContain(`content/${FIRST}/fr.md`);
    expect(fr).toContain('content/README.md');
  });

  it('gives a Traditional Chinese edition converted from the Simplified one, labelled as machine-converted', async () => {
    const hant = await readSite(site, `zh-Hant/${FIRST}.html`);
    expect(hant).toContain('由簡體中文機器轉換');
    expect(hant).toContain('2024年聯合國互聯網治理論壇');
    expect(hant).not.toContain('2024年联合国互联网治理论坛');
    expect(hant).toContain('<section lang="zh-Hant" dir="ltr"><h2>免責聲明</h2>');
  });
});

describe('untrusted content', () => {
  it('never reaches a page as markup: no script, handler, javascript: or data: URL', async () => {
    for (const file of files.filter((f) => f.includes(PROBE) && f.endsWith('.html')).concat(['en/index.html', 'zh/action-items.html'])) {
      const html = await readSite(site, file);
      expect(html, file).not.toMatch(/<(script|svg|iframe|object|embed|math)\b/i);
      expect(html, file).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      expect(html, file).not.toMatch(/(href|src)="\s*(javascript|data):/i);
    }
    const page = await readSite(site, `zh/${PROBE}.html`);
    expect(page).toContain('<h1 lang="zh" dir="ltr">探针 &#x3C;script>window.__pwned = \'title\'&#x3C;/script>');
    expect(page).toContain('<title>探针 &#x3C;script>');
  });
});

describe('action items', () => {
  it('are listed per meeting by section, and all open ones on one page per language', async () => {
    const page = await readSite(site, `en/${FIRST}.actions.html`);
    expect(page).toContain('<h2>27 February 2024 › Joint meeting of the Leadership Panel and the MAG</h2>');
    expect(page).toContain('<li>Condense the IGF\'s recommendations into short statements to better support their dissemination.</li>');
    const open = await readSite(site, 'en/action-items.html');
    expect(open).toContain('Send the draft to the Secretariat.');
    expect(open).not.toContain('Publish the agenda.');
  });

  it('are written to action-items.json in the documented shape, open ones only, newest meeting first', async () => {
    const json = JSON.parse(await readSite(site, 'action-items.json')) as ActionItemsJson;
    expect(json.version).toBe(1);
    expect(Object.keys(json.items[0]!).sort()).toEqual(['date', 'done', 'id', 'lang', 'lead', 'meeting', 'page', 'section', 'source', 'subitems', 'text', 'title']);
    expect(json.items.every((item) => !item.done)).toBe(true);
    expect(new Set(json.items.map((item) => item.lang))).toEqual(new Set(['en', 'zh', 'zh-Hant']));
    const dates = json.items.map((item) => item.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(json.items.every((item) => files.includes(item.page))).toBe(true);
    expect(json.items.filter((item) => item.meeting === FIRST && item.lang === 'en')).toHaveLength(42);
  });
});

describe('feed and sitemap', () => {
  it('are valid XML with one feed entry per published document and every page in the sitemap', async () => {
    const feed = await readSite(site, 'feed.xml');
    const sitemap = await readSite(site, 'sitemap.xml');
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(XMLValidator.validate(sitemap)).toBe(true);
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    // en, zh and zh-Hant of the three bundled meetings and the two fixtures with a translation; the English of the other
    expect(feed.split('<entry ').length - 1).toBe(5 * 3 + 1);
    expect(feed).toContain('<updated>2025-02-05T00:00:00Z</updated>');
    expect(feed).toContain('<title type="text">探针 &lt;script&gt;');
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(sitemap.split('<url>').length - 1).toBe(pages.length);
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="zh" href="http://localhost:8080/zh/${FIRST}.html"`);
  });

  it('offer downloads that are well-formed TMX and XLIFF', async () => {
    for (const ext of ['tmx', 'xlf', 'xliff12.xlf']) expect(XMLValidator.validate(await readSite(site, `downloads/${FIRST}/en-zh.${ext}`))).toBe(true);
    expect(existsSync(path.join(site.out, `downloads/${FIRST}/en-zh-Hant.tmx`))).toBe(true);
  });
});
