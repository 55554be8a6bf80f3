import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../pipeline/report.js';
import type { BumpJson } from '../pipeline/commands/bump.js';
import type { NewJson } from '../pipeline/commands/new.js';
import type { DiffReport } from '../pipeline/track-diff.js';
import type { StatusReport } from '../pipeline/track-status.js';
import { runCli } from './helpers/cli.js';
import { acceptanceRepo, COMMIT_TIME, PLACEHOLDER, TempRepo } from './fixtures/track/repo.js';

const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) rmSync(repo.dir, { recursive: true, force: true });
});
function history(): ReturnType<typeof acceptanceRepo> {
  const made = acceptanceRepo();
  repos.push(made.repo);
  return made;
}

describe('acceptance: edit the English, see what is stale, update, bump', async () => {
  const { repo, slug, first, second } = history();
  const zh = `content/${slug}/zh.md`;

  it('status: exactly 2 stale and 1 missing; the moved paragraph is not stale', async () => {
    const { code, stdout } = await runCli(['status', '--format', 'json'], repo.dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as StatusReport;
    expect(report.translations).toHaveLength(1);
    const [t] = report.translations;
    expect(t).toMatchObject({ slug, lang: 'zh', path: zh, mode: 'git', sourceCommit: first, stale: 2, missing: 1, untranslated: 0, segments: 20, translated: 19, current: 17, complete: 85, outdated: true, note: null });
    expect(t!.sourceDate).toBe(new Date(COMMIT_TIME * 1000).toISOString());
    expect(t!.ageDays).toBeGreaterThanOrEqual(0);
    expect(report.summary).toEqual({ translations: 1, segments: 20, translated: 19, current: 17, stale: 2, missing: 1, untranslated: 0, complete: 85 });
  });

  it('status table: one row per translation and a summary line', async () => {
    const { stdout } = await runCli(['status'], repo.dir);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^meeting\s+lang\s+segments\s+translated\s+stale\s+missing\s+untranslated\s+complete\s+source age\s+mode$/);
    expect(lines[1]).toMatch(new RegExp(`^${slug}\\s+zh\\s+20\\s+19\\s+2\\s+1\\s+0\\s+85\\.0%\\s+\\d+ d\\s+git$`));
    expect(lines.at(-1)).toBe('1 translation(s), 20 English segments: 19 translated, 2 stale, 1 missing, 0 untranslated; 85.0% complete');
  });

  it('diff: the two word diffs beside the translation, with file:line to edit', async () => {
    const text = await runCli(['diff', slug, '--lang', 'zh'], repo.dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${zh}: 2 stale, 1 missing, 2 moved (still current) since ${first.slice(0, 10)}`);
    expect(text.stdout).toContain(`${zh}:17:3  stale\n  English:     Increase the transparency of the selection process for {+all +}sessions[- other than -]{+, including +}workshops.`);
    expect(text.stdout).toContain('  translation: 增加不同于研讨会的会议选择过程的透明度。');
    expect(text.stdout).toContain(`${zh}:25:1  stale\n  English:     The IGF Secretariat presented the {+final +}results of the IGF 2024 open call for thematic inputs{+ and issue areas+}.`);
    expect(text.stdout).toContain('missing: translate near here\n  English:     The MAG agreed to hold its second meeting online in April 2024.');
    expect(text.stdout).not.toContain('\x1b[');

    const json = JSON.parse((await runCli(['diff', slug, '--lang', 'zh', '--format', 'json'], repo.dir)).stdout) as DiffReport;
    expect(json).toMatchObject({ slug, lang: 'zh', path: zh, source: `content/${slug}/en.md`, mode: 'git', sourceCommit: first, outdated: true, moved: 2, note: null });
    expect(json.stale.map((s) => [s.kind, s.at.line, s.english?.line])).toEqual([
      ['changed', 17, 13],
      ['changed', 25, 23],
    ]);
    expect(json.stale[1]!.changes.filter((c) => c.added).map((c) => c.value)).toEqual(['final ', ' and issue areas']);
    expect(json.missing).toEqual([
      { text: 'The MAG agreed to hold its second meeting online in April 2024.', english: { path: `content/${slug}/en.md`, line: 34, column: 1 }, near: { path: zh, line: 36, column: 1 } },
    ]);

    const md = (await runCli(['diff', slug, '--lang', 'zh', '--format', 'md'], repo.dir)).stdout;
    expect(md).toContain(`## \`${zh}:25:1\``);
    expect(md).toContain('- English: The IGF Secretariat presented the **final** results of the IGF 2024 open call for thematic inputs **and issue areas**.');
    const html = (await runCli(['diff', slug, '--lang', 'zh', '--format', 'html'], repo.dir)).stdout;
    expect(html).toContain('<ins>final </ins>results');
    expect(html).toContain('<td lang="zh">增加不同于研讨会的会议选择过程的透明度。</td>');
    const colour = (await runCli(['diff', slug, '--lang', 'zh', '--color'], repo.dir)).stdout;
    expect(colour).toContain('\x1b[32;4mfinal \x1b[0m');
  });

  it('check: stale segments are warnings, errors with --fail-on stale', async () => {
    const warn = await runCli(['check', 'content', '--format', 'json'], repo.dir);
    const report = JSON.parse(warn.stdout) as JsonReport;
    const mine = report.files.flatMap((f) => f.messages).filter((m) => ['stale-segment', 'missing-translation'].includes(m.ruleId ?? ''));
    expect(mine.map((m) => [m.ruleId, m.line, m.severity, m.related])).toEqual([
      ['stale-segment', 17, 'warning', `content/${slug}/en.md:13:3`],
      ['stale-segment', 25, 'warning', `content/${slug}/en.md:23:1`],
      ['missing-translation', 36, 'warning', `content/${slug}/en.md:34:1`],
    ]);
    const fail = await runCli(['check', 'content', '--fail-on', 'stale', '--format', 'json'], repo.dir);
    expect(fail.code).toBe(1);
    const errors = (JSON.parse(fail.stdout) as JsonReport).files.flatMap((f) => f.messages).filter((m) => m.severity === 'error');
    expect(errors.map((m) => m.ruleId)).toEqual(['stale-segment', 'stale-segment', 'missing-translation']);
  });

  it('bump: refused while the stale segments are not updated', async () => {
    const { code, stdout } = await runCli(['bump', slug, '--lang', 'zh', '--format', 'json'], repo.dir);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as BumpJson;
    expect(json).toMatchObject({ path: zh, previous: first, sourceCommit: second, written: false });
    expect(json.refused).toMatch(/2 stale and 1 missing/);
    expect(json.pending.stale.map((s) => s.line)).toEqual([17, 25]);
    expect(repo.read(zh)).toContain(`source_commit: "${first}"`);
  });

  it('bump: after the translator updated zh.md, records the commit by a range edit and status is clean', async () => {
    repo.copy('acceptance/zh-v2.md', zh, { [PLACEHOLDER]: first });
    repo.commit('Update the Chinese translation');
    const before = repo.read(zh);
    const { code, stdout } = await runCli(['bump', slug, '--lang', 'zh'], repo.dir);
    expect(stdout).toBe(`${zh}: source_commit ${first} → ${second}\n`);
    expect(code).toBe(0);
    const after = repo.read(zh);
    const hash = repo.git('rev-parse', `${second}:content/${slug}/en.md`);
    expect(after).toBe(before.replace(first, second).replace(`source_commit: "${second}"\n`, `source_commit: "${second}"\nsource_hash: "${hash}"\n`));
    const status = JSON.parse((await runCli(['status', '--format', 'json'], repo.dir)).stdout) as StatusReport;
    expect(status.translations[0]).toMatchObject({ stale: 0, missing: 0, complete: 100, outdated: false, sourceCommit: second });
    const again = await runCli(['bump', slug, '--lang', 'zh'], repo.dir);
    expect(again.stdout).toBe(`${zh}: already at ${second}\n`);
  });
});

describe('bump edge cases', () => {
  it('--force records the commit although segments are stale', async () => {
    const { repo, slug, second } = history();
    const { code } = await runCli(['bump', slug, '--lang', 'zh', '--force'], repo.dir);
    expect(code).toBe(0);
    expect(repo.read(`content/${slug}/zh.md`)).toContain(`source_commit: "${second}"`);
  });

  it('counts a stale segment as updated only when its translation changed since source_commit was set', async () => {
    const { repo, slug, first } = history();
    const zh = `content/${slug}/zh.md`;
    // Only one of the two stale sentences updated, the new paragraph translated.
    repo.write(zh, repo.read(zh).replace('增加不同于研讨会的会议选择过程的透明度。', '增加所有会议（包括研讨会）选择过程的透明度。') + '\nMAG同意于2024年4月以在线方式举行第二次会议。\n');
    repo.commit('Partial update');
    const json = JSON.parse((await runCli(['bump', slug, '--lang', 'zh', '--format', 'json'], repo.dir)).stdout) as BumpJson;
    expect(json.refused).toMatch(/1 stale and 0 missing/);
    expect(json.pending.stale.map((s) => s.line)).toEqual([25]);
    expect(repo.read(zh)).toContain(first);
  });

  it('adds source_commit and source_hash to a translation that has neither, on the lines where they belong', async () => {
    const { repo, slug, second } = history();
    const zh = `content/${slug}/zh.md`;
    repo.write(zh, repo.read(zh).replace(/source_commit: .*\n/, ''));
    repo.commit('A translation without source_commit');
    const { code } = await runCli(['bump', slug, '--lang', 'zh'], repo.dir);
    expect(code).toBe(0);
    const hash = repo.git('rev-parse', `${second}:content/${slug}/en.md`);
    expect(repo.read(zh)).toContain(`status: published\nsource_commit: "${second}"\nsource_hash: "${hash}"\n---\n`);
  });

  it('refuses to write over uncommitted changes of the translation', async () => {
    const { repo, slug, first } = history();
    const zh = `content/${slug}/zh.md`;
    repo.copy('acceptance/zh-v2.md', zh, { [PLACEHOLDER]: first }); // updated, not committed
    const edited = repo.read(zh);
    const { code, stderr } = await runCli(['bump', slug, '--lang', 'zh'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/zh\.md: has uncommitted changes; commit or stash them first, or pass --force/);
    expect(repo.read(zh)).toBe(edited);
  });
});

describe('new', () => {
  function memoryRepo(): TempRepo {
    const repo = new TempRepo();
    repos.push(repo);
    const slugs = ['2024-05-14-second-mag-meeting', '2024-06-18-third-mag-meeting', '2024-09-10-fourth-mag-meeting'];
    for (const slug of slugs) repo.copy(`memory/${slug}/en.md`, `content/${slug}/en.md`);
    const commit = repo.commit('en');
    for (const slug of slugs.slice(0, 2)) repo.copy(`memory/${slug}/zh.md`, `content/${slug}/zh.md`, { [PLACEHOLDER]: commit });
    repo.commit('zh');
    return repo;
  }

  it('creates the translation pre-filled from the memory, which then checks clean of errors and reports the fuzzy match', async () => {
    const repo = memoryRepo();
    const slug = '2024-09-10-fourth-mag-meeting';
    const { code, stdout } = await runCli(['new', slug, '--lang', 'zh', '--format', 'json'], repo.dir);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as NewJson;
    expect(json).toMatchObject({ path: `content/${slug}/zh.md`, lang: 'zh', segments: 16, notes: [] });
    expect(json.exact).toHaveLength(11);
    expect(json.fuzzy.map((f) => [f.line, f.english])).toEqual([[36, 'The next MAG meeting will be held online on 12 October 2024.']]);
    expect(json.untranslated).toHaveLength(4);
    const check = JSON.parse((await runCli(['check', `content/${slug}`, '--format', 'json'], repo.dir)).stdout) as JsonReport;
    const messages = check.files.flatMap((f) => f.messages);
    expect(messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'fuzzy-match').map((m) => m.line)).toEqual([36]);
    expect(messages.filter((m) => m.ruleId === 'stale-segment' || m.ruleId === 'missing-translation')).toEqual([]);
  });

  it('editing a fuzzy segment clears its mark', async () => {
    const repo = memoryRepo();
    const slug = '2024-09-10-fourth-mag-meeting';
    await runCli(['new', slug, '--lang', 'zh'], repo.dir);
    const file = `content/${slug}/zh.md`;
    repo.write(file, repo.read(file).replace('下一次MAG会议将于2024年7月9日在线举行。', '下一次MAG会议将于2024年10月12日在线举行。'));
    const check = JSON.parse((await runCli(['check', `content/${slug}`, '--format', 'json'], repo.dir)).stdout) as JsonReport;
    expect(check.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'fuzzy-match')).toEqual([]);
  });

  it('refuses to overwrite an existing translation', async () => {
    const repo = memoryRepo();
    const before = repo.read('content/2024-05-14-second-mag-meeting/zh.md');
    const { code, stderr } = await runCli(['new', '2024-05-14-second-mag-meeting', '--lang', 'zh'], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/already exists/);
    expect(repo.read('content/2024-05-14-second-mag-meeting/zh.md')).toBe(before);
  });

  it('fills nothing when the memory of the language is empty, and says so per segment', async () => {
    const repo = memoryRepo();
    const { code, stdout } = await runCli(['new', '2024-09-10-fourth-mag-meeting', '--lang', 'fr'], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toContain('content/2024-09-10-fourth-mag-meeting/fr.md: created from 16 English segments: 0 exact, 0 fuzzy (to review), 16 left in English');
    expect(existsSync(repo.path('content/2024-09-10-fourth-mag-meeting/fr.md'))).toBe(true);
  });
});

describe('bad input', () => {
  it('names an unknown meeting and lists the known ones', async () => {
    const { repo } = history();
    for (const command of [['diff'], ['bump'], ['new']]) {
      const { code, stderr } = await runCli([...command, '2099-01-01-nothing', '--lang', 'zh'], repo.dir);
      expect(code).toBe(2);
      expect(stderr).toContain('Unknown meeting `2099-01-01-nothing`: no folder content/2099-01-01-nothing; meetings: 2024-02-27-evaluation');
    }
  });

  it('names an unknown language and the source language', async () => {
    const { repo, slug } = history();
    const unknown = await runCli(['diff', slug, '--lang', 'klingon'], repo.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown language `klingon`; expected one of zh, zh-Hant, fr, es, ru, ar/);
    const english = await runCli(['new', slug, '--lang', 'en'], repo.dir);
    expect(english.stderr).toMatch(/`en` is the source language/);
    const absent = await runCli(['diff', slug, '--lang', 'fr'], repo.dir);
    expect(absent.stderr).toMatch(/content\/2024-02-27-evaluation\/fr.md does not exist; start it with `bitext new 2024-02-27-evaluation --lang fr`/);
  });

  it('outside a git repository: status says why, bump refuses, new records no source_commit', async () => {
    const plain = new TempRepo(false);
    repos.push(plain);
    const slug = '2024-02-27-evaluation';
    plain.copy('acceptance/en.md', `content/${slug}/en.md`);
    plain.copy('acceptance/zh.md', `content/${slug}/zh.md`, { [PLACEHOLDER]: 'abcdef1234567890abcdef1234567890abcdef12' });
    const status = JSON.parse((await runCli(['status', '--format', 'json'], plain.dir)).stdout) as StatusReport;
    expect(status.translations[0]).toMatchObject({ mode: 'none', note: 'no-source-history: not a git repository', ageDays: null, sourceDate: null });
    const check = JSON.parse((await runCli(['check', 'content', '--format', 'json'], plain.dir)).stdout) as JsonReport;
    expect(check.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'no-source-history')).toMatchObject({ severity: 'info', line: 1 });
    const bump = await runCli(['bump', slug, '--lang', 'zh'], plain.dir);
    expect(bump.code).toBe(2);
    expect(bump.stderr).toMatch(/not in a git repository/);
    const created = await runCli(['new', slug, '--lang', 'fr'], plain.dir);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('note: not a git repository: no `source_commit` recorded');
    expect(plain.read(`content/${slug}/fr.md`)).not.toContain('source_commit');
  });

  it('a translation without source_commit: check warns, status notes it', async () => {
    const { repo, slug } = history();
    const zh = `content/${slug}/zh.md`;
    repo.write(zh, repo.read(zh).replace(/source_commit: .*\n/, ''));
    const check = JSON.parse((await runCli(['check', 'content', '--format', 'json'], repo.dir)).stdout) as JsonReport;
    expect(check.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'no-source-commit')).toHaveLength(1);
    const status = JSON.parse((await runCli(['status', '--format', 'json'], repo.dir)).stdout) as StatusReport;
    expect(status.translations[0]).toMatchObject({ mode: 'none', sourceCommit: null, note: 'no-source-commit: no `source_commit` in the front matter' });
  });
});
