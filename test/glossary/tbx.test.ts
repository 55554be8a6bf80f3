import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EntryData } from '../../pipeline/glossary/schema.js';
import { exportTbx, importTbx } from '../../pipeline/glossary/tbx.js';
import { loadTermbase, openTermbase, type Entry } from '../../pipeline/glossary/termbase.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';
import { scratchDir } from '../helpers/scratch.js';

const data = (entries: readonly Entry[]): EntryData[] => entries.map(({ file: _f, line: _l, column: _c, ...entry }) => entry);

const tricky: EntryData = {
  id: 'tricky',
  term: 'A&B',
  expansion: 'Alpha <&> "Beta" Board',
  variants: ["Alpha's Board", 'bitext:not-a-field=1'],
  case_sensitive: false,
  acronym_after_full_name_on_first_use: false,
  source: 'https://example.org/?a=1&b=2',
  notes: 'line one\nline two with ]]> and <tags>',
  langs: {
    zh: {
      approved: ['甲乙委员会', '甲乙理事会'],
      forbidden: [
        { form: '甲&乙', reason: 'uses an ampersand', use: '甲乙理事会' },
        { form: '甲乙会', reason: 'too short' },
      ],
      evidence: 'community',
      source: 'A/RES/1 (1946)',
      notes: 'chosen for <reasons>',
    },
    ar: { approved: ['مجلس ألف باء'], evidence: 'unverified' },
  },
};

describe('TBX-Basic', () => {
  it('exports and imports the bundled termbase losslessly', async () => {
    const termbase = await openTermbase(ROOT);
    expect(importTbx(exportTbx(termbase), 'glossary.tbx')).toEqual(data(termbase.entries));
  });

  it('keeps every field through escaping, notes that look like fields, order of approved forms and replacements', () => {
    const xml = exportTbx({ entries: [{ ...tricky, file: 'x.yaml', line: 1, column: 1 }], files: [] });
    expect(importTbx(xml, 'x.tbx')).toEqual([tricky]);
  });

  it('writes TBX-Basic categories: administrative status, term type, notes and sources', async () => {
    const xml = exportTbx(await openTermbase(ROOT));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml) as { tbx: Record<string, unknown> };
    expect(doc.tbx['@_type']).toBe('TBX-Basic');
    expect(doc.tbx['@_xmlns']).toBe('urn:iso:std:iso:30042:ed-2');
    expect(xml).toMatch(/<term>多方利益相关方咨询委员会<\/term>\s*<termNote type="administrativeStatus">deprecatedTerm-admn-sts<\/termNote>\s*<note>the MAG is an advisory group/);
    expect(xml).toMatch(/<term>多利益相关方咨询小组<\/term>\s*<termNote type="administrativeStatus">preferredTerm-admn-sts/);
    expect(xml).toMatch(/<term>多利益攸关方咨询小组<\/term>\s*<termNote type="administrativeStatus">admittedTerm-admn-sts/);
    expect(xml).toMatch(/<term>MAG<\/term>\s*<termNote type="termType">abbreviation/);
    expect(xml).toMatch(/<term>Multistakeholder Advisory Group<\/term>\s*<termNote type="termType">fullForm/);
    expect(xml).toContain('<note>bitext:case_sensitive=true</note>');
  });

  it('round-trips through the CLI: export -o, then import -o into another termbase folder', async () => {
    const dir = scratchDir('bitext-tbx-');
    const out = path.join(dir, 'igf.tbx');
    expect((await runCli(['glossary', 'export', '--format', 'tbx', '-o', out], ROOT)).code).toBe(0);
    const imported = await runCli(['glossary', 'import', out, '-o', path.join(dir, 'terms')], ROOT);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/wrote 31 entries to .*terms\/igf\.yaml/);
    expect(readFileSync(path.join(dir, 'terms', 'igf.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/schema\.json\n/);
    expect(readFileSync(path.join(dir, 'terms', 'schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'glossary', 'schema.json'), 'utf8'));
    const back = await loadTermbase(path.join(dir, 'terms'));
    expect(data(back.entries)).toEqual(data((await openTermbase(ROOT)).entries));
  });

  it('imports TBX 2008 (martif) files as CAT tools export them: regional language codes, terms without status, superseded terms', () => {
    const xml = readFileSync(path.join(ROOT, 'test/fixtures/glossary/tbx-v2/cat-tool.tbx'), 'utf8');
    expect(importTbx(xml, 'cat-tool.tbx')).toEqual([
      {
        id: 't-gdc',
        term: 'GDC',
        expansion: 'Global Digital Compact',
        case_sensitive: true,
        langs: {
          zh: {
            approved: ['全球数字契约'],
            forbidden: [{ form: '全球数字合约', reason: 'supersededTerm-admn-sts in the imported termbase' }],
            evidence: 'unverified',
          },
        },
      },
      {
        id: 't-2',
        term: 'workshop',
        case_sensitive: false,
        notes: 'the session type',
        langs: { fr: { approved: ['atelier'], evidence: 'unverified' }, 'zh-Hant': { approved: ['研討會'], evidence: 'unverified' } },
      },
    ]);
  });

  it('reports a malformed TBX file at file:line:col', async () => {
    const dir = scratchDir('bitext-tbx-bad-');
    writeFileSync(path.join(dir, 'bad.tbx'), '<?xml version="1.0"?>\n<tbx>\n  <text><body>\n    <conceptEntry id="x">\n  </body></text>\n</tbx>\n');
    const { code, stderr } = await runCli(['glossary', 'import', 'bad.tbx', '-o', 'terms'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bitext: bad\.tbx:5:\d+: invalid XML/);
  });
});
