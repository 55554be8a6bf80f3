import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../pipeline/report.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/content.js';
import { scratchDir } from './helpers/scratch.js';

const BAD = 'test/fixtures/bad';

/** Every `<meeting>/<file>.md` under the bad fixtures, with a hash of its bytes to prove nothing is rewritten. */
function badFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of readdirSync(path.join(ROOT, BAD))) {
    const full = path.join(ROOT, BAD, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full)) files.set(path.join(BAD, dir, f), readFileSync(path.join(full, f), 'latin1'));
  }
  return files;
}

describe('bitext check', () => {
  it('exits 0 on the bundled content', async () => {
    const { code, stdout } = await runCli(['check'], ROOT);
    expect(stdout).toMatch(/6 file\(s\) checked: 0 error\(s\)/);
    expect(code).toBe(0);
  });

  it('exits 1 on the bad fixtures with one located message per bad file, and rewrites nothing', async () => {
    const before = badFiles();
    const { code, stdout } = await runCli(['check', BAD, '--format', 'json'], ROOT);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    const good = `${BAD}/2024-03-02-unknown-language/en.md`;
    const bad = [...before.keys()].filter((f) => f !== good && !f.endsWith('README.md')).sort();
    expect(report.files.map((f) => f.path).sort()).toEqual(bad);
    for (const file of report.files) {
      expect(file.messages, file.path).toHaveLength(1);
      const [m] = file.messages;
      expect(m!.line).toBeGreaterThanOrEqual(1);
      expect(m!.column).toBeGreaterThanOrEqual(1);
      expect(m!.ruleId).toMatch(/^[a-z0-9-]+$/);
    }
    expect(report.summary.files).toBe(bad.length + 1); // the good source beside a bad translation is processed too
    const rules = Object.fromEntries(report.files.map((f) => [path.basename(path.dirname(f.path)), f.messages[0]!.ruleId]));
    expect(rules).toMatchObject({
      '2024-03-01-invalid-yaml': 'front-matter-yaml',
      '2024-03-02-unknown-language': 'unknown-language',
      '2024-03-03-no-source': 'missing-source',
      '2024-03-04-empty': 'empty-file',
      '2024-03-05-bom': 'bom',
      '2024-03-06-crlf': 'line-ending',
      '2024-03-07-invalid-utf8': 'invalid-utf8',
      '2024-03-08-js-front-matter': 'front-matter-language',
      '2024-03-09-schema': 'front-matter-schema',
      'not-a-slug': 'bad-slug',
    });
    expect(badFiles()).toEqual(before);
  });

  it('prints path:line:col severity message rule-id lines and GitHub annotations', async () => {
    const text = await runCli(['check', BAD], ROOT);
    expect(text.stdout).toContain(`${BAD}/2024-03-09-schema/en.md:5:1 error Front matter \`kind\` is invalid`);
    expect(text.stdout).toMatch(/front-matter-schema$/m);
    const github = await runCli(['check', BAD, '--format', 'github'], ROOT);
    expect(github.code).toBe(1);
    const lines = github.stdout.trim().split('\n');
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+(,endLine=\d+)?(,endColumn=\d+)?,title=[a-z0-9-]+::.+/);
    expect(lines).toContain(`::warning file=${BAD}/2024-03-05-bom/en.md,line=1,col=1,title=bom::The file starts with a byte order mark (BOM)`);
  });

  it('checks a single file and reports usage errors with exit code 2', async () => {
    const one = await runCli(['check', `${BAD}/2024-03-04-empty/en.md`], ROOT);
    expect(one.code).toBe(1);
    expect(one.stdout.trim().split('\n')).toHaveLength(2);
    expect((await runCli(['check', '--format', 'xml'], ROOT)).code).toBe(2);
    expect((await runCli(['check', 'no/such/folder'], ROOT)).code).toBe(2);
    expect((await runCli(['frobnicate'], ROOT)).code).toBe(2);
  });

  it('--changed reports only files changed since a git ref, and translations of a changed en.md', async () => {
    const dir = scratchDir('bitext-changed-');
    cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    cpSync(path.join(ROOT, BAD, '2024-03-09-schema'), path.join(dir, 'content/2024-03-09-schema'), { recursive: true });
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'content');
    const unchanged = await runCli(['check', '--changed', 'HEAD', '--format', 'json'], dir);
    expect((JSON.parse(unchanged.stdout) as JsonReport).summary.files).toBe(0);
    expect(unchanged.code).toBe(0);
    const en = path.join(dir, 'content/2024-12-15-nris-brochure/en.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace('kind: brochure', 'kind: brochure\ncolour: red'));
    const changed = JSON.parse((await runCli(['check', '--changed', 'HEAD', '--format', 'json'], dir)).stdout) as JsonReport;
    expect(changed.summary.files).toBe(2); // en.md and its zh.md
    for (const file of changed.files) expect(file.path.startsWith('content/2024-12-15-nris-brochure/')).toBe(true);
    const changedEn = changed.files.find((f) => f.path === 'content/2024-12-15-nris-brochure/en.md');
    expect(changedEn?.messages.map((m) => m.ruleId)).toContain('front-matter-unknown-key');
  });
});

describe('bitext CLI', () => {
  it('--help lists every subcommand with a one-line description', async () => {
    const { code, stdout } = await runCli(['--help'], ROOT);
    expect(code).toBe(0);
    const { createProgram } = await import('../pipeline/cli.js');
    const program = createProgram({ stdout: () => {}, stderr: () => {}, cwd: ROOT, exitCode: 0 });
    expect(program.commands.length).toBeGreaterThanOrEqual(2);
    for (const command of program.commands) {
      expect(stdout).toContain(command.name());
      expect(command.description().length).toBeGreaterThan(10);
    }
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await runCli(['--version'], ROOT);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });
});
