import { cpSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../pipeline/report.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/content.js';
import { scratchDir } from './helpers/scratch.js';

/** A copy of the repository's content, glossary and locales in a temporary folder, removed when the test ends. */
function copyTree(): string {
  const dir = scratchDir('bitext-baseline-');
  for (const name of ['content', 'glossary', 'locales']) cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
  return dir;
}

describe('baseline of accepted findings', () => {
  it('the committed baseline accepts exactly the errors of the bundled translations', async () => {
    const withBaseline = JSON.parse((await runCli(['check', '--format', 'json'], ROOT)).stdout) as JsonReport;
    const without = JSON.parse((await runCli(['check', '--format', 'json', '--no-baseline'], ROOT)).stdout) as JsonReport;
    expect(withBaseline.summary.errors).toBe(0);
    expect(without.summary.errors).toBeGreaterThan(0);
    expect(withBaseline.summary.infos - without.summary.infos).toBe(without.summary.errors);
    const accepted = withBaseline.files.flatMap((f) => f.messages).filter((m) => m.message.endsWith('(accepted in the baseline)'));
    expect(accepted).toHaveLength(without.summary.errors);
  });

  it('--update-baseline records current errors; a new occurrence fails again; --no-baseline counts everything', async () => {
    const dir = copyTree();
    expect((await runCli(['check', '--no-baseline'], dir)).code).toBe(1);
    const update = await runCli(['check', '--update-baseline'], dir);
    expect(update.code).toBe(0);
    expect(existsSync(path.join(dir, 'bitext-baseline.json'))).toBe(true);
    expect((await runCli(['check'], dir)).code).toBe(0);
    const zh = path.join(dir, 'content/2025-02-05-first-open-consultations-mag/zh.md');
    const value = readFileSync(zh, 'utf8');
    const variant = '有意义访问政策网络';
    expect(value).toContain(variant);
    writeFileSync(zh, value.replace('IGF 秘书处将启动闭会期间工作顾问的聘用程序。', `IGF 秘书处将启动闭会期间工作顾问的聘用程序。${variant}将继续。`));
    const again = await runCli(['check', '--format', 'json'], dir);
    expect(again.code).toBe(1);
    const errors = (JSON.parse(again.stdout) as JsonReport).files.flatMap((f) => f.messages).filter((m) => m.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.ruleId).toBe('glossary-forbidden-variant');
  });

  it('refuses a malformed baseline with a clear message and exit code 2', async () => {
    const dir = copyTree();
    writeFileSync(path.join(dir, 'bitext-baseline.json'), '{"version": 2}');
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bitext-baseline\.json: not a bitext baseline/);
    writeFileSync(path.join(dir, 'bitext-baseline.json'), '{ nope');
    expect((await runCli(['check'], dir)).stderr).toMatch(/invalid JSON/);
  });
});
