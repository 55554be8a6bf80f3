import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDisclaimer, addDisclaimerToBody, disclaimersFor, findPasted, normalise, similarity, stripPasted, withoutPasted, SIMILARITY } from '../pipeline/disclaimer.js';
import { loadCorpus } from '../pipeline/load.js';
import { defaultLocales, translator } from '../pipeline/locales.js';
import { segment } from '../pipeline/segment.js';
import { parse } from '../pipeline/parse.js';
import { parseMarkdown } from '../pipeline/publish/render.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/content.js';

const ZH = '本译文由 IGF MAG 多语言工作组成员自愿提供，不保证译文的准确性和可靠性。译文应视为指南，而非权威记录。所用名称和术语可能不符合联合国惯例，也不代表本组织的任何意见。';
const EN =
  'This translation is a voluntary contribution from members of the IGF MAG Working Group on Multilingualism. The accuracy and reliability of translations cannot be guaranteed. Translations should be seen as a guide and not as an authoritative record. The designations and terminology employed may not conform to United Nations practice and do not imply the expression of any opinion whatsoever on the part of the Organization.';
const PASTED = path.join(ROOT, 'test/fixtures/publish/pasted');

/** How many times `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('disclaimersFor', () => {
  it('gives the working group’s own Chinese text, then the English, with their headings', () => {
    expect(disclaimersFor('zh')).toEqual([
      { lang: 'zh', heading: '免责声明', text: ZH },
      { lang: 'en', heading: 'Disclaimer', text: EN },
    ]);
  });

  it('gives none for the English source', () => {
    expect(disclaimersFor('en')).toEqual([]);
  });

  it('has a disclaimer of its own in every other site language', () => {
    for (const lang of ['zh-Hant', 'fr', 'es', 'ru', 'ar']) {
      const [own, english] = disclaimersFor(lang);
      expect(own?.lang).toBe(lang);
      expect(own?.text).not.toBe(EN);
      expect(english?.text).toBe(EN);
    }
  });
});

describe('addDisclaimer', () => {
  it('ends a Chinese output with the Chinese then the English disclaimer', () => {
    const out = addDisclaimer('\n# 会议\n\nMAG 举行了会议。\n', 'zh');
    expect(out).toBe(`\n# 会议\n\nMAG 举行了会议。\n\n## 免责声明\n\n${ZH}\n\n## Disclaimer\n\n${EN}\n`);
  });

  it('leaves the English source without a disclaimer', () => {
    expect(addDisclaimer('# Meeting\n\nText.\n', 'en')).toBe('# Meeting\n\nText.\n');
  });

  it('does not duplicate a disclaimer the translator pasted, in either language or a variant of it', async () => {
    const zh = await readFile(path.join(PASTED, '2024-06-01-pasted/zh.md'), 'utf8');
    const body = zh.slice(zh.indexOf('\n---\n', 4) + 5);
    const out = addDisclaimer(body, 'zh');
    expect(occurrences(out, '免责声明')).toBe(1);
    expect(occurrences(out, 'voluntary contribution')).toBe(1);
    expect(out).not.toContain('不能保证'); // the pasted variant is gone, the official text is in
    expect(out).toContain(ZH);
    expect(out.startsWith('\n# 会议\n\nMAG 举行了线上会议。\n\n## 免责声明')).toBe(true);
  });

  it('closes an unclosed code fence so the disclaimer is not swallowed by it', () => {
    const out = addDisclaimer('Text\n\n```\ncode', 'fr');
    const last = parseMarkdown(out).children.at(-1);
    expect(last?.type).toBe('paragraph');
    expect(out).toContain('```\ncode\n```');
    expect(findPasted(parseMarkdown(out)).filter((p) => p.role === 'text').map((p) => p.lang)).toEqual(['fr', 'en']);
  });

  it('is idempotent: applying it twice equals applying it once', () => {
    const line = fc.oneof(
      fc.constantFrom('', '# Title', '## Section', '- item', '  - nested', '1. first', '> quote', '```', '~~~', '    code', '<div>', '<!-- c', '-->', '---', '***', '| a | b |', '|---|---|', '[^1]: note', '免责声明', 'Disclaimer', ZH, EN, '本译文由志愿者提供。', 'Text with *emphasis* and [a link](https://example.org).'),
      fc.string({ maxLength: 30 }),
    );
    const markdown = fc.array(line, { maxLength: 14 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(markdown, fc.constantFrom('zh', 'zh-Hant', 'fr', 'ar', 'en'), (text, lang) => {
        const once = addDisclaimer(text, lang);
        expect(addDisclaimer(once, lang)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });
});

describe('addDisclaimerToBody', () => {
  it('gives what addDisclaimer gives on the body, with the pasted disclaimers taken from the parsed tree', () => {
    const line = fc.oneof(
      fc.constantFrom('', '# Title', '- item', '1. first', '> quote', '```', '~~~', '    code', '<div>', '<!-- c', '-->', '<script>', '---', '| a | b |', '|---|---|', '[^1]: note', '[x]: /url', '免责声明', 'Disclaimer', ZH, EN, 'Text with *emphasis*.'),
      fc.string({ maxLength: 30 }),
    );
    const body = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));
    const front = fc.constantFrom('', '---\ntitle: "x"\n---\n', '---\ntitle: "x"\n---\n\n', '---\r\ntitle: "x"\r\n---\r\n');
    fc.assert(
      fc.property(fc.constantFrom('', '\uFEFF'), front, body, fc.constantFrom('zh', 'fr', 'en'), (bom, fm, text, lang) => {
        const doc = parse(new TextEncoder().encode(bom + fm + text), { path: `x/${lang}.md`, slug: '2024-01-01-x', lang });
        expect(addDisclaimerToBody(doc, doc.bodyStart)).toBe(addDisclaimer(doc.value.slice(doc.bodyStart), lang));
      }),
      { numRuns: 400 },
    );
  });
});

describe('pasted disclaimers', () => {
  it('are found by similarity, not exact text, with the heading before them', () => {
    const tree = parseMarkdown(`Intro.\n\n免责声明\n\n${ZH.replace('不保证', '不能保证').replace('。译文应', '；译文应')}\n\n**Disclaimer**\n\n${EN.toUpperCase()}\n`);
    const found = findPasted(tree);
    expect(found.map((p) => [p.role, p.lang])).toEqual([
      ['heading', 'zh'],
      ['text', 'zh'],
      ['heading', 'en'],
      ['text', 'en'],
    ]);
    expect(found[1]!.similarity).toBeGreaterThan(0.9);
    expect(found[1]!.similarity).toBeLessThan(1);
  });

  it('leave alone an ordinary French paragraph of the disclaimer’s length (bigrams of one language overlap a lot)', () => {
    const text =
      'Plusieurs intervenants ont insisté sur la nécessité de renforcer le multilinguisme dans les travaux du Forum. ' +
      'Il a été convenu que le Secrétariat diffusera un appel à contributions d’ici la fin du mois. ' +
      'La réunion s’est tenue en ligne et sur place, avec une interprétation simultanée. ' +
      'Le Groupe de direction a transmis ses recommandations sur la structure du programme. ' +
      'Les membres du GCM ont souligné l’importance d’une participation inclusive de toutes les parties prenantes.';
    const fr = normalise(translator(defaultLocales(), 'fr')('disclaimer:text'));
    expect(similarity(normalise(text), fr)).toBeGreaterThan(0.6);
    expect(findPasted(parseMarkdown(`# Réunion\n\n${text}\n`))).toEqual([]);
    const front = '---\ntitle: "R"\ndate: "2024-06-01"\nmeeting: "M"\nkind: summary\nstatus: published\n---\n\n';
    const doc = segment(parse(new TextEncoder().encode(`${front}# Réunion\n\n${text}\n`), { path: 'content/2024-06-01-r/fr.md', slug: '2024-06-01-r', lang: 'fr' }));
    expect(withoutPasted(doc, defaultLocales()).value).toContain(text);
  });

  it('leave an ordinary paragraph about the working group alone', () => {
    const text = '本次会议由 IGF MAG 多语言工作组成员主持，会议记录由秘书处提供，供成员参考。';
    expect(similarity(normalise(text), normalise(ZH))).toBeLessThan(SIMILARITY);
    expect(findPasted(parseMarkdown(text))).toEqual([]);
    expect(stripPasted(`${text}\n`)).toBe(`${text}\n`);
  });

  it('are left out of a document for alignment, the other segments unchanged', async () => {
    const { meetings } = await loadCorpus([PASTED], { cwd: ROOT });
    const zh = meetings[0]!.translations[0]!;
    const clean = withoutPasted(zh, defaultLocales());
    expect(clean.value.startsWith(zh.value.slice(0, zh.value.indexOf('免责声明')))).toBe(true);
    expect(clean.value).not.toContain('不能保证');
    expect(clean.value).not.toContain('voluntary contribution');
    expect(clean.segments.map((s) => s.text)).toEqual(['会议', 'MAG 举行了线上会议。']);
    expect(clean.segments.map((s) => s.start)).toEqual(zh.segments.slice(0, 2).map((s) => s.start));
  });

  it('are reported by bitext check as warnings at the pasted paragraph', async () => {
    const result = await runCli(['check', 'test/fixtures/publish/pasted', '--format', 'json'], ROOT);
    const report = JSON.parse(result.stdout) as { files: { path: string; messages: { line: number; column: number; severity: string; ruleId: string; message: string }[] }[] };
    const pasted = report.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'disclaimer-pasted').map((m) => ({ ...m, path: f.path })));
    expect(pasted.map((m) => [m.path, m.line, m.column, m.severity])).toEqual([
      ['test/fixtures/publish/pasted/2024-06-01-pasted/zh.md', 17, 1, 'warning'],
      ['test/fixtures/publish/pasted/2024-06-01-pasted/zh.md', 21, 1, 'warning'],
    ]);
    expect(pasted[0]!.message).toContain('`zh`');
    expect(pasted[1]!.message).toContain('100%');
  });
});
