import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importXliff } from '../../pipeline/exchange/import.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';
import { read, replaceOnce, tempRepo } from './repo.js';

const MEETING = '2024-02-27-first-open-consultations-mag';

describe('bitext export', () => {
  it('prints XLIFF 2.1 by default, 1.2 with --format xliff12, and writes -o files with the same bytes', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    const printed = await runCli(['export', MEETING], dir);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff [^>]*version="2\.1" srcLang="en" trgLang="zh">/);
    const old = await runCli(['export', MEETING, '--lang', 'zh', '--format', 'xliff12', '-o', 'out.xlf'], dir);
    expect(old.code).toBe(0);
    expect(old.stdout).toBe('');
    expect(read(dir, 'out.xlf')).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
    expect(read(dir, 'out.xlf')).toBe((await runCli(['export', MEETING, '--format', 'xliff12'], dir)).stdout);
  });

  it('names what is missing: the meeting, the language, the slug', async () => {
    const unknown = await runCli(['export', '2024-01-01-nothing', '--lang', 'zh'], ROOT);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('2024-01-01-nothing');
    const lang = await runCli(['export', MEETING, '--lang', 'fr'], ROOT);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toBe(`bitext: No fr translation of ${MEETING} to export\n`);
    const noSlug = await runCli(['export'], ROOT);
    expect(noSlug.code).toBe(2);
    expect(noSlug.stderr).toContain('XLIFF export needs one meeting');
    const markdown = await runCli(['export', MEETING, '-o', `content/${MEETING}/zh.md`], ROOT);
    expect(markdown.code).toBe(2);
    expect(readFileSync(path.join(ROOT, 'content', MEETING, 'zh.md'), 'utf8')).toMatch(/^---\n/);
  });

  it('refuses to export a meeting whose files have errors', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    replaceOnce(dir, `content/${MEETING}/zh.md`, 'kind: action-items', 'kind: minutes');
    const result = await runCli(['export', MEETING], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('front-matter-schema');
  });
});

describe('bitext import --dry-run', () => {
  it('counts the changes and writes nothing', async () => {
    const dir = tempRepo([path.join(ROOT, 'content', MEETING)]);
    await runCli(['export', MEETING, '-o', 'x.xlf'], dir);
    replaceOnce(dir, 'x.xlf', '<target>2024年联合国互联网治理论坛</target>', '<target>2024年联合国互联网治理论坛（IGF）</target>');
    const before = read(dir, `content/${MEETING}/zh.md`);
    const result = await runCli(['import', 'x.xlf', '--dry-run'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Would update 1 segment\(s\)/);
    expect(read(dir, `content/${MEETING}/zh.md`)).toBe(before);
    const direct = await importXliff('x.xlf', { cwd: dir, dryRun: true });
    expect(direct.edits).toHaveLength(1);
    expect(direct.written).toBe(false);
  });
});
