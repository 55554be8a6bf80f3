import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '../pipeline/languages.js';
import { bundledLocalesDir, checkLocales, loadLocales, missingKeys, translator } from '../pipeline/locales.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/content.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/publish');
const CLEAN = 'test/fixtures/publish/clean';

interface JsonReport {
  files: { path: string; messages: { line: number; column: number; severity: string; ruleId: string; message: string }[] }[];
}

describe('bundled locales', () => {
  const locales = loadLocales(bundledLocalesDir(), ROOT);

  it('exist for every site language with the site and disclaimer namespaces', () => {
    for (const { tag } of languages) expect(Object.keys(locales.resources[tag] ?? {}).sort()).toEqual(['disclaimer', 'site']);
  });

  it('have every key of the English, in every plural form each language needs', () => {
    checkLocales(locales);
    expect(locales.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line}: ${m.reason}`))).toEqual([]);
  });

  it('interpolate, pluralise and format dates in each language', () => {
    const date = new Date('2024-02-27T00:00:00Z');
    expect(translator(locales, 'en')('actionItems.count', { count: 1 })).toBe('1 open action item');
    expect(translator(locales, 'en')('actionItems.count', { count: 3 })).toBe('3 open action items');
    expect(translator(locales, 'ru')('actionItems.count', { count: 5 })).toBe('5 невыполненных мер');
    expect(translator(locales, 'ru')('actionItems.count', { count: 2 })).toBe('2 невыполненные меры');
    expect(translator(locales, 'ar')('home.meetings', { count: 2 })).toBe('اجتماعان');
    expect(translator(locales, 'en')('date.long', { date })).toBe('February 27, 2024');
    expect(translator(locales, 'zh')('date.long', { date })).toBe('2024年2月27日');
    expect(translator(locales, 'fr')('date.long', { date })).toBe('27 février 2024');
    expect(translator(locales, 'fr')('banner.untranslatedDetail', { language: 'français' })).toContain('traduit en français ;');
  });

  it('format every date in every language as Intl does, whatever dates came before', () => {
    const format = (lang: string) => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    for (const { tag } of languages) {
      const t = translator(locales, tag);
      // Formats are cached by language and format: the second date must not reuse the first's text.
      for (const iso of ['2024-02-27', '1999-12-31', '2024-02-27', '2031-07-04']) {
        const date = new Date(`${iso}T00:00:00Z`);
        expect(t('date.long', { date }), `${tag} ${iso}`).toBe(format(tag).format(date));
      }
    }
  });

  it('fall back to English for a key a language lacks', () => {
    const sparse = loadLocales(path.join(FIXTURES, 'locales-missing'), ROOT);
    expect(translator(sparse, 'ru')('nav.feed')).toBe('Atom feed');
    expect(translator(sparse, 'ru')('nav.home')).toBe('Главная');
  });
});

describe('missingKeys', () => {
  it('needs the plural categories of the language, not those of English', () => {
    const english = { n_one: 'one', n_other: 'other', nested: { a: 'a' } };
    expect(missingKeys(english, { n_other: 'x', nested: { a: 'x' } }, 'zh')).toEqual([]);
    expect(missingKeys(english, { n_one: 'x', n_other: 'x', nested: {} }, 'ru')).toEqual(['n_few', 'n_many', 'nested.a']);
    expect(missingKeys(english, { n_one: 'x', n_other: 'x', nested: 'flat' }, 'en')).toEqual(['nested.a']);
  });
});

describe('bitext check --locales', () => {
  it('passes with the bundled locales', async () => {
    const result = await runCli(['check', CLEAN, '--format', 'json'], ROOT);
    expect(result.code).toBe(0);
  });

  it('fails on a locale with a missing key, located at its parent object', async () => {
    const result = await runCli(['check', CLEAN, '--locales', 'test/fixtures/publish/locales-missing', '--format', 'json'], ROOT);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const file = report.files.find((f) => f.path === 'test/fixtures/publish/locales-missing/ru/site.json');
    expect(file?.messages.map((m) => [m.line, m.column, m.severity, m.ruleId])).toEqual([
      [1, 1, 'error', 'locale-missing-key'],
      [1, 1, 'error', 'locale-missing-key'],
      [3, 3, 'error', 'locale-missing-key'],
    ]);
    expect(file?.messages.map((m) => /`([^`]+)` in namespace/.exec(m.message)?.[1])).toEqual(['count_few', 'count_many', 'nav.feed']);
  });

  it('fails on a locale that is not valid JSON, at the place of the error', async () => {
    const result = await runCli(['check', CLEAN, '--locales', 'test/fixtures/publish/locales-invalid'], ROOT);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^test\/fixtures\/publish\/locales-invalid\/fr\/site\.json:3:52 error Invalid JSON in the locale file: .* locale-invalid-json$/m);
  });
});
