import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { termbaseJsonSchema } from '../../pipeline/glossary/schema.js';
import { GlossaryError, loadTermbase, openTermbase } from '../../pipeline/glossary/termbase.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';

const FIXTURES = 'test/fixtures/glossary';

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadTermbase(path.join(ROOT, dir), dir);
  } catch (error) {
    expect(error).toBeInstanceOf(GlossaryError);
    return (error as GlossaryError).message.split('\n');
  }
  throw new Error(`${dir} loaded without error`);
}

describe('termbase', () => {
  it('commits the JSON Schema generated from the zod schema, referenced by every YAML file', () => {
    expect(readFileSync(path.join(ROOT, 'glossary/schema.json'), 'utf8')).toBe(termbaseJsonSchema());
    expect(readFileSync(path.join(ROOT, 'glossary/igf.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/schema\.json$/m);
  });

  it('loads the bundled termbase with every seeded term, zh for all that have a rendering, a reason for each forbidden variant', async () => {
    const { entries } = await openTermbase(ROOT);
    const terms = entries.map((e) => e.term);
    for (const term of ['MAG', 'IGF', 'NRIs', 'PNAI', 'PNIF', 'PNMA', 'BPF', 'DC', 'LP', 'GDC', 'WSIS', 'WSIS+20', 'CSTD', 'ITU', 'UNDESA', 'ODET', 'IMSB', 'UNGIS', 'LACIGF', 'SEEDIG', 'IPU', 'WG-Strategy', 'WG-WSP', 'WG-Multilingual', 'stakeholder', 'workshop', 'open consultations', 'lightning talk', 'Day 0', 'open forum', 'intersessional work']) {
      expect(terms, term).toContain(term);
    }
    for (const entry of entries) {
      if (entry.id !== 'imsb') expect(entry.langs.zh?.approved.length, entry.id).toBeGreaterThan(0);
      for (const rendering of Object.values(entry.langs)) for (const f of rendering?.forbidden ?? []) expect(f.reason.length).toBeGreaterThan(10);
    }
    const mag = entries.find((e) => e.id === 'mag')!;
    expect(mag.langs.zh?.approved[0]).toBe('多利益相关方咨询小组');
    expect(mag.langs.zh?.forbidden?.map((f) => f.form)).toContain('多方利益相关方咨询委员会');
    expect(entries.find((e) => e.id === 'gdc')?.langs.fr?.approved).toEqual(['Pacte numérique mondial']);
  });

  it('reports invalid YAML at file:line:col', async () => {
    const [problem] = await problemsOf(`${FIXTURES}/malformed-yaml`);
    expect(problem).toMatch(new RegExp(`^${FIXTURES}/malformed-yaml/terms\\.yaml:\\d+:\\d+: invalid YAML`));
  });

  it('reports every schema problem at the line of its key', async () => {
    const problems = await problemsOf(`${FIXTURES}/malformed-schema`);
    const file = `${FIXTURES}/malformed-schema/terms.yaml`;
    expect(problems).toContain(`${file}:11:21: \`entries.1.case_sensitive\` Invalid input: expected boolean, received string`);
    expect(problems.some((p) => p.startsWith(`${file}:14:19: \`entries.1.langs.zh.approved\``))).toBe(true);
    expect(problems.some((p) => p.startsWith(`${file}:15:19: \`entries.1.langs.zh.evidence\``))).toBe(true);
  });

  it('reports duplicate ids across files and a form both approved and forbidden', async () => {
    const problems = await problemsOf(`${FIXTURES}/duplicate-id`);
    expect(problems).toContain(`${FIXTURES}/duplicate-id/b.yaml:2:5: entry \`ipu\`: zh form \`各国议会联盟\` is both approved and forbidden`);
    expect(problems).toContain(`${FIXTURES}/duplicate-id/b.yaml:12:5: entry \`mag\`: duplicate id; first defined at ${FIXTURES}/duplicate-id/a.yaml:2`);
  });

  it('treats an empty folder as no terms and a missing named folder as an error; a missing default folder has no terms', async () => {
    expect((await openTermbase(ROOT, `${FIXTURES}/empty`)).entries).toEqual([]);
    await expect(openTermbase(ROOT, 'no/such/glossary')).rejects.toThrow(/Cannot read the glossary folder no\/such\/glossary/);
    expect((await openTermbase(path.join(ROOT, FIXTURES))).entries).toEqual([]);
  });

  it('makes a malformed glossary a located error of `bitext check`, exit 2', async () => {
    const { code, stderr } = await runCli(['check', '--glossary', `${FIXTURES}/malformed-schema`], ROOT);
    expect(code).toBe(2);
    expect(stderr).toMatch(/malformed-schema\/terms\.yaml:11:21: `entries\.1\.case_sensitive`/);
  });
});
