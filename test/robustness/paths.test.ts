/** Slugs, language tags, output folders and symbolic links can never lead bitext outside its folders. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertLang, assertSlug, documentPath, outputDir, resolveInside, UnsafePath } from '../../pipeline/paths.js';
import { loadCorpus } from '../../pipeline/load.js';
import { ROOT } from '../helpers/content.js';
import { scratchDir } from '../helpers/scratch.js';

describe('path safety', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bitext-paths-'));
  afterAll(() => rmSync(root, { recursive: true, force: true })); // shared by the tests below, so removed after the last

  it.each(['../..', '../2024-01-01-x', '/etc', '2024-01-01-x/../../x', 'x', '2024-01-01-X', '2024-01-01-a b', '', '.', '2024-01-01-x\0'])('refuses the slug %j', (slug) => {
    expect(() => assertSlug(slug)).toThrow(UnsafePath);
    expect(() => documentPath(path.join(root, 'content'), slug, 'zh')).toThrow(UnsafePath);
  });

  it.each(['../en', 'zh/../../x', '/etc/passwd', 'ZH', 'zh-hant', 'xx', ''])('refuses the language tag %j', (tag) => {
    expect(() => assertLang(tag)).toThrow(UnsafePath);
  });

  it('accepts valid slugs and tags inside the content folder', () => {
    expect(documentPath(path.join(root, 'content'), '2024-02-27-first-open-consultations-mag', 'zh-Hant')).toBe(
      path.join(root, 'content/2024-02-27-first-open-consultations-mag/zh-Hant.md'),
    );
  });

  it.each(['..', '../dist', '/tmp/dist', '.', 'dist/../..', ''])('refuses the output folder %j', (out) => {
    expect(() => outputDir(root, out)).toThrow(UnsafePath);
  });

  it('accepts an output folder inside the working directory', () => {
    expect(outputDir(root, 'dist')).toBe(path.join(root, 'dist'));
    expect(outputDir(root, path.join(root, 'site/out'))).toBe(path.join(root, 'site/out'));
  });

  it('refuses a path through a symbolic link that leads outside', () => {
    const outside = scratchDir('bitext-outside-');
    symlinkSync(outside, path.join(root, 'escape'));
    expect(() => resolveInside(root, 'escape/dist')).toThrow(/symbolic link/);
    expect(() => outputDir(root, 'escape')).toThrow(UnsafePath);
  });

  it('does not read symbolic links out of the content folder, and says so', async () => {
    const dir = scratchDir('bitext-symlink-');
    cpSync(path.join(ROOT, 'content/2024-12-15-nris-brochure'), path.join(dir, 'content/2024-12-15-nris-brochure'), { recursive: true });
    const secret = scratchDir('bitext-secret-');
    mkdirSync(path.join(secret, '2024-01-01-secret'));
    writeFileSync(path.join(secret, '2024-01-01-secret/en.md'), '---\ntitle: secret\n---\n\nXYZZY-MARKER.\n');
    writeFileSync(path.join(secret, 'fr.md'), 'XYZZY-MARKER');
    symlinkSync(path.join(secret, '2024-01-01-secret'), path.join(dir, 'content/2024-01-01-secret'));
    symlinkSync(path.join(secret, 'fr.md'), path.join(dir, 'content/2024-12-15-nris-brochure/fr.md'));
    const corpus = await loadCorpus(['content'], { cwd: dir });
    expect(corpus.meetings.map((m) => m.slug)).toEqual(['2024-12-15-nris-brochure']);
    expect(corpus.docs.some((d) => d.value.includes('XYZZY-MARKER'))).toBe(false);
    const refused = corpus.docs.filter((d) => d.file.messages.some((m) => m.ruleId === 'symlink-outside'));
    expect(refused.map((d) => d.file.path).sort()).toEqual(['content/2024-01-01-secret', 'content/2024-12-15-nris-brochure/fr.md']);
  });
});
