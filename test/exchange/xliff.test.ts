import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { alignMeeting } from '../../pipeline/align.js';
import { exportXliff } from '../../pipeline/exchange/xliff.js';
import { readXliff } from '../../pipeline/exchange/read.js';
import { toMarkdown } from '../../pipeline/exchange/inline.js';
import { loadCorpus } from '../../pipeline/load.js';
import type { Alignment } from '../../pipeline/types.js';
import { meetingSlugs, ROOT } from '../helpers/content.js';

const MARKUP = 'test/fixtures/exchange/markup/content/2024-05-01-markup';

async function alignmentOf(dir: string): Promise<Alignment> {
  const { meetings } = await loadCorpus([dir], { cwd: ROOT });
  const [alignment] = alignMeeting(meetings[0]!);
  if (!alignment) throw new Error(`${dir}: nothing to align`);
  return alignment;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['unit', 'segment', 'trans-unit', 'mrk', 'tu', 'tuv'].includes(name) });

/** English sentences merged into one XLIFF segment: 2–1 links whose two sentences share a block. */
function merged(alignment: Alignment): number {
  return alignment.links.filter((l) => l.source.length === 2 && alignment.source.segments[l.source[0]!]!.blockIndex === alignment.source.segments[l.source[1]!]!.blockIndex).length;
}

describe.each(meetingSlugs())('XLIFF export of %s', (slug) => {
  it('is valid XLIFF 2.1 with a unit per block and a segment per aligned English sentence group', async () => {
    const alignment = await alignmentOf(`content/${slug}`);
    const xml = exportXliff(alignment, '2.1');
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = parser.parse(xml).xliff;
    expect(root['@version']).toBe('2.1');
    expect(root['@srcLang']).toBe('en');
    expect(root['@trgLang']).toBe('zh');
    const units = root.file.unit as { segment: unknown[] }[];
    expect(units).toHaveLength(alignment.source.blocks.filter((b) => b.segments.length > 0).length);
    const segments = units.flatMap((u) => u.segment);
    expect(segments).toHaveLength(alignment.source.segments.length - merged(alignment));
  });

  it('carries every English sentence exactly once, and the Markdown of both languages', async () => {
    const alignment = await alignmentOf(`content/${slug}`);
    for (const version of ['2.1', '1.2'] as const) {
      const read = readXliff(exportXliff(alignment, version));
      expect(read.segments.flatMap((s) => s.sourceIds)).toEqual(alignment.source.segments.map((s) => s.id));
      const targets = new Map(alignment.target.segments.map((s) => [s.id, s]));
      for (const segment of read.segments) {
        const english = segment.sourceIds.map((id) => alignment.source.segments.find((s) => s.id === id)!);
        expect(toMarkdown(segment.source)).toBe(alignment.source.value.slice(english[0]!.start, english[english.length - 1]!.end));
        if (!segment.target) continue;
        const covered = segment.targetIds!.map((id) => targets.get(id)!);
        expect(toMarkdown(segment.target)).toBe(alignment.target.value.slice(covered[0]!.start, covered[covered.length - 1]!.end));
      }
      const translated = read.segments.filter((s) => s.target).flatMap((s) => s.targetIds!);
      expect(new Set(translated).size).toBe(translated.length);
      // Most translated sentences are editable; the few left out are split across blocks from their English.
      expect(translated.length).toBeGreaterThan(alignment.target.segments.length * 0.9);
    }
  });

  it('is valid XLIFF 1.2 with a trans-unit per block and an mrk per segment', async () => {
    const alignment = await alignmentOf(`content/${slug}`);
    const xml = exportXliff(alignment, '1.2');
    expect(XMLValidator.validate(xml)).toBe(true);
    const file = parser.parse(xml).xliff.file;
    expect(file['@source-language']).toBe('en');
    expect(file['@target-language']).toBe('zh');
    const units = file.body['trans-unit'] as { 'seg-source': { mrk: unknown[] } }[];
    expect(units).toHaveLength(alignment.source.blocks.filter((b) => b.segments.length > 0).length);
    expect(units.flatMap((u) => u['seg-source'].mrk)).toHaveLength(alignment.source.segments.length - merged(alignment));
  });

  it('is deterministic', async () => {
    const first = await alignmentOf(`content/${slug}`);
    const second = await alignmentOf(`content/${slug}`);
    expect(exportXliff(second, '2.1')).toBe(exportXliff(first, '2.1'));
    expect(exportXliff(second, '1.2')).toBe(exportXliff(first, '1.2'));
  });
});

describe('XLIFF export of inline markup', () => {
  it('keeps Markdown in <originalData> and codes as <pc>/<ph> with matching ids in source and target', async () => {
    const xml = exportXliff(await alignmentOf(MARKUP), '2.1');
    expect(xml).toContain('<data id="d3">](https://example.org/riyadh "Host city")</data>');
    expect(xml).toContain('<target><pc id="1" dataRefStart="d1" dataRefEnd="d1" type="fmt" subType="xlf:b">MAG</pc>于5月1日在<pc id="2" dataRefStart="d2" dataRefEnd="d3" type="link">利雅得</pc>举行会议。</target>');
    expect(xml).toContain('<ph id="4" dataRef="d5" type="other" subType="md:footnote" disp="[^1]"/>');
  });

  it('escapes <, &, > (so no ]]>) and quotes', async () => {
    for (const version of ['2.1', '1.2'] as const) {
      const xml = exportXliff(await alignmentOf(MARKUP), version);
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toContain(']]>');
      expect(xml).toContain('a &lt; b &amp; c &gt; d, "quotes"');
      expect(xml).toContain('?a=1&amp;b=2');
      if (version === '2.1') expect(xml).toContain('disp="`code &lt;tag&gt; &quot;q&quot;`"');
      const special = readXliff(xml).segments.find((s) => toMarkdown(s.source).startsWith('Special'))!;
      expect(toMarkdown(special.source)).toBe(`Special characters: a < b & c > d, "quotes" and 'apostrophes', and ]]> in text.`);
    }
  });

  it('uses <bpt>/<ept>/<ph> with the Markdown inside in XLIFF 1.2', async () => {
    const xml = exportXliff(await alignmentOf(MARKUP), '1.2');
    expect(xml).toContain('<bpt id="2" ctype="link">[</bpt>利雅得<ept id="2">](https://example.org/riyadh "Host city")</ept>');
    expect(xml).toContain('<ph id="3" ctype="x-code">`bitext check`</ph>');
  });

  it('marks the state from the translation status and never re-segments', async () => {
    const xml = exportXliff(await alignmentOf(MARKUP), '2.1');
    expect(xml).toContain('canResegment="no"');
    expect(xml).toMatch(/<segment id="s-[0-9a-f]{10}" state="translated">/);
  });
});

describe('XLIFF ids', () => {
  it('are NMTOKENs even for repeated sentences (`~` is written `.`)', async () => {
    const alignment = await alignmentOf(`content/${meetingSlugs()[0]}`);
    const xml = exportXliff(alignment, '2.1');
    for (const [, id] of xml.matchAll(/ id="([^"]*)"/g)) expect(id).toMatch(/^[\w.:-]+$/);
    const repeated = alignment.source.segments.filter((s) => s.id.includes('~'));
    expect(repeated.length).toBeGreaterThan(0);
    for (const s of repeated) expect(xml).toContain(s.id.replace('~', '.'));
    expect(path.basename(alignment.source.file.path)).toBe('en.md');
  });
});
