import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { meetingSlugs, ROOT } from './helpers/content.js';

describe('bitext align', () => {
  for (const slug of meetingSlugs()) {
    for (const format of ['table', 'json', 'md', 'html']) {
      it(`aligns ${slug} as ${format}`, async () => {
        const { code, stdout, stderr } = await runCli(['align', slug, '--lang', 'zh', '--format', format], ROOT);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout.length).toBeGreaterThan(1000);
        if (format === 'json') expect((JSON.parse(stdout) as { links: unknown[] }).links.length).toBeGreaterThan(50);
        if (format === 'html') expect(stdout).toMatch(/^<table class="bitext-alignment">[\s\S]*<\/table>\n$/u);
      });
    }
  }

  it('defaults to the table format and reads --content', async () => {
    const slug = meetingSlugs()[0]!;
    const plain = await runCli(['align', slug, '--lang', 'zh'], ROOT);
    const explicit = await runCli(['align', slug, '--lang', 'zh', '--format', 'table', '--content', 'content'], ROOT);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(explicit.stdout);
    expect(plain.stdout.split('\n')[0]).toMatch(/^link\s+score\s+en\s+zh$/u);
  });

  it('exits 2 naming the file when the meeting or the translation does not exist', async () => {
    const missing = await runCli(['align', '2099-01-01-nothing', '--lang', 'zh'], ROOT);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('content/2099-01-01-nothing/en.md');
    const noLang = await runCli(['align', meetingSlugs()[0]!, '--lang', 'fr'], ROOT);
    expect(noLang.code).toBe(2);
    expect(noLang.stderr).toContain('/fr.md');
  });

  it('exits 2 on a bad format, a missing --lang or --lang en', async () => {
    const source = await runCli(['align', meetingSlugs()[0]!, '--lang', 'en'], ROOT);
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('--lang en is the English source');
    expect((await runCli(['align', meetingSlugs()[0]!, '--lang', 'zh', '--format', 'pdf'], ROOT)).code).toBe(2);
    expect((await runCli(['align', meetingSlugs()[0]!], ROOT)).code).toBe(2);
  });
});
