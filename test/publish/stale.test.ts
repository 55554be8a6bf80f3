import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../pipeline/git.js';
import { build } from '../../pipeline/publish/build.js';

const SLUG = '2024-07-01-stale';
const front = (extra = '') => `---\ntitle: "T"\ndate: "2024-07-01"\nmeeting: "IGF 2024 MAG, test meeting"\nkind: summary\n${extra}---\n\n`;
const EN_V1 = `${front()}# Meeting\n\nThe MAG met online on 1 July.\n\nThe Secretariat will publish the report.\n`;
const EN_V2 = `${front()}# Meeting\n\nThe MAG met onsite in Geneva on 1 July.\n\nThe Secretariat will publish the report.\n`;
const zh = (commit: string) =>
  `${front(`source_commit: "${commit}"\ntranslators: ["志愿者"]\nreviewers: []\nstatus: published\n`).replace('title: "T"', 'title: "会议"')}# 会议\n\nMAG 于 7 月 1 日举行了线上会议。\n\n秘书处将发布报告。\n`;

let cwd: string;

async function commit(message: string): Promise<string> {
  await git(cwd, ['add', '-A']);
  await git(cwd, ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', message]);
  return (await git(cwd, ['rev-parse', 'HEAD'])).trim();
}

beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'bitext-stale-'));
  await git(cwd, ['init', '-q']);
  await mkdir(path.join(cwd, 'content', SLUG), { recursive: true });
  await writeFile(path.join(cwd, 'content', SLUG, 'en.md'), EN_V1);
  const first = await commit('English');
  await writeFile(path.join(cwd, 'content', SLUG, 'zh.md'), zh(first));
  await commit('Chinese');
});

afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

describe('the outdated-translation banner', () => {
  it('is absent while the English is the one the translation was made from', async () => {
    await build({ cwd, out: 'dist', cache: false });
    const page = await readFile(path.join(cwd, 'dist/zh', `${SLUG}.html`), 'utf8');
    expect(page).not.toContain('banner stale');
  });

  it('appears on the translation and its converted edition once the English changed, from the track stage', async () => {
    await writeFile(path.join(cwd, 'content', SLUG, 'en.md'), EN_V2);
    await commit('Change the English');
    await build({ cwd, out: 'dist' });
    for (const lang of ['zh', 'zh-Hant']) {
      const page = await readFile(path.join(cwd, `dist/${lang}`, `${SLUG}.html`), 'utf8');
      expect(page).toContain('<div class="banner stale" role="note">');
    }
    const zhPage = await readFile(path.join(cwd, 'dist/zh', `${SLUG}.html`), 'utf8');
    expect(zhPage).toContain('<strong>译文已过时</strong><p>自本译文完成以来，英文原文有 1 处改动。');
    expect(zhPage).toContain(`<a href="../en/${SLUG}.html" hreflang="en">英文原文</a>`);
    expect(await readFile(path.join(cwd, 'dist/en', `${SLUG}.html`), 'utf8')).not.toContain('banner stale');
  });

  it('is kept with the meeting while its files are unchanged, and the cached build is the same as a fresh one', async () => {
    expect((await build({ cwd, out: 'dist' })).unchanged).toBe(1);
    const cached = await readFile(path.join(cwd, 'dist/zh', `${SLUG}.html`), 'utf8');
    await build({ cwd, out: 'dist', cache: false });
    expect(await readFile(path.join(cwd, 'dist/zh', `${SLUG}.html`), 'utf8')).toBe(cached);
  });

  it('is recomputed when the history changes under a translation whose commit was missing', async () => {
    const dir = path.join(cwd, 'content', SLUG);
    const original = await readFile(path.join(dir, 'zh.md'), 'utf8');
    await writeFile(path.join(dir, 'zh.md'), original.replace(/source_commit: "[0-9a-f]+"/, `source_commit: "${'0'.repeat(40)}"`));
    expect((await build({ cwd, out: 'dist' })).rendered).toBe(1);
    // Not in the history: no segment-level banner; the same files give the same result while the repository does not change.
    expect((await build({ cwd, out: 'dist' })).rendered).toBe(0);
    await commit('A commit moves HEAD');
    expect((await build({ cwd, out: 'dist' })).rendered).toBe(1);
    await writeFile(path.join(dir, 'zh.md'), original);
    await commit('Restore');
  });
});
