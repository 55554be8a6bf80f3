import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriftReport, TermDrift } from '../../pipeline/glossary/drift.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';
import { scratchDir } from '../helpers/scratch.js';

const c24 = 'content/2024-02-27-first-open-consultations-mag/zh.md';
const c25 = 'content/2025-02-05-first-open-consultations-mag/zh.md';
const nri = 'content/2024-12-15-nris-brochure/zh.md';

function term(report: DriftReport, id: string): TermDrift {
  const found = report.terms.find((t) => t.id === id && t.lang === 'zh');
  if (!found) throw new Error(`no drift entry for ${id}`);
  return found;
}

const forms = (t: TermDrift): Record<string, string[]> => Object.fromEntries(t.renderings.map((r) => [r.form, r.places]));

describe('glossary drift', () => {
  it('lists every drift of the corpus named by the working group, with file:line:col of each use', async () => {
    const { code, stdout } = await runCli(['glossary', 'drift', '--format', 'json'], ROOT);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DriftReport;
    const pnma = term(report, 'pnma');
    expect(pnma.drift).toBe(true);
    expect(forms(pnma)).toEqual({ 有意义的接入政策网络: [`${c24}:154:3`], 有意义访问政策网络: [`${c25}:98:3`] });
    const stakeholder = term(report, 'stakeholder');
    expect(stakeholder.renderings.map((r) => [r.form, r.status])).toEqual([['利益相关方', 'preferred'], ['利益相关者', 'forbidden']]);
    expect(forms(stakeholder)['利益相关者']).toEqual([`${c24}:35:50`, `${c24}:63:11`]);
    expect(forms(term(report, 'mag'))).toMatchObject({ 多利益相关方咨询小组: [`${c24}:18:33`], 多方利益相关方咨询委员会: [`${nri}:18:75`] });
    expect(forms(term(report, 'workshop'))['工作坊']).toEqual([`${c25}:145:18`]);
    expect(forms(term(report, 'ipu'))).toEqual({ 各国间议会联盟: [`${nri}:88:44`], 议会间联盟: [`${c25}:122:68`] });
    expect(term(report, 'ipu').deviating).toEqual([{ path: nri, forms: ['各国间议会联盟'] }, { path: c25, forms: ['议会间联盟'] }]);
    // Accepted but not preferred renderings are drift too, without being forbidden.
    expect(term(report, 'lightning-talk').renderings.map((r) => [r.form, r.status, r.count])).toEqual([['闪电演讲', 'preferred', 2], ['闪电式演讲', 'accepted', 4]]);
    // A consistent term is not drift.
    expect(term(report, 'gdc').drift).toBe(false);
    expect(report.terms.findIndex((t) => !t.drift)).toBeGreaterThan(report.terms.filter((t) => t.drift).length - 1);
  });

  it('prints text with the places of every deviation', async () => {
    const { stdout } = await runCli(['glossary', 'drift'], ROOT);
    expect(stdout).toMatch(/^DRIFT\tPNMA \(Policy Network on Meaningful Access\) \[zh\] preferred: 有意义接入政策网络$/m);
    expect(stdout).toContain(`  forbidden 议会间联盟\t1\n    ${c25}:122:68\n`);
    expect(stdout).toMatch(/\d+ of \d+ term\(s\) drift; history of \d+ commit\(s\)\n$/);
  });

  it('follows the renderings through git history, limited by --since', async () => {
    const dir = scratchDir('bitext-drift-');
    const meeting = path.join(dir, 'content', '2024-05-01-fixture-meeting');
    cpSync(path.join(ROOT, 'test/fixtures/glossary/forbidden'), path.join(dir, 'content'), { recursive: true });
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first translation');
    const first = git('rev-parse', 'HEAD').trim();
    writeFileSync(path.join(meeting, 'zh.md'), readFileSync(path.join(meeting, 'zh.md'), 'utf8').replace('议会间联盟', '各国议会联盟'));
    git('commit', '-q', '-am', 'use the UN name of the IPU');
    mkdirSync(path.join(dir, 'other'));
    writeFileSync(path.join(dir, 'other', 'notes.txt'), 'not content\n');
    git('add', '.');
    git('commit', '-q', '-m', 'unrelated');
    const glossary = path.join(ROOT, 'glossary');
    const all = JSON.parse((await runCli(['glossary', 'drift', '--format', 'json', '--glossary', glossary], dir)).stdout) as DriftReport;
    expect(all.commits).toBe(2);
    expect(term(all, 'ipu').history.map((h) => [h.subject, h.counts])).toEqual([
      ['first translation', { 议会间联盟: 1 }],
      ['use the UN name of the IPU', { 各国议会联盟: 1 }],
    ]);
    expect(term(all, 'ipu').renderings.map((r) => r.form)).toEqual(['各国议会联盟']);
    const since = JSON.parse((await runCli(['glossary', 'drift', '--format', 'json', '--since', first, '--glossary', glossary], dir)).stdout) as DriftReport;
    expect(term(since, 'ipu').history.map((h) => h.subject)).toEqual(['use the UN name of the IPU']);
    const bad = await runCli(['glossary', 'drift', '--since', 'no-such-rev', '--glossary', glossary], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Cannot read the history since no-such-rev/);
  });

  it('writes a self-contained HTML page with every text escaped', async () => {
    const dir = scratchDir('bitext-drift-html-');
    cpSync(path.join(ROOT, 'test/fixtures/glossary/forbidden'), path.join(dir, 'content'), { recursive: true });
    mkdirSync(path.join(dir, 'terms'));
    writeFileSync(
      path.join(dir, 'terms', 'x.yaml'),
      'entries:\n  - id: ipu\n    term: IPU\n    expansion: "Inter-Parliamentary <script>alert(1)</script> & Union"\n    case_sensitive: true\n    langs:\n      zh:\n        approved: [各国议会联盟]\n        forbidden: [{ form: 议会间联盟, reason: calque }]\n        evidence: unverified\n',
    );
    const { stdout } = await runCli(['glossary', 'drift', '--format', 'html', '--glossary', 'terms'], dir);
    expect(stdout.startsWith('<!doctype html>')).toBe(true);
    expect(stdout).toContain('<style>');
    expect(stdout).not.toMatch(/<script|<link|src=/);
    expect(stdout).toContain('&#x3C;script>alert(1)&#x3C;/script> &#x26; Union');
    expect(stdout).toContain('议会间联盟');
    expect(stdout).toContain('content/2024-05-01-fixture-meeting/zh.md:15:17');
  });
});
