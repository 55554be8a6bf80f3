import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { align } from '../pipeline/align.js';
import { checkAlignment, qaCheck, QA_RULES as RULES } from '../pipeline/qa.js';
import { loadCorpus, loadDoc } from '../pipeline/load.js';
import { parse } from '../pipeline/parse.js';
import { segment } from '../pipeline/segment.js';
import { relatedPlace, severityOf } from '../pipeline/rules.js';
import type { VFile } from 'vfile';
import { ROOT } from './helpers/content.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/qa');
const QA_RULES = new Set<string>(RULES);

/** QA findings of a file as `line:column severity rule-id message (related)` lines, the form reviewed by hand. */
function findings(file: VFile): string[] {
  return file.messages
    .filter((m) => QA_RULES.has(m.ruleId ?? ''))
    .map((m) => `${m.line}:${m.column} ${severityOf(m)} ${m.ruleId} ${m.reason} (${relatedPlace(m) ?? 'no related place'})`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

async function runCase(dir: string): Promise<string[]> {
  const source = await loadDoc(path.join(dir, 'en.md'), 'x', dir);
  const target = await loadDoc(path.join(dir, 'zh.md'), 'x', dir);
  expect(source.file.messages, 'fixture en.md parses cleanly').toEqual([]);
  expect(target.file.messages, 'fixture zh.md parses cleanly').toEqual([]);
  checkAlignment(align(source, target));
  return findings(target.file);
}

/** Compare with `expected.txt`; `UPDATE_FIXTURES=1` rewrites it (review the diff by hand). */
function expectFixture(file: string, lines: readonly string[]): void {
  const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  if (process.env.UPDATE_FIXTURES || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('QA rules: each has a fixture that triggers it and one that must not', () => {
  const rules = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('has a fixture folder for every QA rule', () => {
    expect(rules).toEqual([...QA_RULES].sort());
  });

  for (const rule of rules) {
    it(`${rule}: triggers on the trigger case with the expected findings`, async () => {
      const dir = path.join(FIXTURES, rule, 'trigger');
      const lines = await runCase(dir);
      expect(lines.some((line) => line.split(' ')[2] === rule), `${rule} is reported`).toBe(true);
      for (const line of lines) expect(line).toMatch(/\(en\.md:\d+:\d+\)$/u);
      expectFixture(path.join(dir, 'expected.txt'), lines);
    });

    it(`${rule}: reports nothing on the clean case`, async () => {
      expect(await runCase(path.join(FIXTURES, rule, 'clean'))).toEqual([]);
    });
  }
});

describe('QA severity', () => {
  it('turns QA warnings into errors with --fail-on qa or a rule id, and only those', async () => {
    const dir = path.join(FIXTURES, 'number-mismatch', 'trigger');
    const run = async (failOn: string[]) => {
      const source = await loadDoc(path.join(dir, 'en.md'), 'x', dir);
      const target = await loadDoc(path.join(dir, 'zh.md'), 'x', dir);
      checkAlignment(align(source, target), { failOn: new Set(failOn) });
      return target.file.messages.map((m) => severityOf(m));
    };
    expect(await run([])).toEqual(['warning', 'warning']);
    expect(await run(['qa'])).toEqual(['error', 'error']);
    expect(await run(['number-mismatch'])).toEqual(['error', 'error']);
    expect(await run(['halfwidth-punctuation'])).toEqual(['warning', 'warning']);
  });
});

describe('QA on the bundled meetings', () => {
  it('reports exactly the reviewed findings (no false positives), each pointing at the English', async () => {
    const corpus = await loadCorpus(['content'], { cwd: ROOT });
    await qaCheck.run(corpus, { cwd: ROOT, failOn: new Set() });
    const lines = corpus.docs.flatMap((doc) => findings(doc.file).map((line) => `${doc.file.path}:${line}`));
    for (const line of lines) expect(line).toMatch(/\(content\/[^)]+\/en\.md:\d+:\d+\)$/u);
    expectFixture(path.join(FIXTURES, 'corpus.expected.txt'), lines);
  });
});

describe('QA by language', () => {
  const doc = (value: string, lang: string) => segment(parse(new TextEncoder().encode(value), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang }));
  const qa = (en: string, lang: string, translation: string): string[] => {
    const target = doc(translation, lang);
    checkAlignment(align(doc(en, 'en'), target));
    return target.file.messages.filter((m) => QA_RULES.has(m.ruleId ?? '')).map((m) => `${m.ruleId} ${m.reason}`);
  };
  const en = '# Policy networks\n\nThe Policy Network on Meaningful Access (PNMA) met the IGF Secretariat on 5 May.\n';

  it('expects acronyms verbatim in Chinese, but not in French, Spanish or Russian, which spell their own', () => {
    expect(qa(en, 'zh', '# 政策网络\n\n有意义接入政策网络于5月5日会见了秘书处。\n')).toEqual([
      'acronym-missing Acronym PNMA, IGF of the English is missing from the translation',
    ]);
    expect(qa(en, 'fr', "# Réseaux politiques\n\nLe Réseau sur l'accès significatif (RAS) a rencontré le secrétariat du FGI le 5 mai.\n")).toEqual([]);
    expect(qa(en, 'es', '# Redes de políticas\n\nLa Red sobre el acceso significativo se reunió con la Secretaría del FGI el 5 de mayo.\n')).toEqual([]);
    expect(qa(en, 'ru', '# Сети по вопросам политики\n\nСеть по вопросам значимого доступа встретилась с секретариатом ФУИ 5 мая.\n')).toEqual([]);
  });

  it('still checks numbers in every language', () => {
    expect(qa(en, 'fr', "# Réseaux politiques\n\nLe Réseau sur l'accès significatif a rencontré le secrétariat du FGI le 6 mai.\n")).toEqual([
      'number-mismatch The English has 5, the translation does not; it has 6',
    ]);
  });
});
