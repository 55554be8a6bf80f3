/**
 * The built site in a real browser: Debian's chromium driven by
 * playwright-core over a tiny static server. Skipped (with the command to
 * install chromium) where there is no browser, except with CI=true, where a
 * missing browser fails the run.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/content.js';
import { buildSite, type BuiltSite } from '../publish/site.js';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'sudo apt-get install -y chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env['CI'] === 'true') {
  throw new Error(`No browser at ${CHROMIUM}: the browser tests cannot be skipped in CI. Install it with \`${INSTALL}\`.`);
}
if (!available) console.warn(`Browser tests skipped: no ${CHROMIUM}. Install it with \`${INSTALL}\`.`);

const MEETING = '2024-02-27-first-open-consultations-mag';
const PROBE = '2024-03-01-xss-probe';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.xml': 'application/xml', '.md': 'text/markdown; charset=utf-8' };

/** Serve `root` on localhost: GET of files only, nothing outside the folder. */
function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = path.join(root, decodeURIComponent(url.pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!available)('the built site in chromium', () => {
  let site: BuiltSite;
  let server: Server;
  let context: BrowserContext;
  let profile: string;
  let base: string;

  beforeAll(async () => {
    site = await buildSite(['xss']);
    server = await serve(site.out);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    profile = await mkdtemp(path.join(os.tmpdir(), 'bitext-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (profile) await rm(profile, { recursive: true, force: true });
    if (site) await rm(site.cwd, { recursive: true, force: true });
  });

  /** Open a page and record every dialog, console message and request to another origin. */
  async function open(file: string): Promise<{ page: Page; dialogs: string[]; consoles: string[]; foreign: string[] }> {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const consoles: string[] = [];
    const foreign: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => consoles.push(message.text()));
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) foreign.push(request.url());
    });
    await page.goto(new URL(file, base).href, { waitUntil: 'load' });
    return { page, dialogs, consoles, foreign };
  }

  it('switches from English to Chinese and back with the language links', async () => {
    const { page, foreign } = await open(`en/${MEETING}.html`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('nav.languages a[hreflang="zh"]');
    await page.waitForURL(`**/zh/${MEETING}.html`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh');
    expect(await page.textContent('nav.languages a[aria-current="page"]')).toBe('中文（简体）');
    await page.click('nav.languages a[hreflang="en"]');
    await page.waitForURL(`**/en/${MEETING}.html`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('shows the Chinese then the English disclaimer at the end of a Chinese page, and writes a screenshot', async () => {
    const { page } = await open(`zh/${MEETING}.html`);
    const sections = page.locator('aside.disclaimer section');
    expect(await sections.count()).toBe(2);
    expect(await sections.nth(0).getAttribute('lang')).toBe('zh');
    expect(await sections.nth(0).textContent()).toContain('本译文由 IGF MAG 多语言工作组成员自愿提供');
    expect(await sections.nth(1).textContent()).toContain('This translation is a voluntary contribution');
    await sections.nth(0).scrollIntoViewIfNeeded();
    expect(await sections.nth(0).isVisible()).toBe(true);
    expect(await page.locator('article.content').innerText()).not.toContain('免责声明');
    await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
    await page.setViewportSize({ width: 900, height: 1200 });
    await sections.nth(0).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ROOT, 'test-results/zh-page.png') });
    await page.close();
  });

  it('shows the side-by-side page as aligned rows of English and Chinese', async () => {
    const { page } = await open(`zh/${MEETING}.aligned.html`);
    const rows = page.locator('table.bitext-alignment tbody tr');
    expect(await rows.count()).toBeGreaterThan(50);
    const first = rows.nth(0).locator('td');
    expect(await first.nth(0).getAttribute('lang')).toBe('en');
    expect(await first.nth(1).getAttribute('lang')).toBe('zh');
    expect(await first.nth(0).innerText()).toContain('2024 United Nations Internet Governance Forum');
    expect(await first.nth(1).innerText()).toContain('2024年联合国互联网治理论坛');
    await page.close();
  });

  it('lays out Arabic right to left with the English shown as not yet translated', async () => {
    const { page } = await open(`ar/${MEETING}.html`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('article.content', 'lang')).toBe('en');
    expect(await page.textContent('.banner.untranslated')).toContain('content/README.md');
    await page.close();
  });

  it('never runs script from Markdown, front matter or links', async () => {
    const pages = [`en/${PROBE}.html`, `zh/${PROBE}.html`, `zh/${PROBE}.aligned.html`, `zh/${PROBE}.actions.html`, 'zh/action-items.html', 'en/index.html', 'zh-Hant/index.html'];
    for (const file of pages) {
      const { page, dialogs, consoles, foreign } = await open(file);
      // Mouse over everything the probe wrote: an `onmouseover` that survived would run now.
      if (file.includes(PROBE)) for (const element of await page.locator('main *').all()) await element.hover({ timeout: 500 }).catch(() => undefined);
      for (const href of await page.locator('article a, .content a, table a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.locator('script, iframe, svg, object, embed').count()).toBe(0);
      // Evaluated in the page (the test itself has no DOM types): every attribute name that is an event handler.
      expect(await page.evaluate("[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'))")).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(consoles).toEqual([]);
      expect(foreign).toEqual([]);
      await page.close();
    }
    const { page } = await open(`zh/${PROBE}.html`);
    expect(await page.textContent('h1')).toContain("<script>window.__pwned = 'title'</script>");
    await page.close();
  });
});
