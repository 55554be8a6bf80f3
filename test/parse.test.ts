import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../pipeline/parse.js';
import { severityOf } from '../pipeline/rules.js';
import type { Doc } from '../pipeline/types.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const parseEn = (s: string | Uint8Array, lang = 'en'): Doc =>
  parse(typeof s === 'string' ? enc(s) : s, { path: `content/2024-01-01-x/${lang}.md`, slug: '2024-01-01-x', lang });
const rulesOf = (doc: Doc): string[] => doc.file.messages.map((m) => String(m.ruleId));

const SOURCE = '---\ntitle: T\ndate: "2024-01-01"\nmeeting: "IGF 2024 MAG, 1st meeting"\nkind: summary\n---\n\n# Heading\n\nText.\n';

describe('parse', () => {
  it('reads valid YAML front matter and gives mdast positions in whole-file coordinates', () => {
    const doc = parseEn(SOURCE);
    expect(doc.file.messages).toEqual([]);
    expect(doc.frontMatter).toMatchObject({ title: 'T', date: '2024-01-01', kind: 'summary' });
    const heading = doc.tree?.children.find((n) => n.type === 'heading');
    expect(heading?.position?.start).toMatchObject({ line: 8, column: 1 });
    expect(doc.value.slice(heading!.position!.start.offset, heading!.position!.end.offset)).toBe('# Heading');
  });

  it('never evaluates ---js, ---javascript or ---coffee front matter', () => {
    const marker = '/tmp/bitext-js-front-matter-ran';
    rmSync(marker, { force: true });
    const g = globalThis as { __bitextRan?: boolean };
    for (const language of ['js', 'javascript', 'coffee']) {
      const body = `---${language}\n{ title: (globalThis.__bitextRan = true, require('fs').writeFileSync('${marker}', 'x'), 'x') }\n---\n\nText.\n`;
      const doc = parseEn(body);
      expect(rulesOf(doc)).toEqual(['front-matter-language']);
      expect(doc.file.messages[0]?.line).toBe(1);
      expect(doc.frontMatter).toBeUndefined();
    }
    expect(g.__bitextRan).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });

  it('locates invalid YAML', () => {
    const doc = parseEn('---\ntitle: "unclosed\n---\n\nText.\n');
    expect(rulesOf(doc)).toEqual(['front-matter-yaml']);
    expect(doc.file.messages[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a YAML alias bomb quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const doc = parseEn(`---\n${lines.join('\n')}\n---\n\nText.\n`);
    expect(rulesOf(doc)).toContain('front-matter-yaml');
  });

  it('locates schema errors at their key and warns about unknown keys', () => {
    const doc = parseEn('---\ntitle: T\ndate: "24 Feb"\nmeeting: M\nkind: minutes\ncolour: red\n---\n\nText.\n');
    const byRule = Object.fromEntries(doc.file.messages.map((m) => [`${m.ruleId}:${m.reason.split('`')[1]}`, m]));
    expect(byRule['front-matter-schema:date']?.line).toBe(3);
    expect(byRule['front-matter-schema:kind']?.line).toBe(5);
    expect(byRule['front-matter-unknown-key:colour']?.line).toBe(6);
    expect(severityOf(byRule['front-matter-unknown-key:colour']!)).toBe('warning');
  });

  it('requires translation keys only of translations and names missing keys', () => {
    const doc = parseEn('---\ntitle: T\n---\n\nText.\n', 'zh');
    const missing = doc.file.messages.filter((m) => m.reason.includes('is missing')).map((m) => m.reason.split('`')[1]);
    expect(missing.sort()).toEqual(['date', 'kind', 'meeting']);
    const translation = parseEn(SOURCE.replace('kind: summary', 'kind: summary\nsource_commit: abc1234\nstatus: reviewed'), 'zh');
    expect(translation.file.messages).toEqual([]);
    expect(translation.frontMatter).toMatchObject({ status: 'reviewed', translators: [], source_commit: 'abc1234' });
  });

  it('reports an empty file, a missing front matter block and invalid UTF-8 with places', () => {
    expect(rulesOf(parseEn(''))).toEqual(['empty-file']);
    expect(rulesOf(parseEn('# Just a heading\n'))).toEqual(['front-matter-missing']);
    const bytes = new Uint8Array([...enc(SOURCE), ...enc('caf'), 0xe9, ...enc(' x\n')]);
    const bad = parseEn(bytes);
    expect(rulesOf(bad)).toEqual(['invalid-utf8']);
    expect(bad.file.messages[0]).toMatchObject({ line: 11, column: 4 });
    expect(bad.tree).toBeUndefined();
  });

  it('keeps a BOM, warns about it, and still parses with correct positions', () => {
    const doc = parseEn(`\uFEFF${SOURCE}`);
    expect(rulesOf(doc)).toEqual(['bom']);
    expect(doc.frontMatter?.title).toBe('T');
    const heading = doc.tree?.children.find((n) => n.type === 'heading');
    expect(doc.value.slice(heading!.position!.start.offset, heading!.position!.end.offset)).toBe('# Heading');
  });

  it('accepts CRLF and mixed line endings with a warning', () => {
    const crlf = parseEn(SOURCE.replace(/\n/g, '\r\n'));
    expect(rulesOf(crlf)).toEqual(['line-ending']);
    expect(crlf.frontMatter?.kind).toBe('summary');
    const mixed = parseEn(SOURCE.replace('Text.\n', 'Text.\r\n'));
    expect(mixed.file.messages[0]?.reason).toContain('mixed');
  });

  it('reports NUL bytes', () => {
    expect(rulesOf(parseEn(SOURCE.replace('Text.', 'Te\0xt.')))).toEqual(['nul-byte']);
  });
});
