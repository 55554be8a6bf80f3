import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport, JsonMessage } from '../../pipeline/report.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';
import { scratchDir } from '../helpers/scratch.js';

const FIXTURE = 'test/fixtures/glossary/forbidden';
const MEETING = '2024-05-01-fixture-meeting';
const GLOSSARY = path.join(ROOT, 'glossary');

/** The fixture meeting copied to a fresh folder (optionally a git repository with it committed), removed when the test ends. */
function copyFixture(repo = false): string {
  const dir = scratchDir('bitext-glossary-');
  cpSync(path.join(ROOT, FIXTURE), path.join(dir, 'content'), { recursive: true });
  if (repo) {
    const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'fixture');
  }
  return dir;
}

function glossaryMessages(report: JsonReport, file: string): JsonMessage[] {
  return (report.files.find((f) => f.path === file)?.messages ?? []).filter((m) => m.ruleId?.startsWith('glossary-'));
}

describe('glossary check', () => {
  it('reports the drift of the real corpus as errors, with both places', async () => {
    const { stdout } = await runCli(['glossary', 'check', '--format', 'json'], ROOT);
    const report = JSON.parse(stdout) as JsonReport;
    const found = report.files.flatMap((f) => glossaryMessages(report, f.path).map((m) => `${f.path}:${m.line}:${m.column} ${m.ruleId} ${m.related}`));
    const c24 = 'content/2024-02-27-first-open-consultations-mag';
    const c25 = 'content/2025-02-05-first-open-consultations-mag';
    const nri = 'content/2024-12-15-nris-brochure';
    expect(found).toEqual(
      expect.arrayContaining([
        `${c24}/zh.md:35:50 glossary-forbidden-variant ${c24}/en.md:31:207`, // 利益相关者 ← every stakeholder
        `${c24}/zh.md:154:3 glossary-forbidden-variant ${c24}/en.md:150:3`, // 有意义的接入政策网络
        `${c25}/zh.md:98:3 glossary-forbidden-variant ${c25}/en.md:94:3`, // 有意义访问政策网络
        `${c25}/zh.md:122:68 glossary-forbidden-variant ${c25}/en.md:118:276`, // 议会间联盟
        `${c25}/zh.md:145:18 glossary-forbidden-variant ${c25}/en.md:141:29`, // 工作坊 ← workshop rooms
        `${nri}/zh.md:18:75 glossary-forbidden-variant ${nri}/en.md:14:280`, // 多方利益相关方咨询委员会
        `${nri}/zh.md:88:44 glossary-forbidden-variant ${nri}/en.md:84:169`, // 各国间议会联盟
        `${c25}/zh.md:20:1 glossary-first-use ${c25}/en.md:16:34`, // 多利益相关方 (MAG)
      ]),
    );
    // Correct text is not reported: accepted renderings (最佳做法论坛, 闪电式演讲, 国际电联…) and kept acronyms pass.
    expect(found.filter((f) => f.includes('glossary-missing-term'))).toEqual([]);
    const messages = report.files.flatMap((f) => glossaryMessages(report, f.path).map((m) => m.message)).join('\n');
    for (const accepted of ['最佳做法论坛', '闪电式演讲', '国际电联', '研讨会进程工作组', '多利益相关方咨询小组`', '全球数字契约`']) {
      expect(messages).not.toContain(`Unexpected \`${accepted}`);
    }
  });

  it('names the approved form and the reason, and keeps the translator’s spacing in the expected form', async () => {
    const { stdout } = await runCli(['glossary', 'check', FIXTURE], ROOT);
    expect(stdout).toContain('zh.md:21:1 error Unexpected `国家和地区 IGF 倡议`, expected `国家和区域 IGF 倡议` (NRIs)');
    expect(stdout).toContain('zh.md:17:1 error Unexpected `有意义访问政策网络`, expected `有意义接入政策网络` (PNMA): access here is network access');
    expect(stdout).toMatch(/zh\.md:19:1 warning The English `Global Digital Compact` \(GDC\) has no approved rendering in this sentence; expected `全球数字契约` or `GDC` \(see [^)]*en\.md:16:5\) glossary-missing-term/);
  });

  it('uses another termbase with --glossary; an empty folder means no terms', async () => {
    const empty = await runCli(['glossary', 'check', FIXTURE, '--glossary', 'test/fixtures/glossary/empty', '--format', 'json'], ROOT);
    const report = JSON.parse(empty.stdout) as JsonReport;
    expect(report.files.flatMap((f) => glossaryMessages(report, f.path))).toEqual([]);
    expect(empty.code).toBe(0);
  });

  it('fails `bitext check` on forbidden variants; after `glossary fix` it passes and only those bytes changed', async () => {
    const dir = copyFixture();
    const zh = path.join(dir, 'content', MEETING, 'zh.md');
    const before = readFileSync(zh);
    const first = await runCli(['check', '--glossary', GLOSSARY, '--format', 'json'], dir);
    expect(first.code).toBe(1);
    expect(glossaryMessages(JSON.parse(first.stdout) as JsonReport, `content/${MEETING}/zh.md`).filter((m) => m.severity === 'error')).toHaveLength(6);

    const dry = await runCli(['glossary', 'fix', '--dry-run', '--glossary', GLOSSARY], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`--- content/${MEETING}/zh.md`);
    expect(dry.stdout).toContain('+多利益相关方咨询小组（MAG）在线举行了会议。');
    expect(dry.stderr).toContain('would replace 6 forbidden variant(s) in 1 file(s)');
    expect(readFileSync(zh).equals(before)).toBe(true);

    const fix = await runCli(['glossary', 'fix', '--glossary', GLOSSARY], dir);
    expect(fix.code).toBe(0);
    const expected = before
      .toString('utf8')
      .replace('多方利益相关方咨询委员会', '多利益相关方咨询小组')
      .replace('利益相关者', '利益相关方')
      .replace('议会间联盟', '各国议会联盟')
      .replace('有意义访问政策网络', '有意义接入政策网络')
      .replace('工作坊', '研讨会')
      .replace('国家和地区 IGF 倡议', '国家和区域 IGF 倡议');
    expect(readFileSync(zh).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(readFileSync(path.join(dir, 'content', MEETING, 'en.md')).equals(readFileSync(path.join(ROOT, FIXTURE, MEETING, 'en.md')))).toBe(true);

    const after = await runCli(['check', '--glossary', GLOSSARY, '--format', 'json'], dir);
    expect(after.code).toBe(0);
    const left = glossaryMessages(JSON.parse(after.stdout) as JsonReport, `content/${MEETING}/zh.md`);
    expect(left.map((m) => m.ruleId)).toEqual(['glossary-missing-term']); // the GDC sentence, a warning a fix cannot guess
    expect((await runCli(['glossary', 'fix', '--glossary', GLOSSARY], dir)).stdout).toBe(''); // idempotent
  });

  it('reports the first use of an acronym without its full name', async () => {
    const dir = copyFixture();
    const zh = path.join(dir, 'content', MEETING, 'zh.md');
    writeFileSync(zh, readFileSync(zh, 'utf8').replace('多方利益相关方咨询委员会（MAG）', 'MAG'));
    const { stdout } = await runCli(['glossary', 'check', '--glossary', GLOSSARY], dir);
    expect(stdout).toContain(`content/${MEETING}/zh.md:13:1 warning The English introduces MAG here; expected the full name followed by the acronym: \`多利益相关方咨询小组（MAG）\` (see content/${MEETING}/en.md:10:5) glossary-first-use`);
    // The other acronyms are forbidden variants, reported once as such and not again as a first use.
    expect(stdout.match(/glossary-first-use/g)).toHaveLength(1);
  });

  it('refuses to write a file with uncommitted changes unless --force', async () => {
    const dir = copyFixture(true);
    const zh = path.join(dir, 'content', MEETING, 'zh.md');
    writeFileSync(zh, `${readFileSync(zh, 'utf8')}\n译者的未提交修改。\n`);
    const refused = await runCli(['glossary', 'fix', '--glossary', GLOSSARY], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/uncommitted changes/);
    expect(readFileSync(zh, 'utf8')).toContain('议会间联盟');
    const forced = await runCli(['glossary', 'fix', '--force', '--glossary', GLOSSARY], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(zh, 'utf8')).toContain('各国议会联盟（IPU）');
    expect(readFileSync(zh, 'utf8')).toContain('译者的未提交修改。');
  });
});

describe('glossary check without an English source', () => {
  it('still reports forbidden variants of a translation whose en.md is missing', async () => {
    const dir = copyFixture();
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'content', MEETING, 'en.md'));
    const { stdout } = await runCli(['glossary', 'check', '--glossary', GLOSSARY, '--format', 'json'], dir);
    const report = JSON.parse(stdout) as JsonReport;
    const messages = glossaryMessages(report, `content/${MEETING}/zh.md`);
    expect(messages.map((m) => m.ruleId)).toEqual(Array(6).fill('glossary-forbidden-variant'));
    expect(messages.every((m) => m.related === null)).toBe(true);
  });
});

describe('glossary warnings with --fail-on', () => {
  it('turns the glossary warnings into errors for `--fail-on glossary` or a rule id', async () => {
    const dir = copyFixture();
    await runCli(['glossary', 'fix', '--glossary', GLOSSARY], dir);
    expect((await runCli(['check', '--glossary', GLOSSARY], dir)).code).toBe(0);
    for (const failOn of ['glossary', 'glossary-missing-term']) {
      const { code, stdout } = await runCli(['check', '--glossary', GLOSSARY, '--fail-on', failOn], dir);
      expect(code).toBe(1);
      expect(stdout).toMatch(/zh\.md:19:1 error The English `Global Digital Compact`/);
    }
    expect((await runCli(['check', '--glossary', GLOSSARY, '--fail-on', 'glossary-first-use'], dir)).code).toBe(0);
  });
});
