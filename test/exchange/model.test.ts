import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildExchange, segmentsOf } from '../../pipeline/exchange/model.js';
import { exportXliff } from '../../pipeline/exchange/xliff.js';
import { readXliff } from '../../pipeline/exchange/read.js';
import { toMarkdown } from '../../pipeline/exchange/inline.js';
import { handAligned } from './hand-aligned.js';

describe('exchange model', () => {
  it('places 1–0, 0–1, 1–2 and cross-block 2–1 links', async () => {
    const alignment = await handAligned();
    const { source, target } = alignment;
    const exchange = buildExchange(alignment);
    expect(exchange.units.map((u) => u.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph', 'listItem', 'footnote']);
    const segments = segmentsOf(exchange);
    const t = (i: number): string => target.segments[i]!.id;
    expect(segments.map((s) => [s.sourceIds.map((id) => source.segments.findIndex((x) => x.id === id)), s.targetIds.map((id) => target.segments.findIndex((x) => x.id === id)), s.state])).toEqual([
      [[0], [], 'initial'],
      [[1], [1, 2], 'translated'],
      [[2], [3], 'translated'],
      [[3], [], 'initial'],
      [[4], [4, 5], 'translated'],
      [[5], [], 'initial'],
      [[6], [6], 'translated'],
      [[7], [7], 'translated'],
    ]);
    expect(toMarkdown(segments[1]!.target!)).toBe(target.value.slice(target.segments[1]!.start, target.segments[2]!.end));
    expect(exchange.units[2]!.notes).toEqual([`The translation of ${source.segments[3]!.id} is in the target of ${source.segments[2]!.id}.`]);
    expect(segments.flatMap((s) => s.targetIds)).not.toContain(t(0));
  });

  it('writes valid XLIFF for them, with an untranslated segment left without <target>', async () => {
    const alignment = await handAligned();
    for (const version of ['2.1', '1.2'] as const) {
      const xml = exportXliff(alignment, version);
      expect(XMLValidator.validate(xml)).toBe(true);
      const read = readXliff(xml);
      expect(read.segments.map((s) => s.target === undefined || toMarkdown(s.target) === '')).toEqual([true, false, false, true, false, true, false, false]);
    }
    expect(exportXliff(alignment, '2.1')).toContain('<notes><note>The translation of');
    expect(exportXliff(alignment, '1.2')).toContain('<target state="needs-translation">');
  });
});

describe('exchange model of a translation split across blocks', () => {
  it('keeps the part in the first block and notes where the rest is', async () => {
    const alignment = await handAligned();
    // The first Chinese paragraph's second sentence and the next paragraph render one English sentence.
    alignment.links = [
      { source: [0], target: [0], score: 1 },
      { source: [1, 2], target: [1, 2, 3], score: 1 },
      { source: [3], target: [], score: 1 },
      ...alignment.links.slice(4),
    ];
    const exchange = buildExchange(alignment);
    const merged = segmentsOf(exchange)[1]!;
    expect(merged.sourceIds).toEqual([alignment.source.segments[1]!.id, alignment.source.segments[2]!.id]);
    expect(merged.targetIds).toEqual([alignment.target.segments[1]!.id, alignment.target.segments[2]!.id]);
    expect(exchange.units[1]!.notes).toEqual([`Part of the translation of ${merged.id} is in another block of zh.md (${alignment.target.segments[3]!.id}), not in this file; edit it there.`]);
  });
});
