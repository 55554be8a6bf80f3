import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { alignMeeting } from '../../pipeline/align.js';
import { exportTmx } from '../../pipeline/exchange/tmx.js';
import { loadCorpus } from '../../pipeline/load.js';
import type { Alignment } from '../../pipeline/types.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/content.js';

async function alignments(dir: string): Promise<Alignment[]> {
  const { meetings } = await loadCorpus([dir], { cwd: ROOT });
  return meetings.flatMap((m) => alignMeeting(m));
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['tu', 'tuv', 'prop'].includes(name) });

describe('TMX export', () => {
  it('is valid TMX 1.4b with one <tu> per aligned pair of the whole corpus', async () => {
    const all = await alignments('content');
    expect(all).toHaveLength(3);
    const xml = exportTmx(all, { toolVersion: '1.0' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const tmx = parser.parse(xml).tmx;
    expect(tmx['@version']).toBe('1.4');
    expect(tmx.header).toMatchObject({ '@creationtool': 'bitext', '@segtype': 'sentence', '@srclang': 'en', '@adminlang': 'en', '@o-tmf': 'bitext' });
    const pairs = all.reduce((n, a) => n + a.links.filter((l) => l.source.length > 0 && l.target.length > 0).length, 0);
    const units = tmx.body.tu as { '@tuid': string; tuv: { '@xml:lang': string }[] }[];
    expect(units).toHaveLength(pairs);
    for (const tu of units) expect(tu.tuv.map((t) => t['@xml:lang'])).toEqual(['en', 'zh']);
    expect(new Set(units.map((tu) => tu['@tuid'])).size).toBe(units.length);
  });

  it('dates the memory by its content, never by the clock, so two exports are identical', async () => {
    const all = await alignments('content');
    const first = exportTmx(all);
    const second = exportTmx(await alignments('content'));
    expect(second).toBe(first);
    const latest = all.map((a) => a.target.frontMatter!.date).sort().pop()!;
    expect(first).toContain(`creationdate="${latest.replace(/-/g, '')}T000000Z"`);
    expect(first.match(/creationdate=/g)).toHaveLength(1);
  });

  it('pairs Markdown codes of the two languages with x and keeps the Markdown inside', async () => {
    const xml = exportTmx(await alignments('test/fixtures/exchange/markup/content'));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<seg>The <bpt i="1" x="1" type="bold">**</bpt>MAG<ept i="1">**</ept> met in <bpt i="2" x="2" type="link">[</bpt>Riyadh<ept i="2">](https://example.org/riyadh "Host city")</ept> on 1 May.</seg>');
    expect(xml).toContain('<seg><bpt i="1" x="1" type="bold">**</bpt>MAG<ept i="1">**</ept>于5月1日在<bpt i="2" x="2" type="link">[</bpt>利雅得<ept i="2">](https://example.org/riyadh "Host city")</ept>举行会议。</seg>');
    expect(xml).toContain('<ph x="2" type="fnote">[^1]</ph>');
  });

  it('is what `bitext export --format tmx` prints for the corpus, and --lang filters languages', async () => {
    const cli = await runCli(['export', '--format', 'tmx'], ROOT);
    expect(cli.code).toBe(0);
    const direct = exportTmx(await alignments('content'), { toolVersion: (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version });
    expect(cli.stdout).toBe(direct);
    const none = await runCli(['export', '--all', '--format', 'tmx', '--lang', 'fr'], ROOT);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain('<tu ');
  });
});
